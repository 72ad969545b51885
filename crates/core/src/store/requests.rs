//! Evidence requests in the portfolio database (schema: `migrations/0013_evidence_requests.sql`;
//! the rules, the statuses and the spreadsheet: `crate::requests`).
//!
//! The API the front ends call: [`Requests::generate`], [`Requests::list`],
//! [`Requests::set`], [`Requests::remove`], [`Requests::export`] and
//! [`Requests::import`]. Every write validates first and runs in one transaction; an import
//! is all or nothing.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{params, Connection, OptionalExtension};

use super::assessment::{
    control_ids, current_assessment as current_assessment_of, ensure_client, scope_mappings, ClientContext,
};
use super::now_utc;
use crate::assessment::{ClientScope, FieldChange, Lang, SheetFormat};
use crate::catalog::Text;
use crate::domain::{ClientId, Date, FieldError, ValidationErrors};
use crate::requests::{
    parse_returned, write_requests, EvidenceRequest, GenerateRequests, GeneratedRequests, ImportRun, RequestChange,
    RequestEdit, RequestImport, RequestRequirements, RequestStatus, ValidRequestEdit,
};
use crate::store::Requests;
use crate::{Error, Result};

/// What to provide when the catalogue has no typical evidence for a control (a custom control
/// may have none).
fn default_what(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Records showing that this control is in place and working",
        Lang::De => "Nachweise, dass diese Maßnahme umgesetzt ist und wirkt",
    }
}

/// The stored columns of a request, for `FROM evidence_requests r LEFT JOIN all_controls c ON
/// c.id = r.control_id`.
const REQUEST_SQL: &str = "
SELECT r.id, r.control_id, coalesce(c.title_en, r.control_id), coalesce(c.title_de, r.control_id), r.what, r.lang,
       r.owner, r.due, r.status, r.response_note, r.created_at, r.updated_at
FROM evidence_requests r
LEFT JOIN all_controls c ON c.id = r.control_id";

fn parse_column<T>(i: usize, text: &str, parse: impl Fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    parse(text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, format!("unexpected `{text}`").into())
    })
}

fn request_from_row(r: &rusqlite::Row<'_>, today: Date) -> rusqlite::Result<EvidenceRequest> {
    let lang: String = r.get(5)?;
    let due: Option<String> = r.get(7)?;
    let status: String = r.get(8)?;
    let status = parse_column(8, &status, |s| RequestStatus::ALL.into_iter().find(|x| x.as_str() == s))?;
    let due = match due {
        Some(d) => Some(parse_column(7, &d, |d| d.parse::<Date>().ok())?),
        None => None,
    };
    Ok(EvidenceRequest {
        id: r.get(0)?,
        control_id: r.get(1)?,
        control_title: Text::new(r.get::<_, String>(2)?, r.get::<_, String>(3)?),
        requirements: Vec::new(),
        what: r.get(4)?,
        lang: parse_column(5, &lang, |l| match l {
            "en" => Some(Lang::En),
            "de" => Some(Lang::De),
            _ => None,
        })?,
        owner: r.get(6)?,
        due,
        status,
        response_note: r.get(9)?,
        overdue: status.awaits_client() && due.is_some_and(|d| d < today),
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
    })
}

/// The requirements in scope per control, grouped by framework in the catalogue's order.
fn requirements_by_control(
    conn: &Connection,
    scope: &ClientScope,
) -> Result<HashMap<String, Vec<RequestRequirements>>> {
    let mut out: HashMap<String, Vec<RequestRequirements>> = HashMap::new();
    for (control, framework, requirement) in scope_mappings(conn, scope)? {
        let list = out.entry(control).or_default();
        match list.last_mut() {
            Some(last) if last.framework == framework => last.requirement_ids.push(requirement),
            _ => list.push(RequestRequirements { framework, requirement_ids: vec![requirement] }),
        }
    }
    Ok(out)
}

/// The client's requests matching `condition` (on `r`), by id, with their requirements.
fn requests(
    conn: &Connection,
    scope: &ClientScope,
    today: Date,
    condition: &str,
    args: &[&dyn rusqlite::ToSql],
) -> Result<Vec<EvidenceRequest>> {
    let mut stmt = conn.prepare_cached(&format!("{REQUEST_SQL} WHERE {condition} ORDER BY r.id"))?;
    let mut found =
        stmt.query_map(args, |r| request_from_row(r, today))?.collect::<rusqlite::Result<Vec<EvidenceRequest>>>()?;
    if !found.is_empty() {
        let requirements = requirements_by_control(conn, scope)?;
        for r in &mut found {
            r.requirements = requirements.get(&r.control_id).cloned().unwrap_or_default();
        }
    }
    Ok(found)
}

/// The stored, editable fields of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stored {
    client_id: String,
    control_id: String,
    owner: String,
    due: Option<String>,
    status: String,
    response_note: String,
    what: String,
}

fn stored(conn: &Connection, id: i64) -> Result<Option<Stored>> {
    Ok(conn
        .prepare_cached(
            "SELECT client_id, control_id, owner, due, status, response_note, what FROM evidence_requests WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(Stored {
                client_id: r.get(0)?,
                control_id: r.get(1)?,
                owner: r.get(2)?,
                due: r.get(3)?,
                status: r.get(4)?,
                response_note: r.get(5)?,
                what: r.get(6)?,
            })
        })
        .optional()?)
}

/// The fields an edit changes on a stored request, as [`FieldChange`]s, and the request after it.
fn apply_edit(before: &Stored, edit: &ValidRequestEdit) -> (Vec<FieldChange>, Stored) {
    let mut after = before.clone();
    if let Some(s) = edit.status {
        after.status = s.as_str().to_owned();
    }
    if let Some(o) = &edit.owner {
        after.owner = o.clone();
    }
    if let Some(d) = &edit.due {
        after.due = d.map(|d| d.to_string());
    }
    if let Some(n) = &edit.response_note {
        after.response_note = n.clone();
    }
    if let Some(w) = &edit.what {
        after.what = w.clone();
    }
    let mut changes = Vec::new();
    let mut field = |name: &str, old: &str, new: &str| {
        if old != new {
            changes.push(FieldChange {
                field: name.into(),
                before: old.into(),
                after: new.into(),
                loss: new.is_empty(),
            });
        }
    };
    field("status", &before.status, &after.status);
    field("owner", &before.owner, &after.owner);
    field("due", before.due.as_deref().unwrap_or(""), after.due.as_deref().unwrap_or(""));
    field("response_note", &before.response_note, &after.response_note);
    field("what", &before.what, &after.what);
    (changes, after)
}

/// Writes a request's fields; the request must still be the client's, for the same control.
fn update(tx: &Connection, id: i64, after: &Stored, now: &str) -> Result<()> {
    let changed = tx.execute(
        "UPDATE evidence_requests SET owner = ?2, due = ?3, status = ?4, response_note = ?5, what = ?6, updated_at = ?7
         WHERE id = ?1 AND client_id = ?8 AND control_id = ?9",
        params![
            id,
            after.owner,
            after.due,
            after.status,
            after.response_note,
            after.what,
            now,
            after.client_id,
            after.control_id
        ],
    )?;
    if changed == 0 {
        return Err(not_found(id));
    }
    Ok(())
}

fn not_found(id: i64) -> Error {
    Error::NotFound { kind: "evidence request", reference: id.to_string() }
}

impl Requests<'_> {
    /// The client's evidence requests, by number, each with the requirements its control serves
    /// within the client's scope on `today`.
    pub fn list(&self, client: ClientId, today: Date) -> Result<Vec<EvidenceRequest>> {
        self.list_of(&self.store.views().context(client, today)?)
    }

    /// [`Requests::list`] in a request's context (a report lists them with its other parts).
    pub fn list_of(&self, ctx: &ClientContext) -> Result<Vec<EvidenceRequest>> {
        requests(self.store.conn(), &ctx.scope, ctx.today, "r.client_id = ?1", &[&ctx.id().to_string()])
    }

    /// One of the client's requests.
    pub fn get(&self, client: ClientId, id: i64, today: Date) -> Result<EvidenceRequest> {
        let ctx = self.store.views().context(client, today)?;
        requests(self.store.conn(), &ctx.scope, today, "r.client_id = ?1 AND r.id = ?2", &[&client.to_string(), &id])?
            .pop()
            .ok_or_else(|| not_found(id))
    }

    /// Generates requests from the gap list of the client's current assessment (the rules:
    /// `crate::requests`). Idempotent: a control that already has a request not accepted is
    /// skipped. A client without an assessment gets none.
    pub fn generate(&self, client: ClientId, options: &GenerateRequests, today: Date) -> Result<GeneratedRequests> {
        let ctx = self.store.views().context(client, today)?;
        let known = control_ids(self.store.conn())?;
        let unknown: Vec<FieldError> = options
            .only
            .iter()
            .filter(|id| !known.contains_key(&id.trim().to_lowercase()))
            .map(|id| FieldError { field: "control".into(), message: format!("unknown control `{}`", id.trim()) })
            .collect();
        if !unknown.is_empty() {
            return Err(Error::Invalid(ValidationErrors(unknown)));
        }
        let Some(current) = current_assessment_of(self.store.conn(), client)? else {
            return Ok(GeneratedRequests { assessment_date: None, created: Vec::new(), skipped: Vec::new() });
        };
        let in_scope: std::collections::BTreeSet<String> =
            scope_mappings(self.store.conn(), &ctx.scope)?.into_iter().map(|(control, _, _)| control).collect();
        let mut stmt = self.store.conn().prepare_cached(
            "SELECT c.id, c.evidence_en, c.evidence_de, coalesce(s.status, 'not_assessed'), coalesce(s.owner, ''), s.due,
                    EXISTS (SELECT 1 FROM evidence_links l WHERE l.assessment_id = ?1 AND l.control_id = c.id)
             FROM all_controls c
             LEFT JOIN assessment_controls s ON s.assessment_id = ?1 AND s.control_id = c.id
             ORDER BY c.custom, c.position, c.id",
        )?;
        type Candidate = (String, String, String, String, String, Option<String>, bool);
        let candidates: Vec<Candidate> = stmt
            .query_map([current.id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        let only: Vec<String> = options.only.iter().map(|c| c.trim().to_lowercase()).collect();
        let wanted: Vec<Candidate> = candidates
            .into_iter()
            .filter(|(id, _, _, status, _, _, has_evidence)| {
                in_scope.contains(id)
                    && (only.is_empty() || only.contains(&id.to_lowercase()))
                    && (matches!(status.as_str(), "not_implemented" | "partially_implemented")
                        || (options.without_evidence && status == "implemented" && !has_evidence))
            })
            .collect();
        let now = now_utc();
        let cid = client.to_string();
        let lang = options.lang;
        let (created, skipped) = self.store.write(|tx| {
            ensure_client(tx, client)?;
            let (mut created, mut skipped) = (Vec::new(), Vec::new());
            for (control, evidence_en, evidence_de, _, owner, due, _) in &wanted {
                let open: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM evidence_requests
                                    WHERE client_id = ?1 AND control_id = ?2 AND status <> 'accepted')",
                    params![cid, control],
                    |r| r.get(0),
                )?;
                if open {
                    skipped.push(control.clone());
                    continue;
                }
                let text = match lang {
                    Lang::En => evidence_en,
                    Lang::De => evidence_de,
                };
                let what = if text.trim().is_empty() { default_what(lang).to_owned() } else { text.trim().to_owned() };
                let due = due.clone().or_else(|| options.due.map(|d| d.to_string()));
                let id: i64 = tx.query_row(
                    "INSERT INTO evidence_requests (client_id, control_id, what, owner, due, status, lang, created_at,
                                                    updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?6, ?7, ?7) RETURNING id",
                    params![cid, control, what, owner.trim(), due, Lang::code(lang), now],
                    |r| r.get(0),
                )?;
                created.push(id);
            }
            Ok((created, skipped))
        })?;
        let created = if created.is_empty() {
            Vec::new()
        } else {
            let first = created[0];
            requests(self.store.conn(), &ctx.scope, today, "r.client_id = ?1 AND r.id >= ?2", &[&cid, &first])?
                .into_iter()
                .filter(|r| created.contains(&r.id))
                .collect()
        };
        Ok(GeneratedRequests { assessment_date: Some(current.date), created, skipped })
    }

    /// Changes one of the client's requests: the fields the edit gives (validated first; bad
    /// input changes nothing).
    pub fn set(&self, client: ClientId, id: i64, edit: &RequestEdit, today: Date) -> Result<EvidenceRequest> {
        self.store.clients().get(client)?;
        let edit = edit.validate("").map_err(|e| Error::Invalid(ValidationErrors(e)))?;
        let cid = client.to_string();
        let now = now_utc();
        self.store.write(|tx| {
            let before = stored(tx, id)?.filter(|s| s.client_id == cid).ok_or_else(|| not_found(id))?;
            let (changes, after) = apply_edit(&before, &edit);
            if !changes.is_empty() {
                update(tx, id, &after, &now)?;
            }
            Ok(())
        })?;
        self.get(client, id, today)
    }

    /// Removes one of the client's requests; returns it as it was.
    pub fn remove(&self, client: ClientId, id: i64, today: Date) -> Result<EvidenceRequest> {
        let removed = self.get(client, id, today)?;
        let cid = client.to_string();
        self.store.write(|tx| {
            let n = tx.execute("DELETE FROM evidence_requests WHERE id = ?1 AND client_id = ?2", params![id, cid])?;
            if n == 0 {
                return Err(not_found(id));
            }
            Ok(())
        })?;
        Ok(removed)
    }

    /// The client's requests as a spreadsheet (XLSX: one sheet per owner; CSV: one table), texts
    /// in `lang`, dated `today`.
    pub fn export(&self, client: ClientId, format: SheetFormat, lang: Lang, today: Date) -> Result<Vec<u8>> {
        let c = self.store.clients().get(client)?;
        let list = self.list(client, today)?;
        let title = match lang {
            Lang::En => format!("Evidence requests: {}", c.profile.name),
            Lang::De => format!("Nachweisanforderungen: {}", c.profile.name),
        };
        write_requests(&list, format, lang, &title, today)
    }

    /// Imports a returned spreadsheet ([`Requests::export`]; the rules: `crate::requests`):
    /// every row checked first, then the status, owner, due date and note changes written in one
    /// transaction, or, with [`ImportRun::DryRun`], only reported. Any bad row refuses the whole file,
    /// every problem named by sheet and row, and nothing is written.
    pub fn import(&self, client: ClientId, bytes: &[u8], format: SheetFormat, run: ImportRun) -> Result<RequestImport> {
        self.store.clients().get(client)?;
        let rows = parse_returned(bytes, format)?;
        let cid = client.to_string();
        let mut errors: Vec<FieldError> = Vec::new();
        let mut seen: BTreeMap<i64, String> = BTreeMap::new();
        let mut plan: Vec<(i64, Stored, RequestChange)> = Vec::new();
        let mut unchanged = 0u32;
        for row in &rows {
            let mut err = |field: &str, message: String| {
                errors.push(FieldError { field: format!("{}, {field}", row.place), message })
            };
            let id_text = row.request_id.trim();
            let Some(id) = id_text.parse::<i64>().ok().filter(|n| *n > 0) else {
                err("request_id", format!("`{id_text}` is not a request number"));
                continue;
            };
            if let Some(first) = seen.get(&id) {
                err("request_id", format!("request {id} is listed twice (first at {first})"));
                continue;
            }
            seen.insert(id, row.place.clone());
            let Some(before) = stored(self.store.conn(), id)? else {
                err("request_id", format!("there is no request {id}"));
                continue;
            };
            if before.client_id != cid {
                err("request_id", format!("request {id} belongs to another client"));
                continue;
            }
            if row.control_id.trim().to_lowercase() != before.control_id.to_lowercase() {
                err(
                    "control_id",
                    format!(
                        "request {id} is for {}, not `{}` (this column is read-only)",
                        before.control_id,
                        row.control_id.trim()
                    ),
                );
                continue;
            }
            if row.status.trim().is_empty() {
                err("status", format!("is required (one of: {})", RequestStatus::expected()));
                continue;
            }
            let edit = RequestEdit {
                status: Some(row.status.clone()),
                response_note: row.response_note.clone(),
                owner: row.owner.clone(),
                due: row.due.clone(),
                what: None,
            };
            let edit = match edit.validate(&format!("{}, ", row.place)) {
                Ok(edit) => edit,
                Err(e) => {
                    errors.extend(e);
                    continue;
                }
            };
            let (fields, after) = apply_edit(&before, &edit);
            if fields.is_empty() {
                unchanged += 1;
            } else {
                plan.push((id, after, RequestChange { id, control_id: before.control_id.clone(), fields }));
            }
        }
        if !errors.is_empty() {
            return Err(Error::invalid_capped(errors));
        }
        let applied = run == ImportRun::Apply;
        if applied && !plan.is_empty() {
            let now = now_utc();
            self.store.write(|tx| {
                for (id, after, _) in &plan {
                    update(tx, *id, after, &now)?;
                }
                Ok(())
            })?;
        }
        Ok(RequestImport { changes: plan.into_iter().map(|(_, _, c)| c).collect(), unchanged, applied })
    }
}

#[cfg(test)]
mod tests;
