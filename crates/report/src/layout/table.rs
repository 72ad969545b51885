//! Tables: wrapped cells, rows that never split, a header row repeated on every page.

use super::blocks::{on_fill, Flow};
use super::text::{Spec, GREY, INK, RULE};
use super::{Item, Stroke, TablePlacement, BODY};
use crate::fonts::Face;
use crate::model::{tone_colour, Align, Table, Tone};

const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 3.0;

fn specs(table: &Table) -> (Spec, Spec) {
    let size = if table.dense { 7.6 } else { 8.8 };
    let body = Spec::new(Face::Regular, size, INK);
    (body, on_fill(body.with_face(Face::Bold)))
}

fn widths(table: &Table) -> Vec<f32> {
    let total: f32 = table.columns.iter().map(|c| c.weight.max(0.01)).sum();
    table.columns.iter().map(|c| BODY.width() * c.weight.max(0.01) / total).collect()
}

/// Each cell's lines and the row's height.
fn measure_row<'a>(
    cells: impl Iterator<Item = (&'a str, bool)>,
    widths: &[f32],
    spec: Spec,
) -> (Vec<Vec<String>>, f32) {
    let lines: Vec<Vec<String>> = cells
        .zip(widths)
        .map(|((text, bold), w)| {
            let spec = if bold { spec.with_face(Face::Bold) } else { spec };
            spec.wrap(text, w - 2.0 * PAD_X)
        })
        .collect();
    let count = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
    (lines, count as f32 * spec.leading + 2.0 * PAD_Y)
}

fn header(table: &Table, widths: &[f32]) -> (Vec<Vec<String>>, f32) {
    let (_, head) = specs(table);
    measure_row(table.columns.iter().map(|c| (c.header.as_str(), true)), widths, head)
}

/// Header plus the first row: what a heading before the table keeps with it.
pub(super) fn keep_height(table: &Table) -> f32 {
    let widths = widths(table);
    let (body, _) = specs(table);
    let (_, head_h) = header(table, &widths);
    let first = table
        .rows
        .first()
        .map_or(0.0, |r| measure_row(r.cells.iter().map(|c| (c.text.as_str(), c.bold)), &widths, body).1);
    head_h + first
}

pub(super) fn place(flow: &mut Flow<'_>, table: &Table) {
    let widths = widths(table);
    let (body, head_spec) = specs(table);
    let (head_lines, head_h) = header(table, &widths);
    let branding = &flow.model.branding;
    let primary = branding.primary;
    let emphasis_fill = branding.accent.tint(0.86);
    let zebra = primary.tint(0.955);
    let mut placement = TablePlacement {
        header: head_lines.iter().map(|l| l.first().cloned().unwrap_or_default()).collect(),
        pages: Vec::new(),
    };

    let draw_header = |flow: &mut Flow<'_>, placement: &mut TablePlacement| {
        let top = flow.y;
        flow.push(Item::Rect { x: BODY.left, y: top, w: BODY.width(), h: head_h, fill: Some(primary), stroke: None });
        let mut x = BODY.left;
        for ((lines, w), column) in head_lines.iter().zip(&widths).zip(&table.columns) {
            for (i, line) in lines.iter().enumerate() {
                let run = aligned(head_spec, x, *w, top + PAD_Y + i as f32 * head_spec.leading, line, column.align);
                flow.push(Item::Text(run));
            }
            x += w;
        }
        flow.y = top + head_h;
        placement.pages.push(flow.page_index());
    };

    let rows: Vec<(Vec<Vec<String>>, f32)> = table
        .rows
        .iter()
        .map(|r| measure_row(r.cells.iter().map(|c| (c.text.as_str(), c.bold)), &widths, body))
        .collect();
    let first_h = rows.first().map_or(0.0, |r| r.1);
    flow.ensure(head_h + first_h);
    draw_header(flow, &mut placement);

    let max_row = BODY.height() - head_h;
    for (index, (row, (lines, height))) in table.rows.iter().zip(rows).enumerate() {
        let mut lines = lines;
        let mut height = height;
        if height > max_row {
            // A row taller than a page: keep what fits and mark the cut.
            let keep = ((max_row - 2.0 * PAD_Y) / body.leading).floor().max(1.0) as usize;
            for cell in &mut lines {
                if cell.len() > keep {
                    cell.truncate(keep);
                    if let Some(last) = cell.last_mut() {
                        last.push('…');
                    }
                }
            }
            height = keep as f32 * body.leading + 2.0 * PAD_Y;
        }
        if height > flow.room() {
            flow.new_page();
            draw_header(flow, &mut placement);
        }
        let top = flow.y;
        let fill = if row.emphasis {
            Some(emphasis_fill)
        } else if index % 2 == 1 {
            Some(zebra)
        } else {
            None
        };
        if let Some(fill) = fill {
            flow.push(Item::Rect { x: BODY.left, y: top, w: BODY.width(), h: height, fill: Some(fill), stroke: None });
        }
        let mut x = BODY.left;
        for (((cell, cell_lines), w), column) in row.cells.iter().zip(&lines).zip(&widths).zip(&table.columns) {
            let mut spec = if cell.bold || row.emphasis { body.with_face(Face::Bold) } else { body };
            if cell.tone != Tone::Neutral {
                let colour = tone_colour(cell.tone, branding);
                let text_w = cell_lines.iter().map(|l| spec.width(l)).fold(0.0, f32::max);
                let pill_w = (text_w + 2.0 * PAD_X).min(*w - 2.0);
                let pill_x = match column.align {
                    Align::Left => x + 1.0,
                    Align::Center => x + (w - pill_w) / 2.0,
                    Align::Right => x + w - 1.0 - pill_w,
                };
                let pill_h = cell_lines.len() as f32 * spec.leading + 2.0;
                flow.push(Item::Rect {
                    x: pill_x,
                    y: top + PAD_Y - 1.0,
                    w: pill_w,
                    h: pill_h,
                    fill: Some(colour.tint(0.84)),
                    stroke: None,
                });
                spec = spec.with_colour(if cell.tone == Tone::Muted { GREY.shade(0.2) } else { colour.shade(0.35) });
            }
            for (i, line) in cell_lines.iter().enumerate() {
                let run = aligned(spec, x, *w, top + PAD_Y + i as f32 * spec.leading, line, column.align);
                flow.push(Item::Text(run));
            }
            x += w;
        }
        flow.y = top + height;
        flow.push(Item::Line {
            x1: BODY.left,
            y1: flow.y,
            x2: BODY.right,
            y2: flow.y,
            stroke: Stroke::solid(RULE, 0.4),
        });
    }
    flow.y += 9.0;
    flow.tables.push(placement);
}

fn aligned(spec: Spec, x: f32, w: f32, top: f32, text: &str, align: Align) -> super::TextRun {
    let width = spec.width(text);
    let left = match align {
        Align::Left => x + PAD_X,
        Align::Center => x + (w - width) / 2.0,
        Align::Right => x + w - PAD_X - width,
    };
    spec.run(left, top, text)
}
