//! Data safety through the public API: encryption at rest, integrity checks, backups, restore.

use std::path::{Path, PathBuf};

use crosswalk_core::domain::{ClientProfile, Market, Offering, Sector, ValidProfile};
use crosswalk_core::secret::Secret;
use crosswalk_core::store::{self, FileKind, OpenOptions, Store, BACKUPS_KEPT};
use crosswalk_core::{Error, ErrorCode};

fn profile(name: &str) -> ValidProfile {
    let mut p = ClientProfile::minimal(name, Sector::Software, 40, "DE");
    p.markets = vec![Market::Eu];
    p.offerings = vec![Offering::ServiceProcessingCustomerData];
    p.validate().unwrap()
}

fn with(pass: &str) -> OpenOptions {
    OpenOptions::with_passphrase(Some(Secret::from(pass)))
}

fn names(store: &Store) -> Vec<String> {
    store.clients().list(&Default::default()).unwrap().into_iter().map(|c| c.name).collect()
}

/// Adds `count` clients named `Client 000`, `Client 001`, ...
fn add_clients(store: &Store, count: usize) {
    for i in 0..count {
        store.clients().create(&profile(&format!("Client {i:03}"))).unwrap();
    }
}

fn contains(path: &Path, needle: &[u8]) -> bool {
    let mut bytes = std::fs::read(path).unwrap();
    if let Ok(wal) = std::fs::read(format!("{}-wal", path.display())) {
        bytes.extend(wal);
    }
    bytes.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn an_encrypted_database_opens_only_with_its_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    {
        let store = Store::open_with(&db, with("first passphrase")).unwrap();
        assert!(store.is_encrypted());
        store.clients().create(&profile("Secretive Ltd")).unwrap();
    }
    assert_eq!(store::file_kind(&db).unwrap(), FileKind::Encrypted);
    assert!(!contains(&db, b"Secretive"), "the client's name must not be readable on disk");

    let before = std::fs::read(&db).unwrap();
    let err = Store::open(&db).err().unwrap();
    assert_eq!(err.code(), ErrorCode::PassphraseRequired, "{err}");
    let err = Store::open_with(&db, with("wrong passphrase")).err().unwrap();
    assert_eq!(err.code(), ErrorCode::WrongPassphrase, "{err}");
    assert!(!err.to_string().contains("wrong passphrase"), "the message must not echo the passphrase: {err}");
    assert_eq!(std::fs::read(&db).unwrap(), before, "a failed open changes nothing");

    let store = Store::open_with(&db, with("first passphrase")).unwrap();
    assert_eq!(names(&store), ["Secretive Ltd"]);

    // A plain database given a passphrase is refused rather than silently left plain.
    let plain = dir.path().join("plain.db");
    Store::open(&plain).unwrap();
    assert_eq!(Store::open_with(&plain, with("first passphrase")).err().unwrap().code(), ErrorCode::Invalid);
}

#[test]
fn set_change_and_remove_the_passphrase_keep_everything() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let mut store = Store::open(&db).unwrap();
    store.clients().create(&profile("Alpha")).unwrap();
    store.backups().now(None).unwrap();
    assert!(contains(&db, b"Alpha"));

    let weak = store.set_passphrase(&Secret::from("short"));
    assert_eq!(weak.unwrap_err().code(), ErrorCode::Invalid);
    let outcome = store.set_passphrase(&Secret::from("passphrase one")).unwrap();
    assert!(outcome.encrypted);
    assert!(outcome.backups_converted >= 1, "{outcome:?}");
    assert!(outcome.backups_not_converted.is_empty(), "{outcome:?}");
    // The store goes on working on the encrypted file.
    store.clients().create(&profile("Beta")).unwrap();
    assert!(!contains(&db, b"Alpha"));
    for b in store.backups().list().unwrap() {
        assert!(b.encrypted, "backup {} left in the clear", b.path);
        assert!(!contains(Path::new(&b.path), b"Alpha"));
    }

    // A wrong current passphrase changes nothing.
    let err =
        store.change_passphrase(&Secret::from("not passphrase one"), &Secret::from("passphrase two")).unwrap_err();
    assert_eq!(err.code(), ErrorCode::WrongPassphrase);
    drop(store);
    let mut store = Store::open_with(&db, with("passphrase one")).unwrap();
    store.change_passphrase(&Secret::from("passphrase one"), &Secret::from("passphrase two")).unwrap();
    drop(store);
    assert_eq!(Store::open_with(&db, with("passphrase one")).err().unwrap().code(), ErrorCode::WrongPassphrase);
    let mut store = Store::open_with(&db, with("passphrase two")).unwrap();
    assert_eq!(names(&store), ["Alpha", "Beta"]);
    let backup = &store.backups().list().unwrap()[0];
    store::restore_backup(&dir.path().join("check.db"), Path::new(&backup.path), Some(&Secret::from("passphrase two")))
        .expect("backups follow the new passphrase");

    let outcome = store.remove_passphrase(&Secret::from("passphrase two")).unwrap();
    assert!(!outcome.encrypted);
    drop(store);
    assert_eq!(store::file_kind(&db).unwrap(), FileKind::Plain);
    let store = Store::open(&db).unwrap();
    assert_eq!(names(&store), ["Alpha", "Beta"]);
    assert!(store.backups().list().unwrap().iter().all(|b| !b.encrypted));
    let leftovers: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn the_passphrase_cannot_change_while_another_window_has_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let mut store = Store::open(&db).unwrap();
    store.clients().create(&profile("Alpha")).unwrap();
    let other = Store::open(&db).unwrap();
    let err = store.set_passphrase(&Secret::from("passphrase one")).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InUse, "{err}");
    assert_eq!(names(&other), ["Alpha"]);
    store.clients().create(&profile("Beta")).unwrap();
    assert_eq!(store::file_kind(&db).unwrap(), FileKind::Plain);
}

#[test]
fn daily_backups_are_made_once_and_the_newest_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    Store::open(&db).unwrap().clients().create(&profile("Alpha")).unwrap();
    // The first open made a new database: nothing to back up yet. The next one backs up.
    assert!(store::list_backups(&db).unwrap().is_empty());
    let store = Store::open(&db).unwrap();
    let list = store.backups().list().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].reason, "daily");
    drop(store);
    Store::open(&db).unwrap();
    assert_eq!(store::list_backups(&db).unwrap().len(), 1, "one daily backup a day");
    let store = Store::open(&db).unwrap();
    for _ in 0..BACKUPS_KEPT + 3 {
        store.backups().now(None).unwrap();
    }
    let list = store.backups().list().unwrap();
    assert_eq!(list.len(), BACKUPS_KEPT);
    assert!(list.windows(2).all(|w| w[0].file_name > w[1].file_name), "newest first");
    // Each backup is a whole database.
    let restored = dir.path().join("restored.db");
    store::restore_backup(&restored, Path::new(&list[BACKUPS_KEPT - 1].path), None).unwrap();
    assert_eq!(names(&Store::open(&restored).unwrap()), ["Alpha"]);
    // A named file outside the folder.
    let out = dir.path().join("copy.db");
    let info = store.backups().now(Some(&out)).unwrap();
    assert_eq!(info.reason, "external");
    assert_eq!(store.backups().list().unwrap().len(), BACKUPS_KEPT);
}

#[test]
fn a_migration_is_preceded_by_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    {
        // A database as the build before the audit trail left it (schema version 4).
        let conn = rusqlite::Connection::open(&db).unwrap();
        for sql in [
            include_str!("../migrations/0001_clients.sql"),
            include_str!("../migrations/0002_catalog.sql"),
            include_str!("../migrations/0003_assessment.sql"),
            include_str!("../migrations/0004_overrides.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 4).unwrap();
    }
    let store = Store::open(&db).unwrap();
    let list = store.backups().list().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].reason, "pre-migration-v4");
    let old = rusqlite::Connection::open(&list[0].path).unwrap();
    assert_eq!(old.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).unwrap(), 4);
}

/// Overwrites bytes in the middle of the file: a damaged disk sector.
fn damage(db: &Path) {
    use std::io::{Seek, SeekFrom, Write};
    let len = std::fs::metadata(db).unwrap().len();
    let mut f = std::fs::OpenOptions::new().write(true).open(db).unwrap();
    for at in [len / 3, len / 2, 2 * len / 3] {
        f.seek(SeekFrom::Start(at)).unwrap();
        f.write_all(&[0xA5; 700]).unwrap();
    }
    f.sync_all().unwrap();
}

#[test]
fn a_damaged_database_is_refused_and_a_backup_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    {
        let store = Store::open(&db).unwrap();
        add_clients(&store, 200);
    }
    let backup = Store::open(&db).unwrap().backups().list().unwrap()[0].clone();
    {
        // Checkpoint so the damage hits the main file.
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
    }
    damage(&db);
    let err = Store::open(&db).err().unwrap();
    assert_eq!(err.code(), ErrorCode::Corrupt, "{err}");
    let message = err.to_string();
    assert!(message.contains("crosswalk-cli restore"), "{message}");
    assert!(message.contains("backups"), "{message}");

    // A damaged backup is refused and changes nothing.
    let bad_backup = dir.path().join("bad.db");
    std::fs::copy(&db, &bad_backup).unwrap();
    let before = std::fs::read(&db).unwrap();
    let err = store::restore_backup(&db, &bad_backup, None).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Corrupt, "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, b"definitely not a database, just text").unwrap();
    assert!(store::restore_backup(&db, &garbage, None).is_err());
    assert_eq!(std::fs::read(&db).unwrap(), before);

    // Something that is no database at all is damaged, not "encrypted".
    let text = dir.path().join("notes.db");
    std::fs::write(&text, b"meeting notes, not a database").unwrap();
    assert_eq!(Store::open(&text).err().unwrap().code(), ErrorCode::Corrupt);

    let outcome = store::restore_backup(&db, Path::new(&backup.path), None).unwrap();
    let saved = outcome.previous_saved_as.expect("the damaged file is kept");
    assert!(saved.contains("damaged"), "{saved}");
    assert_eq!(std::fs::read(&saved).unwrap(), before, "kept byte for byte");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.clients().count().unwrap(), 200);
    store.check_integrity().unwrap();
}

#[test]
fn restoring_keeps_the_replaced_database_as_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    Store::open(&db).unwrap().clients().create(&profile("Alpha")).unwrap();
    let backup = Store::open(&db).unwrap().backups().now(None).unwrap();
    Store::open(&db).unwrap().clients().create(&profile("Beta")).unwrap();
    let outcome = store::restore_backup(&db, Path::new(&backup.path), None).unwrap();
    let store = Store::open(&db).unwrap();
    assert_eq!(names(&store), ["Alpha"]);
    let saved = outcome.previous_saved_as.unwrap();
    assert!(saved.contains("before-restore"), "{saved}");
    let dir2 = tempfile::tempdir().unwrap();
    let back = dir2.path().join("back.db");
    store::restore_backup(&back, Path::new(&saved), None).unwrap();
    assert_eq!(names(&Store::open(&back).unwrap()), ["Alpha", "Beta"]);

    // An encrypted backup needs its passphrase.
    let enc = dir.path().join("enc.db");
    let store = Store::open_with(&enc, with("passphrase one")).unwrap();
    let encrypted = store.backups().now(Some(&dir.path().join("enc-backup.db"))).unwrap();
    assert!(encrypted.encrypted);
    drop(store);
    let target = dir.path().join("target.db");
    let err = store::restore_backup(&target, Path::new(&encrypted.path), None).unwrap_err();
    assert!(matches!(err, Error::PassphraseRequired { .. }), "{err}");
    let err = store::restore_backup(&target, Path::new(&encrypted.path), Some(&Secret::from("passphrase two")));
    assert!(matches!(err, Err(Error::WrongPassphrase { .. })));
    assert!(!target.exists());
}

#[test]
fn releasing_the_page_cache_keeps_every_client_and_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let store = Store::open(&db).unwrap();
    add_clients(&store, 40);
    let before = names(&store);
    store.release_memory().unwrap();
    assert_eq!(names(&store), before, "what was cached is read again from the file");
    store.clients().create(&profile("After the release")).unwrap();
    drop(store);
    let store = Store::open(&db).unwrap();
    assert_eq!(names(&store).len(), 41);
    assert!(names(&store).contains(&"After the release".to_owned()));
}
