//! Installing a catalogue: every shipped row replaced in one write transaction.
//!
//! Opening a store compares the content hash of the catalogue compiled into the build with the
//! installed one (one indexed read); only when they differ is the catalogue parsed, validated and
//! installed. The check is repeated under the write lock, so two processes opening the same
//! database at once install it once. Custom controls and mappings are not touched; those a new
//! catalogue leaves dangling are reported by `custom_entries`, not deleted.
//!
//! A build installs the catalogue it ships whenever the installed one differs, also when an older
//! build opens a database a newer one has written: each build works with the catalogue it knows.

use rusqlite::{params, OptionalExtension, Transaction};

use super::super::now_utc;
use crate::catalog::{self, Catalog};
use crate::store::CatalogTables;
use crate::{Error, Result};

impl CatalogTables<'_> {
    /// Installs the shipped catalogue unless it is installed already; true when it installed.
    pub(in crate::store) fn install_shipped(&self) -> Result<bool> {
        if self.installed_hash()?.as_deref() == Some(catalog::shipped_hash()) {
            return Ok(false);
        }
        let catalog = catalog::shipped().map_err(Error::ShippedCatalog)?;
        self.install(catalog)
    }

    /// Installs `catalog` in place of the installed one, unless its content hash is the installed
    /// one's. Returns whether it installed. All of it lands, or nothing does.
    pub fn install(&self, catalog: &Catalog) -> Result<bool> {
        let now = now_utc();
        self.store.write(|tx| {
            let installed: Option<String> =
                tx.query_row("SELECT content_hash FROM catalog_meta", [], |r| r.get(0)).optional()?;
            if installed.as_deref() == Some(catalog.content_hash.as_str()) {
                return Ok(false);
            }
            replace(tx, catalog, &now)?;
            Ok(true)
        })
    }

    /// The content hash of the installed catalogue; `None` before the first install.
    pub fn installed_hash(&self) -> Result<Option<String>> {
        Ok(self.store.conn().query_row("SELECT content_hash FROM catalog_meta", [], |r| r.get(0)).optional()?)
    }
}

/// Deletes every shipped row and inserts `catalog`'s; imported frameworks (`custom = 1`) stay. Children before parents on the way out,
/// parents before children on the way in (requirements are in tree order).
fn replace(tx: &Transaction<'_>, catalog: &Catalog, now: &str) -> Result<()> {
    tx.execute_batch(
        "DELETE FROM mappings;
         DELETE FROM jointly_sufficient;
         DELETE FROM requirement_roles;
         DELETE FROM requirement_tiers;
         DELETE FROM requirements WHERE framework IN (SELECT id FROM frameworks WHERE custom = 0);
         DELETE FROM frameworks WHERE custom = 0;
         DELETE FROM controls;
         DELETE FROM domains;
         DELETE FROM milestone_tiers;
         DELETE FROM milestones;
         DELETE FROM catalog_meta;",
    )?;
    tx.execute(
        "INSERT INTO catalog_meta (singleton, version, date, content_hash, installed_at) VALUES (1, ?1, ?2, ?3, ?4)",
        params![catalog.version, catalog.date.to_string(), catalog.content_hash, now],
    )?;

    let mut insert = tx.prepare("INSERT INTO domains (id, position, name_en, name_de) VALUES (?1, ?2, ?3, ?4)")?;
    for (position, d) in catalog.domains.iter().enumerate() {
        insert.execute(params![d.id, position as i64 + 1, d.name.en, d.name.de])?;
    }

    let mut insert = tx.prepare(
        "INSERT INTO milestones (id, position, date, title_en, title_de, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut insert_tier = tx.prepare("INSERT INTO milestone_tiers (milestone, tier, date) VALUES (?1, ?2, ?3)")?;
    for (position, m) in catalog.milestones.iter().enumerate() {
        insert.execute(params![m.id, position as i64 + 1, m.date.to_string(), m.title.en, m.title.de, m.source])?;
        for t in &m.by_tier {
            insert_tier.execute(params![m.id, t.tier, t.date.to_string()])?;
        }
    }

    let mut insert_framework = tx.prepare(
        "INSERT INTO frameworks (id, position, name, kind, title_en, title_de) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut insert_requirement = tx.prepare(
        "INSERT INTO requirements (framework, id, parent, position, depth, kind, assessable, title_en, title_de,
                                   soc2_category, applies_from, ai_scope)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    let mut insert_role =
        tx.prepare("INSERT INTO requirement_roles (framework, requirement, role) VALUES (?1, ?2, ?3)")?;
    let mut insert_req_tier =
        tx.prepare("INSERT INTO requirement_tiers (framework, requirement, tier) VALUES (?1, ?2, ?3)")?;
    for (position, f) in catalog.frameworks.iter().enumerate() {
        insert_framework.execute(params![f.id, position as i64 + 1, f.name, f.kind, f.title.en, f.title.de])?;
        for (position, r) in f.requirements.iter().enumerate() {
            insert_requirement.execute(params![
                f.id,
                r.id,
                r.parent,
                position as i64 + 1,
                r.depth,
                r.kind,
                r.assessable,
                r.title.en,
                r.title.de,
                r.soc2_category,
                r.ai_act.as_ref().map(|a| a.applies_from.as_str()),
                r.ai_act
                    .as_ref()
                    .map(serde_json::to_string)
                    .transpose()
                    .map_err(|e| crate::Error::Corrupt(e.to_string()))?,
            ])?;
            if let Some(scope) = &r.ai_act {
                for role in &scope.roles {
                    insert_role.execute(params![f.id, r.id, role])?;
                }
                for tier in &scope.tiers {
                    insert_req_tier.execute(params![f.id, r.id, tier])?;
                }
            }
        }
    }

    let mut insert = tx.prepare(
        "INSERT INTO controls (id, position, domain, effort, title_en, title_de, objective_en, objective_de,
                               evidence_en, evidence_de)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (position, c) in catalog.controls.iter().enumerate() {
        insert.execute(params![
            c.id,
            position as i64 + 1,
            c.domain,
            c.effort,
            c.title.en,
            c.title.de,
            c.objective.en,
            c.objective.de,
            c.evidence.en,
            c.evidence.de,
        ])?;
    }

    let mut insert = tx.prepare(
        "INSERT INTO mappings (control_id, framework, requirement_id, relationship) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for m in &catalog.mappings {
        insert.execute(params![m.control_id, m.framework, m.requirement_id, m.relationship])?;
    }

    let mut insert = tx.prepare("INSERT INTO jointly_sufficient (framework, requirement) VALUES (?1, ?2)")?;
    for j in &catalog.jointly_sufficient {
        insert.execute(params![j.framework, j.requirement_id])?;
    }
    Ok(())
}
