//! The recommendation with its rationale: every verdict, its rules and triggers; the EU AI Act
//! per AI system with its obligations; the consultant's overrides.

use crosswalk_core::recommend::{AiQuestion, Obligation, Reason, Soc2Path};

use super::summary::{held_text, verdict_text};
use super::triggers::trigger_text;
use super::{need_label, short_date_or_dash, soc2_category, ReportInputs};
use crate::i18n::{short_date, t, tf, S};
use crate::model::{Align, Block, Cell, Column, Lang, Row, Section, SectionId, Table, TextStyle, Tone};

pub(super) fn section(inputs: &ReportInputs<'_>) -> Section {
    let lang = inputs.lang;
    let rec = inputs.recommendation;
    let mut blocks = vec![Block::Paragraph { text: t(lang, S::RecommendationLead).to_owned(), style: TextStyle::Lead }];

    for v in &rec.frameworks {
        blocks.push(Block::Heading {
            level: 2,
            text: tf(lang, S::VerdictHeading, &[v.framework.display_name(), &verdict_text(lang, v)]),
        });
        blocks.push(Block::Paragraph { text: lang.say(&v.summary).to_owned(), style: TextStyle::Body });
        if let Some(held) = &v.held {
            blocks.push(Block::Paragraph {
                text: tf(lang, S::HeldLine, &[&format!("{} ({})", lang.say(&held.text), held_text(lang, v))]),
                style: TextStyle::Note,
            });
        }
        if let Some(plan) = &v.soc2 {
            let path = t(
                lang,
                match plan.path {
                    Soc2Path::Type1ThenType2 => S::Soc2PathType1ThenType2,
                    Soc2Path::Type2 => S::Soc2PathType2,
                    Soc2Path::RenewType2 => S::Soc2PathRenew,
                },
            );
            let mut lines = vec![tf(lang, S::Soc2PathLine, &[path])];
            if plan.categories.is_empty() {
                lines.push(t(lang, S::Soc2NoCategories).to_owned());
            } else {
                let names: Vec<&str> = plan.categories.iter().map(|c| soc2_category(lang, c.category)).collect();
                lines.push(tf(lang, S::Soc2Categories, &[&names.join(", ")]));
            }
            blocks.push(Block::Bullets { items: lines, style: TextStyle::Body });
        }
        let mut reasons = v.reasons.clone();
        if let Some(plan) = &v.soc2 {
            reasons.extend(plan.categories.iter().map(|c| c.reason.clone()));
        }
        if !reasons.is_empty() {
            blocks.push(reasons_table(lang, &reasons));
        }
        // The GDPR and NIS2: the requirements that apply and the facts still open.
        if !v.obligations.is_empty() {
            blocks.push(obligations_table(lang, &v.obligations));
        }
        if !v.questions.is_empty() {
            blocks.push(questions_callout(lang, &v.questions));
        }
    }

    blocks.push(Block::Heading { level: 2, text: t(lang, S::AiActPerSystem).to_owned() });
    if let Some(note) = &rec.ai_act_note {
        blocks.push(Block::Paragraph { text: lang.say(note).to_owned(), style: TextStyle::Body });
    } else if rec.ai_act.is_empty() {
        blocks.push(Block::Paragraph { text: t(lang, S::AiActNoSystems).to_owned(), style: TextStyle::Body });
    }
    for system in &rec.ai_act {
        blocks.push(Block::Heading {
            level: 3,
            text: tf(lang, S::VerdictHeading, &[&system.system, need_label(lang, system.need)]),
        });
        if system.stop {
            blocks.push(Block::Callout {
                tone: Tone::Bad,
                title: t(lang, S::StopFirst).to_owned(),
                lines: vec![lang.say(&system.summary).to_owned()],
            });
        } else {
            blocks.push(Block::Paragraph { text: lang.say(&system.summary).to_owned(), style: TextStyle::Body });
        }
        if !system.reasons.is_empty() {
            blocks.push(reasons_table(lang, &system.reasons));
        }
        if system.obligations.is_empty() {
            blocks.push(Block::Paragraph { text: t(lang, S::NoObligations).to_owned(), style: TextStyle::Note });
        } else {
            blocks.push(obligations_table(lang, &system.obligations));
        }
        if !system.questions.is_empty() {
            blocks.push(questions_callout(lang, &system.questions));
        }
    }

    let overrides = &inputs.roadmap.overrides;
    let mut lines = Vec::new();
    if let Some(order) = &overrides.order {
        let names: Vec<&str> = order.frameworks.iter().map(|f| f.display_name()).collect();
        lines.push(tf(lang, S::OverrideOrder, &[&names.join(" → "), &order.reason]));
    }
    for e in &overrides.excluded {
        lines.push(tf(lang, S::OverrideExcluded, &[e.framework.display_name(), &e.reason]));
    }
    for n in &overrides.not_before {
        lines.push(tf(
            lang,
            S::OverrideNotBefore,
            &[n.framework.display_name(), &short_date_or_dash(lang, Some(n.date)), &n.reason],
        ));
    }
    if let Some(d) = &overrides.integrated_audit_declined {
        lines.push(tf(lang, S::OverrideIntegratedDeclined, &[&d.reason]));
    }
    if !lines.is_empty() {
        blocks.push(Block::Heading { level: 2, text: t(lang, S::OverridesHeading).to_owned() });
        blocks.push(Block::Bullets { items: lines, style: TextStyle::Body });
    }

    Section { id: SectionId::Recommendation, title: t(lang, S::SecRecommendation).into(), new_page: true, blocks }
}

/// A system's own fact without the `ai_systems[N].` in front: the table stands under the system's
/// heading already.
/// Obligations that apply, with the answers behind each, the date and whether in force.
fn obligations_table(lang: Lang, obligations: &[Obligation]) -> Block {
    Block::Table(Table {
        columns: vec![
            Column { header: t(lang, S::RequirementColumn).into(), weight: 1.1, align: Align::Left },
            Column { header: t(lang, S::ObligationColumn).into(), weight: 2.4, align: Align::Left },
            Column { header: t(lang, S::BecauseColumn).into(), weight: 2.4, align: Align::Left },
            Column { header: t(lang, S::AppliesFromColumn).into(), weight: 1.0, align: Align::Left },
            Column { header: t(lang, S::InForceColumn).into(), weight: 0.7, align: Align::Center },
        ],
        rows: obligations
            .iter()
            .map(|o| {
                Row::new(vec![
                    Cell::bold(&o.requirement_id),
                    Cell::text(lang.say(&o.title)),
                    Cell::text(
                        o.because.iter().map(|b| trigger_text(lang, own_field(b))).collect::<Vec<_>>().join("; "),
                    ),
                    Cell::text(short_date(lang, o.applies_from)),
                    if o.in_force {
                        Cell::toned(t(lang, S::Yes), Tone::Bad)
                    } else {
                        Cell::toned(t(lang, S::No), Tone::Muted)
                    },
                ])
            })
            .collect(),
        dense: true,
    })
}

/// The facts not yet recorded, each with the requirements that hang on it.
fn questions_callout(lang: Lang, questions: &[AiQuestion]) -> Block {
    Block::Callout {
        tone: Tone::Warn,
        title: t(lang, S::AiQuestionsTitle).to_owned(),
        lines: questions
            .iter()
            .map(|q| {
                if q.requirement_ids.is_empty() {
                    lang.say(&q.text).to_owned()
                } else {
                    tf(lang, S::AiQuestionLine, &[lang.say(&q.text).as_ref(), &q.requirement_ids.join(", ")])
                }
            })
            .collect(),
    }
}

fn own_field(because: &str) -> &str {
    match because.strip_prefix("ai_systems[").and_then(|rest| rest.split_once("].")) {
        Some((_, field)) => field,
        None => because,
    }
}

fn reasons_table(lang: Lang, reasons: &[Reason]) -> Block {
    Block::Table(Table {
        columns: vec![
            Column { header: t(lang, S::RuleColumn).into(), weight: 0.55, align: Align::Left },
            Column { header: t(lang, S::ReasonColumn).into(), weight: 3.4, align: Align::Left },
            Column { header: t(lang, S::TriggerColumn).into(), weight: 2.0, align: Align::Left },
            Column { header: t(lang, S::WeightColumn).into(), weight: 1.0, align: Align::Left },
        ],
        rows: reasons
            .iter()
            .map(|r| {
                Row::new(vec![
                    Cell::bold(r.rule.as_str()),
                    Cell::text(lang.say(&r.text)),
                    Cell::text(
                        r.triggers
                            .iter()
                            .map(|t| super::triggers::trigger_text(lang, t))
                            .collect::<Vec<_>>()
                            .join("\n"),
                    ),
                    match r.need {
                        Some(need) => Cell::toned(need_label(lang, need), super::need_tone(need)),
                        None => Cell::toned(t(lang, S::Informs), Tone::Muted),
                    },
                ])
            })
            .collect(),
        dense: true,
    })
}
