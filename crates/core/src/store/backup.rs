//! Integrity checks, backups and restoring one.
//!
//! - Every open runs SQLite's `quick_check`; a database that fails it is not used, and the error
//!   says how to restore a backup ([`Error::DamagedDatabase`]).
//! - Backups are made with SQLite's online backup API into `backups/` beside the database:
//!   before a migration changes the schema version, on the first open of each day (UTC), and on
//!   request. Each is written to a temporary file, synced and renamed, so a backup is whole or
//!   absent. The newest [`BACKUPS_KEPT`] are kept. A backup of an encrypted database is
//!   encrypted with the same key (the backup API copies encrypted pages under the same key).
//! - Restoring checks the backup first (it opens, passes the full `integrity_check`, and was not
//!   written by a newer Crosswalk), saves the database it replaces as a backup, then renames the
//!   checked copy into place.
//!
//! File names: `{database stem}-{YYYYMMDD}T{HHMMSSmmm}Z-{reason}.db`, so name order is time
//! order. Reasons: `daily`, `pre-migration-v{N}` (the version before the migration), `manual`,
//! `before-restore`, `damaged` (a database that failed its check, copied byte for byte before
//! a restore replaced it).

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::cipher::{self, FileKind};
use super::{Store, SCHEMA_VERSION};
use crate::secret::Secret;
use crate::store::Backups;
use crate::{Error, Result};

/// How many backups `backups/` keeps; older ones are deleted when a new one is made.
pub const BACKUPS_KEPT: usize = 10;
/// The folder beside the database that holds its backups.
pub const BACKUP_DIR: &str = "backups";

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    /// Full path of the file.
    pub path: String,
    pub file_name: String,
    /// When it was made, RFC 3339 in UTC with milliseconds.
    pub created_at: String,
    /// `daily`, `pre-migration-v4`, `manual`, `before-restore`, `damaged`, or `external` for a
    /// file outside the backups folder.
    pub reason: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Encrypted: it opens only with the passphrase the database had when it was made (Crosswalk
    /// converts its backups when the passphrase changes).
    pub encrypted: bool,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RestoreOutcome {
    /// The backup the database now holds.
    pub restored_from: String,
    /// Where the database it replaced was saved (none when there was no database).
    #[ts(optional = nullable)]
    pub previous_saved_as: Option<String>,
    /// The schema version of the restored data (brought up to date on the next open).
    pub schema_version: i64,
}

/// The backups folder of the database at `db`.
pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).join(BACKUP_DIR)
}

/// How thoroughly [`integrity`] checks a database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Check {
    /// `quick_check`: every page readable, b-trees well formed.
    Quick,
    /// `integrity_check`: also every index against its table.
    Full,
}

/// Checks the database `conn` has open, as thoroughly as `check` says.
pub(crate) fn integrity(conn: &Connection, path: &Path, check: Check) -> Result<()> {
    let sql = match check {
        Check::Full => "PRAGMA integrity_check(20)",
        Check::Quick => "PRAGMA quick_check(20)",
    };
    let rows = (|| -> rusqlite::Result<Vec<String>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect()
    })();
    match rows {
        Ok(rows) if rows.len() == 1 && rows[0] == "ok" => Ok(()),
        Ok(rows) => Err(cipher::damaged(path, &rows.join("; "))),
        Err(e) if cipher::is_corrupt(&e) => Err(cipher::damaged(path, &e.to_string())),
        Err(e) => Err(e.into()),
    }
}

/// Lists the backups of the database at `db`, newest first. Works without opening the
/// database (it may be damaged or locked).
pub fn list_backups(db: &Path) -> Result<Vec<BackupInfo>> {
    let dir = backup_dir(db);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(format!("cannot read the folder {}", dir.display()), e)),
    };
    let stem = db_stem(db);
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(format!("cannot read the folder {}", dir.display()), e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((created_at, reason)) = parse_name(&stem, &name) else { continue };
        let path = entry.path();
        let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
        out.push(BackupInfo {
            encrypted: cipher::file_kind(&path)? == FileKind::Encrypted,
            path: path.display().to_string(),
            file_name: name,
            created_at,
            reason,
            bytes,
        });
    }
    out.sort_by(|a, b| b.file_name.cmp(&a.file_name));
    Ok(out)
}

fn db_stem(db: &Path) -> String {
    db.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "crosswalk".into())
}

/// `20261129T100211123Z`: UTC, milliseconds, fixed width.
fn stamp(now: jiff::Timestamp) -> String {
    format!("{}{:03}Z", now.strftime("%Y%m%dT%H%M%S"), now.subsec_millisecond())
}

/// The time and reason in a backup file name, if it is one of this database's backups.
fn parse_name(stem: &str, name: &str) -> Option<(String, String)> {
    let rest = name.strip_prefix(stem)?.strip_prefix('-')?.strip_suffix(".db")?;
    let (stamp, reason) = rest.split_at_checked(19)?;
    let reason = reason.strip_prefix('-')?;
    let b = stamp.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..8) && b[8] == b'T' && digits(9..18) && b[18] == b'Z') || reason.is_empty() {
        return None;
    }
    let created_at = format!(
        "{}-{}-{}T{}:{}:{}.{}Z",
        &stamp[0..4],
        &stamp[4..6],
        &stamp[6..8],
        &stamp[9..11],
        &stamp[11..13],
        &stamp[13..15],
        &stamp[15..18]
    );
    Some((created_at, reason.to_owned()))
}

/// A new, unused path in the backups folder for a backup made now for `reason`.
fn new_backup_path(db: &Path, reason: &str) -> Result<PathBuf> {
    let dir = backup_dir(db);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(format!("cannot create the folder {}", dir.display()), e))?;
    cipher::restrict(&dir);
    let stem = db_stem(db);
    let mut now = jiff::Timestamp::now();
    loop {
        let path = dir.join(format!("{stem}-{}-{reason}.db", stamp(now)));
        if !path.exists() {
            return Ok(path);
        }
        now = now.checked_add(jiff::SignedDuration::from_millis(1)).unwrap_or(now);
    }
}

/// Copies the database `conn` has open into `out` with the online backup API, under the same
/// key; `out` is written whole or not at all.
fn copy_database(conn: &Connection, key: Option<&Secret>, out: &Path) -> Result<()> {
    let tmp = cipher::temp_beside(out, "backup")?;
    let result = (|| -> Result<()> {
        let mut dst = Connection::open(&tmp)?;
        let _level: String = dst.query_row("PRAGMA cipher_log_level = NONE", [], |r| r.get(0))?;
        if let Some(key) = key {
            cipher::apply_key(&dst, key)?;
        }
        {
            let backup = Backup::new(conn, &mut dst)?;
            // All pages in one step: one consistent snapshot, even while others write.
            let started = std::time::Instant::now();
            loop {
                match backup.step(-1)? {
                    StepResult::Done => break,
                    StepResult::More => {}
                    StepResult::Busy | StepResult::Locked if started.elapsed() < super::BUSY_TIMEOUT => {
                        std::thread::sleep(Duration::from_millis(20))
                    }
                    _ => return Err(Error::InUse { path: out.display().to_string() }),
                }
            }
        }
        dst.close().map_err(|(_, e)| e)?;
        cipher::replace_file(&tmp, out)
    })();
    if result.is_err() {
        let _ = cipher::remove_if_present(&tmp);
    }
    result
}

/// Makes a backup into the backups folder and deletes the oldest beyond [`BACKUPS_KEPT`].
pub(crate) fn backup_into_folder(
    conn: &Connection,
    key: Option<&Secret>,
    db: &Path,
    reason: &str,
) -> Result<BackupInfo> {
    let path = new_backup_path(db, reason)?;
    copy_database(conn, key, &path)?;
    rotate(db)?;
    info_of(db, &path)
}

fn info_of(db: &Path, path: &Path) -> Result<BackupInfo> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let (created_at, reason) =
        parse_name(&db_stem(db), &name).unwrap_or_else(|| (super::now_utc(), "external".to_owned()));
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    Ok(BackupInfo {
        encrypted: cipher::file_kind(path)? == FileKind::Encrypted,
        path: path.display().to_string(),
        file_name: name,
        created_at,
        reason,
        bytes,
    })
}

fn rotate(db: &Path) -> Result<()> {
    for old in list_backups(db)?.into_iter().skip(BACKUPS_KEPT) {
        let path = PathBuf::from(&old.path);
        cipher::remove_if_present(&path)?;
        cipher::remove_if_present(&cipher::sidecar(&path, "-wal"))?;
    }
    Ok(())
}

/// Whether the database at `db` has a backup made today (UTC).
fn has_backup_today(db: &Path) -> Result<bool> {
    let today = jiff::Timestamp::now().strftime("%Y-%m-%d").to_string();
    Ok(list_backups(db)?.iter().any(|b| b.created_at.starts_with(&today)))
}

/// The backups made when a database opens: before a pending migration (required: no
/// migration without a backup), else the first of the day (best effort: a failure is reported
/// by [`Store::backup_warning`], the database still opens).
pub(crate) fn on_open(conn: &Connection, key: Option<&Secret>, db: &Path) -> Result<Option<String>> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version == 0 || version > SCHEMA_VERSION {
        // A new database has nothing to keep; a newer one is refused untouched.
        return Ok(None);
    }
    if version < SCHEMA_VERSION {
        backup_into_folder(conn, key, db, &format!("pre-migration-v{version}")).map_err(|e| match e {
            Error::Io { context, source } => {
                Error::Io { context: format!("cannot back up the database before upgrading it ({context})"), source }
            }
            other => other,
        })?;
        return Ok(None);
    }
    let daily = has_backup_today(db).and_then(|has| {
        if has {
            Ok(())
        } else {
            backup_into_folder(conn, key, db, "daily").map(|_| ())
        }
    });
    Ok(daily.err().map(|e| format!("the daily backup failed: {e}")))
}

/// Rewrites every backup of `db` from the `old` passphrase to `new`; returns how many were
/// converted and the paths of those that could not be.
pub(crate) fn convert_backups(db: &Path, old: Option<&Secret>, new: Option<&Secret>) -> (u32, Vec<String>) {
    let mut converted = 0;
    let mut failed = Vec::new();
    let Ok(backups) = list_backups(db) else {
        return (0, vec![backup_dir(db).display().to_string()]);
    };
    for b in backups {
        let path = PathBuf::from(&b.path);
        let result = (|| -> Result<()> {
            let tmp = cipher::temp_beside(&path, "rekey")?;
            let done = (|| -> Result<()> {
                let conn = cipher::connect(&path, old, || path.display().to_string())?;
                let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
                cipher::export_to(&conn, &tmp, new)?;
                drop(conn);
                cipher::verify_copy(&tmp, new, Some(version))?;
                cipher::remove_if_present(&cipher::sidecar(&path, "-wal"))?;
                cipher::replace_file(&tmp, &path)
            })();
            if done.is_err() {
                let _ = cipher::remove_if_present(&tmp);
            }
            done
        })();
        match result {
            Ok(()) => converted += 1,
            Err(_) => failed.push(b.path),
        }
    }
    (converted, failed)
}

/// Replaces the database at `db` with the backup `file`, after checking the backup: it opens
/// with `passphrase` (the one it was made under), passes the full integrity check and was not
/// written by a newer Crosswalk. The database it replaces is saved in the backups folder first
/// (byte for byte when it is damaged or cannot be opened). Needs the database alone: close the
/// app's store before calling it.
pub fn restore_backup(db: &Path, file: &Path, passphrase: Option<&Secret>) -> Result<RestoreOutcome> {
    if !file.is_file() {
        return Err(Error::invalid("file", format!("{} is not a file", file.display())));
    }
    if let Some(parent) = db.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| Error::io(format!("cannot create the folder {}", parent.display()), e))?;
    }
    // 1. A private copy of the backup beside the database, checked: what gets installed is
    //    exactly what was checked.
    let tmp = cipher::temp_beside(db, "restore")?;
    let result = (|| -> Result<RestoreOutcome> {
        std::fs::copy(file, &tmp)
            .map_err(|e| Error::io(format!("cannot copy {} to {}", file.display(), tmp.display()), e))?;
        let backup_name = || format!("the backup {}", file.display());
        let version = {
            let conn = cipher::connect(&tmp, passphrase, backup_name).map_err(|e| match e {
                Error::DamagedDatabase { problem, .. } => {
                    Error::Corrupt(format!("the backup {} is damaged ({problem}); nothing was changed", file.display()))
                }
                other => other,
            })?;
            integrity(&conn, &tmp, Check::Full).map_err(|e| match e {
                Error::DamagedDatabase { problem, .. } => {
                    Error::Corrupt(format!("the backup {} is damaged ({problem}); nothing was changed", file.display()))
                }
                other => other,
            })?;
            let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if version > SCHEMA_VERSION {
                return Err(Error::NewerDatabase { found: version, supported: SCHEMA_VERSION });
            }
            let has_clients: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'clients')",
                [],
                |r| r.get(0),
            )?;
            if !has_clients {
                return Err(Error::invalid("file", format!("{} is not a Crosswalk database", file.display())));
            }
            // Leave the copy in rollback-journal mode with everything in the main file.
            let _mode: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
            conn.close().map_err(|(_, e)| e)?;
            version
        };
        cipher::sync_file(&tmp)?;
        // 2. Save the database being replaced.
        let previous = save_current(db, passphrase)?;
        // 3. Install the checked copy.
        cipher::replace_file(&tmp, db)?;
        Ok(RestoreOutcome {
            restored_from: file.display().to_string(),
            previous_saved_as: previous,
            schema_version: version,
        })
    })();
    if result.is_err() {
        let _ = cipher::remove_if_present(&tmp);
    }
    result
}

/// Saves the database at `db` into its backups folder before a restore replaces it, and leaves
/// no WAL file behind that could be replayed onto the restored file.
fn save_current(db: &Path, passphrase: Option<&Secret>) -> Result<Option<String>> {
    if cipher::file_kind(db)? == FileKind::Missing && !cipher::sidecar(db, "-wal").exists() {
        return Ok(None);
    }
    // A database that opens and passes its check: take it alone (fails if the app has it open)
    // and back it up properly; it is then one file with no WAL.
    let healthy = cipher::connect(db, passphrase, || db.display().to_string())
        .and_then(|conn| integrity(&conn, db, Check::Quick).map(|()| conn));
    let reason = match healthy {
        Ok(conn) => {
            cipher::take_exclusive(&conn, db)?;
            let saved = backup_into_folder(&conn, passphrase, db, "before-restore")?;
            conn.close().map_err(|(_, e)| e)?;
            return Ok(Some(saved.path));
        }
        Err(Error::DamagedDatabase { .. } | Error::Corrupt(_)) => "damaged",
        // Under another passphrase than the backup's (or none): kept as it is, still encrypted.
        Err(_) => "before-restore",
    };
    // Keep its bytes as they are, WAL included.
    let target = new_backup_path(db, reason)?;
    let tmp = cipher::temp_beside(&target, "copy")?;
    std::fs::copy(db, &tmp).map_err(|e| Error::io(format!("cannot copy {}", db.display()), e))?;
    cipher::replace_file(&tmp, &target)?;
    let wal = cipher::sidecar(db, "-wal");
    if wal.exists() {
        let wal_target = cipher::sidecar(&target, "-wal");
        std::fs::copy(&wal, &wal_target).map_err(|e| Error::io(format!("cannot copy {}", wal.display()), e))?;
        cipher::sync_file(&wal_target)?;
        cipher::remove_if_present(&wal)?;
    }
    cipher::remove_if_present(&cipher::sidecar(db, "-shm"))?;
    Ok(Some(target.display().to_string()))
}

impl Backups<'_> {
    /// Makes a backup now: into the backups folder (`out` = `None`, kept with the others) or to
    /// the file `out` (written whole; not counted among the kept backups). Encrypted with the
    /// database's key when it has one.
    pub fn now(&self, out: Option<&Path>) -> Result<BackupInfo> {
        let db = self.store.path().ok_or_else(|| Error::invalid("", "an in-memory database has no backups"))?;
        match out {
            None => backup_into_folder(self.store.conn(), self.store.key.as_ref(), db, "manual"),
            Some(out) => {
                if out.is_dir() {
                    return Err(Error::invalid("out", format!("{} is a folder; name a file", out.display())));
                }
                copy_database(self.store.conn(), self.store.key.as_ref(), out)?;
                info_of(db, out)
            }
        }
    }

    /// Makes the daily backup if none was made today (UTC): for an app that stays open for
    /// days, to call now and then (the first open of a day makes one anyway).
    pub fn if_due(&self) -> Result<Option<BackupInfo>> {
        let Some(db) = self.store.path() else { return Ok(None) };
        if has_backup_today(db)? {
            return Ok(None);
        }
        backup_into_folder(self.store.conn(), self.store.key.as_ref(), db, "daily").map(Some)
    }

    /// The backups of this database, newest first.
    pub fn list(&self) -> Result<Vec<BackupInfo>> {
        match self.store.path() {
            Some(db) => list_backups(db),
            None => Ok(Vec::new()),
        }
    }
}

impl Store {
    /// Runs the full `integrity_check` (every page, every index); `Ok` when the database is
    /// sound, [`Error::DamagedDatabase`] otherwise.
    pub fn check_integrity(&self) -> Result<()> {
        integrity(self.conn(), self.path().unwrap_or(Path::new(":memory:")), Check::Full)
    }

    /// Why the automatic daily backup of this open failed, if it did (the database still opened).
    pub fn backup_warning(&self) -> Option<&str> {
        self.backup_warning.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_names_parse_back() {
        let now: jiff::Timestamp = "2026-11-29T10:02:11.408Z".parse().unwrap();
        let name = format!("portfolio-{}-daily.db", stamp(now));
        assert_eq!(name, "portfolio-20261129T100211408Z-daily.db");
        assert_eq!(parse_name("portfolio", &name), Some(("2026-11-29T10:02:11.408Z".to_owned(), "daily".to_owned())));
        assert_eq!(parse_name("other", &name), None);
        assert_eq!(parse_name("portfolio", "portfolio-2026-daily.db"), None);
        assert_eq!(parse_name("portfolio", ".portfolio-20261129T100211408Z-daily.db.backup.1.tmp"), None);
    }
}
