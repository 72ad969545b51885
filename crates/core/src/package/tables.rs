//! Which tables hold a client's data, and how their rows belong to the client.
//!
//! To carry a new per-client table in packages, add it to [`TABLES`] after the tables it
//! refers to; to leave one out on purpose, add it to [`NOT_PACKAGED`] with the reason. A test
//! (`every_client_table_is_packaged_or_excluded`) fails until one of the two is done, so a new
//! table cannot be forgotten. Rows are carried column by column as they are stored (generated
//! columns excepted), so a new column needs nothing here.

/// How the rows of a table belong to the client.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Owner {
    /// The column holds the client's id.
    Client(&'static str),
    /// The column holds the local integer id of a row of `table` (itself in the package);
    /// ids are renumbered on import.
    Parent { column: &'static str, table: &'static str },
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct TableSpec {
    pub name: &'static str,
    pub owner: Owner,
    /// An `INTEGER PRIMARY KEY` other packaged rows refer to: not imported as is, but given a
    /// new value, and references to it are mapped.
    pub local_id: Option<&'static str>,
    /// Columns set to a fixed value on import (derived state that must be recomputed).
    pub reset: &'static [(&'static str, i64)],
}

/// The per-client tables, parents before children (the import order).
pub(crate) const TABLES: &[TableSpec] = &[
    TableSpec { name: "clients", owner: Owner::Client("id"), local_id: None, reset: &[] },
    TableSpec { name: "client_scopes", owner: Owner::Client("client_id"), local_id: None, reset: &[] },
    TableSpec { name: "scope_frameworks", owner: Owner::Client("client_id"), local_id: None, reset: &[] },
    TableSpec { name: "scope_soc2_categories", owner: Owner::Client("client_id"), local_id: None, reset: &[] },
    TableSpec { name: "subservice_organisations", owner: Owner::Client("client_id"), local_id: None, reset: &[] },
    TableSpec { name: "subservice_criteria", owner: Owner::Client("client_id"), local_id: None, reset: &[] },
    TableSpec {
        name: "assessments",
        owner: Owner::Client("client_id"),
        local_id: Some("id"),
        // The analysis summaries are rebuilt from the imported statuses before the commit.
        reset: &[("summary_stale", 1)],
    },
    TableSpec {
        name: "assessment_controls",
        owner: Owner::Parent { column: "assessment_id", table: "assessments" },
        local_id: None,
        reset: &[],
    },
    // Evidence files: the content once per client, then the links to controls of assessments.
    TableSpec { name: "evidence_files", owner: Owner::Client("client_id"), local_id: None, reset: &[] },
    TableSpec {
        name: "evidence_links",
        owner: Owner::Parent { column: "assessment_id", table: "assessments" },
        local_id: None,
        reset: &[],
    },
    // Evidence requests: numbered per portfolio, renumbered on import.
    TableSpec { name: "evidence_requests", owner: Owner::Client("client_id"), local_id: Some("id"), reset: &[] },
    TableSpec { name: "roadmap_overrides", owner: Owner::Client("client_id"), local_id: None, reset: &[] },
    // The client's audit trail travels with it; entries already present are not duplicated.
    TableSpec { name: "client_logos", owner: Owner::Client("client_id"), local_id: None, reset: &[] },
    TableSpec { name: "audit_log", owner: Owner::Client("client_id"), local_id: Some("id"), reset: &[] },
];

/// Tables that hold per-client rows but are deliberately not packaged.
#[cfg_attr(not(test), allow(dead_code))] // read by the test that guards the list
pub(crate) const NOT_PACKAGED: &[(&str, &str)] = &[
    ("assessment_summary", "derived from assessment_controls; rebuilt on import"),
    ("audit_deletions", "tombstones of clients deleted on this machine; no client data"),
    ("firm_branding", "the consultant's own branding, not the client's data"),
    ("client_ai_obligations", "derived from the profile by the store; rebuilt when the client row is imported"),
    ("client_reg_obligations", "derived from the profile by the store; rebuilt when the client row is imported"),
    ("client_facts", "derived from the profile by the store; rebuilt when the client row is imported"),
    (
        "client_framework_totals",
        "derived from the summaries and the obligations by the store; rebuilt when the client row is imported",
    ),
    ("client_totals_stale", "marks clients whose totals the store derives again; set when the client row is imported"),
    (
        "client_ai_stale",
        "marks profiles whose obligations the store derives again; set when the client row is imported",
    ),
    // Team sync (store/sync/): this device's state of its team, never carried to another portfolio.
    ("sync_clients", "team sync: the state last exchanged with this device's team"),
    ("sync_client_scopes", "team sync: the state last exchanged with this device's team"),
    ("sync_scope_frameworks", "team sync: the state last exchanged with this device's team"),
    ("sync_scope_soc2_categories", "team sync: the state last exchanged with this device's team"),
    ("sync_subservice_organisations", "team sync: the state last exchanged with this device's team"),
    ("sync_subservice_criteria", "team sync: the state last exchanged with this device's team"),
    ("sync_roadmap_overrides", "team sync: the state last exchanged with this device's team"),
    ("sync_assessments", "team sync: the state last exchanged with this device's team"),
    ("sync_assessment_controls", "team sync: the state last exchanged with this device's team"),
    ("sync_evidence_files", "team sync: the state last exchanged with this device's team"),
    ("sync_evidence_links", "team sync: the state last exchanged with this device's team"),
    ("sync_shared", "team sync: which clients this device shares with its team"),
    ("sync_conflicts", "team sync: the values that lost on this device, until the consultant keeps one"),
];

pub(crate) fn spec(name: &str) -> Option<&'static TableSpec> {
    TABLES.iter().find(|t| t.name == name)
}

/// The SQL condition selecting the rows of `table` that belong to client `?1`.
pub(crate) fn owner_condition(table: &TableSpec) -> String {
    match table.owner {
        Owner::Client(column) => format!("\"{column}\" = ?1"),
        Owner::Parent { column, table: parent } => {
            let parent_spec = spec(parent).expect("a parent table is in TABLES");
            let key = parent_spec.local_id.expect("a parent table has a local id");
            format!("\"{column}\" IN (SELECT \"{key}\" FROM \"{parent}\" WHERE {})", owner_condition(parent_spec))
        }
    }
}
