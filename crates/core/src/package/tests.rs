use super::*;
use crate::assessment::AssessmentStart;
use crate::assessment::ScopeFramework;
use crate::assessment::{ControlEntry, ScopeInput};
use crate::domain::{Date, Market, Offering, Sector, ValidProfile};
use crate::recommend::roadmap::{Excluded, Overrides};
use crate::store::Store;

const FAST: KdfParams = KdfParams { memory_kib: 64, passes: 1, lanes: 1 };

fn profile(name: &str) -> ValidProfile {
    let mut p = ClientProfile::minimal(name, Sector::Software, 40, "DE");
    p.markets = vec![Market::Eu];
    p.offerings = vec![Offering::ServiceProcessingCustomerData];
    p.validate().unwrap()
}

fn day(text: &str) -> Date {
    text.parse().unwrap()
}

/// A client with something in every packaged table.
fn rich_client(store: &mut Store) -> ClientId {
    let id = store.clients().create(&profile("Package Ltd")).unwrap().id;
    let today = day("2026-11-29");
    store
        .scopes()
        .set(
            id,
            &ScopeInput { frameworks: vec!["iso27001".into(), "soc2".into()], soc2_categories: vec!["privacy".into()] },
            today,
        )
        .unwrap();
    store.assessments().start(id, day("2026-10-01"), AssessmentStart::Empty, today).unwrap();
    let entry = |control: &str, status: &str| ControlEntry {
        control_id: control.into(),
        status: status.into(),
        notes: "checked on site".into(),
        evidence: vec!["policy.pdf".into()],
        owner: "CISO".into(),
        due: "2027-01-31".into(),
        justification: String::new(),
    };
    store.assessments().save(id, &entry("CW-AIG-01", "implemented"), day("2026-10-01")).unwrap();
    let policy = crate::evidence::NewEvidenceFile {
        file_name: "ai-policy.txt".into(),
        bytes: b"AI policy: every model is registered before use.".to_vec(),
    };
    let meta = crate::evidence::EvidenceMeta {
        provided_by: "CISO".into(),
        provided_on: Some(day("2026-09-30")),
        note: "signed".into(),
    };
    store.evidence().add(id, "CW-AIG-01", &[policy], &meta, day("2026-10-01")).unwrap();
    store.assessments().start(id, today, AssessmentStart::FromPrevious, today).unwrap();
    store.assessments().save(id, &entry("CW-AIG-02", "partially_implemented"), today).unwrap();
    store.assessments().save(id, &entry("CW-ACC-01", "not_implemented"), today).unwrap();
    let options = crate::requests::GenerateRequests { due: Some(day("2027-02-28")), ..Default::default() };
    let generated = store.requests().generate(id, &options, today).unwrap();
    let request = generated.created.first().expect("a request for the gap");
    let edit = crate::requests::RequestEdit { status: Some("provided".into()), ..Default::default() };
    store.requests().set(id, request.id, &edit, today).unwrap();
    store
        .clients()
        .set_overrides(
            id,
            &Overrides {
                order: None,
                excluded: vec![Excluded { framework: ScopeFramework::Iso42001, reason: "no AI".into() }],
                not_before: vec![],
                integrated_audit_declined: None,
            },
        )
        .unwrap();
    store.branding().set_client_logo(id, Some("iVBORw0KGgoAAAANSUhEUg==")).unwrap();
    store
        .scopes()
        .set_subservice_organisation(
            id,
            &crate::assessment::SubserviceInput {
                name: "Cloud Host".into(),
                method: "carve_out".into(),
                services: "hosting".into(),
                criteria: vec!["CC6.4".into(), "A1.2".into()],
            },
            today,
        )
        .unwrap();
    id
}

/// Every packaged row of a client, ids left out, as comparable text.
fn snapshot(store: &Store, id: ClientId) -> BTreeMap<&'static str, Vec<String>> {
    let mut out = BTreeMap::new();
    for table in TABLES {
        let columns: Vec<String> = columns_of(store.conn(), table.name)
            .unwrap()
            .into_iter()
            .filter(|c| {
                Some(c.as_str()) != table.local_id
                    && !matches!(table.owner, Owner::Client(o) if o == c)
                    && !matches!(table.owner, Owner::Parent { column, .. } if column == c)
            })
            .collect();
        // JSON holds no blobs: they are compared as hex.
        let list = columns
            .iter()
            .map(|c| format!("CASE WHEN typeof(\"{c}\") = 'blob' THEN hex(\"{c}\") ELSE \"{c}\" END"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT json_array({list}) FROM \"{}\" WHERE {} ORDER BY 1",
            table.name,
            tables::owner_condition(table)
        );
        let mut stmt = store.conn().prepare(&sql).unwrap();
        let rows: Vec<String> =
            stmt.query_map([id.to_string()], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap();
        out.insert(table.name, rows);
    }
    out
}

fn total_rows(store: &Store) -> i64 {
    TABLES
        .iter()
        .chain(&[TableSpec { name: "assessment_summary", owner: Owner::Client(""), local_id: None, reset: &[] }])
        .map(|t| {
            store.conn().query_row(&format!("SELECT count(*) FROM \"{}\"", t.name), [], |r| r.get::<_, i64>(0)).unwrap()
        })
        .sum()
}

#[test]
fn a_client_moves_whole_to_another_database() {
    let mut here = Store::open_in_memory().unwrap();
    let id = rich_client(&mut here);
    let (bytes, outcome) = here.packages().export(id, None).unwrap();
    assert_eq!(outcome.name, "Package Ltd");
    let before = snapshot(&here, id);
    assert!(before.values().all(|rows| !rows.is_empty()), "every table has rows: {before:#?}");

    let there = Store::open_in_memory().unwrap();
    let imported = there.packages().import(&bytes, None, ImportMode::Replace).unwrap();
    assert_eq!(imported.status, ImportStatus::Imported);
    assert_eq!(imported.client_id, id, "replace keeps the id");
    let mut after = snapshot(&there, id);
    // The import adds one audit entry of its own.
    let marker = after.get_mut("audit_log").unwrap();
    let pos = marker.iter().position(|r| r.contains("\"import\"")).expect("an import entry");
    marker.remove(pos);
    assert_eq!(after, before);
    assert_eq!(
        there.views().analysis(id, &crate::assessment::AnalysisSettings::new(day("2026-11-29"))).unwrap(),
        here.views().analysis(id, &crate::assessment::AnalysisSettings::new(day("2026-11-29"))).unwrap(),
        "the analysis is rebuilt from the imported statuses"
    );

    // As new: a second copy with new ids.
    let copy = there.packages().import(&bytes, None, ImportMode::New).unwrap();
    assert_ne!(copy.client_id, id);
    assert_eq!(there.clients().count().unwrap(), 2);
    assert_eq!(there.assessments().list(copy.client_id).unwrap().len(), 2);

    // Skip: the id exists, nothing happens.
    let rows = total_rows(&there);
    let skipped = there.packages().import(&bytes, None, ImportMode::Skip).unwrap();
    assert_eq!(skipped.status, ImportStatus::Skipped);
    assert_eq!(total_rows(&there), rows);

    // Replace: the existing client is replaced, its trail kept without duplicates.
    let replaced = there.packages().import(&bytes, None, ImportMode::Replace).unwrap();
    assert_eq!(replaced.status, ImportStatus::Replaced);
    assert_eq!(there.assessments().list(id).unwrap().len(), 2);
    let trail = there.audit().log(id, 1000, 0).unwrap();
    let imports = trail.entries.iter().filter(|e| e.action == crate::store::AuditAction::Import).count();
    assert_eq!(imports, 2);
    assert_eq!(trail.total as usize, before["audit_log"].len() + 2);
}

#[test]
fn an_encrypted_package_needs_its_passphrase() {
    let mut here = Store::open_in_memory().unwrap();
    let id = rich_client(&mut here);
    let pass = Secret::from("travel passphrase");
    let (bytes, outcome) = here.packages().export_with(id, Some(&pass), FAST).unwrap();
    assert!(outcome.encrypted);
    assert!(!bytes.windows(11).any(|w| w == b"Package Ltd"), "the name must not be readable");
    let there = Store::open_in_memory().unwrap();
    assert!(matches!(there.packages().import(&bytes, None, ImportMode::New), Err(Error::PassphraseRequired { .. })));
    let wrong = there.packages().import(&bytes, Some(&Secret::from("not the passphrase")), ImportMode::New);
    assert!(matches!(wrong, Err(Error::WrongPassphrase { .. })));
    assert_eq!(there.clients().count().unwrap(), 0);
    let ok = there.packages().import(&bytes, Some(&pass), ImportMode::New).unwrap();
    assert!(ok.encrypted);
    assert_eq!(there.clients().get(ok.client_id).unwrap().profile.name, "Package Ltd");
}

#[test]
fn a_package_cannot_write_into_another_client() {
    let mut store = Store::open_in_memory().unwrap();
    let id = rich_client(&mut store);
    let victim = store.clients().create(&profile("Victim")).unwrap().id;
    let (bytes, _) = store.packages().export(id, None).unwrap();
    let payload = format::open(&bytes, None).unwrap();
    let mut contents: Contents = serde_json::from_slice(&payload).unwrap();
    contents.tables.get_mut("roadmap_overrides").unwrap()[0]
        .insert("client_id".into(), Value::String(victim.to_string()));
    let forged = format::seal(&serde_json::to_vec(&contents).unwrap(), None, FAST).unwrap();
    let rows = total_rows(&store);
    let err = store.packages().import(&forged, None, ImportMode::Replace).unwrap_err();
    assert!(err.to_string().contains("another client"), "{err}");
    assert_eq!(total_rows(&store), rows);

    // A profile that does not validate is refused with the field named.
    let mut contents: Contents = serde_json::from_slice(&payload).unwrap();
    let client = &mut contents.tables.get_mut("clients").unwrap()[0];
    let mut profile: Value = serde_json::from_str(client["profile"].as_str().unwrap()).unwrap();
    profile["employees"] = 0.into();
    client.insert("profile".into(), Value::String(profile.to_string()));
    let forged = format::seal(&serde_json::to_vec(&contents).unwrap(), None, FAST).unwrap();
    let err = store.packages().import(&forged, None, ImportMode::New).unwrap_err();
    assert_eq!(err.report().fields[0].field, "profile.employees");
    assert_eq!(total_rows(&store), rows);
}

#[test]
fn every_client_table_is_packaged_or_excluded() {
    let store = Store::open_in_memory().unwrap();
    let names: Vec<String> = store
        .conn()
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let packaged: HashSet<&str> = TABLES.iter().map(|t| t.name).collect();
    let excluded: HashSet<&str> = tables::NOT_PACKAGED.iter().map(|(t, _)| *t).collect();
    for name in &names {
        let columns = columns_of(store.conn(), name).unwrap();
        let refers: Vec<String> = store
            .conn()
            .prepare(&format!("SELECT \"table\" FROM pragma_foreign_key_list('{name}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let per_client = columns.iter().any(|c| c == "client_id" || c == "assessment_id")
            || refers.iter().any(|t| packaged.contains(t.as_str()));
        if per_client {
            assert!(
                packaged.contains(name.as_str()) || excluded.contains(name.as_str()),
                "table `{name}` holds per-client rows: add it to package::tables::TABLES or NOT_PACKAGED"
            );
        }
    }
}

#[test]
fn packages_carry_evidence_and_refuse_altered_files() {
    let mut store = Store::open_in_memory().unwrap();
    let id = rich_client(&mut store);
    let (bytes, _) = store.packages().export(id, None).unwrap();
    let sha = crate::evidence::sha256_hex(b"AI policy: every model is registered before use.");

    // Imported as new: the file and both links (the first assessment's and the copy) arrive.
    let mut there = Store::open_in_memory().unwrap();
    let copy = there.packages().import(&bytes, None, ImportMode::New).unwrap();
    let info = there.evidence().file(copy.client_id, &sha).unwrap();
    assert_eq!(info.links.len(), 2);
    assert_eq!(
        there.evidence().content(copy.client_id, &sha).unwrap().2,
        b"AI policy: every model is registered before use."
    );

    // Content that no longer has its hash, re-sealed so the checksum holds: refused, nothing written.
    let payload = format::open(&bytes, None).unwrap();
    #[track_caller]
    fn check(store: &mut Store, payload: &[u8], alter: impl Fn(&mut Map<String, Value>), words: &str) {
        let mut contents: Contents = serde_json::from_slice(payload).unwrap();
        alter(&mut contents.tables.get_mut("evidence_files").unwrap()[0]);
        let forged = format::seal(&serde_json::to_vec(&contents).unwrap(), None, FAST).unwrap();
        let rows = total_rows(store);
        let err = store.packages().import(&forged, None, ImportMode::New).unwrap_err();
        assert!(err.to_string().contains(words), "{err} should say {words}");
        assert_eq!(total_rows(store), rows);
    }
    let altered =
        "AI policy: every model is registered after use.".bytes().map(|b| format!("{b:02x}")).collect::<String>();
    check(
        &mut there,
        &payload,
        |row| {
            row.insert("content".into(), serde_json::json!({ "blob_hex": altered }));
        },
        "does not have its SHA-256",
    );
    check(
        &mut there,
        &payload,
        |row| {
            row.remove("content");
        },
        "no hash or content",
    );
    // A link to a file the package does not hold.
    let mut contents: Contents = serde_json::from_slice(&payload).unwrap();
    contents.tables.get_mut("evidence_files").unwrap().clear();
    let forged = format::seal(&serde_json::to_vec(&contents).unwrap(), None, FAST).unwrap();
    let err = there.packages().import(&forged, None, ImportMode::New).unwrap_err();
    assert!(err.to_string().contains("evidence link to a file the client does not have"), "{err}");
}
