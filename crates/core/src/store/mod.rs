//! The SQLite store: one database file per portfolio.
//!
//! Every connection runs in WAL mode with foreign keys on, a busy timeout and full
//! synchronisation, so a crash or a kill at any moment loses no committed transaction. Every
//! write runs in a transaction that takes the write lock up front (`BEGIN IMMEDIATE`): either
//! all of it lands or none of it does.
//!
//! Opening a store also installs the catalogue compiled into the build when the installed one
//! differs (see `store/catalog/`).

mod catalog;
mod clients;
mod migrations;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use catalog::{
    CatalogInfo, ControlDetail, ControlSummary, CustomControl, CustomEntries, CustomMapping, FrameworkSummary,
    MappedControl, MappingRow, NewCustomControl, NewCustomMapping, RequirementControls, RequirementNode,
    ServedRequirement,
};
pub use clients::{ClientFilter, ClientSort, ListQuery};
pub use migrations::SCHEMA_VERSION;

use crate::{Error, Result};

/// How long a connection waits for another writer before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// Refuses a database written by a newer Crosswalk, without changing it.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::io(format!("cannot create the folder {}", parent.display()), e))?;
        }
        let conn = Connection::open(path)?;
        Store::init(conn, Some(path.to_owned()))
    }

    /// A private database in memory, for tests and `--profile` runs.
    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?, None)
    }

    fn init(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        configure(&conn)?;
        migrations::migrate(&mut conn)?;
        let mut store = Store { conn, path };
        store.install_shipped_catalog()?;
        Ok(store)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Runs `f` in a write transaction that holds the lock from its start; commits if `f`
    /// succeeds, rolls back otherwise.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // WAL cannot be enabled on an in-memory database; SQLite answers "memory" then, which is fine.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA synchronous = FULL;
         PRAGMA trusted_schema = OFF;",
    )?;
    Ok(())
}

/// Now, in UTC, as RFC 3339 with milliseconds: fixed width, so text order is time order.
pub(crate) fn now_utc() -> String {
    jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_connection_is_configured() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("nested/folder/p.db")).unwrap();
        let pragma = |name: &str| -> String {
            store
                .conn()
                .query_row(&format!("PRAGMA {name}"), [], |r| r.get::<_, rusqlite::types::Value>(0))
                .map(|v| format!("{v:?}"))
                .unwrap()
        };
        assert_eq!(pragma("journal_mode"), "Text(\"wal\")");
        assert_eq!(pragma("foreign_keys"), "Integer(1)");
        assert_eq!(pragma("synchronous"), "Integer(2)");
        assert_eq!(pragma("busy_timeout"), "Integer(5000)");
    }

    #[test]
    fn timestamps_sort_as_text() {
        let a = now_utc();
        assert_eq!(a.len(), "2026-11-29T10:00:00.000Z".len(), "{a}");
        assert!(a.ends_with('Z'));
    }
}
