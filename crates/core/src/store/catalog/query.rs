//! Reading the catalogue: frameworks with their counts, requirements in tree order, controls with
//! search, the crosswalk from a control to the requirements it serves and from requirements to
//! their controls, and every mapping (shipped and custom) for export.
//!
//! Custom entries take part everywhere through the `all_controls` and `all_mappings` views; a
//! custom mapping with a problem (see `custom_entries`) does not.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::{collect, text};
use crate::catalog::{AiTier, Effort, FrameworkKind, Relationship, RequirementKind, Soc2Category, Text};
use crate::domain::AiRole;
use crate::store::CatalogTables;
use crate::{Error, Result};

/// The installed catalogue: where it comes from and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CatalogInfo {
    pub version: String,
    pub date: String,
    pub content_hash: String,
    pub installed_at: String,
    pub frameworks: u32,
    pub requirements: u32,
    pub assessable: u32,
    pub controls: u32,
    pub mappings: u32,
    pub custom_controls: u32,
    pub custom_mappings: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FrameworkSummary {
    pub id: String,
    pub name: String,
    pub kind: FrameworkKind,
    pub title: Text,
    /// Every entry, groupings included.
    pub requirements: u32,
    /// The leaves, which are mapped and assessed.
    pub assessable: u32,
    /// Distinct controls (shipped and custom) mapped to it.
    pub controls: u32,
    /// A framework the consultant imported (id `x_...`).
    pub custom: bool,
    /// For an imported framework: where it came from.
    pub source: Option<String>,
}

/// A requirement in a framework's tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RequirementNode {
    pub id: String,
    pub parent: Option<String>,
    pub kind: RequirementKind,
    /// 0 at the top level.
    pub depth: u32,
    pub assessable: bool,
    pub title: Text,
    pub soc2_category: Option<Soc2Category>,
    /// EU AI Act leaves: to whom and from when it applies (empty and `None` elsewhere).
    pub roles: Vec<AiRole>,
    pub tiers: Vec<AiTier>,
    pub applies_from: Option<String>,
    /// How many controls (shipped and custom) map to it.
    pub controls: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ControlSummary {
    pub id: String,
    pub domain: String,
    pub effort: Effort,
    pub title: Text,
    /// The consultant's own control.
    pub custom: bool,
    /// The frameworks it serves, in catalogue order.
    pub frameworks: Vec<String>,
    /// How many requirements it serves.
    pub mappings: u32,
}

/// A control with every requirement it serves: the crosswalk seen from the control.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ControlDetail {
    pub id: String,
    pub domain: String,
    pub effort: Effort,
    pub title: Text,
    pub objective: Text,
    pub evidence: Text,
    pub custom: bool,
    /// By framework (catalogue order), then requirement (tree order).
    pub serves: Vec<ServedRequirement>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ServedRequirement {
    pub framework: String,
    pub framework_name: String,
    pub requirement_id: String,
    pub title: Text,
    pub relationship: Relationship,
    /// The mapping is the consultant's own.
    pub custom: bool,
}

/// A requirement with the controls mapped to it: the crosswalk seen from the framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RequirementControls {
    pub id: String,
    pub depth: u32,
    pub assessable: bool,
    pub title: Text,
    /// Empty for grouping entries.
    pub controls: Vec<MappedControl>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MappedControl {
    pub control_id: String,
    pub title: Text,
    pub effort: Effort,
    pub relationship: Relationship,
    /// The mapping is the consultant's own.
    pub custom: bool,
}

/// One mapping, as exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MappingRow {
    pub control_id: String,
    pub framework: String,
    pub requirement_id: String,
    pub relationship: Relationship,
    pub custom: bool,
}

impl CatalogTables<'_> {
    pub fn info(&self) -> Result<CatalogInfo> {
        self.store
            .conn()
            .query_row(
                "SELECT version, date, content_hash, installed_at,
                        (SELECT count(*) FROM frameworks),
                        (SELECT count(*) FROM requirements),
                        (SELECT count(*) FROM requirements WHERE assessable),
                        (SELECT count(*) FROM controls),
                        (SELECT count(*) FROM mappings),
                        (SELECT count(*) FROM custom_controls),
                        (SELECT count(*) FROM custom_mappings)
                 FROM catalog_meta",
                [],
                |r| {
                    Ok(CatalogInfo {
                        version: r.get(0)?,
                        date: r.get(1)?,
                        content_hash: r.get(2)?,
                        installed_at: r.get(3)?,
                        frameworks: r.get(4)?,
                        requirements: r.get(5)?,
                        assessable: r.get(6)?,
                        controls: r.get(7)?,
                        mappings: r.get(8)?,
                        custom_controls: r.get(9)?,
                        custom_mappings: r.get(10)?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| Error::Corrupt("no catalogue is installed".into()))
    }

    /// The control domains in catalogue order.
    pub fn domains(&self) -> Result<Vec<crate::catalog::Domain>> {
        let mut stmt =
            self.store.conn().prepare_cached("SELECT id, name_en, name_de FROM domains ORDER BY position")?;
        let rows = stmt.query_map([], |r| Ok(crate::catalog::Domain { id: r.get(0)?, name: text(r, 1)? }))?;
        collect(rows)
    }

    /// The frameworks in catalogue order, with their requirement counts.
    pub fn frameworks(&self) -> Result<Vec<FrameworkSummary>> {
        let mut stmt = self.store.conn().prepare_cached(
            "SELECT f.id, f.name, f.kind, f.title_en, f.title_de, c.requirements, c.assessable,
                    (SELECT count(DISTINCT m.control_id) FROM all_mappings m WHERE m.framework = f.id),
                    f.custom, f.source
             FROM frameworks f JOIN framework_counts c ON c.framework = f.id
             ORDER BY f.position",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(FrameworkSummary {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                title: text(r, 3)?,
                requirements: r.get(5)?,
                assessable: r.get(6)?,
                controls: r.get(7)?,
                custom: r.get(8)?,
                source: r.get(9)?,
            })
        })?;
        collect(rows)
    }

    /// The requirements of a framework in tree order: each entry followed by its children.
    pub fn requirements(&self, framework: &str) -> Result<Vec<RequirementNode>> {
        self.ensure_framework(framework)?;
        let mut stmt = self.store.conn().prepare_cached(
            "SELECT r.id, r.parent, r.kind, r.depth, r.assessable, r.title_en, r.title_de, r.soc2_category,
                    r.applies_from,
                    (SELECT count(*) FROM all_mappings m WHERE m.framework = r.framework AND m.requirement_id = r.id)
             FROM requirements r WHERE r.framework = ?1 ORDER BY r.position",
        )?;
        let rows = stmt.query_map([framework], |r| {
            Ok(RequirementNode {
                id: r.get(0)?,
                parent: r.get(1)?,
                kind: r.get(2)?,
                depth: r.get(3)?,
                assessable: r.get(4)?,
                title: text(r, 5)?,
                soc2_category: r.get(7)?,
                roles: Vec::new(),
                tiers: Vec::new(),
                applies_from: r.get(8)?,
                controls: r.get(9)?,
            })
        })?;
        let mut nodes = collect(rows)?;
        let index: HashMap<String, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id.clone(), i)).collect();
        let mut roles =
            self.store.conn().prepare_cached("SELECT requirement, role FROM requirement_roles WHERE framework = ?1")?;
        for row in roles.query_map([framework], |r| Ok((r.get::<_, String>(0)?, r.get::<_, AiRole>(1)?)))? {
            let (id, role) = row?;
            if let Some(&i) = index.get(&id) {
                nodes[i].roles.push(role);
            }
        }
        let mut tiers =
            self.store.conn().prepare_cached("SELECT requirement, tier FROM requirement_tiers WHERE framework = ?1")?;
        for row in tiers.query_map([framework], |r| Ok((r.get::<_, String>(0)?, r.get::<_, AiTier>(1)?)))? {
            let (id, tier) = row?;
            if let Some(&i) = index.get(&id) {
                nodes[i].tiers.push(tier);
            }
        }
        for node in &mut nodes {
            node.roles.sort();
            node.tiers.sort();
        }
        Ok(nodes)
    }

    /// Every control, shipped (catalogue order) then custom (by id). A non-empty `search` keeps
    /// the controls whose id or English or German title contains it, ignoring case (Unicode
    /// aware: `ÄNDERUNG` finds `Änderung`).
    pub fn controls(&self, search: &str) -> Result<Vec<ControlSummary>> {
        let mut frameworks: HashMap<String, Vec<String>> = HashMap::new();
        let mut stmt = self.store.conn().prepare_cached(
            "SELECT m.control_id, m.framework FROM all_mappings m JOIN frameworks f ON f.id = m.framework
             GROUP BY m.control_id, m.framework ORDER BY m.control_id, min(f.position)",
        )?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (control, framework) = row?;
            frameworks.entry(control).or_default().push(framework);
        }
        let mut stmt = self.store.conn().prepare_cached(
            "SELECT c.id, c.domain, c.effort, c.title_en, c.title_de, c.custom,
                    (SELECT count(*) FROM all_mappings m WHERE m.control_id = c.id)
             FROM all_controls c ORDER BY c.custom, c.position, c.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ControlSummary {
                id: r.get(0)?,
                domain: r.get(1)?,
                effort: r.get(2)?,
                title: text(r, 3)?,
                custom: r.get(5)?,
                frameworks: Vec::new(),
                mappings: r.get(6)?,
            })
        })?;
        let needle = search.trim().to_lowercase();
        let mut out = Vec::new();
        for row in rows {
            let mut control = row?;
            let matches = needle.is_empty()
                || [&control.id, &control.title.en, &control.title.de]
                    .iter()
                    .any(|t| t.to_lowercase().contains(&needle));
            if matches {
                control.frameworks = frameworks.remove(&control.id).unwrap_or_default();
                out.push(control);
            }
        }
        Ok(out)
    }

    /// One control (shipped or custom; the id ignores case) with every requirement it serves.
    pub fn control(&self, id: &str) -> Result<ControlDetail> {
        let mut control = self.store
            .conn()
            .query_row(
                "SELECT id, domain, effort, title_en, title_de, objective_en, objective_de, evidence_en, evidence_de, custom
                 FROM all_controls WHERE id = ?1 COLLATE NOCASE",
                [id.trim()],
                |r| {
                    Ok(ControlDetail {
                        id: r.get(0)?,
                        domain: r.get(1)?,
                        effort: r.get(2)?,
                        title: text(r, 3)?,
                        objective: text(r, 5)?,
                        evidence: text(r, 7)?,
                        custom: r.get(9)?,
                        serves: Vec::new(),
                    })
                },
            )
            .optional()?
            .ok_or_else(|| Error::NotFound { kind: "control", reference: id.trim().to_owned() })?;
        let mut stmt = self.store.conn().prepare_cached(
            "SELECT m.framework, f.name, m.requirement_id, r.title_en, r.title_de, m.relationship, m.custom
             FROM all_mappings m
             JOIN frameworks f ON f.id = m.framework
             JOIN requirements r ON r.framework = m.framework AND r.id = m.requirement_id
             WHERE m.control_id = ?1
             ORDER BY f.position, r.position",
        )?;
        let rows = stmt.query_map([&control.id], |r| {
            Ok(ServedRequirement {
                framework: r.get(0)?,
                framework_name: r.get(1)?,
                requirement_id: r.get(2)?,
                title: text(r, 3)?,
                relationship: r.get(5)?,
                custom: r.get(6)?,
            })
        })?;
        control.serves = collect(rows)?;
        Ok(control)
    }

    /// Every requirement of a framework in tree order, each with the controls mapped to it.
    pub fn requirement_controls(&self, framework: &str) -> Result<Vec<RequirementControls>> {
        self.ensure_framework(framework)?;
        let mut stmt = self.store.conn().prepare_cached(
            "SELECT r.id, r.depth, r.assessable, r.title_en, r.title_de,
                    m.control_id, c.title_en, c.title_de, c.effort, m.relationship, m.custom
             FROM requirements r
             LEFT JOIN all_mappings m ON m.framework = r.framework AND m.requirement_id = r.id
             LEFT JOIN all_controls c ON c.id = m.control_id
             WHERE r.framework = ?1
             ORDER BY r.position, m.custom, c.position, m.control_id",
        )?;
        let mut rows = stmt.query([framework])?;
        let mut out: Vec<RequirementControls> = Vec::new();
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            if out.last().is_none_or(|last| last.id != id) {
                out.push(RequirementControls {
                    id,
                    depth: r.get(1)?,
                    assessable: r.get(2)?,
                    title: text(r, 3)?,
                    controls: Vec::new(),
                });
            }
            if let (Some(control_id), Some(last)) = (r.get::<_, Option<String>>(5)?, out.last_mut()) {
                last.controls.push(MappedControl {
                    control_id,
                    title: text(r, 6)?,
                    effort: r.get(8)?,
                    relationship: r.get(9)?,
                    custom: r.get(10)?,
                });
            }
        }
        Ok(out)
    }

    /// Every mapping that counts, shipped and custom, sorted by control id, then framework
    /// (catalogue order), then requirement (tree order): the same order on every run.
    pub fn all_mappings(&self) -> Result<Vec<MappingRow>> {
        let mut stmt = self.store.conn().prepare_cached(
            "SELECT m.control_id, m.framework, m.requirement_id, m.relationship, m.custom
             FROM all_mappings m
             JOIN frameworks f ON f.id = m.framework
             JOIN requirements r ON r.framework = m.framework AND r.id = m.requirement_id
             ORDER BY m.control_id, f.position, r.position",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(MappingRow {
                control_id: r.get(0)?,
                framework: r.get(1)?,
                requirement_id: r.get(2)?,
                relationship: r.get(3)?,
                custom: r.get(4)?,
            })
        })?;
        collect(rows)
    }

    fn ensure_framework(&self, framework: &str) -> Result<()> {
        let known: bool = self.store.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM frameworks WHERE id = ?1)",
            params![framework],
            |r| r.get(0),
        )?;
        if known {
            Ok(())
        } else {
            Err(Error::NotFound { kind: "framework", reference: framework.to_owned() })
        }
    }
}
