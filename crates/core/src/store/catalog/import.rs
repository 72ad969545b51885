//! Frameworks a consultant brings: an OSCAL catalog (JSON) with its mappings to the common controls
//! (CSV), imported into the custom layer in one transaction.
//!
//! The framework and its requirements go into the catalogue tables with `custom = 1` (ids starting
//! with `x_`), so scope, analysis, Statement of Applicability matrix and report read them like a
//! shipped framework; an install of the shipped catalogue leaves them alone. The mappings are custom
//! mappings. Every problem is reported at once, each with where it is (a JSON path in the catalog,
//! a line and column of the CSV), and nothing is written unless there is none.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::super::now_utc;
use crate::catalog::oscal::{self, ImportedCatalog};
use crate::catalog::{FrameworkKind, Relationship, CUSTOM_FRAMEWORK_PREFIX};
use crate::domain::{FieldError, ValidationErrors};
use crate::store::CatalogTables;
use crate::{Error, Result};

/// The longest imported framework id.
const MAX_ID_LEN: usize = 40;
/// Imported frameworks sit after every shipped one.
const FIRST_CUSTOM_POSITION: i64 = 1001;
/// The columns a mapping file must have; `note` may be added.
pub const IMPORT_MAPPING_COLUMNS: [&str; 3] = ["requirement_id", "control_id", "relationship"];

/// What to import.
#[derive(Debug, Clone)]
pub struct OscalImport<'a> {
    /// The OSCAL catalog, JSON.
    pub catalog: &'a str,
    /// The mappings, CSV with the columns `requirement_id,control_id,relationship[,note]`.
    pub mappings: &'a str,
    /// The framework id to use (`x_...`); derived from the catalog's title when `None`.
    pub id: Option<&'a str>,
    /// Certification, attestation, regulation or guidance; guidance when `None`.
    pub kind: Option<FrameworkKind>,
    /// Where the catalog came from (its file name), noted with the framework.
    pub source_name: &'a str,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportedFramework {
    pub id: String,
    pub name: String,
    pub kind: FrameworkKind,
    pub requirements: u32,
    pub assessable: u32,
    pub mappings: u32,
    /// Withdrawn controls of the catalog, left out.
    pub withdrawn: u32,
    pub source: String,
}

impl CatalogTables<'_> {
    /// Imports a framework from an OSCAL catalog and its mappings; see the module documentation.
    pub fn import_oscal(&self, import: &OscalImport<'_>) -> Result<ImportedFramework> {
        let catalog = oscal::read_catalog(import.catalog)?;
        let id = match import.id {
            Some(id) => check_id(id)?,
            None => derive_id(&catalog.title),
        };
        let kind = import.kind.unwrap_or(FrameworkKind::Guidance);
        let now = now_utc();
        let source = format!(
            "OSCAL catalog {}: {}{}{}, catalog uuid {}; imported {}",
            import.source_name,
            catalog.title,
            catalog.version.as_deref().map(|v| format!(", version {v}")).unwrap_or_default(),
            catalog.oscal_version.as_deref().map(|v| format!(", OSCAL {v}")).unwrap_or_default(),
            catalog.uuid,
            &now[..10.min(now.len())],
        );
        let imported = self.store.write(|tx| {
            let taken: bool =
                tx.query_row("SELECT EXISTS (SELECT 1 FROM frameworks WHERE id = ?1)", [&id], |r| r.get(0))?;
            if taken {
                return Err(Error::Invalid(ValidationErrors::one(
                    "id",
                    format!("a framework `{id}` already exists: choose another id with --id, or remove it first"),
                )));
            }
            let rows = check_mappings(tx, &catalog, import.mappings)?;
            let position: i64 = tx.query_row(
                "SELECT max(?1, coalesce(max(position) + 1, ?1)) FROM frameworks WHERE custom = 1",
                [FIRST_CUSTOM_POSITION],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO frameworks (id, position, name, kind, title_en, title_de, custom, source)
                 VALUES (?1, ?2, ?3, ?4, ?3, ?3, 1, ?5)",
                params![id, position, catalog.title, kind, source],
            )?;
            let mut insert = tx.prepare(
                "INSERT INTO requirements (framework, id, parent, position, depth, kind, assessable, title_en, title_de)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            )?;
            for (position, r) in catalog.requirements.iter().enumerate() {
                insert.execute(params![
                    id,
                    r.id,
                    r.parent,
                    position as i64 + 1,
                    r.depth,
                    r.kind,
                    r.assessable,
                    r.title
                ])?;
            }
            let mut insert = tx.prepare(
                "INSERT INTO custom_mappings (control_id, framework, requirement_id, relationship, note, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for m in &rows {
                insert.execute(params![m.control_id, id, m.requirement_id, m.relationship, m.note, now])?;
            }
            Ok(ImportedFramework {
                id: id.clone(),
                name: catalog.title.clone(),
                kind,
                requirements: catalog.requirements.len() as u32,
                assessable: catalog.requirements.iter().filter(|r| r.assessable).count() as u32,
                mappings: rows.len() as u32,
                withdrawn: catalog.withdrawn,
                source: source.clone(),
            })
        })?;
        Ok(imported)
    }

    /// Removes an imported framework with its requirements and its custom mappings. Shipped
    /// frameworks cannot be removed. A client's scope that names it keeps the name, which then
    /// takes no part in the analysis.
    pub fn delete_custom_framework(&self, id: &str) -> Result<()> {
        let id = id.trim().to_owned();
        self.store.write(|tx| {
            let custom: Option<bool> =
                tx.query_row("SELECT custom FROM frameworks WHERE id = ?1", [&id], |r| r.get(0)).optional()?;
            match custom {
                None => return Err(Error::NotFound { kind: "framework", reference: id.clone() }),
                Some(false) => {
                    return Err(Error::Invalid(ValidationErrors::one(
                        "id",
                        format!("`{id}` is a shipped framework; only imported frameworks can be removed"),
                    )))
                }
                Some(true) => {}
            }
            tx.execute("DELETE FROM custom_mappings WHERE framework = ?1", [&id])?;
            tx.execute("DELETE FROM requirements WHERE framework = ?1", [&id])?;
            tx.execute("DELETE FROM frameworks WHERE id = ?1", [&id])?;
            Ok(())
        })
    }
}

/// An id given by the consultant: `x_` then lowercase letters, digits and `_`.
fn check_id(id: &str) -> Result<String> {
    let id = id.trim();
    let body = id.strip_prefix(CUSTOM_FRAMEWORK_PREFIX).unwrap_or_default();
    if body.is_empty()
        || id.len() > MAX_ID_LEN
        || !body.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Err(Error::Invalid(ValidationErrors::one(
            "id",
            format!(
                "must be {CUSTOM_FRAMEWORK_PREFIX} followed by lowercase letters, digits and _, at most {MAX_ID_LEN} \
                 characters, e.g. x_nist_800_53"
            ),
        )));
    }
    Ok(id.to_owned())
}

/// An id from a catalog title: `x_` and the title's letters and digits, lowercase, `_` between.
fn derive_id(title: &str) -> String {
    let mut body = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            body.push(c.to_ascii_lowercase());
        } else if !body.ends_with('_') && !body.is_empty() {
            body.push('_');
        }
    }
    let mut id = format!("{CUSTOM_FRAMEWORK_PREFIX}{}", body.trim_end_matches('_'));
    id.truncate(MAX_ID_LEN);
    let id = id.trim_end_matches('_').to_owned();
    if id == CUSTOM_FRAMEWORK_PREFIX.trim_end_matches('_') || id.len() <= CUSTOM_FRAMEWORK_PREFIX.len() {
        "x_imported".to_owned()
    } else {
        id
    }
}

/// A mapping row that passed every check.
struct ValidMapping {
    control_id: String,
    requirement_id: String,
    relationship: Relationship,
    note: String,
}

fn check_mappings(tx: &rusqlite::Transaction<'_>, catalog: &ImportedCatalog, text: &str) -> Result<Vec<ValidMapping>> {
    let mut errors: Vec<FieldError> = Vec::new();
    fn err(errors: &mut Vec<FieldError>, field: String, message: String) {
        errors.push(FieldError { field, message });
    }
    let mut reader =
        csv::ReaderBuilder::new().flexible(false).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_owned()).collect(),
        Err(e) => return Err(Error::Invalid(ValidationErrors::one("mappings line 1", format!("not CSV: {e}")))),
    };
    let column = |name: &str| header.iter().position(|h| h == name);
    let missing: Vec<&str> = IMPORT_MAPPING_COLUMNS.iter().copied().filter(|c| column(c).is_none()).collect();
    let unknown: Vec<&String> =
        header.iter().filter(|h| !IMPORT_MAPPING_COLUMNS.contains(&h.as_str()) && h.as_str() != "note").collect();
    if !missing.is_empty() || !unknown.is_empty() {
        let mut message = String::from(
            "the header must name the columns requirement_id, control_id, relationship and optionally note",
        );
        if !missing.is_empty() {
            message.push_str(&format!("; missing: {}", missing.join(", ")));
        }
        if !unknown.is_empty() {
            message
                .push_str(&format!("; unknown: {}", unknown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")));
        }
        return Err(Error::Invalid(ValidationErrors::one("mappings line 1", message)));
    }
    let (req_col, ctl_col, rel_col, note_col) = (
        column("requirement_id").unwrap(),
        column("control_id").unwrap(),
        column("relationship").unwrap(),
        column("note"),
    );

    // Requirements by stored id, and by OSCAL id where it differs.
    let mut by_id: HashMap<&str, (&str, bool)> = HashMap::new();
    for r in &catalog.requirements {
        by_id.insert(r.id.as_str(), (r.id.as_str(), r.assessable));
    }
    for r in &catalog.requirements {
        by_id.entry(r.oscal_id.as_str()).or_insert((r.id.as_str(), r.assessable));
    }
    let mut controls = tx.prepare_cached("SELECT id FROM all_controls WHERE id = ?1 COLLATE NOCASE")?;
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let mut mapped: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                err(&mut errors, format!("mappings line {line}"), format!("not a valid CSV row: {e}"));
                continue;
            }
        };
        let cell = |i: usize| record.get(i).unwrap_or_default().trim().to_owned();
        let (requirement, control, relationship) = (cell(req_col), cell(ctl_col), cell(rel_col));
        let note = note_col.map(cell).unwrap_or_default();
        if requirement.is_empty() && control.is_empty() && relationship.is_empty() {
            continue;
        }
        let requirement_id = match by_id.get(requirement.as_str()) {
            Some((id, true)) => Some(id.to_string()),
            Some((id, false)) => {
                err(
                    &mut errors,
                    format!("mappings line {line} requirement_id"),
                    format!("`{id}` is a grouping entry, not an assessable requirement: map the entries under it"),
                );
                None
            }
            None => {
                err(
                    &mut errors,
                    format!("mappings line {line} requirement_id"),
                    format!("unknown requirement `{requirement}` (not in the catalog, or withdrawn)"),
                );
                None
            }
        };
        let control_id: Option<String> = controls.query_row([&control], |r| r.get(0)).optional()?;
        if control_id.is_none() {
            err(&mut errors, format!("mappings line {line} control_id"), format!("unknown control `{control}`"));
        }
        let rel = Relationship::parse(&relationship);
        if rel.is_none() {
            err(
                &mut errors,
                format!("mappings line {line} relationship"),
                format!("unknown relationship `{relationship}` (expected one of: {})", Relationship::expected()),
            );
        }
        if let (Some(control_id), Some(requirement_id), Some(relationship)) = (control_id, requirement_id, rel) {
            let key = (control_id.clone(), requirement_id.clone());
            if let Some(first) = seen.get(&key) {
                err(
                    &mut errors,
                    format!("mappings line {line}"),
                    format!("line {first} already maps {control_id} to {requirement_id}"),
                );
                continue;
            }
            seen.insert(key, line);
            mapped.insert(requirement_id.clone());
            out.push(ValidMapping { control_id, requirement_id, relationship, note });
        }
    }
    let unmapped: Vec<&str> = catalog
        .requirements
        .iter()
        .filter(|r| r.assessable && !mapped.contains(&r.id))
        .map(|r| r.id.as_str())
        .collect();
    if !unmapped.is_empty() && errors.is_empty() {
        let shown: Vec<&str> = unmapped.iter().copied().take(20).collect();
        let more = if unmapped.len() > shown.len() {
            format!(" and {} more", unmapped.len() - shown.len())
        } else {
            String::new()
        };
        err(
            &mut errors,
            "mappings".to_owned(),
            format!(
                "{} assessable requirement(s) have no mapping, so nothing could ever meet them: {}{more}",
                unmapped.len(),
                shown.join(", ")
            ),
        );
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Error::Invalid(ValidationErrors(errors)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked_or_derived() {
        assert_eq!(check_id("x_nist_800_53").unwrap(), "x_nist_800_53");
        for bad in ["nist", "x_", "x_Upper", "x_a-b", &format!("x_{}", "a".repeat(40))] {
            assert!(check_id(bad).is_err(), "{bad}");
        }
        assert_eq!(
            derive_id("NIST Special Publication 800-53 Revision 5.1.1 LOW IMPACT BASELINE"),
            "x_nist_special_publication_800_53_revisi"
        );
        assert_eq!(derive_id("  ---  "), "x_imported");
        assert_eq!(derive_id("Über-Katalog 2"), "x_ber_katalog_2");
    }
}
