//! `assess`, `analyze`, `soa` and `scope` against a temporary database with the demo portfolio.

use serde_json::Value;

use super::support::{field_names, path, Env};

const TODAY: &str = "2026-11-29";
const NORDLICHT: &str = "972a8469-1641-4f82-8b9d-2434e465e150";
const KESTREL: &str = "17fc695a-07a0-4a6e-8822-e8f36c031199";
const HARBOR: &str = "bdd640fb-0667-4ad1-9c80-317fa3b1799d";

#[test]
fn analyze_gives_readiness_gaps_and_effort() {
    let env = Env::demo();
    let a = env.json(&["analyze", &NORDLICHT[..8], "--today", TODAY]);
    assert_eq!(a["client_name"], "Nordlicht Logistik AG");
    assert_eq!(a["assessment"]["date"], "2026-11-18");
    let frameworks = a["frameworks"].as_array().unwrap();
    let iso = frameworks.iter().find(|f| f["framework"] == "iso27001").unwrap();
    assert!(iso["readiness"]["percent"].as_f64().unwrap() > 80.0);
    let sections: Vec<&str> = iso["sections"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    for theme in ["4", "10", "Annex A", "A.5", "A.6", "A.7", "A.8"] {
        assert!(sections.contains(&theme), "{theme} in {sections:?}");
    }
    let gaps = a["gaps"].as_array().unwrap();
    assert!(!gaps.is_empty());
    assert_eq!(gaps[0]["rank"], 1);
    let scores: Vec<f64> = gaps.iter().map(|g| g["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "ranked by score");
    let effort = &a["effort"];
    let alone: f64 = effort["alone"].as_array().unwrap().iter().map(|f| f["days"].as_f64().unwrap()).sum();
    let together = effort["together"].as_f64().unwrap();
    assert!((alone - together - effort["saving"].as_f64().unwrap()).abs() < 0.11);
    assert!(effort["saving"].as_f64().unwrap() > 0.0);

    // Half-weighting partial requirements is the default; the weight can be set.
    let strict = env.json(&["analyze", NORDLICHT, "--today", TODAY, "--partial-weight", "0"]);
    let strict_iso = strict["frameworks"].as_array().unwrap().iter().find(|f| f["framework"] == "iso27001").unwrap();
    assert!(strict_iso["readiness"]["percent"].as_f64() < iso["readiness"]["percent"].as_f64());
    assert_eq!(field_names(&env.fails(&["analyze", NORDLICHT, "--partial-weight", "2"], 2)), ["partial_weight"]);

    let text = env.text(&["analyze", NORDLICHT, "--today", TODAY, "--top", "3"]);
    assert!(text.contains("Top gaps"), "{text}");
    assert!(text.contains("shared work saves"), "{text}");

    let portfolio = env.json(&["analyze", "--all", "--today", TODAY]);
    assert_eq!(portfolio.as_array().unwrap().len(), 14);
    assert!(portfolio.as_array().unwrap().iter().all(|r| !r["frameworks"].as_array().unwrap().is_empty()));
    assert_eq!(env.fails(&["analyze", "ffffffff"], 3)["code"], "not_found");
}

#[test]
fn dashboard_counts_overdue_actions() {
    let env = Env::demo();
    let before = env.json(&["dashboard", "--today", TODAY]);
    let rows = before.as_array().unwrap();
    assert_eq!(rows.len(), 14);
    let harbor = rows.iter().find(|r| r["client_id"] == HARBOR).unwrap();
    assert_eq!(harbor["recommended"][0]["framework"], "soc2");
    assert!(harbor["next_milestone"]["date"].as_str().unwrap() >= TODAY);
    let overdue = |v: &serde_json::Value| {
        v.as_array().unwrap().iter().find(|r| r["client_id"] == HARBOR).unwrap()["overdue_actions"].as_u64().unwrap()
    };

    // An action due before today makes one more overdue; once implemented, it is no action.
    env.json(&["assess", "set", HARBOR, "cw-acc-04", "not_implemented", "--due", "2026-01-31"]);
    let after = env.json(&["dashboard", "--today", TODAY]);
    assert_eq!(overdue(&after), overdue(&before) + 1);
    env.json(&["assess", "set", HARBOR, "cw-acc-04", "implemented", "--due", "2026-01-31"]);
    assert_eq!(overdue(&env.json(&["dashboard", "--today", TODAY])), overdue(&before));

    let text = env.text(&["dashboard", "--today", TODAY]);
    assert!(text.contains("Harbor Ledger") && text.contains("NEXT MILESTONE"), "{text}");
    assert_eq!(env.fails(&["dashboard", "--today", "tomorrow"], 2)["code"], "invalid");
}

#[test]
fn dashboard_filters_and_sorts_like_the_page() {
    let env = Env::demo();
    let all = env.json(&["dashboard", "--today", TODAY]);
    let all = all.as_array().unwrap();
    let names = |v: &Value| -> Vec<String> {
        v.as_array().unwrap().iter().map(|r| r["client_name"].as_str().unwrap().to_owned()).collect()
    };
    let ids = |v: &Value| -> Vec<String> {
        v.as_array().unwrap().iter().map(|r| r["client_id"].as_str().unwrap().to_owned()).collect()
    };
    // The JSON shape is the dashboard's rows, as before.
    for key in ["client_id", "recommended", "readiness", "next_milestone", "needs_attention", "mean_readiness"] {
        assert!(all[0].get(key).is_some(), "{key}");
    }

    let found = env.json(&["dashboard", "--today", TODAY, "--search", "harbor"]);
    assert_eq!(ids(&found), [HARBOR]);

    let soc2 = env.json(&["dashboard", "--today", TODAY, "--framework", "soc2"]);
    let expected: Vec<&Value> =
        all.iter().filter(|r| r["recommended"].as_array().unwrap().iter().any(|f| f["framework"] == "soc2")).collect();
    assert_eq!(soc2.as_array().unwrap().iter().collect::<Vec<_>>(), expected);
    assert!(!expected.is_empty() && expected.len() < all.len());

    let attention = env.json(&["dashboard", "--today", TODAY, "--attention"]);
    let expected: Vec<&Value> = all.iter().filter(|r| r["needs_attention"] == true).collect();
    assert_eq!(attention.as_array().unwrap().iter().collect::<Vec<_>>(), expected);
    assert!(!expected.is_empty() && expected.len() < all.len());

    // By next milestone: the dates in order, the clients without one last; reversed, first.
    let by_date = env.json(&["dashboard", "--today", TODAY, "--sort", "milestone"]);
    let dates: Vec<Option<String>> =
        by_date.as_array().unwrap().iter().map(|r| r["next_milestone"]["date"].as_str().map(str::to_owned)).collect();
    let mut sorted = dates.clone();
    sorted.sort_by_key(|d| d.clone().unwrap_or_else(|| "9999".into()));
    assert_eq!(dates, sorted);
    // By readiness, descending: the best first.
    let ready = env.json(&["dashboard", "--today", TODAY, "--sort", "readiness", "--descending"]);
    let means: Vec<f64> =
        ready.as_array().unwrap().iter().map(|r| r["mean_readiness"].as_f64().unwrap_or(-1.0)).collect();
    assert!(means.windows(2).all(|w| w[0] >= w[1]), "{means:?}");
    assert!(means[0] > means[means.len() - 1]);
    // The list's sorts are `client list`'s.
    let by_size = env.json(&["dashboard", "--today", TODAY, "--sort", "employees", "--descending"]);
    let list = env.json(&["client", "list", "--sort", "employees", "--desc"]);
    let listed: Vec<&str> = list.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names(&by_size), listed);

    // Everything at once.
    let both = env.json(&["dashboard", "--today", TODAY, "--framework", "soc2", "--attention", "--sort", "name"]);
    assert!(both.as_array().unwrap().iter().all(|r| r["needs_attention"] == true));
    let text = env.text(&["dashboard", "--today", TODAY, "--search", "no such client"]);
    assert!(text.contains("No active client matches"), "{text}");

    assert_eq!(field_names(&env.fails(&["dashboard", "--framework", "iso9001"], 2)), ["framework"]);
    assert_eq!(field_names(&env.fails(&["dashboard", "--framework", "x_custom"], 2)), ["framework"]);
    assert_eq!(env.run(&["dashboard", "--sort", "size"]).status.code(), Some(2));
}

#[test]
fn assess_set_and_show() {
    let env = Env::demo();
    let saved = env.json(&[
        "assess",
        "set",
        KESTREL,
        "cw-acc-04",
        "partially_implemented",
        "--owner",
        "Helen Shaw",
        "--due",
        "2027-03-01",
        "--evidence",
        "Access review Q4.xlsx",
        "--evidence",
        "Ticket 42",
        "--note",
        "Half the systems done.",
    ]);
    assert_eq!(saved["control_id"], "CW-ACC-04");
    assert_eq!(saved["evidence"], serde_json::json!(["Access review Q4.xlsx", "Ticket 42"]));
    // Fields not given keep what is recorded.
    let again = env.json(&["assess", "set", KESTREL, "CW-ACC-04", "implemented"]);
    assert_eq!((again["status"].as_str(), again["owner"].as_str()), (Some("implemented"), Some("Helen Shaw")));
    assert_eq!(again["due"], "2027-03-01");
    let cleared = env.json(&["assess", "set", KESTREL, "CW-ACC-04", "implemented", "--due", ""]);
    assert!(cleared["due"].is_null());

    let view = env.json(&["assess", "show", KESTREL, "--today", TODAY]);
    let row = view["rows"].as_array().unwrap().iter().find(|r| r["control_id"] == "CW-ACC-04").unwrap();
    assert_eq!(row["status"], "implemented");
    assert_eq!(row["frameworks"], serde_json::json!(["iso27001"]));
    assert_eq!(view["scope"]["chosen"], true);

    let err = env.fails(&["assess", "set", KESTREL, "CW-ACC-05", "not_applicable"], 2);
    assert_eq!(field_names(&err), ["justification"]);
    let err = env.fails(&["assess", "set", KESTREL, "CW-NOPE-01", "done", "--due", "2027-02-30"], 2);
    assert_eq!(field_names(&err), ["control_id", "status", "due"]);
    assert_eq!(env.fails(&["assess", "set", "ffffffff", "CW-ACC-05", "implemented"], 3)["code"], "not_found");
    let after = env.json(&["assess", "show", KESTREL, "--today", TODAY]);
    assert_eq!(after["rows"], view["rows"], "nothing was written by the failed commands");
}

#[test]
fn export_edit_import_round_trip_in_csv_and_xlsx() {
    let env = Env::demo();
    for name in ["kestrel.csv", "kestrel.xlsx"] {
        let file = env.file(name);
        let written = env.json(&["assess", "export", KESTREL, "--out", path(&file), "--today", TODAY]);
        assert_eq!(written["written"], path(&file));
        let first = std::fs::read(&file).unwrap();
        let before = env.json(&["assess", "show", KESTREL, "--today", TODAY]);
        let outcome = env.json(&["assess", "import", KESTREL, path(&file), "--today", TODAY]);
        assert_eq!(outcome["rows"].as_u64().unwrap() as usize, before["rows"].as_array().unwrap().len());
        assert_eq!(outcome["cleared"], 0);
        let after = env.json(&["assess", "show", KESTREL, "--today", TODAY]);
        let strip = |v: &Value| -> Vec<Value> {
            v["rows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    let mut r = r.clone();
                    r["updated_at"] = Value::Null;
                    r
                })
                .collect()
        };
        assert_eq!(strip(&after), strip(&before), "{name}: identical after the round trip");
        env.json(&["assess", "export", KESTREL, "--out", path(&file), "--today", TODAY]);
        assert_eq!(std::fs::read(&file).unwrap(), first, "{name}: the same file again");
    }
    // Standard output carries the CSV when no file is named.
    let csv = env.text(&["assess", "export", KESTREL, "--format", "csv", "--today", TODAY]);
    assert!(csv.starts_with("control_id,title,domain,effort,frameworks,status,"));

    // An edit in the spreadsheet lands.
    let edited = csv
        .lines()
        .map(|line| {
            if line.starts_with("CW-GOV-18,") {
                let mut cells: Vec<&str> = line.split(',').collect();
                cells[5] = "implemented";
                cells.join(",")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let file = env.file("edited.csv");
    std::fs::write(&file, edited).unwrap();
    env.json(&["assess", "import", KESTREL, path(&file)]);
    let view = env.json(&["assess", "show", KESTREL, "--today", TODAY]);
    let row = view["rows"].as_array().unwrap().iter().find(|r| r["control_id"] == "CW-GOV-18").unwrap();
    assert_eq!(row["status"], "implemented");
}

#[test]
fn import_rejects_bad_rows_by_row_number_and_writes_nothing() {
    let env = Env::demo();
    let before = env.json(&["assess", "show", HARBOR, "--today", TODAY]);
    let file = env.file("bad.csv");
    std::fs::write(
        &file,
        "control_id,status,due,justification\n\
         CW-ACC-01,implemented,,\n\
         CW-ACC-99,implemented,,\n\
         CW-ACC-02,finished,,\n\
         CW-ACC-03,not_implemented,31.12.2026,\n\
         CW-PHY-01,not_applicable,,\n",
    )
    .unwrap();
    let err = env.fails(&["assess", "import", HARBOR, path(&file)], 2);
    assert_eq!(err["code"], "invalid");
    assert_eq!(field_names(&err), ["row 3, control_id", "row 4, status", "row 5, due", "row 6, justification"]);
    let text = String::from_utf8(env.run(&["assess", "import", HARBOR, path(&file)]).stderr).unwrap();
    assert!(text.contains("row 3, control_id: unknown control `CW-ACC-99`"), "{text}");
    assert_eq!(env.json(&["assess", "show", HARBOR, "--today", TODAY]), before, "nothing was written");

    let other = env.file("assessment.txt");
    std::fs::write(&other, "control_id,status\n").unwrap();
    assert!(env.fails(&["assess", "import", HARBOR, path(&other)], 2)["message"]
        .as_str()
        .unwrap()
        .contains(".csv or .xlsx"));
    let broken = env.file("broken.xlsx");
    std::fs::write(&broken, b"not a workbook").unwrap();
    assert!(env.fails(&["assess", "import", HARBOR, path(&broken)], 2)["message"].as_str().unwrap().contains("XLSX"));
}

#[test]
fn dated_assessments_and_history() {
    let env = Env::demo();
    let history = env.json(&["assess", "history", NORDLICHT, "--today", TODAY]);
    let dates: Vec<&str> = history.as_array().unwrap().iter().map(|h| h["date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2026-05-20", "2026-11-18"]);

    let started = env.json(&["assess", "new", NORDLICHT, "--date", "2026-11-28", "--from-previous", "--today", TODAY]);
    assert_eq!((started["date"].as_str(), started["current"].as_bool()), (Some("2026-11-28"), Some(true)));
    assert!(started["recorded"].as_u64().unwrap() > 100, "a copy of the previous assessment");
    env.json(&["assess", "set", NORDLICHT, "CW-AII-02", "implemented", "--today", TODAY]);
    let history = env.json(&["assess", "history", NORDLICHT, "--today", TODAY]);
    assert_eq!(history.as_array().unwrap().len(), 3);
    let text = env.text(&["assess", "history", NORDLICHT, "--today", TODAY]);
    assert!(text.lines().next().unwrap().starts_with("DATE"), "{text}");

    assert_eq!(
        field_names(&env.fails(&["assess", "new", NORDLICHT, "--date", "2026-11-28", "--today", TODAY], 2)),
        ["date"]
    );
    assert_eq!(
        field_names(&env.fails(&["assess", "new", NORDLICHT, "--date", "2027-01-01", "--today", TODAY], 2)),
        ["date"]
    );
}

#[test]
fn statement_of_applicability() {
    let env = Env::demo();
    let soa = env.json(&["soa", KESTREL, "--framework", "iso27001", "--today", TODAY]);
    let rows = soa["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 93);
    assert!(rows.iter().any(|r| r["applicable"] == false && !r["justification"]["en"].as_str().unwrap().is_empty()));
    let file = env.file("soa.xlsx");
    env.json(&["soa", KESTREL, "--framework", "iso27001", "--out", path(&file), "--lang", "de"]);
    assert!(std::fs::read(&file).unwrap().starts_with(b"PK"), "an XLSX file (a zip)");
    let csv = env.text(&["soa", KESTREL, "--framework", "iso42001", "--format", "csv"]);
    assert!(csv.starts_with("control,theme,title,applicable,justification,implementation status,implemented by"));
    assert_eq!(csv.lines().filter(|l| l.starts_with("A.")).count(), 38, "every ISO/IEC 42001 Annex A control");
    let text = env.text(&["soa", KESTREL, "--framework", "iso42001"]);
    assert!(text.contains("not in the client's scope"), "{text}");
    assert_eq!(env.run(&["soa", KESTREL, "--framework", "soc2"]).status.code(), Some(2), "clap refuses it");
}

#[test]
fn scope_show_set_and_default() {
    let env = Env::demo();
    let scope = env.json(&["scope", "show", HARBOR, "--today", TODAY]);
    assert_eq!(scope["chosen"], false);
    assert_eq!(scope["frameworks"], serde_json::json!(["soc2"]));
    let set = env.json(&[
        "scope",
        "set",
        HARBOR,
        "--framework",
        "soc2",
        "--framework",
        "iso27001",
        "--soc2-category",
        "privacy",
    ]);
    assert_eq!(set["chosen"], true);
    assert_eq!(set["frameworks"], serde_json::json!(["iso27001", "soc2"]));
    assert_eq!(set["soc2_categories"], serde_json::json!(["security", "privacy"]));
    let view = env.json(&["assess", "show", HARBOR, "--today", TODAY]);
    assert!(view["rows"].as_array().unwrap().iter().any(|r| r["frameworks"] == serde_json::json!(["iso27001"])));
    let err = env.fails(&["scope", "set", HARBOR, "--framework", "iso9001"], 2);
    assert_eq!(field_names(&err), ["frameworks[0]"]);
    let back = env.json(&["scope", "set", HARBOR, "--default", "--today", TODAY]);
    assert_eq!(back, scope);
    let text = env.text(&["scope", "show", KESTREL]);
    assert!(text.contains("chosen by the consultant") && text.contains("Art.4"), "{text}");
}

#[test]
fn assess_export_writes_oscal_assessment_results_and_poam() {
    let env = Env::demo();
    let ar = env.file("nordlicht-ar.json");
    let written =
        env.json(&["assess", "export", NORDLICHT, "--format", "oscal-ar", "--out", path(&ar), "--today", TODAY]);
    assert_eq!(written["written"], path(&ar));
    let doc: Value = serde_json::from_slice(&std::fs::read(&ar).unwrap()).unwrap();
    assert_eq!(doc["assessment-results"]["metadata"]["oscal-version"], "1.2.1");
    assert_eq!(doc["assessment-results"]["metadata"]["last-modified"], format!("{TODAY}T00:00:00Z"));
    assert!(!doc["assessment-results"]["results"][0]["findings"].as_array().unwrap().is_empty());

    // The POA&M to standard output, in German; the same twice.
    let poam = env.text(&["assess", "export", NORDLICHT, "--format", "oscal-poam", "--lang", "de", "--today", TODAY]);
    assert_eq!(
        poam,
        env.text(&["assess", "export", NORDLICHT, "--format", "oscal-poam", "--lang", "de", "--today", TODAY])
    );
    let doc: Value = serde_json::from_str(&poam).unwrap();
    let root = &doc["plan-of-action-and-milestones"];
    assert!(root["metadata"]["title"].as_str().unwrap().starts_with("Maßnahmenplan"));
    assert!(!root["poam-items"].as_array().unwrap().is_empty());

    // OSCAL is an assessment export only: the Statement of Applicability refuses it.
    let file = env.file("soa.json");
    env.fails(&["soa", NORDLICHT, "--framework", "iso27001", "--format", "oscal-ar", "--out", path(&file)], 2);
    assert!(!file.exists());
}

#[test]
fn scope_subservice_carves_criteria_out_and_back() {
    let env = Env::demo();
    let before = env.json(&["analyze", HARBOR, "--today", TODAY]);
    let set = env.json(&[
        "scope",
        "subservice",
        HARBOR,
        "--name",
        "Cloud Host",
        "--method",
        "carve-out",
        "--criterion",
        "cc6.4",
        "--services",
        "hosting",
        "--today",
        TODAY,
    ]);
    assert_eq!(set["carved_out"], serde_json::json!(["CC6.4"]));
    assert_eq!(set["subservice_organisations"][0]["method"], "carve_out");
    assert_eq!(set["subservice_organisations"][0]["criteria"], serde_json::json!(["CC6.4"]));
    let after = env.json(&["analyze", HARBOR, "--today", TODAY]);
    let requirements = |a: &Value| a["frameworks"][0]["readiness"]["requirements"].as_u64().unwrap();
    assert_eq!(requirements(&after), requirements(&before) - 1, "CC6.4 left the SOC 2 scope");
    let text = env.text(&["scope", "show", HARBOR, "--today", TODAY]);
    assert!(
        text.contains("1 carved out: CC6.4") && text.contains("Cloud Host (carved out): CC6.4 - hosting"),
        "{text}"
    );
    let err =
        env.fails(&["scope", "subservice", HARBOR, "--name", "X", "--method", "carve-out", "--criterion", "CC9.2"], 2);
    assert_eq!(field_names(&err), ["criteria[0]"]);
    let back = env.json(&["scope", "subservice", HARBOR, "--name", "cloud host", "--remove", "--today", TODAY]);
    assert_eq!(back["carved_out"], serde_json::json!([]));
    // A management-system control cannot be recorded as not applicable.
    let err = env.fails(&["assess", "set", HARBOR, "CW-GOV-05", "not_applicable", "--justification", "no"], 2);
    assert_eq!(field_names(&err), ["status"]);
}
