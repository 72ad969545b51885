//! Writes a laid-out [`Document`] as PDF. The only module that knows the PDF library.
//!
//! Output is reproducible: the creation date is the report date, resource names and the file
//! identifier are derived from the content, and the outline is written in reading order. The two
//! font faces are embedded as subsets (only the glyphs the report uses).

use std::sync::OnceLock;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Actions, BorderArray, Color, Destination, FontId, ImageCompression, ImageOptimizationOptions, LineDashPattern,
    LinePoint, LinkAnnotation, Op, PaintMode, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Polygon, PolygonRing, Pt, RawImage, Rect, TextItem, WindingOrder, XObject, XObjectId, XObjectTransform,
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

fn colour(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: f32::from(c.r) / 255.0,
        g: f32::from(c.g) / 255.0,
        b: f32::from(c.b) / 255.0,
        icc_profile: None,
    })
}

/// A point from layout coordinates (top-left origin) to PDF ones (bottom-left).
fn point(x: f32, y: f32) -> Point {
    Point { x: Pt(x), y: Pt(PAGE_HEIGHT - y) }
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

fn stroke_ops(stroke: &Stroke, ops: &mut Vec<Op>) {
    ops.push(Op::SetOutlineColor { col: colour(stroke.colour) });
    ops.push(Op::SetOutlineThickness { pt: Pt(stroke.width) });
    let dash = if stroke.dashed { LineDashPattern::new(0.0, &[2.5, 2.0]) } else { LineDashPattern::new(0.0, &[]) };
    ops.push(Op::SetLineDashPattern { dash });
}

fn page_ops(items: &[Item], sizes: &dyn Fn(ImageRef) -> Option<(u32, u32)>) -> Vec<Op> {
    let mut ops = Vec::with_capacity(items.len() * 6);
    for item in items {
        match item {
            Item::Text(run) => {
                ops.push(Op::StartTextSection);
                ops.push(Op::SetFont { font: PdfFontHandle::External(font_id(run.face)), size: Pt(run.size) });
                ops.push(Op::SetFillColor { col: colour(run.colour) });
                ops.push(Op::SetTextCursor { pos: point(run.x, run.baseline) });
                ops.push(Op::ShowText { items: vec![TextItem::Text(run.text.clone())] });
                ops.push(Op::EndTextSection);
            }
            Item::Rect { x, y, w, h, fill, stroke } => {
                let corners = [(*x, *y), (x + w, *y), (x + w, y + h), (*x, y + h)];
                if let Some(fill) = fill {
                    ops.push(Op::SetFillColor { col: colour(*fill) });
                    ops.push(polygon(&corners, PaintMode::Fill));
                }
                if let Some(stroke) = stroke {
                    stroke_ops(stroke, &mut ops);
                    ops.push(polygon(&corners, PaintMode::Stroke));
                }
            }
            Item::Line { x1, y1, x2, y2, stroke } => {
                stroke_ops(stroke, &mut ops);
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
                ops.push(Op::SetFillColor { col: colour(*fill) });
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
    for (image, logo, which) in logos {
        let Some(logo) = logo else { continue };
        let raw = RawImage::decode_from_bytes(logo.bytes(), &mut Vec::new())
            .map_err(|message| ReportError::Image { which, message })?;
        pdf.resources.xobjects.map.insert(image_id(image), XObject::Image(raw));
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

    let images = ImageOptimizationOptions {
        quality: None,
        max_image_size: None,
        dither_greyscale: None,
        convert_to_greyscale: Some(false),
        auto_optimize: Some(true),
        format: Some(ImageCompression::Flate),
    };
    let options = PdfSaveOptions { optimize: true, subset_fonts: true, secure: true, image_optimization: Some(images) };
    let mut warnings = Vec::new();
    let mut lo = printpdf::to_lopdf_doc(&pdf, &options, &mut warnings);
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

/// Deflates every stream that is not filtered yet (the content streams, the font subsets, the
/// ToUnicode maps), as `lopdf::Document::compress` does but at zlib's default level instead of
/// its best: that took a third of the rendering time for a few per cent of the file size
/// (measured in BENCHMARKS.md, issue 13). A stream that would not shrink stays as it is.
fn compress(doc: &mut lopdf::Document) {
    use std::io::Write;
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else { continue };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        let Ok(compressed) = encoder.write_all(&stream.content).and_then(|()| encoder.finish()) else { continue };
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
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
