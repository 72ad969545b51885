//! TypeScript declarations of every type that crosses into the frontend, generated from the
//! Rust types with ts-rs. The result is committed as `ui/src/lib/bindings.ts`; the test below
//! fails when it is stale. Refresh it with `UPDATE_BINDINGS=1 cargo test -p crosswalk-core bindings`.

use ts_rs::{Config, TS};

use crate::assessment::{
    Analysis, AnalysisSettings, AssessmentInfo, AssessmentRow, AssessmentView, ClientScope, ControlChange,
    ControlEntry, ControlStatus, DomainProgress, FieldChange, FrameworkDays, FrameworkPoint, FrameworkReadiness,
    GapItem, HistoryPoint, ImportOutcome, ImportPreview, PortfolioRow, Readiness, RecordedEntry, RemainingEffort,
    RequirementStatus, ScopeFramework, ScopeInput, ScopeObligation, ScopeRequirement, SectionReadiness,
    SubserviceInput, SubserviceMethod, SubserviceOrganisation,
};
use crate::assessment::{CoveringControl, Lang, RequirementRow, SheetFormat, Soa, SoaRow};
use crate::batch::{BatchItem, BatchOutcome, BatchProgress};
use crate::catalog::{AiTier, Domain, Effort, FrameworkKind, Relationship, RequirementKind, Soc2Category, Text};
use crate::demo::DemoOutcome;
use crate::domain::*;
use crate::error::{ErrorCode, ErrorReport};
use crate::evidence::{
    EvidenceControl, EvidenceFileInfo, EvidenceLink, EvidenceList, EvidenceMeta, EvidenceRequirement,
};
use crate::package::ImportMode;
use crate::recommend::roadmap::{
    DeclinedIntegratedAudit, EffortSummary, Excluded, ForcedOrder, FrameworkEffort, IntegratedAudit, MilestoneKind,
    NotBefore, OrderOption, OverrideChange, Overrides, Phase, PhaseKind, Roadmap, RoadmapMilestone,
};
use crate::recommend::{
    Advice, AdviceSettings, AiQuestion, AiSystemVerdict, FrameworkVerdict, Holding, Need, Nis2Class,
    Nis2Classification, Nis2Size, Obligation, Reason, Recommendation, RuleId, Soc2CategoryAdvice, Soc2Path, Soc2Plan,
};
use crate::requests::{
    EvidenceRequest, GenerateRequests, GeneratedRequests, RequestChange, RequestEdit, RequestImport,
    RequestRequirements, RequestStatus,
};
use crate::store::{
    AppliedFile, Compaction, Conflict, ConflictList, Keep, PeerStatus, Refused, SentFile, Sharing, SyncReport,
    TeamStatus, Waiting,
};
use crate::store::{
    AuditAction, AuditEntry, AuditPage, BackupInfo, BrandingSettings, Dashboard, DashboardEntry, DashboardQuery,
    DashboardRow, DashboardSort, EvidenceExport, EvidenceRemoved, Figures, PassphraseOutcome, RecommendedFramework,
    RestoreOutcome,
};
use crate::store::{
    CatalogInfo, ClientFilter, ClientSort, ControlDetail, ControlSummary, FrameworkSummary, ListQuery, MappedControl,
    RequirementControls, ServedRequirement,
};

/// Where the generated file lives, relative to the workspace root.
pub const BINDINGS_PATH: &str = "ui/src/lib/bindings.ts";

/// The whole generated file.
pub fn typescript() -> String {
    let cfg = Config::new();
    let mut out = String::from(
        "// Generated from the Rust types in crates/core by ts-rs. Do not edit by hand:\n\
         // run `UPDATE_BINDINGS=1 cargo test -p crosswalk-core bindings` instead.\n",
    );
    let mut add = |decl: String| {
        out.push('\n');
        out.push_str("export ");
        out.push_str(&decl);
        out.push('\n');
    };
    macro_rules! declare {
        ($($ty:ty),* $(,)?) => { $( add(<$ty as TS>::decl(&cfg)); )* };
    }
    declare!(
        Date,
        ClientId,
        ClientProfile,
        Sector,
        Market,
        Offering,
        AiSystem,
        AiRole,
        AiRisk,
        ProhibitedPractice,
        AnnexIiiArea,
        AnnexIiiPoint,
        DeployerType,
        Establishment,
        Answer,
        TransparencyFacts,
        MarketEntry,
        Certification,
        Soc2Type,
        Pressure,
        Party,
        Ask,
        Contact,
        ServiceFacts,
        Fact,
        RegulatoryFacts,
        GdprRole,
        Nis2Entity,
        Client,
        ClientStatus,
        ClientSummary,
        ListQuery,
        ClientFilter,
        ClientSort,
        DemoOutcome,
        FieldError,
        ErrorCode,
        ErrorReport,
        Text,
        Soc2Category,
        Need,
        RuleId,
        Reason,
        Holding,
        Soc2Path,
        Soc2CategoryAdvice,
        Soc2Plan,
        Nis2Size,
        Nis2Class,
        Nis2Classification,
        FrameworkVerdict,
        Obligation,
        AiQuestion,
        AiSystemVerdict,
        Recommendation,
        Overrides,
        OverrideChange,
        ForcedOrder,
        Excluded,
        NotBefore,
        DeclinedIntegratedAudit,
        IntegratedAudit,
        PhaseKind,
        Phase,
        MilestoneKind,
        RoadmapMilestone,
        OrderOption,
        EffortSummary,
        FrameworkEffort,
        Roadmap,
        Advice,
        AdviceSettings,
        Domain,
        Effort,
        FrameworkKind,
        Relationship,
        RequirementKind,
        AiTier,
        CatalogInfo,
        FrameworkSummary,
        ControlSummary,
        ControlDetail,
        ServedRequirement,
        RequirementControls,
        MappedControl,
        ControlStatus,
        RequirementStatus,
        ControlEntry,
        AssessmentInfo,
        RecordedEntry,
        AssessmentRow,
        AssessmentView,
        ScopeFramework,
        ScopeObligation,
        ScopeRequirement,
        ScopeInput,
        SubserviceMethod,
        SubserviceOrganisation,
        SubserviceInput,
        ClientScope,
        Readiness,
        SectionReadiness,
        FrameworkReadiness,
        DomainProgress,
        GapItem,
        FrameworkDays,
        RemainingEffort,
        Analysis,
        AnalysisSettings,
        FrameworkPoint,
        HistoryPoint,
        PortfolioRow,
        BatchProgress,
        BatchItem,
        BatchOutcome,
        ImportMode,
        DashboardRow,
        DashboardQuery,
        Figures,
        DashboardSort,
        DashboardEntry,
        Dashboard,
        RecommendedFramework,
        ImportOutcome,
        ImportPreview,
        ControlChange,
        FieldChange,
        RequirementRow,
        CoveringControl,
        Soa,
        SoaRow,
        SheetFormat,
        Lang,
        BrandingSettings,
        AuditAction,
        AuditEntry,
        AuditPage,
        BackupInfo,
        PassphraseOutcome,
        RestoreOutcome,
        EvidenceMeta,
        EvidenceLink,
        EvidenceList,
        EvidenceRequirement,
        EvidenceControl,
        EvidenceFileInfo,
        EvidenceExport,
        EvidenceRemoved,
        RequestStatus,
        RequestRequirements,
        EvidenceRequest,
        GenerateRequests,
        GeneratedRequests,
        RequestEdit,
        RequestImport,
        RequestChange,
        TeamStatus,
        PeerStatus,
        SyncReport,
        Compaction,
        SentFile,
        AppliedFile,
        Waiting,
        Refused,
        Conflict,
        Keep,
        Sharing,
        ConflictList,
    );
    out.push_str("\n/** ISO 3166-1 alpha-2 codes the backend accepts as a headquarters country. */\n");
    out.push_str("export const COUNTRY_CODES: readonly string[] = [");
    for (i, code) in crate::domain::countries::codes().enumerate() {
        out.push_str(if i % 16 == 0 { "\n  " } else { " " });
        out.push_str(&format!("\"{code}\","));
    }
    out.push_str("\n];\n");
    out.push_str("\n/** The English name of each of those countries (the core's list, not the platform's). */\n");
    out.push_str("export const COUNTRY_NAMES: Readonly<Record<string, string>> = {\n");
    for (code, name) in crate::domain::countries::COUNTRIES {
        out.push_str(&format!("  {code}: {},\n", serde_json::to_string(name).expect("a string serialises")));
    }
    out.push_str("};\n");
    framework_lists(&mut out);
    legacy_cutoff(&mut out);
    vocabulary(&mut out);
    out
}

/// The EU AI Act's Art. 111(2) cut-off from the shipped calendar (the date the questionnaire asks
/// about a significant change after), so the window asks on the date the rules use.
fn legacy_cutoff(out: &mut String) {
    let calendar = &crate::catalog::shipped().expect("the shipped catalogue is valid").milestones;
    let cutoff = calendar.iter().find(|m| m.id == "ai-act-legacy-cutoff").expect("the calendar has the cut-off");
    out.push_str(&format!(
        "\n/** The EU AI Act's Art. 111(2) cut-off (calendar milestone `{}`). */\nexport const AI_ACT_LEGACY_CUTOFF: IsoDate = \"{}\";\n",
        cutoff.id, cutoff.date
    ));
}

/// The core's lists of frameworks, so that the frontend offers what the core accepts.
fn framework_lists(out: &mut String) {
    use crate::assessment::ScopeFramework;
    let lists: [(&str, &str, &[ScopeFramework]); 3] = [
        ("Every shipped framework, in scope order.", "SHIPPED_FRAMEWORKS", ScopeFramework::SHIPPED),
        (
            "The frameworks the recommendation rates: the ones an override can leave out or start later.",
            "RATED_FRAMEWORKS",
            ScopeFramework::RATED,
        ),
        (
            "The certifications: the only frameworks an override can put in order.",
            "CERTIFICATIONS",
            ScopeFramework::CERTIFICATIONS,
        ),
    ];
    for (doc, name, items) in lists {
        let ids: Vec<String> = items.iter().map(|f| format!("{:?}", f.as_str())).collect();
        out.push_str(&format!(
            "\n/** {doc} */\nexport const {name}: readonly ScopeFramework[] = [{}];\n",
            ids.join(", ")
        ));
    }
}

/// The words the frontend shows for the core's values, written by the core so that each is said
/// once: the frameworks' short names and the status labels, in English and German.
fn vocabulary(out: &mut String) {
    use crate::assessment::{ControlStatus, RequirementStatus, ScopeFramework, SubserviceMethod};
    use crate::requests::RequestStatus;
    fn table(out: &mut String, doc: &str, head: &str, rows: Vec<(&str, String)>) {
        out.push_str(&format!("\n/** {doc} */\nexport const {head} = {{\n"));
        for (key, value) in rows {
            out.push_str(&format!("  {key}: {value},\n"));
        }
        out.push_str("};\n");
    }
    let json = |t: Text| serde_json::to_string(&t).expect("a text serialises");
    table(
        out,
        "The short name of every shipped framework by its catalogue id, in scope order.",
        "frameworkNames: Record<string, string>",
        ScopeFramework::SHIPPED.iter().map(|f| (f.as_str(), format!("{:?}", f.display_name()))).collect(),
    );
    table(
        out,
        "What each control status is called.",
        "controlStatusLabels: Record<ControlStatus, Text>",
        ControlStatus::ALL.iter().map(|s| (s.as_str(), json(s.label()))).collect(),
    );
    table(
        out,
        "What each requirement status is called.",
        "requirementStatusLabels: Record<RequirementStatus, Text>",
        RequirementStatus::ALL.iter().map(|s| (s.as_str(), json(s.label()))).collect(),
    );
    table(
        out,
        "What each evidence request status is called.",
        "requestStatusLabels: Record<RequestStatus, Text>",
        RequestStatus::ALL.iter().map(|s| (s.as_str(), json(s.label()))).collect(),
    );
    table(
        out,
        "How a SOC 2 report treats a subservice organisation, in words.",
        "subserviceMethodLabels: Record<SubserviceMethod, Text>",
        SubserviceMethod::ALL.iter().map(|s| (s.as_str(), json(s.label()))).collect(),
    );
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    #[test]
    fn bindings_are_fresh() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(super::BINDINGS_PATH);
        let generated = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &generated).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{} is stale: run `UPDATE_BINDINGS=1 cargo test -p crosswalk-core bindings` and commit the result",
            super::BINDINGS_PATH
        );
    }
}
