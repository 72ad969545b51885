//! A client's scope: the frameworks it is assessed against, the SOC 2 categories beyond security,
//! and the EU AI Act obligations its AI systems bring.
//!
//! Only the consultant's choices are stored (frameworks and categories). Without a stored choice
//! the scope is the default: every framework the recommendation rates recommended or required
//! ([`crate::recommend::scope_of`]) with its SOC 2 categories, plus the EU AI Act when one of the
//! client's AI systems has obligations. The obligations themselves are always derived, from the AI
//! systems' roles, tiers and facts ([`crate::recommend::applicability`], kept as rows in
//! `client_ai_obligations`), and the GDPR and NIS2 requirements from the regulatory facts
//! ([`crate::recommend::regulatory_obligations`], rows in `client_reg_obligations`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::catalog::{Soc2Category, Text};
use crate::domain::{Ask, ClientProfile, Date, FieldError, Party, ValidationErrors, MAX_DETAIL_LEN, MAX_NAME_LEN};
use crate::keywords::keywords;
use crate::recommend::{scope_of, Recommendation};

/// A framework a client can be assessed against: the id of a framework of the catalogue, shipped
/// (the constants below) or imported by the consultant (ids starting with `x_`).
///
/// It is `Copy` like the enum it replaced: an id is a `&'static str`, the shipped ones literals and
/// an imported one interned once per process (see [`ScopeFramework::from_id`]), so the set of
/// leaked strings is bounded by the imported frameworks a process meets. The constants keep the
/// enum's names, so `ScopeFramework::Soc2` reads, matches and compares as before.
#[derive(Clone, Copy, PartialEq, Eq, Hash, TS)]
pub struct ScopeFramework(&'static str);

#[allow(non_upper_case_globals)]
impl ScopeFramework {
    pub const Iso27001: ScopeFramework = ScopeFramework("iso27001");
    pub const Soc2: ScopeFramework = ScopeFramework("soc2");
    pub const Iso42001: ScopeFramework = ScopeFramework("iso42001");
    pub const EuAiAct: ScopeFramework = ScopeFramework("eu_ai_act");
    pub const Gdpr: ScopeFramework = ScopeFramework("gdpr");
    pub const Nis2: ScopeFramework = ScopeFramework("nis2");
    pub const NistAiRmf: ScopeFramework = ScopeFramework("nist_ai_rmf");

    /// The certifications and the EU AI Act, in scope order.
    pub const ALL: &'static [ScopeFramework] =
        &[ScopeFramework::Iso27001, ScopeFramework::Soc2, ScopeFramework::Iso42001, ScopeFramework::EuAiAct];

    /// The frameworks the recommendation rates (a verdict each, planned in the roadmap), in its
    /// order. The EU AI Act is judged per AI system and is not among them.
    pub const RATED: &'static [ScopeFramework] = &[
        ScopeFramework::Iso27001,
        ScopeFramework::Soc2,
        ScopeFramework::Iso42001,
        ScopeFramework::Gdpr,
        ScopeFramework::Nis2,
        ScopeFramework::NistAiRmf,
    ];

    /// The certifications (and the attestation report), in scope order: the frameworks the roadmap
    /// orders by permutation, and so the only ones a consultant can put first. The other rated
    /// frameworks have no certificate; their phases follow the certification work.
    pub const CERTIFICATIONS: &'static [ScopeFramework] =
        &[ScopeFramework::Iso27001, ScopeFramework::Soc2, ScopeFramework::Iso42001];

    /// The frameworks a Statement of Applicability is written for: ISO/IEC 27001 (6.1.3 d) and
    /// ISO/IEC 42001 (6.1.3 d), each against its own Annex A.
    pub const WITH_SOA: &'static [ScopeFramework] = &[ScopeFramework::Iso27001, ScopeFramework::Iso42001];

    /// Every shipped framework, in scope order: the recommendation's four, then the GDPR, NIS2 and
    /// the NIST AI RMF. Imported frameworks come after them, by id.
    pub const SHIPPED: &'static [ScopeFramework] = &[
        ScopeFramework::Iso27001,
        ScopeFramework::Soc2,
        ScopeFramework::Iso42001,
        ScopeFramework::EuAiAct,
        ScopeFramework::Gdpr,
        ScopeFramework::Nis2,
        ScopeFramework::NistAiRmf,
    ];

    /// The framework's id in the catalogue.
    pub fn as_str(self) -> &'static str {
        self.0
    }

    /// A shipped framework by its id, or an imported one (`x_...`, lowercase letters, digits and
    /// `_`) whose existence the store checks; `None` for anything else.
    pub fn parse(text: &str) -> Option<ScopeFramework> {
        if let Some(f) = ScopeFramework::SHIPPED.iter().copied().find(|f| f.0 == text) {
            return Some(f);
        }
        let body = text.strip_prefix(crate::catalog::CUSTOM_FRAMEWORK_PREFIX)?;
        let valid = !body.is_empty() && body.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        valid.then(|| ScopeFramework::from_id(text))
    }

    /// The framework with this catalogue id, shipped or not; an id not shipped is interned.
    pub fn from_id(id: &str) -> ScopeFramework {
        if let Some(f) = ScopeFramework::SHIPPED.iter().copied().find(|f| f.0 == id) {
            return f;
        }
        static INTERNED: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
        let mut interned = INTERNED.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = interned.iter().copied().find(|s| *s == id) {
            return ScopeFramework(found);
        }
        let leaked: &'static str = Box::leak(id.to_owned().into_boxed_str());
        interned.push(leaked);
        ScopeFramework(leaked)
    }

    /// A framework the consultant imported.
    pub fn is_imported(self) -> bool {
        self.0.starts_with(crate::catalog::CUSTOM_FRAMEWORK_PREFIX)
    }

    /// The short name people use; an imported framework's id (its full name is in the catalogue).
    pub fn display_name(self) -> &'static str {
        match self {
            ScopeFramework::Iso27001 => "ISO/IEC 27001",
            ScopeFramework::Soc2 => "SOC 2",
            ScopeFramework::Iso42001 => "ISO/IEC 42001",
            ScopeFramework::EuAiAct => "EU AI Act",
            ScopeFramework::Gdpr => "GDPR",
            ScopeFramework::Nis2 => "NIS2",
            ScopeFramework::NistAiRmf => "NIST AI RMF",
            other => other.0,
        }
    }

    /// Whether the recommendation rates it (gives it a verdict and plans it in the roadmap): one
    /// of [`ScopeFramework::RATED`]. The EU AI Act is judged per AI system instead, and imported
    /// frameworks are not rated.
    pub fn is_rated(self) -> bool {
        ScopeFramework::RATED.contains(&self)
    }

    /// A framework the recommendation rates, by its id; `None` for anything else (an unknown id,
    /// the EU AI Act, an imported framework).
    pub fn parse_rated(text: &str) -> Option<ScopeFramework> {
        ScopeFramework::RATED.iter().copied().find(|f| f.0 == text)
    }

    /// One of [`ScopeFramework::CERTIFICATIONS`].
    pub fn is_certification(self) -> bool {
        ScopeFramework::CERTIFICATIONS.contains(&self)
    }

    /// Where it sorts: shipped frameworks in [`ScopeFramework::SHIPPED`] order, then imported ones.
    fn rank(self) -> usize {
        ScopeFramework::SHIPPED.iter().position(|f| *f == self).unwrap_or(ScopeFramework::SHIPPED.len())
    }

    fn expected() -> String {
        let shipped: Vec<&str> = ScopeFramework::SHIPPED.iter().map(|f| f.as_str()).collect();
        format!("{}, or an imported framework's id (x_...)", shipped.join(", "))
    }
}

impl Ord for ScopeFramework {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.rank().cmp(&other.rank()).then_with(|| self.0.cmp(other.0))
    }
}

impl PartialOrd for ScopeFramework {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Debug for ScopeFramework {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ScopeFramework({})", self.0)
    }
}

impl Serialize for ScopeFramework {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for ScopeFramework {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<ScopeFramework, D::Error> {
        let text = String::deserialize(deserializer)?;
        ScopeFramework::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown framework `{text}` (expected one of: {})",
                ScopeFramework::expected()
            ))
        })
    }
}

impl std::fmt::Display for ScopeFramework {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A scope to store, as entered: framework ids and SOC 2 categories beyond security.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ScopeInput {
    /// `iso27001`, `soc2`, `iso42001`, `eu_ai_act`.
    pub frameworks: Vec<String>,
    /// `availability`, `confidentiality`, `processing_integrity`, `privacy` (security is always
    /// in scope with SOC 2 and may be named too).
    pub soc2_categories: Vec<String>,
}

/// A scope that passed [`ScopeInput::validate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidScope {
    /// In the recommendation's order, without repeats.
    pub frameworks: Vec<ScopeFramework>,
    /// Beyond security, in category order, without repeats.
    pub soc2_categories: Vec<Soc2Category>,
}

impl ScopeInput {
    pub fn validate(&self) -> Result<ValidScope, ValidationErrors> {
        let mut errors = Vec::new();
        let mut frameworks = Vec::new();
        for (i, text) in self.frameworks.iter().enumerate() {
            match ScopeFramework::parse(text.trim()) {
                Some(f) if frameworks.contains(&f) => errors
                    .push(FieldError { field: format!("frameworks[{i}]"), message: format!("`{f}` is named twice") }),
                Some(f) => frameworks.push(f),
                None => errors.push(FieldError {
                    field: format!("frameworks[{i}]"),
                    message: format!(
                        "unknown framework `{}` (expected one of: {})",
                        text.trim(),
                        ScopeFramework::expected()
                    ),
                }),
            }
        }
        if self.frameworks.is_empty() {
            errors.push(FieldError { field: "frameworks".into(), message: "choose at least one framework".into() });
        }
        let mut categories = Vec::new();
        for (i, text) in self.soc2_categories.iter().enumerate() {
            match Soc2Category::parse(text.trim()) {
                Some(Soc2Category::Security) => {}
                Some(c) if !categories.contains(&c) => categories.push(c),
                Some(_) => {}
                None => errors.push(FieldError {
                    field: format!("soc2_categories[{i}]"),
                    message: format!(
                        "unknown SOC 2 category `{}` (expected one of: {})",
                        text.trim(),
                        Soc2Category::expected()
                    ),
                }),
            }
        }
        if !self.soc2_categories.is_empty() && !frameworks.contains(&ScopeFramework::Soc2) && errors.is_empty() {
            errors.push(FieldError {
                field: "soc2_categories".into(),
                message: "SOC 2 categories need SOC 2 among the frameworks".into(),
            });
        }
        if !errors.is_empty() {
            return Err(ValidationErrors(errors));
        }
        frameworks.sort();
        categories.sort();
        Ok(ValidScope { frameworks, soc2_categories: categories })
    }
}

/// An EU AI Act obligation in a client's scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScopeObligation {
    pub requirement_id: String,
    pub title: Text,
}

/// A GDPR or NIS2 requirement in a client's scope: one it owes by its profile (R17, R18), or one
/// an unrecorded fact may bring (`open`, counted until answered).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScopeRequirement {
    pub framework: ScopeFramework,
    pub requirement_id: String,
    pub title: Text,
    pub open: bool,
}

/// A client's effective scope: what every assessment screen and analysis works with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClientScope {
    /// True when the consultant chose it; false for the default from the recommendation.
    pub chosen: bool,
    /// In the recommendation's order: ISO/IEC 27001, SOC 2, ISO/IEC 42001, EU AI Act.
    pub frameworks: Vec<ScopeFramework>,
    /// The SOC 2 categories in scope, security first; empty without SOC 2.
    pub soc2_categories: Vec<Soc2Category>,
    /// The EU AI Act obligations the client's AI systems bring, in the Act's order; empty
    /// without the EU AI Act in scope.
    pub ai_act_obligations: Vec<ScopeObligation>,
    /// The GDPR and NIS2 requirements the client owes by its profile (or that an open fact may
    /// bring), in catalogue order; only for those of the two in scope.
    #[serde(default)]
    #[ts(as = "Option<Vec<ScopeRequirement>>", optional)]
    pub regulatory_obligations: Vec<ScopeRequirement>,
    /// When the consultant last chose it.
    #[ts(optional = nullable)]
    pub updated_at: Option<String>,
    /// The subservice organisations that serve SOC 2 criteria for the client, by name, with the
    /// method the SOC 2 report uses for each (recorded per client, whatever the scope).
    pub subservice_organisations: Vec<SubserviceOrganisation>,
    /// The SOC 2 criteria carved out: every subservice organisation recorded for the criterion
    /// uses the carve-out method. They are outside the client's SOC 2 scope (docs/analysis.md).
    pub carved_out: Vec<String>,
}

impl ClientScope {
    pub fn contains(&self, framework: ScopeFramework) -> bool {
        self.frameworks.contains(&framework)
    }

    /// This scope widened by what the roadmap plans (`planned`, the recommendation's default
    /// scope), so that the effort it plans with counts every planned framework, not only those the
    /// consultant chose. The EU AI Act is never added (its duties are per system, not a plan);
    /// SOC 2 comes with security and the categories planned; nothing in this scope is dropped.
    pub fn with_planned(&self, planned: &ValidScope) -> ClientScope {
        let mut out = self.clone();
        for f in planned.frameworks.iter().copied() {
            if f != ScopeFramework::EuAiAct && !out.frameworks.contains(&f) {
                out.frameworks.push(f);
                if f == ScopeFramework::Soc2 {
                    out.soc2_categories.push(Soc2Category::Security);
                }
            }
        }
        if out.contains(ScopeFramework::Soc2) {
            out.soc2_categories.extend(planned.soc2_categories.iter().copied());
            out.soc2_categories.sort();
            out.soc2_categories.dedup();
        }
        out
    }

    /// The scope units (`[framework, unit]`, see the view `analysis_units`) as a JSON array, the
    /// form the analysis queries take their scope in.
    pub(crate) fn units_json(&self) -> String {
        let mut units: Vec<(&str, &str)> = Vec::new();
        for f in &self.frameworks {
            match *f {
                ScopeFramework::Soc2 => {
                    units.extend(self.soc2_categories.iter().map(|c| (f.as_str(), c.as_str())));
                }
                ScopeFramework::EuAiAct => {
                    units.extend(self.ai_act_obligations.iter().map(|o| (f.as_str(), o.requirement_id.as_str())));
                }
                ScopeFramework::Gdpr | ScopeFramework::Nis2 => units.extend(
                    self.regulatory_obligations
                        .iter()
                        .filter(|o| o.framework == *f)
                        .map(|o| (f.as_str(), o.requirement_id.as_str())),
                ),
                // The ISO frameworks, the NIST AI RMF and imported frameworks whole.
                _ => units.push((f.as_str(), "")),
            }
        }
        // Each unit carries the requirements left out of it (the carved-out SOC 2 criteria) as a
        // third element, which the queries read as `excluded`.
        let units: Vec<(&str, &str, &[String])> = units
            .into_iter()
            .map(|(f, u)| (f, u, if f == ScopeFramework::Soc2.as_str() { self.carved_out.as_slice() } else { &[] }))
            .collect();
        serde_json::to_string(&units).unwrap_or_else(|_| "[]".into())
    }

    /// Whether a SOC 2 criterion is carved out for this client.
    pub fn is_carved_out(&self, criterion: &str) -> bool {
        self.carved_out.iter().any(|c| c == criterion)
    }
}

keywords! {
    /// How a SOC 2 report treats the controls of a subservice organisation (AICPA AT-C 205 and the
    /// SOC 2 guide): left out, with the criteria they serve outside the report (`carve_out`), or
    /// described and tested with the service organisation's own (`inclusive`).
    pub enum SubserviceMethod {
        CarveOut = "carve_out",
        Inclusive = "inclusive",
    }
}

impl SubserviceMethod {
    pub fn label(self) -> Text {
        match self {
            SubserviceMethod::CarveOut => Text::new("carved out", "ausgegliedert (Carve-out)"),
            SubserviceMethod::Inclusive => Text::new("inclusive", "einbezogen (Inclusive)"),
        }
    }
}

/// A subservice organisation of a client: a vendor whose controls, together with the client's,
/// are needed to meet some SOC 2 criteria (a cloud provider hosting the system, say).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SubserviceOrganisation {
    pub name: String,
    pub method: SubserviceMethod,
    /// What it does for the client.
    pub services: String,
    /// The SOC 2 criteria it serves, in catalogue order.
    pub criteria: Vec<String>,
    pub updated_at: String,
}

/// A subservice organisation to record, as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SubserviceInput {
    pub name: String,
    /// `carve_out` or `inclusive` (`carve-out` and `carved out` are read too).
    pub method: String,
    pub services: String,
    /// SOC 2 criterion ids (`CC6.4`, `A1.2`), any case.
    pub criteria: Vec<String>,
}

/// A subservice organisation that passed [`SubserviceInput::validate`]; the criteria are checked
/// against the catalogue by the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidSubservice {
    pub name: String,
    pub method: SubserviceMethod,
    pub services: String,
    /// Upper-cased, without repeats, in the order given.
    pub criteria: Vec<String>,
}

/// Whether a SOC 2 criterion may be carved out: not the entity-level criteria (CC1 control
/// environment, CC2 information and communication, CC3 risk assessment, CC4 monitoring, CC5
/// control activities), which describe the service organisation's own system of internal control,
/// and not CC9.2, under which it monitors its vendors, the subservice organisation among them.
pub fn may_carve_out(criterion: &str) -> bool {
    !(["CC1.", "CC2.", "CC3.", "CC4.", "CC5."].iter().any(|p| criterion.starts_with(p)) || criterion == "CC9.2")
}

impl SubserviceInput {
    /// Checks the name, the method, the services text and the form of the criteria; the store
    /// checks that each criterion is an assessable SOC 2 criterion.
    pub fn validate(&self) -> Result<ValidSubservice, ValidationErrors> {
        let mut errors = Vec::new();
        let mut err = |field: &str, message: String| errors.push(FieldError { field: field.into(), message });
        let name = self.name.trim().to_owned();
        if name.is_empty() {
            err("name", "is required: the subservice organisation's name".into());
        } else if name.chars().count() > MAX_NAME_LEN {
            err("name", format!("is longer than {MAX_NAME_LEN} characters"));
        } else if name.contains(['\n', '\r']) {
            err("name", "must be one line".into());
        }
        let key: String = self.method.trim().to_lowercase().replace(['-', ' '], "_");
        let method = match key.as_str() {
            "carve_out" | "carved_out" | "carveout" => Some(SubserviceMethod::CarveOut),
            "inclusive" => Some(SubserviceMethod::Inclusive),
            _ => {
                err(
                    "method",
                    format!("unknown method `{}` (expected one of: carve_out, inclusive)", self.method.trim()),
                );
                None
            }
        };
        let services = self.services.trim().to_owned();
        if services.chars().count() > MAX_DETAIL_LEN {
            err("services", format!("is longer than {MAX_DETAIL_LEN} characters"));
        }
        let mut criteria: Vec<String> = Vec::new();
        for (i, text) in self.criteria.iter().enumerate() {
            let c = text.trim().to_uppercase();
            if c.is_empty() {
                continue;
            }
            if method == Some(SubserviceMethod::CarveOut) && !may_carve_out(&c) {
                err(
                    &format!("criteria[{i}]"),
                    format!(
                        "{c} cannot be carved out: the entity-level criteria (CC1 to CC5) describe the client's own \
                         internal control and CC9.2 its monitoring of vendors, this subservice organisation among them"
                    ),
                );
            } else if !criteria.contains(&c) {
                criteria.push(c);
            }
        }
        if criteria.is_empty() && self.criteria.iter().all(|c| c.trim().is_empty()) {
            err("criteria", "name at least one SOC 2 criterion the organisation serves".into());
        }
        match (errors.is_empty(), method) {
            (true, Some(method)) => Ok(ValidSubservice { name, method, services, criteria }),
            _ => Err(ValidationErrors(errors)),
        }
    }
}

/// The default frameworks and SOC 2 categories (beyond security) of a client: what the
/// recommendation rates recommended or required, and the EU AI Act when an AI system of the
/// client has obligations under it.
pub fn default_scope(rec: &Recommendation) -> ValidScope {
    let mut frameworks = Vec::new();
    let mut categories = Vec::new();
    for (key, cats) in scope_of(rec) {
        frameworks.push(key);
        categories.extend(cats.into_iter().filter(|c| *c != Soc2Category::Security));
    }
    if rec.ai_act.iter().any(|s| !s.obligations.is_empty()) {
        frameworks.push(ScopeFramework::EuAiAct);
    }
    frameworks.sort();
    categories.sort();
    categories.dedup();
    ValidScope { frameworks, soc2_categories: categories }
}

/// Days before a deadline at which it counts as close: about six months, as in the verdicts.
pub const CLOSE_DEADLINE_DAYS: i64 = 183;

/// How hard someone presses for each framework (for ranking gaps): 2 when deals are blocked over
/// it or its deadline is less than six months away (or past), 1 when someone asks for it, absent
/// otherwise. The strongest pressure per framework counts.
pub fn pressure_weights(profile: &ClientProfile, today: Date) -> Vec<(ScopeFramework, u32)> {
    let mut out: Vec<(ScopeFramework, u32)> = Vec::new();
    for p in &profile.pressures {
        let framework = match p.asks_for {
            Ask::Soc2 => ScopeFramework::Soc2,
            Ask::Iso27001 => ScopeFramework::Iso27001,
            Ask::Iso42001 | Ask::AiGovernanceAssurance => ScopeFramework::Iso42001,
            Ask::AiActCompliance => ScopeFramework::EuAiAct,
            Ask::NistAiRmf => ScopeFramework::NistAiRmf,
            Ask::DataProtectionAssurance if p.party == Party::UsCustomers => ScopeFramework::Soc2,
            Ask::DataProtectionAssurance => ScopeFramework::Iso27001,
            Ask::Other => continue,
        };
        let close = p.deadline.is_some_and(|d| today.days_until(d) < CLOSE_DEADLINE_DAYS);
        let weight = if p.deals_blocked || close { 2 } else { 1 };
        match out.iter_mut().find(|(f, _)| *f == framework) {
            Some((_, w)) => *w = (*w).max(weight),
            None => out.push((framework, weight)),
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Pressure, Sector};

    #[test]
    fn the_recommendation_rates_six_frameworks_and_says_so_in_one_place() {
        let rated: Vec<&str> = ScopeFramework::RATED.iter().map(|f| f.as_str()).collect();
        assert_eq!(rated, ["iso27001", "soc2", "iso42001", "gdpr", "nis2", "nist_ai_rmf"]);
        for f in ScopeFramework::SHIPPED {
            assert_eq!(f.is_rated(), *f != ScopeFramework::EuAiAct, "{f}");
            assert_eq!(ScopeFramework::parse_rated(f.as_str()), f.is_rated().then_some(*f), "{f}");
        }
        assert!(!ScopeFramework::from_id("x_internal").is_rated());
        assert_eq!(ScopeFramework::parse_rated("x_internal"), None);
        assert_eq!(ScopeFramework::parse_rated("ISO27001"), None);
        // The certifications and the frameworks with a Statement of Applicability are rated.
        for f in ScopeFramework::CERTIFICATIONS.iter().chain(ScopeFramework::WITH_SOA) {
            assert!(f.is_rated(), "{f}");
        }
        let orderable: Vec<&str> =
            ScopeFramework::SHIPPED.iter().filter(|f| f.is_certification()).map(|f| f.as_str()).collect();
        assert_eq!(orderable, ["iso27001", "soc2", "iso42001"]);
        assert!(!ScopeFramework::from_id("x_internal").is_certification());
        // Serialised as the catalogue id, as the enum it replaced was.
        assert_eq!(serde_json::to_string(&ScopeFramework::NistAiRmf).unwrap(), "\"nist_ai_rmf\"");
    }

    #[test]
    fn a_plan_widens_the_scope_but_never_narrows_it() {
        let chosen = ClientScope {
            chosen: true,
            frameworks: vec![ScopeFramework::Iso27001, ScopeFramework::EuAiAct],
            soc2_categories: Vec::new(),
            ai_act_obligations: Vec::new(),
            regulatory_obligations: Vec::new(),
            updated_at: Some("2026-11-01T00:00:00Z".into()),
            subservice_organisations: Vec::new(),
            carved_out: vec!["CC6.4".into()],
        };
        let planned = ValidScope {
            frameworks: vec![ScopeFramework::Soc2, ScopeFramework::Iso42001, ScopeFramework::EuAiAct],
            soc2_categories: vec![Soc2Category::Availability],
        };
        let wide = chosen.with_planned(&planned);
        // Chosen first, planned after; the EU AI Act never comes from a plan, and is kept when chosen.
        assert_eq!(
            wide.frameworks,
            [ScopeFramework::Iso27001, ScopeFramework::EuAiAct, ScopeFramework::Soc2, ScopeFramework::Iso42001]
        );
        assert_eq!(wide.soc2_categories, [Soc2Category::Security, Soc2Category::Availability]);
        assert_eq!((wide.chosen, &wide.carved_out), (true, &chosen.carved_out));
        // Nothing planned: nothing changes; a plan without the AI Act does not remove it.
        let nothing = ValidScope { frameworks: Vec::new(), soc2_categories: Vec::new() };
        assert_eq!(chosen.with_planned(&nothing), chosen);
        let only_ai = ValidScope { frameworks: vec![ScopeFramework::EuAiAct], soc2_categories: Vec::new() };
        assert_eq!(ClientScope { frameworks: Vec::new(), ..chosen.clone() }.with_planned(&only_ai).frameworks, []);
    }

    fn input(frameworks: &[&str], categories: &[&str]) -> ScopeInput {
        ScopeInput {
            frameworks: frameworks.iter().map(|s| s.to_string()).collect(),
            soc2_categories: categories.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn a_scope_is_checked_and_normalised() {
        let valid = input(&["eu_ai_act", " soc2", "iso27001"], &["privacy", "security", "availability", "privacy"])
            .validate()
            .unwrap();
        assert_eq!(valid.frameworks, [ScopeFramework::Iso27001, ScopeFramework::Soc2, ScopeFramework::EuAiAct]);
        assert_eq!(valid.soc2_categories, [Soc2Category::Availability, Soc2Category::Privacy]);

        let errors = |i: ScopeInput| -> Vec<String> {
            i.validate().unwrap_err().0.into_iter().map(|e| format!("{}: {}", e.field, e.message)).collect()
        };
        assert_eq!(errors(input(&[], &[])), ["frameworks: choose at least one framework"]);
        assert_eq!(
            errors(input(&["iso9001", "soc2", "soc2"], &["speed"])),
            [
                "frameworks[0]: unknown framework `iso9001` (expected one of: iso27001, soc2, iso42001, eu_ai_act, gdpr, nis2, nist_ai_rmf, or an imported framework's id (x_...))",
                "frameworks[2]: `soc2` is named twice",
                "soc2_categories[0]: unknown SOC 2 category `speed` (expected one of: security, availability, confidentiality, processing_integrity, privacy)",
            ]
        );
        assert_eq!(
            errors(input(&["iso27001"], &["privacy"])),
            ["soc2_categories: SOC 2 categories need SOC 2 among the frameworks"]
        );
    }

    #[test]
    fn pressures_weigh_by_urgency() {
        let today = Date::new(2026, 12, 1).unwrap();
        let mut profile = ClientProfile::minimal("P", Sector::Software, 50, "DE");
        let pressure = |party, asks_for, deals_blocked, deadline: Option<Date>| Pressure {
            party,
            asks_for,
            detail: String::new(),
            deals_blocked,
            deadline,
        };
        profile.pressures = vec![
            pressure(Party::EuCustomers, Ask::Iso42001, false, None),
            pressure(Party::UsCustomers, Ask::DataProtectionAssurance, false, Date::new(2027, 3, 1)),
            pressure(Party::Board, Ask::Iso27001, false, Date::new(2028, 1, 1)),
            pressure(Party::Investors, Ask::AiActCompliance, true, None),
            pressure(Party::Other, Ask::Other, true, None),
            pressure(Party::Board, Ask::AiGovernanceAssurance, false, Date::new(2027, 1, 1)),
        ];
        assert_eq!(
            pressure_weights(&profile, today),
            [
                (ScopeFramework::Iso27001, 1),
                (ScopeFramework::Soc2, 2),
                (ScopeFramework::Iso42001, 2),
                (ScopeFramework::EuAiAct, 2),
            ]
        );
    }
}
