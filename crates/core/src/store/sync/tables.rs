//! The synced tables: how each `sync_*` table of `0017_team_sync.sql` is read from the real
//! tables (the shared clients' rows only) and written back to them.
//!
//! Every synced table is keyed by natural values, its client first, and its key columns come
//! first. A new table of consultant work that should travel gets a `sync_*` table in a
//! migration and an entry here (parents before children); derived tables never do.

/// One synced table.
pub(crate) struct SyncTable {
    /// The `sync_*` table (in `main`: the base; in `cur`: this sync's copy of the real rows).
    pub name: &'static str,
    /// How many leading columns form the key.
    pub key_len: usize,
    /// The tables a row needs (its rows must exist for it to exist): the parent and which of this
    /// table's columns hold the parent's key, in order.
    pub parents: &'static [(&'static str, &'static [usize])],
    /// The shared clients' rows of the real tables, in this table's column order.
    pub select: &'static str,
    /// The real table a row is written back to.
    pub real: &'static str,
    /// The condition selecting the real row of key `?1`, `?2`, ...
    pub real_key: &'static str,
    /// Writes the row of key `?1`, ... from `cur` into the real table (inserted, or its fields
    /// replaced).
    pub upsert: &'static str,
}

/// Appends the condition "is a shared client" to a query ending in a client id column.
macro_rules! shared {
    ($sql:literal) => {
        concat!($sql, " IN (SELECT client_id FROM main.sync_shared)")
    };
}

pub(crate) const TABLES: &[SyncTable] = &[
    SyncTable {
        name: "sync_clients",
        key_len: 1,
        parents: &[],
        select: shared!("SELECT id, profile, created_at, updated_at, archived_at FROM main.clients WHERE id"),
        real: "clients",
        real_key: "id = ?1",
        upsert: "INSERT INTO main.clients (id, profile, created_at, updated_at, archived_at)
                 SELECT client_id, profile, created_at, updated_at, archived_at FROM cur.sync_clients WHERE client_id = ?1
                 ON CONFLICT (id) DO UPDATE SET profile = excluded.profile, created_at = excluded.created_at,
                   updated_at = excluded.updated_at, archived_at = excluded.archived_at",
    },
    SyncTable {
        name: "sync_client_scopes",
        key_len: 1,
        parents: &[("sync_clients", &[0])],
        select: shared!("SELECT client_id, updated_at FROM main.client_scopes WHERE client_id"),
        real: "client_scopes",
        real_key: "client_id = ?1",
        upsert: "INSERT INTO main.client_scopes (client_id, updated_at)
                 SELECT client_id, updated_at FROM cur.sync_client_scopes WHERE client_id = ?1
                 ON CONFLICT (client_id) DO UPDATE SET updated_at = excluded.updated_at",
    },
    SyncTable {
        name: "sync_scope_frameworks",
        key_len: 2,
        parents: &[("sync_client_scopes", &[0])],
        select: shared!("SELECT client_id, framework FROM main.scope_frameworks WHERE client_id"),
        real: "scope_frameworks",
        real_key: "client_id = ?1 AND framework = ?2",
        upsert: "INSERT OR IGNORE INTO main.scope_frameworks (client_id, framework)
                 SELECT client_id, framework FROM cur.sync_scope_frameworks WHERE client_id = ?1 AND framework = ?2",
    },
    SyncTable {
        name: "sync_scope_soc2_categories",
        key_len: 2,
        parents: &[("sync_client_scopes", &[0])],
        select: shared!("SELECT client_id, category FROM main.scope_soc2_categories WHERE client_id"),
        real: "scope_soc2_categories",
        real_key: "client_id = ?1 AND category = ?2",
        upsert: "INSERT OR IGNORE INTO main.scope_soc2_categories (client_id, category)
                 SELECT client_id, category FROM cur.sync_scope_soc2_categories WHERE client_id = ?1 AND category = ?2",
    },
    SyncTable {
        name: "sync_subservice_organisations",
        key_len: 2,
        parents: &[("sync_clients", &[0])],
        select: shared!(
            "SELECT client_id, name, method, services, updated_at FROM main.subservice_organisations WHERE client_id"
        ),
        real: "subservice_organisations",
        real_key: "client_id = ?1 AND name = ?2",
        upsert: "INSERT INTO main.subservice_organisations (client_id, name, method, services, updated_at)
                 SELECT client_id, name, method, services, updated_at FROM cur.sync_subservice_organisations
                 WHERE client_id = ?1 AND name = ?2
                 ON CONFLICT (client_id, name) DO UPDATE SET method = excluded.method, services = excluded.services,
                   updated_at = excluded.updated_at",
    },
    SyncTable {
        name: "sync_subservice_criteria",
        key_len: 3,
        parents: &[("sync_subservice_organisations", &[0, 1])],
        select: shared!("SELECT client_id, organisation, criterion FROM main.subservice_criteria WHERE client_id"),
        real: "subservice_criteria",
        real_key: "client_id = ?1 AND organisation = ?2 AND criterion = ?3",
        upsert: "INSERT OR IGNORE INTO main.subservice_criteria (client_id, organisation, criterion)
                 SELECT client_id, organisation, criterion FROM cur.sync_subservice_criteria
                 WHERE client_id = ?1 AND organisation = ?2 AND criterion = ?3",
    },
    SyncTable {
        name: "sync_roadmap_overrides",
        key_len: 2,
        parents: &[("sync_clients", &[0])],
        select: shared!(
            "SELECT client_id, position, kind, subject, day, reason, created_at FROM main.roadmap_overrides WHERE client_id"
        ),
        real: "roadmap_overrides",
        real_key: "client_id = ?1 AND position = ?2",
        upsert: "INSERT INTO main.roadmap_overrides (client_id, position, kind, subject, day, reason, created_at)
                 SELECT client_id, position, kind, subject, day, reason, created_at FROM cur.sync_roadmap_overrides
                 WHERE client_id = ?1 AND position = ?2
                 ON CONFLICT (client_id, position) DO UPDATE SET kind = excluded.kind, subject = excluded.subject,
                   day = excluded.day, reason = excluded.reason, created_at = excluded.created_at",
    },
    SyncTable {
        name: "sync_assessments",
        key_len: 2,
        parents: &[("sync_clients", &[0])],
        select: shared!("SELECT client_id, date, created_at, updated_at FROM main.assessments WHERE client_id"),
        real: "assessments",
        real_key: "client_id = ?1 AND date = ?2",
        upsert: "INSERT INTO main.assessments (client_id, date, created_at, updated_at)
                 SELECT client_id, date, created_at, updated_at FROM cur.sync_assessments WHERE client_id = ?1 AND date = ?2
                 ON CONFLICT (client_id, date) DO UPDATE SET created_at = excluded.created_at,
                   updated_at = excluded.updated_at",
    },
    SyncTable {
        name: "sync_assessment_controls",
        key_len: 3,
        parents: &[("sync_assessments", &[0, 1])],
        select: shared!(
            "SELECT a.client_id, a.date, c.control_id, c.status, c.notes, c.evidence, c.owner, c.due, c.justification,
                    c.updated_at
             FROM main.assessment_controls c JOIN main.assessments a ON a.id = c.assessment_id WHERE a.client_id"
        ),
        real: "assessment_controls",
        real_key: "assessment_id = (SELECT id FROM main.assessments WHERE client_id = ?1 AND date = ?2)
                   AND control_id = ?3",
        upsert: "INSERT INTO main.assessment_controls (assessment_id, control_id, status, notes, evidence, owner, due,
                   justification, updated_at)
                 SELECT a.id, s.control_id, s.status, s.notes, s.evidence, s.owner, s.due, s.justification, s.updated_at
                 FROM cur.sync_assessment_controls s
                 JOIN main.assessments a ON a.client_id = s.client_id AND a.date = s.date
                 WHERE s.client_id = ?1 AND s.date = ?2 AND s.control_id = ?3
                 ON CONFLICT (assessment_id, control_id) DO UPDATE SET status = excluded.status, notes = excluded.notes,
                   evidence = excluded.evidence, owner = excluded.owner, due = excluded.due,
                   justification = excluded.justification, updated_at = excluded.updated_at",
    },
    SyncTable {
        name: "sync_evidence_files",
        key_len: 2,
        parents: &[("sync_clients", &[0])],
        select: shared!("SELECT client_id, sha256, size, media_type, content, added_at FROM main.evidence_files WHERE client_id"),
        real: "evidence_files",
        real_key: "client_id = ?1 AND sha256 = ?2",
        upsert: "INSERT INTO main.evidence_files (client_id, sha256, size, media_type, content, added_at)
                 SELECT client_id, sha256, size, media_type, content, added_at FROM cur.sync_evidence_files
                 WHERE client_id = ?1 AND sha256 = ?2
                 ON CONFLICT (client_id, sha256) DO UPDATE SET media_type = excluded.media_type,
                   added_at = excluded.added_at",
    },
    SyncTable {
        name: "sync_evidence_links",
        key_len: 4,
        parents: &[("sync_assessments", &[0, 1]), ("sync_evidence_files", &[0, 3])],
        select: shared!(
            "SELECT a.client_id, a.date, l.control_id, l.sha256, l.file_name, l.provided_by, l.provided_on, l.note,
                    l.added_at
             FROM main.evidence_links l JOIN main.assessments a ON a.id = l.assessment_id WHERE a.client_id"
        ),
        real: "evidence_links",
        real_key: "assessment_id = (SELECT id FROM main.assessments WHERE client_id = ?1 AND date = ?2)
                   AND control_id = ?3 AND sha256 = ?4",
        upsert: "INSERT INTO main.evidence_links (assessment_id, control_id, sha256, file_name, provided_by, provided_on,
                   note, added_at)
                 SELECT a.id, s.control_id, s.sha256, s.file_name, s.provided_by, s.provided_on, s.note, s.added_at
                 FROM cur.sync_evidence_links s
                 JOIN main.assessments a ON a.client_id = s.client_id AND a.date = s.date
                 WHERE s.client_id = ?1 AND s.date = ?2 AND s.control_id = ?3 AND s.sha256 = ?4
                 ON CONFLICT (assessment_id, control_id, sha256) DO UPDATE SET file_name = excluded.file_name,
                   provided_by = excluded.provided_by, provided_on = excluded.provided_on, note = excluded.note,
                   added_at = excluded.added_at",
    },
];

pub(crate) fn index_of(name: &str) -> Option<usize> {
    TABLES.iter().position(|t| t.name == name)
}

/// The real column of a synced column (the same name, except the client's own id).
pub(crate) fn real_column<'a>(table: &SyncTable, column: &'a str) -> &'a str {
    if table.real == "clients" && column == "client_id" {
        "id"
    } else {
        column
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_come_before_their_children() {
        for (i, table) in TABLES.iter().enumerate() {
            for (parent, columns) in table.parents {
                let at = index_of(parent).expect("a parent is a synced table");
                assert!(at < i, "{} before {}", parent, table.name);
                assert!(columns.iter().all(|&c| c < table.key_len), "{}: a parent key is part of the key", table.name);
            }
        }
    }
}
