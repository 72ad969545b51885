//! Shared fixtures: demo cases built once per test binary, and poppler's tools.

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use crosswalk_report::demo::{demo_branding, demo_client_names, DemoCase};
use crosswalk_report::{Branding, Lang, ReportModel};

/// The demo client with the most employees: the largest report.
pub const LARGEST: &str = "Nordlicht Logistik AG";

pub fn branding() -> &'static Branding {
    static BRANDING: OnceLock<Branding> = OnceLock::new();
    BRANDING.get_or_init(demo_branding)
}

pub fn cases() -> &'static Vec<DemoCase> {
    static CASES: OnceLock<Vec<DemoCase>> = OnceLock::new();
    CASES.get_or_init(|| demo_client_names().iter().map(|n| DemoCase::new(n).expect("demo client")).collect())
}

pub fn case(name: &str) -> &'static DemoCase {
    cases().iter().find(|c| c.profile.name.starts_with(name)).unwrap_or_else(|| panic!("no demo client {name}"))
}

pub fn model(name: &str, lang: Lang) -> ReportModel {
    case(name).model(branding(), lang)
}

/// Runs a poppler tool and returns its standard output; fails the test with a clear message
/// when the tool is missing (install poppler-utils: `scripts/setup.sh --test`).
#[track_caller]
pub fn tool(name: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(name)
        .args(args)
        .arg(pdf)
        .args(if name == "pdftotext" { vec!["-"] } else { vec![] })
        .output()
        .unwrap_or_else(|e| panic!("cannot run {name} ({e}); install poppler-utils (scripts/setup.sh --test)"));
    assert!(out.status.success(), "{name} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The value of a `Key:   value` line of pdfinfo's output.
pub fn info_field(info: &str, key: &str) -> String {
    info.lines()
        .find_map(|l| l.strip_prefix(key).and_then(|rest| rest.strip_prefix(':')))
        .map(|v| v.trim().to_owned())
        .unwrap_or_else(|| panic!("pdfinfo has no {key}: {info}"))
}
