//! Which frameworks a client needs, and why: pure, deterministic functions of the profile, the
//! catalogue's EU AI Act obligations, the regulatory calendar and a date passed in.
//!
//! Every verdict carries the rules that fired ([`RuleId`]), the profile answers that triggered
//! them, and a sentence a client can read, in English and German. A prohibited practice is a stop
//! sign, listed first. Nothing here reads the clock or the database.

mod ai_act;
pub mod ai_facts;
mod regulation;
pub mod roadmap;
mod rules;
mod verdicts;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use ai_act::{applicability, tiers_of, Applicability};
pub use regulation::{
    gdpr_applies_from, nis2_applies_from, nis2_classification, regulatory_obligations, size_class, RegObligation,
    RegStatus, UnionPresence,
};
pub use roadmap::{plan, shipped_lifecycle, EffortTable, Lifecycle, Overrides, PlanSettings, Roadmap};
pub use rules::{in_eu, RuleId, EU_MEMBER_STATES};

use crate::assessment::ScopeFramework;
use crate::catalog::{Catalog, Soc2Category, Text};
use crate::domain::{ClientProfile, Date, Nis2Entity};

/// How much a client needs something. Ordered: `NotNeeded < Optional < Recommended < Required`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    NotNeeded,
    Optional,
    Recommended,
    Required,
}

/// One rule that fired, with the answers that made it fire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Reason {
    pub rule: RuleId,
    /// What this rule alone asks for; `None` for a reason that informs without deciding.
    pub need: Option<Need>,
    /// The profile answers behind it, as `field: value` (`markets: us`, `pressures[0]: ...`).
    pub triggers: Vec<String>,
    pub text: Text,
}

/// A certificate or report the client already holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Holding {
    /// Whether it still counts today (certificate not expired; SOC 2 report within 12 months).
    pub current: bool,
    /// When it stops counting, if known.
    #[ts(optional = nullable)]
    pub until: Option<Date>,
    pub text: Text,
}

/// The way to a SOC 2 report (R7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Soc2Path {
    /// A Type I report first, then a Type II report after an observation window.
    Type1ThenType2,
    /// A Type I report is held: observe, then a Type II report.
    Type2,
    /// A Type II report is held: the next period, reported yearly.
    RenewType2,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Soc2CategoryAdvice {
    pub category: Soc2Category,
    pub reason: Reason,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Soc2Plan {
    pub path: Soc2Path,
    /// Security is always in scope; these are the categories suggested beyond it.
    pub categories: Vec<Soc2CategoryAdvice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FrameworkVerdict {
    pub framework: ScopeFramework,
    pub need: Need,
    /// Deals are blocked over it, or a deadline is less than six months away (or past).
    pub urgent: bool,
    #[ts(optional = nullable)]
    pub held: Option<Holding>,
    /// The verdict in one sentence a client can read.
    pub summary: Text,
    /// Deciding reasons first (strongest first), then informing ones.
    pub reasons: Vec<Reason>,
    /// For SOC 2 only: the report type path and the categories beyond security.
    #[ts(optional = nullable)]
    pub soc2: Option<Soc2Plan>,
    /// For the GDPR and NIS2 (when the law reaches the client): the requirements that apply, each
    /// with the answers that made it apply. Absent for the other frameworks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Obligation>>", optional)]
    pub obligations: Vec<Obligation>,
    /// Unrecorded facts that decide whether the framework applies or which requirements do, one
    /// per field (GDPR, NIS2, NIST AI RMF). Absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<AiQuestion>>", optional)]
    pub questions: Vec<AiQuestion>,
    /// For NIS2 only: essential or important entity, and the size class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub nis2: Option<Nis2Classification>,
}

/// A client's size class per Commission Recommendation 2003/361/EC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Nis2Size {
    /// 250 staff or more, or turnover above EUR 50m and balance sheet above EUR 43m.
    Large,
    Medium,
    /// Small or micro.
    Small,
    /// At least medium; whether large turns on figures not recorded.
    MediumOrLarge,
    /// Turns on figures not recorded.
    Undetermined,
}

/// NIS2 Art. 3: how the entity is classed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Nis2Class {
    Essential,
    Important,
    NotInScope,
    /// A fact not yet recorded decides (see the verdict's questions).
    Undetermined,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Nis2Classification {
    /// The entity type as recorded; `None` when not yet answered.
    #[ts(optional = nullable)]
    pub entity: Option<Nis2Entity>,
    pub size: Nis2Size,
    pub class: Nis2Class,
}

/// One obligation that applies: an EU AI Act obligation of one AI system, or a GDPR or NIS2
/// requirement of the client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Obligation {
    pub requirement_id: String,
    pub title: Text,
    pub applies_from: Date,
    /// Whether it applies on the date of the recommendation.
    pub in_force: bool,
    /// The profile answers that made it apply, as `field: value`: the role and tier, then each
    /// fact its conditions or a transition (Art. 111) tested.
    pub because: Vec<String>,
}

/// A fact the consultant has not recorded that decides whether some obligations apply, or from
/// when: asked, rather than guessed. Used by the EU AI Act per system and by the GDPR, NIS2 and
/// NIST AI RMF verdicts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AiQuestion {
    /// The profile field that answers it (`ai_systems[0].deployer_type`).
    pub field: String,
    pub text: Text,
    /// The obligations that hang on the answer.
    pub requirement_ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AiSystemVerdict {
    pub system: String,
    pub need: Need,
    /// A prohibited practice: stop before anything else.
    pub stop: bool,
    pub summary: Text,
    pub reasons: Vec<Reason>,
    /// Applicable obligations, earliest first.
    pub obligations: Vec<Obligation>,
    /// Unrecorded facts that decide further obligations (or their dates), one per field.
    pub questions: Vec<AiQuestion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Recommendation {
    /// The date the recommendation is made for.
    pub today: Date,
    /// Stop signs (prohibited practices), said first.
    pub stop_signs: Vec<Text>,
    /// ISO/IEC 27001, SOC 2, ISO/IEC 42001, the GDPR, NIS2 and the NIST AI RMF, in that order.
    pub frameworks: Vec<FrameworkVerdict>,
    /// The EU AI Act, per AI system in the profile's order.
    pub ai_act: Vec<AiSystemVerdict>,
    /// A note on the EU AI Act as a whole (no EU exposure, or AI without an inventory).
    #[ts(optional = nullable)]
    pub ai_act_note: Option<Text>,
}

/// What the verdicts need besides the profile.
pub struct Context<'a> {
    pub catalog: &'a Catalog,
    pub today: Date,
}

/// The verdicts for one client.
pub fn recommend(profile: &ClientProfile, ctx: &Context<'_>) -> Recommendation {
    let facts = verdicts::Facts::new(profile, ctx.today);
    let ai = ai_act::assess(profile, &facts, ctx);
    let obligations = regulation::regulatory_obligations(profile);
    let frameworks = vec![
        verdicts::iso27001(&facts),
        verdicts::soc2(&facts),
        verdicts::iso42001(&facts),
        regulation::gdpr(&facts, ctx, &obligations),
        regulation::nis2(&facts, ctx, &obligations),
        regulation::nist_ai_rmf(&facts),
    ];
    Recommendation { today: ctx.today, stop_signs: ai.stop_signs, frameworks, ai_act: ai.systems, ai_act_note: ai.note }
}

/// A recommendation with its roadmap: what both front ends show for a client.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Advice {
    pub client: String,
    pub recommendation: Recommendation,
    pub roadmap: Roadmap,
}

/// How to plan: the date to judge on, the roadmap's start and the capacity (0 for the default).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, TS)]
pub struct AdviceSettings {
    pub today: Date,
    #[ts(optional = nullable)]
    pub start: Option<Date>,
    /// Person-days per week; `None` or 0 for the default of the lifecycle facts.
    #[ts(optional = nullable)]
    pub capacity_days_per_week: Option<f64>,
}

/// Verdicts and roadmap for a profile, with the shipped catalogue and lifecycle facts, planned
/// with the effort of building every control in scope (no assessment yet).
pub fn advise(profile: &ClientProfile, settings: &AdviceSettings, overrides: &Overrides) -> crate::Result<Advice> {
    advise_with_effort(profile, settings, overrides, None)
}

/// [`advise`], planned with `assessed`, the effort still to do according to an assessment
/// (`Views::effort_table`), when there is one; else with [`effort_before_assessment`].
pub fn advise_with_effort(
    profile: &ClientProfile,
    settings: &AdviceSettings,
    overrides: &Overrides,
    assessed: Option<EffortTable>,
) -> crate::Result<Advice> {
    let catalog = crate::catalog::shipped().map_err(crate::Error::ShippedCatalog)?;
    let recommendation = recommend(profile, &Context { catalog, today: settings.today });
    advise_from(profile, recommendation, settings, overrides, assessed)
}

/// [`advise_with_effort`] with the profile's recommendation on `settings.today` already made.
pub fn advise_from(
    profile: &ClientProfile,
    recommendation: Recommendation,
    settings: &AdviceSettings,
    overrides: &Overrides,
    assessed: Option<EffortTable>,
) -> crate::Result<Advice> {
    let catalog = crate::catalog::shipped().map_err(crate::Error::ShippedCatalog)?;
    let lifecycle = shipped_lifecycle();
    let effort = assessed.unwrap_or_else(|| effort_before_assessment(catalog, &recommendation, lifecycle));
    let plan_settings = PlanSettings {
        start: settings.start.unwrap_or(settings.today),
        capacity_days_per_week: settings.capacity_days_per_week.unwrap_or(0.0),
    };
    let roadmap = plan(profile, &recommendation, &effort, &plan_settings, lifecycle, overrides);
    Ok(Advice { client: profile.name.clone(), recommendation, roadmap })
}

/// The frameworks each control serves within the client's scope: every framework a verdict
/// recommends or requires, and for SOC 2 only the security criteria and the categories advised.
pub fn scope_of(rec: &Recommendation) -> Vec<(ScopeFramework, Vec<Soc2Category>)> {
    rec.frameworks
        .iter()
        .filter(|v| v.need >= Need::Recommended)
        .map(|v| {
            let mut categories = Vec::new();
            if v.framework == ScopeFramework::Soc2 {
                categories.push(Soc2Category::Security);
                if let Some(plan) = &v.soc2 {
                    categories.extend(plan.categories.iter().map(|c| c.category));
                }
            }
            (v.framework, categories)
        })
        .collect()
}

/// Remaining effort before any assessment: every control serving an in-scope requirement still
/// to be built, at the lifecycle's person-days per effort size. Controls that serve a framework
/// the client already holds (and keeps current) count as built (R4).
pub fn effort_before_assessment(catalog: &Catalog, rec: &Recommendation, lifecycle: &Lifecycle) -> EffortTable {
    let scope = scope_of(rec);
    let held: Vec<ScopeFramework> =
        rec.frameworks.iter().filter(|v| v.held.as_ref().is_some_and(|h| h.current)).map(|v| v.framework).collect();
    // The GDPR and NIS2 count only the requirements the client owes, or that an open fact may bring.
    let owed = |key: ScopeFramework, requirement: &str| -> bool {
        rec.frameworks.iter().filter(|v| v.framework == key).any(|v| {
            v.obligations.iter().any(|o| o.requirement_id == requirement)
                || v.questions.iter().any(|q| q.requirement_ids.iter().any(|r| r == requirement))
        })
    };
    let in_scope = |framework: &str, requirement: &str| -> Option<ScopeFramework> {
        let (key, categories) = scope.iter().find(|(k, _)| k.as_str() == framework)?;
        match *key {
            ScopeFramework::Soc2 => {
                let category = catalog.framework(framework)?.requirement(requirement)?.soc2_category?;
                if !categories.contains(&category) {
                    return None;
                }
            }
            ScopeFramework::Gdpr | ScopeFramework::Nis2 if !owed(*key, requirement) => return None,
            _ => {}
        }
        Some(*key)
    };
    EffortTable::new(catalog.controls.iter().map(|control| {
        let mut served: Vec<ScopeFramework> = catalog
            .mappings
            .iter()
            .filter(|m| m.control_id == control.id)
            .filter_map(|m| in_scope(&m.framework, &m.requirement_id))
            .collect();
        served.sort_by_key(|f| f.as_str());
        served.dedup();
        let built = served.iter().any(|f| held.contains(f));
        (if built { 0.0 } else { lifecycle.planning.effort_days.of(control.effort) }, served)
    }))
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod roadmap_tests;

#[cfg(test)]
mod ai_act_tests;

#[cfg(test)]
mod regulation_tests;
