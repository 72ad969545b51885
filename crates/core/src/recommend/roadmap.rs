//! Sequencing: the frameworks a client needs, in order, as phases and milestones on a dated
//! timeline (R5, R7).
//!
//! Implementation work is planned one framework at a time at the consultant's capacity; audits,
//! observation windows and report writing run on their own clock, so the next framework's work
//! starts while the previous one is with the auditor. Shared work is counted once: a framework
//! done later costs only the controls the earlier ones did not already build
//! ([`EffortTable::incremental`]). Every possible order is simulated and compared on deadlines
//! missed, the date of the first deliverable for the party that presses hardest, and the finish;
//! a consultant's override of the order wins and is shown as such.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Need, Recommendation, ScopeFramework, Soc2Path};
use crate::catalog::Text;
use crate::domain::{Ask, Certification, ClientProfile, Date, Party, Pressure};

const LIFECYCLE: &str = include_str!("../../../../assets/regulatory/lifecycle.toml");

/// Audit-cycle facts from `assets/regulatory/lifecycle.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Lifecycle {
    pub planning: Planning,
    pub iso: IsoCycle,
    pub soc2: Soc2Cycle,
    pub integrated_audit: IntegratedAuditFacts,
}

/// What an integrated ISO/IEC 27001 + 42001 audit may save (an estimate; IAF MD 11).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct IntegratedAuditFacts {
    /// The most the certification body may take off the sum of the separate audit times.
    pub max_reduction_share: f64,
    /// Auditor-days of one standard's initial audit (stage 1 + stage 2), by head-count band.
    pub initial_audit_days: Vec<AuditDaysBand>,
    /// A surveillance audit's share of the initial audit time.
    pub surveillance_share: f64,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AuditDaysBand {
    pub up_to: u32,
    pub days: f64,
}

impl IntegratedAuditFacts {
    /// Initial audit days of one standard for a head count.
    pub fn initial_days(&self, employees: u32) -> f64 {
        self.initial_audit_days
            .iter()
            .find(|b| employees <= b.up_to)
            .or(self.initial_audit_days.last())
            .map_or(0.0, |b| b.days)
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Planning {
    pub min_implementation_weeks: u32,
    pub default_capacity_days_per_week: f64,
    pub effort_days: EffortDays,
}

/// Person-days per effort size.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[allow(non_snake_case)]
pub struct EffortDays {
    pub XS: f64,
    pub S: f64,
    pub M: f64,
    pub L: f64,
    pub XL: f64,
}

impl EffortDays {
    pub fn of(&self, effort: crate::catalog::Effort) -> f64 {
        use crate::catalog::Effort;
        match effort {
            Effort::Xs => self.XS,
            Effort::S => self.S,
            Effort::M => self.M,
            Effort::L => self.L,
            Effort::Xl => self.XL,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct IsoCycle {
    pub internal_audit_weeks: u32,
    pub stage1_to_stage2_weeks: u32,
    pub certification_decision_weeks: u32,
    pub surveillance_months: u32,
    pub cycle_months: u32,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Soc2Cycle {
    pub type1_report_weeks: u32,
    pub first_window_months: u32,
    pub type2_report_weeks: u32,
    pub renewal_months: u32,
    pub source: String,
}

/// The lifecycle facts compiled into this build, parsed once per process. A broken file is a
/// build defect, caught by the tests, so this cannot fail at run time.
pub fn shipped_lifecycle() -> &'static Lifecycle {
    static SHIPPED: std::sync::OnceLock<Lifecycle> = std::sync::OnceLock::new();
    SHIPPED.get_or_init(|| {
        toml::from_str(LIFECYCLE).expect("assets/regulatory/lifecycle.toml is valid (checked by tests)")
    })
}

/// Remaining person-days for every set of frameworks done together, shared controls counted once.
#[derive(Debug, Clone, PartialEq)]
pub struct EffortTable {
    /// Remaining days of each control and the frameworks (in scope) it serves.
    controls: Vec<(f64, Vec<ScopeFramework>)>,
}

impl EffortTable {
    pub fn new(controls: impl IntoIterator<Item = (f64, Vec<ScopeFramework>)>) -> EffortTable {
        EffortTable { controls: controls.into_iter().filter(|(days, fw)| *days > 0.0 && !fw.is_empty()).collect() }
    }

    /// Days to do every framework of `set` (each control once).
    pub fn union(&self, set: &[ScopeFramework]) -> f64 {
        self.controls.iter().filter(|(_, fw)| fw.iter().any(|f| set.contains(f))).map(|(d, _)| d).sum()
    }

    pub fn alone(&self, framework: ScopeFramework) -> f64 {
        self.union(&[framework])
    }

    /// Days `framework` adds after the frameworks in `done`.
    pub fn incremental(&self, framework: ScopeFramework, done: &[ScopeFramework]) -> f64 {
        let mut with = done.to_vec();
        with.push(framework);
        self.union(&with) - self.union(done)
    }
}

/// Consultant decisions that change the plan; each keeps its reason.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Overrides {
    /// Do the frameworks in this order (frameworks not named follow in the computed order).
    #[ts(optional = nullable)]
    pub order: Option<ForcedOrder>,
    /// Leave these frameworks out of the plan.
    pub excluded: Vec<Excluded>,
    /// Start a framework's implementation no earlier than a date.
    pub not_before: Vec<NotBefore>,
    /// Audit ISO/IEC 27001 and 42001 separately although an integrated audit is offered.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub integrated_audit_declined: Option<DeclinedIntegratedAudit>,
}

impl Overrides {
    /// Drops every override of `framework`: its exclusion, its start date, its place in the order
    /// (the order goes when it names nothing else) and, for ISO/IEC 27001 or 42001, the declined
    /// integrated audit of the two.
    pub fn clear(&mut self, framework: ScopeFramework) {
        self.excluded.retain(|e| e.framework != framework);
        self.not_before.retain(|n| n.framework != framework);
        if matches!(framework, ScopeFramework::Iso27001 | ScopeFramework::Iso42001) {
            self.integrated_audit_declined = None;
        }
        if let Some(order) = &mut self.order {
            order.frameworks.retain(|f| *f != framework);
            if order.frameworks.is_empty() {
                self.order = None;
            }
        }
    }
}

/// One change to a client's overrides, as the app and the CLI make it: applied to the stored
/// overrides (`Clients::change_overrides`), which are then checked and stored as a whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum OverrideChange {
    /// Do these certifications first, in this order; replaces an earlier order.
    Order(ForcedOrder),
    /// Leave a framework out of the plan; replaces that framework's earlier exclusion.
    Exclude(Excluded),
    /// Start a framework no earlier than a date; replaces that framework's earlier date.
    NotBefore(NotBefore),
    /// Audit ISO/IEC 27001 and 42001 separately; replaces an earlier decline.
    DeclineIntegratedAudit(DeclinedIntegratedAudit),
    /// Accept the integrated audit again (drops the decline).
    AcceptIntegratedAudit,
    /// Drop the forced order.
    DropOrder,
    /// Drop one framework's exclusion.
    DropExclusion { framework: ScopeFramework },
    /// Drop one framework's start date.
    DropNotBefore { framework: ScopeFramework },
    /// Drop every override of one framework (see [`Overrides::clear`]), or, without one, all.
    Clear {
        #[serde(default)]
        #[ts(optional = nullable)]
        framework: Option<ScopeFramework>,
    },
}

impl Overrides {
    /// These overrides with `change` made; what it gives is checked when stored.
    pub fn apply(&mut self, change: OverrideChange) {
        match change {
            OverrideChange::Order(order) => self.order = Some(order),
            OverrideChange::Exclude(excluded) => {
                self.excluded.retain(|e| e.framework != excluded.framework);
                self.excluded.push(excluded);
            }
            OverrideChange::NotBefore(not_before) => {
                self.not_before.retain(|n| n.framework != not_before.framework);
                self.not_before.push(not_before);
            }
            OverrideChange::DeclineIntegratedAudit(declined) => self.integrated_audit_declined = Some(declined),
            OverrideChange::AcceptIntegratedAudit => self.integrated_audit_declined = None,
            OverrideChange::DropOrder => self.order = None,
            OverrideChange::DropExclusion { framework } => self.excluded.retain(|e| e.framework != framework),
            OverrideChange::DropNotBefore { framework } => self.not_before.retain(|n| n.framework != framework),
            OverrideChange::Clear { framework: Some(framework) } => self.clear(framework),
            OverrideChange::Clear { framework: None } => *self = Overrides::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DeclinedIntegratedAudit {
    pub reason: String,
}

/// The integrated ISO/IEC 27001 + 42001 audit the roadmap offers when both are planned: one
/// stage 1 and one stage 2 for both, then joint surveillance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IntegratedAudit {
    /// Whether the plan uses it (offered, not declined, and it misses no more deadlines).
    pub applied: bool,
    /// Auditor-days of the two initial audits done separately (estimate by head count).
    pub separate_initial_days: f64,
    /// The most an integrated initial audit may save, in auditor-days (estimate).
    pub initial_days_saved: f64,
    /// The most each joint surveillance audit may save, in auditor-days (estimate).
    pub surveillance_days_saved: f64,
    /// What it is, what it saves, that it is an estimate, and why it is or is not used.
    pub note: Text,
    /// Where the figures come from.
    pub source: String,
}

/// An override names a framework the recommendation rates; anything else (an unknown id, the EU
/// AI Act, an imported framework) is refused where it is read, at its field.
mod rated {
    use serde::{Deserialize, Deserializer};

    use crate::assessment::ScopeFramework;

    fn parse<E: serde::de::Error>(text: &str) -> Result<ScopeFramework, E> {
        ScopeFramework::parse_rated(text).ok_or_else(|| {
            let expected: Vec<&str> = ScopeFramework::RATED.iter().map(|f| f.as_str()).collect();
            E::custom(format!(
                "`{text}` is not a framework the recommendation rates (expected one of: {})",
                expected.join(", ")
            ))
        })
    }

    pub fn one<'de, D: Deserializer<'de>>(deserializer: D) -> Result<ScopeFramework, D::Error> {
        parse(&String::deserialize(deserializer)?)
    }

    pub fn many<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<ScopeFramework>, D::Error> {
        Vec::<String>::deserialize(deserializer)?.iter().map(|t| parse(t)).collect()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ForcedOrder {
    #[serde(deserialize_with = "rated::many")]
    pub frameworks: Vec<ScopeFramework>,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Excluded {
    #[serde(deserialize_with = "rated::one")]
    pub framework: ScopeFramework,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NotBefore {
    #[serde(deserialize_with = "rated::one")]
    pub framework: ScopeFramework,
    pub date: Date,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PhaseKind {
    /// A prohibited practice is taken off the market or redesigned.
    Stop,
    /// Building the controls a framework still lacks (consumes capacity).
    Implementation,
    /// Internal audit and management review before certification.
    Readiness,
    /// The auditor's work: certification audits, report fieldwork.
    Audit,
    /// A SOC 2 Type II observation window.
    Observation,
    /// EU AI Act measures that must be in place before an obligation applies.
    AiAct,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Phase {
    pub id: String,
    #[ts(optional = nullable)]
    pub framework: Option<ScopeFramework>,
    pub kind: PhaseKind,
    pub title: Text,
    pub start: Date,
    pub end: Date,
    /// Person-days of work in this phase (implementation only).
    pub effort_days: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneKind {
    /// Something the client can show: a certificate, a report; for the GDPR, NIS2 and the NIST
    /// AI RMF, the client's own "measures in place" (no certificate exists).
    Deliverable,
    /// A date a party set.
    Deadline,
    /// A date set by law.
    Regulatory,
    /// An audit date (ISO stage 1 and stage 2).
    Audit,
    /// Keeping a certificate or report current.
    Surveillance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RoadmapMilestone {
    pub id: String,
    #[ts(optional = nullable)]
    pub framework: Option<ScopeFramework>,
    pub kind: MilestoneKind,
    pub title: Text,
    pub date: Date,
    /// For a deadline: the plan delivers after it.
    pub missed: bool,
}

/// One possible order, simulated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OrderOption {
    pub order: Vec<ScopeFramework>,
    /// The first deliverable for the party that presses hardest, if anyone presses.
    #[ts(optional = nullable)]
    pub first_deliverable: Option<Date>,
    /// The last deliverable of the plan.
    #[ts(optional = nullable)]
    pub finish: Option<Date>,
    pub effort_days: f64,
    /// Deadlines this order misses, by the pressure's index in the profile.
    pub deadlines_missed: Vec<u32>,
    pub chosen: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EffortSummary {
    /// Remaining days of each planned framework done on its own.
    pub alone: Vec<FrameworkEffort>,
    /// Remaining days of all planned frameworks together, shared work once.
    pub together: f64,
    /// `sum(alone) - together`.
    pub saving: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FrameworkEffort {
    pub framework: ScopeFramework,
    pub days: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Roadmap {
    pub start: Date,
    pub capacity_days_per_week: f64,
    /// Frameworks to implement, in order.
    pub order: Vec<ScopeFramework>,
    /// Frameworks already held and current: kept up, not rebuilt.
    pub maintained: Vec<ScopeFramework>,
    pub phases: Vec<Phase>,
    pub milestones: Vec<RoadmapMilestone>,
    /// Every order considered, the chosen one marked.
    pub options: Vec<OrderOption>,
    /// Why this order, in a few sentences.
    pub why: Vec<Text>,
    pub effort: EffortSummary,
    /// The consultant's overrides that shaped this plan.
    pub overrides: Overrides,
    /// Offered when ISO/IEC 27001 and 42001 are both planned.
    #[ts(optional = nullable)]
    pub integrated_audit: Option<IntegratedAudit>,
}

pub struct PlanSettings {
    pub start: Date,
    pub capacity_days_per_week: f64,
}

/// The roadmap for a recommendation.
pub fn plan(
    profile: &ClientProfile,
    rec: &Recommendation,
    effort: &EffortTable,
    settings: &PlanSettings,
    lifecycle: &Lifecycle,
    overrides: &Overrides,
) -> Roadmap {
    let capacity = if settings.capacity_days_per_week > 0.0 {
        settings.capacity_days_per_week
    } else {
        lifecycle.planning.default_capacity_days_per_week
    };
    let excluded = |f: ScopeFramework| overrides.excluded.iter().any(|e| e.framework == f);
    let mut maintained = Vec::new();
    let mut planned = Vec::new();
    // The GDPR, NIS2 and the NIST AI RMF: no certificate, so no order to search; their own
    // phases follow the certification work, in this order, building only what it left.
    let mut measures = Vec::new();
    for v in &rec.frameworks {
        if excluded(v.framework) {
            continue;
        }
        if v.held.as_ref().is_some_and(|h| h.current) {
            maintained.push(v.framework);
        } else if v.need >= Need::Recommended {
            if v.framework.is_certification() {
                planned.push(v.framework);
            } else {
                measures.push(v.framework);
            }
        }
    }

    let ctx = Sim {
        profile,
        rec,
        effort,
        start: settings.start,
        capacity,
        lifecycle,
        overrides,
        maintained: &maintained,
        measures: &measures,
    };
    let primary = primary_pressure(profile, &planned);
    let offered = planned.contains(&ScopeFramework::Iso27001) && planned.contains(&ScopeFramework::Iso42001);
    let declined = overrides.integrated_audit_declined.is_some();
    let mut options: Vec<(OrderOption, Schedule)> = permutations(&planned)
        .into_iter()
        .map(|order| {
            let separate = ctx.simulate(&order, false);
            let schedule = if offered && !declined {
                // Integrated unless waiting for the joint audit misses a deadline separate
                // audits would meet.
                let joint = ctx.simulate(&order, true);
                if joint.missed.len() <= separate.missed.len() {
                    joint
                } else {
                    separate
                }
            } else {
                separate
            };
            let option = OrderOption {
                first_deliverable: primary.and_then(|(_, p)| schedule.delivery_for(p)),
                finish: schedule.finish(),
                effort_days: round1(effort.union(&order) - effort.union(&maintained).min(effort.union(&order))),
                deadlines_missed: schedule.missed.clone(),
                chosen: false,
                order,
            };
            (option, schedule)
        })
        .collect();

    let forced = overrides.order.as_ref().map(|o| complete_order(&o.frameworks, &planned));
    let chosen_index = match &forced {
        Some(order) => options.iter().position(|(o, _)| &o.order == order),
        None => None,
    }
    .unwrap_or_else(|| best(&options));
    if let Some((option, _)) = options.get_mut(chosen_index) {
        option.chosen = true;
    }
    let (chosen, schedule) =
        options.get(chosen_index).cloned().unwrap_or_else(|| (OrderOption::empty(), ctx.simulate(&[], false)));
    let integrated_audit = offered.then(|| integrated_audit(profile, lifecycle, overrides, schedule.integrated));

    let all_planned: Vec<ScopeFramework> = planned.iter().chain(&measures).copied().collect();
    let alone: Vec<FrameworkEffort> =
        all_planned.iter().map(|f| FrameworkEffort { framework: *f, days: round1(effort.alone(*f)) }).collect();
    let together = round1(effort.union(&all_planned));
    let saving = round1(alone.iter().map(|a| a.days).sum::<f64>() - together);
    let mut why = explain(profile, rec, &chosen, &options, forced.is_some(), saving, primary, &measures);
    if let Some(i) = &integrated_audit {
        why.push(i.note.clone());
    }
    why.extend(measures.iter().map(|f| measures_note(*f)));

    Roadmap {
        start: settings.start,
        capacity_days_per_week: capacity,
        order: chosen.order.clone(),
        maintained,
        phases: schedule.phases,
        milestones: schedule.milestones,
        options: options.into_iter().map(|(o, _)| o).collect(),
        why,
        effort: EffortSummary { alone, together, saving },
        overrides: overrides.clone(),
        integrated_audit,
    }
}

/// The integrated audit's estimate and the sentence that explains it.
fn integrated_audit(
    profile: &ClientProfile,
    lifecycle: &Lifecycle,
    overrides: &Overrides,
    applied: bool,
) -> IntegratedAudit {
    let facts = &lifecycle.integrated_audit;
    let separate = round1(2.0 * facts.initial_days(profile.employees));
    let saved = round1(separate * facts.max_reduction_share);
    let surveillance = round1(saved * facts.surveillance_share);
    let percent = (facts.max_reduction_share * 100.0).round();
    let offer_en = format!(
        "ISO/IEC 27001 and 42001 can be audited together: one stage 1 and one stage 2 audit for both, then joint surveillance. Separately the two initial audits take about {separate} auditor-days; an integrated audit may save up to {saved} of them, and up to {surveillance} at each surveillance audit. This is an estimate: the certification body sets the audit time, and IAF MD 11 allows it at most {percent:.0} % less than the sum, depending on how far the two systems are integrated."
    );
    let offer_de = format!(
        "ISO/IEC 27001 und 42001 können gemeinsam auditiert werden: ein Audit der Stufe 1 und eines der Stufe 2 für beide, danach gemeinsame Überwachungsaudits. Getrennt dauern die beiden Erstaudits etwa {} Auditorentage; ein integriertes Audit kann bis zu {} davon einsparen und bis zu {} bei jedem Überwachungsaudit. Das ist eine Schätzung: Die Zertifizierungsstelle legt die Auditzeit fest, und IAF MD 11 erlaubt höchstens {percent:.0} % weniger als die Summe, je nachdem, wie weit die beiden Systeme integriert sind.",
        de_number(separate),
        de_number(saved),
        de_number(surveillance)
    );
    let (en, de) = match (&overrides.integrated_audit_declined, applied) {
        (Some(d), _) => (
            format!("{offer_en} The consultant declined it: {}", d.reason),
            format!("{offer_de} Der Berater hat es abgelehnt: {}", d.reason),
        ),
        (None, true) => {
            (format!("{offer_en} The plan uses it (R4)."), format!("{offer_de} Der Plan sieht es vor (R4)."))
        }
        (None, false) => (
            format!(
                "{offer_en} The plan audits them separately, because waiting for a joint audit would miss a deadline."
            ),
            format!(
                "{offer_de} Der Plan auditiert sie getrennt, weil ein gemeinsames Audit eine Frist verpassen würde."
            ),
        ),
    };
    IntegratedAudit {
        applied,
        separate_initial_days: separate,
        initial_days_saved: saved,
        surveillance_days_saved: surveillance,
        note: Text::new(en, de),
        source: facts.source.clone(),
    }
}

/// `12.5` as `12,5`.
fn de_number(x: f64) -> String {
    x.to_string().replace('.', ",")
}

impl OrderOption {
    fn empty() -> OrderOption {
        OrderOption {
            order: Vec::new(),
            first_deliverable: None,
            finish: None,
            effort_days: 0.0,
            deadlines_missed: Vec::new(),
            chosen: true,
        }
    }
}

fn round1(x: f64) -> f64 {
    // `+ 0.0` turns a negative zero into zero.
    (x * 10.0).round() / 10.0 + 0.0
}

/// A forced order, completed with the planned frameworks it does not name, in their order.
fn complete_order(forced: &[ScopeFramework], planned: &[ScopeFramework]) -> Vec<ScopeFramework> {
    let named: Vec<ScopeFramework> = forced.iter().copied().filter(|f| planned.contains(f)).collect();
    let rest = planned.iter().copied().filter(|f| !named.contains(f));
    named.iter().copied().chain(rest).collect()
}

fn permutations(items: &[ScopeFramework]) -> Vec<Vec<ScopeFramework>> {
    if items.len() <= 1 {
        return vec![items.to_vec()];
    }
    let mut out = Vec::new();
    for (i, first) in items.iter().enumerate() {
        let mut rest = items.to_vec();
        rest.remove(i);
        for mut tail in permutations(&rest) {
            tail.insert(0, *first);
            out.push(tail);
        }
    }
    out
}

/// The best option: fewest deadlines missed, then the earliest first deliverable for the party
/// pressing hardest, then the earliest finish; ties keep the first (the verdict order).
fn best(options: &[(OrderOption, Schedule)]) -> usize {
    let far = Date::new(9999, 12, 31).unwrap_or_else(Date::today);
    let key = |o: &OrderOption| (o.deadlines_missed.len(), o.first_deliverable.unwrap_or(far), o.finish.unwrap_or(far));
    let mut best = 0;
    for (i, (o, _)) in options.iter().enumerate() {
        if let Some((b, _)) = options.get(best) {
            if key(o) < key(b) {
                best = i;
            }
        }
    }
    best
}

/// The pressure that decides the order (R5): blocked deals first, then the earliest deadline,
/// among those a planned framework answers.
fn primary_pressure<'p>(profile: &'p ClientProfile, planned: &[ScopeFramework]) -> Option<(usize, &'p Pressure)> {
    profile
        .pressures
        .iter()
        .enumerate()
        .filter(|(_, p)| framework_for(p).is_some_and(|f| planned.contains(&f)))
        .min_by_key(|(i, p)| (!p.deals_blocked, p.deadline.is_none(), p.deadline, *i))
}

/// The framework whose first deliverable answers a pressure.
fn framework_for(p: &Pressure) -> Option<ScopeFramework> {
    match p.asks_for {
        Ask::Soc2 => Some(ScopeFramework::Soc2),
        Ask::Iso27001 => Some(ScopeFramework::Iso27001),
        // An ask for AI governance or for AI Act compliance points at ISO/IEC 42001, the
        // management system that carries the work (R5); it is no proof of conformity.
        Ask::Iso42001 | Ask::AiGovernanceAssurance | Ask::AiActCompliance => Some(ScopeFramework::Iso42001),
        Ask::DataProtectionAssurance => Some(match p.party {
            Party::UsCustomers => ScopeFramework::Soc2,
            _ => ScopeFramework::Iso27001,
        }),
        Ask::NistAiRmf => Some(ScopeFramework::NistAiRmf),
        Ask::Other => None,
    }
}

/// A simulated plan.
#[derive(Debug, Clone, PartialEq)]
struct Schedule {
    phases: Vec<Phase>,
    milestones: Vec<RoadmapMilestone>,
    /// The first deliverable of each framework.
    first: Vec<(ScopeFramework, Date)>,
    missed: Vec<u32>,
    /// ISO/IEC 27001 and 42001 share one certification audit.
    integrated: bool,
}

impl Schedule {
    fn delivery_for(&self, p: &Pressure) -> Option<Date> {
        let framework = framework_for(p)?;
        self.first.iter().find(|(f, _)| *f == framework).map(|(_, d)| *d)
    }

    fn finish(&self) -> Option<Date> {
        self.first.iter().map(|(_, d)| *d).max()
    }
}

struct Sim<'a> {
    profile: &'a ClientProfile,
    rec: &'a Recommendation,
    effort: &'a EffortTable,
    start: Date,
    capacity: f64,
    lifecycle: &'a Lifecycle,
    overrides: &'a Overrides,
    maintained: &'a [ScopeFramework],
    /// The GDPR, NIS2 and the NIST AI RMF when planned: phases after the certification work.
    measures: &'a [ScopeFramework],
}

fn weeks(date: Date, weeks: u32) -> Date {
    date.plus_days(i64::from(weeks) * 7)
}

impl Sim<'_> {
    /// The plan for one order; `integrated` audits ISO/IEC 27001 and 42001 together once both
    /// are built.
    fn simulate(&self, order: &[ScopeFramework], integrated: bool) -> Schedule {
        let integrated =
            integrated && order.contains(&ScopeFramework::Iso27001) && order.contains(&ScopeFramework::Iso42001);
        let mut s =
            Schedule { phases: Vec::new(), milestones: Vec::new(), first: Vec::new(), missed: Vec::new(), integrated };
        let mut cursor = self.start;

        if !self.rec.stop_signs.is_empty() {
            let end = weeks(cursor, 2);
            s.phases.push(Phase {
                id: "stop".into(),
                framework: None,
                kind: PhaseKind::Stop,
                title: Text::new(
                    "Stop the prohibited practice before anything else",
                    "Die verbotene Praktik vor allem anderen beenden",
                ),
                start: cursor,
                end,
                effort_days: 0.0,
            });
            cursor = end;
        }

        for framework in self.maintained {
            self.maintain(*framework, &mut s);
        }

        let mut done: Vec<ScopeFramework> = self.maintained.to_vec();
        for framework in order {
            let days = self.effort.incremental(*framework, &done);
            let mut begin = cursor;
            if let Some(nb) = self.overrides.not_before.iter().find(|n| n.framework == *framework) {
                begin = begin.max(nb.date);
            }
            let work_weeks =
                ((days / self.capacity).ceil() as u32).max(self.lifecycle.planning.min_implementation_weeks);
            let built = weeks(begin, work_weeks);
            let key = framework.as_str();
            s.phases.push(Phase {
                id: format!("{key}-implementation"),
                framework: Some(*framework),
                kind: PhaseKind::Implementation,
                title: implementation_title(*framework, &done),
                start: begin,
                end: built,
                effort_days: round1(days),
            });
            match *framework {
                ScopeFramework::Soc2 => {
                    let delivered = self.soc2_audits(built, &mut s);
                    s.first.push((*framework, delivered));
                }
                ScopeFramework::Iso27001 | ScopeFramework::Iso42001 if integrated => {
                    let other = if *framework == ScopeFramework::Iso27001 {
                        ScopeFramework::Iso42001
                    } else {
                        ScopeFramework::Iso27001
                    };
                    // The first of the two waits for the second: one audit for both.
                    if done.contains(&other) {
                        let both = [ScopeFramework::Iso27001, ScopeFramework::Iso42001];
                        let delivered = self.iso_audits(&both, built, &mut s);
                        s.first.push((ScopeFramework::Iso27001, delivered));
                        s.first.push((ScopeFramework::Iso42001, delivered));
                    }
                }
                ScopeFramework::Iso27001 | ScopeFramework::Iso42001 => {
                    let delivered = self.iso_audits(&[*framework], built, &mut s);
                    s.first.push((*framework, delivered));
                }
                // The GDPR, NIS2 and the NIST AI RMF are never in the searched order (they get their
                // phases below); nothing the recommendation does not rate is planned.
                _ => s.first.push((*framework, built)),
            }
            cursor = built;
            done.push(*framework);
        }
        for framework in self.measures {
            cursor = self.measures_phase(*framework, cursor, &done, &mut s);
            done.push(*framework);
        }

        self.ai_act(&mut s);
        self.deadlines(&mut s);
        s.phases.sort_by_key(|p| (p.start, p.end));
        s.milestones.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
        s
    }

    /// The GDPR, NIS2 or the NIST AI RMF: building what the work before it left (the incremental
    /// effort over the controls already built), then the client's own milestone "measures in
    /// place"; no certificate exists. Returns when the work ends.
    fn measures_phase(
        &self,
        framework: ScopeFramework,
        cursor: Date,
        done: &[ScopeFramework],
        s: &mut Schedule,
    ) -> Date {
        let days = self.effort.incremental(framework, done);
        let mut begin = cursor;
        if let Some(nb) = self.overrides.not_before.iter().find(|n| n.framework == framework) {
            begin = begin.max(nb.date);
        }
        let work_weeks = ((days / self.capacity).ceil() as u32).max(self.lifecycle.planning.min_implementation_weeks);
        let built = weeks(begin, work_weeks);
        let key = framework.as_str();
        let name = framework.display_name();
        let (title, law) = match framework {
            ScopeFramework::Gdpr => (
                Text::new(
                    "GDPR: close the gaps in the data protection measures (the law applies already)",
                    "DSGVO: Lücken in den Datenschutzmaßnahmen schließen (das Gesetz gilt bereits)",
                ),
                true,
            ),
            ScopeFramework::Nis2 => (
                Text::new(
                    "NIS2: close the gaps in the cybersecurity risk-management and reporting measures (the law applies already)",
                    "NIS2: Lücken in Risikomanagement- und Meldemaßnahmen schließen (das Gesetz gilt bereits)",
                ),
                true,
            ),
            _ => (
                Text::new(
                    format!("{name}: add the AI risk-management practices still missing"),
                    format!("{name}: fehlende Praktiken des KI-Risikomanagements ergänzen"),
                ),
                false,
            ),
        };
        s.phases.push(Phase {
            id: format!("{key}-implementation"),
            framework: Some(framework),
            kind: PhaseKind::Implementation,
            title,
            start: begin,
            end: built,
            effort_days: round1(days),
        });
        let title = if law {
            Text::new(
                format!("{name} measures in place (the client's own milestone; no certificate exists, the law applied before)"),
                format!("{name}-Maßnahmen umgesetzt (eigener Meilenstein des Mandanten; es gibt kein Zertifikat, das Gesetz galt schon vorher)"),
            )
        } else {
            Text::new(
                format!("{name} practices in place (the client's own milestone; voluntary, no certificate exists)"),
                format!("{name}-Praktiken umgesetzt (eigener Meilenstein des Mandanten; freiwillig, es gibt kein Zertifikat)"),
            )
        };
        s.milestones.push(milestone(
            format!("{key}-in-place"),
            Some(framework),
            MilestoneKind::Deliverable,
            title,
            built,
        ));
        s.first.push((framework, built));
        built
    }

    /// ISO certification after the controls are built: readiness, stage 1, stage 2, decision,
    /// then yearly surveillance (R7). Returns the certificate date.
    fn iso_audits(&self, frameworks: &[ScopeFramework], built: Date, s: &mut Schedule) -> Date {
        let iso = &self.lifecycle.iso;
        let (key, name, framework) = audit_subject(frameworks);
        let stage1 = weeks(built, iso.internal_audit_weeks);
        s.phases.push(Phase {
            id: format!("{key}-readiness"),
            framework,
            kind: PhaseKind::Readiness,
            title: Text::new(
                format!("{}: internal audit and management review", name.en),
                format!("{}: internes Audit und Managementbewertung", name.de),
            ),
            start: built,
            end: stage1,
            effort_days: 0.0,
        });
        let stage2 = weeks(stage1, iso.stage1_to_stage2_weeks);
        let certificate = weeks(stage2, iso.certification_decision_weeks);
        s.phases.push(Phase {
            id: format!("{key}-certification"),
            framework,
            kind: PhaseKind::Audit,
            title: Text::new(
                format!("{}: stage 1 and stage 2 certification audits", name.en),
                format!("{}: Zertifizierungsaudit Stufe 1 und Stufe 2", name.de),
            ),
            start: stage1,
            end: certificate,
            effort_days: 0.0,
        });
        s.milestones.push(milestone(
            format!("{key}-stage1"),
            framework,
            MilestoneKind::Audit,
            Text::new(format!("{} stage 1 audit", name.en), format!("{}: Audit Stufe 1", name.de)),
            stage1,
        ));
        s.milestones.push(milestone(
            format!("{key}-stage2"),
            framework,
            MilestoneKind::Audit,
            Text::new(format!("{} stage 2 audit", name.en), format!("{}: Audit Stufe 2", name.de)),
            stage2,
        ));
        for f in frameworks {
            let name = f.display_name();
            // One certificate per standard, even from a joint audit.
            s.milestones.push(milestone(
                format!("{}-certificate", f.as_str()),
                Some(*f),
                MilestoneKind::Deliverable,
                Text::new(format!("{} certificate", name), format!("{}-Zertifikat", name.replace(' ', "-"))),
                certificate,
            ));
        }
        self.iso_cycle(frameworks, certificate, s);
        certificate
    }

    /// Surveillance audits and recertification after a certificate date.
    fn iso_cycle(&self, frameworks: &[ScopeFramework], certified: Date, s: &mut Schedule) {
        let iso = &self.lifecycle.iso;
        let (key, name, framework) = audit_subject(frameworks);
        let years = iso.cycle_months / iso.surveillance_months.max(1);
        for n in 1..years {
            let date = certified.plus_months((n * iso.surveillance_months) as i32);
            if date >= self.start {
                s.milestones.push(milestone(
                    format!("{key}-surveillance-{n}"),
                    framework,
                    MilestoneKind::Surveillance,
                    Text::new(
                        format!("{} surveillance audit {n}", name.en),
                        format!("{}: Überwachungsaudit {n}", name.de),
                    ),
                    date,
                ));
            }
        }
        s.milestones.push(milestone(
            format!("{key}-recertification"),
            framework,
            MilestoneKind::Surveillance,
            Text::new(format!("{} recertification due", name.en), format!("{}: Rezertifizierung fällig", name.de)),
            certified.plus_months(iso.cycle_months as i32),
        ));
    }

    /// SOC 2 after the controls are built: Type I report, then a Type II window and report, or
    /// the next Type II period when a report is held (R7). Returns the first report date.
    fn soc2_audits(&self, built: Date, s: &mut Schedule) -> Date {
        let c = &self.lifecycle.soc2;
        let path = self
            .rec
            .frameworks
            .iter()
            .find_map(|v| v.soc2.as_ref().map(|p| p.path))
            .unwrap_or(Soc2Path::Type1ThenType2);
        let mut first = None;
        if path == Soc2Path::Type1ThenType2 {
            let type1 = weeks(built, c.type1_report_weeks);
            s.phases.push(Phase {
                id: "soc2-type1".into(),
                framework: Some(ScopeFramework::Soc2),
                kind: PhaseKind::Audit,
                title: Text::new("SOC 2 Type I examination and report", "SOC-2-Typ-I-Prüfung und Bericht"),
                start: built,
                end: type1,
                effort_days: 0.0,
            });
            s.milestones.push(milestone(
                "soc2-type1-report".into(),
                Some(ScopeFramework::Soc2),
                MilestoneKind::Deliverable,
                Text::new("SOC 2 Type I report", "SOC-2-Typ-I-Bericht"),
                type1,
            ));
            first = Some(type1);
        }
        let window_start = match (path, self.held_soc2_period_end()) {
            (Soc2Path::RenewType2, Some(end)) => end.max(built).max(self.start),
            _ => built,
        };
        let window_months = if path == Soc2Path::RenewType2 { c.renewal_months } else { c.first_window_months };
        let window_end = window_start.plus_months(window_months as i32);
        let type2 = weeks(window_end, c.type2_report_weeks);
        s.phases.push(Phase {
            id: "soc2-observation".into(),
            framework: Some(ScopeFramework::Soc2),
            kind: PhaseKind::Observation,
            title: Text::new(
                format!("SOC 2 Type II observation window ({window_months} months)"),
                format!("SOC-2-Typ-II-Beobachtungszeitraum ({window_months} Monate)"),
            ),
            start: window_start,
            end: window_end,
            effort_days: 0.0,
        });
        s.phases.push(Phase {
            id: "soc2-type2".into(),
            framework: Some(ScopeFramework::Soc2),
            kind: PhaseKind::Audit,
            title: Text::new("SOC 2 Type II examination and report", "SOC-2-Typ-II-Prüfung und Bericht"),
            start: window_end,
            end: type2,
            effort_days: 0.0,
        });
        s.milestones.push(milestone(
            "soc2-type2-report".into(),
            Some(ScopeFramework::Soc2),
            MilestoneKind::Deliverable,
            Text::new("SOC 2 Type II report", "SOC-2-Typ-II-Bericht"),
            type2,
        ));
        s.milestones.push(milestone(
            "soc2-renewal".into(),
            Some(ScopeFramework::Soc2),
            MilestoneKind::Surveillance,
            Text::new("Next SOC 2 Type II period ends", "Nächster SOC-2-Typ-II-Zeitraum endet"),
            window_end.plus_months(c.renewal_months as i32),
        ));
        first.unwrap_or(type2)
    }

    fn held_soc2_period_end(&self) -> Option<Date> {
        self.profile
            .certifications
            .iter()
            .filter_map(|c| match c {
                Certification::Soc2 { period_end, .. } => Some(*period_end),
                _ => None,
            })
            .max()
    }

    /// Keeping a held, current certificate or report current.
    fn maintain(&self, framework: ScopeFramework, s: &mut Schedule) {
        match framework {
            ScopeFramework::Soc2 => {
                if let Some(end) = self.held_soc2_period_end() {
                    let c = &self.lifecycle.soc2;
                    let mut period_end = end;
                    while period_end < self.start {
                        period_end = period_end.plus_months(c.renewal_months as i32);
                    }
                    s.milestones.push(milestone(
                        "soc2-renewal".into(),
                        Some(framework),
                        MilestoneKind::Surveillance,
                        Text::new("Current SOC 2 period ends", "Laufender SOC-2-Zeitraum endet"),
                        period_end,
                    ));
                    s.milestones.push(milestone(
                        "soc2-next-report".into(),
                        Some(framework),
                        MilestoneKind::Deliverable,
                        Text::new("Next SOC 2 Type II report", "Nächster SOC-2-Typ-II-Bericht"),
                        weeks(period_end, c.type2_report_weeks),
                    ));
                }
            }
            ScopeFramework::Iso27001 | ScopeFramework::Iso42001 => {
                let certified = self.profile.certifications.iter().find_map(|c| match (framework, c) {
                    (ScopeFramework::Iso27001, Certification::Iso27001 { certified_on, .. })
                    | (ScopeFramework::Iso42001, Certification::Iso42001 { certified_on, .. }) => Some(*certified_on),
                    _ => None,
                });
                if let Some(certified) = certified {
                    self.iso_cycle(&[framework], certified, s);
                }
            }
            // Nothing is held of the others: no certificate exists.
            _ => {}
        }
    }

    /// EU AI Act measures for each system, due before its first obligation that is not yet in
    /// force, and the regulatory dates themselves.
    fn ai_act(&self, s: &mut Schedule) {
        let mut dates: Vec<Date> = Vec::new();
        // A party that asks for EU AI Act compliance by a date still ahead moves the measures'
        // due date forward to that date; the law's own dates stay as they are.
        let asked_by = self
            .profile
            .pressures
            .iter()
            .filter(|p| p.asks_for == Ask::AiActCompliance)
            .filter_map(|p| p.deadline)
            .filter(|d| *d >= self.start)
            .min();
        for (i, system) in self.rec.ai_act.iter().enumerate() {
            if system.stop {
                continue;
            }
            let in_force_open = system.obligations.iter().any(|o| o.in_force);
            if let Some(next) = system.obligations.iter().find(|o| !o.in_force) {
                let title = match asked_by.filter(|d| *d < next.applies_from) {
                    Some(asked) => Text::new(
                        format!(
                            "EU AI Act measures for {} (due {} as asked; the obligations apply from {})",
                            system.system,
                            asked.long_en(),
                            next.applies_from.long_en()
                        ),
                        format!(
                            "Maßnahmen nach der KI-Verordnung für {} (fällig am {} wie gefordert; die Pflichten gelten ab dem {})",
                            system.system,
                            asked.long_de(),
                            next.applies_from.long_de()
                        ),
                    ),
                    None => Text::new(
                        format!("EU AI Act measures for {} (due {})", system.system, next.applies_from.long_en()),
                        format!(
                            "Maßnahmen nach der KI-Verordnung für {} (fällig am {})",
                            system.system,
                            next.applies_from.long_de()
                        ),
                    ),
                };
                let due = asked_by.map_or(next.applies_from, |asked| asked.min(next.applies_from));
                s.phases.push(Phase {
                    id: format!("ai-act-{i}"),
                    framework: None,
                    kind: PhaseKind::AiAct,
                    title,
                    start: self.start,
                    end: due.max(self.start),
                    effort_days: 0.0,
                });
            } else if in_force_open {
                s.phases.push(Phase {
                    id: format!("ai-act-{i}"),
                    framework: None,
                    kind: PhaseKind::AiAct,
                    title: Text::new(
                        format!("EU AI Act duties already in force for {}: close gaps now", system.system),
                        format!(
                            "Bereits geltende Pflichten nach der KI-Verordnung für {}: Lücken jetzt schließen",
                            system.system
                        ),
                    ),
                    start: self.start,
                    end: weeks(self.start, self.lifecycle.planning.min_implementation_weeks * 2),
                    effort_days: 0.0,
                });
            }
            for o in &system.obligations {
                if !o.in_force && !dates.contains(&o.applies_from) {
                    dates.push(o.applies_from);
                }
            }
        }
        for date in dates {
            s.milestones.push(milestone(
                format!("ai-act-{date}"),
                None,
                MilestoneKind::Regulatory,
                Text::new(
                    format!("EU AI Act obligations apply from {}", date.long_en()),
                    format!("Pflichten nach der KI-Verordnung gelten ab dem {}", date.long_de()),
                ),
                date,
            ));
        }
    }

    /// The parties' deadlines, marked missed when the plan delivers after them.
    fn deadlines(&self, s: &mut Schedule) {
        for (i, p) in self.profile.pressures.iter().enumerate() {
            let Some(deadline) = p.deadline else { continue };
            let framework = framework_for(p);
            let maintained = framework.is_some_and(|f| self.maintained.contains(&f));
            // An AI Act ask is met by the management system when ISO/IEC 42001 is planned, else
            // by the AI Act measures of the systems.
            let delivered = s.delivery_for(p).or_else(|| {
                (p.asks_for == Ask::AiActCompliance)
                    .then(|| s.phases.iter().filter(|ph| ph.kind == PhaseKind::AiAct).map(|ph| ph.end).max())
                    .flatten()
            });
            // A deadline already past is missed whatever is planned; a planned framework misses
            // it when its first deliverable comes later.
            let missed = !maintained && (deadline < self.start || delivered.is_some_and(|d| d > deadline));
            if missed {
                s.missed.push(i as u32);
            }
            let (what_en, what_de) = match (p.asks_for, framework) {
                (Ask::AiActCompliance, _) => ("EU AI Act compliance", "Konformität mit der KI-Verordnung"),
                (_, Some(f)) => (f.display_name(), f.display_name()),
                (_, None) => ("assurance", "Nachweise"),
            };
            s.milestones.push(RoadmapMilestone {
                id: format!("deadline-{i}"),
                framework,
                kind: MilestoneKind::Deadline,
                title: Text::new(
                    format!("Deadline: {what_en}, asked by {}", p.party.name_en()),
                    format!("Frist: {what_de}, gefordert von {}", p.party.name_de_dative()),
                ),
                date: deadline,
                missed,
            });
        }
    }
}

/// The id prefix, the name and the framework of an ISO audit of one standard, or of both
/// (integrated: prefix `integrated`, no single framework).
fn audit_subject(frameworks: &[ScopeFramework]) -> (String, Text, Option<ScopeFramework>) {
    match frameworks {
        [one] => (one.as_str().to_owned(), Text::new(one.display_name(), one.display_name()), Some(*one)),
        _ => (
            "integrated".to_owned(),
            Text::new("ISO/IEC 27001 + 42001 (integrated audit)", "ISO/IEC 27001 + 42001 (integriertes Audit)"),
            None,
        ),
    }
}

fn milestone(
    id: String,
    framework: Option<ScopeFramework>,
    kind: MilestoneKind,
    title: Text,
    date: Date,
) -> RoadmapMilestone {
    RoadmapMilestone { id, framework, kind, title, date, missed: false }
}

fn implementation_title(framework: ScopeFramework, done: &[ScopeFramework]) -> Text {
    let name = framework.display_name();
    match (framework, done.is_empty()) {
        (ScopeFramework::Soc2, _) => {
            Text::new("SOC 2 readiness: build the missing controls", "SOC-2-Bereitschaft: fehlende Kontrollen aufbauen")
        }
        (_, true) => Text::new(
            format!("{name}: build the management system and missing controls"),
            format!("{name}: Managementsystem und fehlende Maßnahmen aufbauen"),
        ),
        (_, false) => Text::new(
            format!("{name}: extend what is in place with the missing controls"),
            format!("{name}: Bestehendes um die fehlenden Maßnahmen erweitern"),
        ),
    }
}

/// What the phases of the GDPR, NIS2 or NIST AI RMF are, said once in the roadmap's reasons.
fn measures_note(framework: ScopeFramework) -> Text {
    match framework {
        ScopeFramework::Gdpr => Text::new(
            "The GDPR applies already: its phase after the certification work builds only what that work leaves (records of processing, data subject rights, breach notification and the like); the milestone is the client's own, as no certificate exists (R17).",
            "Die DSGVO gilt bereits: Ihre Phase nach der Zertifizierungsarbeit baut nur auf, was diese offen lässt (Verzeichnis der Verarbeitungstätigkeiten, Betroffenenrechte, Meldung von Datenpannen und Ähnliches); der Meilenstein ist ein eigener des Mandanten, da es kein Zertifikat gibt (R17).",
        ),
        ScopeFramework::Nis2 => Text::new(
            "NIS2 applies already through national law: its phase after the certification work builds only what that work leaves (incident reporting, registration and the like); the milestone is the client's own, as no certificate exists (R18).",
            "NIS2 gilt bereits über das nationale Recht: Ihre Phase nach der Zertifizierungsarbeit baut nur auf, was diese offen lässt (Meldung von Vorfällen, Registrierung und Ähnliches); der Meilenstein ist ein eigener des Mandanten, da es kein Zertifikat gibt (R18).",
        ),
        _ => Text::new(
            "The NIST AI RMF is voluntary: its phase comes after the certification work and builds only what that work leaves; the milestone is the client's own, as no certificate exists (R19).",
            "Das NIST AI RMF ist freiwillig: Seine Phase folgt der Zertifizierungsarbeit und baut nur auf, was diese offen lässt; der Meilenstein ist ein eigener des Mandanten, da es kein Zertifikat gibt (R19).",
        ),
    }
}

/// Why the chosen order, compared with the others (R5).
#[allow(clippy::too_many_arguments)]
fn explain(
    profile: &ClientProfile,
    rec: &Recommendation,
    chosen: &OrderOption,
    options: &[(OrderOption, Schedule)],
    forced: bool,
    saving: f64,
    primary: Option<(usize, &Pressure)>,
    measures: &[ScopeFramework],
) -> Vec<Text> {
    let mut why = Vec::new();
    if !rec.stop_signs.is_empty() {
        why.push(Text::new(
            "A prohibited practice comes first: nothing else matters until it is off the EU market or redesigned.",
            "Eine verbotene Praktik hat Vorrang: Bis sie vom EU-Markt genommen oder umgestaltet ist, zählt nichts anderes.",
        ));
    }
    let names = |order: &[ScopeFramework]| order.iter().map(|f| f.display_name()).collect::<Vec<_>>().join(" → ");
    if chosen.order.is_empty() {
        let held_any = rec.frameworks.iter().any(|v| v.held.as_ref().is_some_and(|h| h.current));
        let ai_act_work = rec.ai_act.iter().any(|s| !s.stop && !s.obligations.is_empty());
        let names_of_measures = names(measures);
        why.push(if !measures.is_empty() && ai_act_work {
            Text::new(
                format!("Nothing to certify now: no certification or report is called for at present; the work is the measures of {names_of_measures} and the EU AI Act measures of the AI systems, by the dates shown."),
                format!("Derzeit ist nichts zu zertifizieren: Keine Zertifizierung und kein Bericht ist angezeigt; zu tun sind die Maßnahmen nach {names_of_measures} und die Maßnahmen nach der KI-Verordnung für die KI-Systeme, zu den genannten Terminen."),
            )
        } else if !measures.is_empty() {
            Text::new(
                format!("Nothing to certify now: no certification or report is called for at present; the work is the measures of {names_of_measures}."),
                format!("Derzeit ist nichts zu zertifizieren: Keine Zertifizierung und kein Bericht ist angezeigt; zu tun sind die Maßnahmen nach {names_of_measures}."),
            )
        } else if ai_act_work {
            Text::new(
                "Nothing to certify now: no certification or report is called for at present; the work is the EU AI Act measures of the AI systems, by the dates shown.",
                "Derzeit ist nichts zu zertifizieren: Keine Zertifizierung und kein Bericht ist angezeigt; zu tun sind die Maßnahmen nach der KI-Verordnung für die KI-Systeme, zu den genannten Terminen.",
            )
        } else if held_any {
            Text::new(
                "Nothing needs to be built now: the plan keeps what is held current.",
                "Derzeit ist nichts aufzubauen: Der Plan hält das Vorhandene aktuell.",
            )
        } else {
            Text::new(
                "Nothing needs to be built now: no certification or report is called for at present.",
                "Derzeit ist nichts aufzubauen: Aktuell ist keine Zertifizierung und kein Bericht angezeigt.",
            )
        });
        return why;
    }
    if forced {
        why.push(Text::new(
            format!("The consultant set the order {} (see overrides).", names(&chosen.order)),
            format!(
                "Die Reihenfolge {} wurde vom Berater festgelegt (siehe Vorgaben des Beraters).",
                names(&chosen.order)
            ),
        ));
    } else if let Some((_, p)) = primary {
        let first = chosen.order[0].display_name();
        let blocked_en = if p.deals_blocked { ", with deals blocked" } else { "" };
        let blocked_de = if p.deals_blocked { ", und Geschäfte sind blockiert" } else { "" };
        why.push(Text::new(
            format!(
                "{} {} hardest ({}{blocked_en}), so {first} leads (R5).",
                capitalise(p.party.name_en()),
                if p.party.is_plural() { "press" } else { "presses" },
                ask_en(p.asks_for)
            ),
            format!(
                "Der stärkste Druck kommt von {} ({}{blocked_de}), daher beginnt {first} (R5).",
                p.party.name_de_dative(),
                ask_de(p.asks_for)
            ),
        ));
    } else {
        why.push(Text::new(
            format!("Nobody presses for a date, so the order {} finishes soonest.", names(&chosen.order)),
            format!(
                "Niemand drängt auf einen Termin, daher ist die Reihenfolge {} am schnellsten abgeschlossen.",
                names(&chosen.order)
            ),
        ));
    }
    if let (Some(mine), true) = (chosen.first_deliverable, options.len() > 1) {
        let worst = options.iter().filter_map(|(o, _)| o.first_deliverable).max();
        if let Some(worst) = worst.filter(|w| *w > mine) {
            let weeks = mine.days_until(worst) / 7;
            why.push(Text::new(
                format!(
                    "The first deliverable for them arrives on {}, {weeks} weeks sooner than in the slowest order.",
                    mine.long_en()
                ),
                format!(
                    "Das erste Ergebnis für sie liegt am {} vor, {weeks} Wochen früher als in der langsamsten Reihenfolge.",
                    mine.long_de()
                ),
            ));
        }
    }
    let missed = chosen.deadlines_missed.len();
    let fewest_possible = options.iter().map(|(o, _)| o.deadlines_missed.len()).min().unwrap_or(0);
    if missed == 0 {
        why.push(Text::new("This order misses no deadline.", "Diese Reihenfolge verpasst keine Frist."));
    } else {
        let deadlines: Vec<(Date, Party, Ask)> = chosen
            .deadlines_missed
            .iter()
            .filter_map(|i| profile.pressures.get(*i as usize))
            .filter_map(|p| p.deadline.map(|d| (d, p.party, p.asks_for)))
            .collect();
        let list_en: Vec<String> = deadlines
            .iter()
            .map(|(d, party, ask)| format!("{} of {} ({})", d.long_en(), party.name_en(), ask_short_en(*ask)))
            .collect();
        let list_de: Vec<String> = deadlines
            .iter()
            .map(|(d, party, ask)| format!("{} von {} ({})", d.long_de(), party.name_de_dative(), ask_short_de(*ask)))
            .collect();
        let (count_en, count_de) = if missed == 1 {
            ("1 deadline".to_owned(), "1 Frist".to_owned())
        } else {
            (format!("{missed} deadlines"), format!("{missed} Fristen"))
        };
        why.push(Text::new(
            format!(
                "MISSED: this order misses {count_en}: {}{}; agree new dates with the parties concerned.",
                list_en.join("; "),
                if missed == fewest_possible { ", as every other order would too" } else { "" }
            ),
            format!(
                "VERPASST: Diese Reihenfolge verpasst {count_de}: {}{}; neue Termine mit den Beteiligten vereinbaren.",
                list_de.join("; "),
                if missed == fewest_possible { ", wie jede andere Reihenfolge auch" } else { "" }
            ),
        ));
    }
    if saving > 0.0 {
        why.push(Text::new(
            format!("Shared controls are built once: together the frameworks need {saving} person-days less than one by one (R4)."),
            format!(
                "Gemeinsame Maßnahmen werden einmal umgesetzt: Zusammen brauchen die Regelwerke {} Personentage weniger als einzeln (R4).",
                de_number(saving)
            ),
        ));
    }
    why
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

fn ask_en(ask: Ask) -> &'static str {
    match ask {
        Ask::Soc2 => "asking for a SOC 2 report",
        Ask::Iso27001 => "asking for ISO/IEC 27001",
        Ask::Iso42001 => "asking for ISO/IEC 42001",
        Ask::AiActCompliance => "asking for EU AI Act compliance",
        Ask::DataProtectionAssurance => "asking how their data is protected",
        Ask::AiGovernanceAssurance => "asking how AI is governed",
        Ask::NistAiRmf => "asking for the NIST AI RMF",
        Ask::Other => "asking for assurance",
    }
}

fn ask_short_en(ask: Ask) -> &'static str {
    match ask {
        Ask::Soc2 => "SOC 2",
        Ask::Iso27001 => "ISO/IEC 27001",
        Ask::Iso42001 => "ISO/IEC 42001",
        Ask::AiActCompliance => "EU AI Act compliance",
        Ask::DataProtectionAssurance => "data protection",
        Ask::AiGovernanceAssurance => "AI governance",
        Ask::NistAiRmf => "NIST AI RMF",
        Ask::Other => "assurance",
    }
}

fn ask_short_de(ask: Ask) -> &'static str {
    match ask {
        Ask::Soc2 => "SOC 2",
        Ask::Iso27001 => "ISO/IEC 27001",
        Ask::Iso42001 => "ISO/IEC 42001",
        Ask::AiActCompliance => "Konformität mit der KI-Verordnung",
        Ask::DataProtectionAssurance => "Datenschutz",
        Ask::AiGovernanceAssurance => "KI-Governance",
        Ask::NistAiRmf => "NIST AI RMF",
        Ask::Other => "Nachweise",
    }
}

fn ask_de(ask: Ask) -> &'static str {
    match ask {
        Ask::Soc2 => "Forderung nach einem SOC-2-Bericht",
        Ask::Iso27001 => "Forderung nach ISO/IEC 27001",
        Ask::Iso42001 => "Forderung nach ISO/IEC 42001",
        Ask::AiActCompliance => "Forderung nach Konformität mit der KI-Verordnung",
        Ask::DataProtectionAssurance => "Frage nach dem Schutz ihrer Daten",
        Ask::AiGovernanceAssurance => "Frage nach der Steuerung von KI",
        Ask::NistAiRmf => "Forderung nach dem NIST AI RMF",
        Ask::Other => "Forderung nach Nachweisen",
    }
}
