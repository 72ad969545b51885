//! Property tests of every importer: whatever the bytes, a clean result or a clean error, never a
//! panic, and a refused import writes nothing.
//!
//! CI runs 64 cases per property; `PROPTEST_CASES=10000 cargo test -p crosswalk-core --test props`
//! runs more (see SECURITY.md).

use crosswalk_core::assessment::sheet::parse_assessment;
use crosswalk_core::assessment::AssessmentStart;
use crosswalk_core::assessment::SheetFormat;
use crosswalk_core::catalog::{self, SHIPPED_FILES};
use crosswalk_core::domain::ClientProfile;
use crosswalk_core::package::{ImportMode, KdfParams};
use crosswalk_core::requests::ImportRun;
use crosswalk_core::secret::Secret;
use crosswalk_core::store::Store;
use crosswalk_core::Error;
use proptest::prelude::*;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// An edit of a text: cut it, insert bytes, overwrite a span, or drop a line.
#[derive(Debug, Clone)]
enum Edit {
    Truncate(usize),
    Insert(usize, String),
    Overwrite(usize, String),
    DropLine(usize),
    DuplicateLine(usize),
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<usize>().prop_map(Edit::Truncate),
        (any::<usize>(), "\\PC{0,12}").prop_map(|(at, s)| Edit::Insert(at, s)),
        (any::<usize>(), prop::sample::select(vec!["=", "\"", "[", "]", "\n", ",", "#", "{", "x = 1", "\u{0}", "é"]))
            .prop_map(|(at, s)| Edit::Overwrite(at, s.to_owned())),
        any::<usize>().prop_map(Edit::DropLine),
        any::<usize>().prop_map(Edit::DuplicateLine),
    ]
}

fn floor_char(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &str, edit: &Edit) -> String {
    match edit {
        Edit::Truncate(at) => text[..floor_char(text, *at)].to_owned(),
        Edit::Insert(at, s) => {
            let at = floor_char(text, *at);
            format!("{}{s}{}", &text[..at], &text[at..])
        }
        Edit::Overwrite(at, s) => {
            let at = floor_char(text, *at);
            let end = floor_char(text, (at + s.len()).min(text.len()));
            format!("{}{s}{}", &text[..at], &text[end.max(at)..])
        }
        Edit::DropLine(n) | Edit::DuplicateLine(n) => {
            let mut lines: Vec<&str> = text.lines().collect();
            if lines.is_empty() {
                return String::new();
            }
            let i = n % lines.len();
            if matches!(edit, Edit::DropLine(_)) {
                lines.remove(i);
            } else {
                lines.insert(i, lines[i]);
            }
            lines.join("\n")
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// The catalogue loader: a damaged file gives a list of problems or, if the edit happened to
    /// keep it valid, a catalogue; never a panic.
    #[test]
    fn catalogue_files_never_panic(file in 0..SHIPPED_FILES.len(), edits in prop::collection::vec(edit_strategy(), 1..4)) {
        let mut mutated = SHIPPED_FILES[file].1.to_owned();
        for edit in &edits {
            mutated = apply(&mutated, edit);
        }
        let files: Vec<(&str, &str)> = SHIPPED_FILES
            .iter()
            .enumerate()
            .map(|(i, (name, text))| (*name, if i == file { mutated.as_str() } else { *text }))
            .collect();
        match catalog::from_files(files.iter().copied()) {
            Ok(c) => prop_assert!(!c.frameworks.is_empty()),
            Err(errors) => prop_assert!(!errors.is_empty()),
        }
    }

    #[test]
    fn catalogue_garbage_never_panics(file in 0..SHIPPED_FILES.len(), garbage in "\\PC{0,400}") {
        let files: Vec<(&str, &str)> = SHIPPED_FILES
            .iter()
            .enumerate()
            .map(|(i, (name, text))| (*name, if i == file { garbage.as_str() } else { *text }))
            .collect();
        let _ = catalog::from_files(files.iter().copied());
    }

    /// Profile JSON: anything parses to a profile or to field errors; never a panic.
    #[test]
    fn profile_json_never_panics(text in "\\PC{0,300}") {
        if let Ok(profile) = ClientProfile::from_json(&text) {
            let _ = profile.validate();
        }
    }

    /// Damaged demo profiles: never a panic; whatever validates survives a round trip unchanged.
    #[test]
    fn profiles_round_trip(which in 0..8usize, edits in prop::collection::vec(edit_strategy(), 0..3)) {
        let demo = crosswalk_core::demo::demo_clients().unwrap();
        let original = serde_json::to_string(&demo[which % demo.len()].1).unwrap();
        let mut text = original.clone();
        for edit in &edits {
            text = apply(&text, edit);
        }
        if let Ok(valid) = ClientProfile::from_json(&text).and_then(ClientProfile::validate) {
            let again = serde_json::to_string(&valid).unwrap();
            let reparsed = ClientProfile::from_json(&again).unwrap().validate().unwrap();
            prop_assert_eq!(reparsed, valid);
        }
    }

    /// Assessment spreadsheets, CSV and XLSX: rows or an error, never a panic.
    #[test]
    fn assessment_sheets_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600), csv_text in "\\PC{0,300}") {
        let _ = parse_assessment(&bytes, SheetFormat::Csv);
        let _ = parse_assessment(&bytes, SheetFormat::Xlsx);
        let with_header = format!("control_id,status,notes\n{csv_text}");
        let _ = parse_assessment(with_header.as_bytes(), SheetFormat::Csv);
    }
}

/// A store with one client that has an assessment, and that client's package.
fn fixture(passphrase: Option<&Secret>) -> (Store, Vec<u8>) {
    let store = Store::open_in_memory().unwrap();
    let (id, profile) = crosswalk_core::demo::demo_clients().unwrap().remove(0);
    store.clients().create_with_id(id, &profile).unwrap();
    let today: crosswalk_core::domain::Date = "2026-11-29".parse().unwrap();
    store.assessments().start(id, today, AssessmentStart::Empty, today).unwrap();
    let entry = crosswalk_core::assessment::ControlEntry {
        control_id: "CW-AIG-01".into(),
        status: "implemented".into(),
        ..Default::default()
    };
    store.assessments().save(id, &entry, today).unwrap();
    let (bytes, _) =
        store.packages().export_with(id, passphrase, KdfParams { memory_kib: 64, passes: 1, lanes: 1 }).unwrap();
    (store, bytes)
}

fn fingerprint(store: &Store) -> String {
    // Every client with its full record and trail, as text.
    let mut out = String::new();
    for c in store
        .clients()
        .list(&crosswalk_core::store::ListQuery {
            filter: crosswalk_core::store::ClientFilter::All,
            ..Default::default()
        })
        .unwrap()
    {
        out.push_str(&format!("{:?}", store.clients().get(c.id).unwrap()));
        out.push_str(&format!("{:?}", store.assessments().list(c.id).unwrap()));
        out.push_str(&format!("{:?}", store.audit().log(c.id, 1000, 0).unwrap()));
    }
    out
}

thread_local! {
    /// A plain and an encrypted fixture, shared by the cases: a refused import must leave them
    /// as they were, so every case checks against the same fingerprint.
    static FIXTURES: std::cell::RefCell<Vec<(Store, Vec<u8>, String)>> = std::cell::RefCell::new(
        [None, Some(Secret::from("package passphrase"))]
            .iter()
            .map(|pass| {
                let (store, bytes) = fixture(pass.as_ref());
                let print = fingerprint(&store);
                (store, bytes, print)
            })
            .collect(),
    );
}

#[derive(Debug, Clone)]
enum Damage {
    Truncate(usize),
    Flip(usize, u8),
    Garbage(Vec<u8>),
    Splice(usize, Vec<u8>),
}

fn damage_strategy() -> impl Strategy<Value = Damage> {
    prop_oneof![
        any::<usize>().prop_map(Damage::Truncate),
        (any::<usize>(), 1..=255u8).prop_map(|(at, bits)| Damage::Flip(at, bits)),
        prop::collection::vec(any::<u8>(), 0..200).prop_map(Damage::Garbage),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..16)).prop_map(|(at, b)| Damage::Splice(at, b)),
    ]
}

fn damaged(bytes: &[u8], damage: &Damage) -> Vec<u8> {
    match damage {
        Damage::Truncate(at) => bytes[..at % bytes.len()].to_vec(),
        Damage::Flip(at, bits) => {
            let mut out = bytes.to_vec();
            out[at % bytes.len()] ^= bits;
            out
        }
        Damage::Garbage(g) => {
            // Garbage behind a valid magic, and garbage alone.
            let mut out = crosswalk_core::package::MAGIC.to_vec();
            out.extend_from_slice(g);
            if g.len() % 2 == 0 {
                out
            } else {
                g.clone()
            }
        }
        Damage::Splice(at, b) => {
            let mut out = bytes.to_vec();
            let at = at % out.len();
            out.splice(at..at, b.iter().copied());
            out
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// A damaged package, plain or encrypted: always a clean error, and nothing written.
    #[test]
    fn damaged_packages_write_nothing(damage in damage_strategy(), encrypt in any::<bool>(), mode in 0..3u8) {
        let pass = Secret::from("package passphrase");
        FIXTURES.with(|fixtures| {
            let (store, bytes, before) = &mut fixtures.borrow_mut()[usize::from(encrypt)];
            let bad = damaged(bytes, &damage);
            prop_assume!(&bad != bytes);
            let mode = [ImportMode::New, ImportMode::Replace, ImportMode::Skip][mode as usize];
            let result = store.packages().import(&bad, Some(&pass), mode);
            prop_assert!(
                matches!(result, Err(Error::BadPackage(_)) | Err(Error::WrongPassphrase { .. }) | Err(Error::Invalid(_))),
                "{:?}", result
            );
            prop_assert_eq!(&fingerprint(store), before);
            Ok(())
        })?;
    }
}

#[test]
fn an_intact_package_still_imports() {
    let (store, bytes) = fixture(None);
    let outcome = store.packages().import(&bytes, None, ImportMode::New).unwrap();
    assert_eq!(store.assessments().list(outcome.client_id).unwrap().len(), 1);
}

/// The media types `sniff` may answer.
const EVIDENCE_KINDS: &[&str] = &[
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/gif",
    "text/plain",
    "text/csv",
    "text/markdown",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
];

proptest! {
    #![proptest_config(config())]

    /// Evidence files: any bytes behind any known signature, under any name, give a known kind or
    /// a clean `invalid` error naming the file; a program is never accepted.
    #[test]
    fn evidence_sniffing_never_panics(
        magic in prop::sample::select(vec![
            &b""[..], b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF89a", b"PK\x03\x04", b"MZ", b"\x7fELF", b"#!",
        ]),
        rest in prop::collection::vec(any::<u8>(), 0..400),
        name in "[a-zA-Z0-9 ._-]{1,20}",
    ) {
        let mut bytes = magic.to_vec();
        bytes.extend_from_slice(&rest);
        match crosswalk_core::evidence::sniff(&name, &bytes) {
            Ok(kind) => {
                prop_assert!(EVIDENCE_KINDS.contains(&kind), "{}", kind);
                prop_assert!(!matches!(magic, b"MZ" | b"\x7fELF" | b"#!"), "a program was accepted as {}", kind);
            }
            Err(e) => {
                prop_assert_eq!(e.code(), crosswalk_core::ErrorCode::Invalid);
                prop_assert!(e.to_string().contains(&name));
            }
        }
    }
}

/// Evidence requests of one client (four of them, two owners and unassigned) and their exported
/// workbook.
struct RequestFixture {
    store: Store,
    client: crosswalk_core::domain::ClientId,
    bytes: Vec<u8>,
    original: Vec<RequestFields>,
}

/// What an import may change, per request.
type RequestFields = (i64, String, String, String, String);

fn request_fields(store: &Store, client: crosswalk_core::domain::ClientId) -> Vec<RequestFields> {
    store
        .requests()
        .list(client, "2026-11-29".parse().unwrap())
        .unwrap()
        .into_iter()
        .map(|r| {
            (
                r.id,
                r.status.as_str().to_owned(),
                r.owner,
                r.due.map(|d| d.to_string()).unwrap_or_default(),
                r.response_note,
            )
        })
        .collect()
}

fn request_fixture() -> RequestFixture {
    use crosswalk_core::assessment::{ControlEntry, Lang, ScopeInput};
    let today: crosswalk_core::domain::Date = "2026-11-29".parse().unwrap();
    let store = Store::open_in_memory().unwrap();
    let mut p = ClientProfile::minimal("Returned GmbH", crosswalk_core::domain::Sector::Software, 40, "DE");
    p.markets = vec![crosswalk_core::domain::Market::Eu];
    p.offerings = vec![crosswalk_core::domain::Offering::ServiceProcessingCustomerData];
    let client = store.clients().create(&p.validate().unwrap()).unwrap().id;
    let scope = ScopeInput { frameworks: vec!["iso27001".into()], soc2_categories: vec![] };
    store.scopes().set(client, &scope, today).unwrap();
    for (control, owner) in [("CW-ACC-01", "IT"), ("CW-ACC-02", "HR"), ("CW-ACC-03", ""), ("CW-ACC-04", "IT")] {
        let entry = ControlEntry {
            control_id: control.into(),
            status: "not_implemented".into(),
            owner: owner.into(),
            ..Default::default()
        };
        store.assessments().save(client, &entry, today).unwrap();
    }
    let options = crosswalk_core::requests::GenerateRequests { due: Some(today.plus_days(30)), ..Default::default() };
    assert_eq!(store.requests().generate(client, &options, today).unwrap().created.len(), 4);
    let bytes = store.requests().export(client, SheetFormat::Xlsx, Lang::En, today).unwrap();
    let original = request_fields(&store, client);
    RequestFixture { store, client, bytes, original }
}

thread_local! {
    static REQUESTS: std::cell::RefCell<RequestFixture> = std::cell::RefCell::new(request_fixture());
}

/// A change to a returned workbook: a data cell replaced, a row deleted, duplicated or moved to
/// another sheet.
#[derive(Debug, Clone)]
enum CellEdit {
    Set { sheet: usize, row: usize, column: usize, value: &'static str },
    Delete { sheet: usize, row: usize },
    Duplicate { sheet: usize, row: usize },
    Move { sheet: usize, row: usize, to: usize },
}

fn cell_edit_strategy() -> impl Strategy<Value = CellEdit> {
    let values = vec![
        "open",
        "provided",
        "accepted",
        "rejected",
        "Geliefert",
        "done",
        "",
        "  ",
        "2027-01-31",
        "2027-02-30",
        "31.01.2027",
        "=1+1",
        "x\ny",
        "9999",
        "1",
        "2",
        "CW-ACC-01",
        "cw-acc-02",
        "'quoted",
        " Bea ",
    ];
    prop_oneof![
        4 => (any::<usize>(), any::<usize>(), 0..9usize, prop::sample::select(values))
            .prop_map(|(sheet, row, column, value)| CellEdit::Set { sheet, row, column, value }),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(sheet, row)| CellEdit::Delete { sheet, row }),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(sheet, row)| CellEdit::Duplicate { sheet, row }),
        1 => (any::<usize>(), any::<usize>(), any::<usize>()).prop_map(|(sheet, row, to)| CellEdit::Move { sheet, row, to }),
    ]
}

/// The workbook's sheets with the edits applied to their data rows (the header stays).
fn edit_workbook(bytes: &[u8], edits: &[CellEdit]) -> Vec<(String, Vec<Vec<String>>)> {
    let mut sheets: Vec<(String, Vec<Vec<String>>)> = crosswalk_core::assessment::sheet::read_workbook(bytes)
        .unwrap()
        .into_iter()
        .map(|(name, rows)| {
            let rows = rows
                .into_iter()
                .map(|(_, mut cells)| {
                    cells.resize(9, String::new());
                    cells
                })
                .collect();
            (name, rows)
        })
        .collect();
    let n = sheets.len();
    for edit in edits {
        let (sheet, row) = match edit {
            CellEdit::Set { sheet, row, .. }
            | CellEdit::Delete { sheet, row }
            | CellEdit::Duplicate { sheet, row }
            | CellEdit::Move { sheet, row, .. } => (sheet % n, *row),
        };
        let rows = &mut sheets[sheet].1;
        if rows.len() < 2 {
            continue;
        }
        let row = 1 + row % (rows.len() - 1);
        match edit {
            CellEdit::Set { column, value, .. } => rows[row][*column] = (*value).to_owned(),
            CellEdit::Delete { .. } => {
                rows.remove(row);
            }
            CellEdit::Duplicate { .. } => {
                let copy = rows[row].clone();
                rows.push(copy);
            }
            CellEdit::Move { to, .. } => {
                let moved = rows.remove(row);
                sheets[to % n].1.push(moved);
            }
        }
    }
    sheets
}

proptest! {
    #![proptest_config(config())]

    /// A returned request workbook, edited anyhow: refused whole with nothing written, or
    /// applied exactly as its rows say (requests not in it untouched). Importing the exported
    /// file again restores every request.
    #[test]
    fn returned_request_workbooks_land_exactly_or_not_at_all(edits in prop::collection::vec(cell_edit_strategy(), 1..5)) {
        use crosswalk_core::requests::RequestStatus;
        REQUESTS.with(|fixture| {
            let f = fixture.borrow_mut();
            let client = f.client;
            let sheets = edit_workbook(&f.bytes, &edits);
            let named: Vec<(&str, &[Vec<String>])> = sheets.iter().map(|(n, r)| (n.as_str(), r.as_slice())).collect();
            let date = "2026-11-29".parse().unwrap();
            let returned = crosswalk_core::assessment::sheet::write_workbook(&named, "returned", date).unwrap();
            let before = request_fields(&f.store, client);
            let trail = f.store.audit().log(client, 1, 0).unwrap().total;
            match f.store.requests().import(client, &returned, SheetFormat::Xlsx, ImportRun::Apply) {
                Err(e) => {
                    prop_assert_eq!(e.code(), crosswalk_core::ErrorCode::Invalid, "{}", e);
                    prop_assert_eq!(request_fields(&f.store, client), before);
                    prop_assert_eq!(f.store.audit().log(client, 1, 0).unwrap().total, trail);
                }
                Ok(_) => {
                    let after = request_fields(&f.store, client);
                    let mut listed = std::collections::BTreeSet::new();
                    for row in sheets.iter().flat_map(|(_, rows)| rows.iter().skip(1)) {
                        if row.iter().all(|c| c.trim().is_empty()) {
                            continue;
                        }
                        let id: i64 = row[0].trim().parse().unwrap();
                        listed.insert(id);
                        let stored = after.iter().find(|r| r.0 == id).unwrap();
                        prop_assert_eq!(RequestStatus::parse(&row[7]).map(|s| s.as_str().to_owned()), Some(stored.1.clone()));
                        prop_assert_eq!(row[5].trim(), stored.2.as_str());
                        prop_assert_eq!(row[6].trim(), stored.3.as_str());
                        let note = row[8].replace("\r\n", "\n");
                        prop_assert_eq!(note.trim(), stored.4.as_str());
                    }
                    for r in after.iter().filter(|r| !listed.contains(&r.0)) {
                        prop_assert!(before.contains(r), "request {} changed without being in the file", r.0);
                    }
                    let original = f.bytes.clone();
                    f.store.requests().import(client, &original, SheetFormat::Xlsx, ImportRun::Apply).unwrap();
                    prop_assert_eq!(request_fields(&f.store, client), f.original.clone());
                }
            }
            Ok(())
        })?;
    }

    /// Any bytes as a returned request file: a clean error or rows, never a panic.
    #[test]
    fn returned_request_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600), text in "\\PC{0,300}") {
        let _ = crosswalk_core::requests::parse_returned(&bytes, SheetFormat::Xlsx);
        let _ = crosswalk_core::requests::parse_returned(&bytes, SheetFormat::Csv);
        let with_header = format!("request_id,control_id,status,owner\n{text}");
        let _ = crosswalk_core::requests::parse_returned(with_header.as_bytes(), SheetFormat::Csv);
    }
}
