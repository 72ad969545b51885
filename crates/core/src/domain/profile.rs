//! The client profile: everything the recommendation needs to know about a client.
//!
//! [`ClientProfile`] is the raw shape, as it arrives from JSON, the CLI or the app's form.
//! [`ClientProfile::validate`] checks every precondition at once and yields a [`ValidProfile`],
//! the only form the store accepts.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{countries, Date, FieldError, ValidationErrors};

/// Longest free-text name (client, AI system, contact, certification).
pub const MAX_NAME_LEN: usize = 200;
/// Longest description (a purpose, what a party asks for).
pub const MAX_DETAIL_LEN: usize = 2_000;
/// Longest notes field.
pub const MAX_NOTES_LEN: usize = 20_000;
/// Largest head count we accept; anything above is a typo.
pub const MAX_EMPLOYEES: u32 = 5_000_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ClientProfile {
    pub name: String,
    pub sector: Sector,
    /// Head count.
    pub employees: u32,
    /// Headquarters country, ISO 3166-1 alpha-2 (`DE`, `US`, ...).
    pub headquarters: String,
    /// Markets the client sells into.
    #[serde(default)]
    pub markets: Vec<Market>,
    /// What the client offers.
    #[serde(default)]
    pub offerings: Vec<Offering>,
    #[serde(default)]
    pub ai_systems: Vec<AiSystem>,
    /// Certifications and attestation reports the client already holds.
    #[serde(default)]
    pub certifications: Vec<Certification>,
    /// Who is asking the client for what.
    #[serde(default)]
    pub pressures: Vec<Pressure>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub notes: String,
    /// What the service does for its customers: decides the SOC 2 categories beyond security
    /// (R13). Unknown facts produce a question for the consultant, not a guess.
    #[serde(default)]
    pub service: ServiceFacts,
    /// Facts that decide the GDPR, NIS2 and NIST AI RMF verdicts (R17 to R19). Every fact defaults
    /// to unknown (or unset), so a profile written before them keeps loading; an unknown fact
    /// that decides something becomes a question for the consultant.
    #[serde(default)]
    #[ts(as = "Option<RegulatoryFacts>", optional)]
    pub regulatory: RegulatoryFacts,
}

/// Facts for the GDPR (R17), NIS2 (R18) and the NIST AI RMF (R19).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct RegulatoryFacts {
    /// A branch, subsidiary or office in the EU (an EU `headquarters` answers yes): GDPR Art. 3(1),
    /// NIS2 Art. 26.
    pub eu_establishment: Fact,
    /// Processes personal data of people in the EU (or the UK). An employer always processes its
    /// staff's data.
    pub personal_data: Fact,
    /// The client's role under the GDPR for the processing that matters.
    pub gdpr_role: GdprRole,
    /// Offers goods or services to people in the EU, or monitors their behaviour there (GDPR
    /// Art. 3(2)).
    pub targets_people_in_eu: Fact,
    /// Processes special categories of personal data (GDPR Art. 9: health, biometric, genetic data, ...).
    pub special_category_data: Fact,
    /// Transfers personal data to countries outside the EEA (GDPR Chapter V).
    pub transfers_outside_eea: Fact,
    /// Its core activities are large-scale regular and systematic monitoring of people, or
    /// large-scale processing of special categories (GDPR Art. 37(1)(b), (c)).
    pub dpo_trigger: Fact,
    /// Processing likely to result in a high risk to people (GDPR Art. 35).
    pub high_risk_processing: Fact,
    /// The NIS2 entity type (Annexes I and II of Directive (EU) 2022/2555); unset: not answered yet.
    #[ts(optional = nullable)]
    pub nis2_entity: Option<Nis2Entity>,
    /// Annual turnover in million EUR (size cap, Commission Recommendation 2003/361/EC).
    #[ts(optional = nullable)]
    pub annual_turnover_eur_m: Option<f64>,
    /// Annual balance-sheet total in million EUR.
    #[ts(optional = nullable)]
    pub balance_sheet_eur_m: Option<f64>,
    /// Sells (AI) to US enterprise or public-sector buyers, who ask for the NIST AI RMF.
    pub us_enterprise_or_public_buyers: Fact,
}

/// The figures are never NaN (JSON has no NaN, and validation refuses what is not finite), so
/// equality is total.
impl Eq for RegulatoryFacts {}

/// The client's role under the GDPR (Art. 4(7), (8)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GdprRole {
    /// Decides why and how personal data is processed.
    Controller,
    /// Processes personal data on behalf of a controller (its customers).
    Processor,
    /// Controller for some processing (its own staff and customers), processor for other.
    Both,
    #[default]
    Unknown,
}

/// The entity types of NIS2 Annex I (sectors of high criticality) and Annex II (other critical
/// sectors), at the level the rules need: each digital-infrastructure and ICT-service-management
/// type on its own, the other sectors whole or by subsector; `none` for a client in no annex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Nis2Entity {
    // Annex I
    /// Annex I.1: electricity, district heating and cooling, oil, gas, hydrogen.
    Energy,
    /// Annex I.2: air, rail, water and road transport.
    Transport,
    /// Annex I.3: credit institutions.
    Banking,
    /// Annex I.4: trading venues and central counterparties.
    FinancialMarketInfrastructure,
    /// Annex I.5: healthcare providers, reference laboratories, pharmaceutical and critical medical-device makers.
    Health,
    /// Annex I.6.
    DrinkingWater,
    /// Annex I.7.
    WasteWater,
    /// Annex I.8: internet exchange point provider.
    InternetExchangePoint,
    /// Annex I.8: DNS service provider (not the operators of root name servers).
    DnsServiceProvider,
    /// Annex I.8: top-level-domain name registry.
    TldNameRegistry,
    /// Annex I.8: cloud computing service provider.
    CloudComputing,
    /// Annex I.8: data centre service provider.
    DataCentre,
    /// Annex I.8: content delivery network provider.
    ContentDeliveryNetwork,
    /// Annex I.8: qualified trust service provider.
    QualifiedTrustServiceProvider,
    /// Annex I.8: (non-qualified) trust service provider.
    TrustServiceProvider,
    /// Annex I.8: provider of public electronic communications networks or services.
    PublicElectronicCommunications,
    /// Annex I.9: managed service provider (B2B).
    ManagedServiceProvider,
    /// Annex I.9: managed security service provider (B2B).
    ManagedSecurityServiceProvider,
    /// Annex I.10: public administration of central government.
    PublicAdministrationCentral,
    /// Annex I.10: public administration at regional level (in scope only where the member state includes it).
    PublicAdministrationRegional,
    /// Annex I.11: operators of ground-based infrastructure supporting space services.
    Space,
    // Annex II
    /// Annex II.1: postal and courier services.
    PostalCourier,
    /// Annex II.2.
    WasteManagement,
    /// Annex II.3: manufacture, production and distribution of chemicals.
    Chemicals,
    /// Annex II.4: production, processing and distribution of food.
    Food,
    /// Annex II.5: medical devices, computers and electronics, electrical equipment, machinery, vehicles.
    Manufacturing,
    /// Annex II.6: online marketplace.
    OnlineMarketplace,
    /// Annex II.6: online search engine.
    OnlineSearchEngine,
    /// Annex II.6: social networking services platform.
    SocialNetworkingPlatform,
    /// Annex II.7: research organisations.
    Research,
    /// In neither annex (answered, not unknown).
    None,
}

impl Nis2Entity {
    /// The keyword in profiles (`managed_service_provider`).
    pub fn keyword(self) -> &'static str {
        match self {
            Nis2Entity::Energy => "energy",
            Nis2Entity::Transport => "transport",
            Nis2Entity::Banking => "banking",
            Nis2Entity::FinancialMarketInfrastructure => "financial_market_infrastructure",
            Nis2Entity::Health => "health",
            Nis2Entity::DrinkingWater => "drinking_water",
            Nis2Entity::WasteWater => "waste_water",
            Nis2Entity::InternetExchangePoint => "internet_exchange_point",
            Nis2Entity::DnsServiceProvider => "dns_service_provider",
            Nis2Entity::TldNameRegistry => "tld_name_registry",
            Nis2Entity::CloudComputing => "cloud_computing",
            Nis2Entity::DataCentre => "data_centre",
            Nis2Entity::ContentDeliveryNetwork => "content_delivery_network",
            Nis2Entity::QualifiedTrustServiceProvider => "qualified_trust_service_provider",
            Nis2Entity::TrustServiceProvider => "trust_service_provider",
            Nis2Entity::PublicElectronicCommunications => "public_electronic_communications",
            Nis2Entity::ManagedServiceProvider => "managed_service_provider",
            Nis2Entity::ManagedSecurityServiceProvider => "managed_security_service_provider",
            Nis2Entity::PublicAdministrationCentral => "public_administration_central",
            Nis2Entity::PublicAdministrationRegional => "public_administration_regional",
            Nis2Entity::Space => "space",
            Nis2Entity::PostalCourier => "postal_courier",
            Nis2Entity::WasteManagement => "waste_management",
            Nis2Entity::Chemicals => "chemicals",
            Nis2Entity::Food => "food",
            Nis2Entity::Manufacturing => "manufacturing",
            Nis2Entity::OnlineMarketplace => "online_marketplace",
            Nis2Entity::OnlineSearchEngine => "online_search_engine",
            Nis2Entity::SocialNetworkingPlatform => "social_networking_platform",
            Nis2Entity::Research => "research",
            Nis2Entity::None => "none",
        }
    }

    /// Which annex lists it: 1 (Annex I), 2 (Annex II), `None` for `none`.
    pub fn annex(self) -> Option<u8> {
        match self {
            Nis2Entity::None => None,
            Nis2Entity::PostalCourier
            | Nis2Entity::WasteManagement
            | Nis2Entity::Chemicals
            | Nis2Entity::Food
            | Nis2Entity::Manufacturing
            | Nis2Entity::OnlineMarketplace
            | Nis2Entity::OnlineSearchEngine
            | Nis2Entity::SocialNetworkingPlatform
            | Nis2Entity::Research => Some(2),
            _ => Some(1),
        }
    }

    pub const ALL: [Nis2Entity; 31] = [
        Nis2Entity::Energy,
        Nis2Entity::Transport,
        Nis2Entity::Banking,
        Nis2Entity::FinancialMarketInfrastructure,
        Nis2Entity::Health,
        Nis2Entity::DrinkingWater,
        Nis2Entity::WasteWater,
        Nis2Entity::InternetExchangePoint,
        Nis2Entity::DnsServiceProvider,
        Nis2Entity::TldNameRegistry,
        Nis2Entity::CloudComputing,
        Nis2Entity::DataCentre,
        Nis2Entity::ContentDeliveryNetwork,
        Nis2Entity::QualifiedTrustServiceProvider,
        Nis2Entity::TrustServiceProvider,
        Nis2Entity::PublicElectronicCommunications,
        Nis2Entity::ManagedServiceProvider,
        Nis2Entity::ManagedSecurityServiceProvider,
        Nis2Entity::PublicAdministrationCentral,
        Nis2Entity::PublicAdministrationRegional,
        Nis2Entity::Space,
        Nis2Entity::PostalCourier,
        Nis2Entity::WasteManagement,
        Nis2Entity::Chemicals,
        Nis2Entity::Food,
        Nis2Entity::Manufacturing,
        Nis2Entity::OnlineMarketplace,
        Nis2Entity::OnlineSearchEngine,
        Nis2Entity::SocialNetworkingPlatform,
        Nis2Entity::Research,
        Nis2Entity::None,
    ];
}

/// Largest turnover or balance-sheet total we accept, in million EUR; anything above is a typo.
pub const MAX_EUR_M: f64 = 10_000_000.0;

/// Facts about the client's service that decide the SOC 2 categories beyond security.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct ServiceFacts {
    /// The service collects personal information directly from individuals (privacy).
    pub collects_personal_info: Fact,
    /// Customers rely on the service under availability commitments, e.g. an SLA (availability).
    pub availability_commitments: Fact,
    /// Customers entrust the service with confidential business data (confidentiality).
    pub confidential_business_data: Fact,
    /// The service processes transactions whose accuracy customers rely on (processing integrity).
    pub processes_transactions: Fact,
}

/// A yes/no answer the consultant may not have yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    Yes,
    No,
    #[default]
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    Software,
    FinancialServices,
    Insurance,
    Healthcare,
    LifeSciences,
    Manufacturing,
    Automotive,
    Energy,
    Telecommunications,
    PublicSector,
    Education,
    Retail,
    Logistics,
    ProfessionalServices,
    Media,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Market {
    Us,
    Eu,
    Uk,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Offering {
    /// A SaaS or managed service that stores or processes its customers' data.
    ServiceProcessingCustomerData,
    /// AI products or AI features the client builds.
    BuildsAi,
    /// AI systems from others that the client puts to use in its business.
    DeploysThirdPartyAi,
    /// AI used only internally (assistants, productivity tools).
    InternalAiOnly,
    /// None of the above.
    None,
}

impl Offering {
    pub fn involves_ai(self) -> bool {
        matches!(self, Offering::BuildsAi | Offering::DeploysThirdPartyAi | Offering::InternalAiOnly)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AiSystem {
    pub name: String,
    #[serde(default)]
    pub purpose: String,
    /// The client's roles for this system under the EU AI Act.
    pub roles: Vec<AiRole>,
    pub risk: AiRisk,
    /// Whether the system is (or is built on) a general-purpose AI model the client provides.
    #[serde(default)]
    pub general_purpose: bool,
    /// A general-purpose model with systemic risk (Art. 51).
    #[serde(default)]
    pub systemic_risk: bool,
    /// As a deployer: what kind of body the client is (Arts. 26(8), 27, 49(3)).
    #[serde(default)]
    pub deployer_type: DeployerType,
    /// As a provider: where the client, providing this system, is established (Arts. 22, 54).
    #[serde(default)]
    pub provider_establishment: Establishment,
    /// Used by or on behalf of law enforcement authorities (Art. 26(10), Annex III point 6).
    #[serde(default)]
    pub law_enforcement_use: Answer,
    /// What the system does that brings the transparency duties of Art. 50, whatever its tier.
    #[serde(default)]
    pub transparency: TransparencyFacts,
    /// When the system was placed on the market or put into service (Art. 111 transitions).
    #[serde(default)]
    pub market_entry: MarketEntry,
    /// Significantly changed in its design since the transition cut-off (Art. 111(2)).
    #[serde(default)]
    pub significant_change: Answer,
    /// Intended to be used by public authorities: a high-risk system already on the market then
    /// still complies by the Art. 111(2) deadline, changed or not.
    #[serde(default)]
    pub public_authority_use: Answer,
    /// For an Annex III system: the provider documented that it is not high-risk (Art. 6(3)),
    /// so it registers under Art. 49(2) instead of carrying the high-risk duties.
    #[serde(default)]
    pub not_high_risk_assessment: Answer,
}

impl AiSystem {
    /// A system with its name, roles and tier; every other fact unknown.
    pub fn new(name: &str, roles: &[AiRole], risk: AiRisk) -> AiSystem {
        AiSystem {
            name: name.to_owned(),
            purpose: String::new(),
            roles: roles.to_vec(),
            risk,
            general_purpose: false,
            systemic_risk: false,
            deployer_type: DeployerType::Unknown,
            provider_establishment: Establishment::Unknown,
            law_enforcement_use: Answer::Unknown,
            transparency: TransparencyFacts::default(),
            market_entry: MarketEntry::Unknown,
            significant_change: Answer::Unknown,
            public_authority_use: Answer::Unknown,
            not_high_risk_assessment: Answer::Unknown,
        }
    }
}

/// A yes-or-no fact the consultant may not know yet; `unknown` makes the advice ask.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    #[default]
    Unknown,
    Yes,
    No,
}

/// What kind of body a deployer is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DeployerType {
    #[default]
    Unknown,
    /// A public authority, a Union body or a body governed by public law.
    PublicBody,
    /// A private entity providing a public service (education, health care, social services, ...).
    PrivatePublicService,
    /// Any other private entity.
    Private,
}

/// Where a provider is established.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Establishment {
    /// Not recorded: an EU headquarters answers it; otherwise the advice asks.
    #[default]
    Unknown,
    /// Established in the Union (the entity that places the system on the market is in the EU).
    Eu,
    /// Established only in a third country.
    OutsideEu,
}

/// The facts behind Art. 50, each asked on its own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TransparencyFacts {
    /// Meant to interact directly with people (a chatbot, a voice agent): Art. 50(1).
    #[serde(default)]
    pub interacts_with_people: Answer,
    /// Generates synthetic audio, images, video or text: Art. 50(2).
    #[serde(default)]
    pub generates_content: Answer,
    /// Recognises emotions: Art. 50(3).
    #[serde(default)]
    pub emotion_recognition: Answer,
    /// Sorts people into categories from biometric data: Art. 50(3).
    #[serde(default)]
    pub biometric_categorisation: Answer,
    /// Its output is used as a deep fake (image, audio or video resembling real people, places or events): Art. 50(4).
    #[serde(default)]
    pub deep_fake: Answer,
    /// Writes or edits text published to inform the public on matters of public interest: Art. 50(4).
    #[serde(default)]
    pub public_interest_text: Answer,
}

/// When the system reached the market (placed on the market or put into service).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "snake_case", deny_unknown_fields)]
pub enum MarketEntry {
    #[default]
    Unknown,
    /// Not on the market or in service yet.
    NotYet,
    /// Placed on the market or put into service on this date (or the first of the month, when
    /// only the month is known).
    Placed { on: Date },
}

/// Operator roles of the EU AI Act (Art. 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AiRole {
    Provider,
    Deployer,
    Importer,
    Distributor,
    AuthorisedRepresentative,
    ProductManufacturer,
}

/// The system's risk tier under the EU AI Act.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "tier", rename_all = "snake_case", deny_unknown_fields)]
pub enum AiRisk {
    /// A practice banned by Art. 5.
    Prohibited {
        practice: ProhibitedPractice,
    },
    /// High-risk as (a safety component of) a product under the Union law listed in Annex I.
    HighRiskAnnexI {
        /// The product area, e.g. "medical devices" or "machinery".
        product: String,
    },
    /// High-risk by its use in one of the Annex III areas.
    HighRiskAnnexIii {
        area: AnnexIiiArea,
        /// The sub-point of the area, where the area has several; `unknown` makes the advice ask
        /// when the sub-point decides an obligation.
        #[serde(default)]
        point: AnnexIiiPoint,
    },
    /// Not high-risk, but subject to the transparency duties of Art. 50.
    Transparency,
    Minimal,
}

impl AiRisk {
    pub fn is_high_risk(&self) -> bool {
        matches!(self, AiRisk::HighRiskAnnexI { .. } | AiRisk::HighRiskAnnexIii { .. })
    }
}

/// The eight practices of Art. 5(1)(a) to (h).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProhibitedPractice {
    /// Art. 5(1)(a)
    ManipulativeTechniques,
    /// Art. 5(1)(b)
    ExploitingVulnerabilities,
    /// Art. 5(1)(c)
    SocialScoring,
    /// Art. 5(1)(d)
    CrimePredictionByProfiling,
    /// Art. 5(1)(e)
    UntargetedFacialScraping,
    /// Art. 5(1)(f)
    EmotionRecognitionWorkEducation,
    /// Art. 5(1)(g)
    SensitiveBiometricCategorisation,
    /// Art. 5(1)(h)
    RealTimeRemoteBiometricIdentification,
    /// Added by Regulation (EU) 2026/1744: generating non-consensual intimate images of real people.
    NonConsensualIntimateImagery,
    /// Added by Regulation (EU) 2026/1744: generating child sexual abuse material.
    ChildSexualAbuseMaterial,
}

impl ProhibitedPractice {
    /// The requirement ID in the EU AI Act framework.
    pub fn requirement_id(self) -> &'static str {
        match self {
            ProhibitedPractice::ManipulativeTechniques => "Art.5(1)(a)",
            ProhibitedPractice::ExploitingVulnerabilities => "Art.5(1)(b)",
            ProhibitedPractice::SocialScoring => "Art.5(1)(c)",
            ProhibitedPractice::CrimePredictionByProfiling => "Art.5(1)(d)",
            ProhibitedPractice::UntargetedFacialScraping => "Art.5(1)(e)",
            ProhibitedPractice::EmotionRecognitionWorkEducation => "Art.5(1)(f)",
            ProhibitedPractice::SensitiveBiometricCategorisation => "Art.5(1)(g)",
            ProhibitedPractice::RealTimeRemoteBiometricIdentification => "Art.5(1)(h)",
            // Our ids: the paragraph numbering of the amended Art. 5 is not confirmed from the
            // Official Journal (key_facts OMN-03, OMN-04).
            ProhibitedPractice::NonConsensualIntimateImagery => "Art.5(NCII)",
            ProhibitedPractice::ChildSexualAbuseMaterial => "Art.5(CSAM)",
        }
    }

    /// Whether the ban was added by the 2026 amendment (it applies from its own, later date).
    pub fn added_in_2026(self) -> bool {
        matches!(self, ProhibitedPractice::NonConsensualIntimateImagery | ProhibitedPractice::ChildSexualAbuseMaterial)
    }
}

/// The eight use areas of Annex III.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AnnexIiiArea {
    /// Annex III point 1
    Biometrics,
    /// point 2
    CriticalInfrastructure,
    /// point 3
    Education,
    /// point 4
    Employment,
    /// point 5
    EssentialServices,
    /// point 6
    LawEnforcement,
    /// point 7
    MigrationBorderControl,
    /// point 8
    JusticeDemocracy,
}

impl AnnexIiiArea {
    pub fn requirement_id(self) -> &'static str {
        match self {
            AnnexIiiArea::Biometrics => "Annex III.1",
            AnnexIiiArea::CriticalInfrastructure => "Annex III.2",
            AnnexIiiArea::Education => "Annex III.3",
            AnnexIiiArea::Employment => "Annex III.4",
            AnnexIiiArea::EssentialServices => "Annex III.5",
            AnnexIiiArea::LawEnforcement => "Annex III.6",
            AnnexIiiArea::MigrationBorderControl => "Annex III.7",
            AnnexIiiArea::JusticeDemocracy => "Annex III.8",
        }
    }

    /// The area's keyword in profiles and in the catalogue's conditions.
    pub fn keyword(self) -> &'static str {
        match self {
            AnnexIiiArea::Biometrics => "biometrics",
            AnnexIiiArea::CriticalInfrastructure => "critical_infrastructure",
            AnnexIiiArea::Education => "education",
            AnnexIiiArea::Employment => "employment",
            AnnexIiiArea::EssentialServices => "essential_services",
            AnnexIiiArea::LawEnforcement => "law_enforcement",
            AnnexIiiArea::MigrationBorderControl => "migration_border_control",
            AnnexIiiArea::JusticeDemocracy => "justice_democracy",
        }
    }

    pub const ALL: [AnnexIiiArea; 8] = [
        AnnexIiiArea::Biometrics,
        AnnexIiiArea::CriticalInfrastructure,
        AnnexIiiArea::Education,
        AnnexIiiArea::Employment,
        AnnexIiiArea::EssentialServices,
        AnnexIiiArea::LawEnforcement,
        AnnexIiiArea::MigrationBorderControl,
        AnnexIiiArea::JusticeDemocracy,
    ];
}

/// The sub-points of Annex III, with the letters the Regulation gives them (point 2 has none).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub enum AnnexIiiPoint {
    /// Not recorded yet.
    #[default]
    #[serde(rename = "unknown")]
    Unknown,
    /// Annex III point 1(a): remote biometric identification.
    #[serde(rename = "1(a)")]
    P1a,
    /// Annex III point 1(b): biometric categorisation by sensitive or protected attributes.
    #[serde(rename = "1(b)")]
    P1b,
    /// Annex III point 1(c): emotion recognition.
    #[serde(rename = "1(c)")]
    P1c,
    /// Annex III point 2: safety component of critical infrastructure.
    #[serde(rename = "2")]
    P2,
    /// Annex III point 3(a): access or admission to education.
    #[serde(rename = "3(a)")]
    P3a,
    /// Annex III point 3(b): evaluating learning outcomes.
    #[serde(rename = "3(b)")]
    P3b,
    /// Annex III point 3(c): assessing the level of education a person will get.
    #[serde(rename = "3(c)")]
    P3c,
    /// Annex III point 3(d): monitoring students during tests.
    #[serde(rename = "3(d)")]
    P3d,
    /// Annex III point 4(a): recruitment and selection.
    #[serde(rename = "4(a)")]
    P4a,
    /// Annex III point 4(b): decisions on work relationships, task allocation, monitoring of workers.
    #[serde(rename = "4(b)")]
    P4b,
    /// Annex III point 5(a): eligibility for public assistance benefits and services (by or for public authorities).
    #[serde(rename = "5(a)")]
    P5a,
    /// Annex III point 5(b): creditworthiness and credit scores (not fraud detection).
    #[serde(rename = "5(b)")]
    P5b,
    /// Annex III point 5(c): risk assessment and pricing in life and health insurance.
    #[serde(rename = "5(c)")]
    P5c,
    /// Annex III point 5(d): emergency calls, dispatch and emergency triage.
    #[serde(rename = "5(d)")]
    P5d,
    /// Annex III point 6(a): risk of a person becoming a victim of crime.
    #[serde(rename = "6(a)")]
    P6a,
    /// Annex III point 6(b): polygraphs and similar tools.
    #[serde(rename = "6(b)")]
    P6b,
    /// Annex III point 6(c): reliability of evidence.
    #[serde(rename = "6(c)")]
    P6c,
    /// Annex III point 6(d): risk of offending or re-offending, not solely by profiling.
    #[serde(rename = "6(d)")]
    P6d,
    /// Annex III point 6(e): profiling in detecting, investigating or prosecuting crime.
    #[serde(rename = "6(e)")]
    P6e,
    /// Annex III point 7(a): polygraphs and similar tools.
    #[serde(rename = "7(a)")]
    P7a,
    /// Annex III point 7(b): risks posed by people entering a Member State.
    #[serde(rename = "7(b)")]
    P7b,
    /// Annex III point 7(c): examining asylum, visa and residence applications.
    #[serde(rename = "7(c)")]
    P7c,
    /// Annex III point 7(d): detecting, recognising or identifying people (not checking travel documents).
    #[serde(rename = "7(d)")]
    P7d,
    /// Annex III point 8(a): assisting judicial authorities or dispute resolution.
    #[serde(rename = "8(a)")]
    P8a,
    /// Annex III point 8(b): influencing elections, referendums or voting behaviour.
    #[serde(rename = "8(b)")]
    P8b,
}

impl AnnexIiiPoint {
    /// Every known sub-point, in the Annex's order.
    pub const ALL: [AnnexIiiPoint; 25] = [
        AnnexIiiPoint::P1a,
        AnnexIiiPoint::P1b,
        AnnexIiiPoint::P1c,
        AnnexIiiPoint::P2,
        AnnexIiiPoint::P3a,
        AnnexIiiPoint::P3b,
        AnnexIiiPoint::P3c,
        AnnexIiiPoint::P3d,
        AnnexIiiPoint::P4a,
        AnnexIiiPoint::P4b,
        AnnexIiiPoint::P5a,
        AnnexIiiPoint::P5b,
        AnnexIiiPoint::P5c,
        AnnexIiiPoint::P5d,
        AnnexIiiPoint::P6a,
        AnnexIiiPoint::P6b,
        AnnexIiiPoint::P6c,
        AnnexIiiPoint::P6d,
        AnnexIiiPoint::P6e,
        AnnexIiiPoint::P7a,
        AnnexIiiPoint::P7b,
        AnnexIiiPoint::P7c,
        AnnexIiiPoint::P7d,
        AnnexIiiPoint::P8a,
        AnnexIiiPoint::P8b,
    ];

    /// The area the sub-point belongs to; `None` for `unknown`.
    pub fn area(self) -> Option<AnnexIiiArea> {
        match self {
            AnnexIiiPoint::Unknown => None,
            AnnexIiiPoint::P1a => Some(AnnexIiiArea::Biometrics),
            AnnexIiiPoint::P1b => Some(AnnexIiiArea::Biometrics),
            AnnexIiiPoint::P1c => Some(AnnexIiiArea::Biometrics),
            AnnexIiiPoint::P2 => Some(AnnexIiiArea::CriticalInfrastructure),
            AnnexIiiPoint::P3a => Some(AnnexIiiArea::Education),
            AnnexIiiPoint::P3b => Some(AnnexIiiArea::Education),
            AnnexIiiPoint::P3c => Some(AnnexIiiArea::Education),
            AnnexIiiPoint::P3d => Some(AnnexIiiArea::Education),
            AnnexIiiPoint::P4a => Some(AnnexIiiArea::Employment),
            AnnexIiiPoint::P4b => Some(AnnexIiiArea::Employment),
            AnnexIiiPoint::P5a => Some(AnnexIiiArea::EssentialServices),
            AnnexIiiPoint::P5b => Some(AnnexIiiArea::EssentialServices),
            AnnexIiiPoint::P5c => Some(AnnexIiiArea::EssentialServices),
            AnnexIiiPoint::P5d => Some(AnnexIiiArea::EssentialServices),
            AnnexIiiPoint::P6a => Some(AnnexIiiArea::LawEnforcement),
            AnnexIiiPoint::P6b => Some(AnnexIiiArea::LawEnforcement),
            AnnexIiiPoint::P6c => Some(AnnexIiiArea::LawEnforcement),
            AnnexIiiPoint::P6d => Some(AnnexIiiArea::LawEnforcement),
            AnnexIiiPoint::P6e => Some(AnnexIiiArea::LawEnforcement),
            AnnexIiiPoint::P7a => Some(AnnexIiiArea::MigrationBorderControl),
            AnnexIiiPoint::P7b => Some(AnnexIiiArea::MigrationBorderControl),
            AnnexIiiPoint::P7c => Some(AnnexIiiArea::MigrationBorderControl),
            AnnexIiiPoint::P7d => Some(AnnexIiiArea::MigrationBorderControl),
            AnnexIiiPoint::P8a => Some(AnnexIiiArea::JusticeDemocracy),
            AnnexIiiPoint::P8b => Some(AnnexIiiArea::JusticeDemocracy),
        }
    }

    /// The point as the Regulation numbers it (`5(b)`), `unknown` when not recorded.
    pub fn as_str(self) -> &'static str {
        match self {
            AnnexIiiPoint::Unknown => "unknown",
            AnnexIiiPoint::P1a => "1(a)",
            AnnexIiiPoint::P1b => "1(b)",
            AnnexIiiPoint::P1c => "1(c)",
            AnnexIiiPoint::P2 => "2",
            AnnexIiiPoint::P3a => "3(a)",
            AnnexIiiPoint::P3b => "3(b)",
            AnnexIiiPoint::P3c => "3(c)",
            AnnexIiiPoint::P3d => "3(d)",
            AnnexIiiPoint::P4a => "4(a)",
            AnnexIiiPoint::P4b => "4(b)",
            AnnexIiiPoint::P5a => "5(a)",
            AnnexIiiPoint::P5b => "5(b)",
            AnnexIiiPoint::P5c => "5(c)",
            AnnexIiiPoint::P5d => "5(d)",
            AnnexIiiPoint::P6a => "6(a)",
            AnnexIiiPoint::P6b => "6(b)",
            AnnexIiiPoint::P6c => "6(c)",
            AnnexIiiPoint::P6d => "6(d)",
            AnnexIiiPoint::P6e => "6(e)",
            AnnexIiiPoint::P7a => "7(a)",
            AnnexIiiPoint::P7b => "7(b)",
            AnnexIiiPoint::P7c => "7(c)",
            AnnexIiiPoint::P7d => "7(d)",
            AnnexIiiPoint::P8a => "8(a)",
            AnnexIiiPoint::P8b => "8(b)",
        }
    }

    /// The known sub-points of an area.
    pub fn of_area(area: AnnexIiiArea) -> impl Iterator<Item = AnnexIiiPoint> {
        AnnexIiiPoint::ALL.into_iter().filter(move |p| p.area() == Some(area))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Certification {
    Iso27001 {
        certified_on: Date,
        #[serde(default)]
        #[ts(optional = nullable)]
        expires_on: Option<Date>,
    },
    Iso42001 {
        certified_on: Date,
        #[serde(default)]
        #[ts(optional = nullable)]
        expires_on: Option<Date>,
    },
    Soc2 {
        report_type: Soc2Type,
        /// End of the period a Type II report covers; the "as of" date of a Type I report.
        period_end: Date,
    },
    Other {
        name: String,
        obtained_on: Date,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum Soc2Type {
    #[serde(rename = "type1")]
    Type1,
    #[serde(rename = "type2")]
    Type2,
}

/// Somebody asking the client for assurance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Pressure {
    pub party: Party,
    pub asks_for: Ask,
    /// In the consultant's words: what exactly they ask, who, how often.
    #[serde(default)]
    pub detail: String,
    #[serde(default)]
    pub deals_blocked: bool,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub deadline: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    UsCustomers,
    EuCustomers,
    UkCustomers,
    OtherCustomers,
    Regulator,
    Investors,
    Board,
    Partners,
    Insurer,
    Other,
}

/// How the advice names a party in a sentence, in both languages: one table, so the verdicts and
/// the roadmap never call the same party two things.
impl Party {
    /// The party as a subject, in English (`US customers`, `a regulator`).
    pub fn name_en(self) -> &'static str {
        self.words().0
    }

    /// The party in German after "von" (dative: `US-Kunden`, `einer Aufsichtsbehörde`).
    pub fn name_de_dative(self) -> &'static str {
        self.words().2
    }

    /// The party with the verb "ask" (`US customers ask`, `US-Kunden fordern`), capitalised, to
    /// start a sentence.
    pub fn asks(self) -> (String, String) {
        let (en, plural, _, de) = self.words();
        let en_verb = if plural { "ask" } else { "asks" };
        let de_verb = if plural { "fordern" } else { "fordert" };
        (format!("{} {en_verb}", capitalised(en)), format!("{} {de_verb}", capitalised(de)))
    }

    /// Whether the English name takes a plural verb (`customers press`, `the board presses`).
    pub fn is_plural(self) -> bool {
        self.words().1
    }

    /// English name, plural, German dative, German nominative.
    fn words(self) -> (&'static str, bool, &'static str, &'static str) {
        match self {
            Party::UsCustomers => ("US customers", true, "US-Kunden", "US-Kunden"),
            Party::EuCustomers => ("EU customers", true, "EU-Kunden", "EU-Kunden"),
            Party::UkCustomers => {
                ("UK customers", true, "Kunden im Vereinigten Königreich", "Kunden im Vereinigten Königreich")
            }
            Party::OtherCustomers => ("customers", true, "Kunden", "Kunden"),
            Party::Regulator => ("a regulator", false, "einer Aufsichtsbehörde", "eine Aufsichtsbehörde"),
            Party::Investors => ("investors", true, "Investoren", "Investoren"),
            Party::Board => ("the board", false, "dem Aufsichtsgremium", "das Aufsichtsgremium"),
            Party::Partners => ("partners", true, "Partnern", "Partner"),
            Party::Insurer => ("an insurer", false, "einem Versicherer", "ein Versicherer"),
            Party::Other => ("another party", false, "einer anderen Stelle", "eine andere Stelle"),
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Ask {
    Soc2,
    Iso27001,
    Iso42001,
    AiActCompliance,
    /// Evidence that their data is protected: questionnaires, audits, any recognised report.
    DataProtectionAssurance,
    /// Evidence that AI is governed responsibly, without naming a framework.
    AiGovernanceAssurance,
    /// The NIST AI Risk Management Framework, by name.
    NistAiRmf,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
}

/// A profile that passed [`ClientProfile::validate`]: text trimmed, codes normalised, every
/// precondition true. Only this type reaches the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ValidProfile(ClientProfile);

impl ValidProfile {
    pub fn get(&self) -> &ClientProfile {
        &self.0
    }

    pub fn into_inner(self) -> ClientProfile {
        self.0
    }
}

impl ClientProfile {
    /// A profile with only the fields every client must have; the rest empty.
    pub fn minimal(name: &str, sector: Sector, employees: u32, headquarters: &str) -> ClientProfile {
        ClientProfile {
            name: name.to_owned(),
            sector,
            employees,
            headquarters: headquarters.to_owned(),
            markets: Vec::new(),
            offerings: Vec::new(),
            ai_systems: Vec::new(),
            certifications: Vec::new(),
            pressures: Vec::new(),
            contacts: Vec::new(),
            notes: String::new(),
            service: ServiceFacts::default(),
            regulatory: RegulatoryFacts::default(),
        }
    }

    /// Parses a profile from JSON; errors name the field (`ai_systems[1].risk.area: ...`).
    pub fn from_json(text: &str) -> Result<ClientProfile, ValidationErrors> {
        // Name every missing required field at once, not just the first serde meets.
        if let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(text) {
            let missing: Vec<FieldError> = ["name", "sector", "employees", "headquarters"]
                .into_iter()
                .filter(|key| !map.contains_key(*key))
                .map(|key| FieldError { field: key.to_owned(), message: "is required".to_owned() })
                .collect();
            if !missing.is_empty() {
                return Err(ValidationErrors(missing));
            }
        }
        let de = &mut serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(|err| {
            let path = err.path().to_string();
            let message = err.into_inner().to_string();
            // serde reports a missing field at its parent; point at the field itself.
            if let Some(missing) = message.strip_prefix("missing field `").and_then(|m| m.split('`').next()) {
                let field = if path == "." { missing.to_owned() } else { format!("{path}.{missing}") };
                return ValidationErrors::one(field, "is required");
            }
            // The field path says where; serde's "at line 1 column 52" adds nothing to it.
            let message = match message.rfind(" at line ") {
                Some(at) if message[at..].contains(" column ") => message[..at].to_owned(),
                _ => message,
            };
            let field = if path == "." { String::new() } else { path };
            ValidationErrors::one(field, message)
        })
    }

    /// Checks every precondition and reports all violations at once, each at its field.
    pub fn validate(mut self) -> Result<ValidProfile, ValidationErrors> {
        let mut errors = Vec::new();
        let mut err = |field: String, message: &str| errors.push(FieldError { field, message: message.to_owned() });

        trim(&mut self.name);
        check_name(&self.name, "name".into(), &mut err);
        if self.employees == 0 {
            err("employees".into(), "must be at least 1");
        } else if self.employees > MAX_EMPLOYEES {
            err("employees".into(), "is implausibly large");
        }
        self.headquarters = self.headquarters.trim().to_ascii_uppercase();
        if !countries::is_known(&self.headquarters) {
            err("headquarters".into(), "must be a country code such as DE, FR or US (ISO 3166-1 alpha-2)");
        }
        if self.markets.is_empty() {
            err("markets".into(), "name at least one market the client sells into");
        }
        if has_duplicates(&self.markets) {
            err("markets".into(), "lists a market twice");
        }
        if self.offerings.is_empty() {
            err("offerings".into(), "say what the client offers (or choose none)");
        }
        if has_duplicates(&self.offerings) {
            err("offerings".into(), "lists an offering twice");
        }
        if self.offerings.contains(&Offering::None) && self.offerings.len() > 1 {
            err("offerings".into(), "\"none\" cannot be combined with other offerings");
        }
        if !self.ai_systems.is_empty() && !self.offerings.iter().any(|o| o.involves_ai()) {
            err(
                "offerings".into(),
                "the client has AI systems in its inventory, so say how it uses AI (builds, deploys or internal use)",
            );
        }

        for (i, system) in self.ai_systems.iter_mut().enumerate() {
            let at = |field: &str| format!("ai_systems[{i}].{field}");
            trim(&mut system.name);
            trim(&mut system.purpose);
            check_name(&system.name, at("name"), &mut err);
            check_detail(&system.purpose, at("purpose"), &mut err);
            if system.roles.is_empty() {
                err(at("roles"), "choose at least one role the client has for this system");
            }
            if has_duplicates(&system.roles) {
                err(at("roles"), "lists a role twice");
            }
            if let AiRisk::HighRiskAnnexI { product } = &mut system.risk {
                trim(product);
                if product.is_empty() {
                    err(at("risk.product"), "name the product area (for example medical devices)");
                }
            }
            if let AiRisk::HighRiskAnnexIii { area, point } = system.risk {
                if point != AnnexIiiPoint::Unknown && point.area() != Some(area) {
                    err(at("risk.point"), "this Annex III sub-point belongs to another area");
                }
            } else if system.not_high_risk_assessment == Answer::Yes {
                err(
                    at("not_high_risk_assessment"),
                    "an Art. 6(3) assessment concerns only systems in an Annex III area",
                );
            }
            if let MarketEntry::Placed { on } = system.market_entry {
                if on.year() < 2000 {
                    err(at("market_entry.on"), "is implausibly early");
                }
            }
            if system.systemic_risk && !system.general_purpose {
                err(at("systemic_risk"), "only a general-purpose model can carry systemic risk");
            }
        }
        let mut names: Vec<String> = self.ai_systems.iter().map(|s| s.name.to_lowercase()).collect();
        names.sort();
        if names.windows(2).any(|w| w[0] == w[1] && !w[0].is_empty()) {
            err("ai_systems".into(), "two AI systems have the same name");
        }

        for (i, cert) in self.certifications.iter_mut().enumerate() {
            match cert {
                Certification::Iso27001 { certified_on, expires_on: Some(expires_on) }
                | Certification::Iso42001 { certified_on, expires_on: Some(expires_on) }
                    if *expires_on <= *certified_on =>
                {
                    err(format!("certifications[{i}].expires_on"), "must be after the certification date");
                }
                Certification::Other { name, .. } => {
                    trim(name);
                    check_name(name, format!("certifications[{i}].name"), &mut err);
                }
                _ => {}
            }
        }

        for (i, pressure) in self.pressures.iter_mut().enumerate() {
            trim(&mut pressure.detail);
            check_detail(&pressure.detail, format!("pressures[{i}].detail"), &mut err);
        }

        for (i, contact) in self.contacts.iter_mut().enumerate() {
            let at = |field: &str| format!("contacts[{i}].{field}");
            for text in [&mut contact.name, &mut contact.role, &mut contact.email, &mut contact.phone] {
                trim(text);
            }
            check_name(&contact.name, at("name"), &mut err);
            if contact.role.chars().count() > MAX_NAME_LEN {
                err(at("role"), "is too long");
            }
            if !contact.email.is_empty() && !plausible_email(&contact.email) {
                err(at("email"), "is not an e-mail address");
            }
            if !contact.phone.is_empty() && !plausible_phone(&contact.phone) {
                err(at("phone"), "may hold only digits, spaces and + ( ) - /");
            }
        }

        trim(&mut self.notes);
        if self.notes.chars().count() > MAX_NOTES_LEN {
            err("notes".into(), "is too long (at most 20,000 characters)");
        }

        let reg = &self.regulatory;
        if crate::recommend::in_eu(&self.headquarters) && reg.eu_establishment == Fact::No {
            err(
                "regulatory.eu_establishment".into(),
                "the headquarters is in the EU, so the client is established there (yes or leave unknown)",
            );
        }
        if reg.personal_data == Fact::No {
            for (field, fact) in [
                ("special_category_data", reg.special_category_data),
                ("transfers_outside_eea", reg.transfers_outside_eea),
                ("dpo_trigger", reg.dpo_trigger),
                ("high_risk_processing", reg.high_risk_processing),
            ] {
                if fact == Fact::Yes {
                    err(
                        format!("regulatory.{field}"),
                        "cannot be yes when the client processes no personal data (regulatory.personal_data: no)",
                    );
                }
            }
        }
        for (field, value) in
            [("annual_turnover_eur_m", reg.annual_turnover_eur_m), ("balance_sheet_eur_m", reg.balance_sheet_eur_m)]
        {
            match value {
                Some(v) if !v.is_finite() || v < 0.0 => {
                    err(format!("regulatory.{field}"), "must be a number of million EUR, 0 or more")
                }
                Some(v) if v > MAX_EUR_M => err(format!("regulatory.{field}"), "is implausibly large"),
                _ => {}
            }
        }

        if errors.is_empty() {
            Ok(ValidProfile(self))
        } else {
            Err(ValidationErrors(errors))
        }
    }
}

fn trim(text: &mut String) {
    let trimmed = text.trim();
    if trimmed.len() != text.len() {
        *text = trimmed.to_owned();
    }
}

fn check_name(name: &str, field: String, err: &mut impl FnMut(String, &str)) {
    if name.is_empty() {
        err(field, "must not be empty");
    } else if name.chars().count() > MAX_NAME_LEN {
        err(field, "is too long (at most 200 characters)");
    } else if name.chars().any(char::is_control) {
        err(field, "must not contain control characters");
    }
}

fn check_detail(text: &str, field: String, err: &mut impl FnMut(String, &str)) {
    if text.chars().count() > MAX_DETAIL_LEN {
        err(field, "is too long (at most 2,000 characters)");
    }
}

fn has_duplicates<T: Ord + Copy>(items: &[T]) -> bool {
    let mut sorted = items.to_vec();
    sorted.sort_unstable();
    sorted.windows(2).any(|w| w[0] == w[1])
}

fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !email.chars().any(char::is_whitespace)
}

fn plausible_phone(phone: &str) -> bool {
    phone.chars().any(|c| c.is_ascii_digit()) && phone.chars().all(|c| c.is_ascii_digit() || " +()-/.".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> ClientProfile {
        let mut p = ClientProfile::minimal("Acme Analytics GmbH", Sector::Software, 120, "de");
        p.markets = vec![Market::Eu, Market::Us];
        p.offerings = vec![Offering::ServiceProcessingCustomerData, Offering::BuildsAi];
        p
    }

    fn system(name: &str, risk: AiRisk) -> AiSystem {
        let mut s = AiSystem::new(name, &[AiRole::Provider], risk);
        s.purpose = "Scores leads".into();
        s
    }

    /// Runs validation and returns the fields that failed, in order.
    #[track_caller]
    fn check(edit: impl FnOnce(&mut ClientProfile), expected_fields: &[&str]) {
        let mut profile = base();
        edit(&mut profile);
        let fields: Vec<String> = match profile.validate() {
            Ok(_) => Vec::new(),
            Err(errors) => errors.0.into_iter().map(|e| e.field).collect(),
        };
        assert_eq!(fields, expected_fields);
    }

    #[test]
    fn a_complete_profile_is_valid_and_normalised() {
        let mut p = base();
        p.name = "  Acme Analytics GmbH ".into();
        p.ai_systems.push(system("Lead scorer", AiRisk::Minimal));
        let valid = p.validate().expect("valid");
        assert_eq!(valid.get().name, "Acme Analytics GmbH");
        assert_eq!(valid.get().headquarters, "DE");
    }

    #[test]
    fn rejects_each_broken_precondition_at_its_field() {
        check(|p| p.name = "   ".into(), &["name"]);
        check(|p| p.name = "x".repeat(201), &["name"]);
        check(|p| p.employees = 0, &["employees"]);
        check(|p| p.headquarters = "XX".into(), &["headquarters"]);
        check(|p| p.markets.clear(), &["markets"]);
        check(|p| p.markets = vec![Market::Us, Market::Us], &["markets"]);
        check(|p| p.offerings.clear(), &["offerings"]);
        check(|p| p.offerings = vec![Offering::None, Offering::BuildsAi], &["offerings"]);
        check(
            |p| {
                p.offerings = vec![Offering::ServiceProcessingCustomerData];
                p.ai_systems.push(system("Chatbot", AiRisk::Transparency));
            },
            &["offerings"],
        );
        check(|p| p.ai_systems.push(system("", AiRisk::Minimal)), &["ai_systems[0].name"]);
        check(
            |p| {
                let mut s = system("Triage", AiRisk::HighRiskAnnexI { product: " ".into() });
                s.roles.clear();
                p.ai_systems.push(s);
            },
            &["ai_systems[0].roles", "ai_systems[0].risk.product"],
        );
        check(
            |p| {
                let mut s = system("Model", AiRisk::Minimal);
                s.systemic_risk = true;
                p.ai_systems.push(s);
            },
            &["ai_systems[0].systemic_risk"],
        );
        check(
            |p| {
                p.ai_systems.push(system("Bot", AiRisk::Minimal));
                p.ai_systems.push(system("bot", AiRisk::Minimal));
            },
            &["ai_systems"],
        );
        check(
            |p| {
                p.certifications.push(Certification::Iso27001 {
                    certified_on: "2025-05-01".parse().unwrap(),
                    expires_on: Some("2024-05-01".parse().unwrap()),
                })
            },
            &["certifications[0].expires_on"],
        );
        check(
            |p| {
                p.certifications
                    .push(Certification::Other { name: "".into(), obtained_on: Date::new(2024, 1, 1).unwrap() })
            },
            &["certifications[0].name"],
        );
        check(
            |p| {
                p.contacts.push(Contact {
                    name: "Dana".into(),
                    role: "CISO".into(),
                    email: "dana at example".into(),
                    phone: "call me".into(),
                })
            },
            &["contacts[0].email", "contacts[0].phone"],
        );
        check(|p| p.notes = "n".repeat(MAX_NOTES_LEN + 1), &["notes"]);
        check(
            |p| {
                p.ai_systems.push(system(
                    "Scorer",
                    AiRisk::HighRiskAnnexIii { area: AnnexIiiArea::Employment, point: AnnexIiiPoint::P5b },
                ))
            },
            &["ai_systems[0].risk.point"],
        );
        check(
            |p| {
                let mut s = system("Bot", AiRisk::Transparency);
                s.not_high_risk_assessment = Answer::Yes;
                p.ai_systems.push(s);
            },
            &["ai_systems[0].not_high_risk_assessment"],
        );
        check(|p| p.regulatory.eu_establishment = Fact::No, &["regulatory.eu_establishment"]);
        check(
            |p| {
                p.regulatory.personal_data = Fact::No;
                p.regulatory.special_category_data = Fact::Yes;
                p.regulatory.transfers_outside_eea = Fact::Yes;
                p.regulatory.dpo_trigger = Fact::Unknown;
            },
            &["regulatory.special_category_data", "regulatory.transfers_outside_eea"],
        );
        check(
            |p| {
                p.regulatory.annual_turnover_eur_m = Some(-1.0);
                p.regulatory.balance_sheet_eur_m = Some(f64::NAN);
            },
            &["regulatory.annual_turnover_eur_m", "regulatory.balance_sheet_eur_m"],
        );
        check(|p| p.regulatory.annual_turnover_eur_m = Some(2e7), &["regulatory.annual_turnover_eur_m"]);
        check(
            |p| {
                p.headquarters = "US".into();
                p.regulatory.eu_establishment = Fact::No;
                p.regulatory.annual_turnover_eur_m = Some(0.0);
                p.regulatory.nis2_entity = Some(Nis2Entity::None);
            },
            &[],
        );
        check(
            |p| {
                let mut s = system("Old", AiRisk::Minimal);
                s.market_entry = MarketEntry::Placed { on: Date::new(1990, 1, 1).unwrap() };
                p.ai_systems.push(s);
            },
            &["ai_systems[0].market_entry.on"],
        );
    }

    #[test]
    fn reports_all_errors_at_once() {
        check(
            |p| {
                p.name.clear();
                p.employees = 0;
                p.headquarters.clear();
            },
            &["name", "employees", "headquarters"],
        );
    }

    #[test]
    fn json_errors_name_the_field() {
        let err = ClientProfile::from_json(
            r#"{"name":"A","sector":"software","employees":5,"headquarters":"DE",
                "ai_systems":[{"name":"x","roles":["seller"],"risk":{"tier":"minimal"}}]}"#,
        )
        .unwrap_err();
        assert_eq!(err.0[0].field, "ai_systems[0].roles[0]");
        assert!(err.0[0].message.contains("unknown variant `seller`"), "{}", err.0[0].message);

        let err = ClientProfile::from_json(
            r#"{"name":"A","sector":"software","employees":5,"headquarters":"DE","employes":3}"#,
        )
        .unwrap_err();
        assert!(err.0[0].message.contains("unknown field `employes`"), "{}", err.0[0].message);

        let err = ClientProfile::from_json(
            r#"{"name":"A","sector":"software","employees":5,"headquarters":"DE",
                "pressures":[{"party":"board","asks_for":"iso42001","deadline":"2026-02-31"}]}"#,
        )
        .unwrap_err();
        assert_eq!(err.0[0].field, "pressures[0].deadline");

        let err = ClientProfile::from_json(r#"{"name":"A","employees":5,"headquarters":"DE"}"#).unwrap_err();
        assert_eq!(err.0[0], FieldError { field: "sector".into(), message: "is required".into() });
    }

    #[test]
    fn a_profile_written_before_the_ai_act_facts_loads_with_every_fact_unknown() {
        let p = ClientProfile::from_json(
            r#"{"name":"A","sector":"software","employees":5,"headquarters":"DE","markets":["eu"],"offerings":["builds_ai"],
                "ai_systems":[{"name":"x","roles":["deployer"],"risk":{"tier":"high_risk_annex_iii","area":"employment"},
                               "general_purpose":false,"systemic_risk":false}]}"#,
        )
        .unwrap();
        let s = &p.ai_systems[0];
        assert_eq!(s.risk, AiRisk::HighRiskAnnexIii { area: AnnexIiiArea::Employment, point: AnnexIiiPoint::Unknown });
        assert_eq!(s.deployer_type, DeployerType::Unknown);
        assert_eq!(s.provider_establishment, Establishment::Unknown);
        assert_eq!(s.transparency, TransparencyFacts::default());
        assert_eq!(s.transparency.interacts_with_people, Answer::Unknown);
        assert_eq!(s.market_entry, MarketEntry::Unknown);
        assert_eq!(s.significant_change, Answer::Unknown);
        assert_eq!(s.public_authority_use, Answer::Unknown);
        assert_eq!(s.not_high_risk_assessment, Answer::Unknown);
        assert_eq!(p.regulatory, RegulatoryFacts::default());
        assert_eq!(p.regulatory.gdpr_role, GdprRole::Unknown);
        assert_eq!(p.regulatory.nis2_entity, None);
        assert_eq!(p.regulatory.us_enterprise_or_public_buyers, Fact::Unknown);
        assert!(p.validate().is_ok());
    }

    #[test]
    fn the_schema_documents_example_is_a_valid_profile() {
        let doc = include_str!("../../../../docs/profile-schema.md");
        let example = doc.split("## Example").nth(1).expect("an example section");
        let json = example.split("```json").nth(1).and_then(|b| b.split("```").next()).expect("a JSON block");
        let profile = ClientProfile::from_json(json).expect("the example parses").validate().expect("and is valid");
        let credit = &profile.get().ai_systems[1];
        assert_eq!(
            credit.risk,
            AiRisk::HighRiskAnnexIii { area: AnnexIiiArea::EssentialServices, point: AnnexIiiPoint::P5b }
        );
        assert_eq!(credit.deployer_type, DeployerType::Private);
    }

    #[test]
    fn nis2_entities_have_their_keyword_and_annex() {
        for e in Nis2Entity::ALL {
            assert_eq!(serde_json::to_value(e).unwrap(), e.keyword());
        }
        assert_eq!(Nis2Entity::ManagedServiceProvider.annex(), Some(1));
        assert_eq!(Nis2Entity::OnlineMarketplace.annex(), Some(2));
        assert_eq!(Nis2Entity::None.annex(), None);
        let json = r#"{"name":"A","sector":"software","employees":5,"headquarters":"DE",
            "regulatory":{"gdpr_role":"processor","nis2_entity":"cloud_computing","annual_turnover_eur_m":12.5}}"#;
        let p = ClientProfile::from_json(json).unwrap();
        assert_eq!(p.regulatory.gdpr_role, GdprRole::Processor);
        assert_eq!(p.regulatory.nis2_entity, Some(Nis2Entity::CloudComputing));
        assert_eq!(p.regulatory.annual_turnover_eur_m, Some(12.5));
        let err = ClientProfile::from_json(
            r#"{"name":"A","sector":"software","employees":5,"headquarters":"DE","regulatory":{"nis2_entity":"bakery"}}"#,
        )
        .unwrap_err();
        assert_eq!(err.0[0].field, "regulatory.nis2_entity");
    }

    #[test]
    fn every_annex_iii_point_belongs_to_its_area() {
        for area in AnnexIiiArea::ALL {
            assert!(AnnexIiiPoint::of_area(area).count() >= 1, "{area:?}");
        }
        assert_eq!(
            AnnexIiiPoint::of_area(AnnexIiiArea::EssentialServices).map(|p| p.as_str()).collect::<Vec<_>>(),
            ["5(a)", "5(b)", "5(c)", "5(d)"]
        );
        for point in AnnexIiiPoint::ALL {
            assert_eq!(serde_json::to_value(point).unwrap(), point.as_str());
        }
        assert_eq!(AnnexIiiPoint::ALL.len(), 25);
    }

    #[test]
    fn tagged_variants_round_trip_through_json() {
        let mut p = base();
        p.ai_systems.push(system(
            "Hiring ranker",
            AiRisk::HighRiskAnnexIii { area: AnnexIiiArea::Employment, point: AnnexIiiPoint::P4a },
        ));
        p.certifications
            .push(Certification::Soc2 { report_type: Soc2Type::Type2, period_end: Date::new(2026, 6, 30).unwrap() });
        let json = serde_json::to_string(&p).unwrap();
        assert!(json.contains(r#""risk":{"tier":"high_risk_annex_iii","area":"employment","point":"4(a)"}"#), "{json}");
        assert!(json.contains(r#""market_entry":{"state":"unknown"}"#), "{json}");
        assert!(json.contains(r#"{"kind":"soc2","report_type":"type2","period_end":"2026-06-30"}"#), "{json}");
        assert_eq!(ClientProfile::from_json(&json).unwrap(), p);
    }
}
