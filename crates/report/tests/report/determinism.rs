//! The same input and date give the same bytes; another date gives other bytes.

use crosswalk_core::domain::Date;
use crosswalk_report::{render_pdf, Lang, ReportInputs, ReportModel, ReportOptions};

use crate::support::{branding, case, model};

#[test]
fn the_same_input_gives_byte_identical_pdfs() {
    let first = render_pdf(&model("Brightdesk", Lang::En)).unwrap();
    let second = render_pdf(&model("Brightdesk", Lang::En)).unwrap();
    assert!(first.starts_with(b"%PDF-"));
    assert!(first == second, "two renders of the same report differ");
}

#[test]
fn another_report_date_changes_the_output() {
    let c = case("Brightdesk");
    let build = |date: Date| {
        ReportModel::build(&ReportInputs {
            profile: &c.profile,
            recommendation: &c.recommendation,
            roadmap: &c.roadmap,
            catalog: &c.catalog,
            analysis: &c.analysis,
            branding: branding(),
            lang: Lang::En,
            date,
            options: ReportOptions::default(),
        })
    };
    let a = render_pdf(&build(Date::new(2026, 11, 29).unwrap())).unwrap();
    let b = render_pdf(&build(Date::new(2026, 12, 1).unwrap())).unwrap();
    assert_ne!(a, b);
}
