//! Keeping `assessment_summary`, `client_ai_obligations`, `client_reg_obligations`,
//! `client_facts` and `client_framework_totals` current.
//!
//! Triggers mark an assessment stale when its control statuses change, and everything stale when
//! the catalogue, the custom mappings or the tier table change (`analysis_state.all_stale`); a
//! client's obligations (EU AI Act, GDPR, NIS2) are rewritten (by the Rust rules the advice uses)
//! whenever its profile is.
//! The tables derived from the catalogue alone (`effective_mappings`, `requirement_units`,
//! `requirement_ancestors`) are
//! rebuilt first when everything is stale.
//! [`refresh_summaries`] runs at the end of every write transaction (`Store::write`) and rebuilds
//! exactly what is stale, set-based, from the view `requirement_status`; so a committed database never holds a stale row, and a write
//! that changes nothing the analysis reads costs one indexed look-up.

use rusqlite::{params, Transaction};

use crate::catalog::{AiActScope, AiTier, Milestone, Text, TierDate};
use crate::domain::{ClientProfile, Date};
use crate::recommend::ai_facts::SystemFacts;
use crate::recommend::{applicability, regulatory_obligations, Applicability, RegStatus};
use crate::{Error, Result};

/// Rebuilds the summaries of the stale assessments (assessment 0, "nothing assessed", among them
/// when the catalogue changed).
/// Then rewrites the per-client totals of the clients whose summaries or obligations changed
/// ([`refresh_client_totals`]).
pub(in crate::store) fn refresh_summaries(tx: &Transaction<'_>) -> Result<()> {
    let all_stale: bool = tx.query_row("SELECT all_stale FROM analysis_state", [], |r| r.get(0))?;
    refresh_assessment_summaries(tx, all_stale)?;
    refresh_client_totals(tx, all_stale)
}

/// The summaries, the obligations and the catalogue's derived tables (see [`refresh_summaries`]).
fn refresh_assessment_summaries(tx: &Transaction<'_>, all_stale: bool) -> Result<()> {
    let profiles_stale: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM client_ai_stale)", [], |r| r.get(0))?;
    if all_stale {
        rebuild_catalog_tables(tx)?;
    }
    if all_stale || profiles_stale {
        refresh_ai_obligations(tx, all_stale)?;
    }
    if all_stale {
        // What every status is derived from changed.
        tx.execute("UPDATE assessments SET summary_stale = 1 WHERE summary_stale = 0", [])?;
    }
    let stale: Vec<i64> = tx
        .prepare_cached("SELECT id FROM assessments WHERE summary_stale = 1")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if stale.is_empty() && !all_stale {
        return Ok(());
    }
    if stale.len() > BULK_REFRESH {
        // Many at once (after a catalogue change): one pass over every assessment.
        tx.execute_batch(&format!(
            "DELETE FROM assessment_summary WHERE assessment_id IN (SELECT id FROM assessments WHERE summary_stale = 1);
             INSERT INTO assessment_summary {SUMMARY_SELECT}
             WHERE s.assessment_id IN (SELECT id FROM assessments WHERE summary_stale = 1)
             GROUP BY s.assessment_id, u.framework, summary_unit;"
        ))?;
    } else {
        // A few (the usual write): `assessment_id = ?` lets SQLite touch only that assessment.
        let mut delete = tx.prepare_cached("DELETE FROM assessment_summary WHERE assessment_id = ?1")?;
        let mut insert = tx.prepare_cached(&format!(
            "INSERT INTO assessment_summary {SUMMARY_SELECT}
             WHERE s.assessment_id = ?1
             GROUP BY s.assessment_id, u.framework, summary_unit"
        ))?;
        for id in &stale {
            delete.execute([id])?;
            insert.execute([id])?;
        }
    }
    tx.execute_batch(
        "UPDATE assessments SET summary_stale = 0 WHERE summary_stale = 1;
         UPDATE analysis_state SET all_stale = 0 WHERE all_stale = 1;",
    )?;
    Ok(())
}

/// The totals of the clients' current assessments by framework (SOC 2 by category), over the units
/// each client can have (`0016_client_framework_totals.sql`): for the clients marked stale, or
/// every client when `all`. Runs after the summaries and the obligations it sums are current.
fn refresh_client_totals(tx: &Transaction<'_>, all: bool) -> Result<()> {
    if all {
        tx.execute_batch(&format!(
            "DELETE FROM client_framework_totals;
             INSERT INTO client_framework_totals {TOTALS_SELECT} FROM clients c {TOTALS_WHERE};
             DELETE FROM client_totals_stale;"
        ))?;
        return Ok(());
    }
    let any: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM client_totals_stale)", [], |r| r.get(0))?;
    if any {
        tx.execute_batch(&format!(
            "DELETE FROM client_framework_totals WHERE client_id IN (SELECT client_id FROM client_totals_stale);
             INSERT INTO client_framework_totals {TOTALS_SELECT}
             FROM client_totals_stale t JOIN clients c ON c.id = t.client_id {TOTALS_WHERE};
             DELETE FROM client_totals_stale;"
        ))?;
    }
    Ok(())
}

/// The columns and the select of `client_framework_totals`, completed with `FROM ... c` (the
/// clients) and [`TOTALS_WHERE`]. The same statement fills the table in its migration.
const TOTALS_SELECT: &str = "
    (client_id, framework, unit, met, partial, unmet, not_applicable, not_assessed)
    SELECT c.id, s.framework, CASE WHEN s.framework = 'soc2' THEN s.unit ELSE '' END,
           sum(s.met), sum(s.partial), sum(s.unmet), sum(s.not_applicable), sum(s.not_assessed)";

/// The summary rows of each client's current assessment (assessment 0 without one) that are
/// units the client can have; grouped by client, framework and SOC 2 category.
pub(super) const TOTALS_WHERE: &str = "
    JOIN assessment_summary s
         ON s.assessment_id = coalesce(
                (SELECT cur.assessment_id FROM current_assessments cur WHERE cur.client_id = c.id), 0)
    WHERE CASE s.framework
              WHEN 'soc2' THEN s.unit <> 'carved_out'
              WHEN 'eu_ai_act' THEN EXISTS (
                  SELECT 1 FROM client_ai_obligations o WHERE o.client_id = c.id AND o.requirement_id = s.unit)
              WHEN 'gdpr' THEN EXISTS (
                  SELECT 1 FROM client_reg_obligations o
                  WHERE o.client_id = c.id AND o.framework = 'gdpr' AND o.requirement_id = s.unit)
              WHEN 'nis2' THEN EXISTS (
                  SELECT 1 FROM client_reg_obligations o
                  WHERE o.client_id = c.id AND o.framework = 'nis2' AND o.requirement_id = s.unit)
              ELSE s.unit = ''
          END
    GROUP BY c.id, s.framework, 3";

/// Rewrites the tables derived from the catalogue alone (migration 0015): the mappings that
/// count (from the view `all_mappings`, which defines them), the requirements by unit of scope
/// (from the view `analysis_units`) and every requirement's ancestors.
/// Runs before anything else reads them in a refresh.
fn rebuild_catalog_tables(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch(
        "DELETE FROM effective_mappings;
         INSERT INTO effective_mappings (framework, requirement_id, control_id, relationship, custom)
         SELECT framework, requirement_id, control_id, relationship, custom FROM all_mappings;
         DELETE FROM requirement_units;
         INSERT INTO requirement_units (framework, unit, requirement_id)
         SELECT framework, unit, requirement_id FROM analysis_units;
         DELETE FROM requirement_ancestors;
         INSERT INTO requirement_ancestors
             (framework, requirement_id, ancestor_id, ancestor_depth, ancestor_kind, ancestor_assessable,
              ancestor_position)
         WITH RECURSIVE up (framework, requirement_id, ancestor) AS (
             SELECT framework, id, id FROM requirements
             UNION ALL
             SELECT up.framework, up.requirement_id, r.parent
             FROM up JOIN requirements r ON r.framework = up.framework AND r.id = up.ancestor
             WHERE r.parent IS NOT NULL
         )
         SELECT up.framework, up.requirement_id, a.id, a.depth, a.kind, a.assessable, a.position
         FROM up JOIN requirements a ON a.framework = up.framework AND a.id = up.ancestor;",
    )?;
    Ok(())
}

/// Above this many stale assessments the summaries are rebuilt in one pass over all of them.
const BULK_REFRESH: usize = 64;

/// The summary rows of the requirement statuses `s`, by scope unit (completed with a `WHERE`
/// on `s.assessment_id` and the `GROUP BY`). SOC 2 criteria the assessment's client carved out
/// go to the unit `carved_out`, which no scope selects.
const SUMMARY_SELECT: &str = "
    (assessment_id, framework, unit, met, partial, unmet, not_applicable, not_assessed)
    SELECT s.assessment_id, u.framework,
           CASE WHEN u.framework = 'soc2' AND EXISTS (
                    SELECT 1 FROM assessments a JOIN client_carved_out x ON x.client_id = a.client_id
                    WHERE a.id = s.assessment_id AND x.criterion = s.requirement_id)
                THEN 'carved_out' ELSE u.unit END AS summary_unit,
           count(CASE WHEN s.status = 'met' THEN 1 END),
           count(CASE WHEN s.status = 'partial' THEN 1 END),
           count(CASE WHEN s.status IN ('unmet', 'not_assessed') THEN 1 END),
           count(CASE WHEN s.status = 'not_applicable' THEN 1 END),
           count(CASE WHEN s.status = 'not_assessed' THEN 1 END)
    FROM requirement_status s
    JOIN analysis_units u ON u.framework = s.framework AND u.requirement_id = s.requirement_id";

/// Rewrites `client_ai_obligations` and `client_reg_obligations` for the clients whose profile
/// changed (`client_ai_stale`), or for every client when `all`: each EU AI Act obligation that
/// applies to one of its AI systems, or that an unrecorded fact leaves open, by [`applicability`];
/// each GDPR and NIS2 requirement by [`regulatory_obligations`]: the rules the advice uses.
fn refresh_ai_obligations(tx: &Transaction<'_>, all: bool) -> Result<()> {
    let clients: Vec<(String, String)> = if all {
        tx.prepare_cached("SELECT id, profile FROM clients")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?
    } else {
        tx.prepare_cached("SELECT c.id, c.profile FROM client_ai_stale s JOIN clients c ON c.id = s.client_id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    if all {
        tx.execute("DELETE FROM client_ai_obligations", [])?;
        tx.execute("DELETE FROM client_reg_obligations", [])?;
    }
    tx.execute("DELETE FROM client_ai_stale", [])?;
    if clients.is_empty() {
        return Ok(());
    }
    let scopes = installed_scopes(tx)?;
    let milestones = installed_milestones(tx)?;
    let mut delete = tx.prepare_cached("DELETE FROM client_ai_obligations WHERE client_id = ?1")?;
    let mut insert =
        tx.prepare_cached("INSERT OR IGNORE INTO client_ai_obligations (client_id, requirement_id) VALUES (?1, ?2)")?;
    let mut delete_reg = tx.prepare_cached("DELETE FROM client_reg_obligations WHERE client_id = ?1")?;
    // Only requirements of the installed catalogue, so the rows always name a real unit.
    let mut insert_reg = tx.prepare_cached(
        "INSERT OR IGNORE INTO client_reg_obligations (client_id, framework, requirement_id, open)
         SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (
             SELECT 1 FROM requirements WHERE framework = ?2 AND id = ?3 AND assessable = 1)",
    )?;
    for (id, json) in clients {
        let profile: ClientProfile =
            serde_json::from_str(&json).map_err(|e| Error::Corrupt(format!("profile of client {id}: {e}")))?;
        super::super::client_facts::write(tx, &id, &profile)?;
        delete_reg.execute([&id])?;
        for o in regulatory_obligations(&profile) {
            let open = matches!(o.status, RegStatus::Open(_));
            insert_reg.execute(params![id, o.framework.as_str(), o.requirement_id, open])?;
        }
        delete.execute([&id])?;
        for index in 0..profile.ai_systems.len() {
            let facts = SystemFacts::of(&profile, index);
            for (requirement, scope) in &scopes {
                match applicability(requirement, scope, &profile, index, &facts, &milestones) {
                    Applicability::No => {}
                    Applicability::Applies { .. } | Applicability::Open { .. } => {
                        insert.execute(params![id, requirement])?;
                    }
                }
            }
        }
    }
    Ok(())
}

/// The EU AI Act scopes of the installed catalogue's leaves.
fn installed_scopes(tx: &Transaction<'_>) -> Result<Vec<(String, AiActScope)>> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, ai_scope FROM requirements
         WHERE framework = 'eu_ai_act' AND assessable = 1 AND ai_scope IS NOT NULL ORDER BY position",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, json) = row?;
        let scope = serde_json::from_str(&json).map_err(|e| Error::Corrupt(format!("scope of {id}: {e}")))?;
        out.push((id, scope));
    }
    Ok(out)
}

/// The installed calendar (dates only; the rule reads no titles).
fn installed_milestones(tx: &Transaction<'_>) -> Result<Vec<Milestone>> {
    let mut stmt = tx.prepare_cached("SELECT id, date FROM milestones ORDER BY position")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    let mut tiers = tx.prepare_cached("SELECT tier, date FROM milestone_tiers WHERE milestone = ?1")?;
    for row in rows {
        let (id, date) = row?;
        let parse = |d: &str| d.parse::<Date>().map_err(|_| Error::Corrupt(format!("milestone {id} date `{d}`")));
        let mut by_tier = Vec::new();
        for t in tiers.query_map([&id], |r| Ok((r.get::<_, AiTier>(0)?, r.get::<_, String>(1)?)))? {
            let (tier, d) = t?;
            by_tier.push(TierDate { tier, date: parse(&d)? });
        }
        out.push(Milestone { date: parse(&date)?, id, by_tier, title: Text::default(), source: String::new() });
    }
    Ok(out)
}
