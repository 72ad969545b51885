//! The cover, the contents page, and the header and footer of every other page.

use super::blocks::SECTION_TITLE;
use super::text::{Spec, GREY, INK, RULE, WHITE};
use super::{ImageRef, Item, Page, PageKind, SectionPlacement, Stroke, BODY, PAGE_HEIGHT, SAFE};
use crate::branding::Logo;
use crate::fonts::Face;
use crate::model::ReportModel;

const COVER_TITLE: Spec = Spec::new(Face::Bold, 25.0, WHITE);
const COVER_SUBTITLE: Spec = Spec::new(Face::Regular, 11.5, WHITE);
const COVER_CLIENT: Spec = Spec::new(Face::Bold, 23.0, INK);
const SMALL_LABEL: Spec = Spec::new(Face::Regular, 8.0, GREY);
const SMALL_VALUE: Spec = Spec::new(Face::Regular, 9.5, INK);
const FACT_VALUE: Spec = Spec::new(Face::Bold, 10.0, INK);
const CONTACT: Spec = Spec::new(Face::Regular, 7.8, GREY);
const FURNITURE: Spec = Spec::new(Face::Regular, 7.2, GREY);
const CONTENTS_ENTRY: Spec = Spec::new(Face::Regular, 11.0, INK);

/// The size a logo is drawn at: as large as fits `max_w` by `max_h`, keeping its proportions.
fn logo_box(logo: &Logo, max_w: f32, max_h: f32) -> (f32, f32) {
    let (w, h) = logo.size();
    let scale = (max_w / w as f32).min(max_h / h as f32);
    (w as f32 * scale, h as f32 * scale)
}

pub(super) fn cover(model: &ReportModel) -> Page {
    let branding = &model.branding;
    let cover = &model.cover;
    let mut items = Vec::new();
    let top = 56.0;
    if let Some(logo) = &branding.logo {
        let (w, h) = logo_box(logo, 170.0, 54.0);
        items.push(Item::Image { x: BODY.left, y: top, w, h, image: ImageRef::FirmLogo });
    } else {
        let spec = Spec::new(Face::Bold, 14.0, branding.primary);
        let name = spec.fit(&branding.firm_name, BODY.width() * 0.5);
        items.push(Item::Text(spec.run(BODY.left, top, name)));
    }
    if let Some(logo) = &branding.client_logo {
        let (w, h) = logo_box(logo, 150.0, 54.0);
        items.push(Item::Image { x: BODY.right - w, y: top, w, h, image: ImageRef::ClientLogo });
    }

    // The title panel.
    let panel_top = 170.0;
    let inner = BODY.width() - 56.0;
    let title_lines = COVER_TITLE.wrap(&cover.title, inner);
    let subtitle_lines = COVER_SUBTITLE.wrap(&cover.subtitle, inner);
    let panel_h = 56.0
        + title_lines.len() as f32 * COVER_TITLE.leading
        + 12.0
        + subtitle_lines.len() as f32 * COVER_SUBTITLE.leading;
    items.push(Item::Rect {
        x: BODY.left,
        y: panel_top,
        w: BODY.width(),
        h: panel_h,
        fill: Some(branding.primary),
        stroke: None,
    });
    items.push(Item::Rect {
        x: BODY.left,
        y: panel_top + panel_h,
        w: BODY.width(),
        h: 5.0,
        fill: Some(branding.accent),
        stroke: None,
    });
    let mut y = panel_top + 28.0;
    for line in title_lines {
        items.push(Item::Text(COVER_TITLE.run(BODY.left + 28.0, y, line)));
        y += COVER_TITLE.leading;
    }
    y += 12.0;
    for line in subtitle_lines {
        items.push(Item::Text(COVER_SUBTITLE.with_colour(WHITE.shade(0.08)).run(BODY.left + 28.0, y, line)));
        y += COVER_SUBTITLE.leading;
    }

    // For whom.
    let mut y = panel_top + panel_h + 40.0;
    items.push(Item::Text(SMALL_LABEL.with_face(Face::Bold).run(BODY.left, y, cover.prepared_for.to_uppercase())));
    y += SMALL_LABEL.leading + 2.0;
    for line in COVER_CLIENT.wrap(&cover.client_name, BODY.width()) {
        items.push(Item::Text(COVER_CLIENT.with_colour(branding.primary).run(BODY.left, y, line)));
        y += COVER_CLIENT.leading;
    }
    y += 10.0;
    let label_w = 110.0;
    for (label, value) in &cover.client_summary {
        let lines = SMALL_VALUE.wrap(value, BODY.width() - label_w);
        items.push(Item::Text(SMALL_LABEL.run(BODY.left, y + 1.0, label.as_str())));
        for line in lines.into_iter().take(2) {
            items.push(Item::Text(SMALL_VALUE.run(BODY.left + label_w, y, line)));
            y += SMALL_VALUE.leading;
        }
        y += 1.5;
    }

    // Date, version, author in three columns.
    y += 22.0;
    items.push(Item::Line { x1: BODY.left, y1: y, x2: BODY.right, y2: y, stroke: Stroke::solid(RULE, 0.6) });
    y += 10.0;
    // Date and version are short; the firm's name gets the rest of the line.
    let starts = [0.0, 0.3, 0.48];
    for (i, (label, value)) in cover.facts.iter().enumerate().take(starts.len()) {
        let x = BODY.left + starts[i] * BODY.width();
        let end = starts.get(i + 1).map_or(BODY.right, |s| BODY.left + s * BODY.width());
        items.push(Item::Text(SMALL_LABEL.run(x, y, label.as_str())));
        let value = FACT_VALUE.fit(value, end - x - 10.0);
        items.push(Item::Text(FACT_VALUE.run(x, y + SMALL_LABEL.leading, value)));
    }
    y += SMALL_LABEL.leading + FACT_VALUE.leading + 18.0;

    // The confidentiality marking.
    let mark = Spec::new(Face::Bold, 9.0, branding.accent.shade(0.3));
    let mark_lines = mark.wrap(&cover.confidentiality, BODY.width() - 24.0);
    let mark_h = mark_lines.len() as f32 * mark.leading + 14.0;
    items.push(Item::Rect {
        x: BODY.left,
        y,
        w: BODY.width(),
        h: mark_h,
        fill: Some(branding.accent.tint(0.9)),
        stroke: Some(Stroke::solid(branding.accent, 0.8)),
    });
    let mut line_y = y + 7.0;
    for line in mark_lines {
        items.push(Item::Text(mark.run(BODY.left + 12.0, line_y, line)));
        line_y += mark.leading;
    }

    // The firm's contact block, at the foot of the page.
    let mut lines = vec![(branding.firm_name.clone(), Face::Bold)];
    lines.extend(branding.contact.iter().map(|l| (l.clone(), Face::Regular)));
    let block_h = lines.len() as f32 * CONTACT.leading;
    let mut y = (SAFE.bottom - 14.0 - block_h).max(line_y + 12.0);
    for (line, face) in lines {
        let spec = CONTACT.with_face(face);
        items.push(Item::Text(spec.run(BODY.left, y, spec.fit(&line, BODY.width()))));
        y += CONTACT.leading;
    }
    Page { kind: PageKind::Cover, items }
}

/// Fills the contents page: one entry per section with its page number and a link to it.
pub(super) fn contents(model: &ReportModel, pages: &mut [Page], sections: &[SectionPlacement]) {
    let Some(page) = pages.get_mut(1) else { return };
    let primary = model.branding.primary;
    let mut y = BODY.top;
    page.items.push(Item::Text(SECTION_TITLE.with_colour(primary).run(
        BODY.left,
        y,
        model.chrome.contents_title.as_str(),
    )));
    y += SECTION_TITLE.leading + 4.0;
    page.items.push(Item::Rect { x: BODY.left, y, w: 48.0, h: 2.5, fill: Some(model.branding.accent), stroke: None });
    y += 24.0;
    let row = 25.0;
    for (i, section) in sections.iter().enumerate() {
        let number = format!("{}", i + 1);
        let page_label = format!("{}", section.page + 1);
        let number_spec = CONTENTS_ENTRY.with_face(Face::Bold).with_colour(primary);
        page.items.push(Item::Text(number_spec.run(BODY.left, y, number)));
        let title_x = BODY.left + 26.0;
        let page_w = CONTENTS_ENTRY.width(&page_label);
        let title = CONTENTS_ENTRY.fit(&section.title, BODY.right - title_x - page_w - 40.0);
        let title_run = CONTENTS_ENTRY.run(title_x, y, title);
        let leader_from = title_run.x + title_run.width + 6.0;
        page.items.push(Item::Text(title_run));
        let page_run = CONTENTS_ENTRY.run(BODY.right - page_w, y, page_label);
        let leader_to = page_run.x - 6.0;
        let baseline = page_run.baseline;
        page.items.push(Item::Text(page_run));
        if leader_to > leader_from {
            page.items.push(Item::Line {
                x1: leader_from,
                y1: baseline,
                x2: leader_to,
                y2: baseline,
                stroke: Stroke { colour: RULE.shade(0.25), width: 0.7, dashed: true },
            });
        }
        page.items.push(Item::Link {
            x: BODY.left,
            y,
            w: BODY.width(),
            h: CONTENTS_ENTRY.leading,
            page: section.page,
            target_y: section.y,
        });
        y += row;
    }
}

/// Header (firm, client) and footer (confidentiality, footer line, page X of Y) on every page
/// but the cover.
pub(super) fn header_and_footer(model: &ReportModel, pages: &mut [Page]) {
    let total = pages.len();
    let branding = &model.branding;
    let header_top = 32.0;
    let rule_y = 50.0;
    let footer_rule = PAGE_HEIGHT - 58.0;
    for (index, page) in pages.iter_mut().enumerate().filter(|(_, p)| p.kind != PageKind::Cover) {
        let firm = FURNITURE.with_face(Face::Bold).with_colour(branding.primary);
        let firm_text = firm.fit(&branding.firm_name, BODY.width() * 0.45);
        page.items.push(Item::Text(firm.run(BODY.left, header_top, firm_text)));
        let right =
            FURNITURE.fit(&format!("{} · {}", model.chrome.running_title, model.meta.client_name), BODY.width() * 0.5);
        let run = FURNITURE.run(BODY.right - FURNITURE.width(&right), header_top, right);
        page.items.push(Item::Text(run));
        page.items.push(Item::Line {
            x1: BODY.left,
            y1: rule_y,
            x2: BODY.right,
            y2: rule_y,
            stroke: Stroke::solid(branding.primary.tint(0.5), 0.6),
        });

        page.items.push(Item::Line {
            x1: BODY.left,
            y1: footer_rule,
            x2: BODY.right,
            y2: footer_rule,
            stroke: Stroke::solid(RULE, 0.6),
        });
        let page_label =
            model.chrome.page_of.replace("{page}", &(index + 1).to_string()).replace("{pages}", &total.to_string());
        let label_spec = FURNITURE.with_face(Face::Bold).with_colour(INK);
        let label_w = label_spec.width(&page_label);
        page.items.push(Item::Text(label_spec.run(BODY.right - label_w, footer_rule + 6.0, page_label)));
        let left_w = BODY.width() - label_w - 24.0;
        let mark = FURNITURE.fit(&model.meta.confidentiality, left_w);
        page.items.push(Item::Text(FURNITURE.run(BODY.left, footer_rule + 6.0, mark)));
        if !branding.footer.is_empty() {
            let footer = FURNITURE.fit(&branding.footer, left_w);
            page.items.push(Item::Text(FURNITURE.run(BODY.left, footer_rule + 6.0 + FURNITURE.leading, footer)));
        }
    }
}
