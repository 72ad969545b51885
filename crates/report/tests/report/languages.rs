//! Both languages carry the same report.

use crosswalk_report::layout::{layout, Item};
use crosswalk_report::Lang;

use crate::support::{cases, model};

/// Every text run of the laid-out report, in page order, joined by `separator`.
fn laid_out_text(model: &crosswalk_report::ReportModel, separator: &str) -> String {
    layout(model)
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| if let Item::Text(r) = i { Some(r.text.as_str()) } else { None })
        .collect::<Vec<_>>()
        .join(separator)
}

#[test]
fn english_and_german_have_the_same_sections_and_pages_of_tables() {
    for case in cases() {
        let en = case.model(crate::support::branding(), Lang::En);
        let de = case.model(crate::support::branding(), Lang::De);
        let ids = |m: &crosswalk_report::ReportModel| m.sections.iter().map(|s| s.id).collect::<Vec<_>>();
        assert_eq!(ids(&en), ids(&de), "{}", case.profile.name);
        for (a, b) in en.sections.iter().zip(&de.sections) {
            assert_ne!(a.title, b.title, "section title not translated");
            assert_eq!(a.blocks.len(), b.blocks.len(), "{}: {:?} differs in structure", case.profile.name, a.id);
        }
    }
}

#[test]
fn the_german_report_is_german_throughout() {
    let de = model("Brightdesk", Lang::De);
    let text = laid_out_text(&de, "\n");
    for german in ["Management-Zusammenfassung", "Fahrplan", "Reifegrad", "Heute", "Seite 2 von", "Erforderlich"] {
        assert!(text.contains(german), "missing {german}");
    }
    for english in ["Executive summary", "Roadmap\n", "Readiness", "Page 2 of", "Required", "Today"] {
        assert!(!text.contains(english), "English {english:?} in the German report");
    }
    assert!(de.cover.facts[0].1.contains("November 2026"), "{:?}", de.cover.facts);
}

/// Every EU AI Act obligation in the report says which of the system's facts made it apply, in
/// the report's language: the public body's duty to use only registered systems (Art. 26(8))
/// names its deployer type.
#[test]
fn each_ai_act_obligation_says_why_it_applies() {
    for (lang, column, fact) in [
        (Lang::En, "Applies because", "deployer type: public"),
        (Lang::De, "Gilt, weil", "Art des Betreibers: Behörde"),
    ] {
        let text = laid_out_text(&model("Stadt Falkenau", lang), " ");
        assert!(text.contains(column), "{lang:?}: no {column:?} column");
        assert!(text.contains(fact), "{lang:?}: the deployer type is not given as a reason");
    }
}

/// The GDPR and NIS2 verdicts carry their requirements with the answers behind them, in both
/// languages: the managed service provider's NIS2 classification and its registration duty.
#[test]
fn gdpr_and_nis2_requirements_say_why_they_apply() {
    for (lang, class, because) in [
        (Lang::En, "Important entity", "managed service provider"),
        (Lang::De, "Wichtige Einrichtung", "managed service provider"),
    ] {
        let text = laid_out_text(&model("Rheinblick", lang), " ");
        assert!(text.contains(class), "{lang:?}: no NIS2 class");
        assert!(text.contains("Art.27") && text.contains("Art.21(2)(a)"), "{lang:?}: NIS2 requirements missing");
        assert!(text.contains(because), "{lang:?}: the entity type is not given as a reason");
        assert!(text.contains("Art.5(1)(a)"), "{lang:?}: the GDPR requirements are missing");
    }
}
