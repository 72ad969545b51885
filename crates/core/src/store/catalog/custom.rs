//! The consultant's own controls and mappings, beside the shipped catalogue and never touched by
//! its updates.
//!
//! Rules, checked before anything is written (every broken one is reported, by field):
//! - a custom control id is `X-` followed by letters, digits, `.`, `_` or `-` (at most 40
//!   characters). Ids ignore case and are stored in capitals, so `x-dora-01` becomes `X-DORA-01`;
//!   the `X-` prefix keeps them apart from shipped ids (`CW-...`);
//! - its domain is one of the catalogue's, its effort one of XS, S, M, L, XL;
//! - the English title and objective must not be empty; the evidence may be. A German text left
//!   empty takes the English one: a consultant working in one language need not type it twice,
//!   and every text still exists in both languages;
//! - a custom mapping links an existing control (shipped or custom) to an existing, assessable
//!   requirement of an existing framework, with a known relationship, and must not repeat a
//!   shipped or custom mapping.
//!
//! A catalogue update may remove or regroup what a custom entry refers to. Such entries are kept
//! (the consultant's work is never deleted behind their back), reported by [`CatalogTables::custom_entries`]
//! with the problem, and left out of every analysis until fixed or removed.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::super::now_utc;
use super::{collect, text};
use crate::catalog::{Effort, Relationship, Text};
use crate::domain::{FieldError, ValidationErrors};
use crate::store::CatalogTables;
use crate::{Error, Result};

/// The longest custom control id.
const MAX_ID_LEN: usize = 40;

/// A custom control to add. Keywords are text here and checked by the store.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default)]
pub struct NewCustomControl {
    pub id: String,
    pub domain: String,
    /// XS, S, M, L or XL.
    pub effort: String,
    pub title: Text,
    pub objective: Text,
    pub evidence: Text,
}

/// A custom mapping to add.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default)]
pub struct NewCustomMapping {
    pub control_id: String,
    pub framework: String,
    pub requirement_id: String,
    /// equal, subset, superset or intersect.
    pub relationship: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CustomControl {
    pub id: String,
    pub domain: String,
    pub effort: Effort,
    pub title: Text,
    pub objective: Text,
    pub evidence: Text,
    pub created_at: String,
    /// Why it is not fully usable after a catalogue update (`unknown domain`), if it is not.
    pub problem: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CustomMapping {
    pub control_id: String,
    pub framework: String,
    pub requirement_id: String,
    pub relationship: Relationship,
    /// Why the consultant mapped it so (from an import's mapping file); may be empty.
    pub note: String,
    pub created_at: String,
    /// Why it does not count (`unknown requirement`, ...), if it does not.
    pub problem: Option<String>,
}

/// Every custom entry, with the problems a catalogue update may have caused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CustomEntries {
    pub controls: Vec<CustomControl>,
    pub mappings: Vec<CustomMapping>,
}

impl CustomEntries {
    /// How many entries have a problem.
    pub fn problems(&self) -> usize {
        self.controls.iter().filter(|c| c.problem.is_some()).count()
            + self.mappings.iter().filter(|m| m.problem.is_some()).count()
    }
}

impl CatalogTables<'_> {
    /// Adds a custom control; see the module documentation for the rules.
    pub fn add_custom_control(&self, new: &NewCustomControl) -> Result<CustomControl> {
        let now = now_utc();
        let id = self.store.write(|tx| {
            let valid = check_control(tx, new)?;
            tx.execute(
                "INSERT INTO custom_controls (id, domain, effort, title_en, title_de, objective_en, objective_de,
                                              evidence_en, evidence_de, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    valid.id,
                    valid.domain,
                    valid.effort,
                    valid.title.en,
                    valid.title.de,
                    valid.objective.en,
                    valid.objective.de,
                    valid.evidence.en,
                    valid.evidence.de,
                    now
                ],
            )?;
            Ok(valid.id)
        })?;
        self.custom_control(&id)
    }

    /// Adds a custom mapping; see the module documentation for the rules.
    pub fn add_custom_mapping(&self, new: &NewCustomMapping) -> Result<CustomMapping> {
        let now = now_utc();
        let (control, framework, requirement) = self.store.write(|tx| {
            let (control, relationship) = check_mapping(tx, new)?;
            tx.execute(
                "INSERT INTO custom_mappings (control_id, framework, requirement_id, relationship, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![control, new.framework.trim(), new.requirement_id.trim(), relationship, now],
            )?;
            Ok((control, new.framework.trim().to_owned(), new.requirement_id.trim().to_owned()))
        })?;
        let entries = self.custom_entries()?;
        entries
            .mappings
            .into_iter()
            .find(|m| m.control_id == control && m.framework == framework && m.requirement_id == requirement)
            .ok_or_else(|| Error::Corrupt("a custom mapping vanished right after it was added".into()))
    }

    /// Deletes a custom control and its custom mappings. Shipped controls cannot be deleted.
    pub fn delete_custom_control(&self, id: &str) -> Result<()> {
        let id = id.trim().to_uppercase();
        self.store.write(|tx| {
            // The trigger custom_controls_delete_mappings deletes its mappings.
            let changed = tx.execute("DELETE FROM custom_controls WHERE id = ?1", [&id])?;
            if changed == 0 {
                return Err(Error::NotFound { kind: "custom control", reference: id.clone() });
            }
            Ok(())
        })
    }

    /// Deletes one custom mapping. Shipped mappings cannot be deleted.
    pub fn delete_custom_mapping(&self, control_id: &str, framework: &str, requirement_id: &str) -> Result<()> {
        let (control_id, framework, requirement_id) = (control_id.trim(), framework.trim(), requirement_id.trim());
        self.store.write(|tx| {
            let changed = tx.execute(
                "DELETE FROM custom_mappings
                 WHERE control_id = ?1 COLLATE NOCASE AND framework = ?2 AND requirement_id = ?3",
                params![control_id, framework, requirement_id],
            )?;
            if changed == 0 {
                return Err(Error::NotFound {
                    kind: "custom mapping",
                    reference: format!("{control_id} {framework} {requirement_id}"),
                });
            }
            Ok(())
        })
    }

    /// Every custom control and mapping, with the problem of each that has one.
    pub fn custom_entries(&self) -> Result<CustomEntries> {
        let mut stmt = self.store.conn().prepare_cached(
            "SELECT c.id, c.domain, c.effort, c.title_en, c.title_de, c.objective_en, c.objective_de,
                    c.evidence_en, c.evidence_de, c.created_at, p.problem
             FROM custom_controls c JOIN custom_control_problems p ON p.id = c.id
             ORDER BY c.id",
        )?;
        let controls = collect(stmt.query_map([], |r| {
            Ok(CustomControl {
                id: r.get(0)?,
                domain: r.get(1)?,
                effort: r.get(2)?,
                title: text(r, 3)?,
                objective: text(r, 5)?,
                evidence: text(r, 7)?,
                created_at: r.get(9)?,
                problem: r.get(10)?,
            })
        })?)?;
        let mut stmt = self.store.conn().prepare_cached(
            "SELECT m.control_id, m.framework, m.requirement_id, m.relationship, m.created_at, p.problem, m.note
             FROM custom_mappings m
             JOIN custom_mapping_problems p
               ON p.control_id = m.control_id AND p.framework = m.framework AND p.requirement_id = m.requirement_id
             ORDER BY m.control_id, m.framework, m.requirement_id",
        )?;
        let mappings = collect(stmt.query_map([], |r| {
            Ok(CustomMapping {
                control_id: r.get(0)?,
                framework: r.get(1)?,
                requirement_id: r.get(2)?,
                relationship: r.get(3)?,
                note: r.get(6)?,
                created_at: r.get(4)?,
                problem: r.get(5)?,
            })
        })?)?;
        Ok(CustomEntries { controls, mappings })
    }

    fn custom_control(&self, id: &str) -> Result<CustomControl> {
        self.custom_entries()?
            .controls
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| Error::NotFound { kind: "custom control", reference: id.to_owned() })
    }
}

/// A custom control that passed every check.
struct ValidControl {
    id: String,
    domain: String,
    effort: Effort,
    title: Text,
    objective: Text,
    evidence: Text,
}

fn check_control(tx: &Transaction<'_>, new: &NewCustomControl) -> Result<ValidControl> {
    let mut errors = Vec::new();
    let mut err = |field: &str, message: String| errors.push(FieldError { field: field.to_owned(), message });

    let id = new.id.trim().to_uppercase();
    let body = id.strip_prefix("X-").unwrap_or_default();
    if body.is_empty() || id.chars().count() > MAX_ID_LEN {
        err("id", format!("must be X- followed by a name, at most {MAX_ID_LEN} characters, e.g. X-DORA-01"));
    } else if !body.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')) {
        err("id", "may hold only letters, digits, `.`, `_` and `-` after X-".into());
    } else if exists(tx, "SELECT EXISTS (SELECT 1 FROM custom_controls WHERE id = ?1)", &[&id])? {
        err("id", format!("a custom control `{id}` already exists"));
    }

    let domain = new.domain.trim().to_owned();
    if !exists(tx, "SELECT EXISTS (SELECT 1 FROM domains WHERE id = ?1)", &[&domain])? {
        let known: Vec<String> =
            collect(tx.prepare_cached("SELECT id FROM domains ORDER BY position")?.query_map([], |r| r.get(0))?)?;
        err("domain", format!("unknown domain `{domain}` (expected one of: {})", known.join(", ")));
    }
    let effort = Effort::parse(&new.effort.trim().to_uppercase());
    if effort.is_none() {
        err("effort", format!("unknown effort `{}` (expected one of: {})", new.effort.trim(), Effort::expected()));
    }
    let mut both = |field: &str, value: &Text, required: bool| {
        let en = value.en.trim().to_owned();
        if required && en.is_empty() {
            err(&format!("{field}.en"), "must not be empty".into());
        }
        let de = match value.de.trim() {
            "" => en.clone(),
            de => de.to_owned(),
        };
        Text { en, de }
    };
    let title = both("title", &new.title, true);
    let objective = both("objective", &new.objective, true);
    let evidence = both("evidence", &new.evidence, false);

    match effort {
        Some(effort) if errors.is_empty() => Ok(ValidControl { id, domain, effort, title, objective, evidence }),
        _ => Err(Error::Invalid(ValidationErrors(errors))),
    }
}

/// Checks a new custom mapping; returns the control's id as stored, and the relationship.
fn check_mapping(tx: &Transaction<'_>, new: &NewCustomMapping) -> Result<(String, Relationship)> {
    let mut errors = Vec::new();
    let mut err = |field: &str, message: String| errors.push(FieldError { field: field.to_owned(), message });
    let (framework, requirement) = (new.framework.trim(), new.requirement_id.trim());

    let control: Option<String> = tx
        .query_row("SELECT id FROM all_controls WHERE id = ?1 COLLATE NOCASE", [new.control_id.trim()], |r| r.get(0))
        .optional()?;
    if control.is_none() {
        err("control_id", format!("unknown control `{}`", new.control_id.trim()));
    }
    if !exists(tx, "SELECT EXISTS (SELECT 1 FROM frameworks WHERE id = ?1)", &[framework])? {
        err("framework", format!("unknown framework `{framework}`"));
    } else {
        let assessable: Option<bool> = tx
            .query_row(
                "SELECT assessable FROM requirements WHERE framework = ?1 AND id = ?2",
                [framework, requirement],
                |r| r.get(0),
            )
            .optional()?;
        match assessable {
            None => err("requirement_id", format!("unknown requirement `{requirement}` in framework {framework}")),
            Some(false) => err(
                "requirement_id",
                format!("`{requirement}` is a grouping entry, not an assessable requirement: map the entries under it"),
            ),
            Some(true) => {}
        }
    }
    let relationship = Relationship::parse(new.relationship.trim());
    if relationship.is_none() {
        err(
            "relationship",
            format!(
                "unknown relationship `{}` (expected one of: {})",
                new.relationship.trim(),
                Relationship::expected()
            ),
        );
    }
    if let Some(control) = &control {
        let key = [control.as_str(), framework, requirement];
        let shipped =
            "SELECT EXISTS (SELECT 1 FROM mappings WHERE control_id = ?1 AND framework = ?2 AND requirement_id = ?3)";
        let custom =
            "SELECT EXISTS (SELECT 1 FROM custom_mappings WHERE control_id = ?1 AND framework = ?2 AND requirement_id = ?3)";
        if exists(tx, shipped, &key)? {
            err("", format!("the catalogue already maps {control} to {framework} {requirement}"));
        } else if exists(tx, custom, &key)? {
            err("", format!("a custom mapping of {control} to {framework} {requirement} already exists"));
        }
        // `equal` is an equivalence: a control equals one requirement at most (FORMAT.md).
        if relationship == Some(Relationship::Equal) {
            let equal_to: Option<(String, String)> = tx
                .prepare_cached(
                    "SELECT framework, requirement_id FROM all_mappings WHERE control_id = ?1 AND relationship = 'equal'
                     LIMIT 1",
                )?
                .query_row([control.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            if let Some((f, r)) = equal_to {
                err(
                    "relationship",
                    format!(
                        "{control} is already `equal` to {f} {r}: a control equals one requirement at most; \
                         where it asks for more than {framework} {requirement}, use `superset`"
                    ),
                );
            }
        }
    }
    match (control, relationship) {
        (Some(control), Some(relationship)) if errors.is_empty() => Ok((control, relationship)),
        _ => Err(Error::Invalid(ValidationErrors(errors))),
    }
}

fn exists(tx: &Transaction<'_>, sql: &str, args: &[&str]) -> Result<bool> {
    Ok(tx.prepare_cached(sql)?.query_row(rusqlite::params_from_iter(args), |r| r.get(0))?)
}
