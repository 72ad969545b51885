//! `crosswalk-cli report` against a temporary database, checked with poppler's pdftotext.

use std::path::Path;
use std::process::{Command, Output};

use super::support::command;

fn run(db: &Path, args: &[&str]) -> Output {
    command(db).args(args).output().unwrap()
}

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (install poppler-utils: scripts/setup.sh --test)");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The id of the demo client whose name starts with `name`.
fn id_of(db: &Path, name: &str) -> String {
    let out = run(db, &["--json", "client", "list"]);
    assert!(out.status.success());
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let client = list.as_array().unwrap().iter().find(|c| c["name"].as_str().unwrap().starts_with(name)).unwrap();
    client["id"].as_str().unwrap().to_owned()
}

#[test]
fn report_writes_a_pdf_in_the_language_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("portfolio.db");
    assert!(run(&db, &["demo"]).status.success());

    let pdf = dir.path().join("brightdesk.pdf");
    let id = id_of(&db, "Brightdesk");
    let out = run(
        &db,
        &[
            "report",
            &id,
            "--out",
            pdf.to_str().unwrap(),
            "--lang",
            "de",
            "--today",
            "2026-11-29",
            "--firm",
            "Musterberatung",
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = pdftotext(&pdf);
    assert!(text.contains("Brightdesk Software Ltd"));
    assert!(text.contains("Management-Zusammenfassung"));
    assert!(text.contains("Seite 2 von"));
    assert!(text.contains("Musterberatung"));
    assert!(text.contains("29. November 2026"));
}

#[test]
fn report_all_writes_one_file_per_client_and_bad_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("portfolio.db");
    assert!(run(&db, &["demo"]).status.success());
    let reports = dir.path().join("reports");
    let out = run(&db, &["--json", "report", "--all", "--out-dir", reports.to_str().unwrap(), "--today", "2026-11-29"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let written: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(written.as_array().unwrap().len(), 14);
    let files = std::fs::read_dir(&reports).unwrap().count();
    assert_eq!(files, 14);
    let text = pdftotext(&reports.join("harbor-ledger-inc-report-en.pdf"));
    assert!(text.contains("Harbor Ledger Inc.") && text.contains("Page 2 of"));

    let harbor = id_of(&db, "Harbor");
    let out = run(&db, &["report", &harbor, "--out", "x.pdf", "--primary", "navy"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("#RRGGBB"));
    let out = run(&db, &["report", "ffffffff", "--out", dir.path().join("n.pdf").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    let out = run(&db, &["report", &harbor, "--out", dir.path().join("missing/dir/x.pdf").to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write the report"));
}

#[test]
fn report_all_gives_clients_with_the_same_name_a_file_each() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("portfolio.db");
    let add = [
        "client",
        "add",
        "--sector",
        "software",
        "--employees",
        "40",
        "--headquarters",
        "DE",
        "--market",
        "eu",
        "--offering",
        "service_processing_customer_data",
    ];
    for name in ["Acme GmbH", "ACME GmbH!"] {
        let mut args = add.to_vec();
        args.extend(["--name", name]);
        let out = run(&db, &args);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let reports = dir.path().join("reports");
    let out = run(&db, &["--json", "report", "--all", "--out-dir", reports.to_str().unwrap(), "--firm", "Northbridge"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut files: Vec<String> =
        std::fs::read_dir(&reports).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files.iter().all(|f| f.starts_with("acme-gmbh-") && f.ends_with("-report-en.pdf")), "{files:?}");
    let texts: Vec<String> = files.iter().map(|f| pdftotext(&reports.join(f))).collect();
    assert!(texts.iter().any(|t| t.contains("ACME GmbH!")) && texts.iter().any(|t| t.contains("Acme GmbH")));
}

/// The text of a Word document as pandoc reads it (an independent reader).
fn pandoc(docx: &Path) -> String {
    let out = Command::new("pandoc")
        .args(["-f", "docx", "-t", "plain", "--wrap=none"])
        .arg(docx)
        .output()
        .expect("pandoc runs (install it: scripts/setup.sh --test)");
    assert!(out.status.success(), "pandoc cannot read {}: {}", docx.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn report_format_docx_writes_a_word_document_for_one_client_and_for_all() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("portfolio.db");
    assert!(run(&db, &["demo"]).status.success());
    let id = id_of(&db, "Brightdesk");

    // One client, in German.
    let docx = dir.path().join("brightdesk.docx");
    let out = run(
        &db,
        &[
            "--json",
            "report",
            &id,
            "--format",
            "docx",
            "--lang",
            "de",
            "--out",
            docx.to_str().unwrap(),
            "--today",
            "2026-11-29",
            "--firm",
            "Musterberatung",
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let written: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(written[0]["file"], docx.display().to_string());
    // The same input and date in another run give the same bytes.
    let again = dir.path().join("again.docx");
    let args = ["report", &id, "--format", "docx", "--lang", "de", "--today", "2026-11-29", "--firm", "Musterberatung"];
    let out = run(&db, &[&args[..], &["--out", again.to_str().unwrap()]].concat());
    assert!(out.status.success());
    assert!(std::fs::read(&docx).unwrap() == std::fs::read(&again).unwrap(), "two runs gave different files");
    let text = pandoc(&docx);
    for expected in ["Brightdesk Software Ltd", "Management-Zusammenfassung", "Musterberatung", "29. November 2026"] {
        assert!(text.contains(expected), "{expected:?} missing from the Word report");
    }

    // Every client: one .docx each, no PDF.
    let reports = dir.path().join("reports");
    let out = run(&db, &["report", "--all", "--format", "docx", "--out-dir", reports.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let files: Vec<String> =
        std::fs::read_dir(&reports).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(files.len() >= 5 && files.iter().all(|f| f.ends_with("-report-en.docx")), "{files:?}");
    assert!(pandoc(&reports.join("harbor-ledger-inc-report-en.docx")).contains("Executive summary"));

    // An unknown format is refused before anything is written.
    let out = run(&db, &["report", &id, "--format", "odt", "--out", dir.path().join("x.odt").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("x.odt").exists());
}

#[test]
fn report_takes_the_stored_branding_unless_a_flag_says_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("portfolio.db");
    assert!(run(&db, &["demo"]).status.success());
    {
        // The firm's branding as the app stores it (Settings).
        let store = crosswalk_core::store::Store::open(&db).unwrap();
        let mut settings = store.branding().get().unwrap();
        settings.firm_name = "Lumen Advisory".into();
        settings.footer = "Lumen Advisory, Frankfurt".into();
        store.branding().set(&settings).unwrap();
    }
    let id = id_of(&db, "Kestrel");
    let stored = dir.path().join("stored.pdf");
    let out = run(&db, &["report", &id, "--out", stored.to_str().unwrap(), "--today", "2026-11-29"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = pdftotext(&stored);
    assert!(text.contains("Lumen Advisory"), "the stored firm name");
    assert!(text.contains("Lumen Advisory, Frankfurt"), "the stored footer");

    let flagged = dir.path().join("flagged.pdf");
    let args = ["report", &id, "--out", flagged.to_str().unwrap(), "--today", "2026-11-29", "--firm", "Northbridge"];
    assert!(run(&db, &args).status.success());
    let text = pdftotext(&flagged);
    assert!(text.contains("Northbridge"), "--firm wins over the stored name");

    // A bad colour in a flag is refused before anything is written.
    let bad = dir.path().join("bad.pdf");
    let out = run(&db, &["report", &id, "--out", bad.to_str().unwrap(), "--accent", "teal"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("accent_colour"));
    assert!(!bad.exists());
}
