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
    ("0007_frameworks.sql", include_str!("../../migrations/0007_frameworks.sql")),
    ("0008_ai_obligation_facts.sql", include_str!("../../migrations/0008_ai_obligation_facts.sql")),
    ("0009_integrated_audit_override.sql", include_str!("../../migrations/0009_integrated_audit_override.sql")),
    ("0010_evidence.sql", include_str!("../../migrations/0010_evidence.sql")),
    ("0011_sufficiency_and_subservice.sql", include_str!("../../migrations/0011_sufficiency_and_subservice.sql")),
    ("0012_regulatory_obligations.sql", include_str!("../../migrations/0012_regulatory_obligations.sql")),
    ("0013_evidence_requests.sql", include_str!("../../migrations/0013_evidence_requests.sql")),
    ("0014_client_facts.sql", include_str!("../../migrations/0014_client_facts.sql")),
    ("0015_catalog_derived_tables.sql", include_str!("../../migrations/0015_catalog_derived_tables.sql")),
    ("0016_client_framework_totals.sql", include_str!("../../migrations/0016_client_framework_totals.sql")),
    ("0017_team_sync.sql", include_str!("../../migrations/0017_team_sync.sql")),
    ("0018_sync_fields_without_rowid.sql", include_str!("../../migrations/0018_sync_fields_without_rowid.sql")),
    ("0019_conflicts_settled_by_the_team.sql", include_str!("../../migrations/0019_conflicts_settled_by_the_team.sql")),
    ("0020_client_identity_facts.sql", include_str!("../../migrations/0020_client_identity_facts.sql")),
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
    use sha2::{Digest, Sha256};

    /// The SHA-256 of every committed migration, in order. A committed migration is never edited
    /// (databases that already ran it would not run it again); a new one adds its line here.
    const CHECKSUMS: &[(&str, &str)] = &[
        ("0001_clients.sql", "9495ae0af940862d6c109fc71ec13872392d8dbab8778da4a4a85b8ae85c848c"),
        ("0002_catalog.sql", "4e225057b7ad85813bd14f83d369f2f119048945d7f267304b11bc42457859b6"),
        ("0003_assessment.sql", "5bfbb086dd1ff6c59bbd7fb23f58be6666fa1d9f8318fa320c0ab21ce408bb7d"),
        ("0004_overrides.sql", "98d7ad80220168afd21ae0567569357d7dcfc9545a9b7640cfd591ac2ca2b07d"),
        ("0005_audit.sql", "90b3fff9faea1bf33f0c5cc9c1f2ced68d0fea41c2e5112182af3052f7c474f8"),
        ("0006_branding.sql", "104620f6501dfe041f061b0da0b98236add53afb59617b49b88b1afafbddb1c6"),
        ("0007_frameworks.sql", "7dc76ca7ffba3c913e8e72f605a1e8506c0b1c314a82204ce73ea73aa9d521cb"),
        ("0008_ai_obligation_facts.sql", "1c6e22267b6ef66e98a5212529410cff09b224f2cfef61ad37270dd7882e1a1c"),
        ("0009_integrated_audit_override.sql", "34d8998c94b1f814325966313113acfa6bdd4ecbb26e5328aecd160c57b12965"),
        ("0010_evidence.sql", "0967353794ed7e230a3482debe7df9a86a2e45c3af9f747807f4f336d4778655"),
        ("0011_sufficiency_and_subservice.sql", "bfa2203087d10ee5af7886727b124e61ce69a8c59984cdf52c8c9624dddb2bf1"),
        ("0012_regulatory_obligations.sql", "4938aecdf34d7f20ea91c45842dbc0704f21ac28581573e988bc7556963e6e33"),
        ("0013_evidence_requests.sql", "dbf6e3fb8f5b47fb763b8f97867e7d442f9a8efdf1db509e682a5d4ddfa950a4"),
        ("0014_client_facts.sql", "f02a0df1ad10b000dbbe080b61a85d96908d891cab7be4004172810505b64425"),
        ("0015_catalog_derived_tables.sql", "339aafddde9d750bfaec4d007bba51c606cd462b2cb8bbb53f49c5173388c1e0"),
        ("0016_client_framework_totals.sql", "8945e50dfd2fd74da861f315308da7fd714bebe960d503de1c3c02cb8f8e6fbc"),
        ("0017_team_sync.sql", "aa72014db77e72102f005cf325b06600dd4a435bd80c5af174ad6c2289da599a"),
        ("0018_sync_fields_without_rowid.sql", "46f29203223fd124b6bdae52f592b135585a9e3e08d3c8f9140255ddf44f1cc6"),
        ("0019_conflicts_settled_by_the_team.sql", "0ca0fa33910cd01fb816e642d01fe73c3768a93a4955afd457dde5b7c7e26004"),
        ("0020_client_identity_facts.sql", "abf30cc62f839d4c8a6794236be065d740f953fe848a05b16adb56dfdd339e4c"),
    ];

    fn sha256(text: &str) -> String {
        Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
    }

    /// What is wrong with `migrations` measured against `recorded`, one line per problem.
    fn checksum_problems(migrations: &[(&str, &str)], recorded: &[(&str, &str)]) -> Vec<String> {
        let mut problems = Vec::new();
        for (index, (name, sql)) in migrations.iter().enumerate() {
            let actual = sha256(sql);
            match recorded.get(index) {
                Some((recorded_name, expected)) if recorded_name == name && *expected == actual => {}
                Some((recorded_name, expected)) if recorded_name == name => problems.push(format!(
                    "{name} was edited after it was committed (SHA-256 {actual}, recorded {expected}): \
                     restore it and add a new migration for the change instead"
                )),
                Some((recorded_name, _)) => problems.push(format!(
                    "migration {} is {name}, but the checksums record {recorded_name} there: \
                     committed migrations are never renamed or reordered",
                    index + 1
                )),
                None => problems
                    .push(format!("{name} is new: add (\"{name}\", \"{actual}\") to CHECKSUMS in store/migrations.rs")),
            }
        }
        for (name, _) in recorded.iter().skip(migrations.len()) {
            problems
                .push(format!("{name} has a checksum but is not among the migrations: a committed migration stays"));
        }
        problems
    }

    #[test]
    fn committed_migrations_are_unchanged() {
        let problems = checksum_problems(MIGRATIONS, CHECKSUMS);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn the_checksum_check_catches_edits_additions_and_removals() {
        #[track_caller]
        fn check(migrations: &[(&str, &str)], expected: &[&str]) {
            let hash = sha256("CREATE TABLE a (x);");
            let problems = checksum_problems(migrations, &[("0001_a.sql", &hash)]);
            assert_eq!(problems.len(), expected.len(), "{problems:?}");
            for (problem, words) in problems.iter().zip(expected) {
                assert!(problem.contains(words), "{problem} should say {words}");
            }
        }
        check(&[("0001_a.sql", "CREATE TABLE a (x);")], &[]);
        check(&[("0001_a.sql", "CREATE TABLE a (y);")], &["edited after it was committed (SHA-256 28b7f51e"]);
        check(&[("0001_a.sql", "CREATE TABLE a (x); ")], &["add a new migration for the change instead"]);
        check(&[("0001_b.sql", "CREATE TABLE a (x);")], &["never renamed"]);
        check(
            &[("0001_a.sql", "CREATE TABLE a (x);"), ("0002_b.sql", "CREATE TABLE b (x);")],
            &["0002_b.sql is new: add (\"0002_b.sql\", \""],
        );
        check(&[], &["0001_a.sql has a checksum but is not among the migrations"]);
    }

    /// Every SQL file in `migrations/` is embedded, under its own name and content, in order.
    #[test]
    fn every_migration_file_is_embedded() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".sql"))
            .collect();
        files.sort();
        let embedded: Vec<&str> = MIGRATIONS.iter().map(|(name, _)| *name).collect();
        assert_eq!(files, embedded, "every file in {} must be listed in MIGRATIONS, in order", dir.display());
        for (index, (name, sql)) in MIGRATIONS.iter().enumerate() {
            assert!(name.starts_with(&format!("{:04}_", index + 1)), "{name} is migration {}", index + 1);
            assert_eq!(std::fs::read_to_string(dir.join(name)).unwrap(), *sql, "{name} is embedded as it is");
        }
    }

    #[test]
    fn fresh_database_reaches_the_latest_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION);
        // Running again is a no-op.
        migrate(&mut conn).unwrap();
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION);
    }

    /// 0018 moves the team state's fields into a table without rowids: every field survives with
    /// its stamp, file number and value (of any type), and the key still refuses a duplicate.
    #[test]
    fn the_sync_fields_migration_keeps_every_field() {
        let mut conn = Connection::open_in_memory().unwrap();
        let before = MIGRATIONS.iter().position(|(name, _)| name.starts_with("0018_")).unwrap();
        apply(&mut conn, &MIGRATIONS[..before]).unwrap();
        conn.execute_batch(
            "INSERT INTO sync_fields (tbl, pk, col, stamp, seq, value) VALUES
               ('sync_assessment_controls', '[\"c\",\"2026-12-01\",\"CW-ACC-01\"]', 'status', 's1', 3, 'implemented'),
               ('sync_assessment_controls', '[\"c\",\"2026-12-01\",\"CW-ACC-01\"]', 'due', 's2', 4, NULL),
               ('sync_evidence_files', '[\"c\",\"ab\"]', 'size', 's3', 5, 12),
               ('sync_evidence_files', '[\"c\",\"ab\"]', 'content', 's3', 5, x'00ff');",
        )
        .unwrap();
        let read = |conn: &Connection| -> Vec<(String, String, String, String, i64, rusqlite::types::Value)> {
            conn.prepare("SELECT tbl, pk, col, stamp, seq, value FROM sync_fields ORDER BY tbl, pk, col")
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let fields = read(&conn);
        migrate(&mut conn).unwrap();
        assert_eq!(read(&conn), fields);
        let sql: String =
            conn.query_row("SELECT sql FROM sqlite_schema WHERE name = 'sync_fields'", [], |r| r.get(0)).unwrap();
        assert!(sql.contains("WITHOUT ROWID"), "{sql}");
        assert!(conn
            .execute(
                "INSERT INTO sync_fields (tbl, pk, col, stamp, seq, value) VALUES ('sync_evidence_files', '[\"c\",\"ab\"]', 'size', 's9', 9, 1)",
                [],
            )
            .is_err());
    }

    /// 0007 rebuilds the catalogue tables and scope_frameworks: a chosen scope survives it, the
    /// audit trail records nothing for the rebuild, and the catalogue is installed again.
    #[test]
    fn migration_0007_keeps_chosen_scopes_and_asks_for_a_new_catalogue_install() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        apply(&mut conn, &MIGRATIONS[..6]).unwrap();
        conn.execute_batch(
            "INSERT INTO clients (id, profile, created_at, updated_at)
             VALUES ('00000000-0000-4000-8000-000000000001',
                     '{\"name\": \"A\", \"sector\": \"software\", \"employees\": 5, \"headquarters\": \"DE\"}', 'now', 'now');
             INSERT INTO client_scopes (client_id, updated_at) VALUES ('00000000-0000-4000-8000-000000000001', 'now');
             INSERT INTO scope_frameworks (client_id, framework)
             VALUES ('00000000-0000-4000-8000-000000000001', 'iso27001'), ('00000000-0000-4000-8000-000000000001', 'soc2');
             INSERT INTO catalog_meta (singleton, version, date, content_hash, installed_at)
             VALUES (1, 'v', '2026-01-01', '0123456789abcdef', 'now');",
        )
        .unwrap();
        let audit =
            |conn: &Connection| -> i64 { conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap() };
        let before = audit(&conn);
        migrate(&mut conn).unwrap();
        let frameworks: Vec<String> = conn
            .prepare("SELECT framework FROM scope_frameworks ORDER BY framework")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(frameworks, ["iso27001", "soc2"]);
        assert_eq!(audit(&conn), before, "the rebuild is not an edit of the client's scope");
        let installed: i64 = conn.query_row("SELECT count(*) FROM catalog_meta", [], |r| r.get(0)).unwrap();
        assert_eq!(installed, 0, "the shipped catalogue is installed again on the next open");
        // The audit triggers work on the new table; an imported id is accepted, a malformed one not.
        conn.execute(
            "INSERT INTO scope_frameworks (client_id, framework) VALUES ('00000000-0000-4000-8000-000000000001', 'x_mine')",
            [],
        )
        .unwrap();
        assert_eq!(audit(&conn), before + 1);
        assert!(conn
            .execute(
                "INSERT INTO scope_frameworks (client_id, framework) VALUES ('00000000-0000-4000-8000-000000000001', 'Bad Id')",
                [],
            )
            .is_err());
    }

    /// 0010_evidence.sql rebuilds audit_log to admit the entity `evidence`: a database written
    /// before keeps every entry and id, and the triggers of 0005 still write to the new table.
    #[test]
    fn the_evidence_migration_keeps_the_audit_trail() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        let before_evidence = MIGRATIONS.iter().position(|(name, _)| name.ends_with("_evidence.sql")).unwrap();
        apply(&mut conn, &MIGRATIONS[..before_evidence]).unwrap();
        let client = "123e4567-e89b-12d3-a456-426614174000";
        let profile = r#"{"name":"Trail","sector":"software","employees":3,"headquarters":"DE"}"#;
        conn.execute(
            "INSERT INTO clients (id, profile, created_at, updated_at) VALUES (?1, ?2, '', '')",
            [client, profile],
        )
        .unwrap();
        conn.execute("UPDATE clients SET archived_at = 'x' WHERE id = ?1", [client]).unwrap();
        let trail = |conn: &Connection| -> Vec<(i64, String, String)> {
            conn.prepare("SELECT id, entity, key FROM audit_log ORDER BY id")
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let before = trail(&conn);
        assert_eq!(before.len(), 2);
        migrate(&mut conn).unwrap();
        assert_eq!(trail(&conn), before, "every entry kept with its id");
        conn.execute("UPDATE clients SET archived_at = NULL WHERE id = ?1", [client]).unwrap();
        let after = trail(&conn);
        assert_eq!(after.len(), 3, "the 0005 triggers write to the rebuilt table");
        assert_eq!(after[2].1, "client");
        conn.execute(
            "INSERT INTO audit_log (client_id, at, entity, key, action) VALUES (?1, '', 'evidence', 'CW-A', 'insert')",
            [client],
        )
        .unwrap();
        let bad = conn.execute(
            "INSERT INTO audit_log (client_id, at, entity, key, action) VALUES (?1, '', 'nonsense', 'k', 'insert')",
            [client],
        );
        assert!(bad.is_err(), "the CHECK still refuses unknown entities");
        let index: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'audit_log_by_client'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(index, 1);
        let legacy: i64 = conn.query_row("PRAGMA legacy_alter_table", [], |r| r.get(0)).unwrap();
        assert_eq!(legacy, 0, "the migration leaves legacy_alter_table off");
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

    /// A portfolio written before 0020, when the list's name, sector, head count and country were
    /// generated from the profile's JSON: after it they are columns written from the typed
    /// profile, the generated ones are gone, and the list and the overview find and order the
    /// clients as before.
    #[test]
    fn a_version_19_portfolio_lists_its_clients_from_typed_columns() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply(&mut conn, &MIGRATIONS[..19]).unwrap();
        for (id, name, sector, employees, country) in [
            ("5f0c2d7e-8a41-4c36-9b1e-2e7d4a9c6f01", "zephyr Labs", "software", 12, "FR"),
            ("5f0c2d7e-8a41-4c36-9b1e-2e7d4a9c6f02", "Alder Bank", "financial_services", 900, "DE"),
        ] {
            let profile = serde_json::json!({ "name": name, "sector": sector, "employees": employees,
                                              "headquarters": country, "markets": ["eu"] });
            conn.execute(
                "INSERT INTO clients (id, profile, created_at, updated_at) VALUES (?1, ?2, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                rusqlite::params![id, profile.to_string()],
            )
            .unwrap();
        }
        let store = super::super::Store::init(conn, None).unwrap();
        let columns: Vec<String> = store
            .conn()
            .prepare("SELECT name FROM pragma_table_xinfo('clients') ORDER BY cid")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(columns, ["id", "profile", "created_at", "updated_at", "archived_at"]);
        let list = |search: &str, sort| {
            let query = crate::store::ListQuery { search: search.into(), sort, ..Default::default() };
            let found = store.clients().list(&query).unwrap();
            found.into_iter().map(|c| (c.name, c.employees, c.headquarters)).collect::<Vec<_>>()
        };
        let alder = ("Alder Bank".to_owned(), 900, "DE".to_owned());
        let zephyr = ("zephyr Labs".to_owned(), 12, "FR".to_owned());
        assert_eq!(list("", crate::store::ClientSort::Name), [alder.clone(), zephyr.clone()], "by name, any case");
        assert_eq!(list("", crate::store::ClientSort::Employees), [zephyr.clone(), alder.clone()]);
        assert_eq!(list("financial", crate::store::ClientSort::Name), [alder], "the sector is searched");
        assert_eq!(list("fr", crate::store::ClientSort::Name), [zephyr], "the country is searched");
        let settings = crate::assessment::AnalysisSettings::new("2026-12-05".parse().unwrap());
        let overview = store.views().portfolio_readiness(&settings).unwrap();
        let names: Vec<&str> = overview.iter().map(|r| r.client_name.as_str()).collect();
        assert_eq!(names, ["Alder Bank", "zephyr Labs"]);
    }

    /// A portfolio written before the AI Act facts existed: after the migration the catalogue is
    /// installed again with its conditions and every client's obligations follow the facts rule
    /// (here, with the deployer type unknown, the public-authority duties stay in scope as open).
    #[test]
    fn a_version_6_portfolio_gets_its_obligations_from_the_facts_rule() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply(&mut conn, &MIGRATIONS[..6]).unwrap();
        conn.execute(
            "INSERT INTO clients (id, profile, created_at, updated_at) VALUES (?1, ?2, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            rusqlite::params![
                "5f0c2d7e-8a41-4c36-9b1e-2e7d4a9c6f99",
                r#"{"name":"Old Corp","sector":"software","employees":10,"headquarters":"DE","markets":["eu"],"offerings":["deploys_third_party_ai"],
                   "ai_systems":[{"name":"Screener","purpose":"","roles":["deployer"],"risk":{"tier":"high_risk_annex_iii","area":"employment"},
                                  "general_purpose":false,"systemic_risk":false}],
                   "certifications":[],"pressures":[],"contacts":[],"notes":""}"#,
            ],
        )
        .unwrap();
        let store = super::super::Store::init(conn, None).unwrap();
        let ids: Vec<String> = store
            .conn()
            .prepare("SELECT requirement_id FROM client_ai_obligations ORDER BY requirement_id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for id in ["Art.26(1)", "Art.26(8)", "Art.27", "Art.49(3)", "Art.4"] {
            assert!(ids.iter().any(|i| i == id), "{id} missing from {ids:?}");
        }
        assert!(!ids.iter().any(|i| i == "Art.9"), "no provider duty for a deployer: {ids:?}");
        let scopes: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM requirements WHERE framework = 'eu_ai_act' AND ai_scope IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(scopes > 50, "{scopes} EU AI Act leaves carry their scope");
    }

    /// A portfolio written before the regulatory facts existed: after 0012 every client's GDPR
    /// and NIS2 requirements are derived by the rule the advice uses (here a German employer whose
    /// role is not recorded: what both roles owe applies, the rest is open), and the GDPR counts
    /// by requirement.
    #[test]
    fn a_version_11_portfolio_gets_its_gdpr_and_nis2_requirements() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply(&mut conn, &MIGRATIONS[..11]).unwrap();
        conn.execute(
            "INSERT INTO clients (id, profile, created_at, updated_at) VALUES (?1, ?2, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            rusqlite::params![
                "5f0c2d7e-8a41-4c36-9b1e-2e7d4a9c6f98",
                r#"{"name":"Old GmbH","sector":"software","employees":30,"headquarters":"DE","markets":["eu"],
                   "offerings":["service_processing_customer_data"]}"#,
            ],
        )
        .unwrap();
        let store = super::super::Store::init(conn, None).unwrap();
        let rows: Vec<(String, String, bool)> = store
            .conn()
            .prepare(
                "SELECT framework, requirement_id, open FROM client_reg_obligations ORDER BY framework, requirement_id",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(rows.contains(&("gdpr".into(), "Art.30".into(), false)), "{rows:?}");
        assert!(rows.contains(&("gdpr".into(), "Art.28".into(), true)), "{rows:?}");
        assert!(rows.contains(&("nis2".into(), "Art.27".into(), true)), "{rows:?}");
        let unit: String = store
            .conn()
            .query_row(
                "SELECT unit FROM analysis_units WHERE framework = 'gdpr' AND requirement_id = 'Art.30'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(unit, "Art.30");
    }

    /// A portfolio written before `client_facts` existed lists and finds its clients as before:
    /// the facts are written from each typed profile when the store opens it.
    #[test]
    fn a_version_13_portfolio_gets_its_client_facts() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply(&mut conn, &MIGRATIONS[..13]).unwrap();
        conn.execute(
            "INSERT INTO clients (id, profile, created_at, updated_at) VALUES (?1, ?2, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            rusqlite::params![
                "5f0c2d7e-8a41-4c36-9b1e-2e7d4a9c6f99",
                r#"{"name":"Old Corp","sector":"software","employees":10,"headquarters":"DE","markets":["eu","us"],"offerings":[],
                   "ai_systems":[],"certifications":[],"contacts":[{"name":"Greta Lind"}],"notes":"met at the fair",
                   "pressures":[{"party":"us_customers","asks_for":"soc2","deals_blocked":true}]}"#,
            ],
        )
        .unwrap();
        let store = super::super::Store::init(conn, None).unwrap();
        let list = store.clients().list(&Default::default()).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].markets, [crate::domain::Market::Eu, crate::domain::Market::Us]);
        assert!(list[0].deals_blocked);
        for text in ["greta", "the fair"] {
            let query = super::super::ListQuery { search: text.into(), ..Default::default() };
            assert_eq!(store.clients().list(&query).unwrap().len(), 1, "{text}");
        }
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
