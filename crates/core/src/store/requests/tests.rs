//! Evidence requests over an in-memory database with the shipped catalogue.

use super::*;
use crate::assessment::{ControlEntry, ScopeInput};
use crate::domain::{ClientProfile, Market, Offering, Sector};
use crate::requests::ImportRun;
use crate::requests::{RequestEdit, REQUEST_COLUMNS};
use crate::store::Store;

fn day(text: &str) -> Date {
    text.parse().unwrap()
}

fn today() -> Date {
    day("2026-12-01")
}

fn client(store: &mut Store, name: &str) -> ClientId {
    let mut p = ClientProfile::minimal(name, Sector::Software, 40, "DE");
    p.markets = vec![Market::Eu];
    p.offerings = vec![Offering::ServiceProcessingCustomerData];
    let id = store.clients().create(&p.validate().unwrap()).unwrap().id;
    store
        .scopes()
        .set(
            id,
            &ScopeInput {
                frameworks: vec!["iso27001".into(), "soc2".into()],
                soc2_categories: vec!["security".into()],
            },
            today(),
        )
        .unwrap();
    id
}

fn record(store: &mut Store, id: ClientId, control: &str, status: &str, owner: &str, due: &str) {
    let entry = ControlEntry {
        control_id: control.into(),
        status: status.into(),
        owner: owner.into(),
        due: due.into(),
        ..Default::default()
    };
    store.assessments().save(id, &entry, today()).unwrap();
}

/// A client with three gaps (two owners and one unassigned), one implemented control without
/// evidence, and one gap outside the scope.
fn gaps(store: &mut Store, name: &str) -> ClientId {
    let id = client(store, name);
    record(store, id, "CW-ACC-01", "not_implemented", "IT Ops", "2027-01-31");
    record(store, id, "CW-ACC-02", "partially_implemented", "", "");
    record(store, id, "CW-ACC-03", "implemented", "", "");
    record(store, id, "CW-ACC-04", "not_implemented", "HR: People/Culture", "");
    record(store, id, "CW-AIG-01", "not_implemented", "AI lead", "");
    id
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Every request row and the audit trail's length: a refused write changes neither.
fn footprint(store: &Store) -> (Vec<String>, i64) {
    let mut stmt = store
        .conn()
        .prepare("SELECT json_array(id, client_id, control_id, what, owner, due, status, response_note, updated_at) FROM evidence_requests ORDER BY id")
        .unwrap();
    let rows = stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<Vec<String>>>().unwrap();
    (rows, count(store, "SELECT count(*) FROM audit_log"))
}

fn fields(err: Error) -> Vec<String> {
    err.report().fields.into_iter().map(|f| format!("{}: {}", f.field, f.message)).collect()
}

fn generate(store: &mut Store, id: ClientId, without_evidence: bool) -> GeneratedRequests {
    let options = GenerateRequests { due: Some(day("2027-03-31")), lang: Lang::En, without_evidence, only: Vec::new() };
    store.requests().generate(id, &options, today()).unwrap()
}

#[test]
fn generation_follows_the_gap_list_and_is_idempotent() {
    let mut store = Store::open_in_memory().unwrap();
    let id = gaps(&mut store, "Gaps GmbH");
    let first = generate(&mut store, id, false);
    assert_eq!(first.assessment_date, Some(today()));
    let controls: Vec<&str> = first.created.iter().map(|r| r.control_id.as_str()).collect();
    assert_eq!(controls, ["CW-ACC-01", "CW-ACC-02", "CW-ACC-04"], "gaps in scope only; not the AI control");
    let acc01 = &first.created[0];
    assert_eq!(acc01.what, "access control policy, role and permission model, system access matrices");
    assert_eq!((acc01.owner.as_str(), acc01.due), ("IT Ops", Some(day("2027-01-31"))), "the entry's owner and due");
    assert_eq!(acc01.status, RequestStatus::Open);
    assert_eq!(acc01.control_title.en, "Access control policy");
    let reqs: Vec<(String, Vec<String>)> =
        acc01.requirements.iter().map(|r| (r.framework.clone(), r.requirement_ids.clone())).collect();
    assert_eq!(reqs[0], ("iso27001".to_owned(), vec!["A.5.15".to_owned()]));
    assert_eq!(reqs[1].0, "soc2");
    assert!(reqs[1].1.contains(&"CC6.1".to_owned()), "{reqs:?}");
    let acc02 = &first.created[1];
    assert_eq!((acc02.owner.as_str(), acc02.due), ("", Some(day("2027-03-31"))), "unassigned, the default due");

    // Twice: nothing new, every gap skipped.
    let before = footprint(&store);
    let again = generate(&mut store, id, false);
    assert!(again.created.is_empty());
    assert_eq!(again.skipped, ["CW-ACC-01", "CW-ACC-02", "CW-ACC-04"]);
    assert_eq!(footprint(&store), before);

    // With the implemented controls that have no evidence file; German text.
    let options =
        GenerateRequests { due: None, lang: Lang::De, without_evidence: true, only: vec!["cw-acc-03".into()] };
    let more = store.requests().generate(id, &options, today()).unwrap();
    let controls: Vec<&str> = more.created.iter().map(|r| r.control_id.as_str()).collect();
    assert_eq!(controls, ["CW-ACC-03"]);
    assert_eq!(more.created[0].lang, Lang::De);
    let catalogue_de: String = store
        .conn()
        .query_row("SELECT evidence_de FROM all_controls WHERE id = 'CW-ACC-03'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(more.created[0].what, catalogue_de);
    assert_eq!(more.created[0].due, None);

    // An accepted request is closed: the gap is asked for again.
    let edit = RequestEdit { status: Some("accepted".into()), ..Default::default() };
    store.requests().set(id, acc01.id, &edit, today()).unwrap();
    let third = generate(&mut store, id, false);
    assert_eq!(third.created.iter().map(|r| r.control_id.as_str()).collect::<Vec<_>>(), ["CW-ACC-01"]);

    // An unknown control among those asked for: refused, nothing written.
    let before = footprint(&store);
    let typo = GenerateRequests { only: vec!["CW-ACC-01".into(), "CW-NOPE-1".into()], ..Default::default() };
    let err = store.requests().generate(id, &typo, today()).unwrap_err();
    assert_eq!(fields(err), ["control: unknown control `CW-NOPE-1`"]);
    assert_eq!(footprint(&store), before);

    // A client without an assessment gets nothing.
    let fresh = client(&mut store, "Fresh AG");
    let none = generate(&mut store, fresh, true);
    assert_eq!((none.assessment_date, none.created.len()), (None, 0));
}

#[test]
fn requests_are_edited_checked_and_removed() {
    let mut store = Store::open_in_memory().unwrap();
    let id = gaps(&mut store, "Edit GmbH");
    let other = gaps(&mut store, "Other GmbH");
    let created = generate(&mut store, id, false).created;
    let theirs = generate(&mut store, other, false).created;
    let r = &created[1];
    let edit = RequestEdit {
        status: Some("Geliefert".into()),
        response_note: Some("sent by mail\r\non Monday".into()),
        owner: Some(" Bea ".into()),
        due: Some("2027-02-15".into()),
        what: None,
    };
    let after = store.requests().set(id, r.id, &edit, today()).unwrap();
    assert_eq!(after.status, RequestStatus::Provided);
    assert_eq!((after.owner.as_str(), after.response_note.as_str()), ("Bea", "sent by mail\non Monday"));
    assert_eq!(after.due, Some(day("2027-02-15")));
    assert_eq!(after.what, r.what, "a field not given is kept");

    let trail = store.audit().log(id, 10, 0).unwrap();
    let last = &trail.entries[0];
    assert_eq!((last.entity.as_str(), last.key.as_str()), ("evidence", r.control_id.as_str()));
    assert_eq!(last.new_value.as_ref().unwrap()["request"], r.id);
    assert_eq!(last.old_value.as_ref().unwrap()["status"], "open");

    // Bad input changes nothing.
    let before = footprint(&store);
    let bad = RequestEdit { status: Some("done".into()), due: Some("tomorrow".into()), ..Default::default() };
    let err = store.requests().set(id, r.id, &bad, today()).unwrap_err();
    assert_eq!(err.code(), crate::ErrorCode::Invalid);
    assert_eq!(fields(err).len(), 2);
    let err = store.requests().set(id, theirs[0].id, &RequestEdit::default(), today()).unwrap_err();
    assert_eq!(err.code(), crate::ErrorCode::NotFound, "another client's request is not found");
    assert!(store.requests().remove(id, theirs[0].id, today()).is_err());
    assert_eq!(footprint(&store), before);

    // Overdue: awaiting the client past its due date.
    let late = store.requests().list(id, day("2027-02-01")).unwrap();
    let overdue: Vec<&str> = late.iter().filter(|r| r.overdue).map(|r| r.control_id.as_str()).collect();
    assert_eq!(overdue, ["CW-ACC-01"], "provided is not overdue; no due date is never overdue");

    let removed = store.requests().remove(id, r.id, today()).unwrap();
    assert_eq!(removed.id, r.id);
    assert_eq!(store.requests().list(id, today()).unwrap().len(), created.len() - 1);
    let trail = store.audit().log(id, 1, 0).unwrap();
    assert_eq!(trail.entries[0].action, crate::store::AuditAction::Delete);

    // Deleting the client takes its requests.
    store.clients().delete(other).unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM evidence_requests WHERE client_id <> (SELECT id FROM clients)"), 0);
}

/// A returned workbook: the exported one with some cells replaced.
fn edited(bytes: &[u8], edit: impl Fn(&str, &mut Vec<Vec<String>>)) -> Vec<u8> {
    let book = crate::assessment::sheet::read_workbook(bytes).unwrap();
    let sheets: Vec<(String, Vec<Vec<String>>)> = book
        .into_iter()
        .map(|(name, rows)| {
            let mut rows: Vec<Vec<String>> = rows.into_iter().map(|(_, cells)| cells).collect();
            edit(&name, &mut rows);
            (name, rows)
        })
        .collect();
    let named: Vec<(&str, &[Vec<String>])> = sheets.iter().map(|(n, r)| (n.as_str(), r.as_slice())).collect();
    crate::assessment::sheet::write_workbook(&named, "returned", today()).unwrap()
}

fn column(name: &str) -> usize {
    REQUEST_COLUMNS.iter().position(|c| *c == name).unwrap()
}

#[test]
fn the_xlsx_request_round_trip() {
    let mut store = Store::open_in_memory().unwrap();
    let id = gaps(&mut store, "Round Trip GmbH");
    let other = gaps(&mut store, "Other GmbH");
    generate(&mut store, id, true);
    let theirs = generate(&mut store, other, false).created;
    // A note that looks like a formula survives the trip as text.
    let r1 = store.requests().list(id, today()).unwrap().into_iter().find(|r| r.control_id == "CW-ACC-04").unwrap();
    let note = RequestEdit { response_note: Some("=HYPERLINK(\"x\")".into()), ..Default::default() };
    store.requests().set(id, r1.id, &note, today()).unwrap();

    let bytes = store.requests().export(id, SheetFormat::Xlsx, Lang::En, today()).unwrap();
    let book = crate::assessment::sheet::read_workbook(&bytes).unwrap();
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["HR- People-Culture", "IT Ops", "Unassigned"], "one sheet per owner, unassigned last");

    // Unchanged: a no-op.
    let before = footprint(&store);
    let outcome = store.requests().import(id, &bytes, SheetFormat::Xlsx, ImportRun::Apply).unwrap();
    assert_eq!((outcome.changes.len(), outcome.unchanged, outcome.applied), (0, 4, true));
    assert_eq!(footprint(&store), before);

    // Edited statuses, an owner, a due date and a note land; read-only text edits are ignored.
    let returned = edited(&bytes, |sheet, rows| {
        for row in rows.iter_mut().skip(1) {
            row.resize(REQUEST_COLUMNS.len(), String::new());
            match (sheet, row[column("control_id")].as_str()) {
                ("IT Ops", "CW-ACC-01") => {
                    row[column("status")] = "provided".into();
                    row[column("response_note")] = "see the share".into();
                }
                ("Unassigned", "CW-ACC-02") => {
                    row[column("status")] = "Abgelehnt".into();
                    row[column("owner")] = "Bea".into();
                    row[column("due")] = "2027-04-30".into();
                    row[column("what_to_provide")] = "something else".into();
                    row[column("control_title")] = "renamed".into();
                }
                _ => {}
            }
        }
    });
    let dry = store.requests().import(id, &returned, SheetFormat::Xlsx, ImportRun::DryRun).unwrap();
    assert!(!dry.applied);
    assert_eq!(footprint(&store), before, "a dry run writes nothing");
    let outcome = store.requests().import(id, &returned, SheetFormat::Xlsx, ImportRun::Apply).unwrap();
    assert_eq!(outcome.changes, dry.changes);
    let changed: Vec<(String, Vec<String>)> = outcome
        .changes
        .iter()
        .map(|c| {
            (
                c.control_id.clone(),
                c.fields.iter().map(|f| format!("{}: {} -> {}", f.field, f.before, f.after)).collect(),
            )
        })
        .collect();
    assert_eq!(
        changed,
        [
            (
                "CW-ACC-01".to_owned(),
                vec!["status: open -> provided".to_owned(), "response_note:  -> see the share".to_owned()]
            ),
            (
                "CW-ACC-02".to_owned(),
                vec![
                    "status: open -> rejected".to_owned(),
                    "owner:  -> Bea".to_owned(),
                    "due: 2027-03-31 -> 2027-04-30".to_owned()
                ]
            ),
        ]
    );
    let list = store.requests().list(id, today()).unwrap();
    let acc02 = list.iter().find(|r| r.control_id == "CW-ACC-02").unwrap();
    assert_eq!((acc02.status, acc02.owner.as_str()), (RequestStatus::Rejected, "Bea"));
    assert_ne!(acc02.what, "something else", "what to provide is read-only in the sheet");
    let acc01 = list.iter().find(|r| r.control_id == "CW-ACC-01").unwrap();
    assert_eq!(acc01.response_note, "see the share");
    // Exported again and imported unchanged: still a no-op, the formula-like note intact.
    let again = store.requests().export(id, SheetFormat::Xlsx, Lang::De, today()).unwrap();
    let before = footprint(&store);
    let outcome = store.requests().import(id, &again, SheetFormat::Xlsx, ImportRun::Apply).unwrap();
    assert!(outcome.changes.is_empty(), "{:?}", outcome.changes);
    assert_eq!(footprint(&store), before);
    assert!(store.requests().list(id, today()).unwrap().iter().any(|r| r.response_note == "=HYPERLINK(\"x\")"));

    // Damage: every problem named by sheet and row, and the database unchanged.
    let damaged = edited(&again, |sheet, rows| {
        if sheet == "IT Ops" {
            rows[1][column("status")] = "done".into();
            rows[1][column("due")] = "31.04.2027".into();
            let mut copy = rows[1].clone();
            copy[column("status")] = "open".into();
            rows.push(copy);
        }
        if sheet == "Nicht zugewiesen" {
            rows[1][column("control_id")] = "CW-ACC-09".into();
            let mut stranger = rows[1].clone();
            stranger[column("request_id")] = theirs[0].id.to_string();
            stranger[column("control_id")] = theirs[0].control_id.clone();
            rows.push(stranger);
            let mut unknown = rows[1].clone();
            unknown[column("request_id")] = "9999".into();
            rows.push(unknown);
            let mut word = rows[1].clone();
            word[column("request_id")] = "first".into();
            rows.push(word);
        }
    });
    let err = store.requests().import(id, &damaged, SheetFormat::Xlsx, ImportRun::Apply).unwrap_err();
    assert_eq!(err.code(), crate::ErrorCode::Invalid);
    let problems = fields(err);
    let expect = [
        "sheet IT Ops, row 2, status: unknown status `done`",
        "sheet IT Ops, row 2, due: `31.04.2027` is not a date",
        "sheet IT Ops, row 3, request_id: request",
        "sheet Nicht zugewiesen, row 2, control_id: request",
        "sheet Nicht zugewiesen, row 3, request_id: request",
        "sheet Nicht zugewiesen, row 4, request_id: there is no request 9999",
        "sheet Nicht zugewiesen, row 5, request_id: `first` is not a request number",
    ];
    for words in expect {
        assert!(problems.iter().any(|p| p.starts_with(words)), "{words} missing in {problems:#?}");
    }
    assert!(problems.iter().any(|p| p.contains("listed twice")), "{problems:#?}");
    assert!(problems.iter().any(|p| p.contains("belongs to another client")), "{problems:#?}");
    assert!(problems.iter().any(|p| p.contains("read-only")), "{problems:#?}");
    assert_eq!(footprint(&store), before, "a refused file writes nothing");
    // A file that is not a workbook.
    assert!(store.requests().import(id, b"not a workbook", SheetFormat::Xlsx, ImportRun::Apply).is_err());
    assert_eq!(footprint(&store), before);
}

#[test]
fn csv_export_and_import_too() {
    let mut store = Store::open_in_memory().unwrap();
    let id = gaps(&mut store, "Csv GmbH");
    generate(&mut store, id, false);
    let bytes = store.requests().export(id, SheetFormat::Csv, Lang::En, today()).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.starts_with(&REQUEST_COLUMNS.join(",")), "{text}");
    let outcome = store.requests().import(id, &bytes, SheetFormat::Csv, ImportRun::Apply).unwrap();
    assert_eq!((outcome.changes.len(), outcome.unchanged), (0, 3));
    let changed = text.replacen(",open,", ",accepted,", 1);
    let outcome = store.requests().import(id, changed.as_bytes(), SheetFormat::Csv, ImportRun::Apply).unwrap();
    assert_eq!(outcome.changes.len(), 1);
    assert_eq!(outcome.changes[0].fields[0].after, "accepted");
}
