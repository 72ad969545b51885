//! What the assessment screens, the analysis, the Statement of Applicability, the history and the
//! portfolio overview return. Every type here crosses into the frontend (ts-rs).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ClientScope, ControlStatus, RequirementStatus, ScopeFramework};
use crate::catalog::{Effort, Relationship, Text};
use crate::domain::{ClientId, Date};

/// How much a partially met requirement counts towards readiness when nothing else is said.
pub const DEFAULT_PARTIAL_WEIGHT: f64 = 0.5;

/// How to analyse.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct AnalysisSettings {
    /// The date to judge on: the default scope and the pressures depend on it.
    pub today: Date,
    /// How much a partially met requirement counts (0 to 1); `None` for 0.5.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub partial_weight: Option<f64>,
}

impl AnalysisSettings {
    pub fn new(today: Date) -> AnalysisSettings {
        AnalysisSettings { today, partial_weight: None }
    }

    /// The weight of a partial requirement, checked: a number from 0 to 1.
    pub fn weight(&self) -> crate::Result<f64> {
        match self.partial_weight {
            None => Ok(DEFAULT_PARTIAL_WEIGHT),
            Some(w) if (0.0..=1.0).contains(&w) => Ok(w),
            Some(w) => Err(crate::Error::invalid("partial_weight", format!("{w} is not a number from 0 to 1"))),
        }
    }
}

/// How a new assessment starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssessmentStart {
    /// Nothing recorded.
    Empty,
    /// A copy of the latest assessment dated before the new one (statuses, notes, evidence links).
    FromPrevious,
}

/// One dated assessment of a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AssessmentInfo {
    #[ts(type = "number")]
    pub id: i64,
    pub date: Date,
    /// The latest assessment of the client.
    pub current: bool,
    /// Controls with something recorded (a status other than not assessed, or a note).
    pub recorded: u32,
    pub created_at: String,
    pub updated_at: String,
}

/// One control as recorded in an assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecordedEntry {
    pub control_id: String,
    pub status: ControlStatus,
    pub notes: String,
    pub evidence: Vec<String>,
    pub owner: String,
    #[ts(optional = nullable)]
    pub due: Option<Date>,
    pub justification: String,
    /// When it was last written; `None` for a control nothing is recorded for.
    #[ts(optional = nullable)]
    pub updated_at: Option<String>,
}

/// One control of a client's scope with what is recorded for it: a row of the assessment grid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AssessmentRow {
    pub control_id: String,
    pub title: Text,
    pub domain: String,
    pub domain_name: Text,
    pub effort: Effort,
    /// Person-days to build it from nothing (`planning.effort_days` of the lifecycle facts).
    pub effort_days: f64,
    /// Person-days still to do given its status.
    pub remaining_days: f64,
    /// The frameworks in scope it serves.
    pub frameworks: Vec<ScopeFramework>,
    /// How many requirements in scope it serves.
    pub requirements: u32,
    /// The consultant's own control.
    pub custom: bool,
    pub status: ControlStatus,
    pub notes: String,
    pub evidence: Vec<String>,
    pub owner: String,
    #[ts(optional = nullable)]
    pub due: Option<Date>,
    pub justification: String,
    #[ts(optional = nullable)]
    pub updated_at: Option<String>,
}

/// A client's current assessment: its scope and every control in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AssessmentView {
    pub client_id: ClientId,
    pub client_name: String,
    pub scope: ClientScope,
    /// `None` before the first assessment (every control then reads not assessed).
    #[ts(optional = nullable)]
    pub assessment: Option<AssessmentInfo>,
    /// Controls serving something in scope, in catalogue order (custom controls last).
    pub rows: Vec<AssessmentRow>,
}

/// Requirement counts by status and the readiness they give.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Readiness {
    /// Assessable requirements in scope.
    pub requirements: u32,
    pub met: u32,
    pub partial: u32,
    /// Neither met nor partial; includes those not assessed yet.
    pub unmet: u32,
    pub not_applicable: u32,
    /// Of `unmet`: requirements no applicable control of which has been assessed yet.
    pub not_assessed: u32,
    /// `requirements - not_applicable`.
    pub applicable: u32,
    /// `100 × (met + weight × partial) / applicable`, one decimal; `None` when nothing applies.
    #[ts(optional = nullable)]
    pub percent: Option<f64>,
    /// `100 × not_assessed / applicable`, one decimal: how much of the picture is still unknown.
    #[ts(optional = nullable)]
    pub not_assessed_percent: Option<f64>,
}

/// Requirement counts by status, before the readiness they give ([`Readiness::from_counts`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatusCounts {
    pub met: u32,
    pub partial: u32,
    /// Neither met nor partial; includes those not assessed yet.
    pub unmet: u32,
    pub not_applicable: u32,
    /// Of `unmet`: those no applicable control of which has been assessed yet.
    pub not_assessed: u32,
}

impl StatusCounts {
    /// Met, partial and unmet: the requirements readiness is a share of.
    pub fn applicable(&self) -> u32 {
        self.met + self.partial + self.unmet
    }

    /// `100 × (met + partial_weight × partial) / applicable`, not rounded (for a figure shown
    /// rounded further, such as the report's whole percentages); `None` when nothing applies.
    pub fn percent(&self, partial_weight: f64) -> Option<f64> {
        exact_percent(f64::from(self.met) + partial_weight * f64::from(self.partial), f64::from(self.applicable()))
    }
}

impl std::ops::AddAssign for StatusCounts {
    fn add_assign(&mut self, other: StatusCounts) {
        self.met += other.met;
        self.partial += other.partial;
        self.unmet += other.unmet;
        self.not_applicable += other.not_applicable;
        self.not_assessed += other.not_assessed;
    }
}

/// `100 × part / whole` to one decimal, halves away from zero; `None` when `whole` is 0. The one
/// rounding of every readiness figure: the SQL queries call it as `one_decimal_percent` (every
/// connection has it, see `store::configure`).
pub fn one_decimal_percent(part: f64, whole: f64) -> Option<f64> {
    exact_percent(part, whole).map(|p| (p * 10.0).round() / 10.0)
}

/// `100 × part / whole`, not rounded; `None` when `whole` is 0.
fn exact_percent(part: f64, whole: f64) -> Option<f64> {
    (whole != 0.0).then(|| 100.0 * part / whole)
}

impl Readiness {
    /// The readiness that `counts` give, a partial requirement counting `partial_weight`.
    pub fn from_counts(counts: StatusCounts, partial_weight: f64) -> Readiness {
        let StatusCounts { met, partial, unmet, not_applicable, not_assessed } = counts;
        let applicable = counts.applicable();
        Readiness {
            requirements: applicable + not_applicable,
            met,
            partial,
            unmet,
            not_applicable,
            not_assessed,
            applicable,
            percent: one_decimal_percent(f64::from(met) + partial_weight * f64::from(partial), f64::from(applicable)),
            not_assessed_percent: one_decimal_percent(f64::from(not_assessed), f64::from(applicable)),
        }
    }

    /// Nothing in scope.
    pub fn empty() -> Readiness {
        Readiness {
            requirements: 0,
            met: 0,
            partial: 0,
            unmet: 0,
            not_applicable: 0,
            not_assessed: 0,
            applicable: 0,
            percent: None,
            not_assessed_percent: None,
        }
    }
}

/// Readiness of a part of a framework: a clause, an Annex A theme or objective, a SOC 2 category
/// or series, an EU AI Act chapter or section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SectionReadiness {
    pub id: String,
    pub title: Text,
    /// 0 for a top-level entry, 1 for one under it.
    pub depth: u32,
    pub readiness: Readiness,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FrameworkReadiness {
    pub framework: ScopeFramework,
    pub name: String,
    pub readiness: Readiness,
    /// Top-level entries and those one level below them, in the framework's order, each with the
    /// requirements in scope beneath it.
    pub sections: Vec<SectionReadiness>,
}

/// Control statuses within one control domain of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DomainProgress {
    pub domain: String,
    pub name: Text,
    pub controls: u32,
    pub implemented: u32,
    pub partially_implemented: u32,
    pub not_implemented: u32,
    pub not_applicable: u32,
    pub not_assessed: u32,
}

/// A control still to be built or finished, ranked (docs/analysis.md, "Ranking the gaps").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GapItem {
    /// 1 for the most important gap.
    pub rank: u32,
    pub control_id: String,
    pub title: Text,
    pub domain: String,
    pub effort: Effort,
    /// not_implemented, partially_implemented or not_assessed.
    pub status: ControlStatus,
    pub remaining_days: f64,
    /// The frameworks in scope it serves.
    pub frameworks: Vec<ScopeFramework>,
    /// The sum of the pressure weights of those frameworks (2 urgent, 1 asked for).
    pub pressure: u32,
    /// Requirements in scope it serves that are not met yet.
    pub open_requirements: u32,
    /// `(frameworks + pressure) / (1 + remaining_days / 20)`, two decimals.
    pub score: f64,
    pub owner: String,
    #[ts(optional = nullable)]
    pub due: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FrameworkDays {
    pub framework: ScopeFramework,
    pub days: f64,
}

/// Person-days still to do: each framework alone, all together, and what shared controls save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RemainingEffort {
    /// Every framework in scope done on its own.
    pub alone: Vec<FrameworkDays>,
    /// All frameworks in scope together, each shared control once.
    pub together: f64,
    /// `sum(alone) - together`.
    pub saving: f64,
}

/// A client's gap analysis: `analyze CLIENT`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Analysis {
    pub client_id: ClientId,
    pub client_name: String,
    pub today: Date,
    pub partial_weight: f64,
    pub scope: ClientScope,
    #[ts(optional = nullable)]
    pub assessment: Option<AssessmentInfo>,
    /// One per framework in scope.
    pub frameworks: Vec<FrameworkReadiness>,
    /// Control statuses per control domain (controls in scope only).
    pub domains: Vec<DomainProgress>,
    /// Every control still to do, most important first.
    pub gaps: Vec<GapItem>,
    pub effort: RemainingEffort,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FrameworkPoint {
    pub framework: ScopeFramework,
    pub readiness: Readiness,
}

/// Readiness per framework at one assessment date (the client's current scope throughout).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HistoryPoint {
    #[ts(type = "number")]
    pub assessment_id: i64,
    pub date: Date,
    pub frameworks: Vec<FrameworkPoint>,
}

/// One client in the portfolio overview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PortfolioRow {
    pub client_id: ClientId,
    pub client_name: String,
    /// The date of the current assessment; `None` when the client has none.
    #[ts(optional = nullable)]
    pub assessment_date: Option<Date>,
    /// Whether the consultant chose the scope (else the recommendation's default).
    pub scope_chosen: bool,
    pub frameworks: Vec<FrameworkPoint>,
}

/// A common control mapped to a requirement, with what the assessment records for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CoveringControl {
    pub control_id: String,
    pub title: Text,
    pub relationship: Relationship,
    pub status: ControlStatus,
    /// Why it does not apply (for a not-applicable control), else empty.
    pub justification: String,
}

/// One assessable requirement of a framework with its derived status: the drill-down below a
/// readiness figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RequirementRow {
    pub requirement_id: String,
    /// The section it sits in: the entry one below the top (`A.5`, `CC6`, `6.1`), else the
    /// top-level entry (`4`, `Ch.I`).
    pub section: String,
    pub title: Text,
    /// Whether it is in the client's scope (a SOC 2 category or an EU AI Act obligation may not be).
    pub in_scope: bool,
    pub status: RequirementStatus,
    pub controls: Vec<CoveringControl>,
}

/// One Annex A control in a Statement of Applicability.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SoaRow {
    pub requirement_id: String,
    /// The theme or objective it sits under (`A.5`, `A.6`).
    pub theme: String,
    pub title: Text,
    pub applicable: bool,
    /// Why it is excluded (the not-applicable controls' justifications) or how it is addressed.
    pub justification: Text,
    pub status: RequirementStatus,
    pub controls: Vec<CoveringControl>,
}

/// The Statement of Applicability of ISO/IEC 27001 or 42001 for a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Soa {
    pub client_id: ClientId,
    pub client_name: String,
    /// `iso27001` or `iso42001`.
    pub framework: ScopeFramework,
    pub framework_name: String,
    /// Whether the framework is in the client's scope.
    pub in_scope: bool,
    #[ts(optional = nullable)]
    pub assessment: Option<AssessmentInfo>,
    pub rows: Vec<SoaRow>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportOutcome {
    pub assessment: AssessmentInfo,
    /// Rows read from the file.
    pub rows: u32,
    /// Rows whose control now has something recorded.
    pub recorded: u32,
    /// Rows that cleared a control back to not assessed.
    pub cleared: u32,
}

/// What importing a spreadsheet would do, before anything is written: the problems that refuse
/// it, or per control what changes, field by field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportPreview {
    /// Rows read from the file (blank rows not counted).
    pub rows: u32,
    /// The problems that refuse the file, each at its row (`row 7`, `row 7, due`): the first 50.
    pub errors: Vec<crate::domain::FieldError>,
    /// How many more problems there are beyond `errors`.
    pub truncated: u32,
    /// The controls whose record would change, in file order.
    pub changes: Vec<ControlChange>,
    /// Rows that would change nothing.
    pub unchanged: u32,
    /// Recorded values that would be cleared, over every change: the import needs a confirmation.
    pub losses: u32,
    /// A digest of the file's bytes (SHA-256, hex): applying checks it, so what is written is
    /// what was previewed.
    pub digest: String,
}

/// One control's change in an import preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ControlChange {
    /// The spreadsheet row.
    pub row: u32,
    pub control_id: String,
    pub fields: Vec<FieldChange>,
}

/// One field's change: `status`, `owner`, `due`, `evidence` (references joined by `; `), `notes`
/// or `justification`, as text (empty when nothing is recorded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
    /// A recorded value becomes empty (or a status goes back to not assessed).
    pub loss: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_have_one_decimal_and_halves_go_up() {
        assert_eq!(one_decimal_percent(2.0, 3.0), Some(66.7));
        assert_eq!(one_decimal_percent(1.0, 3.0), Some(33.3));
        // 49 / 400 is 12.25 exactly: the half goes away from zero.
        assert_eq!(one_decimal_percent(49.0, 400.0), Some(12.3));
        assert_eq!(one_decimal_percent(0.0, 7.0), Some(0.0));
        assert_eq!(one_decimal_percent(7.0, 7.0), Some(100.0));
        assert_eq!(one_decimal_percent(0.0, 0.0), None);
    }

    #[test]
    fn readiness_counts_partial_requirements_at_their_weight() {
        let counts = StatusCounts { met: 3, partial: 2, unmet: 5, not_applicable: 4, not_assessed: 1 };
        let r = Readiness::from_counts(counts, 0.5);
        assert_eq!((r.requirements, r.applicable), (14, 10));
        assert_eq!(r.percent, Some(40.0));
        assert_eq!(r.not_assessed_percent, Some(10.0));
        assert_eq!(Readiness::from_counts(counts, 0.2).percent, Some(34.0));
        let nothing_applies =
            Readiness::from_counts(StatusCounts { not_applicable: 2, ..StatusCounts::default() }, 0.5);
        assert_eq!((nothing_applies.percent, nothing_applies.not_assessed_percent), (None, None));
        assert_eq!(counts.applicable(), 10);
        assert_eq!(StatusCounts { met: 1, partial: 0, unmet: 2, ..counts }.percent(0.5), Some(100.0 / 3.0));
        let mut sum = counts;
        sum += counts;
        assert_eq!(sum, StatusCounts { met: 6, partial: 4, unmet: 10, not_applicable: 8, not_assessed: 2 });
    }
}
