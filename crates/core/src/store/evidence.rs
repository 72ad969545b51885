//! Evidence files in the portfolio database (schema: `migrations/0010_evidence.sql`; the rules a
//! file must meet: `crate::evidence`).
//!
//! Files are attached to a control of the client's current assessment, several at once, all or
//! none. A file's content is stored once per client (its SHA-256 is its identity); removing its
//! last link removes it. Files are referred to by a prefix of their SHA-256, as git refers to
//! commits.

use std::collections::BTreeSet;
use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::assessment::{
    control_ids, current_assessment as current_assessment_of, current_or_new, ensure_client, touch,
};
use super::now_utc;
use crate::domain::{ClientId, Date, FieldError, ValidationErrors};
use crate::evidence::{
    check_size, sha256_hex, sniff, EvidenceControl, EvidenceFileInfo, EvidenceLink, EvidenceList, EvidenceMeta,
    EvidenceRequirement, NewEvidenceFile, MAX_AGE_MONTHS_RANGE,
};
use crate::store::EvidenceFiles;
use crate::{Error, Result};

/// The longest name, person and note accepted, in characters.
const MAX_NAME_CHARS: usize = 255;
const MAX_NOTE_CHARS: usize = 2_000;
/// The shortest SHA-256 prefix that names a file.
pub const MIN_SHA_PREFIX: usize = 4;

/// What [`EvidenceFiles::export`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EvidenceExport {
    pub sha256: String,
    pub path: String,
    #[ts(type = "number")]
    pub size: u64,
}

/// What [`EvidenceFiles::remove`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EvidenceRemoved {
    pub control_id: String,
    pub sha256: String,
    pub file_name: String,
    /// The file had no other link left in any assessment of the client and was deleted.
    pub file_deleted: bool,
}

/// The columns of [`EvidenceLink`] (without `stale`), for `FROM evidence_links l JOIN
/// assessments a ... JOIN evidence_files f ...`.
const LINK_SQL: &str = "
SELECT l.control_id, a.date, l.sha256, l.file_name, f.media_type, f.size, l.provided_by, l.provided_on, l.note,
       l.added_at
FROM evidence_links l
JOIN assessments a ON a.id = l.assessment_id
JOIN evidence_files f ON f.client_id = a.client_id AND f.sha256 = l.sha256";

fn link_from_row(r: &rusqlite::Row<'_>, max_age_months: u32) -> rusqlite::Result<EvidenceLink> {
    let date = |i: usize| -> rusqlite::Result<Date> {
        let text: String = r.get(i)?;
        text.parse().map_err(|e: crate::domain::DateParseError| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        })
    };
    let assessment_date = date(1)?;
    let provided_on = date(7)?;
    Ok(EvidenceLink {
        control_id: r.get(0)?,
        assessment_date,
        sha256: r.get(2)?,
        file_name: r.get(3)?,
        media_type: r.get(4)?,
        size: r.get::<_, i64>(5)? as u64,
        provided_by: r.get(6)?,
        provided_on,
        note: r.get(8)?,
        added_at: r.get(9)?,
        stale: is_stale(provided_on, assessment_date, max_age_months),
    })
}

/// Provided more than `months` before the assessment's date.
fn is_stale(provided_on: Date, assessment_date: Date, months: u32) -> bool {
    provided_on < assessment_date.plus_months(-(months as i32))
}

fn max_age(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("SELECT max_age_months FROM evidence_settings", [], |r| r.get(0))?)
}

fn links(conn: &Connection, condition: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<EvidenceLink>> {
    let months = max_age(conn)?;
    let mut stmt =
        conn.prepare_cached(&format!("{LINK_SQL} WHERE {condition} ORDER BY a.date, l.control_id, l.file_name"))?;
    let rows = stmt.query_map(args, |r| link_from_row(r, months))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The full SHA-256 of the client's file whose hash starts with `prefix`.
fn resolve(conn: &Connection, client: ClientId, prefix: &str) -> Result<String> {
    let prefix = prefix.trim().to_ascii_lowercase();
    if prefix.len() < MIN_SHA_PREFIX || prefix.len() > 64 || !prefix.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(Error::invalid(
            "sha256",
            format!("`{prefix}` is not a SHA-256 prefix: give {MIN_SHA_PREFIX} to 64 hex digits"),
        ));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT sha256 FROM evidence_files WHERE client_id = ?1 AND substr(sha256, 1, length(?2)) = ?2 LIMIT 2",
    )?;
    let found: Vec<String> =
        stmt.query_map(params![client.to_string(), prefix], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(Error::NotFound { kind: "evidence file", reference: prefix }),
        _ => Err(Error::invalid("sha256", format!("`{prefix}` matches several files; give more of the hash"))),
    }
}

/// A file's name as stored: its last path component, trimmed.
fn clean_name(name: &str) -> String {
    name.rsplit(['/', '\\']).next().unwrap_or(name).trim().to_owned()
}

/// Which evidence links [`EvidenceFiles::list`] lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceShown {
    All,
    /// Only the stale ones: provided more than the portfolio's stale-after setting before the
    /// assessment's date.
    StaleOnly,
}

impl EvidenceFiles<'_> {
    /// The portfolio's stale-after setting, in months.
    pub fn max_age_months(&self) -> Result<u32> {
        max_age(self.store.conn())
    }

    /// Sets after how many months evidence is flagged as stale (1 to 120).
    pub fn set_max_age_months(&self, months: u32) -> Result<u32> {
        if !MAX_AGE_MONTHS_RANGE.contains(&months) {
            return Err(Error::invalid(
                "max_age_months",
                format!(
                    "{months} is out of range: give {} to {} months",
                    MAX_AGE_MONTHS_RANGE.start(),
                    MAX_AGE_MONTHS_RANGE.end()
                ),
            ));
        }
        self.store.write(|tx| {
            tx.execute("UPDATE evidence_settings SET max_age_months = ?1", [months])?;
            Ok(())
        })?;
        Ok(months)
    }

    /// Attaches `files` to a control of the client's current assessment (starting one dated
    /// `today` when it has none), with who provided them, when and a note. Every file is checked
    /// first (size, kind, name); one bad file, or one already attached to the control, and
    /// nothing is written. Returns the new links.
    pub fn add(
        &self,
        client: ClientId,
        control_id: &str,
        files: &[NewEvidenceFile],
        meta: &EvidenceMeta,
        today: Date,
    ) -> Result<Vec<EvidenceLink>> {
        self.store.clients().get(client)?;
        let mut errors = Vec::new();
        let mut push = |field: &str, message: String| errors.push(FieldError { field: field.into(), message });
        let control = control_ids(self.store.conn())?.get(&control_id.trim().to_lowercase()).cloned();
        if control.is_none() {
            push("control_id", format!("unknown control `{}`", control_id.trim()));
        }
        if files.is_empty() {
            push("file", "give at least one file".into());
        }
        let provided_on = meta.provided_on.unwrap_or(today);
        if provided_on > today {
            push("provided_on", format!("{provided_on} is after today ({today})"));
        }
        if meta.provided_by.chars().count() > MAX_NAME_CHARS {
            push("provided_by", format!("at most {MAX_NAME_CHARS} characters"));
        }
        if meta.note.chars().count() > MAX_NOTE_CHARS {
            push("note", format!("at most {MAX_NOTE_CHARS} characters"));
        }
        let mut checked = Vec::with_capacity(files.len());
        let mut seen = BTreeSet::new();
        for file in files {
            let name = clean_name(&file.file_name);
            if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
                push("file", format!("`{}` is not a usable file name", file.file_name));
                continue;
            }
            let kind = check_size(&name, file.bytes.len() as u64).and_then(|()| sniff(&name, &file.bytes));
            match kind {
                Ok(media_type) => {
                    let sha = sha256_hex(&file.bytes);
                    if !seen.insert(sha.clone()) {
                        push("file", format!("{name} has the same content as another file given"));
                    }
                    checked.push((name, sha, media_type, &file.bytes));
                }
                Err(Error::Invalid(e)) => e.0.into_iter().for_each(|f| push(&f.field, f.message)),
                Err(other) => return Err(other),
            }
        }
        let (Some(control), true) = (control, errors.is_empty()) else {
            return Err(Error::Invalid(ValidationErrors(errors)));
        };
        let now = now_utc();
        let cid = client.to_string();
        let assessment = self.store.write(|tx| {
            ensure_client(tx, client)?;
            let assessment = current_or_new(tx, client, today, &now)?;
            for (name, sha, media_type, bytes) in &checked {
                let present: Option<String> = tx
                    .query_row(
                        "SELECT file_name FROM evidence_links
                         WHERE assessment_id = ?1 AND control_id = ?2 AND sha256 = ?3",
                        params![assessment, control, sha],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(as_name) = present {
                    return Err(Error::invalid(
                        "file",
                        format!("{name} is already attached to {control} (as {as_name}); nothing was added"),
                    ));
                }
                tx.execute(
                    "INSERT INTO evidence_files (client_id, sha256, size, media_type, content, added_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (client_id, sha256) DO NOTHING",
                    params![cid, sha, bytes.len() as i64, media_type, bytes, now],
                )?;
                tx.execute(
                    "INSERT INTO evidence_links (assessment_id, control_id, sha256, file_name, provided_by, provided_on,
                                                 note, added_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![
                        assessment,
                        control,
                        sha,
                        name,
                        meta.provided_by.trim(),
                        provided_on.to_string(),
                        meta.note.trim(),
                        now
                    ],
                )?;
            }
            touch(tx, assessment, &now)?;
            Ok(assessment)
        })?;
        let added: Vec<String> = checked.iter().map(|(_, sha, _, _)| sha.clone()).collect();
        let all = links(self.store.conn(), "l.assessment_id = ?1 AND l.control_id = ?2", &[&assessment, &control])?;
        Ok(all.into_iter().filter(|l| added.contains(&l.sha256)).collect())
    }

    /// The evidence of the client's current assessment: every link, or those of one control, and
    /// of those all or only the stale ones.
    pub fn list(&self, client: ClientId, control_id: Option<&str>, shown: EvidenceShown) -> Result<EvidenceList> {
        self.store.clients().get(client)?;
        let max_age_months = max_age(self.store.conn())?;
        let control = match control_id {
            Some(id) => Some(
                control_ids(self.store.conn())?
                    .get(&id.trim().to_lowercase())
                    .cloned()
                    .ok_or_else(|| Error::NotFound { kind: "control", reference: id.trim().to_owned() })?,
            ),
            None => None,
        };
        let Some(current) = current_assessment_of(self.store.conn(), client)? else {
            return Ok(EvidenceList { assessment_date: None, max_age_months, links: Vec::new() });
        };
        let mut found = match &control {
            Some(c) => links(self.store.conn(), "l.assessment_id = ?1 AND l.control_id = ?2", &[&current.id, c])?,
            None => links(self.store.conn(), "l.assessment_id = ?1", &[&current.id])?,
        };
        if shown == EvidenceShown::StaleOnly {
            found.retain(|l| l.stale);
        }
        Ok(EvidenceList { assessment_date: Some(current.date), max_age_months, links: found })
    }

    /// One of the client's files (by a SHA-256 prefix): its links in every assessment, and the
    /// controls, requirements and frameworks it serves in the current one (through the
    /// catalogue's mappings, the consultant's own included).
    pub fn file(&self, client: ClientId, sha_prefix: &str) -> Result<EvidenceFileInfo> {
        self.store.clients().get(client)?;
        let sha = resolve(self.store.conn(), client, sha_prefix)?;
        let cid = client.to_string();
        let (media_type, size): (String, i64) = self.store.conn().query_row(
            "SELECT media_type, size FROM evidence_files WHERE client_id = ?1 AND sha256 = ?2",
            params![cid, sha],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let all = links(self.store.conn(), "a.client_id = ?1 AND l.sha256 = ?2", &[&cid, &sha])?;
        let current = current_assessment_of(self.store.conn(), client)?;
        let mut controls = Vec::new();
        let mut frameworks = BTreeSet::new();
        let current_controls: BTreeSet<&str> = all
            .iter()
            .filter(|l| current.as_ref().is_some_and(|c| c.date == l.assessment_date))
            .map(|l| l.control_id.as_str())
            .collect();
        for control in current_controls {
            let (title_en, title_de) = self
                .store
                .conn()
                .query_row("SELECT title_en, title_de FROM all_controls WHERE id = ?1", [control], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                })
                .optional()?
                .unwrap_or_else(|| (control.to_owned(), control.to_owned()));
            let mut stmt = self.store.conn().prepare_cached(
                "SELECT m.framework, m.requirement_id, r.title_en, r.title_de, m.relationship
                 FROM all_mappings m
                 JOIN requirements r ON r.framework = m.framework AND r.id = m.requirement_id
                 JOIN frameworks f ON f.id = m.framework
                 WHERE m.control_id = ?1
                 ORDER BY f.position, r.position",
            )?;
            let requirements = stmt
                .query_map([control], |r| {
                    Ok(EvidenceRequirement {
                        framework: r.get(0)?,
                        requirement_id: r.get(1)?,
                        title_en: r.get(2)?,
                        title_de: r.get(3)?,
                        relationship: r.get(4)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            frameworks.extend(requirements.iter().map(|r| r.framework.clone()));
            controls.push(EvidenceControl { control_id: control.to_owned(), title_en, title_de, requirements });
        }
        let mut ordered: Vec<String> = Vec::new();
        let mut stmt = self.store.conn().prepare_cached("SELECT id FROM frameworks ORDER BY position")?;
        for id in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let id = id?;
            if frameworks.remove(&id) {
                ordered.push(id);
            }
        }
        ordered.extend(frameworks);
        Ok(EvidenceFileInfo { sha256: sha, media_type, size: size as u64, links: all, controls, frameworks: ordered })
    }

    /// The content of one of the client's files (by a SHA-256 prefix) and the name it was last
    /// attached under, after checking the content still has its hash.
    pub fn content(&self, client: ClientId, sha_prefix: &str) -> Result<(String, String, Vec<u8>)> {
        self.store.clients().get(client)?;
        let sha = resolve(self.store.conn(), client, sha_prefix)?;
        let (content, name): (Vec<u8>, String) = self.store.conn().query_row(
            "SELECT f.content,
                    (SELECT l.file_name FROM evidence_links l JOIN assessments a ON a.id = l.assessment_id
                     WHERE a.client_id = f.client_id AND l.sha256 = f.sha256 ORDER BY a.date DESC, l.added_at DESC
                     LIMIT 1)
             FROM evidence_files f WHERE f.client_id = ?1 AND f.sha256 = ?2",
            params![client.to_string(), sha],
            |r| Ok((r.get(0)?, r.get::<_, Option<String>>(1)?.unwrap_or_default())),
        )?;
        if sha256_hex(&content) != sha {
            return Err(Error::Corrupt(format!("the evidence file {sha} no longer has its SHA-256")));
        }
        Ok((sha, name, content))
    }

    /// Writes one of the client's files (by a SHA-256 prefix) to `path`, whole or not at all,
    /// readable by its owner only.
    pub fn export(&self, client: ClientId, sha_prefix: &str, path: &Path) -> Result<EvidenceExport> {
        let (sha256, _, content) = self.content(client, sha_prefix)?;
        crate::files::write_private(path, &content)
            .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
        Ok(EvidenceExport { sha256, path: path.display().to_string(), size: content.len() as u64 })
    }

    /// Removes a file (by a SHA-256 prefix) from a control of the client's current assessment.
    /// The file itself goes when no assessment of the client links it any more.
    pub fn remove(&self, client: ClientId, control_id: &str, sha_prefix: &str) -> Result<EvidenceRemoved> {
        self.store.clients().get(client)?;
        let control = control_ids(self.store.conn())?
            .get(&control_id.trim().to_lowercase())
            .cloned()
            .ok_or_else(|| Error::NotFound { kind: "control", reference: control_id.trim().to_owned() })?;
        let sha = resolve(self.store.conn(), client, sha_prefix)?;
        let cid = client.to_string();
        let now = now_utc();
        let (file_name, file_deleted) = self.store.write(|tx| {
            let assessment = current_assessment_of(tx, client)?.ok_or_else(|| Error::NotFound {
                kind: "evidence link",
                reference: format!("{control} {}", &sha[..12]),
            })?;
            let name: String = tx
                .query_row(
                    "DELETE FROM evidence_links WHERE assessment_id = ?1 AND control_id = ?2 AND sha256 = ?3
                     RETURNING file_name",
                    params![assessment.id, control, sha],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| Error::NotFound {
                    kind: "evidence link",
                    reference: format!("{control} {}", &sha[..12]),
                })?;
            let gone: bool = tx.query_row(
                "SELECT NOT EXISTS (SELECT 1 FROM evidence_files WHERE client_id = ?1 AND sha256 = ?2)",
                params![cid, sha],
                |r| r.get(0),
            )?;
            touch(tx, assessment.id, &now)?;
            Ok((name, gone))
        })?;
        Ok(EvidenceRemoved { control_id: control, sha256: sha, file_name, file_deleted })
    }
}

#[cfg(test)]
mod tests;
