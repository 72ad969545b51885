//! Names of the core's enums in the report's language, and the tones they are shown in.

use crosswalk_core::assessment::ScopeFramework;
use crosswalk_core::catalog::{Catalog, Soc2Category, EU_AI_ACT};
use crosswalk_core::domain::{Certification, Market, Sector, Soc2Type};
use crosswalk_core::recommend::roadmap::{MilestoneKind, PhaseKind, RoadmapMilestone};
use crosswalk_core::recommend::{Need, RuleId};

use crate::i18n::{t, S};
use crate::model::{ControlStatus, Lang, Tone};

/// Printed where a cell has nothing to say.
pub(crate) const DASH: &str = "–";

pub(crate) fn sector_key(sector: Sector) -> S {
    match sector {
        Sector::Software => S::SectorSoftware,
        Sector::FinancialServices => S::SectorFinancialServices,
        Sector::Insurance => S::SectorInsurance,
        Sector::Healthcare => S::SectorHealthcare,
        Sector::LifeSciences => S::SectorLifeSciences,
        Sector::Manufacturing => S::SectorManufacturing,
        Sector::Automotive => S::SectorAutomotive,
        Sector::Energy => S::SectorEnergy,
        Sector::Telecommunications => S::SectorTelecommunications,
        Sector::PublicSector => S::SectorPublicSector,
        Sector::Education => S::SectorEducation,
        Sector::Retail => S::SectorRetail,
        Sector::Logistics => S::SectorLogistics,
        Sector::ProfessionalServices => S::SectorProfessionalServices,
        Sector::Media => S::SectorMedia,
        Sector::Other => S::SectorOther,
    }
}

pub(crate) fn market_name(lang: Lang, market: Market) -> &'static str {
    t(
        lang,
        match market {
            Market::Us => S::MarketUs,
            Market::Eu => S::MarketEu,
            Market::Uk => S::MarketUk,
            Market::Other => S::MarketOther,
        },
    )
}

pub(crate) fn certification_name(lang: Lang, cert: &Certification) -> String {
    match cert {
        Certification::Iso27001 { .. } => ScopeFramework::Iso27001.display_name().to_owned(),
        Certification::Iso42001 { .. } => ScopeFramework::Iso42001.display_name().to_owned(),
        Certification::Soc2 { report_type: Soc2Type::Type1, .. } => t(lang, S::Soc2TypeI).to_owned(),
        Certification::Soc2 { report_type: Soc2Type::Type2, .. } => t(lang, S::Soc2TypeII).to_owned(),
        Certification::Other { name, .. } => name.clone(),
    }
}

pub(crate) fn need_label(lang: Lang, need: Need) -> &'static str {
    t(
        lang,
        match need {
            Need::Required => S::NeedRequired,
            Need::Recommended => S::NeedRecommended,
            Need::Optional => S::NeedOptional,
            Need::NotNeeded => S::NeedNotNeeded,
        },
    )
}

pub(crate) fn need_tone(need: Need) -> Tone {
    match need {
        Need::Required => Tone::Bad,
        Need::Recommended => Tone::Warn,
        Need::Optional => Tone::Brand,
        Need::NotNeeded => Tone::Muted,
    }
}

/// A framework's name by catalogue id: the display name, or the EU AI Act in the language.
pub(crate) fn framework_name(lang: Lang, id: &str) -> String {
    match id {
        "iso27001" => ScopeFramework::Iso27001.display_name().to_owned(),
        "soc2" => ScopeFramework::Soc2.display_name().to_owned(),
        "iso42001" => ScopeFramework::Iso42001.display_name().to_owned(),
        EU_AI_ACT => t(lang, S::EuAiAct).to_owned(),
        "gdpr" => match lang {
            Lang::En => "GDPR".to_owned(),
            Lang::De => "DSGVO".to_owned(),
        },
        "nis2" => "NIS2".to_owned(),
        "nist_ai_rmf" => "NIST AI RMF".to_owned(),
        // A framework the consultant imported: its id.
        other => other.to_owned(),
    }
}

/// A short framework name for narrow columns.
pub(crate) fn framework_short(lang: Lang, id: &str) -> String {
    match id {
        "iso27001" => "ISO 27001".into(),
        "soc2" => "SOC 2".into(),
        "iso42001" => "ISO 42001".into(),
        EU_AI_ACT => t(lang, S::AiActShort).to_owned(),
        "gdpr" | "nis2" | "nist_ai_rmf" => framework_name(lang, id),
        other => other.to_owned(),
    }
}

pub(crate) fn status_label(lang: Lang, status: ControlStatus) -> &'static str {
    t(
        lang,
        match status {
            ControlStatus::NotAssessed => S::StatusNotAssessed,
            ControlStatus::NotImplemented => S::StatusNotImplemented,
            ControlStatus::PartiallyImplemented => S::StatusPartial,
            ControlStatus::Implemented => S::StatusImplemented,
            ControlStatus::NotApplicable => S::StatusNotApplicable,
        },
    )
}

pub(crate) fn status_short(lang: Lang, status: ControlStatus) -> &'static str {
    t(
        lang,
        match status {
            ControlStatus::NotAssessed => S::ShortNotAssessed,
            ControlStatus::NotImplemented => S::ShortNotImplemented,
            ControlStatus::PartiallyImplemented => S::ShortPartial,
            ControlStatus::Implemented => S::ShortImplemented,
            ControlStatus::NotApplicable => S::NotApplicableShort,
        },
    )
}

pub(crate) fn status_tone(status: ControlStatus) -> Tone {
    match status {
        ControlStatus::Implemented => Tone::Good,
        ControlStatus::PartiallyImplemented => Tone::Warn,
        ControlStatus::NotImplemented => Tone::Bad,
        ControlStatus::NotAssessed | ControlStatus::NotApplicable => Tone::Muted,
    }
}

pub(crate) fn phase_kind_label(lang: Lang, kind: PhaseKind) -> &'static str {
    t(
        lang,
        match kind {
            PhaseKind::Stop => S::KindStop,
            PhaseKind::Implementation => S::KindImplementation,
            PhaseKind::Readiness => S::KindReadiness,
            PhaseKind::Audit => S::KindAudit,
            PhaseKind::Observation => S::KindObservation,
            PhaseKind::AiAct => S::KindAiAct,
        },
    )
}

pub(crate) fn phase_tone(kind: PhaseKind) -> Tone {
    match kind {
        PhaseKind::Stop => Tone::Bad,
        PhaseKind::Implementation => Tone::Brand,
        PhaseKind::Readiness => Tone::Neutral,
        PhaseKind::Audit => Tone::Good,
        PhaseKind::Observation => Tone::Muted,
        PhaseKind::AiAct => Tone::Warn,
    }
}

pub(crate) fn milestone_kind_label(lang: Lang, kind: MilestoneKind) -> &'static str {
    t(
        lang,
        match kind {
            MilestoneKind::Deliverable => S::MsDeliverable,
            MilestoneKind::Deadline => S::MsDeadline,
            MilestoneKind::Regulatory => S::MsRegulatory,
            MilestoneKind::Audit => S::MsAudit,
            MilestoneKind::Surveillance => S::MsSurveillance,
        },
    )
}

/// A milestone's tone: a missed one is bad whatever its kind.
pub(crate) fn milestone_tone(m: &RoadmapMilestone) -> Tone {
    match m.kind {
        _ if m.missed => Tone::Bad,
        MilestoneKind::Deliverable => Tone::Good,
        MilestoneKind::Deadline => Tone::Bad,
        MilestoneKind::Regulatory => Tone::Warn,
        MilestoneKind::Audit => Tone::Neutral,
        MilestoneKind::Surveillance => Tone::Muted,
    }
}

pub(crate) fn soc2_category(lang: Lang, category: Soc2Category) -> &'static str {
    t(
        lang,
        match category {
            Soc2Category::Security => S::CatSecurity,
            Soc2Category::Availability => S::CatAvailability,
            Soc2Category::Confidentiality => S::CatConfidentiality,
            Soc2Category::ProcessingIntegrity => S::CatProcessingIntegrity,
            Soc2Category::Privacy => S::CatPrivacy,
        },
    )
}

pub(crate) const RULES: [(RuleId, S); 16] = [
    (RuleId::R1, S::RuleR1),
    (RuleId::R2, S::RuleR2),
    (RuleId::R3, S::RuleR3),
    (RuleId::R4, S::RuleR4),
    (RuleId::R5, S::RuleR5),
    (RuleId::R6, S::RuleR6),
    (RuleId::R7, S::RuleR7),
    (RuleId::R8, S::RuleR8),
    (RuleId::R9, S::RuleR9),
    (RuleId::R10, S::RuleR10),
    (RuleId::R11, S::RuleR11),
    (RuleId::R12, S::RuleR12),
    (RuleId::R13, S::RuleR13),
    (RuleId::R14, S::RuleR14),
    (RuleId::R15, S::RuleR15),
    (RuleId::R16, S::RuleR16),
];

/// A control's title in the language, or its id when the catalogue does not know it.
pub(crate) fn control_title(lang: Lang, catalog: &Catalog, id: &str) -> String {
    catalog.control(id).map_or_else(|| id.to_owned(), |c| lang.say(&c.title).to_owned())
}

/// A requirement's title in the language.
pub(crate) fn requirement_title(lang: Lang, catalog: &Catalog, framework: &str, id: &str) -> String {
    catalog
        .framework(framework)
        .and_then(|f| f.requirement(id))
        .map_or_else(|| id.to_owned(), |r| lang.say(&r.title).to_owned())
}

/// A short date, or a dash when there is none.
pub(crate) fn short_date_or_dash(lang: Lang, date: Option<crosswalk_core::domain::Date>) -> String {
    date.map_or_else(|| DASH.to_owned(), |d| crate::i18n::short_date(lang, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn framework_names_in_both_languages() {
        let check = |id: &str, lang: Lang, name: &str, short: &str| {
            assert_eq!((framework_name(lang, id).as_str(), framework_short(lang, id).as_str()), (name, short), "{id}");
        };
        check("iso27001", Lang::En, "ISO/IEC 27001", "ISO 27001");
        check("gdpr", Lang::En, "GDPR", "GDPR");
        check("gdpr", Lang::De, "DSGVO", "DSGVO");
        check("nis2", Lang::De, "NIS2", "NIS2");
        check("nist_ai_rmf", Lang::En, "NIST AI RMF", "NIST AI RMF");
        check("x_sp800_53", Lang::De, "x_sp800_53", "x_sp800_53");
    }
}
