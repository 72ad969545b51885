//! Encryption at rest with SQLCipher: opening a database with or without a passphrase, and
//! setting, changing or removing the passphrase.
//!
//! SQLCipher 4 (built into rusqlite by the `bundled-sqlcipher` feature, crypto from the system's
//! libcrypto) encrypts every page with AES-256-CBC and authenticates it with HMAC-SHA512; the key
//! is derived from the passphrase with PBKDF2-HMAC-SHA512 (256,000 iterations) and a random
//! per-file salt. The passphrase is handed to `sqlite3_key` from a [`Secret`] and never written
//! anywhere.
//!
//! A plain SQLite file starts with the text `SQLite format 3`; an encrypted one starts with its
//! random salt. That is how a file is told apart before anything is read from it.
//!
//! Setting, changing and removing the passphrase all work the same way, so that a crash at any
//! moment leaves either the old file or the new one: the database is exported with
//! `sqlcipher_export` into a new file beside it under the new key (or none), the copy is opened
//! with that key and checked, synced, and renamed over the original. Crosswalk's own backups are
//! converted the same way afterwards, so they always open with the database's passphrase.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode as SqliteCode};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{backup, configure, Store};
use crate::secret::Secret;
use crate::{Error, Result};

/// The first 16 bytes of every plain SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// How to open a database.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// The passphrase of an encrypted database; a new database given one is created encrypted.
    pub passphrase: Option<Secret>,
}

impl OpenOptions {
    pub fn with_passphrase(passphrase: Option<Secret>) -> OpenOptions {
        OpenOptions { passphrase }
    }
}

/// What a file on disk is, judged from its first bytes without opening it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// No file yet, or an empty one: a new database.
    Missing,
    /// A plain SQLite database.
    Plain,
    /// Not a plain SQLite file: an encrypted database (or something else entirely, which only a
    /// passphrase attempt can tell).
    Encrypted,
}

/// Tells whether the database at `path` is encrypted, without opening it. The app asks this to
/// decide whether to show the passphrase prompt before opening.
pub fn file_kind(path: &Path) -> Result<FileKind> {
    use std::io::Read;
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileKind::Missing),
        Err(e) => return Err(Error::io(format!("cannot read {}", path.display()), e)),
    };
    let mut head = Vec::with_capacity(16);
    file.by_ref()
        .take(16)
        .read_to_end(&mut head)
        .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    Ok(match head.as_slice() {
        [] => FileKind::Missing,
        h if h == SQLITE_HEADER => FileKind::Plain,
        _ => FileKind::Encrypted,
    })
}

/// Opens a connection to the database at `path` with the passphrase, if any, and proves it can
/// be read. Reads nothing and writes nothing when the passphrase is missing or wrong.
pub(crate) fn connect(path: &Path, passphrase: Option<&Secret>, what: impl Fn() -> String) -> Result<Connection> {
    let kind = file_kind(path)?;
    if kind == FileKind::Encrypted {
        // An encrypted database is a whole number of pages (512 bytes at least); anything else
        // is not a database at all, whatever the passphrase.
        let len = std::fs::metadata(path).map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?.len();
        if len % 512 != 0 {
            return Err(damaged(path, "the file is not a SQLite database, plain or encrypted"));
        }
    }
    match (kind, passphrase) {
        (FileKind::Encrypted, None) => return Err(Error::PassphraseRequired { what: what() }),
        (FileKind::Plain, Some(_)) => {
            return Err(Error::invalid(
                "passphrase",
                format!(
                    "{} is not encrypted, so it has no passphrase; open it without one \
                     (to encrypt it: crosswalk-cli passphrase set)",
                    what()
                ),
            ))
        }
        _ => {}
    }
    let conn = Connection::open(path)?;
    restrict(path);
    conn.busy_timeout(super::BUSY_TIMEOUT)?;
    quiet(&conn)?;
    if let Some(secret) = passphrase {
        apply_key(&conn, secret)?;
    }
    // The first read decrypts page 1: a wrong key fails here, before anything is written.
    match conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0)) {
        Ok(_) => Ok(conn),
        Err(e) if is_not_a_database(&e) => match kind {
            FileKind::Encrypted => Err(Error::WrongPassphrase { what: what() }),
            _ => Err(damaged(path, &e.to_string())),
        },
        Err(e) if is_corrupt(&e) => Err(damaged(path, &e.to_string())),
        Err(e) => Err(e.into()),
    }
}

/// SQLCipher logs decryption failures to standard error by default; Crosswalk reports them as
/// errors of its own instead (and the CLI's standard error must stay one JSON object).
fn quiet(conn: &Connection) -> Result<()> {
    let _level: String = conn.query_row("PRAGMA cipher_log_level = NONE", [], |r| r.get(0))?;
    Ok(())
}

/// Hands the passphrase to SQLCipher through `sqlite3_key`, so it is never part of SQL text.
pub(crate) fn apply_key(conn: &Connection, secret: &Secret) -> Result<()> {
    let bytes = secret.expose().as_bytes();
    let len = i32::try_from(bytes.len()).map_err(|_| Error::invalid("passphrase", "is too long"))?;
    // SAFETY: `conn.handle()` is the live connection this function borrows; `bytes` outlives the
    // call and SQLCipher copies the key before returning.
    let rc = unsafe { rusqlite::ffi::sqlite3_key(conn.handle(), bytes.as_ptr().cast(), len) };
    if rc == rusqlite::ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(Error::Database(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rc), None)))
    }
}

pub(crate) fn is_not_a_database(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(SqliteCode::NotADatabase)
}

pub(crate) fn is_corrupt(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(SqliteCode::DatabaseCorrupt) | Some(SqliteCode::NotADatabase))
}

pub(crate) fn damaged(path: &Path, problem: &str) -> Error {
    Error::DamagedDatabase {
        path: path.display().to_string(),
        problem: problem.to_owned(),
        backups: backup::backup_dir(path).display().to_string(),
    }
}

/// Takes the database for this connection alone: leaving WAL mode needs every other connection
/// closed, and checkpoints the WAL into the main file. Afterwards the main file holds everything.
pub(crate) fn take_exclusive(conn: &Connection, path: &Path) -> Result<()> {
    let in_use = || Error::InUse { path: path.display().to_string() };
    match conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get::<_, String>(0)) {
        Ok(mode) if mode.eq_ignore_ascii_case("delete") => Ok(()),
        Ok(_) => Err(in_use()),
        Err(e)
            if matches!(e.sqlite_error_code(), Some(SqliteCode::DatabaseBusy) | Some(SqliteCode::DatabaseLocked)) =>
        {
            Err(in_use())
        }
        Err(e) => Err(e.into()),
    }
}

/// Writes a copy of the database `conn` has open to `target` under `key` (`None`: plain),
/// with the same schema version. `target` must not exist.
pub(crate) fn export_to(conn: &Connection, target: &Path, key: Option<&Secret>) -> Result<()> {
    let target_text =
        target.to_str().ok_or_else(|| Error::invalid("path", format!("{} is not valid UTF-8", target.display())))?;
    let version: i64 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
    conn.execute("ATTACH DATABASE ?1 AS crosswalk_target KEY ?2", (target_text, key.map_or("", |k| k.expose())))?;
    let result = (|| -> Result<()> {
        conn.query_row("SELECT sqlcipher_export('crosswalk_target')", [], |_| Ok(()))?;
        // sqlcipher_export copies the schema and the rows, not the header's user_version.
        conn.pragma_update(Some("crosswalk_target"), "user_version", version)?;
        Ok(())
    })();
    let detached = conn.execute("DETACH DATABASE crosswalk_target", []);
    result?;
    detached?;
    Ok(())
}

/// Opens `path` with `key` and checks every page: the proof a new copy is good before it
/// replaces anything.
pub(crate) fn verify_copy(path: &Path, key: Option<&Secret>, expect_version: Option<i64>) -> Result<()> {
    let conn = connect(path, key, || format!("the new copy {}", path.display()))?;
    backup::integrity(&conn, path, backup::Check::Full)?;
    if let Some(expected) = expect_version {
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found != expected {
            return Err(Error::Corrupt(format!(
                "the new copy {} has schema version {found}, expected {expected}",
                path.display()
            )));
        }
    }
    Ok(())
}

/// A temporary file beside `path` for a copy in progress; removed first if a crash left it.
pub(crate) fn temp_beside(path: &Path, purpose: &str) -> Result<PathBuf> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "crosswalk.db".into());
    let tmp = dir.join(format!(".{name}.{purpose}.{}.tmp", std::process::id()));
    remove_if_present(&tmp)?;
    for suffix in ["-journal", "-wal", "-shm"] {
        remove_if_present(&sidecar(&tmp, suffix))?;
    }
    Ok(tmp)
}

/// `path` with `suffix` appended to its file name (`-wal`, `-shm`, `-journal`).
pub(crate) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

pub(crate) fn remove_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(format!("cannot remove {}", path.display()), e)),
    }
}

/// Makes a file (or folder) readable and writable by its owner only: the database, its backups
/// and their folder hold every client's weaknesses. Best effort: a file system without Unix
/// permissions keeps what it has.
pub(crate) fn restrict(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            let mode = if meta.is_dir() { 0o700 } else { 0o600 };
            if meta.permissions().mode() & 0o777 != mode {
                let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Flushes a file's bytes to the disk.
pub(crate) fn sync_file(path: &Path) -> Result<()> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(format!("cannot sync {}", path.display()), e))
}

/// Flushes a folder's entries (a rename in it) to the disk.
pub(crate) fn sync_dir(path: &Path) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    #[cfg(unix)]
    {
        std::fs::File::open(dir)
            .and_then(|f| f.sync_all())
            .map_err(|e| Error::io(format!("cannot sync the folder {}", dir.display()), e))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Renames `from` over `to` and makes the rename durable.
pub(crate) fn replace_file(from: &Path, to: &Path) -> Result<()> {
    restrict(from);
    sync_file(from)?;
    std::fs::rename(from, to)
        .map_err(|e| Error::io(format!("cannot move {} to {}", from.display(), to.display()), e))?;
    sync_dir(to)
}

/// What changing the passphrase did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PassphraseOutcome {
    /// Whether the database is encrypted now.
    pub encrypted: bool,
    /// Crosswalk backups converted to the new passphrase (or to plain, after a removal).
    pub backups_converted: u32,
    /// Backups that could not be converted (damaged, or under another passphrase), left as
    /// they were: paths.
    pub backups_not_converted: Vec<String>,
}

/// Rewrites the database `conn` has open at `path` under `new` (`None`: plain) and the backups
/// beside it, and points `conn` at the new file. `conn` must hold the database alone
/// ([`take_exclusive`]). On an error before the rename `conn` is the old database, unchanged;
/// after it, the new one (or, if the disk failed under us, a placeholder that refuses writes).
pub(crate) fn rekey_file(
    conn: &mut Connection,
    path: &Path,
    old: Option<&Secret>,
    new: Option<&Secret>,
) -> Result<PassphraseOutcome> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let tmp = temp_beside(path, "rekey")?;
    let prepared = export_to(conn, &tmp, new).and_then(|()| verify_copy(&tmp, new, Some(version)));
    if let Err(e) = prepared {
        let _ = remove_if_present(&tmp);
        return Err(e);
    }
    // Close our connection before the file changes under it; nothing else holds it.
    if let Err((back, e)) = std::mem::replace(conn, placeholder()).close() {
        *conn = back;
        let _ = remove_if_present(&tmp);
        return Err(e.into());
    }
    let installed = ["-wal", "-shm"]
        .iter()
        .try_for_each(|suffix| remove_if_present(&sidecar(path, suffix)))
        .and_then(|()| replace_file(&tmp, path));
    if let Err(e) = installed {
        let _ = remove_if_present(&tmp);
        // The old file is still in place: go back to it.
        if let Ok(old_conn) = connect(path, old, || path.display().to_string()) {
            *conn = old_conn;
        }
        return Err(e);
    }
    *conn = connect(path, new, || path.display().to_string())?;
    let (converted, not_converted) = backup::convert_backups(path, old, new);
    Ok(PassphraseOutcome {
        encrypted: new.is_some(),
        backups_converted: converted,
        backups_not_converted: not_converted,
    })
}

/// What a store holds while its file is being replaced, or after a failure that left no file to
/// reopen: an empty database that refuses every write, so nothing can silently go to memory.
fn placeholder() -> Connection {
    let conn = Connection::open_in_memory().expect("SQLite can always open an in-memory database");
    let _ = conn.execute_batch("PRAGMA query_only = ON;");
    conn
}

impl Store {
    /// Whether the database is encrypted (it was opened, or created, with a passphrase).
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// Encrypts a plain database with `new`, and its backups with it. Needs the database alone
    /// ([`Error::InUse`] otherwise). A crash at any moment leaves the old file or the new one.
    pub fn set_passphrase(&mut self, new: &Secret) -> Result<PassphraseOutcome> {
        if self.key.is_some() {
            return Err(Error::invalid("passphrase", "the database already has a passphrase; change it instead"));
        }
        new.check_new("new_passphrase")?;
        self.rekey(Some(new))
    }

    /// Re-encrypts the database, and its backups, under `new`, after checking `current`.
    pub fn change_passphrase(&mut self, current: &Secret, new: &Secret) -> Result<PassphraseOutcome> {
        self.check_current(current)?;
        new.check_new("new_passphrase")?;
        self.rekey(Some(new))
    }

    /// Decrypts the database, and its backups, to plain SQLite files, after checking `current`.
    pub fn remove_passphrase(&mut self, current: &Secret) -> Result<PassphraseOutcome> {
        self.check_current(current)?;
        self.rekey(None)
    }

    fn check_current(&self, current: &Secret) -> Result<()> {
        let what = || match &self.path {
            Some(p) => format!("the database {}", p.display()),
            None => "the database".to_owned(),
        };
        match &self.key {
            None => Err(Error::invalid("passphrase", format!("{} has no passphrase", what()))),
            Some(key) if key == current => Ok(()),
            Some(_) => Err(Error::WrongPassphrase { what: what() }),
        }
    }

    fn rekey(&mut self, new: Option<&Secret>) -> Result<PassphraseOutcome> {
        let path = self.path.clone().ok_or_else(|| Error::invalid("", "an in-memory database cannot be encrypted"))?;
        take_exclusive(&self.conn, &path)?;
        let old = self.key.clone();
        match rekey_file(&mut self.conn, &path, old.as_ref(), new) {
            Ok(outcome) => {
                self.key = new.cloned();
                configure(&self.conn)?;
                Ok(outcome)
            }
            Err(e) => {
                // Back in WAL mode on whichever file the connection is on.
                let _ = configure(&self.conn);
                Err(e)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_plain_encrypted_and_missing_apart() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.db");
        Connection::open(&plain).unwrap().execute_batch("CREATE TABLE t (x);").unwrap();
        assert_eq!(file_kind(&plain).unwrap(), FileKind::Plain);
        assert_eq!(file_kind(&dir.path().join("none.db")).unwrap(), FileKind::Missing);
        let enc = dir.path().join("enc.db");
        let conn = Connection::open(&enc).unwrap();
        apply_key(&conn, &Secret::from("a passphrase")).unwrap();
        conn.execute_batch("CREATE TABLE t (x);").unwrap();
        drop(conn);
        assert_eq!(file_kind(&enc).unwrap(), FileKind::Encrypted);
        let bytes = std::fs::read(&enc).unwrap();
        assert!(!bytes.windows(5).any(|w| w == b"TABLE"), "the schema must not be readable in the file");
    }
}
