//! Charts from vector shapes: horizontal bars, and the roadmap's Gantt chart with milestone
//! diamonds, month ticks and a line for today.

use crosswalk_core::domain::Date;

use super::blocks::Flow;
use super::text::{Spec, GREY, INK, RULE};
use super::{Item, Stroke, BODY};
use crate::branding::Rgb;
use crate::fonts::Face;
use crate::model::{tone_colour, BarChart, Gantt, GanttItem, Tone};

const LABEL: Spec = Spec::new(Face::Regular, 8.5, INK);
const VALUE: Spec = Spec::new(Face::Bold, 8.5, INK);
const AXIS: Spec = Spec::new(Face::Regular, 7.0, GREY);
const LEGEND: Spec = Spec::new(Face::Regular, 7.5, GREY);
const BAR_ROW: f32 = 18.0;
const BAR_THICKNESS: f32 = 10.0;
const TRACK: Rgb = Rgb::new(0xEC, 0xEF, 0xF3);
const LEGEND_ROW: f32 = 16.0;

pub(super) fn bar_chart_height(chart: &BarChart) -> f32 {
    let title = if chart.title.is_empty() { 0.0 } else { VALUE.leading + 4.0 };
    title + chart.bars.len() as f32 * BAR_ROW + AXIS.leading + 4.0 + legend_height(&chart.legend, None) + 10.0
}

/// The positions of legend entries (row, x of the swatch) when laid out from the left margin,
/// wrapping to a new row when the next one would cross the right margin.
fn legend_positions(labels: &[&str]) -> Vec<(usize, f32)> {
    let mut out = Vec::new();
    let (mut row, mut x) = (0, BODY.left);
    for label in labels {
        let w = 11.0 + LEGEND.width(label);
        if x + w > BODY.right && x > BODY.left {
            row += 1;
            x = BODY.left;
        }
        out.push((row, x));
        x += w + 14.0;
    }
    out
}

fn legend_labels<'a>(entries: &'a [(String, Tone)], diamond: Option<&'a str>) -> Vec<&'a str> {
    entries.iter().map(|(l, _)| l.as_str()).chain(diamond).collect()
}

fn legend_height(entries: &[(String, Tone)], diamond: Option<&str>) -> f32 {
    let labels = legend_labels(entries, diamond);
    if labels.is_empty() {
        return 0.0;
    }
    let rows = legend_positions(&labels).last().map_or(0, |(r, _)| r + 1);
    rows as f32 * LEGEND_ROW
}

/// Places a legend of coloured squares (and a milestone diamond) from `top`.
fn legend(flow: &mut Flow<'_>, entries: &[(String, Tone)], top: f32, diamond_label: Option<&str>) {
    let labels = legend_labels(entries, diamond_label);
    let positions = legend_positions(&labels);
    for (i, (label, (row, x))) in labels.iter().zip(positions).enumerate() {
        let y = top + row as f32 * LEGEND_ROW;
        match entries.get(i) {
            Some((_, tone)) => {
                let colour = legend_colour(flow, *tone);
                flow.push(Item::Rect { x, y: y + 3.0, w: 8.0, h: 8.0, fill: Some(colour), stroke: None });
            }
            None => flow.push(diamond(x + 4.0, y + 7.0, 4.0, flow.model.branding.accent)),
        }
        flow.push(Item::Text(LEGEND.run(x + 11.0, y + 1.0, *label)));
    }
}

fn legend_colour(flow: &Flow<'_>, tone: Tone) -> Rgb {
    match tone {
        Tone::Muted => TRACK.shade(0.08),
        other => tone_colour(other, &flow.model.branding),
    }
}

pub(super) fn bar_chart(flow: &mut Flow<'_>, chart: &BarChart) {
    let height = bar_chart_height(chart);
    flow.ensure(height);
    let top = flow.y;
    let mut y = top;
    if !chart.title.is_empty() {
        flow.push(Item::Text(VALUE.run(BODY.left, y, chart.title.as_str())));
        y += VALUE.leading + 4.0;
    }
    let label_w = BODY.width() * 0.33;
    let value_w = 78.0;
    let bar_x = BODY.left + label_w + 8.0;
    let bar_w = BODY.width() - label_w - 8.0 - value_w;
    let max = if chart.max > 0.0 { chart.max } else { 1.0 };
    let scale = |v: f64| (v.clamp(0.0, max) / max) as f32 * bar_w;
    let bars_top = y;
    let bars_bottom = y + chart.bars.len() as f32 * BAR_ROW;

    for (value, _) in &chart.ticks {
        let x = bar_x + scale(*value);
        flow.push(Item::Line { x1: x, y1: bars_top, x2: x, y2: bars_bottom, stroke: Stroke::solid(RULE, 0.4) });
    }
    for bar in &chart.bars {
        let label = LABEL.fit(&bar.label, label_w);
        flow.push(Item::Text(LABEL.run(BODY.left, y + (BAR_ROW - LABEL.leading) / 2.0, label)));
        let bar_top = y + (BAR_ROW - BAR_THICKNESS) / 2.0;
        flow.push(Item::Rect { x: bar_x, y: bar_top, w: bar_w, h: BAR_THICKNESS, fill: Some(TRACK), stroke: None });
        let mut x = bar_x;
        for (length, tone) in &bar.segments {
            let w = scale(*length).min(bar_x + bar_w - x);
            if w > 0.05 {
                let colour = legend_colour(flow, *tone);
                let colour = if *tone == Tone::Muted { colour.shade(0.25) } else { colour };
                flow.push(Item::Rect { x, y: bar_top, w, h: BAR_THICKNESS, fill: Some(colour), stroke: None });
                x += w;
            }
        }
        let value = VALUE.fit(&bar.value_label, value_w - 8.0);
        flow.push(Item::Text(VALUE.run(bar_x + bar_w + 8.0, y + (BAR_ROW - VALUE.leading) / 2.0, value)));
        y += BAR_ROW;
    }
    y += 2.0;
    let mut last_right = f32::MIN;
    for (value, label) in &chart.ticks {
        let x = bar_x + scale(*value);
        let w = AXIS.width(label);
        let left = (x - w / 2.0).clamp(BODY.left, BODY.right - w);
        if left > last_right + 2.0 {
            flow.push(Item::Text(AXIS.run(left, y, label.as_str())));
            last_right = left + w;
        }
    }
    y += AXIS.leading + 4.0;
    legend(flow, &chart.legend, y, None);
    y += legend_height(&chart.legend, None);
    flow.y = y + 10.0;
}

const GANTT_LABEL: Spec = Spec::new(Face::Regular, 7.2, INK);
const GANTT_YEAR: Spec = Spec::new(Face::Bold, 7.2, INK);
const GANTT_MONTH: Spec = Spec::new(Face::Regular, 6.4, GREY);
const GANTT_ROW: f32 = 12.5;
const GANTT_HEAD: f32 = 24.0;
const GANTT_FOOT: f32 = 14.0;

fn gantt_row_height(gantt: &Gantt) -> f32 {
    let fixed = GANTT_HEAD + GANTT_FOOT + legend_height(&gantt.legend, Some(&gantt.milestone_label)) + 14.0;
    let available = BODY.height() - 40.0 - fixed;
    let rows = gantt.rows.len().max(1) as f32;
    GANTT_ROW.min(available / rows).max(GANTT_LABEL.leading)
}

pub(super) fn gantt_height(gantt: &Gantt) -> f32 {
    GANTT_HEAD
        + gantt.rows.len() as f32 * gantt_row_height(gantt)
        + GANTT_FOOT
        + legend_height(&gantt.legend, Some(&gantt.milestone_label))
        + 14.0
}

fn diamond(cx: f32, cy: f32, r: f32, fill: Rgb) -> Item {
    Item::Polygon { points: vec![(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], fill }
}

fn month_start(date: Date) -> Date {
    Date::new(date.year(), date.month(), 1).unwrap_or(date)
}

pub(super) fn gantt(flow: &mut Flow<'_>, gantt: &Gantt) {
    let height = gantt_height(gantt);
    flow.ensure(height);
    let row_h = gantt_row_height(gantt);
    let top = flow.y;
    let label_w = BODY.width() * 0.37;
    let chart_x = BODY.left + label_w + 6.0;
    let chart_w = BODY.right - chart_x;
    let total = gantt.start.days_until(gantt.end).max(1) as f32;
    let x_of = |date: Date| chart_x + (gantt.start.days_until(date) as f32 / total).clamp(0.0, 1.0) * chart_w;
    let rows_top = top + GANTT_HEAD;
    let rows_bottom = rows_top + gantt.rows.len() as f32 * row_h;

    // Zebra rows first, so ticks and bars draw over them.
    for i in (0..gantt.rows.len()).filter(|i| i % 2 == 1) {
        let y = rows_top + i as f32 * row_h;
        let fill = flow.model.branding.primary.tint(0.955);
        flow.push(Item::Rect { x: BODY.left, y, w: BODY.width(), h: row_h, fill: Some(fill), stroke: None });
    }

    // Month ticks, month initials, and years.
    let mut month = month_start(gantt.start);
    let mut months = Vec::new();
    while month < gantt.end {
        months.push(month);
        month = month.plus_months(1);
    }
    let month_w = chart_w / (total / 30.44);
    let step = if month_w >= 14.0 {
        1
    } else if month_w >= 5.0 {
        3
    } else {
        6
    };
    let mut last_year_right = f32::MIN;
    for (i, m) in months.iter().enumerate() {
        let x = x_of(*m);
        let new_year = m.month() == 1 || i == 0;
        let colour = if new_year { RULE.shade(0.15) } else { RULE };
        flow.push(Item::Line { x1: x, y1: top + 11.0, x2: x, y2: rows_bottom, stroke: Stroke::solid(colour, 0.4) });
        if new_year {
            let label = m.year().to_string();
            let w = GANTT_YEAR.width(&label);
            if x + 2.0 > last_year_right && x + 2.0 + w <= BODY.right {
                flow.push(Item::Text(GANTT_YEAR.run(x + 2.0, top, label)));
                last_year_right = x + 2.0 + w + 4.0;
            }
        }
        if (m.month() as usize - 1) % step == 0 {
            let name = &gantt.months[(m.month() as usize).clamp(1, 12) - 1];
            let next = x_of(m.plus_months(step as i32));
            let label = GANTT_MONTH.fit(name, (next - x - 2.0).max(0.0));
            if !label.starts_with('…') && x + 1.5 + GANTT_MONTH.width(&label) <= BODY.right {
                flow.push(Item::Text(GANTT_MONTH.run(x + 1.5, top + 12.0, label)));
            }
        }
    }
    flow.push(Item::Line {
        x1: BODY.left,
        y1: rows_top,
        x2: BODY.right,
        y2: rows_top,
        stroke: Stroke::solid(RULE.shade(0.3), 0.6),
    });

    for (i, row) in gantt.rows.iter().enumerate() {
        let y = rows_top + i as f32 * row_h;
        let label = GANTT_LABEL.fit(&row.label, label_w - 2.0);
        flow.push(Item::Text(GANTT_LABEL.run(BODY.left, y + (row_h - GANTT_LABEL.leading) / 2.0, label)));
        let mid = y + row_h / 2.0;
        match &row.item {
            GanttItem::Bar { start, end, tone } => {
                let x1 = x_of(*start);
                let x2 = x_of(*end).max(x1 + 1.5);
                let colour = match tone {
                    Tone::Muted => TRACK.shade(0.2),
                    other => tone_colour(*other, &flow.model.branding),
                };
                let h = (row_h * 0.56).min(7.0);
                flow.push(Item::Rect { x: x1, y: mid - h / 2.0, w: x2 - x1, h, fill: Some(colour), stroke: None });
            }
            GanttItem::Milestone { date, tone } => {
                let colour = tone_colour(*tone, &flow.model.branding);
                let r = (row_h * 0.36).min(4.2);
                let cx = x_of(*date).clamp(chart_x + r, BODY.right - r);
                flow.push(diamond(cx, mid, r, colour));
            }
        }
    }
    flow.push(Item::Line {
        x1: BODY.left,
        y1: rows_bottom,
        x2: BODY.right,
        y2: rows_bottom,
        stroke: Stroke::solid(RULE.shade(0.3), 0.6),
    });

    if gantt.today >= gantt.start && gantt.today <= gantt.end {
        let x = x_of(gantt.today);
        let red = tone_colour(Tone::Bad, &flow.model.branding);
        flow.push(Item::Line {
            x1: x,
            y1: rows_top - 3.0,
            x2: x,
            y2: rows_bottom + 3.0,
            stroke: Stroke { colour: red, width: 0.9, dashed: true },
        });
        let spec = GANTT_YEAR.with_colour(red);
        let w = spec.width(&gantt.today_label);
        let left = (x - w / 2.0).clamp(BODY.left, BODY.right - w);
        flow.push(Item::Text(spec.run(left, rows_bottom + 3.0, gantt.today_label.as_str())));
    }
    let legend_top = rows_bottom + GANTT_FOOT;
    legend(flow, &gantt.legend, legend_top, Some(&gantt.milestone_label));
    flow.y = legend_top + legend_height(&gantt.legend, Some(&gantt.milestone_label)) + 14.0;
}
