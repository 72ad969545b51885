//! The sections drawn from the analysis input: readiness, the shared-work saving, the action
//! list, the Statements of Applicability and the control matrix.

use super::{
    control_title, framework_name, framework_short, requirement_title, short_date_or_dash, status_label, status_short,
    status_tone, ReportInputs, DASH,
};
use crate::i18n::{days, percent, t, tf, S};
use crate::model::{
    readiness_percent, Align, Bar, BarChart, Block, Cell, Column, ControlStatus, Lang, Row, Section, SectionId,
    SharedWork, StatusCounts, Table, TextStyle, Tone,
};
use crate::provisional::MATRIX_FRAMEWORKS;

pub(super) fn sections(inputs: &ReportInputs<'_>) -> Vec<Section> {
    let mut out = vec![readiness(inputs), shared_work(inputs), actions(inputs)];
    for soa in &inputs.analysis.soa {
        if let Some(section) = statement_of_applicability(inputs, soa) {
            out.push(section);
        }
    }
    out.push(matrix(inputs));
    out
}

fn percent_ticks(lang: Lang) -> Vec<(f64, String)> {
    [0.0, 25.0, 50.0, 75.0, 100.0].into_iter().map(|v| (v, percent(lang, v))).collect()
}

fn readiness_bar(label: String, counts: &StatusCounts, lang: Lang) -> Bar {
    let applicable = f64::from(counts.applicable().max(1));
    Bar {
        label,
        segments: vec![
            (f64::from(counts.met) * 100.0 / applicable, Tone::Good),
            (f64::from(counts.partial) * 100.0 / applicable, Tone::Warn),
        ],
        value_label: percent(lang, readiness_percent(counts)),
    }
}

fn readiness_legend(lang: Lang) -> Vec<(String, Tone)> {
    vec![
        (t(lang, S::Met).into(), Tone::Good),
        (t(lang, S::PartlyMet).into(), Tone::Warn),
        (t(lang, S::NotMet).into(), Tone::Muted),
    ]
}

fn count_columns(lang: Lang, first: S, labels: [S; 4]) -> Vec<Column> {
    let mut columns = vec![Column { header: t(lang, first).into(), weight: 2.4, align: Align::Left }];
    columns.extend(labels.iter().map(|l| Column { header: t(lang, *l).into(), weight: 1.0, align: Align::Right }));
    columns.push(Column { header: t(lang, S::ReadinessColumn).into(), weight: 1.0, align: Align::Right });
    columns
}

fn count_row(name: String, counts: &StatusCounts, lang: Lang) -> Row {
    Row::new(vec![
        Cell::bold(name),
        Cell::text(counts.met.to_string()),
        Cell::text(counts.partial.to_string()),
        Cell::text(counts.unmet.to_string()),
        Cell::text(counts.not_applicable.to_string()),
        Cell::toned(percent(lang, readiness_percent(counts)), Tone::Brand),
    ])
}

fn readiness(inputs: &ReportInputs<'_>) -> Section {
    let lang = inputs.lang;
    let analysis = inputs.analysis;
    let mut blocks = vec![Block::Paragraph { text: t(lang, S::ReadinessLead).into(), style: TextStyle::Lead }];
    let nothing_assessed =
        analysis.matrix.iter().flat_map(|r| &r.cells).all(|(_, s)| s.is_none_or(|s| s == ControlStatus::NotAssessed));
    if nothing_assessed {
        blocks.push(Block::Callout {
            tone: Tone::Warn,
            title: String::new(),
            lines: vec![t(lang, S::ReadinessNotAssessed).into()],
        });
    }
    if analysis.frameworks.is_empty() {
        blocks.push(Block::Paragraph { text: t(lang, S::NoFrameworkInScope).into(), style: TextStyle::Body });
    } else {
        blocks.push(Block::Heading { level: 2, text: t(lang, S::ReadinessPerFramework).into() });
        blocks.push(Block::BarChart(BarChart {
            title: String::new(),
            bars: analysis
                .frameworks
                .iter()
                .map(|f| {
                    readiness_bar(
                        f.name.clone().unwrap_or_else(|| framework_name(lang, &f.framework_id)),
                        &f.counts,
                        lang,
                    )
                })
                .collect(),
            max: 100.0,
            ticks: percent_ticks(lang),
            legend: readiness_legend(lang),
        }));
        blocks.push(Block::Table(Table {
            columns: count_columns(lang, S::RegimeColumn, [S::Met, S::PartlyMet, S::NotMet, S::NotApplicableShort]),
            rows: analysis
                .frameworks
                .iter()
                .map(|f| {
                    count_row(f.name.clone().unwrap_or_else(|| framework_name(lang, &f.framework_id)), &f.counts, lang)
                })
                .collect(),
            dense: true,
        }));
    }
    if !analysis.domains.is_empty() {
        let domain_name = |id: &str| {
            inputs
                .catalog
                .domains
                .iter()
                .find(|d| d.id == id)
                .map_or_else(|| id.to_owned(), |d| lang.say(&d.name).to_owned())
        };
        blocks.push(Block::Heading { level: 2, text: t(lang, S::ReadinessPerDomain).into() });
        blocks.push(Block::BarChart(BarChart {
            title: String::new(),
            bars: analysis.domains.iter().map(|d| readiness_bar(domain_name(&d.domain_id), &d.counts, lang)).collect(),
            max: 100.0,
            ticks: percent_ticks(lang),
            legend: readiness_legend(lang),
        }));
        blocks.push(Block::Table(Table {
            columns: count_columns(
                lang,
                S::DomainColumn,
                [S::StatusImplemented, S::StatusPartial, S::StatusNotImplemented, S::NotApplicableShort],
            ),
            rows: analysis.domains.iter().map(|d| count_row(domain_name(&d.domain_id), &d.counts, lang)).collect(),
            dense: true,
        }));
    }
    Section { id: SectionId::Readiness, title: t(lang, S::SecReadiness).into(), new_page: true, blocks }
}

/// Round steps for a chart axis up to `max`.
fn day_ticks(lang: Lang, max: f64) -> (f64, Vec<(f64, String)>) {
    let step = [5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 250.0, 500.0, 1000.0, 2000.0, 5000.0]
        .into_iter()
        .find(|s| max / s <= 5.0)
        .unwrap_or(10_000.0);
    let top = (max / step).ceil().max(1.0) * step;
    let ticks = (0..=((top / step) as usize)).map(|i| (i as f64 * step, days(lang, i as f64 * step))).collect();
    (top, ticks)
}

fn shared_work(inputs: &ReportInputs<'_>) -> Section {
    let lang = inputs.lang;
    let shared = inputs.analysis.shared_work.clone().unwrap_or_else(|| SharedWork {
        alone: inputs.roadmap.effort.alone.iter().map(|a| (a.framework.as_str().to_owned(), a.days)).collect(),
        together: inputs.roadmap.effort.together,
    });
    let sum: f64 = shared.alone.iter().map(|(_, d)| d).sum();
    let saving = (sum - shared.together).max(0.0);
    let mut blocks = vec![Block::Paragraph { text: t(lang, S::SharedLead).into(), style: TextStyle::Lead }];
    if shared.alone.len() < 2 {
        blocks.push(Block::Paragraph { text: t(lang, S::NothingShared).into(), style: TextStyle::Body });
    } else {
        let share = if sum > 0.0 { percent(lang, saving * 100.0 / sum) } else { percent(lang, 0.0) };
        blocks.push(Block::KeyFigures(vec![
            crate::model::KeyFigure {
                label: t(lang, S::SumAlone).into(),
                value: tf(lang, S::DaysValue, &[&days(lang, sum)]),
                tone: Tone::Neutral,
            },
            crate::model::KeyFigure {
                label: t(lang, S::Together).into(),
                value: tf(lang, S::DaysValue, &[&days(lang, shared.together)]),
                tone: Tone::Brand,
            },
            crate::model::KeyFigure { label: t(lang, S::Saving).into(), value: share.clone(), tone: Tone::Good },
        ]));
        blocks.push(Block::Paragraph {
            text: tf(lang, S::SavingSentence, &[&days(lang, saving), &share]),
            style: TextStyle::Body,
        });
        let (top, ticks) = day_ticks(lang, sum.max(shared.together));
        let mut bars: Vec<Bar> = shared
            .alone
            .iter()
            .map(|(f, d)| Bar {
                label: tf(lang, S::AloneBar, &[&framework_name(lang, f)]),
                segments: vec![(*d, Tone::Muted)],
                value_label: tf(lang, S::PersonDays, &[&days(lang, *d)]),
            })
            .collect();
        bars.push(Bar {
            label: t(lang, S::SumAlone).into(),
            segments: vec![(sum, Tone::Warn)],
            value_label: tf(lang, S::PersonDays, &[&days(lang, sum)]),
        });
        bars.push(Bar {
            label: t(lang, S::TogetherBar).into(),
            segments: vec![(shared.together, Tone::Brand)],
            value_label: tf(lang, S::PersonDays, &[&days(lang, shared.together)]),
        });
        blocks.push(Block::Heading { level: 2, text: t(lang, S::SharedChart).into() });
        blocks.push(Block::BarChart(BarChart { title: String::new(), bars, max: top, ticks, legend: Vec::new() }));
    }
    if !shared.alone.is_empty() {
        let mut rows: Vec<Row> = shared
            .alone
            .iter()
            .map(|(f, d)| Row::new(vec![Cell::text(framework_name(lang, f)), Cell::text(days(lang, *d))]))
            .collect();
        rows.push(Row::new(vec![Cell::bold(t(lang, S::SumAlone)), Cell::bold(days(lang, sum))]));
        rows.push(Row::new(vec![Cell::bold(t(lang, S::Together)), Cell::bold(days(lang, shared.together))]));
        rows.push(Row {
            cells: vec![Cell::bold(t(lang, S::Saving)), Cell::toned(days(lang, saving), Tone::Good)],
            emphasis: true,
        });
        blocks.push(Block::Table(Table {
            columns: vec![
                Column { header: t(lang, S::RegimeColumn).into(), weight: 3.0, align: Align::Left },
                Column { header: t(lang, S::AloneColumn).into(), weight: 1.4, align: Align::Right },
            ],
            rows,
            dense: false,
        }));
        blocks.push(Block::Paragraph { text: t(lang, S::SharedEffortNote).into(), style: TextStyle::Note });
    }
    Section { id: SectionId::SharedWork, title: t(lang, S::SecSharedWork).into(), new_page: true, blocks }
}

fn actions(inputs: &ReportInputs<'_>) -> Section {
    let lang = inputs.lang;
    let items = &inputs.analysis.actions;
    let mut blocks = vec![Block::Paragraph { text: t(lang, S::ActionsLead).into(), style: TextStyle::Lead }];
    if items.is_empty() {
        blocks.push(Block::Paragraph { text: t(lang, S::NoGaps).into(), style: TextStyle::Body });
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![
                Column { header: t(lang, S::RankColumn).into(), weight: 0.32, align: Align::Right },
                Column { header: t(lang, S::ControlColumn).into(), weight: 0.95, align: Align::Left },
                Column { header: t(lang, S::TitleColumn).into(), weight: 2.45, align: Align::Left },
                Column { header: t(lang, S::StatusColumn).into(), weight: 1.4, align: Align::Left },
                Column { header: t(lang, S::EffortColumn).into(), weight: 0.62, align: Align::Center },
                Column { header: t(lang, S::OwnerColumn).into(), weight: 1.1, align: Align::Left },
                Column { header: t(lang, S::DueColumn).into(), weight: 0.95, align: Align::Left },
                Column { header: t(lang, S::ServesColumn).into(), weight: 1.15, align: Align::Left },
            ],
            rows: items
                .iter()
                .map(|a| {
                    Row::new(vec![
                        Cell::text(a.rank.to_string()),
                        Cell::bold(&a.control_id),
                        Cell::text(control_title(lang, inputs.catalog, &a.control_id)),
                        Cell::toned(status_label(lang, a.status), status_tone(a.status)),
                        Cell::text(a.effort.as_str()),
                        Cell::text(a.owner.clone().unwrap_or_else(|| t(lang, S::ToBeAssigned).into())),
                        Cell::text(short_date_or_dash(lang, a.due)),
                        Cell::text(
                            a.frameworks.iter().map(|f| framework_short(lang, f)).collect::<Vec<_>>().join(", "),
                        ),
                    ])
                })
                .collect(),
            dense: true,
        }));
    }
    Section { id: SectionId::Actions, title: t(lang, S::SecActions).into(), new_page: true, blocks }
}

fn statement_of_applicability(inputs: &ReportInputs<'_>, soa: &crate::model::Soa) -> Option<Section> {
    let lang = inputs.lang;
    let id = match soa.framework_id.as_str() {
        "iso27001" => SectionId::Soa27001,
        "iso42001" => SectionId::Soa42001,
        _ => return None,
    };
    let applicable = soa.rows.iter().filter(|r| r.applicable).count();
    let implemented = soa.rows.iter().filter(|r| r.applicable && r.status == ControlStatus::Implemented).count();
    let partial = soa.rows.iter().filter(|r| r.applicable && r.status == ControlStatus::PartiallyImplemented).count();
    let blocks = vec![
        Block::Paragraph { text: t(lang, S::SoaLead).into(), style: TextStyle::Lead },
        Block::Paragraph {
            text: tf(
                lang,
                S::SoaCounts,
                &[&applicable.to_string(), &soa.rows.len().to_string(), &implemented.to_string(), &partial.to_string()],
            ),
            style: TextStyle::Body,
        },
        Block::Table(Table {
            columns: vec![
                Column { header: t(lang, S::AnnexColumn).into(), weight: 0.75, align: Align::Left },
                Column { header: t(lang, S::TitleColumn).into(), weight: 2.4, align: Align::Left },
                Column { header: t(lang, S::ApplicableColumn).into(), weight: 0.75, align: Align::Center },
                Column { header: t(lang, S::JustificationColumn).into(), weight: 2.3, align: Align::Left },
                Column { header: t(lang, S::StatusColumn).into(), weight: 1.15, align: Align::Left },
                Column { header: t(lang, S::ImplementedByColumn).into(), weight: 1.3, align: Align::Left },
            ],
            rows: soa
                .rows
                .iter()
                .map(|r| {
                    let justification = r.justification.clone().unwrap_or_else(|| {
                        t(lang, if r.applicable { S::JustifyApplicable } else { S::JustifyNotApplicable }).into()
                    });
                    Row::new(vec![
                        Cell::bold(&r.requirement_id),
                        Cell::text(requirement_title(lang, inputs.catalog, &soa.framework_id, &r.requirement_id)),
                        Cell::text(t(lang, if r.applicable { S::Yes } else { S::No })),
                        Cell::text(justification),
                        Cell::toned(status_label(lang, r.status), status_tone(r.status)),
                        Cell::text(if r.implemented_by.is_empty() {
                            DASH.to_owned()
                        } else {
                            r.implemented_by.join(", ")
                        }),
                    ])
                })
                .collect(),
            dense: true,
        }),
    ];
    Some(Section {
        id,
        title: tf(lang, S::SecSoa, &[&framework_name(lang, &soa.framework_id)]),
        new_page: true,
        blocks,
    })
}

fn matrix(inputs: &ReportInputs<'_>) -> Section {
    let lang = inputs.lang;
    let mut columns = vec![
        Column { header: t(lang, S::ControlColumn).into(), weight: 0.95, align: Align::Left },
        Column { header: t(lang, S::TitleColumn).into(), weight: 3.4, align: Align::Left },
    ];
    columns.extend(MATRIX_FRAMEWORKS.iter().map(|f| Column {
        header: framework_short(lang, f),
        weight: 0.85,
        align: Align::Center,
    }));
    let rows = inputs
        .analysis
        .matrix
        .iter()
        .map(|r| {
            let mut cells =
                vec![Cell::bold(&r.control_id), Cell::text(control_title(lang, inputs.catalog, &r.control_id))];
            for f in MATRIX_FRAMEWORKS {
                let status = r.cells.iter().find(|(id, _)| id == f).and_then(|(_, s)| *s);
                cells.push(match status {
                    Some(s) => Cell::toned(status_short(lang, s), status_tone(s)),
                    None => Cell::text(DASH),
                });
            }
            Row::new(cells)
        })
        .collect();
    Section {
        id: SectionId::ControlMatrix,
        title: t(lang, S::SecControlMatrix).into(),
        new_page: true,
        blocks: {
            let mut blocks = vec![
                Block::Paragraph { text: t(lang, S::MatrixLead).into(), style: TextStyle::Lead },
                Block::Table(Table { columns, rows, dense: true }),
            ];
            blocks.extend(subservice_blocks(inputs));
            blocks
        },
    }
}

/// A text in both languages, for the subservice part (picked by `lang`).
fn both(lang: Lang, en: &str, de: &str) -> String {
    lang.pick(&crosswalk_core::catalog::Text::new(en, de)).to_owned()
}

/// The SOC 2 subservice organisations: which criteria each serves and by which method, which of
/// them are outside the report's scope (carved out), and that the client's monitoring of the
/// organisations stays in (CC9.2). Nothing when none is recorded.
fn subservice_blocks(inputs: &ReportInputs<'_>) -> Vec<Block> {
    let lang = inputs.lang;
    let entries = &inputs.analysis.subservice;
    if entries.is_empty() {
        return Vec::new();
    }
    let mut carved: Vec<&str> = entries.iter().flat_map(|e| e.carved_out.iter().map(String::as_str)).collect();
    carved.sort_unstable();
    carved.dedup();
    let mut lines = vec![both(
        lang,
        "Some SOC 2 criteria are met for the client by subservice organisations. With the carve-out method their controls are not described or tested in the SOC 2 report: the criteria they alone serve are outside this analysis, and the controls the client expects of them (complementary subservice organisation controls) are named in the report. With the inclusive method their controls are described and tested with the client's, and the criteria stay in scope. Either way the client's own monitoring of these organisations (CC9.2) stays in scope.",
        "Einige SOC-2-Kriterien erfüllen für den Mandanten Subdienstleister. Beim Carve-out-Verfahren werden deren Kontrollen im SOC-2-Bericht weder beschrieben noch geprüft: Die Kriterien, die allein sie abdecken, liegen außerhalb dieser Analyse, und der Bericht nennt die Kontrollen, die der Mandant von ihnen erwartet (ergänzende Kontrollen der Subdienstleister). Beim Inclusive-Verfahren werden ihre Kontrollen zusammen mit denen des Mandanten beschrieben und geprüft, und die Kriterien bleiben im Umfang. In beiden Fällen bleibt die Überwachung dieser Dienstleister durch den Mandanten (CC9.2) im Umfang.",
    )];
    if !carved.is_empty() {
        lines.push(format!(
            "{}: {}",
            both(lang, "Carved out of this analysis", "Aus dieser Analyse ausgegliedert"),
            carved.join(", ")
        ));
    }
    vec![
        Block::Heading { level: 2, text: both(lang, "SOC 2 subservice organisations", "SOC-2-Subdienstleister") },
        Block::Paragraph { text: lines.join(" "), style: TextStyle::Body },
        Block::Table(Table {
            columns: vec![
                Column { header: both(lang, "Organisation", "Organisation"), weight: 1.4, align: Align::Left },
                Column { header: both(lang, "Method", "Verfahren"), weight: 1.1, align: Align::Left },
                Column { header: both(lang, "Criteria", "Kriterien"), weight: 1.6, align: Align::Left },
                Column { header: both(lang, "Services", "Leistungen"), weight: 2.4, align: Align::Left },
            ],
            rows: entries
                .iter()
                .map(|e| {
                    Row::new(vec![
                        Cell::bold(&e.name),
                        Cell::text(if e.carve_out {
                            both(lang, "carve-out", "Carve-out")
                        } else {
                            both(lang, "inclusive", "Inclusive")
                        }),
                        Cell::text(e.criteria.join(", ")),
                        Cell::text(if e.services.is_empty() { DASH.to_owned() } else { e.services.clone() }),
                    ])
                })
                .collect(),
            dense: true,
        }),
    ]
}
