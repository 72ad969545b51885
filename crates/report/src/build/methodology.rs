//! How the report was made, the regulatory dates it rests on, and the disclaimer.

use super::{ReportInputs, RULES};
use crate::i18n::{long_date, short_date, t, tf, S};
use crate::model::{Align, Block, Cell, Column, Lang, Row, Section, SectionId, Table, TextStyle};

pub(super) fn section(inputs: &ReportInputs<'_>) -> Section {
    let lang = inputs.lang;
    let catalog = inputs.catalog;
    let mut blocks = vec![
        Block::Heading { level: 2, text: t(lang, S::MethodVerdicts).into() },
        Block::Paragraph { text: t(lang, S::MethodRequired).into(), style: TextStyle::Body },
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
        Block::Heading { level: 2, text: t(lang, S::MethodAiAct).into() },
        Block::Paragraph { text: t(lang, S::MethodAiActText).into(), style: TextStyle::Body },
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
                        Cell::text(lang.say(&m.title)),
                        Cell::text(citation(lang, &m.source)),
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

/// The legal basis of a calendar date as a reader can look it up ("Regulation (EU) 2024/1689,
/// Art. 113"), in the report's language: the calendar's source notes also carry internal
/// references (fact IDs, confidence, "secondary sources") that a client's report never shows.
pub(crate) fn citation(lang: Lang, source: &str) -> String {
    // Internal notes sit in parentheses that name the reference file or a confidence.
    let mut text = String::new();
    let mut rest = source;
    while let Some(open) = rest.find('(') {
        let close = rest[open..].find(')').map_or(rest.len(), |c| open + c + 1);
        let inner = &rest[open..close];
        text.push_str(&rest[..open]);
        if !is_internal(inner) {
            text.push_str(inner);
        }
        rest = &rest[close..];
    }
    text.push_str(rest);
    let mut parts: Vec<String> = text
        .split([';', ','])
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty() && !is_internal(p))
        .collect();
    parts.dedup();
    let joined = comma_before_article(&parts.join("; "));
    match lang {
        Lang::En => joined,
        Lang::De => to_german(&joined),
    }
}

/// "2024/1689 Art. 113" as "2024/1689, Art. 113": an article after a regulation number.
fn comma_before_article(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.char_indices() {
        if text[i..].starts_with(" Art.") && out.chars().last().is_some_and(|p| p.is_ascii_digit()) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A fragment that is a note to ourselves, not a citation.
fn is_internal(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["key_facts", "confidence", "secondary source", "not checked"].iter().any(|w| lower.contains(w))
        || has_fact_id(text)
}

/// A fact ID of the reference file: two to five capitals or digits, a hyphen, two digits
/// (`AIA-03`, `OMN-04`, `ISO42-06`).
pub(crate) fn has_fact_id(text: &str) -> bool {
    let bytes = text.as_bytes();
    (0..bytes.len()).any(|i| {
        if bytes[i] != b'-' || i < 2 {
            return false;
        }
        let digits =
            bytes.get(i + 1).is_some_and(u8::is_ascii_digit) && bytes.get(i + 2).is_some_and(u8::is_ascii_digit);
        let after = bytes.get(i + 3).is_none_or(|b| !b.is_ascii_alphanumeric());
        let mut start = i;
        while start > 0 && (bytes[start - 1].is_ascii_uppercase() || bytes[start - 1].is_ascii_digit()) {
            start -= 1;
        }
        let prefix = &bytes[start..i];
        let before = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
        digits
            && after
            && before
            && (2..=5).contains(&prefix.len())
            && prefix.first().is_some_and(u8::is_ascii_uppercase)
    })
}

/// The citation words in German; article and regulation numbers stay as they are.
fn to_german(text: &str) -> String {
    const WORDS: [(&str, &str); 9] = [
        ("Regulation (EU)", "Verordnung (EU)"),
        ("amending", "zur Änderung von"),
        ("unchanged by", "unverändert durch"),
        ("kept by", "beibehalten durch"),
        ("digital omnibus on AI", "digitaler Omnibus zur KI"),
        ("OJ ", "ABl. vom "),
        (" July ", ". Juli "),
        ("Art.", "Art."),
        (" of Verordnung", " der Verordnung"),
    ];
    let mut out = text.to_owned();
    for (en, de) in WORDS {
        out = out.replace(en, de);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_keep_the_law_and_drop_internal_notes() {
        let check = |source: &str, en: &str, de: &str| {
            assert_eq!(citation(Lang::En, source), en, "{source}");
            assert_eq!(citation(Lang::De, source), de, "{source}");
        };
        check(
            "Regulation (EU) 2024/1689, OJ 12 July 2024, Art. 113 (key_facts AIA-01)",
            "Regulation (EU) 2024/1689; OJ 12 July 2024; Art. 113",
            "Verordnung (EU) 2024/1689; ABl. vom 12. Juli 2024; Art. 113",
        );
        check(
            "Regulation (EU) 2024/1689 Art. 113(a); unchanged by Regulation (EU) 2026/1744 (key_facts AIA-03, OMN-05)",
            "Regulation (EU) 2024/1689, Art. 113(a); unchanged by Regulation (EU) 2026/1744",
            "Verordnung (EU) 2024/1689, Art. 113(a); unverändert durch Verordnung (EU) 2026/1744",
        );
        check(
            "Regulation (EU) 2026/1744 amending Art. 113 of Regulation (EU) 2024/1689, secondary sources (key_facts OMN-04, confidence medium)",
            "Regulation (EU) 2026/1744 amending Art. 113 of Regulation (EU) 2024/1689",
            "Verordnung (EU) 2026/1744 zur Änderung von Art. 113 der Verordnung (EU) 2024/1689",
        );
        for source in ["x (key_facts OMN-04, confidence medium)", "AIA-03", "see ISO42-06 here"] {
            let out = citation(Lang::En, source);
            assert!(!has_fact_id(&out) && !out.contains("confidence"), "{out}");
        }
    }

    #[test]
    fn fact_ids_are_recognised() {
        for (text, id) in [
            ("AIA-03", true),
            ("(OMN-04)", true),
            ("ISO42-06", true),
            ("CERT-01,", true),
            ("2024-08", false),
            ("SOC 2", false),
            ("Art. 113", false),
            ("COM(2025) 836", false),
        ] {
            assert_eq!(has_fact_id(text), id, "{text}");
        }
    }
}
