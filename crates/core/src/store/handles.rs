//! The store's handles: one per table (or aggregate of tables), reached through small accessors
//! on [`Store`] (`store.clients().create(..)`, `store.catalog().frameworks()`). A handle borrows
//! the store; reads and writes both go through `&Store` ([`Store::write`] takes `&self`).
//!
//! [`Views`] is the read-model layer above the tables: what combines several of them (a
//! client's context, the analysis, the SoA, the effort table, the advice, the history, the
//! dashboard) and never writes.

use super::Store;

/// Clients (`clients`, `client_facts`, `client_overrides`): `store/clients.rs`,
/// `store/overrides.rs`.
#[derive(Clone, Copy)]
pub struct Clients<'s> {
    pub(super) store: &'s Store,
}

/// Dated assessments and their control entries: `store/assessment/entries.rs`.
#[derive(Clone, Copy)]
pub struct Assessments<'s> {
    pub(super) store: &'s Store,
}

/// The scope chosen per client, with the SOC 2 subservice organisations:
/// `store/assessment/scope.rs`.
#[derive(Clone, Copy)]
pub struct Scopes<'s> {
    pub(super) store: &'s Store,
}

/// The installed catalogue, the consultant's own controls and mappings, imported frameworks:
/// `store/catalog/`.
#[derive(Clone, Copy)]
pub struct CatalogTables<'s> {
    pub(super) store: &'s Store,
}

/// Evidence files and their links to controls: `store/evidence.rs`.
#[derive(Clone, Copy)]
pub struct EvidenceFiles<'s> {
    pub(super) store: &'s Store,
}

/// Evidence requests: `store/requests.rs`.
#[derive(Clone, Copy)]
pub struct Requests<'s> {
    pub(super) store: &'s Store,
}

/// The firm's branding and the clients' logos: `store/branding.rs`.
#[derive(Clone, Copy)]
pub struct Branding<'s> {
    pub(super) store: &'s Store,
}

/// The audit trail the triggers write: `store/audit.rs`.
#[derive(Clone, Copy)]
pub struct Audit<'s> {
    pub(super) store: &'s Store,
}

/// Backups of the database file: `store/backup.rs`.
#[derive(Clone, Copy)]
pub struct Backups<'s> {
    pub(super) store: &'s Store,
}

/// Client packages (`.cwpkg`): `package/`.
#[derive(Clone, Copy)]
pub struct Packages<'s> {
    pub(crate) store: &'s Store,
}

/// The read models over several tables: [`ClientContext`](super::ClientContext) and everything
/// worked out from it (analysis, history, effort table, advice, SoA, the assessment grid, open
/// actions, the dashboard, OSCAL). Their code sits beside the queries it runs
/// (`store/assessment/{context,analysis,soa,entries}.rs`, `store/dashboard.rs`, `oscal.rs`).
#[derive(Clone, Copy)]
pub struct Views<'s> {
    pub(crate) store: &'s Store,
}

impl Store {
    pub fn clients(&self) -> Clients<'_> {
        Clients { store: self }
    }

    pub fn assessments(&self) -> Assessments<'_> {
        Assessments { store: self }
    }

    pub fn scopes(&self) -> Scopes<'_> {
        Scopes { store: self }
    }

    pub fn catalog(&self) -> CatalogTables<'_> {
        CatalogTables { store: self }
    }

    pub fn evidence(&self) -> EvidenceFiles<'_> {
        EvidenceFiles { store: self }
    }

    pub fn requests(&self) -> Requests<'_> {
        Requests { store: self }
    }

    pub fn branding(&self) -> Branding<'_> {
        Branding { store: self }
    }

    pub fn audit(&self) -> Audit<'_> {
        Audit { store: self }
    }

    pub fn backups(&self) -> Backups<'_> {
        Backups { store: self }
    }

    pub fn packages(&self) -> Packages<'_> {
        Packages { store: self }
    }

    pub fn views(&self) -> Views<'_> {
        Views { store: self }
    }

    /// Team sync: the team folder, sharing, syncing and conflicts (`store/sync/`).
    pub fn team(&self) -> super::Team<'_> {
        super::Team { store: self }
    }
}
