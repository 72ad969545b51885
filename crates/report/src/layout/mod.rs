//! Places the report on A4 pages: a list of pages of positioned primitives (text runs, lines,
//! rectangles, polygons, images, links) plus the outline. No PDF library here: the layout is
//! plain data that tests can inspect, and [`crate::render`] writes it out.
//!
//! Coordinates are points from the top-left corner of the page, y growing downwards.
//!
//! The work runs in two passes. The first flows the sections onto body pages (text wraps at
//! measured glyph widths, headings stay with what follows, tables split and repeat their header
//! row). The second, once the page count is known, fills the contents page with page numbers and
//! adds the header and the footer with "page X of Y" to every page but the cover.

mod blocks;
mod chart;
mod furniture;
mod table;
mod text;

use crate::branding::Rgb;
use crate::fonts::Face;
use crate::model::{ReportModel, SectionId};

pub use text::{fit, wrap};

/// A4 in points.
pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;

/// A rectangle given by its edges.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub left: f32,
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
}

impl Frame {
    pub fn width(&self) -> f32 {
        self.right - self.left
    }

    pub fn height(&self) -> f32 {
        self.bottom - self.top
    }

    /// Whether a box lies inside this frame (with a hair of tolerance for rounding).
    pub fn contains(&self, left: f32, top: f32, right: f32, bottom: f32) -> bool {
        const HAIR: f32 = 0.01;
        left >= self.left - HAIR && right <= self.right + HAIR && top >= self.top - HAIR && bottom <= self.bottom + HAIR
    }
}

/// Where body content goes.
pub const BODY: Frame = Frame { left: 56.0, top: 68.0, right: PAGE_WIDTH - 56.0, bottom: 780.0 };
/// The margins nothing crosses: header, footer and cover included.
pub const SAFE: Frame = Frame { left: 36.0, top: 28.0, right: PAGE_WIDTH - 36.0, bottom: PAGE_HEIGHT - 20.0 };

/// The report, placed.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub pages: Vec<Page>,
    /// One bookmark per section (and the contents page), in reading order.
    pub outline: Vec<OutlineEntry>,
    /// Where each table went, to check that its header repeats.
    pub tables: Vec<TablePlacement>,
    /// The page each section starts on.
    pub sections: Vec<SectionPlacement>,
    /// Every heading inside a section: its page and the bottom of its last line.
    pub headings: Vec<HeadingPlacement>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HeadingPlacement {
    pub text: String,
    pub page: usize,
    pub bottom: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Cover,
    Contents,
    Body,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub kind: PageKind,
    pub items: Vec<Item>,
}

/// One positioned primitive.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(TextRun),
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        stroke: Stroke,
    },
    /// A closed, filled shape (milestone diamonds).
    Polygon {
        points: Vec<(f32, f32)>,
        fill: Rgb,
    },
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        image: ImageRef,
    },
    /// A clickable area that jumps to a page (0-based) at a height.
    Link {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        page: usize,
        target_y: f32,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    pub colour: Rgb,
    pub width: f32,
    pub dashed: bool,
}

impl Stroke {
    pub fn solid(colour: Rgb, width: f32) -> Stroke {
        Stroke { colour, width, dashed: false }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageRef {
    FirmLogo,
    ClientLogo,
}

/// A line of text in one face, size and colour.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub x: f32,
    pub baseline: f32,
    pub text: String,
    pub face: Face,
    pub size: f32,
    pub colour: Rgb,
    /// The measured advance width.
    pub width: f32,
}

impl TextRun {
    /// The box the glyphs may occupy: `(left, top, right, bottom)`, from the font's ascent and
    /// descent.
    pub fn bounds(&self) -> (f32, f32, f32, f32) {
        let m = self.face.metrics();
        (self.x, self.baseline - m.ascent * self.size, self.x + self.width, self.baseline + m.descent * self.size)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    pub title: String,
    pub page: usize,
    pub y: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TablePlacement {
    /// The first line of each header cell, as placed.
    pub header: Vec<String>,
    /// The pages (0-based) the table spans.
    pub pages: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SectionPlacement {
    pub id: SectionId,
    pub title: String,
    pub page: usize,
    /// The last page the section occupies.
    pub last_page: usize,
    pub y: f32,
}

/// Lays out the whole report.
pub fn layout(model: &ReportModel) -> Document {
    let mut flow = blocks::Flow::new(model);
    flow.pages.push(furniture::cover(model));
    flow.pages.push(Page { kind: PageKind::Contents, items: Vec::new() });
    for section in &model.sections {
        flow.section(section);
    }
    let blocks::Flow { mut pages, tables, mut sections, headings, .. } = flow;
    if let Some(last) = sections.last_mut() {
        last.last_page = pages.len() - 1;
    }
    furniture::contents(model, &mut pages, &sections);
    furniture::header_and_footer(model, &mut pages);
    let mut outline = vec![OutlineEntry { title: model.chrome.contents_title.clone(), page: 1, y: BODY.top }];
    outline.extend(sections.iter().map(|s| OutlineEntry { title: s.title.clone(), page: s.page, y: s.y }));
    Document { pages, outline, tables, sections, headings }
}
