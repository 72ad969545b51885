//! `requests generate|list|export|import|set|remove` against a temporary database with the demo
//! portfolio (Harbor Ledger carries no demo requests): the XLSX request round trip through the
//! command line, exit codes and JSON shapes.

use crosswalk_core::assessment::sheet::{read_workbook, write_workbook};
use crosswalk_core::domain::Date;
use crosswalk_core::requests::REQUEST_COLUMNS;
use serde_json::Value;

use super::support::{field_names, path, Env};

const TODAY: &str = "2026-11-29";
const HARBOR: &str = "bdd640fb-0667-4ad1-9c80-317fa3b1799d";
const NORDLICHT: &str = "972a8469-1641-4f82-8b9d-2434e465e150";

fn requests(env: &Env, client: &str) -> Vec<Value> {
    env.json(&["requests", "list", client, "--today", TODAY])["requests"].as_array().unwrap().clone()
}

fn column(name: &str) -> usize {
    REQUEST_COLUMNS.iter().position(|c| *c == name).unwrap()
}

/// The exported workbook with `edit` applied to each sheet's rows (header first).
fn edited(bytes: &[u8], edit: impl Fn(&str, &mut Vec<Vec<String>>)) -> Vec<u8> {
    let sheets: Vec<(String, Vec<Vec<String>>)> = read_workbook(bytes)
        .unwrap()
        .into_iter()
        .map(|(name, rows)| {
            let mut rows: Vec<Vec<String>> = rows
                .into_iter()
                .map(|(_, mut cells)| {
                    cells.resize(REQUEST_COLUMNS.len(), String::new());
                    cells
                })
                .collect();
            edit(&name, &mut rows);
            (name, rows)
        })
        .collect();
    let named: Vec<(&str, &[Vec<String>])> = sheets.iter().map(|(n, r)| (n.as_str(), r.as_slice())).collect();
    write_workbook(&named, "returned", Date::new(2026, 11, 29).unwrap()).unwrap()
}

#[test]
fn generate_list_set_and_remove() {
    let env = Env::demo();
    let done = env.json(&["requests", "generate", &HARBOR[..8], "--due", "2027-01-31", "--today", TODAY]);
    for key in ["assessment_date", "created", "skipped"] {
        assert!(done.get(key).is_some(), "{key} in {done}");
    }
    let created = done["created"].as_array().unwrap();
    assert!(!created.is_empty(), "Harbor Ledger has gaps");
    let first = &created[0];
    for key in [
        "id",
        "control_id",
        "control_title",
        "requirements",
        "what",
        "lang",
        "owner",
        "due",
        "status",
        "response_note",
        "overdue",
        "created_at",
        "updated_at",
    ] {
        assert!(first.get(key).is_some(), "{key} in {first}");
    }
    assert_eq!(first["status"], "open");
    assert_eq!(first["lang"], "en");
    assert!(first["control_title"]["de"].is_string());
    assert!(first["requirements"][0]["framework"].is_string());
    assert!(first["requirements"][0]["requirement_ids"][0].is_string());

    // Idempotent: nothing new the second time.
    let again = env.json(&["requests", "generate", HARBOR, "--today", TODAY]);
    assert_eq!(again["created"].as_array().unwrap().len(), 0);
    assert_eq!(again["skipped"].as_array().unwrap().len(), created.len());
    assert_eq!(requests(&env, HARBOR).len(), created.len());

    let id = first["id"].as_i64().unwrap().to_string();
    let set = env.json(&[
        "requests",
        "set",
        HARBOR,
        &id,
        "--status",
        "provided",
        "--note",
        "sent on Friday",
        "--owner",
        "Finance",
        "--today",
        TODAY,
    ]);
    assert_eq!((set["status"].as_str(), set["owner"].as_str()), (Some("provided"), Some("Finance")));
    assert_eq!(set["response_note"], "sent on Friday");
    let text = env.text(&["requests", "list", HARBOR, "--today", TODAY]);
    assert!(text.starts_with("ID") && text.contains("Finance") && text.contains("provided"), "{text}");

    // Bad input: exit 2, fields named, nothing written.
    let before = requests(&env, HARBOR);
    let err = env.fails(&["requests", "set", HARBOR, &id, "--status", "done", "--due", "soon"], 2);
    assert_eq!(field_names(&err), ["status", "due"]);
    let err = env.fails(&["requests", "generate", HARBOR, "--due", "2027-02-30"], 2);
    assert_eq!(field_names(&err), ["due"]);
    // Another client's request is not this client's: exit 3.
    env.fails(&["requests", "set", NORDLICHT, &id, "--status", "accepted"], 3);
    env.fails(&["requests", "remove", NORDLICHT, &id], 3);
    assert_eq!(requests(&env, HARBOR), before);

    let removed = env.json(&["requests", "remove", HARBOR, &id, "--today", TODAY]);
    assert_eq!(removed["id"].as_i64().unwrap().to_string(), id);
    assert_eq!(requests(&env, HARBOR).len(), created.len() - 1);
    // The audit trail records requests under `evidence`, with the request's number.
    let trail = env.json(&["audit", HARBOR]);
    let last = &trail["entries"][0];
    assert_eq!((last["entity"].as_str(), last["action"].as_str()), (Some("evidence"), Some("delete")));
    assert_eq!(last["old_value"]["request"].as_i64().unwrap().to_string(), id);
}

#[test]
fn the_xlsx_request_round_trip() {
    let env = Env::demo();
    env.json(&["requests", "generate", HARBOR, "--due", "2027-01-31", "--today", TODAY]);
    let all = requests(&env, HARBOR);
    let (a, b) = (all[0]["id"].as_i64().unwrap().to_string(), all[1]["id"].as_i64().unwrap().to_string());
    env.json(&["requests", "set", HARBOR, &a, "--owner", "IT: Ops/Sec", "--today", TODAY]);
    let out = env.file("requests.xlsx");
    let written = env.json(&["requests", "export", HARBOR, "--out", path(&out), "--today", TODAY]);
    assert_eq!(written["written"], path(&out));
    assert_eq!(written["requests"], all.len());
    let bytes = std::fs::read(&out).unwrap();
    let sheets: Vec<String> = read_workbook(&bytes).unwrap().into_iter().map(|(n, _)| n).collect();
    assert!(sheets.contains(&"IT- Ops-Sec".to_owned()), "a valid sheet name for the owner: {sheets:?}");
    assert_eq!(sheets.last().map(String::as_str), Some("Unassigned"), "{sheets:?}");
    let owners: std::collections::BTreeSet<String> = requests(&env, HARBOR)
        .iter()
        .map(|r| r["owner"].as_str().unwrap().to_owned())
        .filter(|o| !o.is_empty())
        .collect();
    assert_eq!(sheets.len(), owners.len() + 1, "one sheet per owner, and one for the unassigned: {sheets:?}");

    // Unchanged: a no-op.
    let before = requests(&env, HARBOR);
    let outcome = env.json(&["requests", "import", HARBOR, path(&out)]);
    assert_eq!(outcome["changes"].as_array().unwrap().len(), 0);
    assert_eq!(outcome["unchanged"], all.len());
    assert_eq!(outcome["applied"], true);
    assert_eq!(requests(&env, HARBOR), before);

    // Edited statuses land (a dry run first writes nothing).
    let returned = env.file("returned.xlsx");
    std::fs::write(
        &returned,
        edited(&bytes, |_, rows| {
            for row in rows.iter_mut().skip(1) {
                if row[column("request_id")] == a {
                    row[column("status")] = "accepted".into();
                } else if row[column("request_id")] == b {
                    row[column("status")] = "provided".into();
                    row[column("response_note")] = "=see the share".into();
                }
            }
        }),
    )
    .unwrap();
    let dry = env.json(&["requests", "import", HARBOR, path(&returned), "--dry-run"]);
    assert_eq!((dry["changes"].as_array().unwrap().len(), dry["applied"].as_bool()), (2, Some(false)));
    assert_eq!(requests(&env, HARBOR), before);
    let text = env.text(&["requests", "import", HARBOR, path(&returned)]);
    assert!(text.starts_with("Changed 2 requests;"), "{text}");
    let after = requests(&env, HARBOR);
    let find = |id: &str| after.iter().find(|r| r["id"].as_i64().unwrap().to_string() == id).unwrap().clone();
    assert_eq!(find(&a)["status"], "accepted");
    assert_eq!(
        (find(&b)["status"].as_str(), find(&b)["response_note"].as_str()),
        (Some("provided"), Some("=see the share"))
    );

    // Damage: refused whole with sheet and row, exit 2, the database unchanged.
    let damaged = env.file("damaged.xlsx");
    std::fs::write(
        &damaged,
        edited(&bytes, |sheet, rows| {
            if sheet == "Unassigned" {
                rows[1][column("status")] = "finished".into();
                rows[1][column("due")] = "2027-13-01".into();
            }
        }),
    )
    .unwrap();
    let before = requests(&env, HARBOR);
    let err = env.fails(&["requests", "import", HARBOR, path(&damaged)], 2);
    assert_eq!(err["code"], "invalid");
    assert_eq!(field_names(&err), ["sheet Unassigned, row 2, status", "sheet Unassigned, row 2, due"]);
    // Another client's file: its requests are not this client's.
    let err = env.fails(&["requests", "import", NORDLICHT, path(&returned)], 2);
    assert!(err["fields"][0]["message"].as_str().unwrap().contains("belongs to another client"), "{err}");
    assert_eq!(requests(&env, HARBOR), before);
    // Not a workbook; a file of another kind.
    let junk = env.file("junk.xlsx");
    std::fs::write(&junk, b"PK\x03\x04 not a workbook").unwrap();
    env.fails(&["requests", "import", HARBOR, path(&junk)], 2);
    env.fails(&["requests", "export", HARBOR, "--out", path(&env.file("r.pdf"))], 2);
    assert_eq!(requests(&env, HARBOR), before);

    // CSV too.
    let csv = env.file("requests.csv");
    env.json(&["requests", "export", HARBOR, "--out", path(&csv), "--today", TODAY]);
    let outcome = env.json(&["requests", "import", HARBOR, path(&csv)]);
    assert_eq!(outcome["changes"].as_array().unwrap().len(), 0);
}
