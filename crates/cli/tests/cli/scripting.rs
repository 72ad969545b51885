//! The CLI against a temporary database, as a script would use it.

use std::path::Path;

use serde_json::Value;

use super::support::{bare_command, command, Env};

impl Env {
    fn names(&self, extra: &[&str]) -> Vec<String> {
        let mut args = vec!["client", "list"];
        args.extend_from_slice(extra);
        self.json(&args).as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_owned()).collect()
    }
}

const ADD_NORTHWIND: &[&str] = &[
    "client",
    "add",
    "--name",
    "Northwind Traders",
    "--sector",
    "retail",
    "--employees",
    "250",
    "--headquarters",
    "de",
    "--market",
    "eu",
    "--market",
    "us",
    "--offering",
    "service_processing_customer_data",
];

#[test]
fn add_list_show_edit_archive_restore_delete() {
    let env = Env::new();
    let added = env.json(ADD_NORTHWIND);
    let id = added["id"].as_str().unwrap().to_owned();
    assert_eq!(added["profile"]["headquarters"], "DE");
    assert_eq!(added["status"], "active");

    let list = env.json(&["client", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["id"], id.as_str());
    assert_eq!(list[0]["markets"], serde_json::json!(["eu", "us"]));

    let shown = env.json(&["client", "show", &id[..8]]);
    assert_eq!(shown["profile"]["name"], "Northwind Traders");

    let edited = env.json(&["client", "edit", &id, "--employees", "300", "--notes", "Visited 12 May"]);
    assert_eq!(edited["profile"]["employees"], 300);
    assert_eq!(edited["profile"]["sector"], "retail", "untouched fields stay");

    env.json(&["client", "archive", &id]);
    assert!(env.names(&[]).is_empty());
    assert_eq!(env.names(&["--archived"]), ["Northwind Traders"]);
    env.json(&["client", "restore", &id]);
    assert_eq!(env.names(&[]), ["Northwind Traders"]);

    let refused = env.fails(&["client", "delete", &id], 2);
    assert!(refused["message"].as_str().unwrap().contains("--yes"));
    env.json(&["client", "delete", &id, "--yes"]);
    assert!(env.names(&["--all"]).is_empty());
    assert_eq!(env.fails(&["client", "show", &id], 3)["code"], "not_found");
}

#[test]
fn bad_input_names_the_field_exits_2_and_writes_nothing() {
    let env = Env::new();
    env.json(ADD_NORTHWIND);

    let err = env.fails(&["client", "add", "--name", "Nameless"], 2);
    let fields: Vec<&str> = err["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["sector", "employees", "headquarters"]);

    let err = env.fails(
        &[
            "client",
            "add",
            "--name",
            " ",
            "--sector",
            "retail",
            "--employees",
            "0",
            "--headquarters",
            "XX",
            "--offering",
            "none",
        ],
        2,
    );
    assert_eq!(err["code"], "invalid");
    let fields: Vec<&str> = err["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["name", "employees", "headquarters", "markets"]);

    let err = env
        .fails(&["client", "add", "--name", "X", "--sector", "bakery", "--employees", "3", "--headquarters", "DE"], 2);
    assert_eq!(err["fields"][0]["field"], "sector");
    assert!(err["fields"][0]["message"].as_str().unwrap().contains("unknown variant `bakery`"));

    let id = env.json(&["client", "list"])[0]["id"].as_str().unwrap().to_owned();
    env.fails(&["client", "edit", &id, "--name", ""], 2);
    assert_eq!(env.names(&[]), ["Northwind Traders"], "a failed edit changes nothing");
}

#[test]
fn human_errors_are_one_line_per_field() {
    let env = Env::new();
    let out =
        env.run(&["client", "add", "--name", "X", "--sector", "retail", "--employees", "0", "--headquarters", "DE"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("error: the input is not valid; nothing was written:"), "{stderr}");
    assert!(stderr.contains("  employees: must be at least 1"), "{stderr}");
    assert!(stderr.contains("  markets: "), "{stderr}");
}

#[test]
fn json_profile_in_and_out_round_trips() {
    let env = Env::new();
    env.json(&["demo"]);
    let talentlens = env.json(&["client", "list", "--search", "talentlens"]);
    let id = talentlens[0]["id"].as_str().unwrap().to_owned();
    let exported = env.dir().join("talentlens.json");
    env.json(&["client", "export", &id, "--out", exported.to_str().unwrap()]);
    let profile: Value = serde_json::from_str(&std::fs::read_to_string(&exported).unwrap()).unwrap();
    assert_eq!(profile["ai_systems"][0]["risk"]["tier"], "high_risk_annex_iii");

    let other = Env::new();
    let imported = other.json(&["client", "import", exported.to_str().unwrap()]);
    assert_eq!(imported[0]["profile"], profile, "export then import keeps every field");

    let added = other.json(&["client", "add", "--from", exported.to_str().unwrap(), "--name", "Talentlens Copy"]);
    assert_eq!(added["profile"]["name"], "Talentlens Copy");
    assert_eq!(added["profile"]["ai_systems"], profile["ai_systems"]);
}

#[test]
fn import_is_all_or_nothing_with_errors_by_position() {
    let env = Env::new();
    let batch = r#"[
        {"name": "Good One", "sector": "software", "employees": 10, "headquarters": "FR", "markets": ["eu"], "offerings": ["none"]},
        {"name": "", "sector": "software", "employees": 10, "headquarters": "FR", "markets": ["eu"], "offerings": ["none"]},
        {"name": "Bad Date", "sector": "software", "employees": 10, "headquarters": "FR", "markets": ["eu"], "offerings": ["none"],
         "pressures": [{"party": "board", "asks_for": "iso27001", "deadline": "2026-02-30"}]}
    ]"#;
    let err: Value = {
        let out = env.run_with_stdin(&["--json", "client", "import", "-"], Some(batch));
        assert_eq!(out.status.code(), Some(2));
        serde_json::from_slice(&out.stderr).unwrap()
    };
    let fields: Vec<&str> = err["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["[1].name", "[2].pressures[0].deadline"]);
    assert!(env.names(&["--all"]).is_empty(), "nothing was imported");

    let out = env.run_with_stdin(&["--json", "client", "import", "-"], Some("{not json"));
    assert_eq!(out.status.code(), Some(2));
    assert!(env.names(&["--all"]).is_empty());
}

#[test]
fn demo_loads_every_case_once() {
    let env = Env::new();
    let first = env.json(&["demo"]);
    assert!(first["added"].as_u64().unwrap() >= 6);
    let second = env.json(&["demo"]);
    assert_eq!(second["added"], 0);
    assert_eq!(second["present"], first["added"]);
    let names = env.names(&[]);
    assert!(names.contains(&"Harbor Ledger Inc.".to_owned()), "{names:?}");
    let sorted = env.names(&["--sort", "employees", "--desc"]);
    assert_eq!(sorted[0], "Nordlicht Logistik AG");
}

#[test]
fn database_location_comes_from_flag_then_environment() {
    let env = Env::new();
    let from_env = env.dir().join("from-env.db");
    let out = bare_command().args(["--json", "info"]).env("CROSSWALK_DB", &from_env).output().unwrap();
    assert!(out.status.success());
    let info: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(info["database"], from_env.to_str().unwrap());
    assert_eq!(info["source"], "environment");
    assert!(from_env.exists());
    assert_eq!(env.json(&["info"])["source"], "flag");
}

#[test]
fn refuses_a_database_from_a_newer_crosswalk() {
    let env = Env::new();
    env.json(ADD_NORTHWIND);
    {
        let conn = rusqlite_free_bump(&env.db);
        assert!(conn);
    }
    let err = env.fails(&["client", "list"], 1);
    assert_eq!(err["code"], "newer_database");
}

/// Raises the schema version the way a future Crosswalk would, with the sqlite3-free trick of
/// patching the header's user_version field (bytes 60..64, big-endian) after a checkpoint.
fn rusqlite_free_bump(db: &Path) -> bool {
    // The CLI exits after each command, so the WAL has been checkpointed into the main file.
    let mut bytes = std::fs::read(db).unwrap();
    let version = u32::from_be_bytes(bytes[60..64].try_into().unwrap());
    bytes[60..64].copy_from_slice(&(version + 1).to_be_bytes());
    std::fs::write(db, bytes).unwrap();
    version >= 1
}

#[test]
fn export_to_an_unwritable_place_fails_cleanly() {
    let env = Env::new();
    let id = env.json(ADD_NORTHWIND)["id"].as_str().unwrap().to_owned();
    let target = env.dir().join("missing-folder/out.json");
    let err = env.fails(&["client", "export", &id, "--out", target.to_str().unwrap()], 1);
    assert_eq!(err["code"], "io");
    assert!(!target.exists());
    let leftovers: Vec<_> = std::fs::read_dir(env.dir()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(leftovers.iter().all(|n| !n.to_string_lossy().ends_with(".tmp")), "{leftovers:?}");
}

#[test]
fn recommend_a_profile_file_without_a_database() {
    let env = Env::new();
    let profile = env.dir().join("profile.json");
    std::fs::write(
        &profile,
        r#"{"name": "Loom Analytics", "sector": "software", "employees": 60, "headquarters": "US",
            "markets": ["us", "eu"], "offerings": ["service_processing_customer_data", "builds_ai"],
            "ai_systems": [{"name": "Churn Model", "roles": ["provider"], "risk": {"tier": "minimal"}}],
            "pressures": [{"party": "us_customers", "asks_for": "soc2", "deals_blocked": true}]}"#,
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let mut cmd = command(&env.db);
        cmd.args(["recommend", "--profile", profile.to_str().unwrap(), "--today", "2026-11-29"]);
        cmd.args(extra).output().unwrap()
    };
    let out = run(&["--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!env.db.exists(), "a profile file needs no database, and none is created");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["recommendation"]["today"], "2026-11-29");
    let soc2 =
        json["recommendation"]["frameworks"].as_array().unwrap().iter().find(|f| f["framework"] == "soc2").unwrap();
    assert_eq!(soc2["need"], "required");
    assert_eq!(soc2["urgent"], true);
    assert_eq!(soc2["reasons"][0]["rule"], "R8");
    assert_eq!(json["roadmap"]["order"][0], "soc2");
    assert_eq!(json["recommendation"]["ai_act"][0]["obligations"][0]["requirement_id"], "Art.4");

    let german = run(&["--lang", "de"]);
    let text = String::from_utf8(german.stdout).unwrap();
    assert!(text.starts_with("Empfehlung für Loom Analytics"), "{text}");
    assert!(text.contains("ERFORDERLICH (dringend)"), "{text}");
    assert!(text.contains("(Stand: 29. November 2026)"), "{text}");
    assert!(text.contains("Fahrplan ab dem 29. November 2026"), "{text}");
    assert!(!text.contains("2026-11-29") && !text.contains("deals blocked"), "data left in German text: {text}");

    // The same input and date give the same output.
    assert_eq!(run(&["--json"]).stdout, out.stdout);
}

#[test]
fn recommend_a_stored_client_and_reject_bad_dates() {
    let env = Env::new();
    env.json(&["demo"]);
    let id = env.json(&["client", "list", "--search", "sentinel"])[0]["id"].as_str().unwrap().to_owned();
    let rec = env.json(&["recommend", &id, "--today", "2026-11-29"]);
    assert!(rec["recommendation"]["stop_signs"][0]["en"].as_str().unwrap().starts_with("Stop: MoodPulse"));
    assert_eq!(rec["roadmap"]["phases"][0]["kind"], "stop");

    let err = env.fails(&["recommend", &id, "--today", "2026-02-30"], 2);
    assert_eq!(err["fields"][0]["field"], "today");
    let err = env.fails(&["recommend", &id, "--capacity", "0"], 2);
    assert_eq!(err["fields"][0]["field"], "capacity");
    env.fails(&["recommend", "ffffffff"], 3);
}

/// The GDPR, NIS2 and NIST AI RMF verdicts ride in `recommendation.frameworks` after the three
/// certifications; the certifications' verdicts keep their shape.
#[test]
fn recommend_json_carries_the_regulatory_verdicts() {
    let env = Env::new();
    env.json(&["demo"]);
    let id = env.json(&["client", "list", "--search", "rheinblick"])[0]["id"].as_str().unwrap().to_owned();
    let rec = env.json(&["recommend", &id, "--today", "2026-11-29"]);
    let frameworks = rec["recommendation"]["frameworks"].as_array().unwrap();
    let keys: Vec<&str> = frameworks.iter().map(|v| v["framework"].as_str().unwrap()).collect();
    assert_eq!(keys, ["iso27001", "soc2", "iso42001", "gdpr", "nis2", "nist_ai_rmf"]);
    for v in &frameworks[..3] {
        assert!(v.get("obligations").is_none() && v.get("questions").is_none() && v.get("nis2").is_none(), "{v}");
    }
    let nis2 = &frameworks[4];
    assert_eq!(nis2["need"], "required");
    assert_eq!(nis2["urgent"], true);
    assert_eq!(nis2["nis2"]["class"], "important");
    assert_eq!(nis2["nis2"]["size"], "medium");
    assert_eq!(nis2["nis2"]["entity"], "managed_service_provider");
    let first = &nis2["obligations"][0];
    assert_eq!(first["requirement_id"], "Art.20(1)");
    assert_eq!(first["applies_from"], "2024-10-18");
    assert_eq!(first["because"][0], "regulatory.nis2_entity: managed_service_provider");
    assert!(nis2["questions"].as_array().unwrap().iter().any(|q| q["requirement_ids"][0] == "Art.24"));
    let gdpr = &frameworks[3];
    assert_eq!(gdpr["need"], "required");
    assert!(gdpr["reasons"][0]["rule"] == "R17");
    let phases: Vec<&str> =
        rec["roadmap"]["phases"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert!(phases.contains(&"gdpr-implementation") && phases.contains(&"nis2-implementation"), "{phases:?}");
    let milestones: Vec<&str> =
        rec["roadmap"]["milestones"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert!(milestones.contains(&"nis2-in-place"), "{milestones:?}");
    assert!(rec["roadmap"]["options"].as_array().unwrap().iter().all(|o| o["order"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| ["iso27001", "soc2", "iso42001"].contains(&f.as_str().unwrap()))));
}

#[test]
fn overrides_shape_the_roadmap_and_need_a_reason() {
    let env = Env::new();
    env.json(&["demo"]);
    let id = env.json(&["client", "list", "--search", "brightdesk"])[0]["id"].as_str().unwrap().to_owned();
    let before = env.json(&["recommend", &id, "--today", "2026-11-29"]);
    assert_eq!(before["roadmap"]["order"], serde_json::json!(["soc2", "iso42001"]));

    let err = env.fails(&["override", "order", &id, "iso42001", "--reason", "  "], 2);
    assert_eq!(err["fields"][0]["field"], "order.reason");
    assert_eq!(env.json(&["override", "list", &id])["order"], Value::Null, "nothing stored");

    env.json(&["override", "order", &id, "iso42001", "--reason", "Board wants AI governance first"]);
    env.json(&["override", "start", &id, "soc2", "2027-02-01", "--reason", "Auditor free from February"]);
    let after = env.json(&["recommend", &id, "--today", "2026-11-29"]);
    assert_eq!(after["roadmap"]["order"], serde_json::json!(["iso42001", "soc2"]));
    assert_eq!(after["roadmap"]["overrides"]["order"]["reason"], "Board wants AI governance first");
    let soc2 =
        after["roadmap"]["phases"].as_array().unwrap().iter().find(|p| p["id"] == "soc2-implementation").unwrap();
    assert!(soc2["start"].as_str().unwrap() >= "2027-02-01");
    assert!(after["roadmap"]["why"][0]["en"].as_str().unwrap().contains("consultant set the order"));

    let err = env.fails(&["override", "exclude", &id, "iso42001", "--reason", "Out of budget"], 2);
    assert!(err["fields"][0]["message"].as_str().unwrap().contains("cannot be ordered"));
    // The frameworks come from the core's lists: any rated one can be left out, and cleared on
    // its own; only a certification can be put in order.
    env.json(&["override", "exclude", &id, "nis2", "--reason", "Handled by the group"]);
    assert_eq!(env.json(&["override", "list", &id])["excluded"][0]["framework"], "nis2");
    let out = env.run(&["override", "order", &id, "gdpr", "--reason", "Privacy first"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("[possible values: iso27001, soc2, iso42001]"), "{stderr}");
    let kept = env.json(&["override", "clear", &id, "nis2"]);
    assert_eq!(kept["excluded"], serde_json::json!([]));
    assert_eq!(kept["order"]["frameworks"], serde_json::json!(["iso42001"]), "the rest is kept");
    env.json(&["override", "clear", &id]);
    let cleared = env.json(&["recommend", &id, "--today", "2026-11-29"]);
    assert_eq!(cleared["roadmap"]["order"], before["roadmap"]["order"]);
}

#[test]
fn the_integrated_audit_is_offered_and_can_be_declined_with_a_reason() {
    let env = Env::new();
    let profile = env.dir().join("pair.json");
    std::fs::write(
        &profile,
        r#"{"name": "Pair GmbH", "sector": "software", "employees": 60, "headquarters": "DE",
            "markets": ["eu"], "offerings": ["service_processing_customer_data", "builds_ai"],
            "pressures": [{"party": "eu_customers", "asks_for": "data_protection_assurance"}]}"#,
    )
    .unwrap();
    let id = env.json(&["client", "add", "--from", profile.to_str().unwrap()])["id"].as_str().unwrap().to_owned();
    let offered = env.json(&["recommend", &id, "--today", "2026-11-29"]);
    assert_eq!(offered["roadmap"]["integrated_audit"]["applied"], true);
    assert_eq!(offered["roadmap"]["integrated_audit"]["initial_days_saved"], 4.0);

    let err = env.fails(&["override", "decline-integrated-audit", &id, "--reason", " "], 2);
    assert_eq!(err["fields"][0]["field"], "integrated_audit_declined.reason");
    env.json(&["override", "decline-integrated-audit", &id, "--reason", "Two certification bodies"]);
    let declined = env.json(&["recommend", &id, "--today", "2026-11-29"]);
    assert_eq!(declined["roadmap"]["integrated_audit"]["applied"], false);
    assert_eq!(declined["roadmap"]["overrides"]["integrated_audit_declined"]["reason"], "Two certification bodies");
    let text = String::from_utf8(env.run(&["recommend", &id, "--today", "2026-11-29", "--lang", "de"]).stdout).unwrap();
    assert!(text.contains("Integriertes Audit ISO/IEC 27001 + 42001 abgelehnt: Two certification bodies"), "{text}");

    env.json(&["override", "accept-integrated-audit", &id]);
    let again = env.json(&["recommend", &id, "--today", "2026-11-29"]);
    assert_eq!(again["roadmap"]["integrated_audit"]["applied"], true);
}
