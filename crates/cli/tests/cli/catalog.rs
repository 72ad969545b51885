//! `crosswalk-cli catalog ...` against a temporary database, as a script would use it.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::support::Env;

fn shipped() -> &'static crosswalk_core::catalog::Catalog {
    crosswalk_core::catalog::shipped().expect("the shipped catalogue is valid")
}

fn assets() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets")
}

/// Copies the catalogue and the calendar into `to`, in the assets layout.
fn copy_catalogue(to: &Path) -> PathBuf {
    for folder in ["catalog/frameworks", "catalog/controls", "catalog/mappings", "regulatory"] {
        std::fs::create_dir_all(to.join(folder)).unwrap();
    }
    let from = assets();
    std::fs::copy(from.join("catalog/catalog.toml"), to.join("catalog/catalog.toml")).unwrap();
    std::fs::copy(from.join("regulatory/calendar.toml"), to.join("regulatory/calendar.toml")).unwrap();
    for folder in ["frameworks", "controls", "mappings"] {
        for entry in std::fs::read_dir(from.join("catalog").join(folder)).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), to.join("catalog").join(folder).join(entry.file_name())).unwrap();
        }
    }
    to.join("catalog")
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "`{from}` is not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn frameworks_json_has_the_counts() {
    let env = Env::new();
    let frameworks = env.json(&["catalog", "frameworks"]);
    let catalog = shipped();
    let list = frameworks.as_array().unwrap();
    assert_eq!(list.len(), catalog.frameworks.len());
    for (json, fw) in list.iter().zip(&catalog.frameworks) {
        assert_eq!(json["id"], fw.id.as_str());
        assert_eq!(json["requirements"], fw.requirements.len());
        assert_eq!(json["assessable"], fw.requirements.iter().filter(|r| r.assessable).count());
        assert!(json["title"]["de"].as_str().is_some_and(|t| !t.is_empty()));
    }
    let soc2 = list.iter().find(|f| f["id"] == "soc2").unwrap();
    assert_eq!(soc2["assessable"], 61, "the 61 criteria");
    let text = env.text(&["catalog", "frameworks"]);
    assert!(text.starts_with("ID") && text.contains("iso27001") && text.contains("ASSESSABLE"), "{text}");
}

#[test]
fn export_writes_one_row_per_mapping_under_the_exact_header() {
    let env = Env::new();
    let csv = env.text(&["catalog", "export", "--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("control_id,framework,requirement_id,relationship"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), shipped().mappings.len());
    assert!(rows.iter().all(|r| r.split(',').count() == 4), "no field needs quoting");
    assert_eq!(env.text(&["catalog", "export"]), csv, "stable: the same bytes every time");

    // Custom mappings are exported too; --out writes the same text to a file.
    env.json(&[
        "catalog",
        "custom",
        "add-control",
        "--id",
        "X-DORA-01",
        "--domain",
        "suppliers",
        "--effort",
        "M",
        "--title",
        "Register of ICT third-party providers",
        "--objective",
        "Every ICT provider is in the register.",
    ]);
    env.json(&["catalog", "custom", "add-mapping", "X-DORA-01", "iso27001", "A.5.19", "--relationship", "subset"]);
    let out = env.dir().join("crosswalk.csv");
    let written = env.json(&["catalog", "export", "--out", out.to_str().unwrap()]);
    assert_eq!(written["rows"], shipped().mappings.len() + 1);
    let file = std::fs::read_to_string(&out).unwrap();
    assert_eq!(file.lines().count(), shipped().mappings.len() + 2);
    assert_eq!(file.lines().last(), Some("X-DORA-01,iso27001,A.5.19,subset"), "sorted by control id, X- after CW-");
}

#[test]
fn validate_accepts_the_shipped_folder() {
    let env = Env::new();
    let report = env.json(&["catalog", "validate", assets().join("catalog").to_str().unwrap()]);
    assert_eq!(report["valid"], true);
    assert_eq!(report["summary"]["controls"], shipped().controls.len());
    assert_eq!(report["errors"].as_array().unwrap().len(), 0);
}

#[test]
fn validate_on_a_broken_copy_exits_2_naming_file_and_entry() {
    let env = Env::new();
    let copy = tempfile::tempdir().unwrap();
    let catalog = copy_catalogue(copy.path());
    edit(
        &catalog.join("frameworks/iso27001.toml"),
        "id = \"A.5.1\"\nparent = \"A.5\"\nkind = \"control\"",
        "id = \"A.5.1\"\nparent = \"A.5\"\nkind = \"contrl\"",
    );
    let mut csv = std::fs::read_to_string(catalog.join("mappings/ai.csv")).unwrap();
    csv.push_str("CW-NOPE-01,iso42001,A.2.2,equal\n");
    std::fs::write(catalog.join("mappings/ai.csv"), csv).unwrap();

    let (stdout, err) = env.fails_with_output(&["catalog", "validate", catalog.to_str().unwrap()], 2);
    assert_eq!(err["code"], "invalid");
    let fields: Vec<String> = err["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{}: {}", f["field"].as_str().unwrap(), f["message"].as_str().unwrap()))
        .collect();
    assert!(
        fields.iter().any(|f| f.starts_with("frameworks/iso27001.toml: A.5.1: unknown kind `contrl`")),
        "{fields:#?}"
    );
    assert!(
        fields.iter().any(|f| f.starts_with("mappings/ai.csv: line ") && f.contains("unknown control `CW-NOPE-01`")),
        "{fields:#?}"
    );
    assert_eq!(fields.len(), 2, "{fields:#?}");
    // Standard output carries the same problems as {file, entry, message}.
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["valid"], false);
    assert_eq!(report["errors"][0]["file"], "frameworks/iso27001.toml");
    assert_eq!(report["errors"][0]["entry"], "A.5.1");

    // As text: one line per problem, `file: entry: message`.
    let out = env.run(&["catalog", "validate", catalog.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.lines().any(|l| l.trim() == "frameworks/iso27001.toml: A.5.1: unknown kind `contrl` (expected one of: clause, subclause, annex, theme, objective, control, category, series, criterion, chapter, section, article, prohibited_practice, obligation)"), "{stderr}");

    let (_, err) = env.fails_with_output(&["catalog", "validate", copy.path().join("nowhere").to_str().unwrap()], 1);
    assert_eq!(err["code"], "io");
}

#[test]
fn controls_search_and_the_crosswalk_view() {
    let env = Env::new();
    let all = env.json(&["catalog", "controls"]);
    assert_eq!(all.as_array().unwrap().len(), shipped().controls.len());
    let found = env.json(&["catalog", "controls", "--search", "KI-RICHTLINIE"]);
    assert!(found.as_array().unwrap().iter().any(|c| c["id"] == "CW-AIG-01"), "{found}");

    let control = env.json(&["catalog", "control", "cw-aig-01"]);
    assert_eq!(control["id"], "CW-AIG-01");
    let serves = control["serves"].as_array().unwrap();
    assert!(serves.iter().any(|s| s["framework"] == "iso42001" && s["requirement_id"] == "A.2.2"));
    let text = env.text(&["catalog", "--lang", "de", "control", "CW-AIG-01"]);
    assert!(text.contains("KI-Richtlinie"), "{text}");

    let (_, err) = env.fails_with_output(&["catalog", "control", "CW-NOPE-99"], 3);
    assert_eq!(err["code"], "not_found");
    let (_, err) = env.fails_with_output(&["catalog", "requirements", "iso9001"], 3);
    assert_eq!(err["code"], "not_found");
    let tree = env.json(&["catalog", "requirements", "iso27001"]);
    assert_eq!(tree[0]["id"], "4");
}

#[test]
fn custom_entries_are_added_listed_checked_and_removed() {
    let env = Env::new();
    let added = env.json(&[
        "catalog",
        "custom",
        "add-control",
        "--id",
        "x-dora-01",
        "--domain",
        "suppliers",
        "--effort",
        "m",
        "--title",
        "Register of ICT providers",
        "--objective",
        "Kept current.",
    ]);
    assert_eq!(added["id"], "X-DORA-01");
    assert_eq!(added["title"]["de"], "Register of ICT providers", "German defaults to English");

    let (_, err) = env.fails_with_output(
        &[
            "catalog",
            "custom",
            "add-control",
            "--id",
            "DORA",
            "--domain",
            "x",
            "--effort",
            "XXL",
            "--title",
            "",
            "--objective",
            "o",
        ],
        2,
    );
    assert_eq!(err["code"], "invalid");
    let fields: Vec<&str> = err["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["id", "domain", "effort", "title.en"]);

    let (_, err) = env.fails_with_output(
        &["catalog", "custom", "add-mapping", "X-DORA-01", "iso27001", "A.5", "--relationship", "equal"],
        2,
    );
    assert!(err["message"].as_str().unwrap().contains("grouping entry"), "{err}");
    env.json(&["catalog", "custom", "add-mapping", "X-DORA-01", "iso27001", "A.5.19", "--relationship", "subset"]);

    let list = env.json(&["catalog", "custom", "list"]);
    assert_eq!(list["controls"][0]["id"], "X-DORA-01");
    assert_eq!(list["mappings"][0]["requirement_id"], "A.5.19");
    assert_eq!(list["mappings"][0]["problem"], Value::Null);
    let control = env.json(&["catalog", "control", "X-DORA-01"]);
    assert_eq!(control["custom"], true);
    assert_eq!(control["serves"][0]["custom"], true);

    env.json(&["catalog", "custom", "remove", "X-DORA-01", "iso27001", "A.5.19"]);
    let (_, err) = env.fails_with_output(&["catalog", "custom", "remove", "X-DORA-01", "iso27001", "A.5.19"], 3);
    assert_eq!(err["code"], "not_found");
    env.json(&["catalog", "custom", "remove", "x-dora-01"]);
    assert_eq!(env.json(&["catalog", "custom", "list"])["controls"].as_array().unwrap().len(), 0);
    let (_, err) = env.fails_with_output(&["catalog", "custom", "remove", "CW-AIG-01"], 3);
    assert_eq!(err["code"], "not_found", "a shipped control cannot be removed");
}
