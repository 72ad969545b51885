//! The editable report: the same [`ReportModel`] as the PDF, written as a Word document.
//!
//! Nothing here shares code with [`crate::layout`] or [`crate::render`]: the model is the only
//! common ground. Word does the layout: the document carries real paragraph styles (`Title`,
//! `Heading1` to `Heading3` with outline levels, `Lead`, `Note`, `ListBullet`, `TableHeader`),
//! real tables whose first row is a repeating header row, and a table of contents field that
//! Word and LibreOffice can update; its entries are filled in when the file is written, so the
//! contents list shows before anyone updates the field.
//!
//! The document is written with [`docx_rs`] and its parts deflated ([`compress`]). The
//! archive's entries carry the ZIP format's fixed earliest timestamp and the document's dates are the report date, so the same model gives the
//! same bytes in a fresh process. One thing the crate cannot do is mark a row as a repeating
//! table header (`w:tblHeader`); [`fix_document_xml`] adds that one element to the rows this
//! module flagged, in the generated `document.xml`, before the archive is packed.

mod words;

use std::io::Cursor;
use std::path::Path;

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Footer, Header, IndentLevel, Level, LevelJc, LevelText,
    LineSpacing, NumPages, NumberFormat, Numbering, NumberingId, PageMargin, PageNum, Paragraph, Pic, Run, RunFonts,
    Shading, Start, Style, StyleType, Table, TableCell, TableCellMargins, TableLayoutType, TableOfContents, TableRow,
    WidthType,
};

use crate::branding::{Logo, LogoFormat, Rgb};
use crate::i18n::{number, short_date};
use crate::model::{Align, BarChart, Block, Cell, Gantt, GanttItem, KeyFigure, ReportModel, TextStyle, Tone};
use crate::{model, ReportError};

/// A4 in twentieths of a point.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
/// Left and right margins: 2 cm.
const MARGIN_X: i32 = 1134;
/// The width between the margins, in twentieths of a point.
const TEXT_W: usize = PAGE_W as usize - 2 * MARGIN_X as usize;
/// English Metric Units per pixel at 96 dpi.
const EMU_PER_PX: u32 = 9525;
const FONT: &str = "Noto Sans";
const INK: &str = "222B36";
const GREY: &str = "5F6B78";
/// Marks a header row until [`fix_document_xml`] turns the mark into `w:tblHeader`.
const HEADER_ROW_MARK: &str = "<w:cantSplit />";
/// docx-rs always writes a decimal list as numbering 1; the bullets take the next id.
const BULLETS: usize = 2;

/// The report as DOCX bytes.
pub fn render_docx(model: &ReportModel) -> Result<Vec<u8>, ReportError> {
    let date = format!("{}T00:00:00Z", model.meta.date);
    let mut doc = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(PageMargin::new().top(1418).bottom(1418).left(MARGIN_X).right(MARGIN_X).header(680).footer(680))
        .default_fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT))
        .default_size(20)
        .created_at(&date)
        .updated_at(&date)
        .add_abstract_numbering(
            AbstractNumbering::new(BULLETS).add_level(
                Level::new(0, Start::new(1), NumberFormat::new("bullet"), LevelText::new("•"), LevelJc::new("left"))
                    .indent(Some(360), Some(docx_rs::SpecialIndentType::Hanging(240)), None, None),
            ),
        )
        .add_numbering(Numbering::new(BULLETS, BULLETS));
    for style in styles(model) {
        doc = doc.add_style(style);
    }
    doc = doc.header(running_header(model)).footer(footer(model)).title_pg();
    doc = cover(doc, model)?;
    doc = contents(doc, model);
    for section in &model.sections {
        doc = doc.add_paragraph(
            Paragraph::new()
                .style("Heading1")
                .page_break_before(section.new_page)
                .add_run(Run::new().add_text(&section.title)),
        );
        for block in &section.blocks {
            doc = add_block(doc, model, block);
        }
    }
    let mut xml = doc.build();
    xml.doc_props = core_properties(xml.doc_props, model);
    xml.document = fix_document_xml(&xml.document);
    let mut out = Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(|e| ReportError::Docx(e.to_string()))?;
    compress(&out.into_inner()).map_err(|e| ReportError::Docx(e.to_string()))
}

/// The same archive with every part deflated: docx-rs stores the parts uncompressed, which makes
/// the largest report about 1 MB instead of about 100 KB. Entries keep their order, names and the
/// ZIP format's fixed earliest timestamp, so the output stays reproducible.
fn compress(stored: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(Cursor::new(stored))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(stored.len() / 6)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut buffer = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i)?;
        if entry.is_dir() {
            // Folder entries are not parts; Word and LibreOffice do not need them.
            continue;
        }
        buffer.clear();
        entry.read_to_end(&mut buffer)?;
        out.start_file(entry.name(), options)?;
        out.write_all(&buffer)?;
    }
    Ok(out.finish()?.into_inner())
}

/// Writes the DOCX to `path` whole or not at all (a temporary file beside it, then renamed).
pub fn write_docx(model: &ReportModel, path: &Path) -> Result<(), ReportError> {
    let bytes = render_docx(model)?;
    crosswalk_core::files::write_whole(path, &bytes)
        .map_err(|source| ReportError::Write { path: path.to_owned(), source })
}

/// The document's title, subject and author in `docProps/core.xml` (docx-rs leaves them
/// out); the dates are already the report date.
fn core_properties(mut props: docx_rs::XMLDocProps, model: &ReportModel) -> docx_rs::XMLDocProps {
    let core = String::from_utf8_lossy(&props.core).into_owned();
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let extra = format!(
        "<dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:language>{}</dc:language>",
        escape(&model.meta.title),
        escape(&model.meta.subject),
        model.lang.code()
    );
    let core = core
        .replace(
            "<dc:creator>unknown</dc:creator>",
            &format!("<dc:creator>{}</dc:creator>", escape(&model.meta.author)),
        )
        .replace(
            "<cp:lastModifiedBy>unknown</cp:lastModifiedBy>",
            &format!("<cp:lastModifiedBy>{}</cp:lastModifiedBy>", escape(&model.meta.author)),
        )
        .replace("</cp:coreProperties>", &format!("{extra}</cp:coreProperties>"));
    props.core = core.into_bytes();
    props
}

/// Two things docx-rs cannot say, added to the generated `document.xml`:
///
/// - `w:tblHeader` beside the mark of every flagged header row, so Word and LibreOffice repeat
///   the row on every page the table spans and readers know it is the header;
/// - the contents entries' right tab at the text width (docx-rs puts it far off the page);
/// - each part of a field (begin, instruction, separator, result, end) in a run of its own, as
///   Word writes them;
/// - the contents' content control marked as a table of contents (`w:docPartObj`); without it
///   LibreOffice shows the field's instruction as text;
/// - no page numbers in the contents until the field is updated: docx-rs would write `1` for
///   every entry, and only Word or LibreOffice know the pages ([`without_page_references`]).
///   The field is marked dirty, so Word updates it when the document is opened.
pub(crate) fn fix_document_xml(document: &[u8]) -> Vec<u8> {
    const BEGIN: &str = r#"<w:fldChar w:fldCharType="begin" w:dirty="false" />"#;
    const DIRTY_BEGIN: &str = r#"<w:fldChar w:fldCharType="begin" w:dirty="true" />"#;
    const SEPARATE: &str = r#"<w:fldChar w:fldCharType="separate" w:dirty="false" />"#;
    const END: &str = r#"<w:fldChar w:fldCharType="end" w:dirty="false" />"#;
    const TOC_CONTROL: &str = "<w:sdt><w:sdtPr /><w:sdtContent>";
    const TOC_PART: &str = r#"<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents" /><w:docPartUnique /></w:docPartObj></w:sdtPr><w:sdtContent>"#;
    let text = without_page_references(&String::from_utf8_lossy(document), BEGIN, SEPARATE, END);
    text.replacen(TOC_CONTROL, TOC_PART, 1)
        .replace(&format!("{DIRTY_BEGIN}<w:instrText"), &format!("{DIRTY_BEGIN}</w:r><w:r><w:instrText"))
        .replace(HEADER_ROW_MARK, "<w:cantSplit /><w:tblHeader />")
        .replace(r#"w:leader="dot" w:pos="80000""#, &format!(r#"w:leader="dot" w:pos="{TEXT_W}""#))
        .replace(&format!("{BEGIN}<w:instrText"), &format!("{BEGIN}</w:r><w:r><w:instrText"))
        .replace(&format!("</w:instrText>{SEPARATE}"), &format!("</w:instrText></w:r><w:r>{SEPARATE}"))
        .replace(&format!("{SEPARATE}<w:t"), &format!("{SEPARATE}</w:r><w:r><w:t"))
        .replace(&format!("</w:t>{END}"), &format!("</w:t></w:r><w:r>{END}"))
        .into_bytes()
}

/// The contents entries without their page numbers: each entry's tab and `PAGEREF` field (whose
/// cached result docx-rs sets to `1`) is left out; updating the field puts them back.
fn without_page_references(text: &str, begin: &str, separate: &str, end: &str) -> String {
    let start = format!("<w:r><w:rPr /><w:tab /></w:r><w:r><w:rPr />{begin}<w:instrText>PAGEREF");
    let finish = format!("{separate}<w:t xml:space=\"preserve\">1</w:t>{end}</w:r>");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(&start) {
        let Some(len) = rest[at..].find(&finish) else { break };
        out.push_str(&rest[..at]);
        rest = &rest[at + len + finish.len()..];
    }
    out.push_str(rest);
    out
}

fn hex(rgb: Rgb) -> String {
    rgb.hex().trim_start_matches('#').to_owned()
}

fn styles(model: &ReportModel) -> Vec<Style> {
    let primary = hex(model.branding.primary);
    let accent = hex(model.branding.accent);
    let spacing = |before: u32, after: u32| LineSpacing::new().before(before).after(after);
    let heading = |id: &str, name: &str, level: usize, size: usize, colour: &str, before: u32| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .outline_lvl(level)
            .bold()
            .size(size)
            .color(colour)
            .line_spacing(spacing(before, 120))
    };
    vec![
        Style::new("Normal", StyleType::Paragraph)
            .name("Normal")
            .q_format(true)
            .size(20)
            .color(INK)
            .line_spacing(spacing(0, 120).line(264).line_rule(docx_rs::LineSpacingType::Auto)),
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .q_format(true)
            .bold()
            .size(52)
            .color(primary.as_str())
            .line_spacing(spacing(0, 120)),
        Style::new("Subtitle", StyleType::Paragraph)
            .name("Subtitle")
            .based_on("Normal")
            .q_format(true)
            .size(26)
            .color(accent.as_str())
            .line_spacing(spacing(0, 480)),
        heading("Heading1", "heading 1", 0, 36, &primary, 0),
        heading("Heading2", "heading 2", 1, 26, &primary, 240),
        heading("Heading3", "heading 3", 2, 22, INK, 200),
        // Like a first-level heading but without an outline level, so the contents do not list
        // their own title.
        Style::new("TOCHeading", StyleType::Paragraph)
            .name("TOC Heading")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold()
            .size(36)
            .color(primary.as_str())
            .line_spacing(spacing(0, 240)),
        Style::new("Lead", StyleType::Paragraph).name("Lead").based_on("Normal").q_format(true).size(24),
        Style::new("Note", StyleType::Paragraph).name("Note").based_on("Normal").q_format(true).size(16).color(GREY),
        Style::new("ListBullet", StyleType::Paragraph)
            .name("List Bullet")
            .based_on("Normal")
            .q_format(true)
            .line_spacing(spacing(0, 60)),
        Style::new("TableText", StyleType::Paragraph)
            .name("Table Text")
            .based_on("Normal")
            .q_format(true)
            .size(17)
            .line_spacing(spacing(0, 0).line(240)),
        Style::new("TableHeader", StyleType::Paragraph)
            .name("Table Header")
            .based_on("TableText")
            .q_format(true)
            .bold()
            .color("FFFFFF"),
        Style::new("Header", StyleType::Paragraph).name("header").based_on("Normal").size(15).color(GREY),
        Style::new("Footer", StyleType::Paragraph).name("footer").based_on("Normal").size(15).color(GREY),
    ]
}

/// A run of text; the model's line breaks (a contact block, an address) become Word line breaks.
fn text_run(text: &str) -> Run {
    let mut run = Run::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    run
}

fn para(style: &str, text: &str) -> Paragraph {
    Paragraph::new().style(style).add_run(text_run(text))
}

fn running_header(model: &ReportModel) -> Header {
    let line = format!("{} · {}", model.chrome.running_title, model.meta.client_name);
    Header::new().add_paragraph(
        Paragraph::new()
            .style("Header")
            .add_run(text_run(&line))
            .add_run(Run::new().add_tab().add_text(&model.branding.firm_name))
            .add_tab(docx_rs::Tab::new().val(docx_rs::TabValueType::Right).pos(TEXT_W)),
    )
}

/// The footer: the firm's line and `Page X of Y` with live page fields.
fn footer(model: &ReportModel) -> Footer {
    let mut p = Paragraph::new().style("Footer");
    if !model.branding.footer.is_empty() {
        p = p.add_run(text_run(&model.branding.footer)).add_run(Run::new().add_tab());
    }
    p = p.add_tab(docx_rs::Tab::new().val(docx_rs::TabValueType::Right).pos(TEXT_W));
    let pattern = &model.chrome.page_of;
    let (before, rest) = pattern.split_once("{page}").unwrap_or((pattern.as_str(), ""));
    let (middle, after) = rest.split_once("{pages}").unwrap_or((rest, ""));
    p = p.add_run(text_run(before)).add_page_num(PageNum::new()).add_run(text_run(middle));
    p = p.add_num_pages(NumPages::new()).add_run(text_run(after));
    Footer::new().add_paragraph(p)
}

/// A logo scaled to fit `max_w_px` by `max_h_px`. docx-rs stores every picture as a `.png`
/// part, so a JPEG logo is converted to PNG first (Word checks that the bytes match the name).
fn picture(logo: &Logo, max_w_px: u32, max_h_px: u32) -> Result<Pic, ReportError> {
    let (w, h) = logo.size();
    let scale = (max_w_px as f32 / w as f32).min(max_h_px as f32 / h as f32);
    let (dw, dh) = ((w as f32 * scale).round() as u32, (h as f32 * scale).round() as u32);
    let bytes = match logo.format() {
        LogoFormat::Png => logo.bytes().to_vec(),
        LogoFormat::Jpeg => {
            let image = image::load_from_memory_with_format(logo.bytes(), image::ImageFormat::Jpeg)
                .map_err(|e| ReportError::Image { which: "client", message: e.to_string() })?;
            let mut out = Cursor::new(Vec::new());
            image
                .write_to(&mut out, image::ImageFormat::Png)
                .map_err(|e| ReportError::Image { which: "client", message: e.to_string() })?;
            out.into_inner()
        }
    };
    Ok(Pic::new_with_dimensions(bytes, w, h).size(dw.max(1) * EMU_PER_PX, dh.max(1) * EMU_PER_PX))
}

fn cover(mut doc: Docx, model: &ReportModel) -> Result<Docx, ReportError> {
    let branding = &model.branding;
    let cover = &model.cover;
    // The logos side by side: the firm's on the left, the client's on the right.
    let firm = match &branding.logo {
        Some(logo) => Paragraph::new().add_run(Run::new().add_image(picture(logo, 220, 72)?.id("rIdImageFirm"))),
        None => Paragraph::new().add_run(text_run(&branding.firm_name).bold().size(28).color(hex(branding.primary))),
    };
    let client = match &branding.client_logo {
        Some(logo) => Paragraph::new()
            .align(AlignmentType::Right)
            .add_run(Run::new().add_image(picture(logo, 200, 72)?.id("rIdImageClient"))),
        None => Paragraph::new(),
    };
    let half = TEXT_W / 2;
    doc = doc.add_table(
        Table::without_borders(vec![TableRow::new(vec![
            TableCell::new().add_paragraph(firm).width(half, WidthType::Dxa),
            TableCell::new().add_paragraph(client).width(half, WidthType::Dxa),
        ])])
        .set_grid(vec![half, half])
        .width(TEXT_W, WidthType::Dxa),
    );
    doc = doc.add_paragraph(Paragraph::new().line_spacing(LineSpacing::new().before(1800)));
    doc = doc.add_paragraph(para("Title", &cover.title)).add_paragraph(para("Subtitle", &cover.subtitle));
    doc = doc.add_paragraph(
        Paragraph::new().add_run(text_run(&cover.prepared_for.to_uppercase()).bold().size(16).color(GREY)),
    );
    doc = doc.add_paragraph(
        Paragraph::new().add_run(text_run(&cover.client_name).bold().size(40).color(hex(branding.primary))),
    );
    let pairs = |rows: &[(String, String)], bold: bool| {
        let label_w = TEXT_W * 3 / 10;
        let rows: Vec<TableRow> = rows
            .iter()
            .map(|(label, value)| {
                let mut value_run = text_run(value);
                if bold {
                    value_run = value_run.bold();
                }
                TableRow::new(vec![
                    TableCell::new()
                        .add_paragraph(Paragraph::new().style("TableText").add_run(text_run(label).color(GREY)))
                        .width(label_w, WidthType::Dxa),
                    TableCell::new()
                        .add_paragraph(Paragraph::new().style("TableText").add_run(value_run))
                        .width(TEXT_W - label_w, WidthType::Dxa),
                ])
            })
            .collect();
        Table::without_borders(rows)
            .set_grid(vec![label_w, TEXT_W - label_w])
            .width(TEXT_W, WidthType::Dxa)
            .margins(TableCellMargins::new().margin(40, 0, 40, 0))
    };
    doc = doc.add_table(pairs(&cover.client_summary, false));
    doc = doc.add_paragraph(Paragraph::new());
    doc = doc.add_table(pairs(&cover.facts, true));
    doc = doc.add_paragraph(Paragraph::new());
    doc = doc.add_table(callout_table(
        branding.accent,
        None,
        std::slice::from_ref(&cover.confidentiality),
        &hex(branding.accent.shade(0.3)),
    ));
    doc = doc.add_paragraph(Paragraph::new());
    let mut contact = Paragraph::new().style("Note").add_run(text_run(&branding.firm_name).bold());
    for line in &branding.contact {
        contact = contact.add_run(Run::new().add_break(BreakType::TextWrapping).add_text(line));
    }
    Ok(doc.add_paragraph(contact))
}

/// The contents page: a real TOC field over the heading styles, filled in once when written.
fn contents(doc: Docx, model: &ReportModel) -> Docx {
    doc.add_paragraph(
        Paragraph::new().style("TOCHeading").page_break_before(true).add_run(text_run(&model.chrome.contents_title)),
    )
    .add_table_of_contents(TableOfContents::new().heading_styles_range(1, 2).auto().dirty())
}

fn add_block(doc: Docx, model: &ReportModel, block: &Block) -> Docx {
    match block {
        Block::Heading { level, text } => {
            let style = if *level <= 2 { "Heading2" } else { "Heading3" };
            doc.add_paragraph(para(style, text).keep_next(true))
        }
        Block::Paragraph { text, style } => doc.add_paragraph(para(paragraph_style(*style), text)),
        Block::Bullets { items, style } => items.iter().fold(doc, |doc, item| {
            let mut p = para("ListBullet", item).numbering(NumberingId::new(BULLETS), IndentLevel::new(0));
            if *style == TextStyle::Note {
                p = p.size(16).color(GREY);
            }
            doc.add_paragraph(p)
        }),
        Block::Callout { tone, title, lines } => {
            let colour = model::tone_colour(*tone, &model.branding);
            doc.add_table(callout_table(colour, Some(title), lines, INK)).add_paragraph(Paragraph::new())
        }
        Block::KeyFigures(figures) => doc.add_table(key_figures(model, figures)).add_paragraph(Paragraph::new()),
        Block::Table(table) => doc.add_table(data_table(model, table)).add_paragraph(Paragraph::new()),
        Block::BarChart(chart) => {
            let doc = doc.add_paragraph(para("Heading3", &chart.title).keep_next(true));
            doc.add_table(data_table(model, &bar_chart_table(model, chart))).add_paragraph(Paragraph::new())
        }
        Block::Gantt(gantt) => {
            doc.add_table(data_table(model, &gantt_table(model, gantt))).add_paragraph(Paragraph::new())
        }
        // Word spaces paragraphs by their styles; the PDF's explicit gaps are not needed.
        Block::Space(_) => doc,
    }
}

fn paragraph_style(style: TextStyle) -> &'static str {
    match style {
        TextStyle::Body => "Normal",
        TextStyle::Note => "Note",
        TextStyle::Lead => "Lead",
    }
}

/// A boxed note: one cell, tinted in the tone's colour, a coloured rule on the left.
fn callout_table(colour: Rgb, title: Option<&String>, lines: &[String], ink: &str) -> Table {
    let mut cell = TableCell::new()
        .shading(Shading::new().fill(hex(colour.tint(0.88))))
        .width(TEXT_W, WidthType::Dxa)
        .set_border(docx_rs::TableCellBorder::new(docx_rs::TableCellBorderPosition::Left).size(24).color(hex(colour)));
    if let Some(title) = title {
        cell = cell.add_paragraph(
            Paragraph::new().keep_next(true).add_run(text_run(title).bold().color(hex(colour.shade(0.2)))),
        );
    }
    for line in lines {
        cell = cell.add_paragraph(Paragraph::new().add_run(text_run(line).color(ink)));
    }
    Table::without_borders(vec![TableRow::new(vec![cell]).cant_split()])
        .set_grid(vec![TEXT_W])
        .width(TEXT_W, WidthType::Dxa)
        .margins(TableCellMargins::new().margin(100, 160, 100, 160))
}

fn key_figures(model: &ReportModel, figures: &[KeyFigure]) -> Table {
    let n = figures.len().max(1);
    let w = TEXT_W / n;
    let cells = figures
        .iter()
        .map(|f| {
            let colour = match f.tone {
                Tone::Neutral => hex(model.branding.primary),
                tone => hex(model::tone_colour(tone, &model.branding)),
            };
            TableCell::new()
                .shading(Shading::new().fill(hex(model.branding.primary.tint(0.92))))
                .width(w, WidthType::Dxa)
                .add_paragraph(Paragraph::new().style("TableText").add_run(text_run(&f.label).color(GREY)))
                .add_paragraph(Paragraph::new().add_run(text_run(&f.value).bold().size(32).color(colour)))
        })
        .collect();
    Table::without_borders(vec![TableRow::new(cells).cant_split()])
        .set_grid(vec![w; n])
        .width(w * n, WidthType::Dxa)
        .margins(TableCellMargins::new().margin(80, 120, 80, 120))
}

fn alignment(align: Align) -> AlignmentType {
    match align {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
    }
}

/// A model table as a Word table: a header row on the firm's colour that repeats on every page,
/// column widths in the model's proportions, status tints behind toned cells.
fn data_table(model: &ReportModel, table: &model::Table) -> Table {
    let size = if table.dense { 15 } else { 17 };
    let widths = column_widths(table, size);
    let header = TableRow::new(
        table
            .columns
            .iter()
            .zip(&widths)
            .map(|(column, w)| {
                TableCell::new()
                    .shading(Shading::new().fill(hex(model.branding.primary)))
                    .width(*w, WidthType::Dxa)
                    .add_paragraph(
                        Paragraph::new()
                            .style("TableHeader")
                            .align(alignment(column.align))
                            .add_run(text_run(&column.header).size(size)),
                    )
            })
            .collect(),
    )
    .cant_split();
    let mut rows = vec![header];
    for (i, row) in table.rows.iter().enumerate() {
        let band = (i % 2 == 1).then(|| hex(model.branding.primary.tint(0.95)));
        let cells = table
            .columns
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(c, (column, w))| {
                let empty = Cell::text("");
                let cell = row.cells.get(c).unwrap_or(&empty);
                let mut run = text_run(&cell.text).size(size);
                if cell.bold || row.emphasis {
                    run = run.bold();
                }
                let mut out = TableCell::new()
                    .width(*w, WidthType::Dxa)
                    .add_paragraph(Paragraph::new().style("TableText").align(alignment(column.align)).add_run(run));
                let fill = match cell.tone {
                    Tone::Neutral => band.clone(),
                    tone => Some(hex(model::tone_colour(tone, &model.branding).tint(0.78))),
                };
                if let Some(fill) = fill {
                    out = out.shading(Shading::new().fill(fill));
                }
                out
            })
            .collect();
        rows.push(TableRow::new(cells));
    }
    let border = |position| docx_rs::TableBorder::new(position).size(4).color(hex(model.branding.primary.tint(0.7)));
    Table::new(rows)
        .set_grid(widths.clone())
        .width(widths.iter().sum(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(40, CELL_PAD, 40, CELL_PAD))
        .set_border(border(docx_rs::TableBorderPosition::Top))
        .set_border(border(docx_rs::TableBorderPosition::Bottom))
        .set_border(border(docx_rs::TableBorderPosition::Left))
        .set_border(border(docx_rs::TableBorderPosition::Right))
        .set_border(border(docx_rs::TableBorderPosition::InsideH))
        .set_border(border(docx_rs::TableBorderPosition::InsideV))
}

/// Left and right padding of a table cell, in twentieths of a point.
const CELL_PAD: usize = 60;

/// Column widths in the model's proportions, but never so narrow that the longest word of a
/// column (a control id, a number, a one-word header) breaks inside: such columns get what
/// their longest word needs and the others share the rest by weight.
fn column_widths(table: &model::Table, size: usize) -> Vec<usize> {
    // Half-points to twips is ×10; a character of the bold face in capitals and digits is
    // about 0.7 em wide, enough for ids and headers.
    let char_w = size as f32 * 10.0 * 0.7;
    let longest = |text: &str| text.split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0);
    let mins: Vec<f32> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let cells = table.rows.iter().filter_map(|r| r.cells.get(i)).map(|c| longest(&c.text));
            let chars = cells.chain(std::iter::once(longest(&column.header))).max().unwrap_or(0);
            (chars as f32 * char_w + 2.0 * CELL_PAD as f32).min(TEXT_W as f32 * 0.4)
        })
        .collect();
    let weights: Vec<f32> = table.columns.iter().map(|c| c.weight.max(0.01)).collect();
    let mut fixed = vec![false; weights.len()];
    let mut widths = vec![0.0f32; weights.len()];
    for _ in 0..=weights.len() {
        let free_w: f32 = TEXT_W as f32 - (0..weights.len()).filter(|i| fixed[*i]).map(|i| mins[i]).sum::<f32>();
        let free_weight: f32 = (0..weights.len()).filter(|i| !fixed[*i]).map(|i| weights[i]).sum();
        let mut changed = false;
        for i in 0..weights.len() {
            widths[i] = if fixed[i] { mins[i] } else { free_w * weights[i] / free_weight.max(0.01) };
            if !fixed[i] && widths[i] < mins[i] {
                fixed[i] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let total: f32 = widths.iter().sum();
    let scale = if total > TEXT_W as f32 { TEXT_W as f32 / total } else { 1.0 };
    widths.iter().map(|w| (w * scale).floor() as usize).collect()
}

/// A bar chart as a table: one row per bar, one column per segment of the legend, the bar's
/// own label last.
fn bar_chart_table(model: &ReportModel, chart: &BarChart) -> model::Table {
    let lang = model.lang;
    let mut columns = vec![model::Column { header: String::new(), weight: 3.0, align: Align::Left }];
    columns.extend(chart.legend.iter().map(|(name, _)| model::Column {
        header: name.clone(),
        weight: 1.3,
        align: Align::Right,
    }));
    columns.push(model::Column { header: words::total(lang).into(), weight: 1.3, align: Align::Right });
    let rows = chart
        .bars
        .iter()
        .map(|bar| {
            let mut cells = vec![Cell::text(bar.label.clone())];
            for (i, (_, tone)) in chart.legend.iter().enumerate() {
                let value = bar.segments.get(i).map(|s| s.0).unwrap_or(0.0);
                cells.push(Cell::toned(number(lang, value, 0), if value > 0.0 { *tone } else { Tone::Neutral }));
            }
            cells.push(Cell::bold(bar.value_label.clone()));
            model::Row::new(cells)
        })
        .collect();
    model::Table { columns, rows, dense: false }
}

/// The roadmap's timeline as a table: each phase with its start and end, each milestone with
/// its date.
fn gantt_table(model: &ReportModel, gantt: &Gantt) -> model::Table {
    let lang = model.lang;
    let column = |header: &str, weight: f32, align: Align| model::Column { header: header.into(), weight, align };
    let columns = vec![
        column(words::phase(lang), 4.0, Align::Left),
        column(words::from(lang), 1.5, Align::Left),
        column(words::until(lang), 1.5, Align::Left),
    ];
    let mut rows: Vec<model::Row> = gantt
        .rows
        .iter()
        .map(|row| match &row.item {
            GanttItem::Bar { start, end, tone } => model::Row::new(vec![
                Cell::toned(row.label.clone(), *tone),
                Cell::text(short_date(lang, *start)),
                Cell::text(short_date(lang, *end)),
            ]),
            GanttItem::Milestone { date, tone } => model::Row::new(vec![
                Cell::toned(format!("◆ {} ({})", row.label, gantt.milestone_label), *tone),
                Cell::text(String::new()),
                Cell::bold(short_date(lang, *date)),
            ]),
        })
        .collect();
    rows.insert(
        0,
        model::Row {
            cells: vec![
                Cell::bold(gantt.today_label.clone()),
                Cell::text(short_date(lang, gantt.today)),
                Cell::text(""),
            ],
            emphasis: true,
        },
    );
    model::Table { columns, rows, dense: false }
}
