//! The roadmap: the Gantt chart, why this order, the orders compared, phases and milestones.

use crosswalk_core::domain::Date;
use crosswalk_core::recommend::roadmap::{MilestoneKind, PhaseKind};
use crosswalk_core::recommend::Roadmap;

use super::{
    milestone_kind_label, milestone_tone, phase_kind_label, phase_tone, short_date_or_dash, ReportInputs, DASH,
};
use crate::i18n::{days, long_date, short_date, short_months, t, tf, S};
use crate::model::{
    Align, Block, Cell, Column, Gantt, GanttItem, GanttRow, Lang, Row, Section, SectionId, Table, TextStyle, Tone,
};

pub(super) fn section(inputs: &ReportInputs<'_>) -> Section {
    let lang = inputs.lang;
    let roadmap = inputs.roadmap;
    let mut blocks = vec![Block::Paragraph {
        text: tf(lang, S::RoadmapLead, &[&long_date(lang, roadmap.start), &days(lang, roadmap.capacity_days_per_week)]),
        style: TextStyle::Lead,
    }];
    if roadmap.phases.is_empty() {
        blocks.push(Block::Paragraph { text: t(lang, S::NoPhases).to_owned(), style: TextStyle::Body });
    } else {
        blocks.push(Block::Heading { level: 2, text: t(lang, S::Timeline).to_owned() });
        let systems: Vec<&str> = inputs.recommendation.ai_act.iter().map(|s| s.system.as_str()).collect();
        blocks.push(Block::Gantt(Box::new(gantt(lang, roadmap, inputs.recommendation.today, &systems))));
    }

    blocks.push(Block::Heading { level: 2, text: t(lang, S::WhyThisOrder).to_owned() });
    blocks.push(Block::Bullets {
        items: roadmap.why.iter().map(|w| lang.say(w).to_owned()).collect(),
        style: TextStyle::Body,
    });

    blocks.push(Block::Heading { level: 2, text: t(lang, S::OrdersCompared).to_owned() });
    if roadmap.options.len() > 1 {
        blocks.push(Block::Table(orders_table(lang, roadmap)));
    } else {
        blocks.push(Block::Paragraph { text: t(lang, S::OneOrderOnly).to_owned(), style: TextStyle::Body });
    }

    if !roadmap.phases.is_empty() {
        blocks.push(Block::Heading { level: 2, text: t(lang, S::PhasesHeading).to_owned() });
        blocks.push(Block::Table(Table {
            columns: vec![
                Column { header: t(lang, S::PhaseColumn).into(), weight: 3.4, align: Align::Left },
                Column { header: t(lang, S::KindColumn).into(), weight: 1.35, align: Align::Left },
                Column { header: t(lang, S::FromColumn).into(), weight: 0.95, align: Align::Left },
                Column { header: t(lang, S::ToColumn).into(), weight: 0.95, align: Align::Left },
                Column { header: t(lang, S::EffortDaysColumn).into(), weight: 1.15, align: Align::Right },
            ],
            rows: roadmap
                .phases
                .iter()
                .map(|p| {
                    Row::new(vec![
                        Cell::text(lang.say(&p.title)),
                        Cell::toned(phase_kind_label(lang, p.kind), phase_tone(p.kind)),
                        Cell::text(short_date(lang, p.start)),
                        Cell::text(short_date(lang, p.end)),
                        Cell::text(if p.effort_days > 0.0 { days(lang, p.effort_days) } else { DASH.to_owned() }),
                    ])
                })
                .collect(),
            dense: true,
        }));
    }

    if !roadmap.milestones.is_empty() {
        blocks.push(Block::Heading { level: 2, text: t(lang, S::MilestonesHeading).to_owned() });
        blocks.push(Block::Table(Table {
            columns: vec![
                Column { header: t(lang, S::DateColumn).into(), weight: 1.0, align: Align::Left },
                Column { header: t(lang, S::MilestoneColumn).into(), weight: 4.0, align: Align::Left },
                Column { header: t(lang, S::KindColumn).into(), weight: 1.5, align: Align::Left },
            ],
            rows: roadmap
                .milestones
                .iter()
                .map(|m| {
                    let mut kind = milestone_kind_label(lang, m.kind).to_owned();
                    if m.missed {
                        kind = format!("{kind} ({})", t(lang, S::Missed));
                    }
                    Row::new(vec![
                        Cell::text(short_date(lang, m.date)),
                        Cell::text(lang.say(&m.title)),
                        Cell::toned(kind, milestone_tone(m)),
                    ])
                })
                .collect(),
            dense: true,
        }));
    }

    Section { id: SectionId::Roadmap, title: t(lang, S::SecRoadmap).into(), new_page: true, blocks }
}

fn gantt(lang: Lang, roadmap: &Roadmap, today: Date, ai_systems: &[&str]) -> Gantt {
    let phase_end = roadmap.phases.iter().map(|p| p.end).max().unwrap_or(roadmap.start);
    let last = roadmap
        .milestones
        .iter()
        .filter(|m| m.kind != MilestoneKind::Surveillance)
        .map(|m| m.date)
        .chain([phase_end])
        .max()
        .unwrap_or(phase_end);
    let first = roadmap.phases.iter().map(|p| p.start).min().unwrap_or(roadmap.start).min(today);
    let start = Date::new(first.year(), first.month(), 1).unwrap_or(first);
    let end = {
        let next = last.plus_months(1);
        Date::new(next.year(), next.month(), 1).unwrap_or(next)
    };
    // EU AI Act phase titles are long and start alike; in the chart they go by their system.
    let label = |p: &crosswalk_core::recommend::roadmap::Phase| match p.kind {
        PhaseKind::AiAct => {
            p.id.strip_prefix("ai-act-")
                .and_then(|i| i.parse::<usize>().ok())
                .and_then(|i| ai_systems.get(i))
                .map(|system| format!("{}: {}", phase_kind_label(lang, p.kind), system))
                .unwrap_or_else(|| lang.say(&p.title).to_owned())
        }
        _ => lang.say(&p.title).to_owned(),
    };
    let mut rows: Vec<GanttRow> = roadmap
        .phases
        .iter()
        .map(|p| GanttRow {
            label: label(p),
            item: GanttItem::Bar { start: p.start, end: p.end, tone: phase_tone(p.kind) },
        })
        .collect();
    rows.extend(roadmap.milestones.iter().filter(|m| m.date >= start && m.date < end).map(|m| GanttRow {
        label: format!("{} ({})", lang.say(&m.title), short_date(lang, m.date)),
        item: GanttItem::Milestone { date: m.date, tone: milestone_tone(m) },
    }));
    let mut legend: Vec<(String, Tone)> = Vec::new();
    for kind in [
        PhaseKind::Stop,
        PhaseKind::Implementation,
        PhaseKind::Readiness,
        PhaseKind::Audit,
        PhaseKind::Observation,
        PhaseKind::AiAct,
    ] {
        if roadmap.phases.iter().any(|p| p.kind == kind) {
            legend.push((phase_kind_label(lang, kind).to_owned(), phase_tone(kind)));
        }
    }
    Gantt {
        start,
        end,
        today,
        today_label: t(lang, S::Today).to_owned(),
        milestone_label: t(lang, S::KindMilestone).to_owned(),
        months: short_months(lang),
        rows,
        legend,
    }
}

fn orders_table(lang: Lang, roadmap: &Roadmap) -> Table {
    Table {
        columns: vec![
            Column { header: t(lang, S::OrderColumn).into(), weight: 2.4, align: Align::Left },
            Column { header: t(lang, S::FirstDeliverableColumn).into(), weight: 1.1, align: Align::Left },
            Column { header: t(lang, S::FinishColumn).into(), weight: 1.1, align: Align::Left },
            Column { header: t(lang, S::EffortDaysColumn).into(), weight: 1.15, align: Align::Right },
            Column { header: t(lang, S::MissedColumn).into(), weight: 1.0, align: Align::Right },
            Column { header: t(lang, S::ChosenColumn).into(), weight: 0.7, align: Align::Center },
        ],
        rows: roadmap
            .options
            .iter()
            .map(|o| Row {
                cells: vec![
                    Cell::text(o.order.iter().map(|f| f.display_name()).collect::<Vec<_>>().join(" → ")),
                    Cell::text(short_date_or_dash(lang, o.first_deliverable)),
                    Cell::text(short_date_or_dash(lang, o.finish)),
                    Cell::text(days(lang, o.effort_days)),
                    if o.deadlines_missed.is_empty() {
                        Cell::text("0")
                    } else {
                        Cell::toned(o.deadlines_missed.len().to_string(), Tone::Bad)
                    },
                    if o.chosen { Cell::toned(t(lang, S::Yes), Tone::Good) } else { Cell::text(DASH) },
                ],
                emphasis: o.chosen,
            })
            .collect(),
        dense: true,
    }
}
