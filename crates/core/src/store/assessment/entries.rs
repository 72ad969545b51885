//! Dated assessments and what is recorded in them: one control at a time, or a whole spreadsheet
//! at once (all rows or none), and the assessment grid with its export.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension, Transaction};

use super::super::now_utc;
use super::context::ClientContext;
use super::{
    current_assessment, effort_days_json, info_from_row, optional_date_column, remaining_share_json, status_column,
    INFO_COLUMNS,
};
use crate::assessment::sheet::{self, Lang, SheetFormat, SheetRow};
use crate::assessment::{
    AssessmentInfo, AssessmentRow, AssessmentStart, AssessmentView, ControlChange, ControlEntry, ControlPatch,
    ControlStatus, FieldChange, ImportOutcome, ImportPreview, RecordedEntry, ValidEntry,
};
use crate::catalog::Text;
use crate::domain::{ClientId, Date, FieldError, ValidationErrors};
use crate::recommend::shipped_lifecycle;
use crate::store::{Assessments, Views};
use crate::{Error, Result};

/// The in-scope controls of a client with what its assessment `?1` records: `?2` the scope units
/// (JSON), `?3` person-days per effort size (JSON), `?4` the remaining share per status (JSON).
const GRID_SQL: &str = "
WITH units (framework, unit, excluded) AS MATERIALIZED (
    SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), coalesce(json_extract(value, '$[2]'), '[]')
    FROM json_each(?2)
),
served (control_id, framework, requirement_id) AS MATERIALIZED (
    SELECT m.control_id, m.framework, m.requirement_id
    FROM all_mappings m
    JOIN analysis_units u ON u.framework = m.framework AND u.requirement_id = m.requirement_id
    JOIN units s ON s.framework = u.framework AND s.unit = u.unit
    WHERE u.requirement_id NOT IN (SELECT value FROM json_each(s.excluded))
),
reach (control_id, frameworks, requirements) AS MATERIALIZED (
    SELECT control_id, json_group_array(DISTINCT framework), count(*) FROM served GROUP BY control_id
)
SELECT c.id, c.title_en, c.title_de, c.domain, coalesce(d.name_en, c.domain), coalesce(d.name_de, c.domain),
       c.effort, c.custom,
       json_extract(?3, '$.' || c.effort),
       round(json_extract(?3, '$.' || c.effort) * json_extract(?4, '$.' || coalesce(s.status, 'not_assessed')), 2),
       x.frameworks, x.requirements,
       coalesce(s.status, 'not_assessed'), coalesce(s.notes, ''), coalesce(s.evidence, '[]'), coalesce(s.owner, ''),
       s.due, coalesce(s.justification, ''), s.updated_at
FROM reach x
JOIN all_controls c ON c.id = x.control_id
LEFT JOIN domains d ON d.id = c.domain
LEFT JOIN assessment_controls s ON s.assessment_id = ?1 AND s.control_id = c.id
ORDER BY c.custom, c.position, c.id";

/// Open actions (a due date, not done) among the controls the grid shows: the controls serving
/// something in the scope (`?2`) of the assessment `?1`. `?3` is today.
const ACTIONS_SQL: &str = "
WITH units (framework, unit, excluded) AS MATERIALIZED (
    SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), coalesce(json_extract(value, '$[2]'), '[]')
    FROM json_each(?2)
),
served (control_id) AS MATERIALIZED (
    SELECT DISTINCT m.control_id
    FROM all_mappings m
    JOIN analysis_units u ON u.framework = m.framework AND u.requirement_id = m.requirement_id
    JOIN units s ON s.framework = u.framework AND s.unit = u.unit
    WHERE u.requirement_id NOT IN (SELECT value FROM json_each(s.excluded))
)
SELECT count(*), count(CASE WHEN s.due < ?3 THEN 1 END), min(CASE WHEN s.due < ?3 THEN s.due END)
FROM assessment_controls s
JOIN served x ON x.control_id = s.control_id
WHERE s.assessment_id = ?1 AND s.due IS NOT NULL AND s.status NOT IN ('implemented', 'not_applicable')";

/// What [`Views::open_actions`] counts.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct OpenActions {
    pub open: u32,
    pub overdue: u32,
    pub oldest_overdue: Option<Date>,
}

impl Assessments<'_> {
    /// Every assessment of a client, oldest first.
    pub fn list(&self, client: ClientId) -> Result<Vec<AssessmentInfo>> {
        self.store.clients().get(client)?;
        let mut stmt = self.store.conn().prepare_cached(&format!(
            "SELECT {INFO_COLUMNS} FROM assessments a WHERE a.client_id = ?1 ORDER BY a.date"
        ))?;
        let rows = stmt.query_map([client.to_string()], info_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The client's latest assessment, if it has one.
    pub fn current(&self, client: ClientId) -> Result<Option<AssessmentInfo>> {
        self.store.clients().get(client)?;
        current_assessment(self.store.conn(), client)
    }

    /// Starts an assessment dated `date` (not after `today`, one per date), empty or, with
    /// [`AssessmentStart::FromPrevious`], as a copy of the latest assessment dated before it.
    pub fn start(&self, client: ClientId, date: Date, start: AssessmentStart, today: Date) -> Result<AssessmentInfo> {
        self.store.clients().get(client)?;
        if date > today {
            return Err(Error::invalid(
                "date",
                format!("{date} is after today ({today}): an assessment records what is"),
            ));
        }
        let now = now_utc();
        let id = self.store.write(|tx| {
            let cid = client.to_string();
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM assessments WHERE client_id = ?1 AND date = ?2)",
                params![cid, date.to_string()],
                |r| r.get(0),
            )?;
            if taken {
                return Err(Error::invalid("date", format!("the client already has an assessment dated {date}")));
            }
            let previous: Option<i64> = if start == AssessmentStart::FromPrevious {
                let found = tx
                    .query_row(
                        "SELECT id FROM assessments WHERE client_id = ?1 AND date < ?2 ORDER BY date DESC LIMIT 1",
                        params![cid, date.to_string()],
                        |r| r.get(0),
                    )
                    .optional()?;
                if found.is_none() {
                    return Err(Error::invalid(
                        "from_previous",
                        format!("there is no assessment before {date} to copy"),
                    ));
                }
                found
            } else {
                None
            };
            let id = insert_assessment(tx, client, date, &now)?;
            if let Some(previous) = previous {
                tx.execute(
                    "INSERT INTO assessment_controls (assessment_id, control_id, status, notes, evidence, owner, due,
                                                      justification, updated_at)
                     SELECT ?1, control_id, status, notes, evidence, owner, due, justification, ?3
                     FROM assessment_controls WHERE assessment_id = ?2",
                    params![id, previous, now],
                )?;
                // The evidence of the previous assessment stays linked (flagged when stale).
                tx.execute(
                    "INSERT INTO evidence_links (assessment_id, control_id, sha256, file_name, provided_by,
                                                 provided_on, note, added_at)
                     SELECT ?1, control_id, sha256, file_name, provided_by, provided_on, note, added_at
                     FROM evidence_links WHERE assessment_id = ?2",
                    params![id, previous],
                )?;
            }
            Ok(id)
        })?;
        self.info(id)
    }

    fn info(&self, id: i64) -> Result<AssessmentInfo> {
        Ok(self
            .store
            .conn()
            .prepare_cached(&format!("SELECT {INFO_COLUMNS} FROM assessments a WHERE a.id = ?1"))?
            .query_row([id], info_from_row)?)
    }

    /// What the current assessment records for a control (blank when nothing is).
    pub fn entry(&self, client: ClientId, control_id: &str) -> Result<RecordedEntry> {
        self.store.clients().get(client)?;
        let ids = control_ids(self.store.conn())?;
        let control = ids
            .get(&control_id.trim().to_lowercase())
            .ok_or_else(|| Error::NotFound { kind: "control", reference: control_id.trim().to_owned() })?;
        let assessment = current_assessment(self.store.conn(), client)?.map_or(0, |a| a.id);
        Ok(recorded(self.store.conn(), assessment, control)?.unwrap_or_else(|| RecordedEntry {
            control_id: control.clone(),
            status: ControlStatus::NotAssessed,
            notes: String::new(),
            evidence: Vec::new(),
            owner: String::new(),
            due: None,
            justification: String::new(),
            updated_at: None,
        }))
    }

    /// Records one control in the current assessment (starting one dated `today` when the client
    /// has none). Every rule is checked first; a blank entry clears the control.
    pub fn save(&self, client: ClientId, entry: &ControlEntry, today: Date) -> Result<RecordedEntry> {
        let now = now_utc();
        let (assessment, control) = self.store.write(|tx| {
            ensure_client(tx, client)?;
            let ids = control_ids(tx)?;
            let control = ids.get(&entry.control_id.trim().to_lowercase()).cloned();
            let mut errors = Vec::new();
            if control.is_none() && !entry.control_id.trim().is_empty() {
                errors.push(FieldError {
                    field: "control_id".into(),
                    message: format!("unknown control `{}`", entry.control_id.trim()),
                });
            }
            let checked = entry.validate("");
            let (mut valid, control) = match (checked, control) {
                (Ok(valid), Some(control)) if errors.is_empty() => (valid, control),
                (checked, _) => {
                    errors.extend(checked.err().unwrap_or_default());
                    return Err(Error::Invalid(ValidationErrors(errors)));
                }
            };
            valid.control_id = control.clone();
            if let Some(error) = management_system_not_applicable(tx, &valid, "")? {
                return Err(Error::Invalid(ValidationErrors(vec![error])));
            }
            let assessment = current_or_new(tx, client, today, &now)?;
            write_entry(tx, assessment, &valid, &now)?;
            touch(tx, assessment, &now)?;
            Ok((assessment, control))
        })?;
        self.entry_in(assessment, &control)
    }

    fn entry_in(&self, assessment: i64, control: &str) -> Result<RecordedEntry> {
        Ok(recorded(self.store.conn(), assessment, control)?.unwrap_or(RecordedEntry {
            control_id: control.to_owned(),
            status: ControlStatus::NotAssessed,
            notes: String::new(),
            evidence: Vec::new(),
            owner: String::new(),
            due: None,
            justification: String::new(),
            updated_at: None,
        }))
    }
}

impl Views<'_> {
    /// The controls of the client's assessment grid (current assessment, current scope) that have a
    /// due date and are not done yet: how many, how many are past due on `today`, and the
    /// earliest past due date.
    pub fn open_actions(&self, client: ClientId, today: Date) -> Result<OpenActions> {
        self.open_actions_of(&self.context(client, today)?)
    }

    /// [`Views::open_actions`] in a request's context.
    pub fn open_actions_of(&self, ctx: &ClientContext) -> Result<OpenActions> {
        let (today, scope) = (ctx.today, &ctx.scope);
        let Some(assessment) = &ctx.assessment else {
            return Ok(OpenActions::default());
        };
        let mut stmt = self.store.conn().prepare_cached(ACTIONS_SQL)?;
        let (open, overdue, oldest) = stmt
            .query_row(params![assessment.id, scope.units_json(), today.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, optional_date_column(r, 2)?))
            })?;
        Ok(OpenActions { open, overdue, oldest_overdue: oldest })
    }

    /// The client's current assessment: scope and every control serving something in it.
    pub fn assessment(&self, client: ClientId, today: Date) -> Result<AssessmentView> {
        self.assessment_of(&self.context(client, today)?)
    }

    /// [`Views::assessment`] in a request's context.
    pub fn assessment_of(&self, ctx: &ClientContext) -> Result<AssessmentView> {
        let (scope, assessment) = (ctx.scope.clone(), ctx.assessment.clone());
        let lifecycle = shipped_lifecycle();
        let mut stmt = self.store.conn().prepare_cached(GRID_SQL)?;
        let rows = stmt.query_map(
            params![
                assessment.as_ref().map_or(0, |a| a.id),
                scope.units_json(),
                effort_days_json(lifecycle),
                remaining_share_json()
            ],
            |r| {
                Ok((
                    AssessmentRow {
                        control_id: r.get(0)?,
                        title: Text { en: r.get(1)?, de: r.get(2)? },
                        domain: r.get(3)?,
                        domain_name: Text { en: r.get(4)?, de: r.get(5)? },
                        effort: r.get(6)?,
                        custom: r.get(7)?,
                        effort_days: r.get(8)?,
                        remaining_days: r.get(9)?,
                        frameworks: Vec::new(),
                        requirements: r.get(11)?,
                        status: status_column(r, 12)?,
                        notes: r.get(13)?,
                        evidence: Vec::new(),
                        owner: r.get(15)?,
                        due: optional_date_column(r, 16)?,
                        justification: r.get(17)?,
                        updated_at: r.get(18)?,
                    },
                    r.get::<_, String>(10)?,
                    r.get::<_, String>(14)?,
                ))
            },
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (mut row, frameworks, evidence) = row?;
            row.frameworks = super::frameworks_json(&frameworks)?;
            row.evidence = evidence_json(&evidence)?;
            out.push(row);
        }
        let c = &ctx.client;
        Ok(AssessmentView { client_id: c.id, client_name: c.profile.name.clone(), scope, assessment, rows: out })
    }
}

impl Assessments<'_> {
    /// The assessment grid as a spreadsheet (columns in `assessment::sheet`), titles in `lang`.
    pub fn export(&self, client: ClientId, format: SheetFormat, lang: Lang, today: Date) -> Result<Vec<u8>> {
        let view = self.store.views().assessment(client, today)?;
        let date = view.assessment.as_ref().map_or(today, |a| a.date);
        sheet::write_sheet(&sheet::assessment_sheet(&view.rows, lang), format, "Assessment", date)
    }

    /// Reads a spreadsheet (as exported, possibly edited) into the current assessment, starting
    /// one dated `today` when the client has none. Every row is checked first; any problem, each
    /// reported with its row number (the first 50, then how many more), and nothing is written.
    pub fn import(&self, client: ClientId, bytes: &[u8], format: SheetFormat, today: Date) -> Result<ImportOutcome> {
        let rows = sheet::parse_assessment(bytes, format)?;
        self.import_rows(client, &rows, today)
    }

    /// [`Assessments::import`], but only when the file is the one previewed: `digest` is
    /// [`ImportPreview::digest`].
    pub fn import_previewed(
        &self,
        client: ClientId,
        bytes: &[u8],
        format: SheetFormat,
        digest: &str,
        today: Date,
    ) -> Result<ImportOutcome> {
        if sha256_hex(bytes) != digest {
            return Err(Error::invalid("", "the file changed since it was previewed: preview it again"));
        }
        self.import(client, bytes, format, today)
    }

    /// What importing a spreadsheet would do, writing nothing: the problems that would refuse
    /// it (the first 50 and how many more), or per control what changes, field by field, with
    /// every recorded value that would be cleared counted as a loss.
    pub fn preview_import(&self, client: ClientId, bytes: &[u8], format: SheetFormat) -> Result<ImportPreview> {
        self.store.clients().get(client)?;
        let digest = sha256_hex(bytes);
        let refused = |e: Error, rows: u32| -> Result<ImportPreview> {
            match e {
                Error::Invalid(_) | Error::InvalidMany { .. } => Ok(ImportPreview {
                    rows,
                    errors: e.field_errors().to_vec(),
                    truncated: e.truncated() as u32,
                    changes: Vec::new(),
                    unchanged: 0,
                    losses: 0,
                    digest: digest.clone(),
                }),
                other => Err(other),
            }
        };
        let rows = match sheet::parse_assessment(bytes, format) {
            Ok(rows) => rows,
            Err(e) => return refused(e, 0),
        };
        let plan = match plan_import(self.store.conn(), client, &rows, Origin::Sheet) {
            Ok(plan) => plan,
            Err(e) => return refused(e, rows.len() as u32),
        };
        let mut changes = Vec::new();
        let (mut unchanged, mut losses) = (0, 0);
        for (row, entry) in &plan.entries {
            let fields = field_changes(plan.existing.get(&entry.control_id), entry);
            if fields.is_empty() {
                unchanged += 1;
            } else {
                losses += fields.iter().filter(|f| f.loss).count() as u32;
                changes.push(ControlChange { row: *row, control_id: entry.control_id.clone(), fields });
            }
        }
        Ok(ImportPreview {
            rows: rows.len() as u32,
            errors: Vec::new(),
            truncated: 0,
            changes,
            unchanged,
            losses,
            digest,
        })
    }

    /// Writes rows read from a spreadsheet: all of them or, on any problem, none.
    pub fn import_rows(&self, client: ClientId, rows: &[SheetRow], today: Date) -> Result<ImportOutcome> {
        self.apply_rows(client, rows, Origin::Sheet, today)
    }

    /// Changes several controls of the client's current assessment at once (one dated `today`
    /// when there is none): the fields `patch` gives replace what is recorded, the others stay.
    /// The same merge and checks as a spreadsheet import ([`Assessments::import_rows`]), in one
    /// transaction: any problem, named at its control, refuses them all. The app's grid bulk
    /// edit and `crosswalk-cli assess set` both come here.
    pub fn patch(
        &self,
        client: ClientId,
        control_ids: &[String],
        patch: &ControlPatch,
        today: Date,
    ) -> Result<ImportOutcome> {
        let rows: Vec<SheetRow> = control_ids
            .iter()
            .zip(1..)
            .map(|(control_id, row)| SheetRow {
                row,
                control_id: control_id.clone(),
                status: patch.status.clone(),
                owner: patch.owner.clone(),
                due: patch.due.clone(),
                evidence: patch.evidence.clone(),
                notes: patch.notes.clone(),
                justification: patch.justification.clone(),
            })
            .collect();
        self.apply_rows(client, &rows, Origin::Patch, today)
    }

    fn apply_rows(&self, client: ClientId, rows: &[SheetRow], origin: Origin, today: Date) -> Result<ImportOutcome> {
        let now = now_utc();
        let (assessment, recorded, cleared) = self.store.write(|tx| {
            let plan = plan_import(tx, client, rows, origin)?;
            let assessment = match plan.current {
                Some(a) => a.id,
                None => insert_assessment(tx, client, today, &now)?,
            };
            let mut recorded = 0;
            let mut cleared = 0;
            for (_, entry) in &plan.entries {
                match write_entry(tx, assessment, entry, &now)? {
                    Written::Recorded => recorded += 1,
                    Written::Cleared => cleared += 1,
                    Written::Blank => {}
                }
            }
            touch(tx, assessment, &now)?;
            Ok((assessment, recorded, cleared))
        })?;
        Ok(ImportOutcome { assessment: self.info(assessment)?, rows: rows.len() as u32, recorded, cleared })
    }
}

/// What an import would write: every row checked, with what is recorded now.
struct ImportPlan {
    current: Option<AssessmentInfo>,
    existing: HashMap<String, ValidEntry>,
    /// Each row's entry (control id canonical), with its spreadsheet row.
    entries: Vec<(u32, ValidEntry)>,
}

/// The error for an entry that records a management-system control as not applicable: a control
/// that is equal, superset or subset to a clause 4 to 10 requirement of ISO/IEC 27001 or 42001
/// (view `management_system_mappings`). Those requirements always apply, so the control cannot
/// be excluded; `None` for any other entry.
fn management_system_not_applicable(
    conn: &rusqlite::Connection,
    entry: &ValidEntry,
    prefix: &str,
) -> Result<Option<FieldError>> {
    if entry.status != ControlStatus::NotApplicable {
        return Ok(None);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT m.framework, m.requirement_id FROM management_system_mappings m
         JOIN frameworks f ON f.id = m.framework
         WHERE m.control_id = ?1
         ORDER BY f.position, m.position",
    )?;
    let found: Vec<(String, String)> =
        stmt.query_map([&entry.control_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    if found.is_empty() {
        return Ok(None);
    }
    let names: Vec<String> = found
        .iter()
        .map(|(f, r)| {
            let name = crate::assessment::ScopeFramework::parse(f).map_or(f.as_str(), |f| f.display_name());
            format!("{name} {r}")
        })
        .collect();
    Ok(Some(FieldError {
        field: format!("{prefix}status"),
        message: format!(
            "{} cannot be not applicable: it serves {}, management-system requirements (clauses 4 to 10) that \
             always apply; record how far it is implemented instead",
            entry.control_id,
            names.join(", ")
        ),
    }))
}

/// Where the rows of an import come from: a spreadsheet (errors name the row) or one patch of
/// several controls (errors name the control; the rows' numbers mean nothing).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Origin {
    Sheet,
    Patch,
}

impl Origin {
    /// What an error about `row` of `rows` starts with: its row in a sheet; its control in a patch
    /// of several (a patch of one control names the fields alone).
    fn prefix(self, row: &SheetRow, rows: usize) -> String {
        match self {
            Origin::Sheet => format!("row {}, ", row.row),
            Origin::Patch if rows == 1 => String::new(),
            Origin::Patch => format!("{}: ", row.control_id.trim()),
        }
    }
}

/// Checks every row against the catalogue and what is recorded; any problem refuses them all.
/// A field a row leaves out (`None`) keeps what is recorded: the one merge of a control's
/// record, for a spreadsheet and for a patch of many controls alike.
fn plan_import(conn: &rusqlite::Connection, client: ClientId, rows: &[SheetRow], origin: Origin) -> Result<ImportPlan> {
    if rows.is_empty() {
        return Err(match origin {
            Origin::Sheet => {
                Error::invalid("", "the file holds no control rows (one row per control under the header)")
            }
            Origin::Patch => Error::invalid("control_ids", "name at least one control"),
        });
    }
    ensure_client(conn, client)?;
    let ids = control_ids(conn)?;
    let current = current_assessment(conn, client)?;
    let existing = match &current {
        Some(a) => recorded_all(conn, a.id)?,
        None => HashMap::new(),
    };
    let mut errors: Vec<FieldError> = Vec::new();
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut entries: Vec<(u32, ValidEntry)> = Vec::with_capacity(rows.len());
    for row in rows {
        let prefix = origin.prefix(row, rows.len());
        let canonical = ids.get(&row.control_id.trim().to_lowercase()).cloned();
        let before = canonical.as_ref().and_then(|id| existing.get(id));
        let keep = |new: &Option<String>, old: fn(&ValidEntry) -> String| match new {
            Some(value) => value.clone(),
            None => before.map(old).unwrap_or_default(),
        };
        let entry = ControlEntry {
            control_id: row.control_id.clone(),
            status: row.status.clone(),
            notes: keep(&row.notes, |e| e.notes.clone()),
            evidence: match &row.evidence {
                Some(items) => items.clone(),
                None => before.map(|e| e.evidence.clone()).unwrap_or_default(),
            },
            owner: keep(&row.owner, |e| e.owner.clone()),
            due: keep(&row.due, |e| e.due.map(|d| d.to_string()).unwrap_or_default()),
            justification: keep(&row.justification, |e| e.justification.clone()),
        };
        let checked = entry.validate(&prefix);
        match (&canonical, row.control_id.trim().is_empty()) {
            (None, false) => errors.push(FieldError {
                field: format!("{prefix}control_id"),
                message: format!("unknown control `{}`", row.control_id.trim()),
            }),
            (Some(id), _) => {
                if let Some(first) = seen.insert(id.clone(), row.row) {
                    errors.push(FieldError {
                        field: format!("{prefix}control_id"),
                        message: match origin {
                            Origin::Sheet => format!("{id} is already on row {first}"),
                            Origin::Patch => format!("{id} is named twice"),
                        },
                    });
                }
            }
            (None, true) => {}
        }
        match checked {
            Ok(mut entry) => {
                if let Some(id) = canonical {
                    entry.control_id = id;
                    errors.extend(management_system_not_applicable(conn, &entry, &prefix)?);
                }
                entries.push((row.row, entry));
            }
            Err(mut errs) => errors.append(&mut errs),
        }
    }
    if !errors.is_empty() {
        return Err(Error::invalid_capped(errors));
    }
    Ok(ImportPlan { current, existing, entries })
}

/// The fields an entry changes against what is recorded (`None`: nothing is).
fn field_changes(before: Option<&ValidEntry>, after: &ValidEntry) -> Vec<FieldChange> {
    let text = |e: Option<&ValidEntry>| -> [(&'static str, String); 6] {
        [
            ("status", e.map_or(ControlStatus::NotAssessed, |e| e.status).as_str().to_owned()),
            ("owner", e.map(|e| e.owner.clone()).unwrap_or_default()),
            ("due", e.and_then(|e| e.due).map(|d| d.to_string()).unwrap_or_default()),
            ("evidence", e.map(|e| sheet_evidence(&e.evidence)).unwrap_or_default()),
            ("notes", e.map(|e| e.notes.clone()).unwrap_or_default()),
            ("justification", e.map(|e| e.justification.clone()).unwrap_or_default()),
        ]
    };
    let blank = ControlStatus::NotAssessed.as_str();
    text(before)
        .into_iter()
        .zip(text(Some(after)))
        .filter(|((_, old), (_, new))| old != new)
        .map(|((field, before), (_, after))| {
            let loss = if field == "status" { after == blank } else { after.is_empty() };
            FieldChange { field: field.to_owned(), before, after, loss }
        })
        .collect()
}

fn sheet_evidence(items: &[String]) -> String {
    items.join("; ")
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

pub(in crate::store) fn ensure_client(tx: &rusqlite::Connection, client: ClientId) -> Result<()> {
    let known: bool =
        tx.query_row("SELECT EXISTS (SELECT 1 FROM clients WHERE id = ?1)", [client.to_string()], |r| r.get(0))?;
    if known {
        Ok(())
    } else {
        Err(Error::ClientNotFound(client.to_string()))
    }
}

/// Every control id (shipped and custom), by its lower-case form: ids are matched ignoring case.
pub(in crate::store) fn control_ids(conn: &rusqlite::Connection) -> Result<HashMap<String, String>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM all_controls")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = HashMap::new();
    for id in rows {
        let id = id?;
        out.insert(id.to_lowercase(), id);
    }
    Ok(out)
}

fn insert_assessment(tx: &Transaction<'_>, client: ClientId, date: Date, now: &str) -> Result<i64> {
    tx.execute(
        "INSERT INTO assessments (client_id, date, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
        params![client.to_string(), date.to_string(), now],
    )?;
    Ok(tx.last_insert_rowid())
}

/// The current assessment, or a new one dated `today`.
pub(in crate::store) fn current_or_new(tx: &Transaction<'_>, client: ClientId, today: Date, now: &str) -> Result<i64> {
    match current_assessment(tx, client)? {
        Some(a) => Ok(a.id),
        None => insert_assessment(tx, client, today, now),
    }
}

pub(in crate::store) fn touch(tx: &Transaction<'_>, assessment: i64, now: &str) -> Result<()> {
    tx.execute("UPDATE assessments SET updated_at = ?2 WHERE id = ?1", params![assessment, now])?;
    Ok(())
}

/// What writing an entry did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Written {
    /// Something is recorded for the control.
    Recorded,
    /// A blank entry removed what was recorded.
    Cleared,
    /// A blank entry for a control nothing was recorded for.
    Blank,
}

/// Writes one entry: a blank one deletes the row.
fn write_entry(tx: &Transaction<'_>, assessment: i64, entry: &ValidEntry, now: &str) -> Result<Written> {
    if entry.is_blank() {
        let deleted = tx
            .prepare_cached("DELETE FROM assessment_controls WHERE assessment_id = ?1 AND control_id = ?2")?
            .execute(params![assessment, entry.control_id])?;
        return Ok(if deleted > 0 { Written::Cleared } else { Written::Blank });
    }
    let evidence = serde_json::to_string(&entry.evidence).map_err(|e| Error::Corrupt(e.to_string()))?;
    tx.prepare_cached(
        "INSERT INTO assessment_controls (assessment_id, control_id, status, notes, evidence, owner, due,
                                          justification, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (assessment_id, control_id) DO UPDATE SET
             status = excluded.status, notes = excluded.notes, evidence = excluded.evidence,
             owner = excluded.owner, due = excluded.due, justification = excluded.justification,
             updated_at = excluded.updated_at
         WHERE (status, notes, evidence, owner, due, justification)
               IS NOT (excluded.status, excluded.notes, excluded.evidence, excluded.owner, excluded.due,
                       excluded.justification)",
    )?
    .execute(params![
        assessment,
        entry.control_id,
        entry.status.as_str(),
        entry.notes,
        evidence,
        entry.owner,
        entry.due.map(|d| d.to_string()),
        entry.justification,
        now
    ])?;
    Ok(Written::Recorded)
}

const RECORDED_COLUMNS: &str = "control_id, status, notes, evidence, owner, due, justification, updated_at";

fn recorded_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(RecordedEntry, String)> {
    Ok((
        RecordedEntry {
            control_id: r.get(0)?,
            status: status_column(r, 1)?,
            notes: r.get(2)?,
            evidence: Vec::new(),
            owner: r.get(4)?,
            due: optional_date_column(r, 5)?,
            justification: r.get(6)?,
            updated_at: r.get(7)?,
        },
        r.get(3)?,
    ))
}

fn recorded(conn: &rusqlite::Connection, assessment: i64, control: &str) -> Result<Option<RecordedEntry>> {
    let found = conn
        .prepare_cached(&format!(
            "SELECT {RECORDED_COLUMNS} FROM assessment_controls WHERE assessment_id = ?1 AND control_id = ?2"
        ))?
        .query_row(params![assessment, control], recorded_from_row)
        .optional()?;
    match found {
        Some((mut entry, evidence)) => {
            entry.evidence = evidence_json(&evidence)?;
            Ok(Some(entry))
        }
        None => Ok(None),
    }
}

/// Everything an assessment records, by control id.
fn recorded_all(tx: &rusqlite::Connection, assessment: i64) -> Result<HashMap<String, ValidEntry>> {
    let mut stmt =
        tx.prepare_cached(&format!("SELECT {RECORDED_COLUMNS} FROM assessment_controls WHERE assessment_id = ?1"))?;
    let rows = stmt.query_map([assessment], recorded_from_row)?;
    let mut out = HashMap::new();
    for row in rows {
        let (e, evidence) = row?;
        out.insert(
            e.control_id.clone(),
            ValidEntry {
                control_id: e.control_id,
                status: e.status,
                notes: e.notes,
                evidence: evidence_json(&evidence)?,
                owner: e.owner,
                due: e.due,
                justification: e.justification,
            },
        );
    }
    Ok(out)
}

fn evidence_json(text: &str) -> Result<Vec<String>> {
    serde_json::from_str(text).map_err(|e| Error::Corrupt(format!("evidence `{text}`: {e}")))
}

#[cfg(test)]
mod preview_tests {
    use super::*;
    use crate::store::Store;

    fn today() -> Date {
        "2026-11-29".parse().unwrap()
    }

    /// A store with one demo client whose CW-GOV-18 is recorded.
    fn fixture() -> (Store, ClientId) {
        let store = Store::open_in_memory().unwrap();
        let (id, profile) = crate::demo::demo_clients().unwrap().remove(0);
        store.clients().create_with_id(id, &profile).unwrap();
        let entry = ControlEntry {
            control_id: "CW-GOV-18".into(),
            status: "implemented".into(),
            owner: "Helen Shaw".into(),
            notes: "=1+1".into(),
            ..Default::default()
        };
        store.assessments().save(id, &entry, today()).unwrap();
        (store, id)
    }

    fn changes(p: &ImportPreview) -> Vec<String> {
        p.changes
            .iter()
            .flat_map(|c| {
                c.fields.iter().map(move |f| {
                    format!(
                        "row {} {} {}: {:?} -> {:?}{}",
                        c.row,
                        c.control_id,
                        f.field,
                        f.before,
                        f.after,
                        if f.loss { " loss" } else { "" }
                    )
                })
            })
            .collect()
    }

    #[test]
    fn the_preview_lists_each_change_and_every_loss_and_writes_nothing() {
        // (CSV, the changes, losses)
        let cases: &[(&str, &[&str], u32)] = &[
            ("control_id,status\nCW-GOV-18,implemented\n", &[], 0),
            (
                "control_id,status,owner\nCW-GOV-18,implemented,\n",
                &["row 2 CW-GOV-18 owner: \"Helen Shaw\" -> \"\" loss"],
                1,
            ),
            (
                "control_id,status,notes\nCW-GOV-18,,'=1+1\nCW-ACC-01,partially_implemented,x\n",
                &[
                    "row 2 CW-GOV-18 status: \"implemented\" -> \"not_assessed\" loss",
                    "row 3 CW-ACC-01 status: \"not_assessed\" -> \"partially_implemented\"",
                    "row 3 CW-ACC-01 notes: \"\" -> \"x\"",
                ],
                1,
            ),
        ];
        let (store, id) = fixture();
        let before = store.views().assessment(id, today()).unwrap();
        for (csv, expected, losses) in cases {
            let p = store.assessments().preview_import(id, csv.as_bytes(), SheetFormat::Csv).unwrap();
            assert!(p.errors.is_empty(), "{csv:?}: {:?}", p.errors);
            assert_eq!(changes(&p), *expected, "{csv:?}");
            assert_eq!(p.losses, *losses, "{csv:?}");
            assert_eq!(p.unchanged as usize + p.changes.len(), p.rows as usize);
            assert_eq!(store.views().assessment(id, today()).unwrap(), before, "{csv:?}: a preview writes nothing");
        }
        // Applying needs the file previewed.
        let (csv, _, _) = cases[1];
        let p = store.assessments().preview_import(id, csv.as_bytes(), SheetFormat::Csv).unwrap();
        let other = format!("{csv}CW-ACC-01,implemented,\n");
        let err = store
            .assessments()
            .import_previewed(id, other.as_bytes(), SheetFormat::Csv, &p.digest, today())
            .unwrap_err();
        assert!(err.to_string().contains("changed since it was previewed"), "{err}");
        store.assessments().import_previewed(id, csv.as_bytes(), SheetFormat::Csv, &p.digest, today()).unwrap();
        assert_eq!(store.assessments().entry(id, "CW-GOV-18").unwrap().owner, "");
    }

    #[test]
    fn a_refused_file_previews_as_its_problems() {
        let (store, id) = fixture();
        let mut csv = String::from("control_id,status\n");
        for _ in 0..60 {
            csv.push_str("CW-GOV-18\n");
        }
        let p = store.assessments().preview_import(id, csv.as_bytes(), SheetFormat::Csv).unwrap();
        assert_eq!((p.errors.len(), p.truncated), (50, 10));
        assert_eq!(format!("{}: {}", p.errors[0].field, p.errors[0].message), "row 2: 1 cell, the header has 2");
        assert!(p.changes.is_empty());
        let p = store.assessments().preview_import(id, b"control_id,status\nCW-NOPE-01,x\n", SheetFormat::Csv).unwrap();
        assert_eq!(p.errors.len(), 2, "{:?}", p.errors);
    }
}
