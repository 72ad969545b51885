//! What must hold for every page of every demo report, in both languages.

use crosswalk_report::layout::{layout, Document, Item, PageKind, BODY, SAFE};
use crosswalk_report::model::SectionId;
use crosswalk_report::Lang;

use crate::support::{branding, cases, LARGEST};

fn all_documents() -> Vec<(String, Lang, Document)> {
    let mut out = Vec::new();
    for case in cases() {
        for lang in Lang::ALL {
            let model = case.model(branding(), lang);
            out.push((case.profile.name.clone(), lang, layout(&model)));
        }
    }
    out
}

fn item_bounds(item: &Item) -> Option<(f32, f32, f32, f32)> {
    match item {
        Item::Text(run) => Some(run.bounds()),
        Item::Rect { x, y, w, h, .. } | Item::Image { x, y, w, h, .. } | Item::Link { x, y, w, h, .. } => {
            Some((*x, *y, x + w, y + h))
        }
        Item::Line { x1, y1, x2, y2, stroke } => {
            let half = stroke.width / 2.0;
            Some((x1.min(*x2) - half, y1.min(*y2) - half, x1.max(*x2) + half, y1.max(*y2) + half))
        }
        Item::Polygon { points, .. } => {
            let xs = points.iter().map(|p| p.0);
            let ys = points.iter().map(|p| p.1);
            Some((
                xs.clone().fold(f32::MAX, f32::min),
                ys.clone().fold(f32::MAX, f32::min),
                xs.fold(f32::MIN, f32::max),
                ys.fold(f32::MIN, f32::max),
            ))
        }
    }
}

#[test]
fn nothing_crosses_the_margins() {
    for (client, lang, doc) in all_documents() {
        for (p, page) in doc.pages.iter().enumerate() {
            for item in &page.items {
                let (l, t, r, b) = item_bounds(item).unwrap();
                assert!(SAFE.contains(l, t, r, b), "{client} {lang:?} page {}: outside the margins: {item:?}", p + 1);
                if let Item::Text(run) = item {
                    assert!(
                        run.x >= BODY.left - 0.01 && r <= BODY.right + 0.01,
                        "{client} {lang:?} page {}: text beyond the text width: {run:?}",
                        p + 1
                    );
                }
            }
        }
    }
}

#[test]
fn no_two_text_boxes_overlap() {
    for (client, lang, doc) in all_documents() {
        for (p, page) in doc.pages.iter().enumerate() {
            let mut boxes: Vec<(f32, f32, f32, f32, &str)> = page
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Text(run) if !run.text.trim().is_empty() => {
                        let (l, t, r, b) = run.bounds();
                        Some((l, t, r, b, run.text.as_str()))
                    }
                    _ => None,
                })
                .collect();
            boxes.sort_by(|a, b| a.1.total_cmp(&b.1));
            const EPS: f32 = 0.05;
            for (i, a) in boxes.iter().enumerate() {
                for b in boxes[i + 1..].iter().take_while(|b| b.1 < a.3 - EPS) {
                    let overlap_x = a.0 < b.2 - EPS && b.0 < a.2 - EPS;
                    assert!(!overlap_x, "{client} {lang:?} page {}: {:?} overlaps {:?}", p + 1, a.4, b.4);
                }
            }
        }
    }
}

#[test]
fn every_table_repeats_its_header_on_every_page_it_spans() {
    let mut split_tables = 0;
    for (client, lang, doc) in all_documents() {
        for table in &doc.tables {
            if table.pages.len() > 1 {
                split_tables += 1;
            }
            for page in &table.pages {
                let texts: Vec<&str> = doc.pages[*page]
                    .items
                    .iter()
                    .filter_map(|i| if let Item::Text(r) = i { Some(r.text.as_str()) } else { None })
                    .collect();
                for header in table.header.iter().filter(|h| !h.is_empty()) {
                    assert!(
                        texts.contains(&header.as_str()),
                        "{client} {lang:?}: header {header:?} missing on page {}",
                        page + 1
                    );
                }
            }
            let mut pages = table.pages.clone();
            pages.dedup();
            assert_eq!(pages, table.pages, "a header drawn twice on one page");
        }
    }
    assert!(split_tables > 0, "no table split across pages, so the check proved nothing");
}

#[test]
fn the_largest_report_has_twenty_pages_or_more_and_sections_in_order() {
    for (client, lang, doc) in all_documents() {
        assert_eq!(doc.pages[0].kind, PageKind::Cover);
        assert_eq!(doc.pages[1].kind, PageKind::Contents);
        let ids: Vec<SectionId> = doc.sections.iter().map(|s| s.id).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted, "{client} {lang:?}: sections out of order");
        assert_eq!(ids.first(), Some(&SectionId::ExecutiveSummary));
        assert_eq!(ids.last(), Some(&SectionId::Methodology));
        assert!(doc.sections.windows(2).all(|w| w[0].page <= w[1].page));
        assert_eq!(doc.outline.len(), doc.sections.len() + 1, "one bookmark per section and the contents");
        let summary = &doc.sections[0];
        assert_eq!(summary.page, summary.last_page, "{client} {lang:?}: the executive summary runs over one page");
        if client == LARGEST {
            assert!(doc.pages.len() >= 20, "{client} {lang:?}: only {} pages", doc.pages.len());
        }
    }
}

#[test]
fn the_contents_page_gives_each_section_its_page() {
    for (client, lang, doc) in all_documents() {
        let texts: Vec<&str> = doc.pages[1]
            .items
            .iter()
            .filter_map(|i| if let Item::Text(r) = i { Some(r.text.as_str()) } else { None })
            .collect();
        let links: Vec<usize> = doc.pages[1]
            .items
            .iter()
            .filter_map(|i| if let Item::Link { page, .. } = i { Some(*page) } else { None })
            .collect();
        for section in &doc.sections {
            assert!(
                texts.iter().any(|t| section.title.starts_with(t.trim_end_matches('…'))),
                "{client} {lang:?}: {} not in contents",
                section.title
            );
            assert!(
                texts.contains(&(section.page + 1).to_string().as_str()),
                "{client} {lang:?}: page of {} missing",
                section.title
            );
            assert!(links.contains(&section.page));
        }
    }
}

#[test]
fn every_character_has_a_glyph_in_the_font() {
    for (client, lang, doc) in all_documents() {
        for page in &doc.pages {
            for item in &page.items {
                if let Item::Text(run) = item {
                    for c in run.text.chars() {
                        assert!(
                            run.face.metrics().has_glyph(c),
                            "{client} {lang:?}: no glyph for {c:?} in {:?}",
                            run.text
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn no_heading_ends_a_page() {
    for (client, lang, doc) in all_documents() {
        assert!(!doc.headings.is_empty());
        for heading in &doc.headings {
            let follows = doc.pages[heading.page].items.iter().any(|i| match i {
                Item::Text(run) => run.bounds().1 >= heading.bottom - 0.1 && run.baseline < BODY.bottom,
                Item::Rect { y, .. } => *y >= heading.bottom - 0.1 && *y < BODY.bottom,
                _ => false,
            });
            assert!(follows, "{client} {lang:?}: heading {:?} is last on page {}", heading.text, heading.page + 1);
        }
    }
}
