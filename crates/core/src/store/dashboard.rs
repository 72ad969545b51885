//! The portfolio dashboard: per active client, what the recommendation asks for, how ready the
//! client is, the next date on its roadmap and the actions that slipped.
//!
//! Readiness comes from the per-assessment summaries in one query
//! ([`Store::portfolio_readiness`]); the actions are counted over the controls the client's grid
//! shows ([`Store::open_actions`]); the recommendation and roadmap are worked out per client
//! exactly as on the client's own pages (overrides and assessed effort included), so the
//! dashboard never disagrees with them.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{OpenActions, Store};
use crate::assessment::{AnalysisSettings, FrameworkPoint, PortfolioRow, ScopeFramework};
use crate::domain::{ClientId, Date};
use crate::recommend::roadmap::RoadmapMilestone;
use crate::recommend::{Advice, AdviceSettings, Need};
use crate::{Error, Result};

/// A framework the recommendation asks a client to work on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecommendedFramework {
    pub framework: ScopeFramework,
    /// `Recommended` or `Required`.
    pub need: Need,
    /// Deals are blocked over it, or its deadline is near (for the EU AI Act: a prohibited
    /// practice, or an obligation already in force).
    pub urgent: bool,
}

/// One active client on the portfolio dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DashboardRow {
    pub client_id: ClientId,
    pub client_name: String,
    /// Required first, then recommended; in the catalogue's framework order within each.
    pub recommended: Vec<RecommendedFramework>,
    /// The date of the current assessment; `None` when the client has none.
    #[ts(optional = nullable)]
    pub assessment_date: Option<Date>,
    /// Readiness on every framework in scope (the chosen scope, else the recommendation's).
    pub readiness: Vec<FrameworkPoint>,
    /// The first roadmap milestone on or after today.
    #[ts(optional = nullable)]
    pub next_milestone: Option<RoadmapMilestone>,
    /// Deadlines the roadmap cannot meet.
    pub deadlines_missed: u32,
    /// Controls of the current assessment with a due date that are not done yet.
    pub open_actions: u32,
    /// Of those, the ones whose due date has passed.
    pub overdue_actions: u32,
    /// The earliest due date among the overdue ones.
    #[ts(optional = nullable)]
    pub oldest_overdue: Option<Date>,
    /// A party holds deals back until it gets what it asks for (any pressure with blocked deals).
    pub deals_blocked: bool,
    /// Deals are blocked, an action is overdue or the roadmap misses a deadline: the rule behind
    /// the dashboard's "needs attention" filter.
    pub needs_attention: bool,
    /// The mean readiness over the frameworks in scope, in percent (a framework with nothing
    /// applicable counts as 0); `None` without any framework in scope. The dashboard sorts by it.
    #[ts(optional = nullable)]
    pub mean_readiness: Option<f64>,
}

impl DashboardRow {
    fn new(row: PortfolioRow, advice: &Advice, deals_blocked: bool, acts: OpenActions, today: Date) -> DashboardRow {
        let next_milestone =
            advice.roadmap.milestones.iter().filter(|m| m.date >= today).min_by_key(|m| m.date).cloned();
        let deadlines_missed = advice.roadmap.milestones.iter().filter(|m| m.missed).count() as u32;
        let mean_readiness = (!row.frameworks.is_empty()).then(|| {
            row.frameworks.iter().map(|f| f.readiness.percent.unwrap_or(0.0)).sum::<f64>() / row.frameworks.len() as f64
        });
        DashboardRow {
            client_id: row.client_id,
            client_name: row.client_name,
            recommended: recommended_frameworks(&advice.recommendation),
            assessment_date: row.assessment_date,
            readiness: row.frameworks,
            next_milestone,
            deadlines_missed,
            open_actions: acts.open,
            overdue_actions: acts.overdue,
            oldest_overdue: acts.oldest_overdue,
            deals_blocked,
            needs_attention: deals_blocked || acts.overdue > 0 || deadlines_missed > 0,
            mean_readiness,
        }
    }
}

impl Store {
    /// The dashboard row of every active client, by name. `today` decides what is overdue, which
    /// milestone is next and the default scopes.
    pub fn portfolio_dashboard(&self, today: Date) -> Result<Vec<DashboardRow>> {
        let readiness = self.portfolio_readiness(&AnalysisSettings::new(today))?;
        let candidates = self.clients_with_due_dates()?;
        let advice_settings = AdviceSettings { today, start: None, capacity_days_per_week: None };
        let mut out = Vec::with_capacity(readiness.len());
        for row in readiness {
            let ctx = self.client_context(row.client_id, today)?;
            let advice = self.advice_of(&ctx, &advice_settings)?;
            let deals_blocked = ctx.client.profile.pressures.iter().any(|p| p.deals_blocked);
            let acts =
                if candidates.contains(&row.client_id) { self.open_actions_of(&ctx)? } else { OpenActions::default() };
            out.push(DashboardRow::new(row, &advice, deals_blocked, acts, today));
        }
        Ok(out)
    }

    /// The active clients that may have open actions: a control with a due date, not done, in
    /// the current assessment. Cheap, over every client at once; [`Store::open_actions`] then
    /// counts only what the client's grid shows (its current scope).
    fn clients_with_due_dates(&self) -> Result<HashSet<ClientId>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT DISTINCT cur.client_id
             FROM current_assessments cur
             JOIN clients c ON c.id = cur.client_id AND c.archived_at IS NULL
             JOIN assessment_controls ac ON ac.assessment_id = cur.assessment_id
             WHERE ac.due IS NOT NULL AND ac.status NOT IN ('implemented', 'not_applicable')",
        )?;
        let ids = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = HashSet::new();
        for id in ids {
            let id = id?;
            out.insert(id.parse().map_err(|_| Error::Corrupt(format!("`{id}` is not a client id")))?);
        }
        Ok(out)
    }
}

/// The frameworks a recommendation requires or recommends, required first. The EU AI Act counts
/// as required when any AI system has an obligation or a prohibited practice.
fn recommended_frameworks(rec: &crate::recommend::Recommendation) -> Vec<RecommendedFramework> {
    let mut out: Vec<RecommendedFramework> = rec
        .frameworks
        .iter()
        .filter(|v| v.need >= Need::Recommended)
        .map(|v| RecommendedFramework {
            framework: ScopeFramework::from_key(v.framework),
            need: v.need,
            urgent: v.urgent,
        })
        .collect();
    let ai_need = rec.ai_act.iter().map(|s| if s.stop { Need::Required } else { s.need }).max();
    if let Some(need) = ai_need.filter(|n| *n >= Need::Recommended) {
        let urgent = rec.ai_act.iter().any(|s| s.stop || s.obligations.iter().any(|o| o.in_force));
        out.push(RecommendedFramework { framework: ScopeFramework::EuAiAct, need, urgent });
    }
    out.sort_by_key(|f| (std::cmp::Reverse(f.need), f.framework));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{ControlEntry, ControlStatus};

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn dashboard_agrees_with_the_client_pages() {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::load_demo(&mut store).unwrap();
        let today = date("2026-11-29");
        let first = store.list_clients(&Default::default()).unwrap()[0].id;

        // On the first client: one action overdue, one ahead, one overdue but done.
        let controls: Vec<String> =
            store.assessment_view(first, today).unwrap().rows.iter().take(3).map(|r| r.control_id.clone()).collect();
        let entry = |i: usize, status: &str, due: &str| ControlEntry {
            control_id: controls[i].clone(),
            status: status.into(),
            owner: "CISO".into(),
            due: due.into(),
            ..Default::default()
        };
        store.save_control_entry(first, &entry(0, "not_implemented", "2020-01-15"), today).unwrap();
        store.save_control_entry(first, &entry(1, "partially_implemented", "2031-02-01"), today).unwrap();
        store.save_control_entry(first, &entry(2, "implemented", "2020-01-01"), today).unwrap();
        // A control outside the client's scope is not in its grid: its due date is no action.
        let in_grid = |store: &Store, id: &str| {
            store.assessment_view(first, today).unwrap().rows.iter().any(|r| r.control_id == id)
        };
        let outside = store
            .controls("")
            .unwrap()
            .into_iter()
            .map(|c| c.id)
            .find(|id| !in_grid(&store, id))
            .expect("a control outside the first client's scope");
        let far = ControlEntry { control_id: outside.clone(), ..entry(0, "not_implemented", "2020-02-01") };
        store.save_control_entry(first, &far, today).unwrap();
        assert!(!in_grid(&store, &outside));

        let rows = store.portfolio_dashboard(today).unwrap();
        assert_eq!(rows.len(), store.list_clients(&Default::default()).unwrap().len(), "one row per active client");
        let settings = AdviceSettings { today, start: None, capacity_days_per_week: None };
        for row in &rows {
            // Actions, counted from the assessment grid the consultant sees.
            let grid = store.assessment_view(row.client_id, today).unwrap();
            let open: Vec<Date> = grid
                .rows
                .iter()
                .filter(|r| !matches!(r.status, ControlStatus::Implemented | ControlStatus::NotApplicable))
                .filter_map(|r| r.due)
                .collect();
            let overdue: Vec<Date> = open.iter().copied().filter(|d| *d < today).collect();
            assert_eq!(row.open_actions as usize, open.len(), "{}", row.client_name);
            assert_eq!(row.overdue_actions as usize, overdue.len(), "{}", row.client_name);
            assert_eq!(row.oldest_overdue, overdue.iter().min().copied(), "{}", row.client_name);

            // Frameworks and the next milestone, from the recommendation page's own advice.
            let advice =
                store.advise_client(row.client_id, &settings, &store.overrides(row.client_id).unwrap()).unwrap();
            for v in advice.recommendation.frameworks.iter().filter(|v| v.need >= Need::Recommended) {
                let f = ScopeFramework::from_key(v.framework);
                assert!(
                    row.recommended.iter().any(|r| r.framework == f && r.need == v.need),
                    "{}: {f:?}",
                    row.client_name
                );
            }
            assert!(row.recommended.windows(2).all(|w| w[0].need >= w[1].need), "required first");
            let upcoming = advice.roadmap.milestones.iter().filter(|m| m.date >= today).map(|m| m.date).min();
            assert_eq!(row.next_milestone.as_ref().map(|m| m.date), upcoming, "{}", row.client_name);

            // "Needs attention": blocked deals in the profile, an overdue action, a missed deadline.
            let profile = store.client(row.client_id).unwrap().profile;
            let blocked = profile.pressures.iter().any(|p| p.deals_blocked);
            let missed = advice.roadmap.milestones.iter().any(|m| m.missed);
            assert_eq!(row.deals_blocked, blocked, "{}", row.client_name);
            assert_eq!(row.needs_attention, blocked || !overdue.is_empty() || missed, "{}", row.client_name);
            // The mean readiness, from the client's own analysis page.
            let analysis = store.analyze_client(row.client_id, &AnalysisSettings::new(today)).unwrap();
            let percents: Vec<f64> = analysis.frameworks.iter().map(|f| f.readiness.percent.unwrap_or(0.0)).collect();
            let mean = (!percents.is_empty()).then(|| percents.iter().sum::<f64>() / percents.len() as f64);
            assert_eq!(
                row.mean_readiness.map(|m| (m * 10.0).round()),
                mean.map(|m| (m * 10.0).round()),
                "{}",
                row.client_name
            );
        }
        assert!(rows.iter().any(|r| r.needs_attention) && rows.iter().any(|r| !r.needs_attention));
        let row = rows.iter().find(|r| r.client_id == first).unwrap();
        assert!(row.needs_attention, "an overdue action needs attention");
        assert!(row.overdue_actions >= 1 && row.open_actions > row.overdue_actions);
        assert!(row.oldest_overdue.is_some_and(|d| d <= date("2020-01-15")));
        assert!(rows.iter().any(|r| r.next_milestone.is_some()), "the demo portfolio has roadmaps");
        assert!(rows.iter().any(|r| r.recommended.iter().any(|f| f.framework == ScopeFramework::EuAiAct)));

        // An archived client leaves the dashboard.
        store.archive_client(first).unwrap();
        assert!(store.portfolio_dashboard(today).unwrap().iter().all(|r| r.client_id != first));
    }
}
