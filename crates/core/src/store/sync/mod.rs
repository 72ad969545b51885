//! Team sync, the store side: what goes out, how what comes in is merged, and how it reaches
//! the real tables. The files and the clock are `crate::sync`; the rules are in ARCHITECTURE.md
//! ("Team sync") and the trust model in SECURITY.md.
//!
//! One sync, in order:
//!
//! 1. **Out.** The shared clients' rows of the real tables are copied into an in-memory schema
//!    `cur` of `sync_*` tables; SQLite's session extension diffs it against the base (the same
//!    tables in the portfolio, the state last exchanged). The changeset is exactly what changed
//!    here since, whatever made the change. In one transaction: its stamp is taken (above every
//!    stamp seen), it is merged into the team state (`sync_rows`, `sync_fields`), applied to the
//!    base with `Connection::apply`, and the sealed file is put in the outbox with its number.
//!    After the commit the file is written into the folder (temporary name, sync, rename) and
//!    leaves the outbox; a crash between the two writes it at the next sync, with the same bytes.
//! 2. **In.** Every other device's files after the last one applied here, in (device, number)
//!    order, all read and checked before any is applied. Each is merged in its own transaction
//!    with the number recorded as applied, so a file is applied once. The merge updates the team
//!    state by the rule below, then recomputes the touched rows in `cur` with a session recording:
//!    that changeset is applied to the base and written back to the real tables.
//!
//! The rule (the same on every device, whatever the order files arrive in): every field keeps the
//! value of its write with the highest stamp; a row exists when its last insert or delete (by
//! stamp) is an insert; an update never brings a deleted row back (the delete wins over a
//! concurrent edit); a row is shown only when the rows it needs (its client, its assessment) are.
//! A value that lost to a write its author had not seen is listed in `sync_conflicts`.

mod tables;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;
use rusqlite::session::{ChangesetItem, ChangesetIter, ConflictAction, ConflictType, Session};
use rusqlite::types::{Value, ValueRef};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;
use uuid::Uuid;
use zeroize::Zeroizing;

use super::{now_utc, Store};
use crate::domain::ClientId;
use crate::package::KdfParams;
use crate::secret::Secret;
use crate::sync::{self as format, Covers, FileKind, Header, Snapshot, Stamp, TeamFile};
use crate::{Error, Result};

use tables::{SyncTable, TABLES};

/// Prepared statements kept during a sync.
const STATEMENT_CACHE: usize = 256;

/// Own changesets between two automatic snapshots.
pub const SNAPSHOT_EVERY: u64 = 200;

/// The team this portfolio syncs with.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct TeamStatus {
    pub folder: String,
    pub team_id: String,
    pub device_id: String,
    /// Changesets this device has written into the folder.
    #[ts(type = "number")]
    pub files_written: u64,
    /// Committed here but not yet in the folder (written at the next sync).
    #[ts(type = "number")]
    pub files_unwritten: u64,
    #[ts(type = "number")]
    pub shared_clients: u64,
    #[ts(type = "number")]
    pub open_conflicts: u64,
    pub peers: Vec<PeerStatus>,
    /// When a sync last ran to its end (UTC, RFC 3339); none before the first.
    pub last_sync_at: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct PeerStatus {
    pub device_id: String,
    /// The last of its changesets applied here.
    #[ts(type = "number")]
    pub applied: u64,
    /// Its highest changeset in the folder now (0 when the folder cannot be read).
    #[ts(type = "number")]
    pub in_folder: u64,
}

/// What one sync did.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq, TS)]
pub struct SyncReport {
    /// The changeset written by this device, if anything changed here.
    pub sent: Option<SentFile>,
    /// The snapshot started from (`team join`).
    pub snapshot: Option<AppliedFile>,
    pub applied: Vec<AppliedFile>,
    /// Devices whose next changeset is not in the folder yet while a later one is: sync waits.
    pub waiting: Vec<Waiting>,
    /// Files refused, each with its reason; nothing of them was applied.
    pub refused: Vec<Refused>,
    #[ts(type = "number")]
    pub new_conflicts: u64,
    #[ts(type = "number")]
    pub open_conflicts: u64,
    /// This device's own files deleted from the folder because nobody needs them any more
    /// (every other device has applied them and a snapshot covers them).
    #[ts(type = "number")]
    pub pruned: u64,
}

/// What `team compact` did.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, TS)]
pub struct Compaction {
    /// The number of the snapshot written.
    #[ts(type = "number")]
    pub snapshot: u64,
    /// This device's own files deleted after it ([`SyncReport::pruned`]).
    #[ts(type = "number")]
    pub pruned: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct SentFile {
    #[ts(type = "number")]
    pub seq: u64,
    #[ts(type = "number")]
    pub changes: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct AppliedFile {
    pub device_id: String,
    #[ts(type = "number")]
    pub seq: u64,
    #[ts(type = "number")]
    pub changes: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct Waiting {
    pub device_id: String,
    #[ts(type = "number")]
    pub missing_seq: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct Refused {
    pub device_id: String,
    pub file: String,
    pub reason: String,
}

/// A value that lost, as `team conflicts` lists it.
#[derive(Debug, Clone, Serialize, PartialEq, TS)]
pub struct Conflict {
    #[ts(type = "number")]
    pub id: i64,
    pub at: String,
    pub client_id: String,
    /// The synced table (`assessment_controls`, `clients`, ...).
    pub table: String,
    /// The row's key, its values in key order.
    #[ts(type = "unknown")]
    pub key: serde_json::Value,
    /// The field, or none for a whole row.
    pub field: Option<String>,
    /// `field`, `edit_of_deleted`, `deleted_with_edits` or `created_after_delete`.
    pub kind: String,
    /// What this device held, and what the applied file brought (null: deleted on that side).
    #[ts(type = "unknown")]
    pub mine: serde_json::Value,
    #[ts(type = "unknown")]
    pub theirs: serde_json::Value,
    /// `mine` or `theirs`: the side the data holds now.
    pub winner: String,
    pub resolved_at: Option<String>,
    /// `mine` or `theirs`: the side kept; `later_edit`: a later write with both sides in view
    /// replaced them.
    pub resolution: Option<String>,
    /// The device whose write closed the conflict (a teammate kept a side, or wrote over both);
    /// none when it was closed here.
    pub resolved_by: Option<String>,
}

crate::keywords::keywords! {
    /// Which side of a conflict to keep.
    pub enum Keep {
        Mine = "mine",
        Theirs = "theirs",
    }
}

crate::keywords::wire_bool! {
    /// Whether a client goes to the team ([`Team::share`]). On the wire a boolean (`true`:
    /// shared).
    pub enum Sharing {
        /// Nothing of the client leaves this device (the default for every client).
        Private,
        /// The client goes to the team whole, and every change after.
        Shared,
    }
}

crate::keywords::wire_bool! {
    /// Which conflicts [`Team::conflicts`] lists. On the wire a boolean (`true`: all).
    pub enum ConflictList {
        /// Those no one has resolved yet.
        Open,
        /// The resolved ones too.
        All,
    }
}

/// A checked file waiting to be applied: its header, payload and name in the folder.
type PendingFile = (Header, Zeroizing<Vec<u8>>, String);

/// The team handle of a store: `store.team()`.
pub struct Team<'a> {
    pub(in crate::store) store: &'a Store,
}

struct Config {
    folder: PathBuf,
    team: Uuid,
    device: Uuid,
    key: Zeroizing<[u8; 32]>,
    next_seq: u64,
}

fn sync_err(message: impl Into<String>) -> Error {
    Error::Sync(message.into())
}

fn config(conn: &Connection) -> Result<Config> {
    let row = conn
        .query_row("SELECT folder, team_id, device_id, team_key, next_seq FROM sync_team", [], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Vec<u8>>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })
        .optional()?;
    let Some((folder, team, device, key, next_seq)) = row else {
        return Err(sync_err(
            "this portfolio is not in a team: start one with `team init DIR` or join one with `team join DIR`",
        ));
    };
    let bad = || Error::Corrupt("the team settings of this portfolio are damaged".into());
    let mut k = Zeroizing::new([0u8; 32]);
    if key.len() != 32 {
        return Err(bad());
    }
    k.copy_from_slice(&key);
    Ok(Config {
        folder: PathBuf::from(folder),
        team: Uuid::parse_str(&team).map_err(|_| bad())?,
        device: Uuid::parse_str(&device).map_err(|_| bad())?,
        key: k,
        next_seq: next_seq as u64,
    })
}

fn device_dir(folder: &Path, device: Uuid) -> PathBuf {
    folder.join("devices").join(device.hyphenated().to_string())
}

fn changeset_name(seq: u64) -> String {
    format!("{seq}.cwsync")
}

fn snapshot_name(number: u64) -> String {
    format!("snapshot-{number}.cwsync")
}

/// A device's receipt: which files of every device it has applied (rewritten at each sync).
const RECEIPT_FILE: &str = "applied.cwsync";
/// Written by a device when it leaves: nobody waits for its receipt any more.
const LEFT_FILE: &str = "left.cwsync";

/// The team folder's description, read; a missing or unreadable folder says so.
fn read_team_file(folder: &Path) -> Result<TeamFile> {
    let path = folder.join(format::TEAM_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        sync_err(format!(
            "the team folder {} cannot be read ({e}); nothing was changed. Is the folder (or the drive it is on) there?",
            folder.display()
        ))
    })?;
    TeamFile::parse(&text)
}

/// The files of one device in the folder: changeset numbers and snapshot numbers.
fn list_device(folder: &Path, device: Uuid) -> Result<(BTreeSet<u64>, BTreeSet<u64>)> {
    let dir = device_dir(folder, device);
    let mut changesets = BTreeSet::new();
    let mut snapshots = BTreeSet::new();
    let entries = std::fs::read_dir(&dir).map_err(|e| {
        sync_err(format!("the team folder {} cannot be read ({e}); nothing was changed", dir.display()))
    })?;
    for entry in entries {
        let entry =
            entry.map_err(|e| sync_err(format!("the team folder cannot be read ({e}); nothing was changed")))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".cwsync") else { continue };
        if let Some(n) = stem.strip_prefix("snapshot-").and_then(|n| n.parse::<u64>().ok()) {
            snapshots.insert(n);
        } else if let Ok(n) = stem.parse::<u64>() {
            if n > 0 && stem == n.to_string() {
                changesets.insert(n);
            }
        }
    }
    Ok((changesets, snapshots))
}

fn list_devices(folder: &Path) -> Result<Vec<Uuid>> {
    let dir = folder.join("devices");
    let entries = std::fs::read_dir(&dir).map_err(|e| {
        sync_err(format!("the team folder {} cannot be read ({e}); nothing was changed", dir.display()))
    })?;
    let mut devices = Vec::new();
    for entry in entries {
        let entry =
            entry.map_err(|e| sync_err(format!("the team folder cannot be read ({e}); nothing was changed")))?;
        if let Ok(id) = Uuid::parse_str(&entry.file_name().to_string_lossy()) {
            if entry.path().is_dir() {
                devices.push(id);
            }
        }
    }
    devices.sort();
    Ok(devices)
}

/// Writes a file of this device whole (temporary name, sync, rename). A file already there
/// with the same bytes is left alone (a retry after a crash); different bytes are an error:
/// a device never rewrites its own files.
fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Ok(existing) = std::fs::read(path) {
        if existing == bytes {
            return Ok(());
        }
        return Err(sync_err(format!(
            "{} already exists with other content: two portfolios use the same device id (a copied database?)",
            path.display()
        )));
    }
    crate::files::write_private(path, bytes)
        .map_err(|e| Error::io(format!("cannot write {} into the team folder", path.display()), e))
}

impl Team<'_> {
    /// Starts a team in `folder` (new or empty) with this portfolio as its first device.
    pub fn init(&mut self, folder: &Path, passphrase: &Secret, kdf: KdfParams) -> Result<TeamStatus> {
        self.refuse_if_joined()?;
        if folder.join(format::TEAM_FILE).exists() {
            return Err(sync_err(format!("{} already holds a team: join it with `team join`", folder.display())));
        }
        let (team, key) = TeamFile::create(passphrase, kdf)?;
        let device = Uuid::new_v4();
        std::fs::create_dir_all(device_dir(folder, device))
            .map_err(|e| Error::io(format!("cannot create the team folder {}", folder.display()), e))?;
        let json = serde_json::to_vec_pretty(&team).expect("serialisable");
        crate::files::write_whole(&folder.join(format::TEAM_FILE), &json)
            .map_err(|e| Error::io(format!("cannot write the team description into {}", folder.display()), e))?;
        self.store_config(folder, team.team_id, device, &key)?;
        self.status()
    }

    /// Joins the team in `folder`: checks the passphrase, starts from the newest snapshot there
    /// (if any) and applies every changeset after it.
    pub fn join(&mut self, folder: &Path, passphrase: &Secret) -> Result<SyncReport> {
        self.refuse_if_joined()?;
        let team = read_team_file(folder)?;
        let key = team.key(passphrase)?;
        let device = Uuid::new_v4();
        std::fs::create_dir_all(device_dir(folder, device))
            .map_err(|e| Error::io(format!("cannot create this device's folder in {}", folder.display()), e))?;
        self.store_config(folder, team.team_id, device, &key)?;
        let mut report = SyncReport::default();
        match self.start_from_snapshot(&mut report) {
            Ok(()) => {}
            Err(e) => {
                self.forget()?;
                return Err(e);
            }
        }
        let mut rest = self.sync()?;
        rest.snapshot = report.snapshot;
        rest.refused.splice(0..0, report.refused);
        Ok(rest)
    }

    fn refuse_if_joined(&self) -> Result<()> {
        let joined: Option<String> =
            self.store.conn().query_row("SELECT folder FROM sync_team", [], |r| r.get(0)).optional()?;
        match joined {
            Some(folder) => {
                Err(sync_err(format!("this portfolio is already in the team at {folder}: `team leave` first")))
            }
            None => Ok(()),
        }
    }

    fn store_config(&mut self, folder: &Path, team: Uuid, device: Uuid, key: &[u8; 32]) -> Result<()> {
        let folder = std::path::absolute(folder).unwrap_or_else(|_| folder.to_owned());
        self.store.write(|tx| {
            tx.execute(
                "INSERT INTO sync_team (singleton, folder, team_id, device_id, team_key, next_seq, clock, joined_at)
                 VALUES (1, ?1, ?2, ?3, ?4, 1, 0, ?5)",
                params![folder.to_string_lossy(), team.to_string(), device.to_string(), &key[..], now_utc()],
            )?;
            Ok(())
        })
    }

    /// Leaves the team: this portfolio keeps its data, forgets the team (its key, the state
    /// exchanged, the conflicts) and shares nothing any more. Files it wrote stay in the folder.
    pub fn leave(&mut self) -> Result<()> {
        let cfg = config(self.store.conn())?;
        // When the folder is there, say so in it: the others stop keeping files for this device.
        // Unreachable, the others keep them (a member who is away cannot be told from one who
        // left); SECURITY.md says how to retire a device by hand.
        if device_dir(&cfg.folder, cfg.device).is_dir() {
            let header = Header {
                kind: FileKind::Left,
                schema: format::SYNC_SCHEMA,
                team: cfg.team,
                device: cfg.device,
                seq: cfg.next_seq - 1,
                clock: format::now_ms(),
            };
            let sealed = format::seal(&cfg.key, &header, &[])?;
            let _ = crate::files::write_private(&device_dir(&cfg.folder, cfg.device).join(LEFT_FILE), &sealed);
        }
        self.forget()
    }

    fn forget(&mut self) -> Result<()> {
        self.store.write(|tx| {
            for table in TABLES {
                tx.execute(&format!("DELETE FROM main.{}", table.name), [])?;
            }
            tx.execute_batch(
                "DELETE FROM sync_team; DELETE FROM sync_shared; DELETE FROM sync_peers; DELETE FROM sync_outbox;
                 DELETE FROM sync_rows; DELETE FROM sync_fields; DELETE FROM sync_conflicts;",
            )?;
            Ok(())
        })
    }

    /// Shares a client with the team (its data goes out whole at the next sync) or makes it
    /// private again (nothing of it goes out any more; what the team has stays with the team).
    pub fn share(&mut self, client: ClientId, sharing: Sharing) -> Result<()> {
        config(self.store.conn())?;
        let id = client.to_string();
        self.store.write(|tx| {
            let exists: bool =
                tx.query_row("SELECT EXISTS (SELECT 1 FROM clients WHERE id = ?1)", [&id], |r| r.get(0))?;
            if !exists {
                return Err(Error::ClientNotFound(id.clone()));
            }
            if sharing == Sharing::Shared {
                tx.execute(
                    "INSERT OR IGNORE INTO sync_shared (client_id, shared_at, fresh) VALUES (?1, ?2, 1)",
                    params![id, now_utc()],
                )?;
            } else {
                tx.execute("DELETE FROM sync_shared WHERE client_id = ?1", [&id])?;
                // Its rows leave the base, so the next diff sends no deletes for them.
                for table in TABLES {
                    tx.execute(&format!("DELETE FROM main.{} WHERE client_id = ?1", table.name), [&id])?;
                }
            }
            Ok(())
        })
    }

    /// The clients shared with the team.
    pub fn shared_clients(&self) -> Result<Vec<String>> {
        let mut stmt = self.store.conn().prepare("SELECT client_id FROM sync_shared ORDER BY client_id")?;
        let ids = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(ids)
    }

    /// The team's status, or none when this portfolio is in no team.
    pub fn membership(&self) -> Result<Option<TeamStatus>> {
        let joined: bool = self.store.conn().query_row("SELECT EXISTS (SELECT 1 FROM sync_team)", [], |r| r.get(0))?;
        if joined {
            self.status().map(Some)
        } else {
            Ok(None)
        }
    }

    pub fn status(&self) -> Result<TeamStatus> {
        let conn = self.store.conn();
        let cfg = config(conn)?;
        let count = |sql: &str| -> Result<u64> { Ok(conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64) };
        let mut peers: BTreeMap<Uuid, PeerStatus> = BTreeMap::new();
        let mut stmt = conn.prepare("SELECT device_id, applied_seq FROM sync_peers ORDER BY device_id")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (device, applied) = row?;
            if let Ok(id) = Uuid::parse_str(&device) {
                peers.insert(id, PeerStatus { device_id: device, applied: applied as u64, in_folder: 0 });
            }
        }
        if let Ok(devices) = list_devices(&cfg.folder) {
            for device in devices.into_iter().filter(|d| *d != cfg.device) {
                let in_folder = list_device(&cfg.folder, device).ok().and_then(|(c, _)| c.last().copied()).unwrap_or(0);
                peers
                    .entry(device)
                    .or_insert_with(|| PeerStatus { device_id: device.to_string(), applied: 0, in_folder: 0 })
                    .in_folder = in_folder;
            }
        }
        let unwritten = count("SELECT count(*) FROM sync_outbox")?;
        Ok(TeamStatus {
            folder: cfg.folder.display().to_string(),
            team_id: cfg.team.to_string(),
            device_id: cfg.device.to_string(),
            files_written: (cfg.next_seq - 1).saturating_sub(unwritten),
            files_unwritten: unwritten,
            shared_clients: count("SELECT count(*) FROM sync_shared")?,
            open_conflicts: count("SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL")?,
            peers: peers.into_values().collect(),
            last_sync_at: conn.query_row("SELECT last_sync_at FROM sync_team", [], |r| r.get(0))?,
        })
    }

    /// Sends what changed here, then applies what the others wrote.
    pub fn sync(&mut self) -> Result<SyncReport> {
        let cfg = config(self.store.conn())?;
        let team = read_team_file(&cfg.folder)?;
        if team.team_id != cfg.team {
            return Err(sync_err(format!(
                "the folder {} now holds another team ({}): nothing was changed",
                cfg.folder.display(),
                team.team_id
            )));
        }
        let own = device_dir(&cfg.folder, cfg.device);
        if !own.is_dir() {
            return Err(sync_err(format!(
                "this device's folder {} is missing from the team folder (is the folder still syncing?); \
                 nothing was changed",
                own.display()
            )));
        }
        self.flush_outbox(&cfg)?;
        let mut report = SyncReport::default();
        let conflicts_before = self.conflict_count()?;
        attach_cur(self.store.conn())?;
        let result = self.sync_attached(&cfg, &mut report);
        detach(self.store.conn(), "cur");
        result?;
        self.store.write(|tx| {
            tx.execute("UPDATE sync_team SET last_sync_at = ?1", [now_utc()])?;
            Ok(())
        })?;
        report.new_conflicts = self.conflict_count()? - conflicts_before;
        report.open_conflicts = self.open_conflict_count()?;
        Ok(report)
    }

    fn conflict_count(&self) -> Result<u64> {
        Ok(self.store.conn().query_row("SELECT count(*) FROM sync_conflicts", [], |r| r.get::<_, i64>(0))? as u64)
    }

    fn open_conflict_count(&self) -> Result<u64> {
        Ok(self
            .store
            .conn()
            .query_row("SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL", [], |r| r.get::<_, i64>(0))?
            as u64)
    }

    fn sync_attached(&mut self, cfg: &Config, report: &mut SyncReport) -> Result<()> {
        // Out.
        let device = cfg.device;
        let team = cfg.team;
        let key = cfg.key.clone();
        let sent = self.store.write(|tx| {
            fill_cur(tx)?;
            let mut session = Session::new_with_name(tx, "cur")?;
            session.attach(None::<&str>)?;
            for table in TABLES {
                session.diff("main", table.name)?;
            }
            let mut bytes = Vec::new();
            if !session.is_empty() {
                session.changeset_strm(&mut bytes)?;
            }
            drop(session);
            // Clients shared since the last sync: what the team changed meanwhile is shown.
            let fresh = fresh_rows(tx)?;
            if bytes.is_empty() && fresh.is_empty() {
                return Ok(None);
            }
            let mut sent = None;
            if !bytes.is_empty() {
                let (seq, clock): (i64, i64) =
                    tx.query_row("SELECT next_seq, clock FROM sync_team", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
                let clock = format::tick(clock as u64, format::now_ms());
                let seq = seq as u64;
                let covers = vector(tx, device, seq - 1)?;
                let origin = Origin { stamp: Stamp { clock, device }, seq, covers: covers.clone(), local: true };
                let changes = merge_changeset(tx, &bytes, &origin)?.0;
                apply_to_base(tx, &bytes)?;
                let payload = Snapshot { covers: covers.into_iter().collect(), changeset: bytes }.encode();
                let header =
                    Header { kind: FileKind::Changeset, schema: format::SYNC_SCHEMA, team, device, seq, clock };
                let sealed = format::seal(&key, &header, &payload)?;
                tx.execute("INSERT INTO sync_outbox (seq, bytes) VALUES (?1, ?2)", params![seq as i64, sealed])?;
                tx.execute("UPDATE sync_team SET next_seq = ?1, clock = ?2", params![(seq + 1) as i64, clock as i64])?;
                sent = Some(SentFile { seq, changes });
            }
            if !fresh.is_empty() {
                materialize_and_write_back(tx, fresh)?;
            }
            tx.execute("UPDATE sync_shared SET fresh = 0 WHERE fresh = 1", [])?;
            Ok(sent)
        })?;
        self.flush_outbox(cfg)?;
        report.sent = sent;

        // In: read and check every pending file first, so a folder that goes away applies nothing.
        let pending = self.pending_files(cfg, report)?;
        for (header, payload, name) in pending {
            let peer = header.device;
            let result = self.store.write(|tx| {
                let contents = Snapshot::decode(&payload)?;
                let origin = Origin {
                    stamp: header.stamp(),
                    seq: header.seq,
                    covers: contents.covers.iter().copied().collect(),
                    local: false,
                };
                let (changes, touched) = merge_changeset(tx, &contents.changeset, &origin)?;
                materialize_and_write_back(tx, touched)?;
                tx.execute(
                    "INSERT INTO sync_peers (device_id, applied_seq) VALUES (?1, ?2)
                     ON CONFLICT (device_id) DO UPDATE SET applied_seq = excluded.applied_seq",
                    params![peer.to_string(), header.seq as i64],
                )?;
                tx.execute("UPDATE sync_team SET clock = max(clock, ?1)", [header.clock as i64])?;
                Ok(changes)
            });
            match result {
                Ok(changes) => {
                    report.applied.push(AppliedFile { device_id: peer.to_string(), seq: header.seq, changes })
                }
                Err(e) => {
                    report.refused.push(Refused {
                        device_id: peer.to_string(),
                        file: name,
                        reason: format!("it cannot be applied here ({e}); nothing of it was applied"),
                    });
                    // The device's later files wait behind this one; the others go on.
                    continue;
                }
            }
        }
        let written: i64 = self.store.conn().query_row("SELECT next_seq - 1 FROM sync_team", [], |r| r.get(0))?;
        let fresh = if written > 0 && (written as u64) % SNAPSHOT_EVERY == 0 && report.sent.is_some() {
            Some(self.write_snapshot(cfg)?)
        } else {
            None
        };
        // Everything above is committed. The receipt and the clean-up only let files go sooner:
        // when the folder refuses them now (gone mid-sync, read-only), they are done at a later
        // sync, and this one still reports what it sent and applied.
        let receipt = device_dir(&cfg.folder, cfg.device).join(RECEIPT_FILE);
        if !report.applied.is_empty() || report.sent.is_some() || !receipt.exists() {
            let _ = self.write_receipt(cfg, fresh);
        }
        report.pruned = self.prune(cfg).unwrap_or(0);
        Ok(())
    }

    /// Replaces this device's receipt: the last file of every device applied here, and its
    /// newest snapshot with what that covers: `fresh` when that snapshot was just written, else
    /// carried over from the receipt before (the snapshot is opened only when that receipt is
    /// gone or damaged).
    fn write_receipt(&self, cfg: &Config, fresh: Option<(u64, Covers)>) -> Result<()> {
        let conn = self.store.conn();
        let (written, clock): (i64, i64) =
            conn.query_row("SELECT next_seq - 1, clock FROM sync_team", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let (_, snapshots) = list_device(&cfg.folder, cfg.device)?;
        let snapshot = snapshots.last().copied().unwrap_or(0);
        let snapshot_covers = match fresh {
            Some((number, covers)) if number == snapshot => covers,
            _ => match read_receipt(cfg, cfg.device) {
                Some(before) if before.snapshot == snapshot => before.snapshot_covers,
                _ if snapshot == 0 => Vec::new(),
                _ => open_snapshot(cfg, cfg.device, snapshot)?.1.covers,
            },
        };
        let receipt = format::Receipt {
            applied: vector(conn, cfg.device, written as u64)?.into_iter().collect(),
            snapshot,
            snapshot_covers,
        };
        let header = Header {
            kind: FileKind::Receipt,
            schema: format::SYNC_SCHEMA,
            team: cfg.team,
            device: cfg.device,
            seq: written as u64,
            clock: clock as u64,
        };
        let sealed = format::seal(&cfg.key, &header, &receipt.encode())?;
        let path = device_dir(&cfg.folder, cfg.device).join(RECEIPT_FILE);
        crate::files::write_private(&path, &sealed)
            .map_err(|e| Error::io(format!("cannot write {} into the team folder", path.display()), e))
    }

    /// Deletes this device's files that nobody needs any more: its changesets that every other
    /// device's receipt covers and that a snapshot a new member can go on from covers too (the
    /// newest always stays, so a reader can tell where its files start), and its snapshots older
    /// than its newest. The snapshots are known from their writers' receipts, never opened here.
    /// A device without a receipt (or with one that cannot be read) keeps everything; one that
    /// has left the team is not waited for. Returns how many files were deleted.
    fn prune(&self, cfg: &Config) -> Result<u64> {
        let (changesets, snapshots) = list_device(&cfg.folder, cfg.device)?;
        let mut pruned = 0;
        let mut delete = |name: String| -> Result<()> {
            let path = device_dir(&cfg.folder, cfg.device).join(name);
            match std::fs::remove_file(&path) {
                Ok(()) => {
                    pruned += 1;
                    Ok(())
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(e) => Err(Error::io(format!("cannot delete {} from the team folder", path.display()), e)),
            }
        };
        for &older in snapshots.iter().rev().skip(1) {
            delete(snapshot_name(older))?;
        }
        let Some(&newest) = changesets.last() else { return Ok(pruned) };
        let listing = Listing::read(cfg)?;
        let mut bound = newest - 1;
        // The snapshot covering most files, of those a new member can go on from.
        let mut best: Option<(u64, u64)> = None;
        for &device in &listing.devices {
            let receipt = read_receipt(cfg, device);
            if let Some(r) = receipt.as_ref().filter(|r| r.snapshot > 0) {
                let total: u64 = r.snapshot_covers.iter().map(|(_, seq)| seq).sum();
                if listing.newest_snapshot.get(&device) == Some(&r.snapshot)
                    && listing.complete(&r.snapshot_covers)
                    && best.is_none_or(|(t, _)| total > t)
                {
                    best = Some((total, format::covered(&r.snapshot_covers, cfg.device)));
                }
            }
            if device == cfg.device || read_sealed(cfg, device, LEFT_FILE, FileKind::Left).is_some() {
                continue;
            }
            bound = bound.min(receipt.map_or(0, |r| format::covered(&r.applied, cfg.device)));
        }
        bound = bound.min(best.map_or(0, |(_, covered)| covered));
        for &seq in changesets.range(..=bound) {
            delete(changeset_name(seq))?;
        }
        Ok(pruned)
    }

    /// Every other device's files after the last applied here, checked, in (device, number)
    /// order. A device whose next file is missing while a later one is there waits; a refused
    /// file stops its device there.
    fn pending_files(&self, cfg: &Config, report: &mut SyncReport) -> Result<Vec<PendingFile>> {
        let conn = self.store.conn();
        let mut files = Vec::new();
        for device in list_devices(&cfg.folder)?.into_iter().filter(|d| *d != cfg.device) {
            let applied: u64 = conn
                .query_row("SELECT applied_seq FROM sync_peers WHERE device_id = ?1", [device.to_string()], |r| {
                    r.get::<_, i64>(0)
                })
                .optional()?
                .unwrap_or(0) as u64;
            let (changesets, _) = list_device(&cfg.folder, device)?;
            for (next, &seq) in (applied + 1..).zip(changesets.range(applied + 1..)) {
                if seq != next {
                    report.waiting.push(Waiting { device_id: device.to_string(), missing_seq: next });
                    break;
                }
                let path = device_dir(&cfg.folder, device).join(changeset_name(seq));
                let name = format!("devices/{device}/{}", changeset_name(seq));
                let bytes = std::fs::read(&path)
                    .map_err(|e| sync_err(format!("the team file {name} cannot be read ({e}); nothing was changed")))?;
                let checked = format::open(&cfg.key, cfg.team, &bytes, &name).and_then(|(header, payload)| {
                    if header.kind != FileKind::Changeset || header.device != device || header.seq != seq {
                        Err(sync_err(format!(
                            "the team file {name} was refused: its header does not match its place in the folder; \
                             nothing of it was applied"
                        )))
                    } else {
                        Ok((header, payload))
                    }
                });
                match checked {
                    Ok((header, payload)) => files.push((header, payload, name)),
                    Err(e) => {
                        report.refused.push(Refused {
                            device_id: device.to_string(),
                            file: name,
                            reason: e.to_string(),
                        });
                        break;
                    }
                }
            }
        }
        Ok(files)
    }

    fn flush_outbox(&mut self, cfg: &Config) -> Result<()> {
        let pending: Vec<(i64, Vec<u8>)> = {
            let mut stmt = self.store.conn().prepare("SELECT seq, bytes FROM sync_outbox ORDER BY seq")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
            rows
        };
        for (seq, bytes) in pending {
            write_file(&device_dir(&cfg.folder, cfg.device).join(changeset_name(seq as u64)), &bytes)?;
            self.store.write(|tx| {
                tx.execute("DELETE FROM sync_outbox WHERE seq = ?1", [seq])?;
                Ok(())
            })?;
        }
        Ok(())
    }

    /// Writes a snapshot of the team state into this device's folder (a new member starts from
    /// the newest one instead of every changeset before it), then deletes this device's files
    /// that nobody needs any more.
    pub fn compact(&mut self) -> Result<Compaction> {
        let cfg = config(self.store.conn())?;
        read_team_file(&cfg.folder)?;
        self.flush_outbox(&cfg)?;
        let (snapshot, covers) = self.write_snapshot(&cfg)?;
        self.write_receipt(&cfg, Some((snapshot, covers)))?;
        let pruned = self.prune(&cfg)?;
        Ok(Compaction { snapshot, pruned })
    }

    /// Writes the next snapshot; returns its number and what it covers (for the receipt).
    fn write_snapshot(&mut self, cfg: &Config) -> Result<(u64, Covers)> {
        let conn = self.store.conn();
        conn.execute_batch("ATTACH DATABASE ':memory:' AS snap")?;
        let result = (|| -> Result<(u64, Covers)> {
            for table in ["sync_rows", "sync_fields"] {
                let sql: String =
                    conn.query_row("SELECT sql FROM main.sqlite_schema WHERE name = ?1", [table], |r| r.get(0))?;
                conn.execute_batch(&sql.replacen("CREATE TABLE ", "CREATE TABLE snap.", 1))?;
            }
            let mut session = Session::new(conn)?;
            session.attach(None::<&str>)?;
            session.diff("snap", "sync_rows")?;
            session.diff("snap", "sync_fields")?;
            let mut bytes = Vec::new();
            session.changeset_strm(&mut bytes)?;
            drop(session);
            let (next_seq, clock): (i64, i64) =
                conn.query_row("SELECT next_seq, clock FROM sync_team", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let covers = vector(conn, cfg.device, next_seq as u64 - 1)?;
            let (_, snapshots) = list_device(&cfg.folder, cfg.device)?;
            let number = snapshots.last().copied().unwrap_or(0) + 1;
            let header = Header {
                kind: FileKind::Snapshot,
                schema: format::SYNC_SCHEMA,
                team: cfg.team,
                device: cfg.device,
                seq: number,
                clock: clock as u64,
            };
            let snapshot = Snapshot { covers: covers.into_iter().collect(), changeset: bytes };
            let sealed = format::seal(&cfg.key, &header, &snapshot.encode())?;
            write_file(&device_dir(&cfg.folder, cfg.device).join(snapshot_name(number)), &sealed)?;
            Ok((number, snapshot.covers))
        })();
        detach(conn, "snap");
        result
    }

    /// A new member: the snapshot covering most files among those it can go on from.
    fn start_from_snapshot(&mut self, report: &mut SyncReport) -> Result<()> {
        let cfg = config(self.store.conn())?;
        let best = best_snapshot(&cfg, &mut report.refused)?;
        let Some((header, snapshot, _)) = best else { return Ok(()) };
        attach_cur(self.store.conn())?;
        let result = self.store.write(|tx| {
            apply_strm(tx, &snapshot.changeset, true)?;
            for (device, seq) in &snapshot.covers {
                tx.execute(
                    "INSERT INTO sync_peers (device_id, applied_seq) VALUES (?1, ?2)
                     ON CONFLICT (device_id) DO UPDATE SET applied_seq = max(applied_seq, excluded.applied_seq)",
                    params![device.to_string(), *seq as i64],
                )?;
            }
            tx.execute("UPDATE sync_team SET clock = max(clock, ?1)", [header.clock as i64])?;
            let mut touched = BTreeSet::new();
            let mut stmt = tx.prepare("SELECT tbl, pk FROM sync_rows WHERE live = 1")?;
            for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
                let (tbl, pk) = row?;
                if let Some(i) = tables::index_of(&tbl) {
                    touched.insert((i, pk));
                }
            }
            drop(stmt);
            fill_cur(tx)?;
            materialize_and_write_back(tx, touched)?;
            Ok(())
        });
        detach(self.store.conn(), "cur");
        result?;
        report.snapshot = Some(AppliedFile {
            device_id: header.device.to_string(),
            seq: header.seq,
            changes: snapshot.covers.iter().map(|(_, s)| s).sum(),
        });
        Ok(())
    }

    /// The conflicts: the open ones, or all of them.
    pub fn conflicts(&self, which: ConflictList) -> Result<Vec<Conflict>> {
        let all = which == ConflictList::All;
        let sql = format!(
            "SELECT id, at, client_id, tbl, pk, col, kind, mine, theirs, winner, resolved_at, resolution, resolved_by
             FROM sync_conflicts {} ORDER BY id",
            if all { "" } else { "WHERE resolved_at IS NULL" }
        );
        let mut stmt = self.store.conn().prepare(&sql)?;
        let json =
            |text: Option<String>| text.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or(serde_json::Value::Null);
        let rows = stmt.query_map([], |r| {
            Ok(Conflict {
                id: r.get(0)?,
                at: r.get(1)?,
                client_id: r.get(2)?,
                table: r.get::<_, String>(3)?.trim_start_matches("sync_").to_owned(),
                key: json(r.get(4)?),
                field: r.get(5)?,
                kind: r.get(6)?,
                mine: json(r.get(7)?),
                theirs: json(r.get(8)?),
                winner: r.get(9)?,
                resolved_at: r.get(10)?,
                resolution: r.get(11)?,
                resolved_by: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Keeps one side of a conflict. Keeping the side the data holds only closes it; keeping the
    /// other writes it as a new edit here, which the next sync sends to the team (for a whole
    /// row: the row deleted again, or brought back, see `keep_row`).
    pub fn resolve(&mut self, id: i64, keep: Keep) -> Result<Conflict> {
        let conflict = self
            .conflicts(ConflictList::All)?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| Error::NotFound { kind: "conflict", reference: id.to_string() })?;
        if conflict.resolved_at.is_some() {
            return Err(Error::invalid("id", format!("conflict {id} is already resolved")));
        }
        let value = match keep {
            Keep::Mine => conflict.mine.clone(),
            Keep::Theirs => conflict.theirs.clone(),
        };
        let table = TABLES
            .iter()
            .find(|t| t.name == format!("sync_{}", conflict.table))
            .ok_or_else(|| Error::Corrupt("a conflict names an unknown table".into()))?;
        let keys: Vec<Value> =
            conflict.key.as_array().map(|a| a.iter().map(json_to_value).collect()).unwrap_or_default();
        let write = keep.as_str() != conflict.winner;
        // A whole row comes back through the write-back's own statement, from a one-row `cur`
        // (attached outside the transaction, as SQLite requires).
        let row_back = write && conflict.field.is_none() && !value.is_null();
        if row_back {
            attach_cur(self.store.conn())?;
        }
        let written = self.store.write(|tx| {
            match conflict.field.as_deref() {
                _ if !write => {}
                None => keep_row(tx, table, &keys, &value)?,
                Some(_) if value.is_null() => {
                    return Err(Error::invalid(
                        "keep",
                        "the kept side holds no value for this field; nothing was changed",
                    ))
                }
                Some(field) => {
                    let sql = format!(
                        "UPDATE main.{} SET \"{}\" = ?{} WHERE {}",
                        table.real,
                        tables::real_column(table, field),
                        keys.len() + 1,
                        table.real_key
                    );
                    let mut values = keys.clone();
                    values.push(json_to_value(&value));
                    if tx.execute(&sql, params_from_iter(values.iter()))? == 0 {
                        return Err(Error::invalid("keep", "the row no longer exists here; nothing was changed"));
                    }
                }
            }
            tx.execute(
                "UPDATE sync_conflicts SET resolved_at = ?1, resolution = ?2 WHERE id = ?3",
                params![now_utc(), keep.as_str(), id],
            )?;
            Ok(())
        });
        if row_back {
            detach(self.store.conn(), "cur");
        }
        written?;
        self.conflicts(ConflictList::All)?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| Error::Corrupt("conflict vanished".into()))
    }

    /// Per shared client, a digest of its synced data as this device holds it: two devices hold
    /// the same data for a client exactly when the digests are equal.
    pub fn digests(&self) -> Result<BTreeMap<String, String>> {
        let conn = self.store.conn();
        let mut hashers: BTreeMap<String, Sha256> = BTreeMap::new();
        for id in self.shared_clients()? {
            hashers.insert(id, Sha256::new());
        }
        for table in TABLES {
            let keys: Vec<String> = (1..=table.key_len).map(|i| i.to_string()).collect();
            let mut stmt = conn.prepare(&format!("{} ORDER BY {}", table.select, keys.join(", ")))?;
            let columns = stmt.column_count();
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let client: String = row.get(0)?;
                let Some(hasher) = hashers.get_mut(&client) else { continue };
                hasher.update(table.name.as_bytes());
                for i in 0..columns {
                    let value = value_to_json(row.get_ref(i)?);
                    hasher.update(value.to_string().as_bytes());
                    hasher.update([0u8]);
                }
                hasher.update([1u8]);
            }
        }
        Ok(hashers.into_iter().map(|(id, h)| (id, h.finalize().iter().map(|b| format!("{b:02x}")).collect())).collect())
    }
}

/// One of `device`'s single files (its receipt, its leaving mark), opened and checked; none when
/// it is not there or cannot be used (a damaged receipt makes its device count as having applied
/// nothing, which only keeps files longer).
fn read_sealed(cfg: &Config, device: Uuid, file: &str, kind: FileKind) -> Option<(Header, Zeroizing<Vec<u8>>)> {
    let bytes = std::fs::read(device_dir(&cfg.folder, device).join(file)).ok()?;
    let (header, payload) = format::open(&cfg.key, cfg.team, &bytes, file).ok()?;
    (header.kind == kind && header.device == device).then_some((header, payload))
}

/// `device`'s receipt, when it is there and can be read.
fn read_receipt(cfg: &Config, device: Uuid) -> Option<format::Receipt> {
    read_sealed(cfg, device, RECEIPT_FILE, FileKind::Receipt).and_then(|(_, payload)| format::Receipt::decode(&payload))
}

/// What the folder holds: its devices, and per device its first changeset (none when it has
/// none) and its newest snapshot's number (none before its first).
struct Listing {
    devices: Vec<Uuid>,
    first_file: BTreeMap<Uuid, u64>,
    newest_snapshot: BTreeMap<Uuid, u64>,
}

impl Listing {
    fn read(cfg: &Config) -> Result<Listing> {
        let devices = list_devices(&cfg.folder)?;
        let mut listing =
            Listing { devices: Vec::new(), first_file: BTreeMap::new(), newest_snapshot: BTreeMap::new() };
        for &device in &devices {
            let (changesets, snapshots) = list_device(&cfg.folder, device)?;
            if let Some(&first) = changesets.first() {
                listing.first_file.insert(device, first);
            }
            if let Some(&number) = snapshots.last() {
                listing.newest_snapshot.insert(device, number);
            }
        }
        listing.devices = devices;
        Ok(listing)
    }

    /// Whether a new member can go on from a snapshot covering `covers`: every device's
    /// changesets after what it covers are all still in the folder.
    fn complete(&self, covers: &[(Uuid, u64)]) -> bool {
        self.first_file.iter().all(|(d, &first)| first <= format::covered(covers, *d) + 1)
    }
}

/// The snapshot a new member starts from: of every device's newest snapshot, those that are
/// [`Listing::complete`], and of those the one covering most files. Snapshots that cannot be read
/// are added to `refused`.
fn best_snapshot(cfg: &Config, refused: &mut Vec<Refused>) -> Result<Option<(Header, Snapshot, String)>> {
    let listing = Listing::read(cfg)?;
    let mut best: Option<(u64, Header, Snapshot, String)> = None;
    for (&device, &number) in &listing.newest_snapshot {
        let name = format!("devices/{device}/{}", snapshot_name(number));
        match open_snapshot(cfg, device, number) {
            Ok((header, snapshot)) => {
                let covered: u64 = snapshot.covers.iter().map(|(_, seq)| seq).sum();
                if listing.complete(&snapshot.covers) && best.as_ref().is_none_or(|(c, ..)| covered > *c) {
                    best = Some((covered, header, snapshot, name));
                }
            }
            Err(e) => refused.push(Refused { device_id: device.to_string(), file: name, reason: e.to_string() }),
        }
    }
    Ok(best.map(|(_, header, snapshot, name)| (header, snapshot, name)))
}

/// Snapshot `number` of `device`, read and checked.
fn open_snapshot(cfg: &Config, device: Uuid, number: u64) -> Result<(Header, Snapshot)> {
    let name = format!("devices/{device}/{}", snapshot_name(number));
    let bytes = std::fs::read(device_dir(&cfg.folder, device).join(snapshot_name(number)))
        .map_err(|e| sync_err(format!("the team file {name} cannot be read ({e}); nothing was changed")))?;
    let (header, payload) = format::open(&cfg.key, cfg.team, &bytes, &name)?;
    if header.kind != FileKind::Snapshot || header.device != device || header.seq != number {
        return Err(sync_err(format!("the team file {name} was refused: its header does not match its place")));
    }
    Ok((header, Snapshot::decode(&payload)?))
}

/// Keeps the side of a whole-row conflict the data does not hold, as a new edit here that the
/// next sync sends: a deletion (`value` null) deletes the row again; otherwise the row comes back
/// with the team's last values of its fields and the kept side's own values over them, through
/// `cur` (attached by the caller). A row whose parent (its client, assessment or organisation)
/// is gone here cannot come back: that is said, and the caller's transaction changes nothing.
fn keep_row(tx: &Connection, table: &SyncTable, keys: &[Value], value: &serde_json::Value) -> Result<()> {
    if value.is_null() {
        let sql = format!("DELETE FROM main.{} WHERE {}", table.real, table.real_key);
        tx.execute(&sql, params_from_iter(keys.iter()))?;
        return Ok(());
    }
    let index = tables::index_of(table.name).expect("a synced table");
    let sql = TableSql::new(tx, index)?;
    let mut row = team_row(tx, table, &sql.names, keys, &key_json(keys))?;
    if let Some(kept) = value.as_object() {
        for (slot, name) in row.iter_mut().zip(&sql.names).skip(table.key_len) {
            if let Some(v) = kept.get(name) {
                *slot = json_to_value(v);
            }
        }
    }
    tx.execute(&sql.insert, params_from_iter(row.iter()))?;
    if tx.execute(table.upsert, params_from_iter(keys.iter()))? == 0 {
        return Err(Error::invalid(
            "keep",
            "the row cannot come back: what it belongs to (its client, assessment or organisation) is deleted \
             here; keep that first, or enter the values again",
        ));
    }
    Ok(())
}

/// A row of `table` as the team state holds it: its key, then the value of every other column
/// (`names`, in the table's order; NULL for one it holds none of).
fn team_row(conn: &Connection, table: &SyncTable, names: &[String], key: &[Value], pk: &str) -> Result<Vec<Value>> {
    let mut stmt = conn.prepare_cached("SELECT col, value FROM sync_fields WHERE tbl = ?1 AND pk = ?2")?;
    let stored: BTreeMap<String, Value> =
        stmt.query_map(params![table.name, pk], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut values = key.to_vec();
    values.extend(names[table.key_len..].iter().map(|c| stored.get(c).cloned().unwrap_or(Value::Null)));
    Ok(values)
}

fn attach_cur(conn: &Connection) -> Result<()> {
    // The merge and the write-back use some sixty statements per sync, each many times: keep
    // them all prepared (the default cache of 16 would prepare them again for every row).
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    detach(conn, "cur");
    conn.execute_batch("ATTACH DATABASE ':memory:' AS cur")?;
    for table in TABLES {
        let sql: String =
            conn.query_row("SELECT sql FROM main.sqlite_schema WHERE name = ?1", [table.name], |r| r.get(0))?;
        conn.execute_batch(&sql.replacen("CREATE TABLE ", "CREATE TABLE cur.", 1))?;
    }
    Ok(())
}

fn detach(conn: &Connection, name: &str) {
    let attached: bool = conn
        .query_row("SELECT EXISTS (SELECT 1 FROM pragma_database_list WHERE name = ?1)", [name], |r| r.get(0))
        .unwrap_or(false);
    if attached {
        let _ = conn.execute_batch(&format!("DETACH DATABASE {name}"));
    }
}

/// Copies the shared clients' rows of the real tables into `cur`.
fn fill_cur(conn: &Connection) -> Result<()> {
    for table in TABLES {
        conn.execute(&format!("DELETE FROM cur.{}", table.name), [])?;
        conn.execute(&format!("INSERT INTO cur.{} {}", table.name, table.select), [])?;
    }
    Ok(())
}

/// The rows of clients shared since the last sync, from the team state (to be shown here).
fn fresh_rows(conn: &Connection) -> Result<BTreeSet<(usize, String)>> {
    let mut touched = BTreeSet::new();
    let mut stmt = conn.prepare(
        "SELECT r.tbl, r.pk FROM sync_rows r
         WHERE r.live = 1 AND json_extract(r.pk, '$[0]') IN (SELECT client_id FROM sync_shared WHERE fresh = 1)",
    )?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (tbl, pk) = row?;
        if let Some(i) = tables::index_of(&tbl) {
            touched.insert((i, pk));
        }
    }
    Ok(touched)
}

/// This device's applied files: per other device the last applied, and its own `own`.
fn vector(conn: &Connection, device: Uuid, own: u64) -> Result<BTreeMap<Uuid, u64>> {
    let mut covers = BTreeMap::new();
    let mut stmt = conn.prepare("SELECT device_id, applied_seq FROM sync_peers")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (id, seq) = row?;
        if let Ok(id) = Uuid::parse_str(&id) {
            covers.insert(id, seq as u64);
        }
    }
    covers.insert(device, own);
    Ok(covers)
}

fn apply_to_base(conn: &Connection, bytes: &[u8]) -> Result<()> {
    apply_strm(conn, bytes, false)
}

/// Applies a changeset to the tables of `main` with SQLite's own apply. `replace`: a row that
/// is there already is replaced (loading a snapshot); otherwise the base must match exactly,
/// and anything else is an error (the transaction rolls back).
fn apply_strm(conn: &Connection, bytes: &[u8], replace: bool) -> Result<()> {
    let mut input: &[u8] = bytes;
    let handler = move |kind: ConflictType, _: &ChangesetItem| match kind {
        ConflictType::SQLITE_CHANGESET_DATA | ConflictType::SQLITE_CHANGESET_CONFLICT => {
            if replace {
                ConflictAction::SQLITE_CHANGESET_REPLACE
            } else {
                ConflictAction::SQLITE_CHANGESET_ABORT
            }
        }
        ConflictType::SQLITE_CHANGESET_NOTFOUND if replace => ConflictAction::SQLITE_CHANGESET_OMIT,
        _ => ConflictAction::SQLITE_CHANGESET_ABORT,
    };
    conn.apply_strm(&mut input, None::<fn(&str) -> bool>, handler)
        .map_err(|e| Error::Corrupt(format!("the team state of this portfolio does not match its base ({e})")))
}

/// Where a changeset comes from: its stamp, its file number, what its writer had applied.
struct Origin {
    stamp: Stamp,
    seq: u64,
    covers: BTreeMap<Uuid, u64>,
    local: bool,
}

impl Origin {
    /// Whether the writer had seen the write of `stamp` (device) in file `seq`.
    fn saw(&self, stamp: &str, seq: u64) -> bool {
        match Stamp::parse(stamp) {
            Some(s) if s.device == self.stamp.device => true,
            Some(s) => self.covers.get(&s.device).is_some_and(|&n| n >= seq),
            None => false,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Insert,
    Update,
    Delete,
}

/// One change read from a changeset.
struct Change {
    table: usize,
    key: Vec<Value>,
    op: Op,
    /// The non-key fields written (all for an insert, the changed ones for an update).
    fields: Vec<(usize, Value)>,
}

fn owned(value: ValueRef<'_>) -> Value {
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Integer(i),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}

/// Reads the changes of a changeset (SQLite's iterator), checking each names a synced table.
fn read_changes(bytes: &[u8]) -> Result<Vec<Change>> {
    let mut input: &[u8] = bytes;
    let reader: &mut dyn std::io::Read = &mut input;
    let mut iter = ChangesetIter::start_strm(&reader)?;
    let mut changes = Vec::new();
    while let Some(item) = iter.next()? {
        let op = item.op()?;
        let index = tables::index_of(op.table_name()).ok_or_else(|| {
            sync_err(format!(
                "a change names the table {}, unknown to this Crosswalk: update Crosswalk",
                op.table_name()
            ))
        })?;
        let table = &TABLES[index];
        let columns = op.number_of_columns() as usize;
        let code = match op.code() {
            rusqlite::hooks::Action::SQLITE_INSERT => Op::Insert,
            rusqlite::hooks::Action::SQLITE_UPDATE => Op::Update,
            rusqlite::hooks::Action::SQLITE_DELETE => Op::Delete,
            _ => return Err(sync_err("a change of an unknown kind: update Crosswalk")),
        };
        let pk = item.pk()?;
        if columns < table.key_len || pk.len() != columns || (0..table.key_len).any(|i| pk[i] == 0) {
            return Err(sync_err(format!(
                "a change to {} has another shape than this Crosswalk's: update Crosswalk",
                table.name
            )));
        }
        let key = (0..table.key_len)
            .map(|i| if code == Op::Insert { item.new_value(i) } else { item.old_value(i) }.map(owned))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut fields = Vec::new();
        if code != Op::Delete {
            for i in table.key_len..columns {
                if let Ok(v) = item.new_value(i) {
                    fields.push((i, owned(v)));
                }
            }
        }
        changes.push(Change { table: index, key, op: code, fields });
    }
    Ok(changes)
}

fn value_to_json(value: ValueRef<'_>) -> serde_json::Value {
    match value {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(f) => f.into(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        ValueRef::Blob(b) => serde_json::json!({ "bytes": b.len(), "sha256": format!("{:x}", Sha256::digest(b)) }),
    }
}

fn json_to_value(value: &serde_json::Value) -> Value {
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Number(n) => {
            n.as_i64().map(Value::Integer).unwrap_or_else(|| Value::Real(n.as_f64().unwrap_or(0.0)))
        }
        serde_json::Value::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}

fn key_json(key: &[Value]) -> String {
    serde_json::Value::Array(key.iter().map(|v| value_to_json(v.into())).collect()).to_string()
}

/// Bookkeeping times differ on every edit; they merge like any field but are not listed as
/// conflicts.
fn is_bookkeeping(column: &str) -> bool {
    matches!(column, "updated_at" | "created_at" | "added_at")
}

/// The column names of a synced table, in order.
fn columns(conn: &Connection, table: &SyncTable) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("SELECT name FROM pragma_table_info('{}') ORDER BY cid", table.name))?;
    let names = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(names)
}

/// The column names of synced table `index`, read once per merge.
fn column_names<'m>(
    cache: &'m mut BTreeMap<usize, Vec<String>>,
    conn: &Connection,
    index: usize,
) -> Result<&'m Vec<String>> {
    if let std::collections::btree_map::Entry::Vacant(entry) = cache.entry(index) {
        entry.insert(columns(conn, &TABLES[index])?);
    }
    Ok(&cache[&index])
}

/// Whether the client is private here (in this portfolio but not shared): the team's changes
/// to it are kept in the team state but not shown, and raise no conflicts here.
fn private_here(conn: &Connection, client: &Value) -> Result<bool> {
    let mut stmt = conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM main.clients WHERE id = ?1)
            AND NOT EXISTS (SELECT 1 FROM main.sync_shared WHERE client_id = ?1)",
    )?;
    Ok(stmt.query_row([client], |r| r.get(0))?)
}

struct Recorder<'c> {
    conn: &'c Connection,
    origin: &'c Origin,
}

impl Recorder<'_> {
    #[allow(clippy::too_many_arguments)]
    fn record(
        &self,
        table: &SyncTable,
        key: &[Value],
        column: Option<&str>,
        kind: &str,
        mine: Option<serde_json::Value>,
        theirs: Option<serde_json::Value>,
        mine_write: Option<(&str, i64)>,
        winner: &str,
    ) -> Result<()> {
        if self.origin.local || private_here(self.conn, &key[0])? {
            return Ok(());
        }
        self.conn.execute(
            "INSERT INTO sync_conflicts
                (at, client_id, tbl, pk, col, kind, mine, theirs, mine_stamp, mine_seq, theirs_stamp, theirs_seq, winner)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                now_utc(),
                &key[0],
                table.name,
                key_json(key),
                column,
                kind,
                mine.map(|v| v.to_string()),
                theirs.map(|v| v.to_string()),
                mine_write.map(|(stamp, _)| stamp),
                mine_write.map(|(_, seq)| seq),
                self.origin.stamp.text(),
                self.origin.seq as i64,
                winner
            ],
        )?;
        Ok(())
    }
}

/// Merges a changeset into the team state by the rule of the module doc. Returns how many
/// changes it held and the rows it touched.
fn merge_changeset(conn: &Connection, bytes: &[u8], origin: &Origin) -> Result<(u64, BTreeSet<(usize, String)>)> {
    let changes = read_changes(bytes)?;
    let stamp = origin.stamp.text();
    let seq = origin.seq as i64;
    let recorder = Recorder { conn, origin };
    let mut names: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut touched = BTreeSet::new();
    let open_conflicts: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM sync_conflicts WHERE resolved_at IS NULL)", [], |r| r.get(0))?;
    let mut get_row = conn.prepare_cached("SELECT stamp, seq, live FROM sync_rows WHERE tbl = ?1 AND pk = ?2")?;
    let mut put_row = conn.prepare_cached(
        "INSERT INTO sync_rows (tbl, pk, stamp, seq, live) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (tbl, pk) DO UPDATE SET stamp = excluded.stamp, seq = excluded.seq, live = excluded.live",
    )?;
    let mut put_field = conn.prepare_cached(
        "INSERT INTO sync_fields (tbl, pk, col, stamp, seq, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (tbl, pk, col) DO UPDATE SET stamp = excluded.stamp, seq = excluded.seq, value = excluded.value",
    )?;
    if origin.local {
        // This device's own changes: their stamp is above every stamp this device has seen
        // (`format::tick`) and it has seen every write it holds, so by the rule every field and
        // every insert or delete wins, and nothing is a conflict. Written without reading back.
        for change in &changes {
            let table = &TABLES[change.table];
            let names = column_names(&mut names, conn, change.table)?;
            let pk = key_json(&change.key);
            if change.op != Op::Update {
                put_row.execute(params![table.name, pk, stamp, seq, change.op == Op::Insert])?;
            }
            for (i, value) in &change.fields {
                put_field.execute(params![table.name, pk, &names[*i], stamp, seq, value])?;
            }
            if open_conflicts {
                settle(conn, origin, table, &pk, change, names)?;
            }
            touched.insert((change.table, pk));
        }
        return Ok((changes.len() as u64, touched));
    }
    let mut row_fields =
        conn.prepare_cached("SELECT col, stamp, seq, value FROM sync_fields WHERE tbl = ?1 AND pk = ?2")?;
    for change in &changes {
        let table = &TABLES[change.table];
        let names = column_names(&mut names, conn, change.table)?;
        let pk = key_json(&change.key);
        let row: Option<(String, i64, bool)> =
            get_row.query_row(params![table.name, pk], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?;
        // This change against a row deleted by `deleted` (stamp, file number; the change's fields
        // are "theirs").
        let against_delete = |kind: &str, deleted: (&str, i64), winner: &str| {
            let fields = change.fields.iter().map(|(i, v)| (names[*i].clone(), value_to_json(v.into())));
            let theirs = serde_json::Value::Object(fields.collect());
            recorder.record(table, &change.key, None, kind, None, Some(theirs), Some(deleted), winner)
        };
        // One field written on both sides: `old` (written by `old_write`) here, `value` in the
        // change.
        let field = |column: &str, old: &Value, value: &Value, old_write: (&str, i64), winner: &str| {
            let (mine, theirs) = (value_to_json(old.into()), value_to_json(value.into()));
            recorder.record(
                table,
                &change.key,
                Some(column),
                "field",
                Some(mine),
                Some(theirs),
                Some(old_write),
                winner,
            )
        };
        match change.op {
            Op::Insert => match &row {
                Some((d, dseq, false)) if *d > stamp => {
                    against_delete("edit_of_deleted", (d, *dseq), "mine")?;
                }
                Some((d, dseq, false)) => {
                    if !origin.saw(d, *dseq as u64) {
                        against_delete("created_after_delete", (d, *dseq), "theirs")?;
                    }
                    put_row.execute(params![table.name, pk, stamp, seq, true])?;
                }
                Some((l, _, true)) => {
                    if *l < stamp {
                        put_row.execute(params![table.name, pk, stamp, seq, true])?;
                    }
                }
                None => {
                    put_row.execute(params![table.name, pk, stamp, seq, true])?;
                }
            },
            Op::Update => {
                if let Some((d, dseq, false)) = &row {
                    if !origin.saw(d, *dseq as u64) {
                        against_delete("edit_of_deleted", (d, *dseq), "mine")?;
                    }
                }
            }
            Op::Delete => match &row {
                Some((l, lseq, true)) if *l > stamp => {
                    // Created again after this delete: the delete loses.
                    if !origin.saw(l, *lseq as u64) {
                        recorder.record(
                            table,
                            &change.key,
                            None,
                            "created_after_delete",
                            Some(serde_json::Value::Bool(true)),
                            None,
                            Some((l, *lseq)),
                            "mine",
                        )?;
                    }
                }
                Some((_, _, true)) => {
                    // Edits the deleting device had not seen are listed.
                    let unseen: Vec<(String, Value)> = row_fields
                        .query_map(params![table.name, pk], |r| {
                            Ok((
                                r.get::<_, String>(0)?,
                                r.get::<_, String>(1)?,
                                r.get::<_, i64>(2)?,
                                r.get::<_, Value>(3)?,
                            ))
                        })?
                        .collect::<rusqlite::Result<Vec<_>>>()?
                        .into_iter()
                        .filter(|(c, s, q, _)| !is_bookkeeping(c) && !origin.saw(s, *q as u64))
                        .map(|(c, _, _, v)| (c, v))
                        .collect();
                    if !unseen.is_empty() {
                        let mine = serde_json::Value::Object(
                            unseen.iter().map(|(c, v)| (c.clone(), value_to_json(v.into()))).collect(),
                        );
                        recorder.record(
                            table,
                            &change.key,
                            None,
                            "deleted_with_edits",
                            Some(mine),
                            None,
                            None,
                            "theirs",
                        )?;
                    }
                    put_row.execute(params![table.name, pk, stamp, seq, false])?;
                }
                Some((d, _, false)) => {
                    if *d < stamp {
                        put_row.execute(params![table.name, pk, stamp, seq, false])?;
                    }
                }
                None => {
                    put_row.execute(params![table.name, pk, stamp, seq, false])?;
                }
            },
        }
        let live = matches!(&row, Some((_, _, true)));
        // Read even without a row: an update can arrive before the insert it follows.
        let mut stored: BTreeMap<String, (String, i64, Value)> = row_fields
            .query_map(params![table.name, pk], |r| Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))?
            .collect::<rusqlite::Result<_>>()?;
        for (i, value) in &change.fields {
            let column = &names[*i];
            match stored.remove(column) {
                None => {
                    put_field.execute(params![table.name, pk, column, stamp, seq, value])?;
                }
                Some((s, _, _)) if s == stamp => {}
                Some((s, q, old)) if s < stamp => {
                    if live && old != *value && !is_bookkeeping(column) && !origin.saw(&s, q as u64) {
                        field(column, &old, value, (&s, q), "theirs")?;
                    }
                    put_field.execute(params![table.name, pk, column, stamp, seq, value])?;
                }
                Some((s, q, old)) => {
                    if live && old != *value && !is_bookkeeping(column) {
                        field(column, &old, value, (&s, q), "mine")?;
                    }
                }
            }
        }
        if open_conflicts {
            settle(conn, origin, table, &pk, change, names)?;
        }
        touched.insert((change.table, pk));
    }
    Ok((changes.len() as u64, touched))
}

/// Closes the open conflicts on `change`'s row that the change settles: it was written with both
/// sides of the conflict in view, and it writes the conflict's field (for a whole row: creates or
/// deletes the row). The resolution is the side the change's value is (or `later_edit` for a
/// third value); `resolved_by` the device that wrote it (none for this device's own change).
/// Conflicts recorded before their file numbers were kept (migration 0019) stay open.
fn settle(
    conn: &Connection,
    origin: &Origin,
    table: &SyncTable,
    pk: &str,
    change: &Change,
    names: &[String],
) -> Result<()> {
    type Open = (i64, Option<String>, Option<String>, Option<String>, Option<String>, Option<i64>, String, Option<i64>);
    let open: Vec<Open> = conn
        .prepare_cached(
            "SELECT id, col, mine, theirs, mine_stamp, mine_seq, theirs_stamp, theirs_seq FROM sync_conflicts
             WHERE resolved_at IS NULL AND tbl = ?1 AND pk = ?2",
        )?
        .query_map(params![table.name, pk], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (id, col, mine, theirs, mine_stamp, mine_seq, theirs_stamp, theirs_seq) in open {
        let saw_mine = match (mine_stamp, mine_seq) {
            (Some(stamp), Some(seq)) => origin.saw(&stamp, seq as u64),
            // Edits against a deletion: several writes, none of them recorded alone.
            (None, None) => true,
            _ => false,
        };
        let saw_theirs = theirs_seq.is_some_and(|seq| origin.saw(&theirs_stamp, seq as u64));
        if !saw_mine || !saw_theirs {
            continue;
        }
        let json = |text: &Option<String>| {
            text.as_deref().and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok()).unwrap_or_default()
        };
        let (mine, theirs) = (json(&mine), json(&theirs));
        let resolution = match col {
            Some(col) => {
                let Some((_, value)) = change.fields.iter().find(|(i, _)| names[*i] == col) else { continue };
                if change.op == Op::Delete {
                    continue;
                }
                let value = value_to_json(value.into());
                if value == mine {
                    "mine"
                } else if value == theirs {
                    "theirs"
                } else {
                    "later_edit"
                }
            }
            // A whole row: the side on which it exists (the other is null), or was deleted.
            None => match change.op {
                Op::Update => continue,
                Op::Insert if !mine.is_null() => "mine",
                Op::Insert => "theirs",
                Op::Delete if mine.is_null() => "mine",
                Op::Delete => "theirs",
            },
        };
        let by = (!origin.local).then(|| origin.stamp.device.to_string());
        conn.prepare_cached(
            "UPDATE sync_conflicts SET resolved_at = ?1, resolution = ?2, resolved_by = ?3 WHERE id = ?4",
        )?
        .execute(params![now_utc(), resolution, by, id])?;
    }
    Ok(())
}

/// The statements `materialize_and_write_back` runs for one synced table, written once per call.
struct TableSql {
    names: Vec<String>,
    exists: String,
    insert: String,
    delete: String,
    /// Per parent: its index, which of this table's key columns hold its key, and the statement
    /// asking whether that row is in `cur`.
    parents: Vec<(usize, &'static [usize], String)>,
}

impl TableSql {
    fn new(conn: &Connection, index: usize) -> Result<TableSql> {
        let table = &TABLES[index];
        let names = columns(conn, table)?;
        let key_where: Vec<String> = (0..table.key_len).map(|i| format!("\"{}\" = ?{}", names[i], i + 1)).collect();
        let key_where = key_where.join(" AND ");
        let placeholders: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
        let quoted: Vec<String> = names.iter().map(|c| format!("\"{c}\"")).collect();
        let mut parents = Vec::new();
        for (parent, cols) in table.parents {
            let parent_index = tables::index_of(parent).expect("a synced table");
            let parent_names = columns(conn, &TABLES[parent_index])?;
            let cond: Vec<String> = (0..cols.len()).map(|n| format!("\"{}\" = ?{}", parent_names[n], n + 1)).collect();
            let sql = format!("SELECT EXISTS (SELECT 1 FROM cur.{parent} WHERE {})", cond.join(" AND "));
            parents.push((parent_index, *cols, sql));
        }
        Ok(TableSql {
            exists: format!("SELECT EXISTS (SELECT 1 FROM cur.{} WHERE {key_where})", table.name),
            insert: format!(
                "INSERT OR REPLACE INTO cur.{} ({}) VALUES ({})",
                table.name,
                quoted.join(", "),
                placeholders.join(", ")
            ),
            delete: format!("DELETE FROM cur.{} WHERE {key_where}", table.name),
            names,
            parents,
        })
    }
}

/// Brings the touched rows of `cur` to what the team state shows, recording with a session;
/// that changeset is applied to the base and written back to the real tables.
///
/// Rows are handled in table order, parents first, and a row changing only ever adds rows of
/// later tables: once a table's rows are done, whether a row of it is in `cur` is final, so the
/// answer for a parent is asked once per call (an assessment's 188 entries share one). Whether
/// a client is private here does not change before the write-back either.
fn materialize_and_write_back(conn: &Connection, mut touched: BTreeSet<(usize, String)>) -> Result<()> {
    let mut session = Session::new_with_name(conn, "cur")?;
    session.attach(None::<&str>)?;
    let mut sql_of: BTreeMap<usize, TableSql> = BTreeMap::new();
    let mut parent_seen: HashMap<(usize, String), bool> = HashMap::new();
    let mut private_seen: HashMap<String, bool> = HashMap::new();
    let mut done = BTreeSet::new();
    while let Some((index, pk)) = touched.pop_first() {
        if !done.insert((index, pk.clone())) {
            continue;
        }
        let table = &TABLES[index];
        if let std::collections::btree_map::Entry::Vacant(entry) = sql_of.entry(index) {
            entry.insert(TableSql::new(conn, index)?);
        }
        let sql = &sql_of[&index];
        let names = &sql.names;
        let key: Vec<Value> = serde_json::from_str::<serde_json::Value>(&pk)
            .ok()
            .and_then(|v| v.as_array().map(|a| a.iter().map(json_to_value).collect()))
            .ok_or_else(|| Error::Corrupt("a key of the team state is malformed".into()))?;
        let was: bool = conn.prepare_cached(&sql.exists)?.query_row(params_from_iter(key.iter()), |r| r.get(0))?;
        let live: bool = conn
            .prepare_cached("SELECT live FROM sync_rows WHERE tbl = ?1 AND pk = ?2")?
            .query_row(params![table.name, pk], |r| r.get(0))
            .optional()?
            .unwrap_or(false);
        let mut visible = live && {
            let client = key_json(&key[..1]);
            match private_seen.get(&client) {
                Some(&private) => !private,
                None => {
                    let private = private_here(conn, &key[0])?;
                    private_seen.insert(client, private);
                    !private
                }
            }
        };
        for (parent_index, cols, exists) in &sql.parents {
            if !visible {
                break;
            }
            let values: Vec<Value> = cols.iter().map(|&c| key[c].clone()).collect();
            let memo = (*parent_index, key_json(&values));
            visible = match parent_seen.get(&memo) {
                Some(&there) => there,
                None => {
                    let there: bool =
                        conn.prepare_cached(exists)?.query_row(params_from_iter(values.iter()), |r| r.get(0))?;
                    parent_seen.insert(memo, there);
                    there
                }
            };
        }
        if visible {
            let values = team_row(conn, table, names, &key, &pk)?;
            conn.prepare_cached(&sql.insert)?.execute(params_from_iter(values.iter()))?;
        } else if was {
            conn.prepare_cached(&sql.delete)?.execute(params_from_iter(key.iter()))?;
        }
        if was != visible {
            // The rows that need this one appear or go with it: keys that start with the client
            // (every child's does) are found by a range of the key's text, the rest by its values.
            for (child_index, child) in TABLES.iter().enumerate() {
                for (parent, cols) in child.parents {
                    if *parent != table.name {
                        continue;
                    }
                    let lead = cols.iter().enumerate().take_while(|(n, &c)| *n == c).count();
                    let prefix = key_json(&key[..lead]);
                    let prefix = format!("{},", &prefix[..prefix.len() - 1]);
                    let upper = format!("{}-", &prefix[..prefix.len() - 1]);
                    let mut cond = vec!["tbl = ?1".to_owned(), "pk > ?2".to_owned(), "pk < ?3".to_owned()];
                    let mut values: Vec<Value> =
                        vec![Value::Text(child.name.to_owned()), Value::Text(prefix), Value::Text(upper)];
                    for (n, &c) in cols.iter().enumerate().skip(lead) {
                        cond.push(format!("json_extract(pk, '$[{c}]') = ?{}", values.len() + 1));
                        values.push(key[n].clone());
                    }
                    let mut stmt =
                        conn.prepare_cached(&format!("SELECT pk FROM sync_rows WHERE {}", cond.join(" AND ")))?;
                    for row in stmt.query_map(params_from_iter(values.iter()), |r| r.get::<_, String>(0))? {
                        touched.insert((child_index, row?));
                    }
                }
            }
        }
    }
    let mut bytes = Vec::new();
    if !session.is_empty() {
        session.changeset_strm(&mut bytes)?;
    }
    drop(session);
    if bytes.is_empty() {
        return Ok(());
    }
    apply_to_base(conn, &bytes)?;
    write_back(conn, &bytes)
}

/// Writes the changes of `cur` into the real tables: deletions children first, then inserts and
/// updates parents first. An update writes only the fields that changed.
fn write_back(conn: &Connection, bytes: &[u8]) -> Result<()> {
    let mut changes = read_changes(bytes)?;
    changes.sort_by_key(|c| (c.op != Op::Delete, if c.op == Op::Delete { usize::MAX - c.table } else { c.table }));
    let mut names: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for change in &changes {
        let table = &TABLES[change.table];
        let names = column_names(&mut names, conn, change.table)?;
        match change.op {
            Op::Delete => {
                conn.prepare_cached(&format!("DELETE FROM main.{} WHERE {}", table.real, table.real_key))?
                    .execute(params_from_iter(change.key.iter()))?;
            }
            Op::Insert => {
                conn.prepare_cached(table.upsert)?.execute(params_from_iter(change.key.iter()))?;
                if table.real == "clients" {
                    conn.execute(
                        "INSERT OR IGNORE INTO main.sync_shared (client_id, shared_at, fresh) VALUES (?1, ?2, 0)",
                        params![change.key[0], now_utc()],
                    )?;
                }
            }
            Op::Update => {
                if change.fields.is_empty() {
                    continue;
                }
                let sets: Vec<String> = change
                    .fields
                    .iter()
                    .enumerate()
                    .map(|(n, (i, _))| {
                        format!("\"{}\" = ?{}", tables::real_column(table, &names[*i]), table.key_len + n + 1)
                    })
                    .collect();
                let mut values = change.key.clone();
                values.extend(change.fields.iter().map(|(_, v)| v.clone()));
                conn.prepare_cached(&format!(
                    "UPDATE main.{} SET {} WHERE {}",
                    table.real,
                    sets.join(", "),
                    table.real_key
                ))?
                .execute(params_from_iter(values.iter()))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
