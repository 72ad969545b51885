//! Assessments, scope and the gap analysis in SQLite (schema: `migrations/0003_assessment.sql`;
//! rules: `docs/analysis.md`).
//!
//! - [`scope`]: the consultant's choice of frameworks and SOC 2 categories, the default from the
//!   recommendation, and the EU AI Act obligations derived from the AI systems.
//! - [`entries`]: dated assessments, recording a control, the assessment grid, spreadsheet export
//!   and import (all or nothing, errors by row number).
//! - [`analysis`]: readiness per framework and section, control domains, ranked gaps, remaining
//!   effort and the saving from shared work, history, the portfolio overview, and the effort
//!   table the roadmap plans with.
//! - [`soa`]: the Statement of Applicability of ISO/IEC 27001 and 42001.
//! - [`summary`]: the per-assessment summaries the portfolio and the history read, rebuilt inside
//!   every write transaction.
//!
//! The aggregates are computed by SQL (views and queries); Rust only shapes the rows it gets.

mod analysis;
mod context;
mod defaults;
mod entries;
mod scope;
mod soa;
mod summary;

#[cfg(test)]
mod tests;

use rusqlite::{Connection, OptionalExtension, Row};

pub(super) use analysis::scope_mappings;
pub use context::ClientContext;
pub(super) use defaults::Kept as KeptDefaults;
pub use entries::OpenActions;
pub(super) use entries::{control_ids, current_or_new, ensure_client, touch};
pub(super) use summary::refresh_summaries;

use crate::assessment::{AssessmentInfo, ControlStatus, Readiness, ScopeFramework};
use crate::domain::{ClientId, Date};
use crate::recommend::Lifecycle;
use crate::{Error, Result};

/// The columns of [`AssessmentInfo`], for `FROM assessments a`.
const INFO_COLUMNS: &str = "a.id, a.date, a.created_at, a.updated_at,
    (SELECT count(*) FROM assessment_controls s WHERE s.assessment_id = a.id),
    a.date = (SELECT max(b.date) FROM assessments b WHERE b.client_id = a.client_id)";

fn info_from_row(r: &Row<'_>) -> rusqlite::Result<AssessmentInfo> {
    Ok(AssessmentInfo {
        id: r.get(0)?,
        date: date_column(r, 1)?,
        created_at: r.get(2)?,
        updated_at: r.get(3)?,
        recorded: r.get(4)?,
        current: r.get(5)?,
    })
}

/// The latest assessment of a client, if it has one.
pub(super) fn current_assessment(conn: &Connection, client: ClientId) -> Result<Option<AssessmentInfo>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {INFO_COLUMNS} FROM assessments a WHERE a.client_id = ?1 ORDER BY a.date DESC LIMIT 1"
        ))?
        .query_row([client.to_string()], info_from_row)
        .optional()?)
}

/// Reads a `YYYY-MM-DD` column.
fn date_column(r: &Row<'_>, index: usize) -> rusqlite::Result<Date> {
    let text: String = r.get(index)?;
    text.parse().map_err(|e: crate::domain::DateParseError| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn optional_date_column(r: &Row<'_>, index: usize) -> rusqlite::Result<Option<Date>> {
    match r.get::<_, Option<String>>(index)? {
        None => Ok(None),
        Some(_) => date_column(r, index).map(Some),
    }
}

fn status_column(r: &Row<'_>, index: usize) -> rusqlite::Result<ControlStatus> {
    let text: String = r.get(index)?;
    ControlStatus::parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            format!("unknown control status `{text}`").into(),
        )
    })
}

fn framework_column(r: &Row<'_>, index: usize) -> rusqlite::Result<ScopeFramework> {
    let text: String = r.get(index)?;
    ScopeFramework::parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            format!("unknown framework `{text}`").into(),
        )
    })
}

/// A JSON array of framework ids (`json_group_array`), in the recommendation's order.
fn frameworks_json(text: &str) -> Result<Vec<ScopeFramework>> {
    let ids: Vec<String> =
        serde_json::from_str(text).map_err(|e| Error::Corrupt(format!("a framework list `{text}`: {e}")))?;
    let mut out: Vec<ScopeFramework> = ids.iter().filter_map(|id| ScopeFramework::parse(id)).collect();
    out.sort();
    out.dedup();
    Ok(out)
}

/// The SQL for the readiness columns from the counts of requirements by status (each an SQL
/// expression); `?W` stands for the partial weight parameter. Gives eight columns, read by
/// [`readiness_from_row`]. The arithmetic is here, once.
fn readiness_sql(
    met: &str,
    partial: &str,
    unmet: &str,
    not_applicable: &str,
    not_assessed: &str,
    weight: &str,
) -> String {
    format!(
        "({met}) + ({partial}) + ({unmet}) + ({not_applicable}),
         ({met}), ({partial}), ({unmet}), ({not_applicable}), ({not_assessed}), {percent}, {unknown}",
        percent = percent_sql(met, partial, unmet, weight),
        unknown = unknown_sql(met, partial, unmet, not_assessed),
    )
}

/// Readiness as a JSON object (the fields of [`Readiness`]) from requirement statuses (a `status`
/// column per requirement row); `weight` is the partial weight parameter.
fn readiness_json(weight: &str) -> String {
    let (met, partial, unmet, na, not_assessed) = (
        "count(CASE WHEN status = 'met' THEN 1 END)",
        "count(CASE WHEN status = 'partial' THEN 1 END)",
        "count(CASE WHEN status IN ('unmet', 'not_assessed') THEN 1 END)",
        "count(CASE WHEN status = 'not_applicable' THEN 1 END)",
        "count(CASE WHEN status = 'not_assessed' THEN 1 END)",
    );
    format!(
        "json_object('requirements', count(*), 'met', {met}, 'partial', {partial}, 'unmet', {unmet},
                     'not_applicable', {na}, 'not_assessed', {not_assessed},
                     'applicable', {met} + {partial} + {unmet},
                     'percent', {percent}, 'not_assessed_percent', {unknown})",
        percent = percent_sql(met, partial, unmet, weight),
        unknown = unknown_sql(met, partial, unmet, not_assessed),
    )
}

/// `100 × (met + weight × partial) / applicable`, one decimal; NULL when nothing applies.
fn percent_sql(met: &str, partial: &str, unmet: &str, weight: &str) -> String {
    format!("one_decimal_percent(({met}) + {weight} * ({partial}), ({met}) + ({partial}) + ({unmet}))")
}

/// `100 × not_assessed / applicable`, one decimal; NULL when nothing applies.
fn unknown_sql(met: &str, partial: &str, unmet: &str, not_assessed: &str) -> String {
    format!("one_decimal_percent({not_assessed}, ({met}) + ({partial}) + ({unmet}))")
}

/// The readiness columns from `assessment_summary` rows (alias `s`).
fn readiness_from_summaries(weight: &str) -> String {
    readiness_sql(
        "sum(s.met)",
        "sum(s.partial)",
        "sum(s.unmet)",
        "sum(s.not_applicable)",
        "sum(s.not_assessed)",
        weight,
    )
}

fn readiness_from_row(r: &Row<'_>, start: usize) -> rusqlite::Result<Readiness> {
    let requirements: u32 = r.get(start)?;
    let not_applicable: u32 = r.get(start + 4)?;
    Ok(Readiness {
        requirements,
        met: r.get(start + 1)?,
        partial: r.get(start + 2)?,
        unmet: r.get(start + 3)?,
        not_applicable,
        not_assessed: r.get(start + 5)?,
        applicable: requirements - not_applicable,
        percent: r.get(start + 6)?,
        not_assessed_percent: r.get(start + 7)?,
    })
}

/// `{"XS": 0.5, ...}`: person-days per effort size, from the lifecycle facts (the one source).
fn effort_days_json(lifecycle: &Lifecycle) -> String {
    use crate::catalog::Effort;
    let map: serde_json::Map<String, serde_json::Value> = Effort::ALL
        .iter()
        .map(|e| (e.as_str().to_owned(), serde_json::Value::from(lifecycle.planning.effort_days.of(*e))))
        .collect();
    serde_json::Value::Object(map).to_string()
}

/// `{"implemented": 0.0, ...}`: the share of a control's effort still to do, by status.
fn remaining_share_json() -> String {
    let map: serde_json::Map<String, serde_json::Value> = ControlStatus::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), serde_json::Value::from(s.remaining_share())))
        .collect();
    serde_json::Value::Object(map).to_string()
}
