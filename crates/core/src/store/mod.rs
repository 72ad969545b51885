//! The SQLite store: one database file per portfolio.
//!
//! Every connection runs in WAL mode with foreign keys on, a busy timeout and full
//! synchronisation, so a crash or a kill at any moment loses no committed transaction. Every
//! write runs in a transaction that takes the write lock up front (`BEGIN IMMEDIATE`): either
//! all of it lands or none of it does.
//!
//! Opening a store also installs the catalogue compiled into the build when the installed one
//! differs (see `store/catalog/`).
//!
//! `Store` itself is the lifecycle (open, path, the write transaction, the whole-file operations).
//! Each table, or aggregate of tables, has a handle reached through an accessor
//! (`store.clients()`, `store.assessments()`, `store.catalog()`, ...) and the read models that
//! combine them sit above those, in `store.views()` (`store/handles.rs`).
//!
//! A database may be encrypted with a passphrase (SQLCipher, `store/cipher.rs`); every open
//! checks its integrity and makes the automatic backups (`store/backup.rs`); changes to clients
//! and assessments are recorded by triggers in `audit_log` (`store/audit.rs`). Evidence files live
//! in the same database (`store/evidence.rs`), so all of this covers them.

mod assessment;
mod audit;
mod backup;
mod branding;
mod catalog;
mod cipher;
mod client_facts;
mod clients;
mod dashboard;
mod evidence;
mod handles;
mod migrations;
mod overrides;
mod requests;
mod sync;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use assessment::{ClientContext, OpenActions};
pub use branding::BrandingSettings;
pub use catalog::{
    CatalogInfo, ControlDetail, ControlSummary, CustomControl, CustomEntries, CustomMapping, FrameworkSummary,
    ImportedFramework, MappedControl, MappingRow, NewCustomControl, NewCustomMapping, OscalImport, RequirementControls,
    RequirementNode, ServedRequirement, IMPORT_MAPPING_COLUMNS,
};
pub use clients::{ClientFilter, ClientSort, ListQuery};
pub use dashboard::{
    Dashboard, DashboardEntry, DashboardQuery, DashboardRow, DashboardSort, Figures, RecommendedFramework,
};
pub use evidence::{EvidenceExport, EvidenceRemoved, EvidenceShown, MIN_SHA_PREFIX};
pub use handles::{
    Assessments, Audit, Backups, Branding, CatalogTables, Clients, EvidenceFiles, Packages, Requests, Scopes, Views,
};
pub use migrations::SCHEMA_VERSION;
pub use overrides::validate_overrides;
pub use sync::{
    AppliedFile, Compaction, Conflict, ConflictList, Keep, PeerStatus, Refused, SentFile, Sharing, SyncReport, Team,
    TeamStatus, Waiting, SNAPSHOT_EVERY,
};

pub use audit::{AuditAction, AuditEntry, AuditPage, AUDIT_PAGE_MAX};
pub use backup::{backup_dir, list_backups, restore_backup, BackupInfo, RestoreOutcome, BACKUPS_KEPT, BACKUP_DIR};
pub use cipher::{file_kind, FileKind, OpenOptions, PassphraseOutcome};

use crate::{Error, Result};

/// How long a connection waits for another writer before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// The passphrase the database was opened with: backups are made under the same key.
    key: Option<crate::secret::Secret>,
    backup_warning: Option<String>,
    /// The dashboard rows last worked out, for the date and the database state they describe
    /// (`store/dashboard.rs`).
    dashboard_cache: dashboard::Cache,
    /// The portfolio overview's default scopes, for the date and the database state they were
    /// read for (`store/assessment/defaults.rs`).
    overview_defaults: assessment::KeptDefaults,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// Refuses a database written by a newer Crosswalk, without changing it.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, OpenOptions::default())
    }

    /// Opens the database at `path` as [`Store::open`] does, with a passphrase when it is
    /// encrypted (a new database given one is created encrypted). Before anything is changed it
    /// checks the passphrase ([`Error::PassphraseRequired`], [`Error::WrongPassphrase`]) and the
    /// file's integrity ([`Error::DamagedDatabase`]), then makes the automatic backup (before a
    /// migration; the first open of the day).
    pub fn open_with(path: &Path, options: OpenOptions) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::io(format!("cannot create the folder {}", parent.display()), e))?;
        }
        let key = options.passphrase;
        let conn = cipher::connect(path, key.as_ref(), || format!("the database {}", path.display()))?;
        backup::integrity(&conn, path, backup::Check::Quick)?;
        let backup_warning = backup::on_open(&conn, key.as_ref(), path)?;
        let mut store = Store::init(conn, Some(path.to_owned()))?;
        store.key = key;
        store.backup_warning = backup_warning;
        Ok(store)
    }

    /// A private database in memory, for tests and `--profile` runs.
    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?, None)
    }

    fn init(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        configure(&conn)?;
        migrations::migrate(&mut conn)?;
        let store = Store {
            conn,
            path,
            key: None,
            backup_warning: None,
            dashboard_cache: Default::default(),
            overview_defaults: Default::default(),
        };
        store.catalog().install_shipped()?;
        store.refresh_analysis()?;
        Ok(store)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Hands back the memory SQLite keeps for this connection's page cache (pages it read are
    /// read again from the file, which the system keeps cached): for a long-lived process once a
    /// burst of work is over, as the window after start-up. Changes nothing in the database.
    pub fn release_memory(&self) -> Result<()> {
        Ok(self.conn.release_memory()?)
    }

    /// Runs `f` in a write transaction that holds the lock from its start; commits if `f`
    /// succeeds, rolls back otherwise. Before committing it brings the analysis summaries up to
    /// date with whatever `f` changed (`store/assessment/summary.rs`).
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        // `&self`: the connection is this store's alone, and a write inside a write fails at
        // `BEGIN` (SQLite refuses a nested transaction), so no borrow needs to say it.
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        assessment::refresh_summaries(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Rebuilds stale analysis summaries, if any (a database written before they existed).
    fn refresh_analysis(&self) -> Result<()> {
        let stale: bool = self.conn.query_row(
            "SELECT (SELECT all_stale FROM analysis_state) OR EXISTS (SELECT 1 FROM assessments WHERE summary_stale = 1)",
            [],
            |r| r.get(0),
        )?;
        if stale {
            self.write(|_| Ok(()))?;
        }
        Ok(())
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
    // One plan per statement, whatever values are bound. The bundled SQLite is built with
    // STAT4, under which a cached statement whose plan could depend on a bound value is compiled
    // again when that value changes: the team sync's write-back recompiled its upsert (and the
    // triggers it fires) for every row: most of the time a new member took to join.
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    // The readiness percentages of the SQL queries, rounded by the same Rust function as those
    // summed in Rust (the portfolio overview): one rounding, whichever side counts.
    conn.create_scalar_function(
        "one_decimal_percent",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS,
        |ctx| {
            let part: Option<f64> = ctx.get(0)?;
            let whole: Option<f64> = ctx.get(1)?;
            Ok(part.zip(whole).and_then(|(part, whole)| crate::assessment::one_decimal_percent(part, whole)))
        },
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
        assert!(store.conn().db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG).unwrap());
    }

    #[test]
    fn timestamps_sort_as_text() {
        let a = now_utc();
        assert_eq!(a.len(), "2026-11-29T10:00:00.000Z".len(), "{a}");
        assert!(a.ends_with('Z'));
    }
}
