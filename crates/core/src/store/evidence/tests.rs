//! Evidence files over a real (temporary or in-memory) database with the shipped catalogue.

use super::*;
use crate::assessment::AssessmentStart;
use crate::domain::{ClientProfile, Market, Offering, Sector};
use crate::evidence::MAX_FILE_BYTES;
use crate::secret::Secret;
use crate::store::OpenOptions;
use crate::store::Store;

fn day(text: &str) -> Date {
    text.parse().unwrap()
}

fn client(store: &mut Store, name: &str) -> ClientId {
    let mut p = ClientProfile::minimal(name, Sector::Software, 40, "DE");
    p.markets = vec![Market::Eu];
    p.offerings = vec![Offering::ServiceProcessingCustomerData];
    store.clients().create(&p.validate().unwrap()).unwrap().id
}

fn file(name: &str, bytes: &[u8]) -> NewEvidenceFile {
    NewEvidenceFile { file_name: name.into(), bytes: bytes.to_vec() }
}

fn meta(by: &str, on: &str) -> EvidenceMeta {
    EvidenceMeta { provided_by: by.into(), provided_on: Some(day(on)), note: "from the site visit".into() }
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";

fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Rows in every table evidence touches, to show a refused operation wrote nothing.
fn footprint(store: &Store) -> [i64; 4] {
    [
        count(store, "SELECT count(*) FROM evidence_files"),
        count(store, "SELECT count(*) FROM evidence_links"),
        count(store, "SELECT count(*) FROM assessments"),
        count(store, "SELECT count(*) FROM audit_log"),
    ]
}

fn invalid_fields(err: Error) -> Vec<String> {
    match err {
        Error::Invalid(e) => e.0.into_iter().map(|f| format!("{}: {}", f.field, f.message)).collect(),
        other => panic!("expected invalid input, got {other}"),
    }
}

#[test]
fn files_are_stored_once_and_linked_to_controls() {
    let mut store = Store::open_in_memory().unwrap();
    let id = client(&mut store, "Evidence GmbH");
    let today = day("2026-11-29");
    let added = store
        .evidence()
        .add(
            id,
            "cw-aig-01",
            &[file("policy.txt", b"Policy text"), file("shot.png", PNG)],
            &meta("CISO", "2026-11-20"),
            today,
        )
        .unwrap();
    assert_eq!(added.len(), 2);
    assert!(added.iter().all(|l| l.control_id == "CW-AIG-01" && l.assessment_date == today && !l.stale));
    let kinds: Vec<(&str, &str)> = added.iter().map(|l| (l.file_name.as_str(), l.media_type.as_str())).collect();
    assert_eq!(kinds, [("policy.txt", "text/plain"), ("shot.png", "image/png")]);
    assert_eq!(store.assessments().current(id).unwrap().unwrap().date, today, "an assessment was started");

    // The same content on another control, under another name: one stored file, two links.
    store
        .evidence()
        .add(id, "CW-AIG-02", &[file("copy of policy.txt", b"Policy text")], &EvidenceMeta::default(), today)
        .unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM evidence_files"), 2);
    assert_eq!(count(&store, "SELECT count(*) FROM evidence_links"), 3);

    let all = store.evidence().list(id, None, EvidenceShown::All).unwrap();
    assert_eq!(all.assessment_date, Some(today));
    assert_eq!(all.max_age_months, 12);
    assert_eq!(all.links.len(), 3);
    let one = store.evidence().list(id, Some("CW-AIG-02"), EvidenceShown::All).unwrap();
    assert_eq!(one.links.len(), 1);
    assert_eq!(one.links[0].provided_on, today, "the date defaults to today");

    let sha = sha256_hex(b"Policy text");
    let info = store.evidence().file(id, &sha[..8]).unwrap();
    assert_eq!(info.sha256, sha);
    assert_eq!(info.size, 11);
    let controls: Vec<&str> = info.controls.iter().map(|c| c.control_id.as_str()).collect();
    assert_eq!(controls, ["CW-AIG-01", "CW-AIG-02"]);
    assert!(info.controls.iter().all(|c| !c.requirements.is_empty()), "both controls serve requirements");
    assert!(!info.frameworks.is_empty());
    for framework in &info.frameworks {
        assert!(info.controls.iter().any(|c| c.requirements.iter().any(|r| &r.framework == framework)));
    }

    let (full, name, bytes) = store.evidence().content(id, &sha[..6]).unwrap();
    assert_eq!((full.as_str(), bytes.as_slice()), (sha.as_str(), &b"Policy text"[..]));
    assert!(name == "policy.txt" || name == "copy of policy.txt", "{name}");
}

#[test]
fn a_bad_file_refuses_the_whole_batch() {
    let mut store = Store::open_in_memory().unwrap();
    let id = client(&mut store, "Batch AG");
    let today = day("2026-11-29");
    let before = footprint(&store);
    #[track_caller]
    fn check(store: &mut Store, id: ClientId, control: &str, files: &[NewEvidenceFile], m: &EvidenceMeta, words: &str) {
        let before = footprint(store);
        let err = store.evidence().add(id, control, files, m, day("2026-11-29")).unwrap_err();
        let fields = invalid_fields(err);
        assert!(fields.iter().any(|f| f.contains(words)), "{fields:?} should say {words}");
        assert_eq!(footprint(store), before, "nothing was written");
    }
    let good = file("ok.txt", b"fine");
    let m = meta("IT", "2026-11-01");
    check(
        &mut store,
        id,
        "CW-AIG-01",
        &[good.clone(), file("setup.exe", b"MZ\x90\0")],
        &m,
        "file: setup.exe: is an executable",
    );
    check(&mut store, id, "CW-AIG-01", &[good.clone(), file("x.bin", &[0, 1, 2])], &m, "not a kind of file");
    let big = NewEvidenceFile { file_name: "huge.txt".into(), bytes: vec![b'a'; MAX_FILE_BYTES as usize + 1] };
    check(&mut store, id, "CW-AIG-01", &[good.clone(), big], &m, "at most 25 MiB");
    check(&mut store, id, "CW-NOPE-99", std::slice::from_ref(&good), &m, "control_id: unknown control `CW-NOPE-99`");
    check(&mut store, id, "CW-AIG-01", &[], &m, "give at least one file");
    check(&mut store, id, "CW-AIG-01", &[good.clone(), file("same.txt", b"fine")], &m, "same content as another");
    check(
        &mut store,
        id,
        "CW-AIG-01",
        std::slice::from_ref(&good),
        &meta("IT", "2026-12-01"),
        "provided_on: 2026-12-01 is after today",
    );
    check(&mut store, id, "CW-AIG-01", &[file("  ", b"x")], &m, "not a usable file name");
    assert_eq!(footprint(&store), before);

    // Exactly at the limit is accepted; attaching it again to the same control is refused whole.
    let limit = NewEvidenceFile { file_name: "limit.txt".into(), bytes: vec![b'b'; MAX_FILE_BYTES as usize] };
    store.evidence().add(id, "CW-AIG-01", std::slice::from_ref(&limit), &m, today).unwrap();
    check(&mut store, id, "CW-AIG-01", &[good, limit], &m, "limit.txt is already attached to CW-AIG-01");
}

#[test]
fn removing_the_last_link_removes_the_file_and_the_trail_records_both() {
    let mut store = Store::open_in_memory().unwrap();
    let id = client(&mut store, "Trail SA");
    let today = day("2026-11-29");
    let m = meta("Jo", "2026-11-02");
    store.evidence().add(id, "CW-AIG-01", &[file("a.md", b"# A")], &m, today).unwrap();
    store.evidence().add(id, "CW-AIG-02", &[file("a again.md", b"# A")], &m, today).unwrap();
    let sha = sha256_hex(b"# A");

    let first = store.evidence().remove(id, "cw-aig-01", &sha[..5]).unwrap();
    assert_eq!((first.control_id.as_str(), first.file_name.as_str(), first.file_deleted), ("CW-AIG-01", "a.md", false));
    assert_eq!(count(&store, "SELECT count(*) FROM evidence_files"), 1);
    let again = store.evidence().remove(id, "CW-AIG-01", &sha[..5]).unwrap_err();
    assert!(matches!(again, Error::NotFound { kind: "evidence link", .. }), "{again}");
    let last = store.evidence().remove(id, "CW-AIG-02", &sha).unwrap();
    assert!(last.file_deleted);
    assert_eq!(count(&store, "SELECT count(*) FROM evidence_files"), 0);
    assert!(matches!(store.evidence().file(id, &sha[..8]).unwrap_err(), Error::NotFound { kind: "evidence file", .. }));

    let trail = store.audit().log(id, 100, 0).unwrap();
    let evidence: Vec<(String, &str)> = trail
        .entries
        .iter()
        .filter(|e| e.entity == "evidence")
        .map(|e| (format!("{:?}", e.action), e.key.as_str()))
        .collect();
    assert_eq!(
        evidence,
        [
            ("Delete".to_owned(), "CW-AIG-02"),
            ("Delete".into(), "CW-AIG-01"),
            ("Insert".into(), "CW-AIG-02"),
            ("Insert".into(), "CW-AIG-01")
        ]
    );
    let added = trail.entries.iter().rfind(|e| e.entity == "evidence").unwrap();
    let value = added.new_value.as_ref().unwrap();
    assert_eq!(value["sha256"], sha.as_str());
    assert_eq!(value["file_name"], "a.md");
    assert_eq!(value["provided_by"], "Jo");
    assert_eq!(added.assessment_date.as_deref(), Some("2026-11-29"));
}

#[test]
fn prefixes_must_be_hex_long_enough_and_unambiguous() {
    let mut store = Store::open_in_memory().unwrap();
    let id = client(&mut store, "Prefix BV");
    let today = day("2026-11-29");
    // Find two contents whose hashes share their first four digits.
    let mut by_prefix = std::collections::HashMap::new();
    let (a, b) = (0u32..)
        .find_map(|i| {
            let text = format!("evidence {i}");
            let prefix = sha256_hex(text.as_bytes())[..4].to_owned();
            by_prefix.insert(prefix, text.clone()).map(|other| (other, text))
        })
        .unwrap();
    store
        .evidence()
        .add(
            id,
            "CW-AIG-01",
            &[file("a.txt", a.as_bytes()), file("b.txt", b.as_bytes())],
            &EvidenceMeta::default(),
            today,
        )
        .unwrap();
    let shared = &sha256_hex(a.as_bytes())[..4];
    #[track_caller]
    fn check(store: &Store, id: ClientId, prefix: &str, words: &str) {
        let err = store.evidence().file(id, prefix).unwrap_err();
        assert!(err.to_string().contains(words), "{prefix}: {err} should say {words}");
    }
    check(&store, id, shared, "matches several files; give more of the hash");
    check(&store, id, "abc", "is not a SHA-256 prefix");
    check(&store, id, "zzzz", "is not a SHA-256 prefix");
    let unknown = if shared == "0000" { "1111" } else { "0000" };
    check(&store, id, unknown, "no evidence file matches `0000`".replace("0000", unknown).as_str());
    assert!(store.evidence().file(id, &sha256_hex(a.as_bytes())[..12].to_uppercase()).is_ok(), "case does not matter");
    // Another client does not see the files.
    let other = client(&mut store, "Other Ltd");
    assert!(matches!(store.evidence().file(other, &sha256_hex(a.as_bytes())).unwrap_err(), Error::NotFound { .. }));
}

#[test]
fn a_new_assessment_keeps_the_links_and_flags_old_evidence() {
    let mut store = Store::open_in_memory().unwrap();
    let id = client(&mut store, "Yearly Oy");
    store
        .evidence()
        .add(id, "CW-AIG-01", &[file("old.txt", b"old policy")], &meta("A", "2025-01-10"), day("2025-02-01"))
        .unwrap();
    store
        .evidence()
        .add(id, "CW-AIG-01", &[file("new.txt", b"new policy")], &meta("B", "2025-12-01"), day("2025-12-01"))
        .unwrap();
    let before = store.evidence().list(id, None, EvidenceShown::All).unwrap();
    assert_eq!(before.links.iter().filter(|l| l.stale).count(), 0, "both young on 2025-02-01");

    store.assessments().start(id, day("2026-02-01"), AssessmentStart::FromPrevious, day("2026-11-29")).unwrap();
    let after = store.evidence().list(id, None, EvidenceShown::All).unwrap();
    assert_eq!(after.assessment_date, Some(day("2026-02-01")));
    let flags: Vec<(&str, bool)> = after.links.iter().map(|l| (l.file_name.as_str(), l.stale)).collect();
    assert_eq!(flags, [("new.txt", false), ("old.txt", true)]);
    let stale = store.evidence().list(id, None, EvidenceShown::StaleOnly).unwrap();
    assert_eq!(stale.links.len(), 1);
    assert_eq!(stale.links[0].file_name, "old.txt");

    // A longer allowance: nothing is stale; out of range is refused.
    store.evidence().set_max_age_months(24).unwrap();
    assert!(store.evidence().list(id, None, EvidenceShown::StaleOnly).unwrap().links.is_empty());
    for bad in [0, 121] {
        let err = store.evidence().set_max_age_months(bad).unwrap_err();
        assert!(invalid_fields(err)[0].starts_with("max_age_months:"));
    }
    assert_eq!(store.evidence().max_age_months().unwrap(), 24);

    // Removing a link from the current assessment keeps the file for the older one.
    let sha = sha256_hex(b"old policy");
    let removed = store.evidence().remove(id, "CW-AIG-01", &sha).unwrap();
    assert!(!removed.file_deleted, "the previous assessment still links it");
    assert_eq!(store.evidence().file(id, &sha).unwrap().links.len(), 1);
    // A fresh assessment (not from the previous) starts without evidence.
    store.assessments().start(id, day("2026-03-01"), AssessmentStart::Empty, day("2026-11-29")).unwrap();
    assert!(store.evidence().list(id, None, EvidenceShown::All).unwrap().links.is_empty());
}

#[test]
fn export_writes_the_file_whole_and_deleting_the_client_erases_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let id = client(&mut store, "Export KG");
    store
        .evidence()
        .add(id, "CW-AIG-01", &[file("shot.png", PNG)], &EvidenceMeta::default(), day("2026-11-29"))
        .unwrap();
    let out = dir.path().join("out/shot.png");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let sha = sha256_hex(PNG);
    let done = store.evidence().export(id, &sha[..10], &out).unwrap();
    assert_eq!((done.sha256.as_str(), done.size), (sha.as_str(), PNG.len() as u64));
    assert_eq!(std::fs::read(&out).unwrap(), PNG);
    let leftovers: Vec<_> = std::fs::read_dir(out.parent().unwrap()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left");
    // A folder that does not exist: an error, nothing written.
    let err = store.evidence().export(id, &sha, &dir.path().join("missing/x.png")).unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err}");

    store.clients().delete(id).unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM evidence_files"), 0);
    assert_eq!(count(&store, "SELECT count(*) FROM evidence_links"), 0);
}

#[test]
fn evidence_is_encrypted_at_rest_and_travels_in_backups() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.db");
    let pass = Secret::from("a long enough passphrase");
    let pattern = b"UNIQUE-EVIDENCE-MARKER-7f3a9c";
    let mut text = b"Access review minutes. ".to_vec();
    text.extend_from_slice(pattern);
    let sha = sha256_hex(&text);
    let id = {
        let mut store = Store::open_with(&path, OpenOptions::with_passphrase(Some(pass.clone()))).unwrap();
        let id = client(&mut store, "Cipher Ltd");
        store
            .evidence()
            .add(id, "CW-AIG-01", &[file("minutes.txt", &text)], &EvidenceMeta::default(), day("2026-11-29"))
            .unwrap();
        let backup = store.backups().now(Some(&dir.path().join("copy.db"))).unwrap();
        assert!(!backup.path.is_empty());
        id
    };
    // Every file the database left in its folder (the database, its WAL, backups): no plain text.
    let mut checked = 0;
    for entry in walk(dir.path()) {
        let bytes = std::fs::read(&entry).unwrap();
        assert!(!bytes.windows(pattern.len()).any(|w| w == pattern), "{} holds the evidence in clear", entry.display());
        checked += 1;
    }
    assert!(checked >= 2, "the database and the backup were checked");

    // The backup holds the file: open it with the passphrase and read it back.
    let copy = Store::open_with(&dir.path().join("copy.db"), OpenOptions::with_passphrase(Some(pass))).unwrap();
    let (_, name, bytes) = copy.evidence().content(id, &sha).unwrap();
    assert_eq!((name.as_str(), bytes), ("minutes.txt", text));

    // The same content in a plain database is visible in the file: the test can fail.
    let plain_path = dir.path().join("plain.db");
    {
        let mut plain = Store::open(&plain_path).unwrap();
        let id = client(&mut plain, "Plain Ltd");
        plain
            .evidence()
            .add(id, "CW-AIG-01", &[file("m.txt", pattern)], &EvidenceMeta::default(), day("2026-11-29"))
            .unwrap();
    }
    let found = walk(dir.path())
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("plain.db")))
        .any(|p| std::fs::read(p).unwrap().windows(pattern.len()).any(|w| w == pattern));
    assert!(found, "a plain database holds the pattern, so the search works");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
