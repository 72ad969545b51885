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
    assert!(stderr.lines().any(|l| l.trim() == "frameworks/iso27001.toml: A.5.1: unknown kind `contrl` (expected one of: clause, subclause, annex, theme, objective, control, category, series, criterion, chapter, section, article, prohibited_practice, obligation, paragraph, point, function, subcategory, group)"), "{stderr}");

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

/// The reference OSCAL excerpt (NIST SP 800-53 rev. 5, assets/reference/oscal/).
fn oscal_reference(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets/reference/oscal").join(name).display().to_string()
}

#[test]
fn import_oscal_then_scope_analyse_and_remove() {
    let env = Env::new();
    let catalog = oscal_reference("nist_sp800-53r5_low_at_ps.json");
    let mappings = oscal_reference("nist_sp800-53r5_low_at_ps_mappings.csv");
    let imported = env.json(&["catalog", "import-oscal", &catalog, "--mappings", &mappings, "--id", "x_sp800_53"]);
    assert_eq!(imported["id"], "x_sp800_53");
    assert_eq!((imported["assessable"].as_u64(), imported["mappings"].as_u64()), (Some(14), Some(25)));
    assert_eq!(imported["kind"], "guidance");
    let frameworks = env.json(&["catalog", "frameworks"]);
    let last = frameworks.as_array().unwrap().last().unwrap().clone();
    assert_eq!((last["id"].as_str(), last["custom"].as_bool()), (Some("x_sp800_53"), Some(true)));
    assert!(env.text(&["catalog", "requirements", "x_sp800_53"]).contains("AT-2(2)"));

    // It can be chosen for a scope and is analysed.
    let client = env.json(&[
        "client",
        "add",
        "--name",
        "Scope Test GmbH",
        "--sector",
        "software",
        "--employees",
        "40",
        "--headquarters",
        "de",
        "--market",
        "eu",
        "--offering",
        "none",
    ]);
    let id = client["id"].as_str().unwrap().to_owned();
    let scope = env.json(&["scope", "set", &id, "--framework", "x_sp800_53", "--framework", "gdpr"]);
    assert_eq!(scope["frameworks"], serde_json::json!(["gdpr", "x_sp800_53"]));
    let analysis = env.json(&["analyze", &id]);
    let names: Vec<&str> =
        analysis["frameworks"].as_array().unwrap().iter().map(|f| f["framework"].as_str().unwrap()).collect();
    assert_eq!(names, ["gdpr", "x_sp800_53"]);
    let unknown = env.fails(&["scope", "set", &id, "--framework", "x_nothing"], 2);
    assert_eq!(unknown["code"], "invalid");

    // The same id again is refused, and nothing changes.
    let again = env.fails(&["catalog", "import-oscal", &catalog, "--mappings", &mappings, "--id", "x_sp800_53"], 2);
    assert!(again["fields"][0]["message"].as_str().unwrap().contains("already exists"), "{again}");
    env.json(&["catalog", "remove-framework", "x_sp800_53"]);
    assert_eq!(
        env.json(&["catalog", "frameworks"]).as_array().unwrap().len(),
        frameworks.as_array().unwrap().len() - 1
    );
    assert_eq!(env.fails(&["catalog", "remove-framework", "iso27001"], 2)["code"], "invalid");
}

#[test]
fn export_oscal_writes_a_catalog_that_imports_back() {
    let env = Env::new();
    let out = env.dir().join("gdpr.json");
    let written = env.json(&["catalog", "export-oscal", "--framework", "gdpr", "--out", out.to_str().unwrap()]);
    assert_eq!(written["frameworks"], 1);
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(doc["catalog"]["metadata"]["oscal-version"], "1.1.2");
    assert_eq!(doc["catalog"]["groups"][0]["props"][0]["value"], "gdpr");
    let all = env.dir().join("all.json");
    assert_eq!(env.json(&["catalog", "export-oscal", "--out", all.to_str().unwrap()])["frameworks"], 7);
    let bad = env.fails(&["catalog", "export-oscal", "--framework", "iso9001", "--out", all.to_str().unwrap()], 2);
    assert!(bad["fields"][0]["message"].as_str().unwrap().contains("unknown framework `iso9001`"), "{bad}");

    // The exported GDPR reads back as an imported framework when its leaves are mapped.
    let mut csv = String::from("requirement_id,control_id,relationship\n");
    for leaf in [
        "Art.5(1)(a)",
        "Art.5(1)(b)",
        "Art.5(1)(c)",
        "Art.5(1)(d)",
        "Art.5(1)(e)",
        "Art.5(1)(f)",
        "Art.5(2)",
        "Art.6",
        "Art.7",
        "Art.9",
        "Art.12",
        "Art.13",
        "Art.14",
        "Art.15",
        "Art.16",
        "Art.17",
        "Art.18",
        "Art.19",
        "Art.20",
        "Art.21",
        "Art.22",
        "Art.24",
        "Art.25",
        "Art.28",
        "Art.30",
        "Art.32",
        "Art.33",
        "Art.34",
        "Art.35",
        "Art.37",
        "Art.38",
        "Art.39",
        "Art.44",
        "Art.45",
        "Art.46",
        "Art.47",
        "Art.48",
        "Art.49",
    ] {
        csv.push_str(&format!("{leaf},CW-PRV-01,intersect\n"));
    }
    let mappings = env.dir().join("gdpr.csv");
    std::fs::write(&mappings, csv).unwrap();
    let imported = env.json(&[
        "catalog",
        "import-oscal",
        out.to_str().unwrap(),
        "--mappings",
        mappings.to_str().unwrap(),
        "--kind",
        "regulation",
    ]);
    assert_eq!((imported["assessable"].as_u64(), imported["kind"].as_str()), (Some(38), Some("regulation")));
    assert!(imported["id"].as_str().unwrap().starts_with("x_crosswalk_catalogue"), "{imported}");
}
