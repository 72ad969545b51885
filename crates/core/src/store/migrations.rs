//! Forward-only schema migrations, embedded in the binary.
//!
//! The schema version is SQLite's `user_version`. Each pending migration runs in its own
//! `BEGIN IMMEDIATE` transaction together with the version bump, so a crash leaves the database
//! at the previous version, never half-way. A database whose version is higher than this build
//! knows was written by a newer Crosswalk and is refused untouched.

use rusqlite::{Connection, TransactionBehavior};

use crate::{Error, Result};

/// The migrations, in order. Never edit or reorder a released one: add a new file.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_clients.sql", include_str!("../../migrations/0001_clients.sql")),
    ("0002_catalog.sql", include_str!("../../migrations/0002_catalog.sql")),
    ("0003_assessment.sql", include_str!("../../migrations/0003_assessment.sql")),
    ("0004_overrides.sql", include_str!("../../migrations/0004_overrides.sql")),
    ("0005_audit.sql", include_str!("../../migrations/0005_audit.sql")),
    ("0006_branding.sql", include_str!("../../migrations/0006_branding.sql")),
    ("0007_sufficiency_and_subservice.sql", include_str!("../../migrations/0007_sufficiency_and_subservice.sql")),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    apply(conn, MIGRATIONS)
}

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

fn apply(conn: &mut Connection, migrations: &[(&'static str, &str)]) -> Result<()> {
    let supported = migrations.len() as i64;
    let found = user_version(conn)?;
    if found > supported {
        return Err(Error::NewerDatabase { found, supported });
    }
    for (index, (name, sql)) in migrations.iter().enumerate().skip(found as usize) {
        let version = index as i64 + 1;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Re-check under the write lock: another process may have migrated meanwhile.
        if user_version(&tx)? >= version {
            continue;
        }
        tx.execute_batch(sql).map_err(|source| Error::Migration { name, source })?;
        tx.pragma_update(None, "user_version", version).map_err(|source| Error::Migration { name, source })?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_database_reaches_the_latest_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION);
        // Running again is a no-op.
        migrate(&mut conn).unwrap();
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn refuses_a_database_from_a_newer_build_without_touching_it() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
        let err = migrate(&mut conn).unwrap_err();
        assert!(
            matches!(err, Error::NewerDatabase { found, supported } if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION)
        );
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION + 1);
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).unwrap();
        assert_eq!(tables, 0);
    }

    #[test]
    fn a_failing_migration_rolls_back_whole_and_names_the_file() {
        let mut conn = Connection::open_in_memory().unwrap();
        let broken: &[(&str, &str)] = &[
            ("0001_ok.sql", "CREATE TABLE a (x INTEGER);"),
            ("0002_broken.sql", "CREATE TABLE b (y INTEGER); SELEC nonsense;"),
        ];
        let err = apply(&mut conn, broken).unwrap_err();
        assert!(err.to_string().contains("0002_broken.sql"), "{err}");
        assert_eq!(user_version(&conn).unwrap(), 1);
        let b_exists: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'b'", [], |r| r.get(0)).unwrap();
        assert_eq!(b_exists, 0, "the half-applied migration must be rolled back");
    }
}
