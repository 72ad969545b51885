//! The same report model as an HTML page with print CSS, for the comparison with a browser's
//! print-to-PDF. Written for the benchmark only: it renders every block the PDF renders, in a
//! plain style, so that the browser has comparable work to do.

use std::fmt::Write;
use std::path::Path;

use crosswalk_report::model::{Align, Block, GanttItem, ReportModel, TextStyle, Tone};

fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('\n', "<br>")
}

fn tone(t: Tone) -> &'static str {
    match t {
        Tone::Neutral => "neutral",
        Tone::Good => "good",
        Tone::Warn => "warn",
        Tone::Bad => "bad",
        Tone::Muted => "muted",
        Tone::Brand => "brand",
    }
}

fn align(a: Align) -> &'static str {
    match a {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
    }
}

pub fn render(model: &ReportModel, fonts: &Path) -> String {
    let primary = model.branding.primary.hex();
    let accent = model.branding.accent.hex();
    let mut out = String::with_capacity(400_000);
    let _ = write!(
        out,
        r#"<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title><style>
@font-face {{ font-family: Report; src: url("file://{fonts}/NotoSans-Regular.ttf"); font-weight: 400; }}
@font-face {{ font-family: Report; src: url("file://{fonts}/NotoSans-Bold.ttf"); font-weight: 700; }}
@page {{ size: A4; margin: 24mm 20mm 22mm 20mm; }}
body {{ font-family: Report, sans-serif; font-size: 9.5pt; color: #222B36; line-height: 1.42; }}
h1 {{ color: {primary}; font-size: 20pt; margin: 0 0 12pt; border-bottom: 2.5pt solid {accent}; display: inline-block; }}
h2 {{ color: {primary}; font-size: 12.5pt; break-after: avoid; }} h3 {{ font-size: 10.5pt; break-after: avoid; }}
section {{ break-before: page; }} .lead {{ font-size: 11pt; }} .note {{ font-size: 8pt; color: #5F6B7A; }}
table {{ width: 100%; border-collapse: collapse; font-size: 7.6pt; margin-bottom: 9pt; }}
thead {{ display: table-header-group; }} th {{ background: {primary}; color: #fff; text-align: left; padding: 3pt 4pt; }}
td {{ padding: 3pt 4pt; border-bottom: 0.4pt solid #D5DAE0; vertical-align: top; }} tr {{ break-inside: avoid; }}
tr:nth-child(even) td {{ background: #f4f6f8; }} tr.em td {{ background: #dff0f0; font-weight: 700; }}
.t-good {{ color: #1e5221; background: #d7ebd8 !important; }} .t-warn {{ color: #915c07; background: #fbebd0 !important; }}
.t-bad {{ color: #801a1a; background: #f5d6d6 !important; }} .t-muted {{ color: #4c5662; }} .t-brand {{ color: {primary}; }}
.callout {{ background: #f8e6e6; border-left: 4pt solid #C62828; padding: 10pt 16pt; margin: 8pt 0; break-inside: avoid; }}
.figures {{ display: flex; gap: 8pt; margin: 8pt 0; }} .figure {{ flex: 1; background: #eef1f5; padding: 7pt 8pt; }}
.figure b {{ display: block; font-size: 15pt; }} .chart {{ break-inside: avoid; margin: 6pt 0 12pt; }}
.bar {{ display: flex; align-items: center; height: 18pt; }} .bar .label {{ width: 33%; }}
.bar .track {{ flex: 1; height: 10pt; background: #ECEFF3; display: flex; }} .bar .value {{ width: 78pt; padding-left: 8pt; font-weight: 700; }}
.seg-good {{ background: #2E7D32; }} .seg-warn {{ background: #E08E0B; }} .seg-muted {{ background: #8d939a; }} .seg-brand {{ background: {primary}; }}
.seg-bad {{ background: #C62828; }} .seg-neutral {{ background: #222B36; }}
.gantt .row {{ display: flex; height: 12.5pt; font-size: 7.2pt; }} .gantt .label {{ width: 37%; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }}
.gantt .lane {{ flex: 1; position: relative; }} .gantt .lane div {{ position: absolute; top: 3pt; height: 7pt; }}
.gantt .diamond {{ width: 7pt; transform: rotate(45deg); }}
.cover {{ height: 240mm; }} .panel {{ background: {primary}; color: #fff; padding: 28pt; margin-top: 60pt; border-bottom: 5pt solid {accent}; }}
.panel h1 {{ color: #fff; border: none; font-size: 25pt; }} .client {{ color: {primary}; font-size: 23pt; font-weight: 700; }}
</style></head><body>"#,
        lang = model.lang.code(),
        title = esc(&model.meta.title),
        fonts = fonts.display(),
    );

    let cover = &model.cover;
    let _ = write!(
        out,
        r#"<div class="cover"><div class="panel"><h1>{}</h1><p>{}</p></div>"#,
        esc(&cover.title),
        esc(&cover.subtitle)
    );
    let _ = write!(
        out,
        r#"<p class="note">{}</p><p class="client">{}</p><table>"#,
        esc(&cover.prepared_for),
        esc(&cover.client_name)
    );
    for (label, value) in cover.client_summary.iter().chain(&cover.facts) {
        let _ = write!(out, "<tr><td>{}</td><td>{}</td></tr>", esc(label), esc(value));
    }
    let _ = write!(out, "</table><p><b>{}</b></p></div>", esc(&cover.confidentiality));

    let _ = write!(out, "<section><h1>{}</h1><ol>", esc(&model.chrome.contents_title));
    for section in &model.sections {
        let _ = write!(out, "<li>{}</li>", esc(&section.title));
    }
    out.push_str("</ol></section>");

    for section in &model.sections {
        let _ = write!(out, "<section><h1>{}</h1>", esc(&section.title));
        for block in &section.blocks {
            block_html(&mut out, block);
        }
        out.push_str("</section>");
    }
    out.push_str("</body></html>");
    out
}

fn block_html(out: &mut String, block: &Block) {
    match block {
        Block::Heading { level, text } => {
            let _ = write!(out, "<h{level}>{}</h{level}>", esc(text));
        }
        Block::Paragraph { text, style } => {
            let class = match style {
                TextStyle::Body => "body",
                TextStyle::Note => "note",
                TextStyle::Lead => "lead",
            };
            let _ = write!(out, r#"<p class="{class}">{}</p>"#, esc(text));
        }
        Block::Bullets { items, .. } => {
            out.push_str("<ul>");
            for item in items {
                let _ = write!(out, "<li>{}</li>", esc(item));
            }
            out.push_str("</ul>");
        }
        Block::Callout { title, lines, .. } => {
            let _ = write!(out, r#"<div class="callout"><b>{}</b>"#, esc(title));
            for line in lines {
                let _ = write!(out, "<p>{}</p>", esc(line));
            }
            out.push_str("</div>");
        }
        Block::KeyFigures(figures) => {
            out.push_str(r#"<div class="figures">"#);
            for f in figures {
                let _ = write!(
                    out,
                    r#"<div class="figure"><b class="t-{}">{}</b>{}</div>"#,
                    tone(f.tone),
                    esc(&f.value),
                    esc(&f.label)
                );
            }
            out.push_str("</div>");
        }
        Block::Table(table) => {
            out.push_str("<table><thead><tr>");
            for c in &table.columns {
                let _ = write!(
                    out,
                    r#"<th style="width:{}%;text-align:{}">{}</th>"#,
                    c.weight * 10.0,
                    align(c.align),
                    esc(&c.header)
                );
            }
            out.push_str("</tr></thead><tbody>");
            for row in &table.rows {
                out.push_str(if row.emphasis { r#"<tr class="em">"# } else { "<tr>" });
                for (cell, column) in row.cells.iter().zip(&table.columns) {
                    let weight = if cell.bold { ";font-weight:700" } else { "" };
                    let _ = write!(
                        out,
                        r#"<td class="t-{}" style="text-align:{}{weight}">{}</td>"#,
                        tone(cell.tone),
                        align(column.align),
                        esc(&cell.text)
                    );
                }
                out.push_str("</tr>");
            }
            out.push_str("</tbody></table>");
        }
        Block::BarChart(chart) => {
            out.push_str(r#"<div class="chart">"#);
            for bar in &chart.bars {
                let _ = write!(
                    out,
                    r#"<div class="bar"><span class="label">{}</span><span class="track">"#,
                    esc(&bar.label)
                );
                for (length, t) in &bar.segments {
                    let _ = write!(
                        out,
                        r#"<span class="seg-{}" style="width:{:.2}%"></span>"#,
                        tone(*t),
                        length * 100.0 / chart.max.max(1.0)
                    );
                }
                let _ = write!(out, r#"</span><span class="value">{}</span></div>"#, esc(&bar.value_label));
            }
            out.push_str("</div>");
        }
        Block::Gantt(gantt) => {
            let total = gantt.start.days_until(gantt.end).max(1) as f64;
            let pos =
                |d: crosswalk_core::domain::Date| (gantt.start.days_until(d) as f64 / total * 100.0).clamp(0.0, 100.0);
            out.push_str(r#"<div class="chart gantt">"#);
            for row in &gantt.rows {
                let _ = write!(
                    out,
                    r#"<div class="row"><span class="label">{}</span><span class="lane">"#,
                    esc(&row.label)
                );
                match &row.item {
                    GanttItem::Bar { start, end, tone: t } => {
                        let _ = write!(
                            out,
                            r#"<div class="seg-{}" style="left:{:.2}%;width:{:.2}%"></div>"#,
                            tone(*t),
                            pos(*start),
                            (pos(*end) - pos(*start)).max(0.3)
                        );
                    }
                    GanttItem::Milestone { date, tone: t } => {
                        let _ = write!(
                            out,
                            r#"<div class="diamond seg-{}" style="left:{:.2}%"></div>"#,
                            tone(*t),
                            pos(*date)
                        );
                    }
                }
                out.push_str("</span></div>");
            }
            out.push_str("</div>");
        }
        Block::Space(h) => {
            let _ = write!(out, r#"<div style="height:{h}pt"></div>"#);
        }
    }
}
