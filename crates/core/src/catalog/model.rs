//! The catalogue's types, as the rest of Crosswalk sees them once a catalogue has been parsed and
//! validated: every id resolves, every keyword is an enum, every text exists in English and German.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::{AiRole, Date};
use crate::keywords::keywords;

/// The framework id of the EU AI Act: its leaves carry roles, tiers and a milestone.
pub const EU_AI_ACT: &str = "eu_ai_act";
/// Every framework a consultant imports has an id starting with this, so that it can never collide
/// with a shipped framework (whose ids may not start with it).
pub const CUSTOM_FRAMEWORK_PREFIX: &str = "x_";
/// The framework id of SOC 2: its criteria take a category from their top-level entry.
pub const SOC2: &str = "soc2";
/// The framework id of ISO/IEC 27001.
pub const ISO27001: &str = "iso27001";
/// The framework id of ISO/IEC 42001.
pub const ISO42001: &str = "iso42001";

/// A text a person reads, in both languages Crosswalk ships.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Text {
    pub en: String,
    pub de: String,
}

impl Text {
    pub fn new(en: impl Into<String>, de: impl Into<String>) -> Text {
        Text { en: en.into(), de: de.into() }
    }
}

keywords! {
    /// What a framework yields: a certificate, an attestation report, legal obligations, or
    /// voluntary guidance (no certificate and no legal duty, such as the NIST AI RMF).
    pub enum FrameworkKind {
        Certification = "certification",
        Attestation = "attestation",
        Regulation = "regulation",
        Guidance = "guidance",
    }
}

keywords! {
    /// The kind of a requirement entry, as the framework itself calls its parts.
    pub enum RequirementKind {
        Clause = "clause",
        Subclause = "subclause",
        Annex = "annex",
        Theme = "theme",
        Objective = "objective",
        Control = "control",
        Category = "category",
        Series = "series",
        Criterion = "criterion",
        Chapter = "chapter",
        Section = "section",
        Article = "article",
        ProhibitedPractice = "prohibited_practice",
        Obligation = "obligation",
        /// A numbered paragraph of an article (GDPR Art. 5(2), NIS2 Art. 21(2)).
        Paragraph = "paragraph",
        /// A lettered point of a paragraph (GDPR Art. 5(1)(a), NIS2 Art. 21(2)(a)).
        Point = "point",
        /// A NIST AI RMF function (GOVERN, MAP, MEASURE, MANAGE).
        Function = "function",
        /// A NIST AI RMF subcategory (GOVERN 1.1).
        Subcategory = "subcategory",
        /// A group of an imported OSCAL catalog (a control family).
        Group = "group",
    }
}

keywords! {
    /// The work to build a control from nothing at a company of about 100 people. The analysis
    /// turns sizes into person-days through `planning.effort_days` in the lifecycle data.
    pub enum Effort {
        Xs = "XS",
        S = "S",
        M = "M",
        L = "L",
        Xl = "XL",
    }
}

keywords! {
    /// How a control relates to a requirement, in the NIST OLIR vocabulary.
    pub enum Relationship {
        /// The control and the requirement ask for the same thing.
        Equal = "equal",
        /// The control covers a part of the requirement; other controls cover the rest.
        Subset = "subset",
        /// The control asks for everything the requirement asks, and more.
        Superset = "superset",
        /// They overlap, but each asks for something the other does not.
        Intersect = "intersect",
    }
}

keywords! {
    /// The SOC 2 trust services category a criterion belongs to.
    pub enum Soc2Category {
        Security = "security",
        Availability = "availability",
        Confidentiality = "confidentiality",
        ProcessingIntegrity = "processing_integrity",
        Privacy = "privacy",
    }
}

impl Soc2Category {
    /// The category a top-level SOC 2 entry id stands for (`Processing Integrity`, ...).
    pub fn from_entry_id(id: &str) -> Option<Soc2Category> {
        Some(match id {
            "Security" => Soc2Category::Security,
            "Availability" => Soc2Category::Availability,
            "Confidentiality" => Soc2Category::Confidentiality,
            "Processing Integrity" => Soc2Category::ProcessingIntegrity,
            "Privacy" => Soc2Category::Privacy,
            _ => return None,
        })
    }
}

keywords! {
    /// The EU AI Act tier an obligation applies to.
    pub enum AiTier {
        Prohibited = "prohibited",
        HighRiskAnnexI = "high_risk_annex_i",
        HighRiskAnnexIii = "high_risk_annex_iii",
        Transparency = "transparency",
        Minimal = "minimal",
        /// A general-purpose AI model (Arts. 53 and 54).
        Gpai = "gpai",
        /// A general-purpose AI model with systemic risk (Art. 55 on top of 53 and 54).
        GpaiSystemic = "gpai_systemic",
    }
}

/// The keyword of an EU AI Act operator role (`authorised_representative`, ...).
pub fn role_keyword(role: AiRole) -> &'static str {
    match role {
        AiRole::Provider => "provider",
        AiRole::Deployer => "deployer",
        AiRole::Importer => "importer",
        AiRole::Distributor => "distributor",
        AiRole::AuthorisedRepresentative => "authorised_representative",
        AiRole::ProductManufacturer => "product_manufacturer",
    }
}

/// The role a keyword names, or `None`.
pub fn parse_role(text: &str) -> Option<AiRole> {
    ROLES.iter().copied().find(|role| role_keyword(*role) == text)
}

/// Every EU AI Act operator role.
pub const ROLES: &[AiRole] = &[
    AiRole::Provider,
    AiRole::Deployer,
    AiRole::Importer,
    AiRole::Distributor,
    AiRole::AuthorisedRepresentative,
    AiRole::ProductManufacturer,
];

/// A control domain (`access`, `ai_governance`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Domain {
    pub id: String,
    pub name: Text,
}

/// A framework with its requirements in tree order (each entry followed by its children, in file
/// order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Framework {
    pub id: String,
    pub name: String,
    pub kind: FrameworkKind,
    pub title: Text,
    pub requirements: Vec<Requirement>,
}

impl Framework {
    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirements.iter().find(|r| r.id == id)
    }
}

/// One entry of a framework: a grouping (for navigation and roll-up) or an assessable leaf.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Requirement {
    pub id: String,
    /// The entry this one sits under; `None` at the top level.
    pub parent: Option<String>,
    pub kind: RequirementKind,
    pub title: Text,
    /// True exactly when no other requirement names this one as its parent.
    pub assessable: bool,
    /// 0 at the top level.
    pub depth: u32,
    /// For SOC 2 entries: the category of the top-level ancestor.
    pub soc2_category: Option<Soc2Category>,
    /// For EU AI Act entries that state it: to whom and from when the entry applies.
    pub ai_act: Option<AiActScope>,
}

/// When and to whom an EU AI Act obligation applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AiActScope {
    pub roles: Vec<AiRole>,
    pub tiers: Vec<AiTier>,
    /// A milestone id from the regulatory calendar.
    pub applies_from: String,
    /// The facts of the system that must hold besides role and tier: the obligation applies when
    /// any one condition holds (all of its tests). Empty: role and tier alone decide.
    pub when: Vec<AiCondition>,
}

keywords! {
    /// A fact of an AI system that an EU AI Act obligation's condition can test (the profile's
    /// field of the same name; `annex_iii_area` and `annex_iii_point` read `risk.area` and
    /// `risk.point`).
    pub enum AiFact {
        DeployerType = "deployer_type",
        AnnexIiiArea = "annex_iii_area",
        AnnexIiiPoint = "annex_iii_point",
        ProviderEstablishment = "provider_establishment",
        LawEnforcementUse = "law_enforcement_use",
        InteractsWithPeople = "interacts_with_people",
        GeneratesContent = "generates_content",
        EmotionRecognition = "emotion_recognition",
        BiometricCategorisation = "biometric_categorisation",
        DeepFake = "deep_fake",
        PublicInterestText = "public_interest_text",
        NotHighRiskAssessment = "not_high_risk_assessment",
    }
}

impl AiFact {
    /// Every value the fact can take once known (`unknown` is never a value a condition names).
    pub fn values(self) -> Vec<&'static str> {
        use crate::domain::{AnnexIiiArea, AnnexIiiPoint};
        match self {
            AiFact::DeployerType => vec!["public_body", "private_public_service", "private"],
            AiFact::AnnexIiiArea => AnnexIiiArea::ALL.iter().map(|a| a.keyword()).collect(),
            AiFact::AnnexIiiPoint => AnnexIiiPoint::ALL.iter().map(|p| p.as_str()).collect(),
            AiFact::ProviderEstablishment => vec!["eu", "outside_eu"],
            _ => vec!["yes", "no"],
        }
    }
}

/// One test of a condition: the fact takes one of these values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AiFactTest {
    pub fact: AiFact,
    pub values: Vec<String>,
}

/// Tests that must all hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AiCondition {
    pub all: Vec<AiFactTest>,
}

/// A common control: written once, mapped to the requirements of every framework it serves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Control {
    pub id: String,
    pub domain: String,
    pub effort: Effort,
    pub title: Text,
    /// What good looks like.
    pub objective: Text,
    /// Typical evidence an auditor would accept.
    pub evidence: Text,
}

/// One line of the crosswalk: a control serves a requirement of a framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Mapping {
    pub control_id: String,
    pub framework: String,
    pub requirement_id: String,
    pub relationship: Relationship,
}

/// A requirement that the controls mapped to it as `subset` meet together, as the catalogue
/// declares in `jointly-sufficient.toml` (FORMAT.md). Without such a declaration subset controls
/// make a requirement partial at most.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JointlySufficient {
    pub framework: String,
    pub requirement_id: String,
    /// Every control the catalogue maps to the requirement as `subset`, as listed.
    pub controls: Vec<String>,
    /// Why the controls cover the requirement together: a note for reviewers, in English.
    pub reason: String,
}

/// Whether a requirement is a management-system requirement: a clause or subclause (clauses 4 to
/// 10) of ISO/IEC 27001 or ISO/IEC 42001. Such a requirement always applies: it can never be
/// not applicable (docs/analysis.md).
pub fn is_management_system_requirement(framework: &str, kind: RequirementKind) -> bool {
    matches!(framework, ISO27001 | ISO42001) && matches!(kind, RequirementKind::Clause | RequirementKind::Subclause)
}

/// A dated regulatory milestone from `assets/regulatory/calendar.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Milestone {
    pub id: String,
    /// The date; when it depends on the tier, the earliest of them.
    pub date: Date,
    /// Dates that differ by EU AI Act tier, in tier order.
    pub by_tier: Vec<TierDate>,
    pub title: Text,
    /// Where the date comes from.
    pub source: String,
}

impl Milestone {
    /// The date that applies to a tier: its own date, else the milestone's date.
    pub fn date_for(&self, tier: AiTier) -> Date {
        self.by_tier.iter().find(|t| t.tier == tier).map_or(self.date, |t| t.date)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TierDate {
    pub tier: AiTier,
    pub date: Date,
}

/// A whole, valid catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Catalog {
    pub version: String,
    pub date: Date,
    /// A stable hash of the files it was read from (see [`super::content_hash`]).
    pub content_hash: String,
    pub domains: Vec<Domain>,
    pub frameworks: Vec<Framework>,
    pub controls: Vec<Control>,
    pub mappings: Vec<Mapping>,
    /// The requirements whose subset controls are declared jointly sufficient.
    pub jointly_sufficient: Vec<JointlySufficient>,
    pub milestones: Vec<Milestone>,
}

impl Catalog {
    pub fn framework(&self, id: &str) -> Option<&Framework> {
        self.frameworks.iter().find(|f| f.id == id)
    }

    pub fn control(&self, id: &str) -> Option<&Control> {
        self.controls.iter().find(|c| c.id == id)
    }

    /// Whether the subset controls of a requirement are declared jointly sufficient.
    pub fn is_jointly_sufficient(&self, framework: &str, requirement_id: &str) -> bool {
        self.jointly_sufficient.iter().any(|j| j.framework == framework && j.requirement_id == requirement_id)
    }

    /// How many requirements of all frameworks are assessable.
    pub fn assessable_count(&self) -> usize {
        self.frameworks.iter().flat_map(|f| &f.requirements).filter(|r| r.assessable).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_round_trip_through_text_and_serde() {
        for effort in Effort::ALL {
            assert_eq!(Effort::parse(effort.as_str()), Some(*effort));
            assert_eq!(serde_json::to_value(effort).unwrap(), effort.as_str());
        }
        assert_eq!(Effort::parse("xs"), None, "keywords are case-sensitive");
        assert_eq!(Relationship::expected(), "equal, subset, superset, intersect");
        for role in ROLES {
            assert_eq!(parse_role(role_keyword(*role)), Some(*role));
            assert_eq!(serde_json::to_value(role).unwrap(), role_keyword(*role), "matches the profile's serde names");
        }
        assert_eq!(Soc2Category::from_entry_id("Processing Integrity"), Some(Soc2Category::ProcessingIntegrity));
        assert_eq!(Soc2Category::from_entry_id("CC1"), None);
    }
}
