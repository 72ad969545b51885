//! The gap analysis in SQL: readiness per framework and section, control domains, ranked gaps,
//! remaining effort and the saving from shared work; the history and the portfolio overview
//! from the summaries; and the effort table the roadmap plans with.
//!
//! Parameters shared by the queries below: `?1` the assessment (0: nothing assessed yet), `?2`
//! the scope units as JSON (`[[framework, unit, [excluded requirement, ...]], ...]`, see
//! `ClientScope::units_json`; the carved-out SOC 2 criteria are excluded), `?3`
//! person-days per effort size, `?4` the remaining share per status, `?5` the partial weight,
//! `?6` the pressure weight per framework (`[[framework, weight], ...]`).

use std::collections::HashMap;

use rusqlite::params;

use super::context::ClientContext;
use super::defaults::{ScopeUnit, ScopeUnits};
use super::{
    date_column, effort_days_json, framework_column, frameworks_json, optional_date_column, readiness_from_row,
    readiness_from_summaries, readiness_json, remaining_share_json,
};
use crate::assessment::{
    default_scope, pressure_weights, Analysis, AnalysisSettings, ClientScope, DomainProgress, FrameworkDays,
    FrameworkPoint, FrameworkReadiness, GapItem, HistoryPoint, PortfolioRow, Readiness, RemainingEffort,
    ScopeFramework, SectionReadiness, StatusCounts, DEFAULT_PARTIAL_WEIGHT,
};
use crate::catalog::{Soc2Category, Text};
use crate::domain::{ClientId, ClientProfile, Date};
use crate::recommend::{advise_from, shipped_lifecycle, Advice, AdviceSettings, EffortTable, Overrides};
use crate::store::Views;
use crate::{Error, Result};

/// The requirements in scope (`leaves`) and the controls serving them (`served`).
const SCOPE_CTE: &str = "
units (framework, unit) AS MATERIALIZED (
    SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?2)
),
excluded (framework, requirement_id) AS MATERIALIZED (
    SELECT json_extract(u.value, '$[0]'), e.value FROM json_each(?2) u, json_each(u.value, '$[2]') e
),
leaves (framework, requirement_id) AS MATERIALIZED (
    SELECT u.framework, u.requirement_id
    FROM units s JOIN requirement_units u ON u.framework = s.framework AND u.unit = s.unit
    WHERE (u.framework, u.requirement_id) NOT IN (SELECT framework, requirement_id FROM excluded)
),
served (control_id, framework, requirement_id) AS MATERIALIZED (
    SELECT m.control_id, m.framework, m.requirement_id
    FROM effective_mappings m JOIN leaves l ON l.framework = m.framework AND l.requirement_id = m.requirement_id
)";

/// The status of every requirement in scope (`st`), from the rule in `requirement_status`. The
/// view aggregates per requirement; the filter on the scope's frameworks is pushed into it, so
/// SQLite counts the mappings of those frameworks only, not of the whole catalogue.
const STATUS_CTE: &str = "
st (framework, requirement_id, status) AS MATERIALIZED (
    SELECT rs.framework, rs.requirement_id, rs.status
    FROM requirement_status rs
    JOIN leaves l ON l.framework = rs.framework AND l.requirement_id = rs.requirement_id
    WHERE rs.assessment_id = ?1 AND rs.framework IN (SELECT framework FROM units)
)";

/// Every control in scope with its status and remaining days (`ctl`), and the frameworks in
/// scope each serves (`ctl_fw`).
const CONTROL_CTE: &str = "
ctl (id, title_en, title_de, domain, effort, custom, position, status, remaining, owner, due) AS MATERIALIZED (
    SELECT c.id, c.title_en, c.title_de, c.domain, c.effort, c.custom, c.position,
           coalesce(s.status, 'not_assessed'),
           json_extract(?3, '$.' || c.effort) * json_extract(?4, '$.' || coalesce(s.status, 'not_assessed')),
           coalesce(s.owner, ''), s.due
    FROM all_controls c
    LEFT JOIN assessment_controls s ON s.assessment_id = ?1 AND s.control_id = c.id
    WHERE c.id IN (SELECT control_id FROM served)
),
ctl_fw (control_id, framework) AS MATERIALIZED (
    SELECT DISTINCT control_id, framework FROM served
)";

/// What the analysis queries of one client take.
struct Params {
    assessment: i64,
    units: String,
    effort_days: String,
    remaining: String,
    weight: f64,
    pressure: String,
}

impl Params {
    fn new(assessment: i64, scope: &ClientScope, weight: f64, profile: &ClientProfile, today: Date) -> Params {
        let lifecycle = shipped_lifecycle();
        let pressure: Vec<(&str, u32)> = pressure_weights(profile, today)
            .into_iter()
            .filter(|(f, _)| scope.contains(*f))
            .map(|(f, w)| (f.as_str(), w))
            .collect();
        Params {
            assessment,
            units: scope.units_json(),
            effort_days: effort_days_json(lifecycle),
            remaining: remaining_share_json(),
            weight,
            pressure: serde_json::to_string(&pressure).unwrap_or_else(|_| "[]".into()),
        }
    }
}

impl Views<'_> {
    /// A client's gap analysis on its current assessment (every control not assessed before the
    /// first one). One statement: the requirement statuses and the controls in scope are worked
    /// out once and every aggregate is taken from them.
    pub fn analysis(&self, client: ClientId, settings: &AnalysisSettings) -> Result<Analysis> {
        let weight = settings.weight()?;
        self.analysis_of(&self.context(client, settings.today)?, weight)
    }

    /// [`Views::analysis`] in a request's context, with a checked partial weight
    /// ([`AnalysisSettings::weight`]).
    pub fn analysis_of(&self, ctx: &ClientContext, weight: f64) -> Result<Analysis> {
        let (c, scope, assessment) = (&ctx.client, ctx.scope.clone(), ctx.assessment.clone());
        let p = Params::new(assessment.as_ref().map_or(0, |a| a.id), &scope, weight, &c.profile, ctx.today);
        let mut stmt = self.store.conn().prepare_cached(&analysis_sql())?;
        let (sections, domains, gaps, alone, together, saving): (String, String, String, String, f64, f64) = stmt
            .query_row(params![p.assessment, p.units, p.effort_days, p.remaining, p.weight, p.pressure], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
            })?;
        let json = |what: &str, e: serde_json::Error| Error::Corrupt(format!("the analysis' {what}: {e}"));

        type Section = (ScopeFramework, Option<String>, i64, String, String, Readiness);
        let sections: Vec<Section> = serde_json::from_str(&sections).map_err(|e| json("readiness", e))?;
        let mut frameworks: Vec<FrameworkReadiness> = scope
            .frameworks
            .iter()
            .map(|f| FrameworkReadiness {
                framework: *f,
                name: f.display_name().to_owned(),
                readiness: Readiness::empty(),
                sections: Vec::new(),
            })
            .collect();
        for (framework, id, depth, en, de, readiness) in sections {
            let Some(f) = frameworks.iter_mut().find(|f| f.framework == framework) else { continue };
            match id {
                None => {
                    f.name = en;
                    f.readiness = readiness;
                }
                Some(id) => f.sections.push(SectionReadiness {
                    id,
                    title: Text { en, de },
                    depth: depth.max(0) as u32,
                    readiness,
                }),
            }
        }
        let domains: Vec<DomainProgress> = serde_json::from_str(&domains).map_err(|e| json("domains", e))?;
        let mut gaps: Vec<GapItem> = serde_json::from_str(&gaps).map_err(|e| json("gaps", e))?;
        for gap in &mut gaps {
            gap.frameworks.sort();
        }
        let alone: Vec<(ScopeFramework, f64)> = serde_json::from_str(&alone).map_err(|e| json("effort", e))?;
        let effort = RemainingEffort {
            alone: scope
                .frameworks
                .iter()
                .map(|f| FrameworkDays {
                    framework: *f,
                    days: alone.iter().find(|(a, _)| a == f).map_or(0.0, |(_, d)| *d),
                })
                .collect(),
            together,
            saving: saving + 0.0,
        };
        Ok(Analysis {
            client_id: c.id,
            client_name: c.profile.name.clone(),
            today: ctx.today,
            partial_weight: weight,
            scope,
            assessment,
            frameworks,
            domains,
            gaps,
            effort,
        })
    }

    /// Readiness per framework at every assessment of a client, oldest first, each judged
    /// against the client's current scope (so the points compare).
    pub fn history(&self, client: ClientId, settings: &AnalysisSettings) -> Result<Vec<HistoryPoint>> {
        let weight = settings.weight()?;
        self.history_of(&self.context(client, settings.today)?, weight)
    }

    /// [`Views::history`] in a request's context.
    pub fn history_of(&self, ctx: &ClientContext, weight: f64) -> Result<Vec<HistoryPoint>> {
        let (client, scope) = (ctx.id(), &ctx.scope);
        let readiness = readiness_from_summaries("?3");
        let sql = format!(
            "WITH units (framework, unit) AS MATERIALIZED (
                 SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?2)
             )
             SELECT a.id, a.date, s.framework, {readiness}
             FROM assessments a
             JOIN assessment_summary s ON s.assessment_id = a.id
             JOIN units u ON u.framework = s.framework AND u.unit = s.unit
             WHERE a.client_id = ?1
             GROUP BY a.id, s.framework
             ORDER BY a.date, a.id"
        );
        let mut stmt = self.store.conn().prepare_cached(&sql)?;
        let mut rows = stmt.query(params![client.to_string(), scope.units_json(), weight])?;
        let mut out: Vec<HistoryPoint> = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let point = FrameworkPoint { framework: framework_column(r, 2)?, readiness: readiness_from_row(r, 3)? };
            match out.last_mut() {
                Some(last) if last.assessment_id == id => last.frameworks.push(point),
                _ => out.push(HistoryPoint { assessment_id: id, date: date_column(r, 1)?, frameworks: vec![point] }),
            }
        }
        for point in &mut out {
            point.frameworks.sort_by_key(|f| f.framework);
        }
        // Assessments without a requirement in scope still mark a date.
        for a in self.store.assessments().list(client)? {
            if !out.iter().any(|p| p.assessment_id == a.id) {
                out.push(HistoryPoint { assessment_id: a.id, date: a.date, frameworks: Vec::new() });
            }
        }
        out.sort_by_key(|p| (p.date, p.assessment_id));
        Ok(out)
    }

    /// Readiness of every active client on every framework in its scope, on its current
    /// assessment (nothing assessed for a client without one), from the clients' totals by
    /// framework (`client_framework_totals`, SOC 2 by category): one pass over them in key order,
    /// each row kept when its client's scope reads it and summed per framework (SOC 2: security
    /// and the categories in scope). The scopes are the chosen ones, else the recommendation's on
    /// `settings.today` ([`Views::scope_units`]).
    pub fn portfolio_readiness(&self, settings: &AnalysisSettings) -> Result<Vec<PortfolioRow>> {
        let weight = settings.weight()?;
        let units = self.scope_units(settings.today)?;
        // The active clients in the overview's order, with the date of the current assessment.
        let mut stmt = self.store.conn().prepare_cached(
            "SELECT c.id, f.name, (SELECT max(b.date) FROM assessments b WHERE b.client_id = c.id),
                    EXISTS (SELECT 1 FROM client_scopes cs WHERE cs.client_id = c.id)
             FROM client_facts f JOIN clients c ON c.id = f.client_id WHERE c.archived_at IS NULL
             ORDER BY f.name COLLATE NOCASE, f.client_id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out: Vec<PortfolioRow> = Vec::new();
        let mut at: HashMap<String, usize> = HashMap::new();
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let client_id: ClientId = id.parse().map_err(|_| Error::Corrupt(format!("`{id}` is not a client id")))?;
            at.insert(id, out.len());
            out.push(PortfolioRow {
                client_id,
                client_name: r.get(1)?,
                assessment_date: optional_date_column(r, 2)?,
                scope_chosen: r.get(3)?,
                frameworks: Vec::new(),
            });
        }
        // Per listed client, its scope's units and the counts summed so far per framework.
        let mut sums: Vec<Vec<(ScopeFramework, StatusCounts)>> = vec![Vec::new(); out.len()];
        let mut stmt = self.store.conn().prepare_cached(
            "SELECT client_id, framework, unit, met, partial, unmet, not_applicable, not_assessed
             FROM client_framework_totals",
        )?;
        let mut rows = stmt.query([])?;
        // The rows come by client: the client is looked up once per client, not once per row
        // (no client id is empty).
        let mut current_id = String::new();
        let mut current: Option<(usize, &[ScopeUnit])> = None;
        while let Some(r) = rows.next()? {
            let id = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            if current_id != id {
                current_id = id.to_owned();
                current = at.get(id).and_then(|&i| Some((i, units.get(id)?.as_slice())));
            }
            let Some((i, scope)) = current else { continue };
            let framework = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
            let unit = r.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?;
            let Some(read) = scope.iter().find(|u| u.framework.as_str() == framework && u.unit == unit) else {
                continue;
            };
            let counts = StatusCounts {
                met: r.get(3)?,
                partial: r.get(4)?,
                unmet: r.get(5)?,
                not_applicable: r.get(6)?,
                not_assessed: r.get(7)?,
            };
            let sums = &mut sums[i];
            match sums.iter_mut().find(|(f, _)| *f == read.framework) {
                Some((_, sum)) => *sum += counts,
                None => sums.push((read.framework, counts)),
            }
        }
        for (row, sums) in out.iter_mut().zip(sums) {
            row.frameworks = sums
                .into_iter()
                .map(|(framework, counts)| FrameworkPoint {
                    framework,
                    readiness: Readiness::from_counts(counts, weight),
                })
                .collect();
            row.frameworks.sort_by_key(|f| f.framework);
        }
        Ok(out)
    }

    /// Per active client (by id), the units of `client_framework_totals` its scope reads: the
    /// chosen scope, else the default of the recommendation on `today` (the unit is '' for a
    /// framework as a whole, `security` and each category for SOC 2). Kept while neither the date
    /// nor the database changes.
    fn scope_units(&self, today: Date) -> Result<std::sync::Arc<ScopeUnits>> {
        let version: i64 = self.store.conn().query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let state = (version, self.store.conn().total_changes());
        if let Some(units) = self.store.overview_defaults.get(today, state) {
            return Ok(units);
        }
        let units = std::sync::Arc::new(self.work_out_scope_units(today)?);
        self.store.overview_defaults.put(today, state, units.clone());
        Ok(units)
    }

    fn work_out_scope_units(&self, today: Date) -> Result<ScopeUnits> {
        let conn = self.store.conn();
        // The chosen scopes: frameworks, and the SOC 2 categories chosen with SOC 2.
        let mut chosen: HashMap<String, (Vec<ScopeFramework>, Vec<Soc2Category>)> = HashMap::new();
        let mut stmt = conn.prepare_cached(
            "SELECT f.client_id, f.framework FROM scope_frameworks f JOIN clients c ON c.id = f.client_id
             WHERE c.archived_at IS NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            chosen.entry(r.get(0)?).or_default().0.push(framework_column(r, 1)?);
        }
        let mut stmt = conn.prepare_cached(
            "SELECT k.client_id, k.category FROM scope_soc2_categories k
             JOIN scope_frameworks f ON f.client_id = k.client_id AND f.framework = 'soc2'
             JOIN clients c ON c.id = k.client_id WHERE c.archived_at IS NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let text: String = r.get(1)?;
            let category = Soc2Category::parse(&text)
                .ok_or_else(|| Error::Corrupt(format!("client {id}: unknown SOC 2 category `{text}`")))?;
            chosen.entry(id).or_default().1.push(category);
        }
        let mut out: ScopeUnits =
            chosen.into_iter().map(|(id, (frameworks, categories))| (id, units_of(&frameworks, &categories))).collect();
        // The default scopes of the others.
        let mut stmt = conn.prepare_cached(
            "SELECT id, profile FROM clients
             WHERE archived_at IS NULL AND id NOT IN (SELECT client_id FROM client_scopes)",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            let profile = row.get_ref(1)?.as_str().map_err(|e| Error::Corrupt(format!("client {id}: {e}")))?;
            let scope = super::defaults::default_scope_of(&id, profile, today)?;
            out.insert(id, units_of(&scope.frameworks, &scope.soc2_categories));
        }
        Ok(out)
    }

    /// The remaining effort of a client's current assessment as the roadmap's effort table:
    /// person-days per control still to do, with the frameworks it serves. The frameworks are
    /// the client's scope together with those the recommendation plans, so every planned
    /// framework has its real effort. `None` when the client has no assessment.
    pub fn effort_table(&self, client: ClientId, today: Date) -> Result<Option<EffortTable>> {
        self.effort_table_of(&self.context(client, today)?)
    }

    /// [`Views::effort_table`] in a request's context.
    pub fn effort_table_of(&self, ctx: &ClientContext) -> Result<Option<EffortTable>> {
        let Some(assessment) = &ctx.assessment else {
            return Ok(None);
        };
        let mut scope = ctx.scope.with_planned(&default_scope(&ctx.recommendation));
        scope.regulatory_obligations =
            super::scope::regulatory_obligations(self.store.conn(), ctx.id(), &scope.frameworks)?;
        let p = Params::new(assessment.id, &scope, DEFAULT_PARTIAL_WEIGHT, &ctx.client.profile, ctx.today);
        let sql = format!(
            "WITH {SCOPE_CTE}, {CONTROL_CTE}
             SELECT c.remaining,
                    (SELECT json_group_array(f.framework) FROM ctl_fw f WHERE f.control_id = c.id)
             FROM ctl c WHERE c.remaining > 0
             ORDER BY c.custom, c.position, c.id"
        );
        let mut stmt = self.store.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![p.assessment, p.units, p.effort_days, p.remaining], |r| {
            Ok((r.get::<_, f64>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut controls = Vec::new();
        for row in rows {
            let (days, frameworks) = row?;
            let keys = frameworks_json(&frameworks)?.into_iter().filter(|f| f.is_rated()).collect();
            controls.push((days, keys));
        }
        Ok(Some(EffortTable::new(controls)))
    }

    /// Verdicts and roadmap for a stored client. When the client has an assessment the roadmap
    /// plans with the effort still to do (implemented 0, partial half, not applicable 0);
    /// before that, with the effort of building every control in scope.
    pub fn advice(&self, client: ClientId, settings: &AdviceSettings, overrides: &Overrides) -> Result<Advice> {
        self.advice_with(&self.context(client, settings.today)?, settings, overrides)
    }

    /// The verdicts and roadmap in a request's context, with the client's stored overrides.
    pub fn advice_of(&self, ctx: &ClientContext, settings: &AdviceSettings) -> Result<Advice> {
        self.advice_with(ctx, settings, &ctx.overrides)
    }

    /// [`Views::advice_of`] with other overrides than the stored ones (a preview). The context's
    /// recommendation is reused; `settings.today` must be the context's date.
    pub fn advice_with(&self, ctx: &ClientContext, settings: &AdviceSettings, overrides: &Overrides) -> Result<Advice> {
        debug_assert_eq!(settings.today, ctx.today, "advice for another date than the context's");
        let effort = self.effort_table_of(ctx)?;
        advise_from(&ctx.client.profile, ctx.recommendation.clone(), settings, overrides, effort)
    }
}

/// The units of `client_framework_totals` a scope of `frameworks` reads: each framework whole
/// (unit ''), SOC 2 as security and the `soc2_categories` (those count only with SOC 2).
fn units_of(frameworks: &[ScopeFramework], soc2_categories: &[Soc2Category]) -> Vec<ScopeUnit> {
    let mut units: Vec<ScopeUnit> = frameworks
        .iter()
        .map(|&framework| {
            let unit = if framework == ScopeFramework::Soc2 { Soc2Category::Security.as_str() } else { "" };
            ScopeUnit { framework, unit }
        })
        .collect();
    if frameworks.contains(&ScopeFramework::Soc2) {
        units.extend(soc2_categories.iter().map(|c| ScopeUnit { framework: ScopeFramework::Soc2, unit: c.as_str() }));
    }
    units
}

/// Every requirement in `scope` (a client's, from its [`ClientContext`]) with the controls mapped
/// to it (the consultant's own mappings included): `(control, framework, requirement)`, by
/// control, then framework and requirement in the catalogue's order.
pub(in crate::store) fn scope_mappings(
    conn: &rusqlite::Connection,
    scope: &ClientScope,
) -> Result<Vec<(String, String, String)>> {
    // The scope units are the statement's only parameter.
    let scope_cte = SCOPE_CTE.replace("?2", "?1");
    let mut stmt = conn.prepare_cached(&format!(
        "WITH {scope_cte}
         SELECT s.control_id, s.framework, s.requirement_id
         FROM served s
         JOIN frameworks f ON f.id = s.framework
         JOIN requirements r ON r.framework = s.framework AND r.id = s.requirement_id
         ORDER BY s.control_id, f.position, r.position"
    ))?;
    let rows = stmt.query_map(params![scope.units_json()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The whole analysis of one client in one statement. Gives six columns: readiness per framework
/// and section (JSON `[framework, section id or null, depth, title en, title de, readiness]`,
/// the framework's own row first), control domains, ranked gaps, days per framework alone (JSON),
/// days together, and the saving. See docs/analysis.md for the rules.
fn analysis_sql() -> String {
    let readiness = readiness_json("?5");
    format!(
        "WITH {SCOPE_CTE}, {STATUS_CTE}, {CONTROL_CTE},
         sections (framework, id, depth, position, title_en, title_de, readiness) AS (
             SELECT st.framework, NULL, -1, -1, f.name, f.name, {readiness}
             FROM st JOIN frameworks f ON f.id = st.framework
             GROUP BY st.framework
             UNION ALL
             SELECT st.framework, a.ancestor_id, a.ancestor_depth, a.ancestor_position, r.title_en, r.title_de,
                    {readiness}
             FROM st
             JOIN requirement_ancestors a ON a.framework = st.framework AND a.requirement_id = st.requirement_id
             JOIN requirements r ON r.framework = a.framework AND r.id = a.ancestor_id
             WHERE a.ancestor_assessable = 0 AND a.ancestor_depth <= 1
             GROUP BY st.framework, a.ancestor_id
         ),
         domain_rows (position, domain, item) AS (
             SELECT coalesce(d.position, 1000000), ctl.domain,
                    json_object('domain', ctl.domain,
                                'name', json_object('en', coalesce(d.name_en, ctl.domain),
                                                    'de', coalesce(d.name_de, ctl.domain)),
                                'controls', count(*),
                                'implemented', count(CASE WHEN status = 'implemented' THEN 1 END),
                                'partially_implemented', count(CASE WHEN status = 'partially_implemented' THEN 1 END),
                                'not_implemented', count(CASE WHEN status = 'not_implemented' THEN 1 END),
                                'not_applicable', count(CASE WHEN status = 'not_applicable' THEN 1 END),
                                'not_assessed', count(CASE WHEN status = 'not_assessed' THEN 1 END))
             FROM ctl LEFT JOIN domains d ON d.id = ctl.domain
             GROUP BY ctl.domain
         ),
         reach (control_id, frameworks, n) AS (
             SELECT control_id, json_group_array(framework), count(*) FROM ctl_fw GROUP BY control_id
         ),
         pressure (framework, weight) AS (
             SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?6)
         ),
         pressed (control_id, weight) AS (
             SELECT f.control_id, sum(p.weight) FROM ctl_fw f JOIN pressure p ON p.framework = f.framework
             GROUP BY f.control_id
         ),
         open (control_id, n) AS (
             SELECT sv.control_id, count(*)
             FROM served sv JOIN st ON st.framework = sv.framework AND st.requirement_id = sv.requirement_id
             WHERE st.status NOT IN ('met', 'not_applicable')
             GROUP BY sv.control_id
         ),
         scored AS (
             SELECT ctl.*, x.frameworks, coalesce(pr.weight, 0) AS pressure, coalesce(o.n, 0) AS open_requirements,
                    {GAP_SCORE} AS score
             FROM ctl
             JOIN reach x ON x.control_id = ctl.id
             LEFT JOIN pressed pr ON pr.control_id = ctl.id
             LEFT JOIN open o ON o.control_id = ctl.id
             WHERE ctl.status IN ('not_assessed', 'not_implemented', 'partially_implemented')
         ),
         ranked AS (
             SELECT row_number() OVER (ORDER BY score DESC, open_requirements DESC, remaining, custom, position, id)
                        AS rank, *
             FROM scored
         ),
         alone (framework, days) AS (
             SELECT f.framework, sum(c.remaining) FROM ctl_fw f JOIN ctl c ON c.id = f.control_id
             GROUP BY f.framework
         )
         SELECT
             (SELECT json_group_array(json_array(framework, id, depth, title_en, title_de, json(readiness))
                                      ORDER BY framework, position)
              FROM sections),
             (SELECT json_group_array(json(item) ORDER BY position, domain) FROM domain_rows),
             (SELECT json_group_array(json_object(
                         'rank', rank, 'control_id', id, 'title', json_object('en', title_en, 'de', title_de),
                         'domain', domain, 'effort', effort, 'status', status,
                         'remaining_days', round(remaining, 2), 'frameworks', json(frameworks),
                         'pressure', pressure, 'open_requirements', open_requirements, 'score', score,
                         'owner', owner, 'due', due) ORDER BY rank)
              FROM ranked),
             (SELECT json_group_array(json_array(framework, round(days, 1))) FROM alone),
             round((SELECT coalesce(sum(remaining), 0) FROM ctl), 1),
             round((SELECT coalesce(sum(days), 0) FROM alone) - (SELECT coalesce(sum(remaining), 0) FROM ctl), 1)"
    )
}

/// The gap score (docs/analysis.md, "Ranking the gaps"): frameworks served plus pressure, per
/// remaining work, where twenty person-days (an XL control) halve the value. Two decimals.
const GAP_SCORE: &str = "round((x.n + coalesce(pr.weight, 0)) / (1.0 + ctl.remaining / 20.0), 2)";
