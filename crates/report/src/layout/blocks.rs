//! The flow: sections and their blocks, top to bottom, page after page.

use super::text::{Spec, GREY, INK, WHITE};
use super::{HeadingPlacement, Item, Page, PageKind, SectionPlacement, TablePlacement, BODY};
use crate::fonts::Face;
use crate::model::{tone_colour, Block, KeyFigure, ReportModel, Section, TextStyle, Tone};

pub(super) const BODY_TEXT: Spec = Spec::new(Face::Regular, 9.5, INK);
pub(super) const NOTE_TEXT: Spec = Spec::new(Face::Regular, 8.0, GREY);
pub(super) const LEAD_TEXT: Spec = Spec::new(Face::Regular, 11.0, INK);
pub(super) const SECTION_TITLE: Spec = Spec::new(Face::Bold, 20.0, INK);
pub(super) const H2: Spec = Spec::new(Face::Bold, 12.5, INK);
pub(super) const H3: Spec = Spec::new(Face::Bold, 10.5, INK);

/// Space after a paragraph, a list, a table.
const GAP: f32 = 7.0;
const BULLET_INDENT: f32 = 13.0;

pub(super) struct Flow<'m> {
    pub model: &'m ReportModel,
    pub pages: Vec<Page>,
    /// The top of the free space on the current page.
    pub y: f32,
    pub tables: Vec<TablePlacement>,
    pub sections: Vec<SectionPlacement>,
    pub headings: Vec<HeadingPlacement>,
}

fn text_spec(style: TextStyle) -> Spec {
    match style {
        TextStyle::Body => BODY_TEXT,
        TextStyle::Note => NOTE_TEXT,
        TextStyle::Lead => LEAD_TEXT,
    }
}

impl<'m> Flow<'m> {
    pub fn new(model: &'m ReportModel) -> Flow<'m> {
        Flow { model, pages: Vec::new(), y: BODY.top, tables: Vec::new(), sections: Vec::new(), headings: Vec::new() }
    }

    pub fn page_index(&self) -> usize {
        self.pages.len() - 1
    }

    pub fn push(&mut self, item: Item) {
        if let Some(page) = self.pages.last_mut() {
            page.items.push(item);
        }
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page { kind: PageKind::Body, items: Vec::new() });
        self.y = BODY.top;
    }

    pub fn room(&self) -> f32 {
        BODY.bottom - self.y
    }

    /// Starts a new page unless `height` fits below the cursor (or the page is still empty).
    pub fn ensure(&mut self, height: f32) {
        if height > self.room() && self.y > BODY.top + 0.5 {
            self.new_page();
        }
    }

    fn at_top(&self) -> bool {
        self.y <= BODY.top + 0.5
    }

    pub fn section(&mut self, section: &Section) {
        let first_body_page = self.pages.last().is_none_or(|p| p.kind != PageKind::Body);
        let title_lines = SECTION_TITLE.wrap(&section.title, BODY.width());
        let title_height = title_lines.len() as f32 * SECTION_TITLE.leading + 16.0;
        if section.new_page || first_body_page {
            self.new_page();
        } else {
            self.y += 18.0;
            let next = self.keep_height(&section.blocks);
            self.ensure(title_height + next);
        }
        let previous_last = if self.at_top() { self.pages.len().saturating_sub(2) } else { self.pages.len() - 1 };
        if let Some(previous) = self.sections.last_mut() {
            previous.last_page = previous_last;
        }
        self.sections.push(SectionPlacement {
            id: section.id,
            title: section.title.clone(),
            page: self.page_index(),
            last_page: self.page_index(),
            y: self.y,
        });
        let primary = self.model.branding.primary;
        for line in title_lines {
            let run = SECTION_TITLE.with_colour(primary).run(BODY.left, self.y, line);
            self.push(Item::Text(run));
            self.y += SECTION_TITLE.leading;
        }
        self.y += 4.0;
        let accent = self.model.branding.accent;
        self.push(Item::Rect { x: BODY.left, y: self.y, w: 48.0, h: 2.5, fill: Some(accent), stroke: None });
        self.y += 12.0;

        for (i, block) in section.blocks.iter().enumerate() {
            self.block(block, &section.blocks[i + 1..]);
        }
    }

    /// The height that must fit together with a heading placed before `blocks`: the start of
    /// the first block, and when that is a heading too, the start of what follows it.
    fn keep_height(&self, blocks: &[Block]) -> f32 {
        let width = BODY.width();
        let Some(block) = blocks.first() else { return 0.0 };
        match block {
            Block::Heading { level, text } => {
                let spec = if *level <= 2 { H2 } else { H3 };
                let above = if *level <= 2 { 8.0 } else { 5.0 };
                above + spec.wrap(text, width).len() as f32 * spec.leading + 3.0 + self.keep_height(&blocks[1..])
            }
            Block::Paragraph { text, style } => {
                let spec = text_spec(*style);
                spec.wrap(text, width).len().min(3) as f32 * spec.leading
            }
            Block::Bullets { items, style } => {
                let spec = text_spec(*style);
                items.first().map_or(0.0, |i| spec.wrap(i, width - BULLET_INDENT).len().min(2) as f32 * spec.leading)
            }
            Block::Callout { title, lines, .. } => self.callout_height(title, lines),
            Block::KeyFigures(figures) => key_figures_height(figures),
            Block::Table(table) => super::table::keep_height(table),
            Block::BarChart(chart) => super::chart::bar_chart_height(chart),
            Block::Gantt(gantt) => super::chart::gantt_height(gantt),
            Block::Space(_) => 0.0,
        }
    }

    fn block(&mut self, block: &Block, rest: &[Block]) {
        match block {
            Block::Heading { level, text } => self.heading(*level, text, rest),
            Block::Paragraph { text, style } => {
                self.paragraph(text, text_spec(*style), BODY.left, BODY.width());
                self.y += GAP;
            }
            Block::Bullets { items, style } => self.bullets(items, text_spec(*style)),
            Block::Callout { tone, title, lines } => self.callout(*tone, title, lines),
            Block::KeyFigures(figures) => self.key_figures(figures),
            Block::Table(table) => super::table::place(self, table),
            Block::BarChart(chart) => super::chart::bar_chart(self, chart),
            Block::Gantt(gantt) => super::chart::gantt(self, gantt),
            Block::Space(h) => {
                if !self.at_top() {
                    self.y += h;
                }
            }
        }
    }

    fn heading(&mut self, level: u8, text: &str, rest: &[Block]) {
        let spec = if level <= 2 { H2 } else { H3 };
        let lines = spec.wrap(text, BODY.width());
        let above = if level <= 2 { 8.0 } else { 5.0 };
        let height = lines.len() as f32 * spec.leading + 3.0;
        let keep = self.keep_height(rest);
        if !self.at_top() {
            self.y += above;
        }
        self.ensure(height + keep);
        let colour = if level <= 2 { self.model.branding.primary } else { INK };
        for line in lines {
            let run = spec.with_colour(colour).run(BODY.left, self.y, line);
            self.push(Item::Text(run));
            self.y += spec.leading;
        }
        self.headings.push(HeadingPlacement { text: text.to_owned(), page: self.page_index(), bottom: self.y });
        self.y += 3.0;
    }

    /// Places wrapped text line by line, breaking pages between lines.
    pub fn paragraph(&mut self, text: &str, spec: Spec, x: f32, width: f32) {
        for line in spec.wrap(text, width) {
            self.ensure(spec.leading);
            if !line.is_empty() {
                let run = spec.run(x, self.y, line);
                self.push(Item::Text(run));
            }
            self.y += spec.leading;
        }
    }

    fn bullets(&mut self, items: &[String], spec: Spec) {
        for item in items {
            let lines = spec.wrap(item, BODY.width() - BULLET_INDENT);
            self.ensure(spec.leading * lines.len().min(2) as f32);
            let bullet = spec.with_colour(self.model.branding.accent).run(BODY.left + 2.0, self.y, "•");
            self.push(Item::Text(bullet));
            self.paragraph(item, spec, BODY.left + BULLET_INDENT, BODY.width() - BULLET_INDENT);
            self.y += 2.0;
        }
        self.y += GAP - 2.0;
    }

    fn callout_lines(&self, title: &str, lines: &[String]) -> (Vec<String>, Vec<Vec<String>>) {
        let width = BODY.width() - 28.0;
        let title_lines =
            if title.is_empty() { Vec::new() } else { BODY_TEXT.with_face(Face::Bold).wrap(title, width) };
        (title_lines, lines.iter().map(|l| BODY_TEXT.wrap(l, width)).collect())
    }

    fn callout_height(&self, title: &str, lines: &[String]) -> f32 {
        let (title_lines, body) = self.callout_lines(title, lines);
        let count = title_lines.len() + body.iter().map(Vec::len).sum::<usize>();
        count as f32 * BODY_TEXT.leading + (body.len().saturating_sub(1)) as f32 * 4.0 + 20.0
    }

    fn callout(&mut self, tone: Tone, title: &str, lines: &[String]) {
        let height = self.callout_height(title, lines);
        self.ensure(height);
        let colour = tone_colour(tone, &self.model.branding);
        let top = self.y;
        self.push(Item::Rect {
            x: BODY.left,
            y: top,
            w: BODY.width(),
            h: height,
            fill: Some(colour.tint(0.9)),
            stroke: None,
        });
        self.push(Item::Rect { x: BODY.left, y: top, w: 4.0, h: height, fill: Some(colour), stroke: None });
        let (title_lines, body) = self.callout_lines(title, lines);
        self.y = top + 10.0;
        let x = BODY.left + 16.0;
        for line in title_lines {
            let run = BODY_TEXT.with_face(Face::Bold).with_colour(colour.shade(0.25)).run(x, self.y, line);
            self.push(Item::Text(run));
            self.y += BODY_TEXT.leading;
        }
        for (i, paragraph) in body.into_iter().enumerate() {
            if i > 0 {
                self.y += 4.0;
            }
            for line in paragraph {
                let run = BODY_TEXT.run(x, self.y, line);
                self.push(Item::Text(run));
                self.y += BODY_TEXT.leading;
            }
        }
        self.y = top + height + GAP + 3.0;
    }

    fn key_figures(&mut self, figures: &[KeyFigure]) {
        if figures.is_empty() {
            return;
        }
        let height = key_figures_height(figures);
        self.ensure(height);
        let gap = 8.0;
        let n = figures.len() as f32;
        let w = (BODY.width() - gap * (n - 1.0)) / n;
        let top = self.y;
        let fill = self.model.branding.primary.tint(0.93);
        for (i, figure) in figures.iter().enumerate() {
            let x = BODY.left + i as f32 * (w + gap);
            self.push(Item::Rect { x, y: top, w, h: height, fill: Some(fill), stroke: None });
            let colour = tone_colour(figure.tone, &self.model.branding);
            let value = FIGURE_VALUE.with_colour(colour).fit(&figure.value, w - 16.0);
            let run = FIGURE_VALUE.with_colour(colour).run(x + 8.0, top + 7.0, value);
            self.push(Item::Text(run));
            let mut y = top + 7.0 + FIGURE_VALUE.leading;
            for line in FIGURE_LABEL.wrap(&figure.label, w - 16.0).into_iter().take(2) {
                let run = FIGURE_LABEL.run(x + 8.0, y, line);
                self.push(Item::Text(run));
                y += FIGURE_LABEL.leading;
            }
        }
        self.y = top + height + GAP + 4.0;
    }
}

const FIGURE_VALUE: Spec = Spec::new(Face::Bold, 15.0, INK);
const FIGURE_LABEL: Spec = Spec::new(Face::Regular, 8.0, GREY);

fn key_figures_height(figures: &[KeyFigure]) -> f32 {
    if figures.is_empty() {
        0.0
    } else {
        14.0 + FIGURE_VALUE.leading + 2.0 * FIGURE_LABEL.leading
    }
}

/// White text, for filled headers.
pub(super) const fn on_fill(spec: Spec) -> Spec {
    Spec { colour: WHITE, ..spec }
}
