use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::*;
use crate::domain::{ClientProfile, Market, Offering, Sector};

pub(crate) const FAST: KdfParams = KdfParams { memory_kib: 64, passes: 1, lanes: 1 };
const DATE: &str = "2026-10-01";

fn pass() -> Secret {
    Secret::from("team passphrase")
}

pub(crate) fn new_client(store: &mut Store, name: &str) -> ClientId {
    let mut profile = ClientProfile::minimal(name, Sector::Software, 40, "DE");
    profile.markets = vec![Market::Eu];
    profile.offerings = vec![Offering::ServiceProcessingCustomerData];
    store.clients().create(&profile.validate().unwrap()).unwrap().id
}

/// Raw edits of a control entry of the client's assessment of DATE (created if missing).
pub(crate) fn set_field(store: &mut Store, client: ClientId, control: &str, field: &str, value: &str) {
    store
        .write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO assessments (client_id, date, created_at, updated_at) VALUES (?1, ?2, 'x', 'x')",
                params![client.to_string(), DATE],
            )?;
            let id: i64 = tx.query_row(
                "SELECT id FROM assessments WHERE client_id = ?1 AND date = ?2",
                params![client.to_string(), DATE],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT OR IGNORE INTO assessment_controls (assessment_id, control_id, status, updated_at)
                 VALUES (?1, ?2, 'not_implemented', 'x')",
                params![id, control],
            )?;
            tx.execute(
                &format!("UPDATE assessment_controls SET {field} = ?3 WHERE assessment_id = ?1 AND control_id = ?2"),
                params![id, control, value],
            )?;
            Ok(())
        })
        .unwrap();
}

pub(crate) fn delete_control(store: &mut Store, client: ClientId, control: &str) {
    store
        .write(|tx| {
            tx.execute(
                "DELETE FROM assessment_controls WHERE control_id = ?2
                 AND assessment_id = (SELECT id FROM assessments WHERE client_id = ?1 AND date = ?3)",
                params![client.to_string(), control, DATE],
            )?;
            Ok(())
        })
        .unwrap();
}

fn field(store: &Store, client: ClientId, control: &str, field: &str) -> Option<String> {
    store
        .conn()
        .query_row(
            &format!(
                "SELECT c.{field} FROM assessment_controls c JOIN assessments a ON a.id = c.assessment_id
                 WHERE a.client_id = ?1 AND a.date = ?2 AND c.control_id = ?3"
            ),
            params![client.to_string(), DATE, control],
            |r| r.get(0),
        )
        .optional()
        .unwrap()
}

fn team_of(folder: &Path, first: &mut Store) {
    first.team().init(folder, &pass(), FAST).unwrap();
}

fn joined(folder: &Path) -> Store {
    let store = Store::open_in_memory().unwrap();
    store.team().join(folder, &pass()).unwrap();
    store
}

#[test]
fn a_shared_client_reaches_the_team_and_a_private_one_never_does() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open_in_memory().unwrap();
    team_of(dir.path(), &mut a);
    let shared = new_client(&mut a, "Shared GmbH");
    let private = new_client(&mut a, "Private GmbH");
    set_field(&mut a, shared, "A.5.1", "status", "implemented");
    set_field(&mut a, private, "A.5.1", "notes", "secret note");
    a.team().share(shared, Sharing::Shared).unwrap();
    let report = a.team().sync().unwrap();
    assert!(report.sent.as_ref().is_some_and(|s| s.seq == 1 && s.changes > 0), "{report:?}");

    let mut b = joined(dir.path());
    assert_eq!(b.team().digests().unwrap(), a.team().digests().unwrap());
    assert_eq!(field(&b, shared, "A.5.1", "status").as_deref(), Some("implemented"));
    assert!(b.clients().get(private).is_err(), "a private client never leaves the laptop");
    for entry in std::fs::read_dir(dir.path().join("devices")).unwrap() {
        for file in std::fs::read_dir(entry.unwrap().path()).unwrap() {
            let bytes = std::fs::read(file.unwrap().path()).unwrap();
            assert!(!bytes.windows(6).any(|w| w == b"Shared"), "files are encrypted");
        }
    }

    // B edits, A receives; the derived summaries are rebuilt on A.
    set_field(&mut b, shared, "A.5.2", "status", "partially_implemented");
    b.team().sync().unwrap();
    let report = a.team().sync().unwrap();
    assert_eq!(report.applied.len(), 1, "{report:?}");
    assert_eq!(field(&a, shared, "A.5.2", "status").as_deref(), Some("partially_implemented"));
    assert_eq!(a.team().digests().unwrap(), b.team().digests().unwrap());
    let stale: i64 =
        a.conn().query_row("SELECT count(*) FROM assessments WHERE summary_stale = 1", [], |r| r.get(0)).unwrap();
    assert_eq!(stale, 0);
    // Idempotent: nothing new, nothing applied twice.
    let again = a.team().sync().unwrap();
    assert!(again.sent.is_none() && again.applied.is_empty(), "{again:?}");
}

/// A shares a client (control A.5.1, notes "start"); B and `more` other members join; A and B
/// change the notes ("from A", "from B") without seeing each other's; A, B, A sync. Returns A,
/// B, the others and the client.
fn both_edit_notes(folder: &Path, name: &str, more: usize) -> (Store, Store, Vec<Store>, ClientId) {
    let mut a = Store::open_in_memory().unwrap();
    team_of(folder, &mut a);
    let client = new_client(&mut a, name);
    set_field(&mut a, client, "A.5.1", "notes", "start");
    a.team().share(client, Sharing::Shared).unwrap();
    a.team().sync().unwrap();
    let mut b = joined(folder);
    let others = (0..more).map(|_| joined(folder)).collect();
    set_field(&mut a, client, "A.5.1", "notes", "from A");
    set_field(&mut b, client, "A.5.1", "notes", "from B");
    a.team().sync().unwrap();
    b.team().sync().unwrap();
    a.team().sync().unwrap();
    (a, b, others, client)
}

#[test]
fn the_same_field_on_two_devices_one_winner_everywhere_and_the_other_in_the_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, _, client) = both_edit_notes(dir.path(), "Twice GmbH", 0);
    let on_a = field(&a, client, "A.5.1", "notes");
    assert_eq!(on_a, field(&b, client, "A.5.1", "notes"));
    // B wrote last (a higher stamp), so B's value wins on both.
    assert_eq!(on_a.as_deref(), Some("from B"));
    let conflicts = a.team().conflicts(ConflictList::Open).unwrap();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    let c = &conflicts[0];
    assert_eq!(
        (c.field.as_deref(), c.mine.as_str(), c.theirs.as_str()),
        (Some("notes"), Some("from A"), Some("from B"))
    );
    assert_eq!(c.winner, "theirs");
    let on_b = b.team().conflicts(ConflictList::Open).unwrap();
    assert_eq!(on_b.len(), 1, "{on_b:?}");
    assert_eq!(
        (on_b[0].mine.as_str(), on_b[0].theirs.as_str(), on_b[0].winner.as_str()),
        (Some("from B"), Some("from A"), "mine")
    );

    // A keeps its own value: a new edit that wins everywhere.
    a.team().resolve(c.id, Keep::Mine).unwrap();
    assert!(a.team().conflicts(ConflictList::Open).unwrap().is_empty());
    a.team().sync().unwrap();
    b.team().sync().unwrap();
    assert_eq!(field(&b, client, "A.5.1", "notes").as_deref(), Some("from A"));
    assert_eq!(a.team().digests().unwrap(), b.team().digests().unwrap());
    // A's choice, made with both values in view, closes B's entry too: B's list no longer says
    // that B's value holds.
    assert!(b.team().conflicts(ConflictList::Open).unwrap().is_empty());
    let closed = &b.team().conflicts(ConflictList::All).unwrap()[0];
    let a_device = a.team().status().unwrap().device_id;
    assert_eq!(
        (closed.resolution.as_deref(), closed.resolved_by.as_deref()),
        (Some("theirs"), Some(a_device.as_str()))
    );
}

#[test]
fn a_later_edit_with_both_sides_in_view_closes_the_conflict_and_one_without_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b, others, client) = both_edit_notes(dir.path(), "Third GmbH", 1);
    let mut c = others.into_iter().next().unwrap();
    // C had seen neither value when it wrote: A's and B's conflict stay open, C's value wins.
    set_field(&mut c, client, "A.5.1", "notes", "from C, unaware");
    c.team().sync().unwrap();
    a.team().sync().unwrap();
    assert_eq!(field(&a, client, "A.5.1", "notes").as_deref(), Some("from C, unaware"));
    assert!(a.team().conflicts(ConflictList::Open).unwrap().iter().any(|x| x.kind == "field"));
    // B writes a third value having seen everything: every list closes it as a later edit.
    b.team().sync().unwrap();
    set_field(&mut b, client, "A.5.1", "notes", "merged by B");
    b.team().sync().unwrap();
    for store in [&mut a, &mut b, &mut c] {
        store.team().sync().unwrap();
        assert_eq!(field(store, client, "A.5.1", "notes").as_deref(), Some("merged by B"));
        assert!(
            store.team().conflicts(ConflictList::Open).unwrap().is_empty(),
            "{:?}",
            store.team().conflicts(ConflictList::Open)
        );
        for closed in store.team().conflicts(ConflictList::All).unwrap() {
            assert_eq!(closed.resolution.as_deref(), Some("later_edit"), "{closed:?}");
        }
    }
}

/// A shares a client with a control (notes "start", owner "IT"); B joins; A deletes the control
/// while B edits its notes ("edited on B"); both sync until each has seen the other. Returns A,
/// B and the client.
fn edit_against_delete(folder: &Path, name: &str) -> (Store, Store, ClientId) {
    let mut a = Store::open_in_memory().unwrap();
    team_of(folder, &mut a);
    let client = new_client(&mut a, name);
    set_field(&mut a, client, "A.5.1", "notes", "start");
    set_field(&mut a, client, "A.5.1", "owner", "IT");
    a.team().share(client, Sharing::Shared).unwrap();
    a.team().sync().unwrap();
    let mut b = joined(folder);
    delete_control(&mut a, client, "A.5.1");
    set_field(&mut b, client, "A.5.1", "notes", "edited on B");
    b.team().sync().unwrap();
    a.team().sync().unwrap();
    b.team().sync().unwrap();
    (a, b, client)
}

#[test]
fn a_delete_wins_over_an_edit_and_the_edit_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b, client) = edit_against_delete(dir.path(), "Delete GmbH");
    assert_eq!(field(&a, client, "A.5.1", "notes"), None);
    assert_eq!(field(&b, client, "A.5.1", "notes"), None);
    assert_eq!(a.team().digests().unwrap(), b.team().digests().unwrap());
    let listed = |s: &mut Store| {
        s.team().conflicts(ConflictList::Open).unwrap().iter().any(|c| c.to_string_lossy().contains("edited on B"))
    };
    assert!(listed(&mut a) && listed(&mut b));
}

#[test]
fn a_deleted_row_comes_back_when_a_person_keeps_the_edit() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b, client) = edit_against_delete(dir.path(), "Restore GmbH");
    assert_eq!(field(&b, client, "A.5.1", "notes"), None, "the delete wins first");
    // On B, the deletion came from the team and B's edit lost: B keeps its edit.
    let lost = b.team().conflicts(ConflictList::Open).unwrap();
    let conflict = lost.iter().find(|c| c.kind == "deleted_with_edits").expect("B's edit is listed");
    assert_eq!((conflict.winner.as_str(), conflict.field.as_deref()), ("theirs", None));
    let resolved = b.team().resolve(conflict.id, Keep::Mine).unwrap();
    assert_eq!(resolved.resolution.as_deref(), Some("mine"));
    // The row is back with B's edit and the fields no one edited (the owner) as the team last had
    // them; the next syncs bring it back on A too.
    assert_eq!(field(&b, client, "A.5.1", "notes").as_deref(), Some("edited on B"));
    assert_eq!(field(&b, client, "A.5.1", "owner").as_deref(), Some("IT"));
    b.team().sync().unwrap();
    a.team().sync().unwrap();
    assert_eq!(field(&a, client, "A.5.1", "notes").as_deref(), Some("edited on B"));
    assert_eq!(field(&a, client, "A.5.1", "owner").as_deref(), Some("IT"));
    assert_eq!(a.team().digests().unwrap(), b.team().digests().unwrap());
    // B's choice closes A's entry of the same conflict: the row exists on A's "theirs" side.
    assert!(a.team().conflicts(ConflictList::Open).unwrap().is_empty());
    let closed = &a.team().conflicts(ConflictList::All).unwrap()[0];
    let b_device = b.team().status().unwrap().device_id;
    assert_eq!((closed.kind.as_str(), closed.resolution.as_deref()), ("edit_of_deleted", Some("theirs")));
    assert_eq!(closed.resolved_by.as_deref(), Some(b_device.as_str()));

    // On A, the same row deleted again; B edits it; A's delete wins again. This time A keeps B's
    // edit from its own list ("theirs": the edit of a row A deleted).
    delete_control(&mut a, client, "A.5.1");
    set_field(&mut b, client, "A.5.1", "notes", "edited on B again");
    b.team().sync().unwrap();
    a.team().sync().unwrap();
    let on_a = a.team().conflicts(ConflictList::Open).unwrap();
    let conflict = on_a.iter().rfind(|c| c.kind == "edit_of_deleted").expect("B's edit is listed on A");
    assert!(conflict.theirs.to_string().contains("edited on B again"), "{conflict:?}");
    assert_eq!(field(&a, client, "A.5.1", "notes"), None);
    a.team().resolve(conflict.id, Keep::Theirs).unwrap();
    assert_eq!(field(&a, client, "A.5.1", "notes").as_deref(), Some("edited on B again"));
    a.team().sync().unwrap();
    b.team().sync().unwrap();
    assert_eq!(field(&b, client, "A.5.1", "notes").as_deref(), Some("edited on B again"));
    assert_eq!(a.team().digests().unwrap(), b.team().digests().unwrap());
}

#[test]
fn a_row_whose_assessment_is_gone_cannot_come_back_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (_a, b, client) = edit_against_delete(dir.path(), "Parent Gone GmbH");
    // The whole assessment goes on B before B looks at the conflict.
    b.write(|tx| {
        tx.execute("DELETE FROM assessments WHERE client_id = ?1", [client.to_string()])?;
        Ok(())
    })
    .unwrap();
    let conflict =
        b.team().conflicts(ConflictList::Open).unwrap().into_iter().find(|c| c.kind == "deleted_with_edits").unwrap();
    let message = b.team().resolve(conflict.id, Keep::Mine).unwrap_err().to_string();
    assert!(message.contains("cannot come back"), "{message}");
    let still = b.team().conflicts(ConflictList::Open).unwrap();
    assert!(still.iter().any(|c| c.id == conflict.id && c.resolved_at.is_none()), "the conflict stays open");
    assert_eq!(field(&b, client, "A.5.1", "notes"), None);
}

impl Conflict {
    fn to_string_lossy(&self) -> String {
        format!("{} {}", self.mine, self.theirs)
    }
}

#[test]
fn unsharing_stops_sending_and_sharing_again_sends_the_client_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open_in_memory().unwrap();
    team_of(dir.path(), &mut a);
    let client = new_client(&mut a, "Onoff GmbH");
    set_field(&mut a, client, "A.5.1", "notes", "v1");
    a.team().share(client, Sharing::Shared).unwrap();
    a.team().sync().unwrap();
    let b = joined(dir.path());
    a.team().share(client, Sharing::Private).unwrap();
    set_field(&mut a, client, "A.5.1", "notes", "private now");
    let report = a.team().sync().unwrap();
    assert!(report.sent.is_none(), "unsharing sends nothing, not even deletes: {report:?}");
    b.team().sync().unwrap();
    assert_eq!(field(&b, client, "A.5.1", "notes").as_deref(), Some("v1"));
    a.team().share(client, Sharing::Shared).unwrap();
    a.team().sync().unwrap();
    b.team().sync().unwrap();
    assert_eq!(field(&b, client, "A.5.1", "notes").as_deref(), Some("private now"));
    assert_eq!(a.team().digests().unwrap(), b.team().digests().unwrap());
}

fn own_file(dir: &Path, store: &mut Store, seq: u64) -> PathBuf {
    let device = store.team().status().unwrap().device_id;
    dir.join("devices").join(device).join(format!("{seq}.cwsync"))
}

/// A and B in a team with one shared client; A has written file 1 and B has applied it.
fn pair() -> (tempfile::TempDir, Store, Store, ClientId) {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open_in_memory().unwrap();
    team_of(dir.path(), &mut a);
    let client = new_client(&mut a, "Pair GmbH");
    set_field(&mut a, client, "A.5.1", "notes", "v1");
    a.team().share(client, Sharing::Shared).unwrap();
    a.team().sync().unwrap();
    let b = joined(dir.path());
    (dir, a, b, client)
}

fn unchanged_after(b: &mut Store, expect: &str) -> SyncReport {
    let before = b.team().digests().unwrap();
    let report = b.team().sync().unwrap();
    assert_eq!(b.team().digests().unwrap(), before, "the portfolio is unchanged");
    assert!(report.applied.is_empty(), "{report:?}");
    let said = format!("{:?}", report.refused) + &format!("{:?}", report.waiting);
    assert!(said.contains(expect), "expected {expect:?} in {said}");
    report
}

#[test]
fn a_flipped_byte_a_truncated_file_and_a_foreign_file_apply_nothing_and_say_why() {
    let (dir, mut a, mut b, client) = pair();
    set_field(&mut a, client, "A.5.1", "notes", "v2");
    a.team().sync().unwrap();
    let path = own_file(dir.path(), &mut a, 2);
    let good = std::fs::read(&path).unwrap();

    let mut flipped = good.clone();
    flipped[good.len() / 2] ^= 0x01;
    std::fs::write(&path, &flipped).unwrap();
    unchanged_after(&mut b, "damaged, truncated or was altered");

    std::fs::write(&path, &good[..good.len() - 10]).unwrap();
    unchanged_after(&mut b, "damaged, truncated or was altered");

    // A file of another team (same passphrase, another team id) in A's place.
    let other = tempfile::tempdir().unwrap();
    let mut c = Store::open_in_memory().unwrap();
    team_of(other.path(), &mut c);
    let theirs = new_client(&mut c, "Other GmbH");
    c.team().share(theirs, Sharing::Shared).unwrap();
    c.team().sync().unwrap();
    std::fs::copy(own_file(other.path(), &mut c, 1), &path).unwrap();
    unchanged_after(&mut b, "belongs to another team");

    std::fs::write(&path, &good).unwrap();
    let report = b.team().sync().unwrap();
    assert_eq!(report.applied.len(), 1, "{report:?}");
    assert_eq!(field(&b, client, "A.5.1", "notes").as_deref(), Some("v2"));
}

#[test]
fn a_missing_number_waits_and_says_so() {
    let (dir, mut a, mut b, client) = pair();
    set_field(&mut a, client, "A.5.1", "notes", "v2");
    a.team().sync().unwrap();
    set_field(&mut a, client, "A.5.1", "notes", "v3");
    a.team().sync().unwrap();
    let second = own_file(dir.path(), &mut a, 2);
    let held = std::fs::read(&second).unwrap();
    std::fs::remove_file(&second).unwrap();
    let report = unchanged_after(&mut b, "missing_seq: 2");
    assert_eq!(report.waiting.len(), 1);
    std::fs::write(&second, held).unwrap();
    let report = b.team().sync().unwrap();
    assert_eq!(report.applied.len(), 2, "{report:?}");
    assert_eq!(field(&b, client, "A.5.1", "notes").as_deref(), Some("v3"));
}

#[test]
fn a_folder_that_vanishes_leaves_the_portfolio_unchanged() {
    let (dir, mut a, mut b, client) = pair();
    set_field(&mut a, client, "A.5.1", "notes", "v2");
    a.team().sync().unwrap();
    let moved = dir.path().with_extension("away");
    std::fs::rename(dir.path(), &moved).unwrap();
    let before = b.team().digests().unwrap();
    set_field(&mut b, client, "A.5.2", "notes", "local");
    let err = b.team().sync().unwrap_err().to_string();
    assert!(err.contains("cannot be read") && err.contains("nothing was changed"), "{err}");
    assert_ne!(b.team().digests().unwrap(), before, "the local edit stays local");
    // Devices folder gone mid-way (team.json still there): refused before anything applies.
    std::fs::rename(&moved, dir.path()).unwrap();
    let devices = dir.path().join("devices");
    std::fs::rename(&devices, dir.path().join("gone")).unwrap();
    let digest = b.team().digests().unwrap();
    assert!(b.team().sync().is_err());
    assert_eq!(b.team().digests().unwrap(), digest);
    std::fs::rename(dir.path().join("gone"), &devices).unwrap();
    // Back: B's edit goes out and A's comes in; nothing was lost or sent twice.
    let report = b.team().sync().unwrap();
    assert!(report.sent.is_some() && report.applied.len() == 1, "{report:?}");
    a.team().sync().unwrap();
    assert_eq!(a.team().digests().unwrap(), b.team().digests().unwrap());
}

#[test]
fn a_crash_after_the_commit_writes_the_same_file_at_the_next_sync() {
    let (dir, mut a, b, client) = pair();
    set_field(&mut a, client, "A.5.1", "notes", "v2");
    a.team().sync().unwrap();
    let path = own_file(dir.path(), &mut a, 2);
    let written = std::fs::read(&path).unwrap();
    // As if the process had died between the commit and the folder write.
    std::fs::remove_file(&path).unwrap();
    a.write(|tx| {
        tx.execute("INSERT INTO sync_outbox (seq, bytes) VALUES (2, ?1)", [&written])?;
        Ok(())
    })
    .unwrap();
    assert_eq!(a.team().status().unwrap().files_unwritten, 1);
    let report = a.team().sync().unwrap();
    assert!(report.sent.is_none(), "{report:?}");
    assert_eq!(std::fs::read(&path).unwrap(), written);
    assert_eq!(a.team().status().unwrap().files_unwritten, 0);
    b.team().sync().unwrap();
    assert_eq!(field(&b, client, "A.5.1", "notes").as_deref(), Some("v2"));
}

#[test]
fn a_wrong_passphrase_cannot_join_and_a_snapshot_starts_a_new_member() {
    let (dir, mut a, b, client) = pair();
    let c = Store::open_in_memory().unwrap();
    let err = c.team().join(dir.path(), &Secret::from("not it")).unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase { .. }), "{err}");
    assert!(c.team().status().is_err(), "a refused join leaves no team behind");
    set_field(&mut a, client, "A.5.1", "notes", "before the snapshot");
    a.team().sync().unwrap();
    b.team().sync().unwrap();
    let done = a.team().compact().unwrap();
    // A's newest file stays (it says where A's files start); file 1 is covered and applied.
    assert_eq!(done, Compaction { snapshot: 1, pruned: 1 });
    set_field(&mut a, client, "A.5.3", "notes", "after the snapshot");
    assert_eq!(a.team().sync().unwrap().pruned, 1, "file 2: B has applied it, the snapshot covers it");
    assert!(own_file(dir.path(), &mut a, 3).exists());
    let report = c.team().join(dir.path(), &pass()).unwrap();
    assert!(report.snapshot.is_some(), "{report:?}");
    assert_eq!(report.applied.len(), 1, "only the changeset after the snapshot: {report:?}");
    assert_eq!(c.team().digests().unwrap(), a.team().digests().unwrap());
}

fn own_files(dir: &Path, store: &mut Store) -> (Vec<u64>, Vec<u64>) {
    let device: Uuid = store.team().status().unwrap().device_id.parse().unwrap();
    let (changesets, snapshots) = list_device(dir, device).unwrap();
    (changesets.into_iter().collect(), snapshots.into_iter().collect())
}

#[test]
fn a_file_is_deleted_only_once_every_member_has_applied_it_and_a_snapshot_covers_it() {
    let (dir, mut a, mut b, client) = pair();
    let mut c = joined(dir.path());
    for (i, note) in ["v2", "v3", "v4"].iter().enumerate() {
        set_field(&mut a, client, "A.5.1", "notes", note);
        let report = a.team().sync().unwrap();
        assert_eq!(report.sent.as_ref().map(|s| s.seq), Some(i as u64 + 2));
    }
    // No snapshot covers anything yet: everything stays.
    assert_eq!(a.team().sync().unwrap().pruned, 0);
    b.team().sync().unwrap();
    // C has applied only file 1: the snapshot lets that one go, the others stay for C.
    assert_eq!(a.team().compact().unwrap(), Compaction { snapshot: 1, pruned: 1 });
    assert_eq!(own_files(dir.path(), &mut a), (vec![2, 3, 4], vec![1]));
    c.team().sync().unwrap();
    // Now both have applied 1 to 4 and snapshot 1 covers them: all but the newest go.
    set_field(&mut a, client, "A.5.2", "notes", "more");
    let report = a.team().sync().unwrap();
    assert_eq!(report.pruned, 3, "{report:?}");
    assert_eq!(own_files(dir.path(), &mut a), (vec![5], vec![1]));
    // A second snapshot replaces the first.
    b.team().sync().unwrap();
    c.team().sync().unwrap();
    assert_eq!(a.team().compact().unwrap(), Compaction { snapshot: 2, pruned: 1 });
    assert_eq!(own_files(dir.path(), &mut a), (vec![5], vec![2]));
    // B and C are level with A, and a new member starts from the snapshot and catches up.
    let d = joined(dir.path());
    assert_eq!(d.team().digests().unwrap(), a.team().digests().unwrap());
    for store in [&mut b, &mut c] {
        let report = store.team().sync().unwrap();
        assert!(report.waiting.is_empty() && report.refused.is_empty(), "{report:?}");
        assert_eq!(store.team().digests().unwrap(), a.team().digests().unwrap());
    }
}

#[test]
fn a_member_who_left_is_not_waited_for_and_one_who_is_away_is() {
    let (dir, mut a, b, client) = pair();
    let c = joined(dir.path());
    set_field(&mut a, client, "A.5.1", "notes", "v2");
    a.team().sync().unwrap();
    set_field(&mut a, client, "A.5.1", "notes", "v3");
    a.team().sync().unwrap();
    b.team().sync().unwrap();
    // C is away: A keeps every file C has not applied (2 and 3), file 1 goes.
    assert_eq!(a.team().compact().unwrap().pruned, 1);
    // C leaves while the folder is there: A stops keeping files for it.
    c.team().leave().unwrap();
    assert_eq!(a.team().compact().unwrap(), Compaction { snapshot: 2, pruned: 2 }, "file 2, snapshot 1");
    assert_eq!(own_files(dir.path(), &mut a), (vec![3], vec![2]));
    let report = b.team().sync().unwrap();
    assert!(report.waiting.is_empty() && report.refused.is_empty(), "{report:?}");
    // Joined again, C is a new device and starts from the snapshot (its copy of the client
    // stays private until it shares it again); so does a new member.
    let report = c.team().join(dir.path(), &pass()).unwrap();
    assert!(report.snapshot.is_some() && report.refused.is_empty() && report.waiting.is_empty(), "{report:?}");
    let d = Store::open_in_memory().unwrap();
    let report = d.team().join(dir.path(), &pass()).unwrap();
    assert!(report.snapshot.is_some() && report.refused.is_empty() && report.waiting.is_empty(), "{report:?}");
    assert_eq!(d.team().digests().unwrap(), a.team().digests().unwrap());
}

#[test]
fn a_damaged_receipt_keeps_every_file() {
    let (dir, mut a, b, client) = pair();
    set_field(&mut a, client, "A.5.1", "notes", "v2");
    a.team().sync().unwrap();
    b.team().sync().unwrap();
    let receipt = dir.path().join("devices").join(b.team().status().unwrap().device_id).join(RECEIPT_FILE);
    let good = std::fs::read(&receipt).unwrap();
    let mut bad = good.clone();
    *bad.last_mut().unwrap() ^= 1;
    std::fs::write(&receipt, &bad).unwrap();
    assert_eq!(a.team().compact().unwrap().pruned, 0, "B's receipt cannot be read: A keeps its files");
    std::fs::write(&receipt, &good).unwrap();
    assert_eq!(a.team().compact().unwrap().pruned, 2, "file 1 and snapshot 1; file 2 is the newest");
    assert_eq!(own_files(dir.path(), &mut a), (vec![2], vec![2]));
}

#[test]
fn a_new_member_passes_over_a_snapshot_whose_later_files_are_gone() {
    let (dir, mut a, mut b, client) = pair();
    for note in ["v2", "v3"] {
        set_field(&mut a, client, "A.5.1", "notes", note);
        a.team().sync().unwrap();
    }
    // B has applied only A's file 1, so the compaction deletes that one alone.
    assert_eq!(a.team().compact().unwrap(), Compaction { snapshot: 1, pruned: 1 });
    // B does not see A's files 2 and 3 nor its snapshot yet (the folder is still syncing) and
    // writes a snapshot covering more files than A's: A's 1 and its own 1 to 4.
    let a_dir = dir.path().join("devices").join(a.team().status().unwrap().device_id);
    let away = tempfile::tempdir().unwrap();
    for name in ["2.cwsync", "3.cwsync", "snapshot-1.cwsync"] {
        std::fs::rename(a_dir.join(name), away.path().join(name)).unwrap();
    }
    for i in 0..4 {
        set_field(&mut b, client, "A.5.2", "notes", &format!("b{i}"));
        b.team().sync().unwrap();
    }
    assert_eq!(b.team().compact().unwrap().snapshot, 1);
    for name in ["2.cwsync", "3.cwsync", "snapshot-1.cwsync"] {
        std::fs::rename(away.path().join(name), a_dir.join(name)).unwrap();
    }
    // A's file 2 is gone too (as if A had pruned it, going by its own snapshot): after B's
    // snapshot, A's file 2 is missing, so a new member starts from A's.
    std::fs::remove_file(a_dir.join("2.cwsync")).unwrap();
    let c = joined(dir.path());
    let report = c.team().sync().unwrap();
    assert!(report.waiting.is_empty() && report.refused.is_empty(), "{report:?}");
    a.team().sync().unwrap();
    assert_eq!(c.team().digests().unwrap(), a.team().digests().unwrap());
}

#[test]
fn a_changeset_of_a_newer_sync_schema_is_refused_with_update_crosswalk() {
    let (dir, mut a, mut b, client) = pair();
    set_field(&mut a, client, "A.5.1", "notes", "v2");
    let cfg = config(a.conn()).unwrap();
    let header = Header {
        kind: FileKind::Changeset,
        schema: format::SYNC_SCHEMA + 1,
        team: cfg.team,
        device: cfg.device,
        seq: 2,
        clock: format::now_ms(),
    };
    let sealed = format::seal(&cfg.key, &header, b"anything").unwrap();
    std::fs::write(own_file(dir.path(), &mut a, 2), sealed).unwrap();
    unchanged_after(&mut b, "update Crosswalk");
}

// The property: random offline edits on three to five devices (and members joining later, from
// a snapshot), synced and compacted in random orders and subsets, converge; every edit is in the
// data, in a conflict list, or was replaced by a device that had seen it; no device ever waits
// for a file that was deleted.

#[derive(Debug, Clone)]
enum Step {
    Edit { device: usize, client: usize, control: usize, what: Edit },
    Sync { device: usize },
    Unshare { device: usize, client: usize },
    Compact { device: usize },
    Join,
}

/// The most devices a scenario grows to by joining.
const MAX_DEVICES: usize = 6;

#[derive(Debug, Clone)]
enum Edit {
    Status(usize),
    Notes(u8),
    Delete,
}

const STATUSES: [&str; 3] = ["not_implemented", "partially_implemented", "implemented"];

/// A step's device is taken modulo the devices there are at that step.
fn step() -> impl Strategy<Value = Step> {
    let edit =
        prop_oneof![(0..STATUSES.len()).prop_map(Edit::Status), any::<u8>().prop_map(Edit::Notes), Just(Edit::Delete),];
    let device = 0..MAX_DEVICES;
    prop_oneof![
        12 => (device.clone(), 0..2usize, 0..3usize, edit).prop_map(|(device, client, control, what)| Step::Edit { device, client, control, what }),
        6 => device.clone().prop_map(|device| Step::Sync { device }),
        2 => (device.clone(), 0..2usize).prop_map(|(device, client)| Step::Unshare { device, client }),
        2 => device.prop_map(|device| Step::Compact { device }),
        1 => Just(Step::Join),
    ]
}

fn scenario() -> impl Strategy<Value = (usize, Vec<Step>)> {
    (3..=5usize).prop_flat_map(|n| (Just(n), proptest::collection::vec(step(), 10..40)))
}

/// Copies every changeset in the team folder that `archive` does not hold yet (devices delete
/// their own once nobody needs them; the check of lost edits reads them all).
fn keep_files(dir: &Path, archive: &Path) {
    for device in list_devices(dir).unwrap() {
        let to = device_dir(archive, device);
        std::fs::create_dir_all(&to).unwrap();
        for seq in list_device(dir, device).unwrap().0 {
            if !to.join(changeset_name(seq)).exists() {
                std::fs::copy(device_dir(dir, device).join(changeset_name(seq)), to.join(changeset_name(seq))).unwrap();
            }
        }
    }
}

/// A write a file carried, read back from the folder.
struct Written {
    device: Uuid,
    seq: u64,
    covers: BTreeMap<Uuid, u64>,
    table: String,
    key: String,
    column: Option<String>,
    value: serde_json::Value,
}

fn written(dir: &Path, key: &[u8; 32], team: Uuid) -> Vec<Written> {
    let mut out = Vec::new();
    for device in list_devices(dir).unwrap() {
        let (changesets, _) = list_device(dir, device).unwrap();
        for seq in changesets {
            let bytes = std::fs::read(device_dir(dir, device).join(changeset_name(seq))).unwrap();
            let (_, payload) = format::open(key, team, &bytes, "f").unwrap();
            let contents = Snapshot::decode(&payload).unwrap();
            let covers: BTreeMap<Uuid, u64> = contents.covers.iter().copied().collect();
            for change in read_changes(&contents.changeset).unwrap() {
                let table = &TABLES[change.table];
                if table.name != "sync_assessment_controls" {
                    continue;
                }
                let names = [
                    "client_id",
                    "date",
                    "control_id",
                    "status",
                    "notes",
                    "evidence",
                    "owner",
                    "due",
                    "justification",
                    "updated_at",
                ];
                let make = |column: Option<String>, value: serde_json::Value| Written {
                    device,
                    seq,
                    covers: covers.clone(),
                    table: table.name.into(),
                    key: key_json(&change.key),
                    column,
                    value,
                };
                if change.op == Op::Delete {
                    out.push(make(None, serde_json::Value::Null));
                    continue;
                }
                for (i, v) in &change.fields {
                    if matches!(names[*i], "status" | "notes") {
                        out.push(make(Some(names[*i].into()), value_to_json(v.into())));
                    }
                }
            }
        }
    }
    out
}

fn run_scenario(devices: usize, steps: &[Step]) -> std::result::Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let mut stores = vec![Store::open_in_memory().unwrap()];
    team_of(dir.path(), &mut stores[0]);
    let clients = [new_client(&mut stores[0], "One GmbH"), new_client(&mut stores[0], "Two GmbH")];
    for &c in &clients {
        set_field(&mut stores[0], c, "C0", "notes", "start");
        stores[0].team().share(c, Sharing::Shared).unwrap();
    }
    stores[0].team().sync().unwrap();
    for _ in 1..devices {
        stores.push(joined(dir.path()));
    }
    let archive = tempfile::tempdir().unwrap();
    let mut unshared: BTreeSet<(usize, usize)> = BTreeSet::new();
    for step in steps {
        keep_files(dir.path(), archive.path());
        match step {
            Step::Edit { device, client, control, what } => {
                let device = &(device % stores.len());
                let (store, c, control) = (&mut stores[*device], clients[*client], format!("C{control}"));
                match what {
                    Edit::Status(s) => set_field(store, c, &control, "status", STATUSES[*s]),
                    Edit::Notes(n) => set_field(store, c, &control, "notes", &format!("note {n} by {device}")),
                    Edit::Delete => delete_control(store, c, &control),
                }
            }
            Step::Sync { device } => {
                let n = stores.len();
                let report = stores[device % n].team().sync().unwrap();
                prop_assert!(report.refused.is_empty() && report.waiting.is_empty(), "{report:?}");
            }
            Step::Compact { device } => {
                let n = stores.len();
                stores[device % n].team().compact().unwrap();
            }
            Step::Join => {
                if stores.len() < MAX_DEVICES {
                    let store = Store::open_in_memory().unwrap();
                    let report = store.team().join(dir.path(), &pass()).unwrap();
                    prop_assert!(report.refused.is_empty() && report.waiting.is_empty(), "{report:?}");
                    stores.push(store);
                }
            }
            Step::Unshare { device, client } => {
                let device = &(device % stores.len());
                // At most one device unshares a client, and never its last holder.
                if *device != 0 && unshared.iter().all(|(_, c)| c != client) {
                    stores[*device].team().share(clients[*client], Sharing::Private).unwrap();
                    unshared.insert((*device, *client));
                }
            }
        }
    }
    for _ in 0..2 {
        for store in stores.iter_mut() {
            let report = store.team().sync().unwrap();
            prop_assert!(report.refused.is_empty() && report.waiting.is_empty(), "{report:?}");
        }
    }
    keep_files(dir.path(), archive.path());
    let devices = stores.len();
    // Everyone holding a client shared holds the same data for it.
    let digests: Vec<BTreeMap<String, String>> = stores.iter_mut().map(|s| s.team().digests().unwrap()).collect();
    for (i, &client) in clients.iter().enumerate() {
        let id = client.to_string();
        let holders: Vec<&String> = (0..devices)
            .filter(|d| !unshared.contains(&(*d, i)))
            .map(|d| digests[d].get(&id).expect("a client shared here"))
            .collect();
        prop_assert!(holders.windows(2).all(|w| w[0] == w[1]), "client {i} differs: {holders:?}");
    }
    // Every write is in the data, in a conflict list, or replaced by a device that had seen it.
    let cfg = config(stores[0].conn()).unwrap();
    let writes = written(archive.path(), &cfg.key, cfg.team);
    let mut conflicts = Vec::new();
    for store in stores.iter_mut() {
        conflicts.extend(store.team().conflicts(ConflictList::All).unwrap());
    }
    let holder = &stores[0];
    for w in &writes {
        let key: Vec<serde_json::Value> = serde_json::from_str(&w.key).unwrap();
        let client: ClientId = key[0].as_str().unwrap().parse().unwrap();
        let control = key[2].as_str().unwrap();
        let replaced = writes.iter().any(|o| {
            o.key == w.key
                && (o.column == w.column || o.column.is_none() || w.column.is_none())
                && (o.device, o.seq) != (w.device, w.seq)
                && if o.device == w.device {
                    o.seq > w.seq
                } else {
                    o.covers.get(&w.device).is_some_and(|&s| s >= w.seq)
                }
        });
        if replaced {
            continue;
        }
        let key_value: serde_json::Value = serde_json::from_str(&w.key).unwrap();
        let listed = conflicts.iter().any(|c| {
            c.key == key_value
                && (w.column.is_none() || c.field.is_none() || c.field == w.column)
                && (w.column.is_none()
                    || [&c.mine, &c.theirs]
                        .iter()
                        .any(|v| **v == w.value || v.get(w.column.as_deref().unwrap()) == Some(&w.value)))
        });
        let in_data = match &w.column {
            Some(column) => {
                field(holder, client, control, column).map(serde_json::Value::from) == Some(w.value.clone())
            }
            None => field(holder, client, control, "status").is_none(),
        };
        prop_assert!(
            in_data || listed,
            "lost: {:?} {} {:?} = {} (file {} of {})",
            w.table,
            w.key,
            w.column,
            w.value,
            w.seq,
            w.device
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn devices_converge_and_no_edit_disappears((devices, steps) in scenario()) {
        run_scenario(devices, &steps)?;
    }
}
