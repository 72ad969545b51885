//! Writes a laid-out [`Document`] as PDF. The only module that knows the PDF library.
//!
//! Output is reproducible: the creation date is the report date, resource names and the file
//! identifier are derived from the content, and the outline is written in reading order. The two
//! font faces are embedded as subsets (only the glyphs the report uses).

use std::sync::{Arc, Mutex, OnceLock};

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Actions, BorderArray, Color, Destination, ExternalStream, ExternalXObject, FontId, ImageCompression,
    ImageOptimizationOptions, LineDashPattern, LinePoint, LinkAnnotation, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Px, RawImage, Rect, TextItem,
    WindingOrder, XObject, XObjectId, XObjectTransform,
};

use crate::branding::Rgb;
use crate::error::ReportError;
use crate::fonts::Face;
use crate::layout::{Document, ImageRef, Item, Stroke, PAGE_HEIGHT, PAGE_WIDTH};
use crate::model::ReportModel;

/// Resource names: six capitals, so the subset tag reads `CWREGU+NotoSans-Regular`.
fn font_id(face: Face) -> FontId {
    FontId(match face {
        Face::Regular => "CWREGU".into(),
        Face::Bold => "CWBOLD".into(),
    })
}

fn image_id(image: ImageRef) -> XObjectId {
    XObjectId(match image {
        ImageRef::FirmLogo => "IMFIRM".into(),
        ImageRef::ClientLogo => "IMCLNT".into(),
    })
}

/// The parsed faces, parsed once per process.
fn parsed(face: Face) -> Result<ParsedFont, ReportError> {
    static REGULAR: OnceLock<Option<ParsedFont>> = OnceLock::new();
    static BOLD: OnceLock<Option<ParsedFont>> = OnceLock::new();
    let cell = match face {
        Face::Regular => &REGULAR,
        Face::Bold => &BOLD,
    };
    cell.get_or_init(|| ParsedFont::from_bytes(face.bytes(), 0, &mut Vec::new()))
        .clone()
        .ok_or_else(|| ReportError::Font(format!("{face:?} face does not parse")))
}

/// A colour channel as a fraction with three decimals: enough to give back the same 8 bits,
/// and short to write (the content streams hold thousands of them).
fn channel(c: u8) -> f32 {
    (f32::from(c) * 1000.0 / 255.0).round() / 1000.0
}

fn colour(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb { r: channel(c.r), g: channel(c.g), b: channel(c.b), icc_profile: None })
}

/// A coordinate to a hundredth of a point (a third of a micrometre): nothing a printer or a
/// screen shows, and a short number to write and compress.
fn hundredths(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// A point from layout coordinates (top-left origin) to PDF ones (bottom-left).
fn point(x: f32, y: f32) -> Point {
    Point { x: Pt(hundredths(x)), y: Pt(hundredths(PAGE_HEIGHT - y)) }
}

fn polygon(points: &[(f32, f32)], mode: PaintMode) -> Op {
    Op::DrawPolygon {
        polygon: Polygon {
            rings: vec![PolygonRing {
                points: points.iter().map(|(x, y)| LinePoint { p: point(*x, *y), bezier: false }).collect(),
            }],
            mode,
            winding_order: WindingOrder::NonZero,
        },
    }
}

/// The graphics state a page's content stream has set so far, so that an operator is written
/// only when it changes something. Font, fill and stroke persist across text objects (ISO
/// 32000-1, 9.3.1 and 8.4); each page's stream starts from the defaults again.
#[derive(Default)]
struct Pen {
    font: Option<(Face, f32)>,
    fill: Option<Rgb>,
    stroke: Option<Stroke>,
    /// Inside a text object: where its current line starts, as the viewer adds up the moves.
    text: Option<(f32, f32)>,
}

impl Pen {
    /// Moves to `at` (PDF coordinates) inside a text object, opening one if none is open. Runs in
    /// a row share one object: each `Td` moves relative to the start of the line before it
    /// (ISO 32000-1, 9.4.2), so the move is the difference, to a hundredth of a point.
    fn text_at(&mut self, at: Point, ops: &mut Vec<Op>) {
        let (x, y) = self.text.unwrap_or_else(|| {
            ops.push(Op::StartTextSection);
            (0.0, 0.0)
        });
        let (dx, dy) = (hundredths(at.x.0 - x), hundredths(at.y.0 - y));
        ops.push(Op::SetTextCursor { pos: Point { x: Pt(dx), y: Pt(dy) } });
        self.text = Some((x + dx, y + dy));
    }

    /// Closes the open text object, if any: paths and images are drawn outside one.
    fn end_text(&mut self, ops: &mut Vec<Op>) {
        if self.text.take().is_some() {
            ops.push(Op::EndTextSection);
        }
    }

    fn font(&mut self, face: Face, size: f32, ops: &mut Vec<Op>) {
        if self.font != Some((face, size)) {
            ops.push(Op::SetFont { font: PdfFontHandle::External(font_id(face)), size: Pt(size) });
            self.font = Some((face, size));
        }
    }

    fn fill(&mut self, fill: Rgb, ops: &mut Vec<Op>) {
        if self.fill != Some(fill) {
            ops.push(Op::SetFillColor { col: colour(fill) });
            self.fill = Some(fill);
        }
    }

    fn stroke(&mut self, stroke: &Stroke, ops: &mut Vec<Op>) {
        let was = self.stroke.replace(*stroke);
        if was.is_none_or(|w| w.colour != stroke.colour) {
            ops.push(Op::SetOutlineColor { col: colour(stroke.colour) });
        }
        if was.is_none_or(|w| w.width != stroke.width) {
            ops.push(Op::SetOutlineThickness { pt: Pt(stroke.width) });
        }
        if was.is_none_or(|w| w.dashed != stroke.dashed) {
            let dash =
                if stroke.dashed { LineDashPattern::new(0.0, &[2.5, 2.0]) } else { LineDashPattern::new(0.0, &[]) };
            ops.push(Op::SetLineDashPattern { dash });
        }
    }
}

fn page_ops(items: &[Item], sizes: &dyn Fn(ImageRef) -> Option<(u32, u32)>) -> Vec<Op> {
    let mut ops = Vec::with_capacity(items.len() * 4);
    let mut pen = Pen::default();
    for item in items {
        if !matches!(item, Item::Text(_)) {
            pen.end_text(&mut ops);
        }
        match item {
            Item::Text(run) => {
                pen.text_at(point(run.x, run.baseline), &mut ops);
                pen.font(run.face, run.size, &mut ops);
                pen.fill(run.colour, &mut ops);
                ops.push(Op::ShowText { items: vec![TextItem::Text(run.text.clone())] });
            }
            Item::Rect { x, y, w, h, fill, stroke } => {
                let corners = [(*x, *y), (x + w, *y), (x + w, y + h), (*x, y + h)];
                if let Some(fill) = fill {
                    pen.fill(*fill, &mut ops);
                    ops.push(polygon(&corners, PaintMode::Fill));
                }
                if let Some(stroke) = stroke {
                    pen.stroke(stroke, &mut ops);
                    ops.push(polygon(&corners, PaintMode::Stroke));
                }
            }
            Item::Line { x1, y1, x2, y2, stroke } => {
                pen.stroke(stroke, &mut ops);
                ops.push(Op::DrawLine {
                    line: printpdf::Line {
                        points: vec![
                            LinePoint { p: point(*x1, *y1), bezier: false },
                            LinePoint { p: point(*x2, *y2), bezier: false },
                        ],
                        is_closed: false,
                    },
                });
            }
            Item::Polygon { points, fill } => {
                pen.fill(*fill, &mut ops);
                ops.push(polygon(points, PaintMode::Fill));
            }
            Item::Image { x, y, w, h, image } => {
                let Some((px_w, px_h)) = sizes(*image) else { continue };
                ops.push(Op::UseXobject {
                    id: image_id(*image),
                    transform: XObjectTransform {
                        translate_x: Some(Pt(*x)),
                        translate_y: Some(Pt(PAGE_HEIGHT - y - h)),
                        scale_x: Some(w / px_w as f32),
                        scale_y: Some(h / px_h as f32),
                        dpi: Some(72.0),
                        ..XObjectTransform::default()
                    },
                });
            }
            Item::Link { x, y, w, h, page, target_y } => {
                ops.push(Op::LinkAnnotation {
                    link: LinkAnnotation::new(
                        Rect::from_xywh(Pt(*x), Pt(PAGE_HEIGHT - y - h), Pt(*w), Pt(*h)),
                        Actions::go_to(Destination::Xyz {
                            page: page + 1,
                            left: Some(0.0),
                            top: Some(PAGE_HEIGHT - target_y + 12.0),
                            zoom: None,
                        }),
                        Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                        None,
                        None,
                    ),
                });
            }
        }
    }
    pen.end_text(&mut ops);
    ops
}

/// A date as seconds since 1970 at midnight UTC.
fn unix_midnight(date: crosswalk_core::domain::Date) -> i64 {
    let epoch = crosswalk_core::domain::Date::new(1970, 1, 1).unwrap_or(date);
    epoch.days_until(date) * 86_400
}

/// A stable fingerprint of the document, for the PDF's file identifier.
fn fingerprint(model: &ReportModel, document: &Document) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    eat(model.meta.title.as_bytes());
    eat(model.meta.date.to_string().as_bytes());
    eat(model.meta.version.as_bytes());
    eat(model.lang.code().as_bytes());
    for page in &document.pages {
        for item in &page.items {
            if let Item::Text(run) = item {
                eat(run.text.as_bytes());
            }
        }
    }
    format!("{h:016x}{:016x}", h.rotate_left(29) ^ 0x9e37_79b9_7f4a_7c15)
}

/// The PDF bytes of a laid-out report.
pub fn render(model: &ReportModel, document: &Document) -> Result<Vec<u8>, ReportError> {
    let mut pdf = PdfDocument::new(&model.meta.title);
    let date = printpdf::OffsetDateTime::from_unix_timestamp(unix_midnight(model.meta.date))
        .map_err(|e| ReportError::Font(e.to_owned()))?;
    let id = fingerprint(model, document);
    {
        let info = &mut pdf.metadata.info;
        info.author = model.meta.author.clone();
        info.subject = model.meta.subject.clone();
        info.keywords = model.meta.keywords.clone();
        info.creator = "Crosswalk".into();
        info.producer = "Crosswalk report (printpdf)".into();
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;
        info.identifier = id.clone();
    }
    for face in Face::ALL {
        pdf.resources.fonts.map.insert(font_id(face), PdfFont::new(parsed(face)?));
    }
    let logos = [
        (ImageRef::FirmLogo, model.branding.logo.as_ref(), "firm"),
        (ImageRef::ClientLogo, model.branding.client_logo.as_ref(), "client"),
    ];
    // Each logo goes in as a placeholder of its size; its encoded streams replace it below.
    let mut images: Vec<(ImageRef, Arc<EncodedImage>)> = Vec::new();
    for (image, logo, which) in logos {
        let Some(logo) = logo else { continue };
        let encoded = encoded_image(logo.bytes(), which)?;
        let placeholder = ExternalXObject {
            stream: ExternalStream::default(),
            width: Some(Px(encoded.width as usize)),
            height: Some(Px(encoded.height as usize)),
            dpi: None,
        };
        pdf.resources.xobjects.map.insert(image_id(image), XObject::External(placeholder));
        images.push((image, encoded));
    }
    let sizes = |image: ImageRef| match image {
        ImageRef::FirmLogo => model.branding.logo.as_ref().map(|l| l.size()),
        ImageRef::ClientLogo => model.branding.client_logo.as_ref().map(|l| l.size()),
    };
    let pages: Vec<PdfPage> = document
        .pages
        .iter()
        .map(|page| {
            PdfPage::new(
                printpdf::Mm::from(Pt(PAGE_WIDTH)),
                printpdf::Mm::from(Pt(PAGE_HEIGHT)),
                page_ops(&page.items, &sizes),
            )
        })
        .collect();
    pdf.with_pages(pages);

    let options = PdfSaveOptions { optimize: true, subset_fonts: true, secure: true, image_optimization: None };
    let mut warnings = Vec::new();
    let mut lo = printpdf::to_lopdf_doc(&pdf, &options, &mut warnings);
    for (image, encoded) in &images {
        put_image(&mut lo, image_id(*image), encoded)?;
    }
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.as_bytes().to_vec(), StringFormat::Literal),
            Object::String(id.as_bytes().to_vec(), StringFormat::Literal),
        ]),
    );
    drop_pdfx_claim(&mut lo);
    add_outline(&mut lo, document);
    compress(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).map_err(|e| ReportError::Font(format!("cannot serialise the PDF: {e}")))?;
    Ok(bytes)
}

/// A logo as the PDF holds it: its image stream and soft mask (transparency), deflated.
struct EncodedImage {
    width: u32,
    height: u32,
    image: lopdf::Stream,
    mask: Option<lopdf::Stream>,
}

/// The logo `bytes` encoded for the PDF, once per process for each logo: decoding the file and
/// deflating its pixels at printpdf's best level took more time than any other part of a
/// report's rendering but the text (BENCHMARKS.md, issue 13). The last few logos are kept.
fn encoded_image(bytes: &[u8], which: &'static str) -> Result<Arc<EncodedImage>, ReportError> {
    const KEEP: usize = 4;
    static KEPT: Mutex<Vec<(Vec<u8>, Arc<EncodedImage>)>> = Mutex::new(Vec::new());
    if let Some((_, found)) = KEPT.lock().unwrap_or_else(|e| e.into_inner()).iter().find(|(b, _)| b == bytes) {
        return Ok(found.clone());
    }
    let raw =
        RawImage::decode_from_bytes(bytes, &mut Vec::new()).map_err(|message| ReportError::Image { which, message })?;
    let (width, height) = (raw.width as u32, raw.height as u32);
    // printpdf encodes it, alone in a document of its own; its streams are taken from there.
    let mut alone = PdfDocument::new("image");
    alone.resources.xobjects.map.insert(XObjectId("image".into()), XObject::Image(raw));
    let options = ImageOptimizationOptions {
        quality: None,
        max_image_size: None,
        dither_greyscale: None,
        convert_to_greyscale: Some(false),
        auto_optimize: Some(true),
        format: Some(ImageCompression::Flate),
    };
    let save = PdfSaveOptions { optimize: true, subset_fonts: true, secure: true, image_optimization: Some(options) };
    let doc = printpdf::to_lopdf_doc(&alone, &save, &mut Vec::new());
    let unreadable = || ReportError::Image { which, message: "the PDF writer made no image of it".into() };
    // The image, and its soft mask when it has transparent parts: the image is the one naming it.
    let images: Vec<&lopdf::Stream> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image".as_slice()))
        .collect();
    let main = match images.as_slice() {
        [only] => *only,
        _ => images.iter().copied().find(|s| s.dict.has(b"SMask")).ok_or_else(unreadable)?,
    };
    let mut image = main.clone();
    let mask = match image.dict.get(b"SMask").and_then(Object::as_reference) {
        Ok(id) => Some(doc.get_object(id).and_then(Object::as_stream).map_err(|_| unreadable())?.clone()),
        Err(_) => None,
    };
    image.dict.remove(b"SMask");
    let encoded = Arc::new(EncodedImage { width, height, image, mask });
    let mut kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
    if kept.len() >= KEEP {
        kept.remove(0);
    }
    kept.push((bytes.to_vec(), encoded.clone()));
    Ok(encoded)
}

/// Puts an encoded logo in place of the placeholder named `name` in the pages' XObjects.
fn put_image(doc: &mut lopdf::Document, name: XObjectId, encoded: &EncodedImage) -> Result<(), ReportError> {
    let missing = || ReportError::Font(format!("the PDF has no XObject {} to put the logo in", name.0));
    let placeholder = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .find_map(|d| d.get(name.0.as_bytes()).and_then(Object::as_reference).ok())
        .ok_or_else(missing)?;
    let mut image = encoded.image.clone();
    if let Some(mask) = &encoded.mask {
        let mask = doc.add_object(mask.clone());
        image.dict.set("SMask", Object::Reference(mask));
    }
    doc.objects.insert(placeholder, Object::Stream(image));
    Ok(())
}

/// Deflates every stream that is not filtered yet (the content streams, the font subsets, the
/// ToUnicode maps), as `lopdf::Document::compress` does but at zlib's level 2 instead of its
/// best. Measured on the largest demo report (BENCHMARKS.md, issue 13): the best level took a
/// third of the rendering time; level 4 cost 1.3 ms more than level 2 for a file a tenth smaller
/// (133 against 147 KB), and level 1 saved another millisecond for a third more bytes (195 KB).
/// A stream that would not shrink stays as it is.
/// (Sharing the streams out among two threads was measured slower, 2026-12-04.)
fn compress(doc: &mut lopdf::Document) {
    for object in doc.objects.values_mut() {
        match object {
            Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => deflate(s),
            _ => {}
        }
    }
}

/// zlib's level for every stream the report deflates (see [`compress`]).
const DEFLATE_LEVEL: u32 = 2;

fn deflate(stream: &mut lopdf::Stream) {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(DEFLATE_LEVEL));
    let Ok(compressed) = encoder.write_all(&stream.content).and_then(|()| encoder.finish()) else { return };
    if compressed.len() + 19 < stream.content.len() {
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(compressed);
    }
}

/// The writer labels every file PDF/X in its information dictionary; this report makes no such
/// claim, so the label goes.
fn drop_pdfx_claim(doc: &mut lopdf::Document) {
    if let Ok(info) = doc.trailer.get(b"Info").and_then(Object::as_reference) {
        if let Ok(dict) = doc.get_object_mut(info).and_then(Object::as_dict_mut) {
            dict.remove(b"GTS_PDFXVersion");
        }
    }
}

/// UTF-16BE with a byte-order mark: the PDF text string form for any language.
fn text_string(text: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// Writes the bookmarks, one per outline entry, in reading order.
fn add_outline(doc: &mut lopdf::Document, document: &Document) {
    let page_ids: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let entries: Vec<(&crate::layout::OutlineEntry, ObjectId)> =
        document.outline.iter().filter_map(|e| page_ids.get(e.page).map(|id| (e, *id))).collect();
    if entries.is_empty() {
        return;
    }
    let outlines_id = doc.new_object_id();
    let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    for (i, (entry, page)) in entries.iter().enumerate() {
        let mut item = Dictionary::new();
        item.set("Title", text_string(&entry.title));
        item.set("Parent", Object::Reference(outlines_id));
        item.set(
            "Dest",
            Object::Array(vec![
                Object::Reference(*page),
                Object::Name(b"XYZ".to_vec()),
                Object::Real(0.0),
                Object::Real(PAGE_HEIGHT - entry.y + 12.0),
                Object::Null,
            ]),
        );
        if i > 0 {
            item.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            item.set("Next", Object::Reference(*next));
        }
        doc.objects.insert(ids[i], Object::Dictionary(item));
    }
    let mut outlines = Dictionary::new();
    outlines.set("Type", Object::Name(b"Outlines".to_vec()));
    outlines.set("First", Object::Reference(ids[0]));
    outlines.set("Last", Object::Reference(ids[ids.len() - 1]));
    outlines.set("Count", Object::Integer(ids.len() as i64));
    doc.objects.insert(outlines_id, Object::Dictionary(outlines));
    if let Ok(root) = doc.trailer.get(b"Root").and_then(Object::as_reference) {
        if let Ok(catalog) = doc.get_object_mut(root).and_then(Object::as_dict_mut) {
            catalog.set("Outlines", Object::Reference(outlines_id));
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
    }
}
