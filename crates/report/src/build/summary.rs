//! The executive summary and the "which do you need" side-by-side table.

use crosswalk_core::assessment::ScopeFramework;
use crosswalk_core::recommend::roadmap::MilestoneKind;
use crosswalk_core::recommend::{FrameworkVerdict, Need, Recommendation, Roadmap};

use super::{framework_name, need_label, need_tone, ReportInputs, DASH};
use crate::i18n::{days, long_date, percent, short_date, t, tf, S};
use crate::model::{Align, Block, Cell, Column, KeyFigure, Lang, Row, Section, SectionId, Table, TextStyle, Tone};

pub(super) fn executive_summary(inputs: &ReportInputs<'_>) -> Section {
    let lang = inputs.lang;
    let rec = inputs.recommendation;
    let roadmap = inputs.roadmap;
    let mut blocks =
        vec![Block::Paragraph { text: tf(lang, S::SummaryLead, &[&inputs.profile.name]), style: TextStyle::Lead }];
    if !rec.stop_signs.is_empty() {
        blocks.push(Block::Callout {
            tone: Tone::Bad,
            title: t(lang, S::StopFirst).to_owned(),
            lines: rec.stop_signs.iter().map(|s| lang.say(s).to_owned()).collect(),
        });
    }
    blocks.push(Block::KeyFigures(key_figures(inputs)));

    blocks.push(Block::Heading { level: 2, text: t(lang, S::VerdictsHeading).to_owned() });
    let mut rows: Vec<Row> = rec
        .frameworks
        .iter()
        .map(|v| {
            Row::new(vec![
                Cell::bold(v.framework.display_name()),
                Cell::toned(verdict_text(lang, v), need_tone(v.need)),
                Cell::text(held_text(lang, v)),
                Cell::text(lang.say(&v.summary)),
            ])
        })
        .collect();
    rows.push(Row::new(vec![
        Cell::bold(t(lang, S::EuAiAct)),
        ai_act_cell(lang, rec),
        Cell::text(DASH),
        Cell::text(ai_act_sentence(lang, rec)),
    ]));
    blocks.push(Block::Table(Table {
        columns: vec![
            Column { header: t(lang, S::RegimeColumn).into(), weight: 1.1, align: Align::Left },
            Column { header: t(lang, S::VerdictColumn).into(), weight: 1.1, align: Align::Left },
            Column { header: t(lang, S::HeldColumn).into(), weight: 0.9, align: Align::Left },
            Column { header: t(lang, S::WhyColumn).into(), weight: 3.6, align: Align::Left },
        ],
        rows,
        dense: true,
    }));

    blocks.push(Block::Heading { level: 2, text: t(lang, S::OrderHeading).to_owned() });
    blocks.push(Block::Bullets { items: order_items(lang, roadmap), style: TextStyle::Body });
    if let Some(first) = roadmap.why.first() {
        blocks.push(Block::Paragraph { text: lang.say(first).to_owned(), style: TextStyle::Note });
    }
    Section { id: SectionId::ExecutiveSummary, title: t(lang, S::SecExecutiveSummary).into(), new_page: true, blocks }
}

fn key_figures(inputs: &ReportInputs<'_>) -> Vec<KeyFigure> {
    let lang = inputs.lang;
    let analysis = inputs.analysis;
    let applicable: u32 = analysis.frameworks.iter().map(|f| f.counts.applicable()).sum();
    let readiness = if applicable == 0 {
        DASH.to_owned()
    } else {
        let met: f64 =
            analysis.frameworks.iter().map(|f| f64::from(f.counts.met) + f64::from(f.counts.partial) / 2.0).sum();
        percent(lang, met * 100.0 / f64::from(applicable))
    };
    let effort = &inputs.roadmap.effort;
    let (together, saving) = match &analysis.shared_work {
        Some(shared) => (shared.together, shared.alone.iter().map(|(_, d)| d).sum::<f64>() - shared.together),
        None => (effort.together, effort.saving),
    };
    let finish = inputs.roadmap.options.iter().find(|o| o.chosen).and_then(|o| o.finish);
    vec![
        KeyFigure { label: t(lang, S::FigureReadiness).into(), value: readiness, tone: Tone::Brand },
        KeyFigure {
            label: t(lang, S::FigureEffort).into(),
            value: tf(lang, S::DaysValue, &[&days(lang, together)]),
            tone: Tone::Neutral,
        },
        KeyFigure {
            label: t(lang, S::FigureSaving).into(),
            value: tf(lang, S::DaysValue, &[&days(lang, saving.max(0.0))]),
            tone: Tone::Good,
        },
        KeyFigure {
            label: t(lang, S::FigureFinish).into(),
            value: finish.map_or_else(|| t(lang, S::NoDate).to_owned(), |d| short_date(lang, d)),
            tone: Tone::Neutral,
        },
    ]
}

pub(super) fn verdict_text(lang: Lang, v: &FrameworkVerdict) -> String {
    if v.urgent {
        format!("{}, {}", need_label(lang, v.need), t(lang, S::Urgent))
    } else {
        need_label(lang, v.need).to_owned()
    }
}

pub(super) fn held_text(lang: Lang, v: &FrameworkVerdict) -> String {
    match &v.held {
        None => DASH.to_owned(),
        Some(h) if !h.current => t(lang, S::HeldLapsed).to_owned(),
        Some(h) => match h.until {
            Some(until) => tf(lang, S::HeldCurrentUntil, &[&short_date(lang, until)]),
            None => t(lang, S::HeldCurrent).to_owned(),
        },
    }
}

/// The EU AI Act's verdict for the client as a whole, as a table cell.
fn ai_act_cell(lang: Lang, rec: &Recommendation) -> Cell {
    let total = rec.ai_act.len();
    let applying = rec.ai_act.iter().filter(|s| s.need >= Need::Recommended).count();
    if rec.ai_act.iter().any(|s| s.stop) {
        Cell::toned(t(lang, S::AiActForClientStop), Tone::Bad)
    } else if total == 0 {
        Cell::toned(t(lang, S::AiActForClientNoSystems), Tone::Muted)
    } else if applying == 0 {
        Cell::toned(t(lang, S::AiActForClientNone), Tone::Muted)
    } else {
        Cell::toned(tf(lang, S::AiActForClientSystems, &[&applying.to_string(), &total.to_string()]), Tone::Bad)
    }
}

fn ai_act_sentence(lang: Lang, rec: &Recommendation) -> String {
    if let Some(note) = &rec.ai_act_note {
        return lang.say(note).to_owned();
    }
    if rec.ai_act.is_empty() {
        return t(lang, S::AiActNoSystems).to_owned();
    }
    rec.ai_act.iter().map(|s| format!("{}: {}", s.system, need_label(lang, s.need))).collect::<Vec<_>>().join("; ")
}

fn order_items(lang: Lang, roadmap: &Roadmap) -> Vec<String> {
    let mut items: Vec<String> = roadmap
        .order
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let first = roadmap
                .milestones
                .iter()
                .filter(|m| m.framework == Some(*f) && m.kind == MilestoneKind::Deliverable)
                .min_by_key(|m| m.date);
            let n = (i + 1).to_string();
            match first {
                Some(m) => {
                    tf(lang, S::OrderItem, &[&n, f.display_name(), &lang.say(&m.title), &long_date(lang, m.date)])
                }
                None => tf(lang, S::OrderItemPlain, &[&n, f.display_name()]),
            }
        })
        .collect();
    for f in &roadmap.maintained {
        let next = roadmap.milestones.iter().filter(|m| m.framework == Some(*f)).min_by_key(|m| m.date);
        items.push(match next {
            Some(m) => tf(lang, S::MaintainedItem, &[f.display_name(), &long_date(lang, m.date)]),
            None => tf(lang, S::MaintainedItemPlain, &[f.display_name()]),
        });
    }
    if items.is_empty() {
        items.push(t(lang, S::NothingToBuild).to_owned());
    }
    items
}

pub(super) fn which_do_you_need(inputs: &ReportInputs<'_>) -> Section {
    let lang = inputs.lang;
    let rec = inputs.recommendation;
    let client = &inputs.profile.name;
    let rows_spec: [(S, [S; 4]); 6] = [
        (S::RowWhatItIs, [S::IsmsWhat, S::Soc2What, S::AimsWhat, S::ActWhat]),
        (S::RowFocus, [S::IsmsFocus, S::Soc2Focus, S::AimsFocus, S::ActFocus]),
        (S::RowOutput, [S::IsmsOutput, S::Soc2Output, S::AimsOutput, S::ActOutput]),
        (S::RowRecognition, [S::IsmsRecognition, S::Soc2Recognition, S::AimsRecognition, S::ActRecognition]),
        (S::RowBestWhen, [S::IsmsBestWhen, S::Soc2BestWhen, S::AimsBestWhen, S::ActBestWhen]),
        (S::RowRenewal, [S::IsoRenewal, S::Soc2Renewal, S::IsoRenewal, S::ActRenewal]),
    ];
    let mut rows: Vec<Row> = rows_spec
        .iter()
        .map(|(aspect, cells)| {
            let mut row = vec![Cell::bold(t(lang, *aspect))];
            row.extend(cells.iter().map(|c| Cell::text(t(lang, *c))));
            Row::new(row)
        })
        .collect();
    let mut client_row = vec![Cell::bold(tf(lang, S::RowForClient, &[client]))];
    for key in [ScopeFramework::Iso27001, ScopeFramework::Soc2, ScopeFramework::Iso42001] {
        client_row.push(match rec.frameworks.iter().find(|v| v.framework == key) {
            Some(v) => {
                let mut text = verdict_text(lang, v);
                if v.held.is_some() {
                    text = format!("{text} ({})", held_text(lang, v));
                }
                Cell { text, tone: need_tone(v.need), bold: true }
            }
            None => Cell::text(DASH),
        });
    }
    let mut act = ai_act_cell(lang, rec);
    act.bold = true;
    client_row.push(act);
    rows.push(Row { cells: client_row, emphasis: true });

    let header = |name: &str| Column { header: name.to_owned(), weight: 1.6, align: Align::Left };
    let table = Table {
        columns: vec![
            Column { header: t(lang, S::AspectColumn).into(), weight: 1.0, align: Align::Left },
            header(ScopeFramework::Iso27001.display_name()),
            header(ScopeFramework::Soc2.display_name()),
            header(ScopeFramework::Iso42001.display_name()),
            header(&framework_name(lang, crosswalk_core::catalog::EU_AI_ACT)),
        ],
        rows,
        dense: true,
    };
    Section {
        id: SectionId::WhichDoYouNeed,
        title: t(lang, S::SecWhichDoYouNeed).into(),
        new_page: true,
        blocks: vec![
            Block::Paragraph { text: tf(lang, S::WhichLead, &[client]), style: TextStyle::Lead },
            Block::Table(table),
            Block::Space(6.0),
            Block::Paragraph { text: t(lang, S::WhichOverlap).into(), style: TextStyle::Body },
        ],
    }
}
