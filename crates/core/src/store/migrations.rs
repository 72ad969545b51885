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
    ("0007_integrated_audit_override.sql", include_str!("../../migrations/0007_integrated_audit_override.sql")),
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

    #[test]
    fn the_override_table_rebuild_keeps_its_rows_triggers_and_cascade() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        apply(&mut conn, &MIGRATIONS[..6]).unwrap();
        let id = "00000000-0000-0000-0000-000000000001";
        conn.execute(
            "INSERT INTO clients (id, profile, created_at, updated_at) VALUES (?1, ?2, 'x', 'x')",
            [id, r#"{"name":"A","sector":"software","employees":1,"headquarters":"DE"}"#],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO roadmap_overrides (client_id, kind, subject, day, reason, created_at, position)
             VALUES (?1, 'exclude', 'soc2', NULL, 'no US customers', 'x', 0)",
            [id],
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let kept: String = conn
            .query_row("SELECT reason FROM roadmap_overrides WHERE client_id = ?1 AND kind = 'exclude'", [id], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(kept, "no US customers");
        let audited_before: i64 = conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap();
        conn.execute(
            "INSERT INTO roadmap_overrides (client_id, kind, subject, day, reason, created_at, position)
             VALUES (?1, 'integrated_audit_declined', 'iso27001,iso42001', NULL, 'two bodies', 'x', 1)",
            [id],
        )
        .unwrap();
        let audited: i64 = conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap();
        assert_eq!(audited, audited_before + 1, "the insert trigger is back");
        let bad = conn.execute(
            "INSERT INTO roadmap_overrides (client_id, kind, subject, day, reason, created_at, position)
             VALUES (?1, 'nonsense', 'x', NULL, 'r', 'x', 2)",
            [id],
        );
        assert!(bad.is_err(), "the kind is still checked");
        conn.execute("DELETE FROM clients WHERE id = ?1", [id]).unwrap();
        let left: i64 = conn.query_row("SELECT count(*) FROM roadmap_overrides", [], |r| r.get(0)).unwrap();
        assert_eq!(left, 0, "a deleted client's overrides still go with it");
    }
}
