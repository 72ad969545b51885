//! How the report was made, the regulatory dates it rests on, and the disclaimer.

use super::{ReportInputs, RULES};
use crate::i18n::{long_date, short_date, t, tf, S};
use crate::model::{Align, Block, Cell, Column, Row, Section, SectionId, Table, TextStyle};

pub(super) fn section(inputs: &ReportInputs<'_>) -> Section {
    let lang = inputs.lang;
    let catalog = inputs.catalog;
    let mut blocks = vec![
        Block::Heading { level: 2, text: t(lang, S::MethodVerdicts).into() },
        Block::Paragraph { text: t(lang, S::MethodVerdictsText).into(), style: TextStyle::Body },
        Block::Table(Table {
            columns: vec![
                Column { header: t(lang, S::RuleColumn).into(), weight: 0.5, align: Align::Left },
                Column { header: t(lang, S::ReasonColumn).into(), weight: 6.0, align: Align::Left },
            ],
            rows: RULES
                .iter()
                .map(|(id, text)| Row::new(vec![Cell::bold(id.as_str()), Cell::text(t(lang, *text))]))
                .collect(),
            dense: true,
        }),
        Block::Heading { level: 2, text: t(lang, S::MethodReadiness).into() },
        Block::Paragraph { text: t(lang, S::MethodReadinessText).into(), style: TextStyle::Body },
        Block::Paragraph {
            text: tf(lang, S::MethodCatalog, &[&catalog.version, &long_date(lang, catalog.date)]),
            style: TextStyle::Note,
        },
        Block::Heading { level: 2, text: t(lang, S::MethodRoadmap).into() },
        Block::Paragraph { text: t(lang, S::MethodRoadmapText).into(), style: TextStyle::Body },
    ];
    if !catalog.milestones.is_empty() {
        blocks.push(Block::Heading { level: 3, text: t(lang, S::MethodCalendar).into() });
        blocks.push(Block::Table(Table {
            columns: vec![
                Column { header: t(lang, S::DateColumn).into(), weight: 1.0, align: Align::Left },
                Column { header: t(lang, S::MilestoneColumn).into(), weight: 3.0, align: Align::Left },
                Column { header: t(lang, S::SourceColumn).into(), weight: 2.6, align: Align::Left },
            ],
            rows: catalog
                .milestones
                .iter()
                .map(|m| {
                    Row::new(vec![
                        Cell::text(short_date(lang, m.date)),
                        Cell::text(lang.pick(&m.title)),
                        Cell::text(&m.source),
                    ])
                })
                .collect(),
            dense: true,
        }));
    }
    blocks.push(Block::Heading { level: 2, text: t(lang, S::Disclaimer).into() });
    let disclaimer = inputs.branding.disclaimer.clone().unwrap_or_else(|| t(lang, S::DefaultDisclaimer).into());
    blocks.push(Block::Paragraph { text: disclaimer, style: TextStyle::Body });
    if !inputs.branding.contact.is_empty() {
        blocks.push(Block::Heading { level: 2, text: t(lang, S::Contact).into() });
        let mut lines = vec![inputs.branding.firm_name.clone()];
        lines.extend(inputs.branding.contact.iter().cloned());
        blocks.push(Block::Paragraph { text: lines.join("\n"), style: TextStyle::Body });
    }
    Section { id: SectionId::Methodology, title: t(lang, S::SecMethodology).into(), new_page: true, blocks }
}
