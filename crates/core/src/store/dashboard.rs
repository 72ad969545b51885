//! The portfolio dashboard: per active client, what the recommendation asks for, how ready the
//! client is, the next date on its roadmap and the actions that slipped.
//!
//! Readiness comes from the per-assessment summaries in one query
//! ([`Views::portfolio_readiness`]); the actions are counted over the controls the client's grid
//! shows ([`Views::open_actions`]); the recommendation and roadmap are worked out per client
//! exactly as on the client's own pages (overrides and assessed effort included), so the
//! dashboard never disagrees with them.
//!
//! [`Views::dashboard`] answers the page as it shows it: the client list (search and archive
//! filter, [`Clients::list`]) with each active client's figures, narrowed by framework and
//! "needs attention" and sorted by a list column or a figure ([`DashboardQuery`]).

use std::cmp::Ordering;
use std::collections::HashSet;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ClientFilter, ClientSort, ListQuery, OpenActions};
use crate::assessment::{AnalysisSettings, FrameworkPoint, PortfolioRow, ScopeFramework};
use crate::domain::{ClientId, ClientStatus, ClientSummary, Date, MAX_DETAIL_LEN};
use crate::recommend::roadmap::RoadmapMilestone;
use crate::recommend::{Advice, AdviceSettings, Need};
use crate::store::Views;
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

crate::keywords::keywords! {
    /// What the dashboard sorts by: the client list's sorts ([`ClientSort`]), then the figures.
    #[derive(Default)]
    pub enum DashboardSort {
        #[default]
        Name = "name",
        Sector = "sector",
        Employees = "employees",
        Headquarters = "headquarters",
        Updated = "updated",
        /// The mean readiness; a client without figures counts lowest.
        Readiness = "readiness",
        /// The date of the next milestone; a client without one comes after every date.
        Milestone = "milestone",
        /// Overdue actions, then open ones.
        Actions = "actions",
    }
}

impl DashboardSort {
    /// The list's own sort, or `None` for a sort by a dashboard figure.
    fn list_sort(self) -> Option<ClientSort> {
        match self {
            DashboardSort::Name => Some(ClientSort::Name),
            DashboardSort::Sector => Some(ClientSort::Sector),
            DashboardSort::Employees => Some(ClientSort::Employees),
            DashboardSort::Headquarters => Some(ClientSort::Headquarters),
            DashboardSort::Updated => Some(ClientSort::Updated),
            DashboardSort::Readiness | DashboardSort::Milestone | DashboardSort::Actions => None,
        }
    }
}

crate::keywords::wire_bool! {
    /// Whether [`Views::dashboard`] works out the figures for a query that neither filters nor
    /// sorts by them (one that does always gets them). On the wire a boolean (`true`: compute).
    #[derive(Default)]
    pub enum Figures {
        /// The list alone, fast (the page's first answer).
        #[default]
        Skip,
        /// Every listed active client with its figures.
        Compute,
    }
}

/// The dashboard's query: the list's search and archive filter, the dashboard's own filters and
/// one sort.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct DashboardQuery {
    /// Case-insensitive text to find in the name, sector, country, notes, AI systems or contacts.
    pub search: String,
    pub filter: ClientFilter,
    /// Only the clients whose recommendation requires or recommends this framework.
    #[ts(optional = nullable)]
    pub framework: Option<ScopeFramework>,
    /// Only the clients that need attention ([`DashboardEntry::needs_attention`]).
    pub needs_attention_only: bool,
    pub sort: DashboardSort,
    /// Reverses the sort; ties stay by name, then id.
    pub descending: bool,
}

impl DashboardQuery {
    /// Refuses a search longer than any text it could find, and a framework the recommendation
    /// never names (an imported one).
    pub fn validate(&self) -> Result<()> {
        if self.search.chars().count() > MAX_DETAIL_LEN {
            return Err(Error::invalid("search", format!("at most {MAX_DETAIL_LEN} characters")));
        }
        if let Some(f) = self.framework.filter(|f| f.is_imported()) {
            return Err(Error::invalid(
                "framework",
                format!("`{f}` is an imported framework: the recommendation only names shipped ones"),
            ));
        }
        Ok(())
    }

    /// The figures are needed to filter or sort by them.
    fn needs_figures(&self) -> bool {
        self.framework.is_some() || self.needs_attention_only || self.sort.list_sort().is_none()
    }
}

/// One client on the dashboard: its line of the client list and, for an active client, its
/// figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DashboardEntry {
    pub client: ClientSummary,
    /// `None` for an archived client (the figures are worked out for active clients only) and
    /// when the query asked for the list alone.
    #[ts(optional = nullable)]
    pub figures: Option<DashboardRow>,
    /// The figures' "needs attention"; without figures, whether deals are blocked.
    pub needs_attention: bool,
}

/// The dashboard's answer: the entries, and how many clients the search and archive filter found
/// before the framework and attention filters narrowed them (the page's "3 of 14").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Dashboard {
    pub listed: u32,
    pub entries: Vec<DashboardEntry>,
}

impl DashboardEntry {
    fn new(client: ClientSummary, figures: Option<DashboardRow>) -> DashboardEntry {
        let needs_attention = figures.as_ref().map_or(client.deals_blocked, |f| f.needs_attention);
        DashboardEntry { client, figures, needs_attention }
    }
}

impl Views<'_> {
    /// The dashboard as the page shows it: the clients the list query finds (search, archive
    /// filter), each active one with its figures, narrowed to a framework and to the clients
    /// needing attention, in the query's order; ties by name, then id. With [`Figures::Skip`]
    /// and a query that neither filters nor sorts by them, the list comes without figures (the
    /// page's first, fast answer).
    pub fn dashboard(&self, query: &DashboardQuery, today: Date, figures: Figures) -> Result<Dashboard> {
        query.validate()?;
        let list_query = ListQuery {
            search: query.search.clone(),
            filter: query.filter,
            sort: query.sort.list_sort().unwrap_or(ClientSort::Name),
            descending: query.descending && query.sort.list_sort().is_some(),
        };
        let clients = self.store.clients().list(&list_query)?;
        let listed = clients.len() as u32;
        let wanted: HashSet<ClientId> =
            clients.iter().filter(|c| c.status == ClientStatus::Active).map(|c| c.id).collect();
        let all = if (figures == Figures::Compute || query.needs_figures()) && !wanted.is_empty() {
            self.dashboard_rows(today)?
        } else {
            Default::default()
        };
        let rows: std::collections::HashMap<ClientId, &DashboardRow> =
            all.iter().filter(|r| wanted.contains(&r.client_id)).map(|r| (r.client_id, r)).collect();
        let mut out: Vec<DashboardEntry> = clients
            .into_iter()
            .map(|client| {
                let figures = rows.get(&client.id).map(|r| (*r).clone());
                DashboardEntry::new(client, figures)
            })
            .filter(|e| {
                query
                    .framework
                    .is_none_or(|f| e.figures.as_ref().is_some_and(|r| r.recommended.iter().any(|x| x.framework == f)))
            })
            .filter(|e| !query.needs_attention_only || e.needs_attention)
            .collect();
        if query.sort.list_sort().is_none() {
            // The list came by name, then id: a stable sort keeps that order among ties.
            out.sort_by(|a, b| {
                let order = figure_order(query.sort, a, b);
                if query.descending {
                    order.reverse()
                } else {
                    order
                }
            });
        }
        Ok(Dashboard { listed, entries: out })
    }

    /// The dashboard row of every active client, by name. `today` decides what is overdue, which
    /// milestone is next and the default scopes.
    pub fn portfolio_dashboard(&self, today: Date) -> Result<Vec<DashboardRow>> {
        Ok(self.dashboard_rows(today)?.as_ref().clone())
    }

    /// The dashboard rows of every active client, by name: the kept ones when neither the date
    /// nor the database changed since they were worked out, else worked out (for every active
    /// client, so that the next query, whatever it finds, is answered from them) and kept.
    fn dashboard_rows(&self, today: Date) -> Result<Arc<Vec<DashboardRow>>> {
        let state = self.database_state()?;
        if let Some(rows) = self.store.dashboard_cache.get(today, state) {
            return Ok(rows);
        }
        let rows = Arc::new(self.work_out_dashboard_rows(today)?);
        self.store.dashboard_cache.put(today, state, rows.clone());
        Ok(rows)
    }

    /// What identifies the database's content for this connection: SQLite's `data_version`
    /// (changes when another connection commits) and the rows this connection has changed since
    /// it opened (every insert, update and delete, triggers included, even rolled back ones). Equal
    /// states mean nothing the dashboard reads can have changed.
    fn database_state(&self) -> Result<(i64, u64)> {
        let version: i64 = self.store.conn().query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok((version, self.store.conn().total_changes()))
    }

    /// Every active client's dashboard row, worked out from the portfolio.
    fn work_out_dashboard_rows(&self, today: Date) -> Result<Vec<DashboardRow>> {
        let readiness = self.portfolio_readiness(&AnalysisSettings::new(today))?;
        let candidates = self.clients_with_due_dates()?;
        let advice_settings = AdviceSettings { today, start: None, capacity_days_per_week: None };
        let mut out = Vec::with_capacity(readiness.len());
        for row in readiness {
            let ctx = self.context(row.client_id, today)?;
            let advice = self.advice_of(&ctx, &advice_settings)?;
            let deals_blocked = ctx.client.profile.pressures.iter().any(|p| p.deals_blocked);
            let acts =
                if candidates.contains(&row.client_id) { self.open_actions_of(&ctx)? } else { OpenActions::default() };
            out.push(DashboardRow::new(row, &advice, deals_blocked, acts, today));
        }
        Ok(out)
    }

    /// The active clients that may have open actions: a control with a due date, not done, in
    /// the current assessment. Cheap, over every client at once; [`Views::open_actions`] then
    /// counts only what the client's grid shows (its current scope).
    fn clients_with_due_dates(&self) -> Result<HashSet<ClientId>> {
        let mut stmt = self.store.conn().prepare_cached(
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

/// How two entries compare on a figure (ascending): the mean readiness (none lowest), the next
/// milestone's date (none after every date), overdue then open actions (none as zero).
fn figure_order(sort: DashboardSort, a: &DashboardEntry, b: &DashboardEntry) -> Ordering {
    let (x, y) = (a.figures.as_ref(), b.figures.as_ref());
    match sort {
        DashboardSort::Readiness => {
            let mean = |r: Option<&DashboardRow>| r.and_then(|r| r.mean_readiness).unwrap_or(-1.0);
            mean(x).total_cmp(&mean(y))
        }
        DashboardSort::Milestone => {
            let date = |r: Option<&DashboardRow>| r.and_then(|r| r.next_milestone.as_ref()).map(|m| m.date);
            match (date(x), date(y)) {
                (Some(p), Some(q)) => p.cmp(&q),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
        }
        DashboardSort::Actions => {
            let acts = |r: Option<&DashboardRow>| r.map_or((0, 0), |r| (r.overdue_actions, r.open_actions));
            acts(x).cmp(&acts(y))
        }
        _ => Ordering::Equal,
    }
}

/// The frameworks a recommendation requires or recommends, required first. The EU AI Act counts
/// as required when any AI system has an obligation or a prohibited practice.
fn recommended_frameworks(rec: &crate::recommend::Recommendation) -> Vec<RecommendedFramework> {
    let mut out: Vec<RecommendedFramework> = rec
        .frameworks
        .iter()
        .filter(|v| v.need >= Need::Recommended)
        .map(|v| RecommendedFramework { framework: v.framework, need: v.need, urgent: v.urgent })
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
    use crate::store::Store;

    /// The rows kept between two questions are never older than the database: a change through
    /// this store, one through another connection to the same file, and another date each give
    /// new figures, equal to those worked out afresh.
    #[test]
    fn kept_rows_follow_every_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("portfolio.db");
        let mut store = Store::open(&path).unwrap();
        crate::demo::load_demo(&mut store).unwrap();
        let today = date("2026-11-29");
        let fresh = |store: &Store, today: Date| store.views().work_out_dashboard_rows(today).unwrap();
        let first = store.views().portfolio_dashboard(today).unwrap();
        assert_eq!(store.views().portfolio_dashboard(today).unwrap(), first);
        assert_eq!(first, fresh(&store, today));

        // A change through this store: an overdue action on the first client.
        let client = first[0].client_id;
        let control = store.views().assessment(client, today).unwrap().rows[0].control_id.clone();
        let overdue = ControlEntry {
            control_id: control,
            status: "not_implemented".into(),
            due: "2020-01-15".into(),
            ..Default::default()
        };
        store.assessments().save(client, &overdue, today).unwrap();
        let after = store.views().portfolio_dashboard(today).unwrap();
        assert_ne!(after, first);
        assert_eq!(after, fresh(&store, today));
        assert!(after[0].overdue_actions > first[0].overdue_actions);

        // A change through another connection: a client archived elsewhere leaves the rows.
        let other = Store::open(&path).unwrap();
        other.clients().archive(client).unwrap();
        let elsewhere = store.views().portfolio_dashboard(today).unwrap();
        assert!(elsewhere.iter().all(|r| r.client_id != client));
        assert_eq!(elsewhere, fresh(&store, today));

        // Another date.
        let later = date("2031-06-01");
        assert_eq!(store.views().portfolio_dashboard(later).unwrap(), fresh(&store, later));
    }

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn dashboard_agrees_with_the_client_pages() {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::load_demo(&mut store).unwrap();
        let today = date("2026-11-29");
        let first = store.clients().list(&Default::default()).unwrap()[0].id;

        // On the first client: one action overdue, one ahead, one overdue but done.
        let controls: Vec<String> =
            store.views().assessment(first, today).unwrap().rows.iter().take(3).map(|r| r.control_id.clone()).collect();
        let entry = |i: usize, status: &str, due: &str| ControlEntry {
            control_id: controls[i].clone(),
            status: status.into(),
            owner: "CISO".into(),
            due: due.into(),
            ..Default::default()
        };
        store.assessments().save(first, &entry(0, "not_implemented", "2020-01-15"), today).unwrap();
        store.assessments().save(first, &entry(1, "partially_implemented", "2031-02-01"), today).unwrap();
        store.assessments().save(first, &entry(2, "implemented", "2020-01-01"), today).unwrap();
        // A control outside the client's scope is not in its grid: its due date is no action.
        let in_grid = |store: &Store, id: &str| {
            store.views().assessment(first, today).unwrap().rows.iter().any(|r| r.control_id == id)
        };
        let outside = store
            .catalog()
            .controls("")
            .unwrap()
            .into_iter()
            .map(|c| c.id)
            .find(|id| !in_grid(&store, id))
            .expect("a control outside the first client's scope");
        let far = ControlEntry { control_id: outside.clone(), ..entry(0, "not_implemented", "2020-02-01") };
        store.assessments().save(first, &far, today).unwrap();
        assert!(!in_grid(&store, &outside));

        let rows = store.views().portfolio_dashboard(today).unwrap();
        assert_eq!(rows.len(), store.clients().list(&Default::default()).unwrap().len(), "one row per active client");
        let settings = AdviceSettings { today, start: None, capacity_days_per_week: None };
        for row in &rows {
            // Actions, counted from the assessment grid the consultant sees.
            let grid = store.views().assessment(row.client_id, today).unwrap();
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
            let advice = store
                .views()
                .advice(row.client_id, &settings, &store.clients().overrides(row.client_id).unwrap())
                .unwrap();
            for v in advice.recommendation.frameworks.iter().filter(|v| v.need >= Need::Recommended) {
                let f = v.framework;
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
            let profile = store.clients().get(row.client_id).unwrap().profile;
            let blocked = profile.pressures.iter().any(|p| p.deals_blocked);
            let missed = advice.roadmap.milestones.iter().any(|m| m.missed);
            assert_eq!(row.deals_blocked, blocked, "{}", row.client_name);
            assert_eq!(row.needs_attention, blocked || !overdue.is_empty() || missed, "{}", row.client_name);
            // The mean readiness, from the client's own analysis page.
            let analysis = store.views().analysis(row.client_id, &AnalysisSettings::new(today)).unwrap();
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
        store.clients().archive(first).unwrap();
        assert!(store.views().portfolio_dashboard(today).unwrap().iter().all(|r| r.client_id != first));
    }

    fn demo() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::load_demo(&mut store).unwrap();
        store
    }

    fn query(sort: DashboardSort, descending: bool) -> DashboardQuery {
        DashboardQuery { sort, descending, ..Default::default() }
    }

    fn ids(entries: &[DashboardEntry]) -> Vec<ClientId> {
        entries.iter().map(|e| e.client.id).collect()
    }

    /// Name (case-insensitive), then id: the tie-break of every figure sort.
    fn tie(e: &DashboardEntry) -> (String, String) {
        (e.client.name.to_lowercase(), e.client.id.to_string())
    }

    #[test]
    fn the_search_and_archive_filter_are_the_lists() {
        let store = demo();
        let today = date("2026-11-29");
        let all = store.clients().list(&ListQuery::default()).unwrap();
        store.clients().archive(all[0].id).unwrap();
        for filter in [ClientFilter::Active, ClientFilter::Archived, ClientFilter::All] {
            for search in ["", "talent", "de", "no such client"] {
                let q = DashboardQuery { search: search.into(), filter, ..Default::default() };
                let list =
                    store.clients().list(&ListQuery { search: search.into(), filter, ..Default::default() }).unwrap();
                let got = store.views().dashboard(&q, today, Figures::Compute).unwrap().entries;
                assert_eq!(ids(&got), list.iter().map(|c| c.id).collect::<Vec<_>>(), "{filter:?} {search:?}");
                for e in &got {
                    // Figures for active clients only, and the dashboard's own.
                    assert_eq!(e.figures.is_some(), e.client.status == ClientStatus::Active, "{}", e.client.name);
                    if let Some(f) = &e.figures {
                        assert_eq!(f.client_id, e.client.id);
                        assert_eq!(e.needs_attention, f.needs_attention);
                    } else {
                        assert_eq!(e.needs_attention, e.client.deals_blocked);
                    }
                }
            }
        }
        let archived = DashboardQuery { filter: ClientFilter::Archived, ..Default::default() };
        assert_eq!(ids(&store.views().dashboard(&archived, today, Figures::Compute).unwrap().entries), vec![all[0].id]);
        let found = DashboardQuery { search: "talent".into(), ..Default::default() };
        assert_eq!(store.views().dashboard(&found, today, Figures::Compute).unwrap().entries.len(), 1);
    }

    #[test]
    fn the_framework_and_attention_filters_keep_what_they_name() {
        let store = demo();
        let today = date("2026-11-29");
        let rows = store.views().portfolio_dashboard(today).unwrap();
        let mut seen_some = false;
        for f in ScopeFramework::ALL.iter().copied() {
            let q = DashboardQuery { framework: Some(f), ..Default::default() };
            let got = store.views().dashboard(&q, today, Figures::Skip).unwrap().entries;
            let expected: Vec<ClientId> =
                rows.iter().filter(|r| r.recommended.iter().any(|x| x.framework == f)).map(|r| r.client_id).collect();
            assert_eq!(ids(&got), expected, "{f:?}");
            assert!(got.len() < rows.len(), "{f:?} narrows the list");
            seen_some |= !got.is_empty();
        }
        assert!(seen_some);

        let q = DashboardQuery { needs_attention_only: true, ..Default::default() };
        let got = store.views().dashboard(&q, today, Figures::Skip).unwrap().entries;
        let expected: Vec<ClientId> = rows.iter().filter(|r| r.needs_attention).map(|r| r.client_id).collect();
        assert_eq!(ids(&got), expected);
        assert!(!got.is_empty() && got.len() < rows.len());
        // What the list found before the dashboard's filters narrowed it.
        assert_eq!(store.views().dashboard(&q, today, Figures::Skip).unwrap().listed as usize, rows.len());

        // Both at once: the intersection.
        let q =
            DashboardQuery { framework: Some(ScopeFramework::Soc2), needs_attention_only: true, ..Default::default() };
        let expected: Vec<ClientId> = rows
            .iter()
            .filter(|r| r.needs_attention && r.recommended.iter().any(|x| x.framework == ScopeFramework::Soc2))
            .map(|r| r.client_id)
            .collect();
        assert_eq!(ids(&store.views().dashboard(&q, today, Figures::Skip).unwrap().entries), expected);

        // An archived client has no figures: no framework, attention only with blocked deals.
        let store = store;
        let blocked = rows.iter().find(|r| r.deals_blocked).expect("a demo client with blocked deals");
        store.clients().archive(blocked.client_id).unwrap();
        let all = |q: DashboardQuery| DashboardQuery { filter: ClientFilter::Archived, ..q };
        let got = store.views().dashboard(
            &all(DashboardQuery { needs_attention_only: true, ..Default::default() }),
            today,
            Figures::Compute,
        );
        assert_eq!(ids(&got.unwrap().entries), vec![blocked.client_id]);
        let got = store.views().dashboard(
            &all(DashboardQuery { framework: Some(ScopeFramework::Soc2), ..Default::default() }),
            today,
            Figures::Compute,
        );
        assert!(got.unwrap().entries.is_empty());
    }

    #[test]
    fn the_list_sorts_are_the_lists() {
        let store = demo();
        let today = date("2026-11-29");
        let sorts = [
            (DashboardSort::Name, ClientSort::Name),
            (DashboardSort::Sector, ClientSort::Sector),
            (DashboardSort::Employees, ClientSort::Employees),
            (DashboardSort::Headquarters, ClientSort::Headquarters),
            (DashboardSort::Updated, ClientSort::Updated),
        ];
        for (sort, list_sort) in sorts {
            for descending in [false, true] {
                let list =
                    store.clients().list(&ListQuery { sort: list_sort, descending, ..Default::default() }).unwrap();
                let got = store.views().dashboard(&query(sort, descending), today, Figures::Compute).unwrap().entries;
                assert_eq!(ids(&got), list.iter().map(|c| c.id).collect::<Vec<_>>(), "{sort:?} {descending}");
                assert!(got.iter().all(|e| e.figures.is_some()));
                // Without figures asked for, the same list, without them.
                let fast = store.views().dashboard(&query(sort, descending), today, Figures::Skip).unwrap().entries;
                assert_eq!(ids(&fast), ids(&got));
                assert!(fast.iter().all(|e| e.figures.is_none()));
            }
        }
        let by_name =
            store.views().dashboard(&query(DashboardSort::Name, false), today, Figures::Skip).unwrap().entries;
        assert!(by_name.windows(2).all(|w| tie(&w[0]) <= tie(&w[1])));
    }

    #[test]
    fn the_figure_sorts_order_by_the_figure_then_name_then_id() {
        let store = demo();
        let today = date("2026-11-29");
        // Two clients alike but for their name (and id): ties on every figure.
        let list = store.clients().list(&ListQuery::default()).unwrap();
        let twin = store.clients().get(list[0].id).unwrap().profile;
        for name in ["aaa twin", "AAB twin"] {
            let profile = crate::domain::ClientProfile { name: name.into(), ..twin.clone() };
            store.clients().create(&profile.validate().unwrap()).unwrap();
        }
        type Key = fn(&DashboardEntry) -> (i64, i64);
        let keys: [(DashboardSort, Key); 3] = [
            (DashboardSort::Readiness, |e| {
                (e.figures.as_ref().and_then(|f| f.mean_readiness).map_or(-1_000, |m| (m * 1000.0) as i64), 0)
            }),
            (DashboardSort::Milestone, |e| {
                let date = e.figures.as_ref().and_then(|f| f.next_milestone.as_ref()).map(|m| m.date);
                (date.map_or(i64::MAX, |d| d.to_string().replace('-', "").parse().unwrap()), 0)
            }),
            (DashboardSort::Actions, |e| {
                e.figures.as_ref().map_or((0, 0), |f| (f.overdue_actions as i64, f.open_actions as i64))
            }),
        ];
        // An overdue action on one client, so the actions sort has something to order.
        let controls = store.views().assessment(list[1].id, today).unwrap();
        let entry = crate::assessment::ControlEntry {
            control_id: controls.rows[0].control_id.clone(),
            status: "not_implemented".into(),
            owner: "CISO".into(),
            due: "2020-01-15".into(),
            ..Default::default()
        };
        store.assessments().save(list[1].id, &entry, today).unwrap();

        for (sort, key) in keys {
            for descending in [false, true] {
                let got = store.views().dashboard(&query(sort, descending), today, Figures::Skip).unwrap().entries;
                assert_eq!(got.len(), list.len() + 2);
                assert!(got.iter().all(|e| e.figures.is_some()), "a figure sort works the figures out");
                let distinct: HashSet<(i64, i64)> = got.iter().map(key).collect();
                assert!(distinct.len() > 1, "{sort:?}: the demo differs on it");
                for w in got.windows(2) {
                    let (a, b) = (key(&w[0]), key(&w[1]));
                    let in_order = if descending { a >= b } else { a <= b };
                    assert!(in_order, "{sort:?} {descending}: {} before {}", w[0].client.name, w[1].client.name);
                    if a == b {
                        assert!(tie(&w[0]) < tie(&w[1]), "{sort:?} {descending}: tie by name, then id");
                    }
                }
                let twins: Vec<&str> =
                    got.iter().map(|e| e.client.name.as_str()).filter(|n| n.ends_with("twin")).collect();
                assert_eq!(twins, ["aaa twin", "AAB twin"], "{sort:?} {descending}");
            }
        }
        let first =
            &store.views().dashboard(&query(DashboardSort::Actions, true), today, Figures::Skip).unwrap().entries[0];
        assert_eq!(first.client.id, list[1].id, "the overdue action first");
    }

    #[test]
    fn figures_travel_as_a_boolean() {
        assert_eq!(serde_json::to_string(&Figures::Compute).unwrap(), "true");
        assert_eq!(serde_json::to_string(&Figures::Skip).unwrap(), "false");
        assert_eq!(serde_json::from_str::<Figures>("true").unwrap(), Figures::Compute);
        assert_eq!(serde_json::from_str::<Figures>("false").unwrap(), Figures::Skip);
    }

    #[test]
    fn a_bad_query_is_refused_at_its_field() {
        let store = demo();
        let today = date("2026-11-29");
        let long = DashboardQuery { search: "x".repeat(MAX_DETAIL_LEN + 1), ..Default::default() };
        let err = store.views().dashboard(&long, today, Figures::Compute).unwrap_err();
        assert_eq!(err.field_errors()[0].field, "search");
        let imported = DashboardQuery { framework: ScopeFramework::parse("x_custom"), ..Default::default() };
        let err = store.views().dashboard(&imported, today, Figures::Compute).unwrap_err();
        assert_eq!(err.field_errors()[0].field, "framework");
        let ok = DashboardQuery { search: "x".repeat(MAX_DETAIL_LEN), ..Default::default() };
        assert!(store.views().dashboard(&ok, today, Figures::Compute).unwrap().entries.is_empty());
    }
}

/// The last dashboard rows with the date and database state they were worked out for. Changing a
/// filter or a sort of the portfolio page asks again; unless the date or anything in the database
/// changed since, the rows are taken from here instead of working out every client's advice again.
#[derive(Default)]
pub(super) struct Cache(std::sync::Mutex<Option<Kept>>);

/// Rows with the date and the database state ([`Views::database_state`]) they were made for.
struct Kept {
    today: Date,
    state: (i64, u64),
    rows: Arc<Vec<DashboardRow>>,
}

impl Cache {
    fn get(&self, today: Date, state: (i64, u64)) -> Option<Arc<Vec<DashboardRow>>> {
        let kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        kept.as_ref().filter(|k| k.today == today && k.state == state).map(|k| k.rows.clone())
    }

    fn put(&self, today: Date, state: (i64, u64), rows: Arc<Vec<DashboardRow>>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(Kept { today, state, rows });
    }
}
