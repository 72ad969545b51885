//! Gap assessment: where a client stands on every common control, and what follows from it.
//!
//! The types and rules live here; the SQL (storage, the requirement status rule, readiness, gaps,
//! effort, the Statement of Applicability, history and the portfolio overview) lives in
//! `store/assessment/`, and the rules are documented in `docs/analysis.md`.
//!
//! - [`ControlStatus`]: what the consultant records per control, with notes, evidence, owner, due
//!   date and, for a control that does not apply, a justification ([`ControlEntry`] raw,
//!   [`ValidEntry`] checked).
//! - [`RequirementStatus`]: derived per requirement from its mapped controls and their
//!   relationships (view `requirement_status`).
//! - [`ClientScope`]: the frameworks and SOC 2 categories a client is assessed against, and the
//!   EU AI Act obligations its AI systems bring.
//! - the results: [`Analysis`], [`Soa`], [`HistoryPoint`], [`PortfolioRow`], [`AssessmentView`].
//! - [`sheet`]: CSV and XLSX export and import.

mod entry;
mod model;
mod scope;
pub mod sheet;
mod status;

pub use entry::{ControlEntry, ControlPatch, ValidEntry, MAX_EVIDENCE_ITEMS, MAX_EVIDENCE_LEN};
pub use model::*;
pub use scope::{
    default_scope, may_carve_out, pressure_weights, ClientScope, ScopeFramework, ScopeInput, ScopeObligation,
    ScopeRequirement, SubserviceInput, SubserviceMethod, SubserviceOrganisation, ValidScope, ValidSubservice,
    CLOSE_DEADLINE_DAYS,
};
pub use sheet::{Lang, SheetFormat};
pub use status::{ControlStatus, RequirementStatus};
