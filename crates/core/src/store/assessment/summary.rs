//! Keeping `assessment_summary` and `client_ai_obligations` current, and the AI tier table in
//! step with the code.
//!
//! Triggers mark an assessment stale when its control statuses change, and everything stale when
//! the catalogue, the custom mappings or the tier table change (`analysis_state.all_stale`); a
//! client's obligations are rewritten by trigger whenever its profile is.
//! [`refresh_summaries`] runs at the end of every write transaction (`Store::write`) and rebuilds
//! exactly what is stale, set-based, from the views `requirement_status` and
//! `client_ai_obligations_derived`; so a committed database never holds a stale row, and a write
//! that changes nothing the analysis reads costs one indexed look-up.

use rusqlite::{params, Transaction};

use super::super::Store;
use crate::catalog::AiTier;
use crate::domain::{AiRisk, AiSystem, AnnexIiiArea, ProhibitedPractice};
use crate::recommend::tiers_of;
use crate::Result;

/// Rebuilds the summaries of the stale assessments (assessment 0, "nothing assessed", among them
/// when the catalogue changed).
pub(in crate::store) fn refresh_summaries(tx: &Transaction<'_>) -> Result<()> {
    let all_stale: bool = tx.query_row("SELECT all_stale FROM analysis_state", [], |r| r.get(0))?;
    if all_stale {
        // What the obligations and every status are derived from changed.
        tx.execute_batch(
            "DELETE FROM client_ai_obligations;
             INSERT INTO client_ai_obligations (client_id, requirement_id)
             SELECT client_id, requirement_id FROM client_ai_obligations_derived;
             UPDATE assessments SET summary_stale = 1 WHERE summary_stale = 0;",
        )?;
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

/// Every `(risk tier keyword, general purpose, systemic risk, catalogue tier)` that
/// [`tiers_of`] gives: the table the SQL view `client_ai_roles_tiers` joins profiles to.
pub(crate) fn tier_rules() -> Vec<(String, bool, bool, AiTier)> {
    // One system per risk variant; the match makes a new variant a compile error here.
    let risks = [
        AiRisk::Prohibited { practice: ProhibitedPractice::SocialScoring },
        AiRisk::HighRiskAnnexI { product: String::new() },
        AiRisk::HighRiskAnnexIii { area: AnnexIiiArea::Employment },
        AiRisk::Transparency,
        AiRisk::Minimal,
    ];
    for risk in &risks {
        match risk {
            AiRisk::Prohibited { .. }
            | AiRisk::HighRiskAnnexI { .. }
            | AiRisk::HighRiskAnnexIii { .. }
            | AiRisk::Transparency
            | AiRisk::Minimal => {}
        }
    }
    let mut rules = Vec::new();
    for risk in risks {
        let keyword = match serde_json::to_value(&risk).ok().and_then(|v| v.get("tier").cloned()) {
            Some(serde_json::Value::String(s)) => s,
            _ => continue,
        };
        for general_purpose in [false, true] {
            for systemic_risk in [false, true] {
                let system = AiSystem {
                    name: String::new(),
                    purpose: String::new(),
                    roles: Vec::new(),
                    risk: risk.clone(),
                    general_purpose,
                    systemic_risk,
                };
                for tier in tiers_of(&system) {
                    rules.push((keyword.clone(), general_purpose, systemic_risk, tier));
                }
            }
        }
    }
    rules.sort_by(|a, b| (&a.0, a.1, a.2, a.3).cmp(&(&b.0, b.1, b.2, b.3)));
    rules.dedup();
    rules
}

impl Store {
    /// Rewrites `ai_tier_rules` when it differs from what [`tiers_of`] gives (on the first open
    /// after the migration, and after a build changed the rule).
    pub(in crate::store) fn sync_ai_tier_rules(&mut self) -> Result<()> {
        let expected = tier_rules();
        let stored = self.stored_tier_rules()?;
        if stored == expected {
            return Ok(());
        }
        self.write(|tx| {
            tx.execute("DELETE FROM ai_tier_rules", [])?;
            let mut insert = tx.prepare(
                "INSERT INTO ai_tier_rules (risk_tier, general_purpose, systemic_risk, tier) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (risk, gp, sr, tier) in &expected {
                insert.execute(params![risk, gp, sr, tier])?;
            }
            Ok(())
        })
    }

    pub(super) fn stored_tier_rules(&self) -> Result<Vec<(String, bool, bool, AiTier)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT risk_tier, general_purpose, systemic_risk, tier FROM ai_tier_rules
             ORDER BY risk_tier, general_purpose, systemic_risk",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        let mut out = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        out.sort_by(|a: &(String, bool, bool, AiTier), b| (&a.0, a.1, a.2, a.3).cmp(&(&b.0, b.1, b.2, b.3)));
        Ok(out)
    }
}
