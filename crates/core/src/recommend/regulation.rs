//! Verdicts for the GDPR (R17), NIS2 (R18) and the NIST AI RMF (R19), from the profile's
//! regulatory facts (`ClientProfile::regulatory`).
//!
//! Which GDPR and NIS2 requirements a client owes is decided by one function,
//! [`regulatory_obligations`], which the advice lists and the store keeps as rows
//! (`client_reg_obligations`) for the analysis. A fact that is not recorded and would decide an
//! obligation leaves it open (in scope until answered) with a question for the consultant, never
//! a guess. Nothing here reads the clock or the database.

use super::verdicts::{asked_reason, keyword, summary, trigger, Facts};
use super::{
    AiQuestion, Context, FrameworkVerdict, Need, Nis2Class, Nis2Classification, Nis2Size, Obligation, Reason, RuleId,
    ScopeFramework,
};
use crate::catalog::Text;
use crate::domain::{Ask, ClientProfile, Date, Fact, GdprRole, Market, Nis2Entity, Offering, Sector};

/// The GDPR applies from 25 May 2018 (Art. 99(2)).
pub fn gdpr_applies_from() -> Date {
    Date::new(2018, 5, 25).expect("a valid date")
}

/// Member states apply their NIS2 measures from 18 October 2024 (Art. 41(1)), through national law.
pub fn nis2_applies_from() -> Date {
    Date::new(2024, 10, 18).expect("a valid date")
}

/// How one GDPR or NIS2 requirement stands for a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegStatus {
    /// It applies because of these answers (`field: value`).
    Applies(Vec<String>),
    /// An unrecorded fact decides it: the profile field (or the matter) to ask about. It stays in
    /// scope until answered.
    Open(&'static str),
}

/// One requirement of the GDPR or NIS2 that the client owes, or that an open fact may bring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegObligation {
    pub framework: ScopeFramework,
    pub requirement_id: &'static str,
    pub status: RegStatus,
}

// ---------------------------------------------------------------------------------------------
// GDPR (R17)
// ---------------------------------------------------------------------------------------------

const GDPR_PRINCIPLES: [&str; 7] =
    ["Art.5(1)(a)", "Art.5(1)(b)", "Art.5(1)(c)", "Art.5(1)(d)", "Art.5(1)(e)", "Art.5(1)(f)", "Art.5(2)"];
const GDPR_RIGHTS: [&str; 11] =
    ["Art.12", "Art.13", "Art.14", "Art.15", "Art.16", "Art.17", "Art.18", "Art.19", "Art.20", "Art.21", "Art.22"];
const GDPR_DPO: [&str; 3] = ["Art.37", "Art.38", "Art.39"];
const GDPR_TRANSFERS: [&str; 6] = ["Art.44", "Art.45", "Art.46", "Art.47", "Art.48", "Art.49"];

/// The controller's duties in the catalogue's order (Art. 7 kept with a question on consent).
fn controller_ids() -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = GDPR_PRINCIPLES.to_vec();
    ids.extend(["Art.6", "Art.7"]);
    ids.extend(GDPR_RIGHTS);
    ids.extend(["Art.24", "Art.25", "Art.30", "Art.32", "Art.33", "Art.34"]);
    ids
}

const PROCESSOR_IDS: [&str; 4] = ["Art.28", "Art.30", "Art.32", "Art.33"];

/// The field a question about consent points at: nothing in the profile records it, the answer
/// goes into the assessment (Art. 7 not applicable when no processing rests on consent).
pub const CONSENT_FIELD: &str = "assessment: Art.7 (consent)";
/// The matter a question about certified ICT products points at (national law, Art. 24).
pub const CERTIFIED_PRODUCTS_FIELD: &str = "national law: certified ICT products (NIS2 Art. 24)";

fn role_keyword(role: GdprRole) -> &'static str {
    match role {
        GdprRole::Controller => "controller",
        GdprRole::Processor => "processor",
        GdprRole::Both => "both",
        GdprRole::Unknown => "unknown",
    }
}

fn fact_word(fact: Fact) -> &'static str {
    match fact {
        Fact::Yes => "yes",
        Fact::No => "no",
        Fact::Unknown => "unknown",
    }
}

fn reg_trigger(field: &str, fact: Fact) -> String {
    trigger(&format!("regulatory.{field}"), fact_word(fact))
}

/// What an article asks of a processor, where that is only part of it.
fn processor_part(id: &str) -> Option<&'static str> {
    match id {
        "Art.30" => Some("as processor, Art. 30(2): a record of the processing done for each controller"),
        "Art.33" => {
            Some("as processor, Art. 33(2): tell the controller of a breach without undue delay; the controller notifies the authority")
        }
        _ => None,
    }
}

/// The GDPR requirements in scope for a client's role and processing.
fn gdpr_obligations(profile: &ClientProfile) -> Vec<RegObligation> {
    let reg = &profile.regulatory;
    let role = reg.gdpr_role;
    let role_because = trigger("regulatory.gdpr_role", role_keyword(role));
    let mut out: Vec<RegObligation> = Vec::new();
    let mut push = |id: &'static str, status: RegStatus| {
        if !out.iter().any(|o| o.requirement_id == id) {
            out.push(RegObligation { framework: ScopeFramework::Gdpr, requirement_id: id, status });
        }
    };
    let controller = matches!(role, GdprRole::Controller | GdprRole::Both);
    let processor = matches!(role, GdprRole::Processor | GdprRole::Both);
    let controller_set = controller_ids();
    match role {
        GdprRole::Unknown => {
            // What both roles owe applies either way; the rest waits for the role.
            for id in controller_set.iter().copied().chain(PROCESSOR_IDS) {
                if controller_set.contains(&id) && PROCESSOR_IDS.contains(&id) {
                    push(id, RegStatus::Applies(vec![format!("{role_because} (owed as controller and as processor)")]));
                } else {
                    push(id, RegStatus::Open("regulatory.gdpr_role"));
                }
            }
        }
        _ => {
            if controller {
                for id in &controller_set {
                    let mut because = vec![role_because.clone()];
                    if *id == "Art.7" {
                        because.push(format!("{CONSENT_FIELD}: ask"));
                    }
                    push(id, RegStatus::Applies(because));
                }
            }
            if processor {
                for id in PROCESSOR_IDS {
                    // A processor that is no controller owes the processor's part of an article.
                    let part = if controller { None } else { processor_part(id) };
                    let because = match part {
                        Some(part) => format!("{role_because} ({part})"),
                        None => role_because.clone(),
                    };
                    push(id, RegStatus::Applies(vec![because]));
                }
            }
        }
    }
    // Art. 9 and Art. 35 are the controller's (a processor follows its controller's instructions).
    if controller || role == GdprRole::Unknown {
        match reg.special_category_data {
            Fact::Yes if role != GdprRole::Unknown => {
                push("Art.9", RegStatus::Applies(vec![reg_trigger("special_category_data", Fact::Yes)]))
            }
            Fact::No => {}
            Fact::Yes => push("Art.9", RegStatus::Open("regulatory.gdpr_role")),
            Fact::Unknown => push("Art.9", RegStatus::Open("regulatory.special_category_data")),
        }
        match reg.high_risk_processing {
            Fact::Yes if role != GdprRole::Unknown => {
                push("Art.35", RegStatus::Applies(vec![reg_trigger("high_risk_processing", Fact::Yes)]))
            }
            Fact::No => {}
            Fact::Yes => push("Art.35", RegStatus::Open("regulatory.gdpr_role")),
            Fact::Unknown => push("Art.35", RegStatus::Open("regulatory.high_risk_processing")),
        }
    }
    // A data protection officer and the transfer rules bind controllers and processors alike.
    let public = profile.sector == Sector::PublicSector;
    for id in GDPR_DPO {
        if public {
            push(id, RegStatus::Applies(vec![trigger("sector", "public_sector (Art. 37(1)(a))")]));
        } else {
            match reg.dpo_trigger {
                Fact::Yes => push(id, RegStatus::Applies(vec![reg_trigger("dpo_trigger", Fact::Yes)])),
                Fact::No => {}
                Fact::Unknown => push(id, RegStatus::Open("regulatory.dpo_trigger")),
            }
        }
    }
    for id in GDPR_TRANSFERS {
        match reg.transfers_outside_eea {
            Fact::Yes => push(id, RegStatus::Applies(vec![reg_trigger("transfers_outside_eea", Fact::Yes)])),
            Fact::No => {}
            Fact::Unknown => push(id, RegStatus::Open("regulatory.transfers_outside_eea")),
        }
    }
    out.sort_by_key(|o| gdpr_position(o.requirement_id));
    out
}

/// The catalogue's order of the GDPR leaves (articles ascending, Art. 5's points first).
fn gdpr_position(id: &str) -> (u32, String) {
    let number: u32 = id.trim_start_matches("Art.").split('(').next().and_then(|n| n.parse().ok()).unwrap_or(999);
    (number, id.to_owned())
}

// ---------------------------------------------------------------------------------------------
// NIS2 (R18)
// ---------------------------------------------------------------------------------------------

const NIS2_BASE: [&str; 19] = [
    "Art.20(1)",
    "Art.20(2)",
    "Art.21(2)(a)",
    "Art.21(2)(b)",
    "Art.21(2)(c)",
    "Art.21(2)(d)",
    "Art.21(2)(e)",
    "Art.21(2)(f)",
    "Art.21(2)(g)",
    "Art.21(2)(h)",
    "Art.21(2)(i)",
    "Art.21(2)(j)",
    "Art.21(3)",
    "Art.21(4)",
    "Art.23(1)",
    "Art.23(2)",
    "Art.23(4)(a)",
    "Art.23(4)(b)",
    "Art.23(4)(c)",
];
const NIS2_REPORTING_TAIL: [&str; 2] = ["Art.23(4)(d)", "Art.23(4)(e)"];
const NIS2_IR: [&str; 13] =
    ["IR.1", "IR.2", "IR.3", "IR.4", "IR.5", "IR.6", "IR.7", "IR.8", "IR.9", "IR.10", "IR.11", "IR.12", "IR.13"];

/// The types that register with ENISA's registry through the member state (Art. 27(1)).
fn registers_under_art27(e: Nis2Entity) -> bool {
    matches!(
        e,
        Nis2Entity::DnsServiceProvider
            | Nis2Entity::TldNameRegistry
            | Nis2Entity::CloudComputing
            | Nis2Entity::DataCentre
            | Nis2Entity::ContentDeliveryNetwork
            | Nis2Entity::ManagedServiceProvider
            | Nis2Entity::ManagedSecurityServiceProvider
            | Nis2Entity::OnlineMarketplace
            | Nis2Entity::OnlineSearchEngine
            | Nis2Entity::SocialNetworkingPlatform
    )
}

/// The types Implementing Regulation (EU) 2024/2690 details the measures for (its Art. 1).
fn under_implementing_regulation(e: Nis2Entity) -> bool {
    registers_under_art27(e)
        || matches!(e, Nis2Entity::TrustServiceProvider | Nis2Entity::QualifiedTrustServiceProvider)
}

/// Banking and financial market infrastructure: DORA takes precedence (NIS2 Art. 4).
fn dora_entity(e: Nis2Entity) -> bool {
    matches!(e, Nis2Entity::Banking | Nis2Entity::FinancialMarketInfrastructure)
}

/// The NIS2 requirements a client of its entity type owes (or may owe) once NIS2 reaches it.
fn nis2_obligations(profile: &ClientProfile) -> Vec<RegObligation> {
    let mut out = Vec::new();
    let mut push = |id: &'static str, status: RegStatus| {
        out.push(RegObligation { framework: ScopeFramework::Nis2, requirement_id: id, status });
    };
    let entity = profile.regulatory.nis2_entity;
    let because = match entity {
        Some(e) => trigger("regulatory.nis2_entity", e.keyword()),
        None => trigger("regulatory.nis2_entity", "not answered"),
    };
    if entity.is_some_and(dora_entity) {
        // DORA's risk management and reporting apply instead (Art. 4): no NIS2 measure of its own.
        return out;
    }
    for id in NIS2_BASE.iter().chain(&NIS2_REPORTING_TAIL) {
        push(id, RegStatus::Applies(vec![because.clone()]));
    }
    push("Art.24", RegStatus::Open(CERTIFIED_PRODUCTS_FIELD));
    match entity {
        Some(e) if registers_under_art27(e) => push("Art.27", RegStatus::Applies(vec![because.clone()])),
        Some(_) => {}
        None => push("Art.27", RegStatus::Open("regulatory.nis2_entity")),
    }
    for id in NIS2_IR {
        match entity {
            Some(e) if under_implementing_regulation(e) => push(id, RegStatus::Applies(vec![because.clone()])),
            Some(_) => {}
            None => push(id, RegStatus::Open("regulatory.nis2_entity")),
        }
    }
    out
}

/// The GDPR and NIS2 requirements a client owes by its role, processing and entity type, or that
/// an unrecorded fact may bring (open): the one rule the advice lists and the store keeps for
/// the analysis (`client_reg_obligations`). Whether the law reaches the client at all is the
/// verdict's matter; a consultant who puts the framework in scope assesses these.
pub fn regulatory_obligations(profile: &ClientProfile) -> Vec<RegObligation> {
    let mut out = gdpr_obligations(profile);
    out.extend(nis2_obligations(profile));
    out
}

/// Size class per Commission Recommendation 2003/361/EC (head count, turnover, balance sheet),
/// three-valued where a missing figure decides.
pub fn size_class(employees: u32, turnover: Option<f64>, balance: Option<f64>) -> Nis2Size {
    /// Both figures above their ceilings: `Some(true)`, one at or below: `Some(false)`, else unknown.
    fn both_above(t: Option<f64>, b: Option<f64>, t_max: f64, b_max: f64) -> Option<bool> {
        if t.is_some_and(|t| t <= t_max) || b.is_some_and(|b| b <= b_max) {
            return Some(false);
        }
        match (t, b) {
            (Some(_), Some(_)) => Some(true),
            _ => None,
        }
    }
    let large = if employees >= 250 { Some(true) } else { both_above(turnover, balance, 50.0, 43.0) };
    let medium_or_more = if employees >= 50 { Some(true) } else { both_above(turnover, balance, 10.0, 10.0) };
    match (large, medium_or_more) {
        (Some(true), _) => Nis2Size::Large,
        (Some(false), Some(true)) => Nis2Size::Medium,
        (Some(false), Some(false)) => Nis2Size::Small,
        (None, Some(true)) => Nis2Size::MediumOrLarge,
        (_, Some(false)) => Nis2Size::Small,
        (_, None) => Nis2Size::Undetermined,
    }
}

fn size_words(size: Nis2Size) -> (&'static str, &'static str) {
    match size {
        Nis2Size::Large => ("a large enterprise", "ein großes Unternehmen"),
        Nis2Size::Medium => ("a medium-sized enterprise", "ein mittleres Unternehmen"),
        Nis2Size::MediumOrLarge => (
            "at least medium-sized (large or medium is not yet known)",
            "mindestens ein mittleres Unternehmen (ob groß, ist noch offen)",
        ),
        Nis2Size::Small => ("a small or micro enterprise", "ein kleines oder Kleinstunternehmen"),
        Nis2Size::Undetermined => ("of a size not yet known", "von noch unbekannter Größe"),
    }
}

/// Whether a client is established in the EU or offers its services there (NIS2 Art. 2(1)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnionPresence {
    InUnion,
    Outside,
}

/// Essential or important (Art. 3), or not in scope, or undetermined, with the size class.
pub fn nis2_classification(profile: &ClientProfile, presence: UnionPresence) -> Nis2Classification {
    let reg = &profile.regulatory;
    let size = size_class(profile.employees, reg.annual_turnover_eur_m, reg.balance_sheet_eur_m);
    let class = match reg.nis2_entity {
        _ if presence == UnionPresence::Outside => Nis2Class::NotInScope,
        None => Nis2Class::Undetermined,
        Some(Nis2Entity::None) => Nis2Class::NotInScope,
        Some(
            Nis2Entity::QualifiedTrustServiceProvider
            | Nis2Entity::TldNameRegistry
            | Nis2Entity::DnsServiceProvider
            | Nis2Entity::PublicAdministrationCentral,
        ) => Nis2Class::Essential,
        Some(Nis2Entity::PublicAdministrationRegional) => Nis2Class::Undetermined,
        Some(Nis2Entity::PublicElectronicCommunications) => match size {
            Nis2Size::Large | Nis2Size::Medium | Nis2Size::MediumOrLarge => Nis2Class::Essential,
            Nis2Size::Small => Nis2Class::Important,
            Nis2Size::Undetermined => Nis2Class::Undetermined,
        },
        Some(Nis2Entity::TrustServiceProvider) => match size {
            Nis2Size::Large => Nis2Class::Essential,
            Nis2Size::Medium | Nis2Size::Small => Nis2Class::Important,
            Nis2Size::MediumOrLarge | Nis2Size::Undetermined => Nis2Class::Undetermined,
        },
        // Covered regardless of size, the rest of Annex I and II only from medium size.
        Some(e) => match (e.annex(), size) {
            (_, Nis2Size::Small) => Nis2Class::NotInScope,
            (_, Nis2Size::Undetermined) => Nis2Class::Undetermined,
            (Some(2), _) => Nis2Class::Important,
            (_, Nis2Size::Large) => Nis2Class::Essential,
            (_, Nis2Size::Medium) => Nis2Class::Important,
            (_, Nis2Size::MediumOrLarge) => Nis2Class::Undetermined,
        },
    };
    Nis2Classification { entity: reg.nis2_entity, size, class }
}

/// Whether the entity is in scope although its class is undetermined: a type NIS2 covers
/// regardless of size, or one already known to be at least medium-sized.
fn in_scope_regardless_of_class(c: &Nis2Classification) -> bool {
    match c.entity {
        Some(e) if size_independent(e) => e != Nis2Entity::PublicAdministrationRegional,
        Some(Nis2Entity::None) | None => false,
        Some(_) => c.size == Nis2Size::MediumOrLarge,
    }
}

/// The types NIS2 covers whatever their size (Art. 2(2)(a), (f)(i)); regional public
/// administration only where the member state includes it.
fn size_independent(e: Nis2Entity) -> bool {
    matches!(
        e,
        Nis2Entity::PublicElectronicCommunications
            | Nis2Entity::TrustServiceProvider
            | Nis2Entity::QualifiedTrustServiceProvider
            | Nis2Entity::TldNameRegistry
            | Nis2Entity::DnsServiceProvider
            | Nis2Entity::PublicAdministrationCentral
            | Nis2Entity::PublicAdministrationRegional
    )
}

// ---------------------------------------------------------------------------------------------
// Verdicts
// ---------------------------------------------------------------------------------------------

fn obligations_of(
    list: &[RegObligation],
    framework: ScopeFramework,
    ctx: &Context<'_>,
    from: Date,
) -> (Vec<Obligation>, Vec<(String, &'static str)>) {
    let catalog_framework = ctx.catalog.framework(framework.as_str());
    let title = |id: &str| {
        catalog_framework.and_then(|f| f.requirement(id)).map(|r| r.title.clone()).unwrap_or_else(|| Text::new(id, id))
    };
    let mut applies = Vec::new();
    let mut open = Vec::new();
    for o in list.iter().filter(|o| o.framework == framework) {
        match &o.status {
            RegStatus::Applies(because) => applies.push(Obligation {
                requirement_id: o.requirement_id.to_owned(),
                title: title(o.requirement_id),
                applies_from: from,
                in_force: ctx.today >= from,
                because: because.clone(),
            }),
            RegStatus::Open(field) => open.push((o.requirement_id.to_owned(), *field)),
        }
    }
    (applies, open)
}

/// One question per field, naming the requirements that hang on it.
fn questions_for(open: &[(String, &'static str)], text: impl Fn(&str) -> Text) -> Vec<AiQuestion> {
    let mut out: Vec<AiQuestion> = Vec::new();
    for (id, field) in open {
        match out.iter_mut().find(|q| q.field == *field) {
            Some(q) => q.requirement_ids.push(id.clone()),
            None => out.push(AiQuestion {
                field: (*field).to_owned(),
                text: text(field),
                requirement_ids: vec![id.clone()],
            }),
        }
    }
    out
}

fn gdpr_question(field: &str) -> Text {
    match field {
        "regulatory.gdpr_role" => Text::new(
            "Ask: does the client decide why and how personal data is processed (controller), process it on behalf of its customers (processor), or both? Until answered, the duties of either role stay open.",
            "Zu klären: Entscheidet der Mandant über Zwecke und Mittel der Verarbeitung (Verantwortlicher), verarbeitet er Daten im Auftrag seiner Kunden (Auftragsverarbeiter) oder beides? Bis dahin bleiben die Pflichten beider Rollen offen.",
        ),
        "regulatory.special_category_data" => Text::new(
            "Ask: does the client process special categories of personal data, such as health, biometric or genetic data, or data on religion or trade-union membership (Art. 9)?",
            "Zu klären: Verarbeitet der Mandant besondere Kategorien personenbezogener Daten, etwa Gesundheits-, biometrische oder genetische Daten oder Angaben zu Religion oder Gewerkschaftszugehörigkeit (Art. 9)?",
        ),
        "regulatory.high_risk_processing" => Text::new(
            "Ask: is any processing likely to result in a high risk to people, for example systematic profiling with significant effects, large-scale special-category data or large-scale monitoring of public areas? Then a data protection impact assessment is due (Art. 35).",
            "Zu klären: Birgt eine Verarbeitung voraussichtlich ein hohes Risiko für Betroffene, etwa systematisches Profiling mit erheblichen Folgen, umfangreiche Verarbeitung besonderer Kategorien oder umfangreiche Überwachung öffentlicher Bereiche? Dann ist eine Datenschutz-Folgenabschätzung nötig (Art. 35).",
        ),
        "regulatory.dpo_trigger" => Text::new(
            "Ask: do the client's core activities consist of large-scale regular and systematic monitoring of people, or of large-scale processing of special categories? Then it must designate a data protection officer (Art. 37(1)(b), (c)).",
            "Zu klären: Besteht die Kerntätigkeit des Mandanten in umfangreicher regelmäßiger und systematischer Überwachung von Personen oder in umfangreicher Verarbeitung besonderer Kategorien? Dann muss er einen Datenschutzbeauftragten benennen (Art. 37 Abs. 1 Buchst. b, c).",
        ),
        "regulatory.transfers_outside_eea" => Text::new(
            "Ask: does personal data go to countries outside the EEA, for example to a cloud provider or a group company there (Chapter V)?",
            "Zu klären: Werden personenbezogene Daten in Länder außerhalb des EWR übermittelt, etwa an einen Cloud-Anbieter oder eine Konzerngesellschaft dort (Kapitel V)?",
        ),
        CONSENT_FIELD => Text::new(
            "Ask: does any processing rest on consent? If none does, Art. 7 can be marked not applicable in the assessment.",
            "Zu klären: Beruht eine Verarbeitung auf einer Einwilligung? Falls keine, kann Art. 7 in der Bewertung als nicht anwendbar markiert werden.",
        ),
        _ => Text::new(format!("Ask: {field}?"), format!("Zu klären: {field}?")),
    }
}

fn nis2_question(field: &str) -> Text {
    match field {
        "regulatory.nis2_entity" => Text::new(
            "Ask: is the client an entity of a type in NIS2 Annex I or II (for example a managed service provider, cloud or data centre provider, energy, health or manufacturing company), or in none?",
            "Zu klären: Ist der Mandant eine Einrichtung einer Art nach NIS2 Anhang I oder II (etwa Managed-Service-Anbieter, Cloud- oder Rechenzentrumsanbieter, Energie-, Gesundheits- oder Produktionsunternehmen) oder keiner?",
        ),
        CERTIFIED_PRODUCTS_FIELD => Text::new(
            "Ask: does the national law of the member state require certified ICT products, services or processes (Art. 24)? If not, mark Art. 24 not applicable in the assessment.",
            "Zu klären: Verlangt das nationale Recht des Mitgliedstaats zertifizierte IKT-Produkte, -Dienste oder -Prozesse (Art. 24)? Falls nicht, Art. 24 in der Bewertung als nicht anwendbar markieren.",
        ),
        "regulatory.annual_turnover_eur_m" => Text::new(
            "Ask: what are the client's annual turnover and balance-sheet total in million EUR (with partner and linked enterprises, Art. 6 of the Annex to Recommendation 2003/361/EC)? They decide its size class under NIS2.",
            "Zu klären: Wie hoch sind Jahresumsatz und Jahresbilanzsumme des Mandanten in Millionen EUR (mit Partner- und verbundenen Unternehmen, Art. 6 des Anhangs der Empfehlung 2003/361/EG)? Sie entscheiden seine Größenklasse nach NIS2.",
        ),
        "national law: regional public administration" => Text::new(
            "Ask: does the member state's NIS2 law include this regional public administration entity (Art. 2(2)(f)(ii))?",
            "Zu klären: Bezieht das NIS2-Umsetzungsgesetz des Mitgliedstaats diese Einrichtung der regionalen öffentlichen Verwaltung ein (Art. 2 Abs. 2 Buchst. f Ziff. ii)?",
        ),
        _ => Text::new(format!("Ask: {field}?"), format!("Zu klären: {field}?")),
    }
}

fn verdict_with(
    framework: ScopeFramework,
    mut reasons: Vec<Reason>,
    urgent: bool,
    obligations: Vec<Obligation>,
    questions: Vec<AiQuestion>,
    nis2: Option<Nis2Classification>,
    lead: Option<Text>,
) -> FrameworkVerdict {
    reasons.sort_by_key(|r| std::cmp::Reverse(r.need));
    let need = reasons.iter().filter_map(|r| r.need).max().unwrap_or(Need::NotNeeded);
    let base = summary(framework, need, urgent, None);
    let summary = match lead {
        Some(lead) => Text::new(format!("{} {}", base.en, lead.en), format!("{} {}", base.de, lead.de)),
        None => base,
    };
    let listed = need >= Need::Recommended;
    FrameworkVerdict {
        framework,
        need,
        urgent: urgent && need >= Need::Recommended,
        held: None,
        summary,
        reasons,
        soc2: None,
        obligations: if listed { obligations } else { Vec::new() },
        questions,
        nis2,
    }
}

/// Asks for the framework by name (R8): only the NIST AI RMF can be asked for so.
fn named_asks(f: &Facts<'_>, ask: Ask, what: &Text) -> (Vec<Reason>, bool) {
    let asked = f.asks(&[ask]);
    let urgent = f.urgent(&asked);
    (asked.iter().map(|(i, p)| asked_reason(*i, p, what, f.today)).collect(), urgent)
}

pub(super) fn gdpr(f: &Facts<'_>, ctx: &Context<'_>, all: &[RegObligation]) -> FrameworkVerdict {
    let key = ScopeFramework::Gdpr;
    let p = f.profile;
    let reg = &p.regulatory;
    let hq_eu = super::in_eu(&p.headquarters);
    let established = if hq_eu { Fact::Yes } else { reg.eu_establishment };
    let established_trigger = if hq_eu {
        trigger("headquarters", &p.headquarters)
    } else {
        reg_trigger("eu_establishment", reg.eu_establishment)
    };
    let mut reasons = Vec::new();
    let mut questions: Vec<AiQuestion> = Vec::new();
    let mut territorial: Vec<&'static str> = Vec::new();
    let from = gdpr_applies_from();

    let processes = reg.personal_data == Fact::Yes || p.employees > 0;
    let processes_trigger = if reg.personal_data == Fact::Yes {
        reg_trigger("personal_data", Fact::Yes)
    } else {
        format!("employees: {} (an employer processes its staff's data)", p.employees)
    };
    let mut applies = false;
    if established == Fact::Yes && processes {
        applies = true;
        reasons.push(Reason {
            rule: RuleId::R17,
            need: Some(Need::Required),
            triggers: vec![established_trigger.clone(), processes_trigger],
            text: Text::new(
                format!("The client is established in the EU and processes personal data (at the least its staff's), so the GDPR applies to it directly (Art. 3(1)), and has since {}.", from.long_en()),
                format!("Der Mandant ist in der EU niedergelassen und verarbeitet personenbezogene Daten (zumindest die seiner Beschäftigten), daher gilt die DSGVO für ihn unmittelbar (Art. 3 Abs. 1), und zwar seit dem {}.", from.long_de()),
            ),
        });
    } else {
        if established == Fact::Unknown {
            territorial.push("regulatory.eu_establishment");
        }
        let targets = reg.targets_people_in_eu;
        match (reg.personal_data, targets) {
            (Fact::Yes, Fact::Yes) => {
                applies = true;
                reasons.push(Reason {
                    rule: RuleId::R17,
                    need: Some(Need::Required),
                    triggers: vec![established_trigger.clone(), reg_trigger("personal_data", Fact::Yes), reg_trigger("targets_people_in_eu", Fact::Yes)],
                    text: Text::new(
                        "The client is not established in the EU but offers goods or services to people there, or monitors their behaviour: the GDPR applies to that processing (Art. 3(2)). It must also designate a representative in the EU in writing (Art. 27), unless the processing is occasional and low-risk or it is a public body; the catalogue has no requirement for this, so check it separately.",
                        "Der Mandant ist nicht in der EU niedergelassen, bietet Personen dort aber Waren oder Dienstleistungen an oder beobachtet ihr Verhalten: Für diese Verarbeitung gilt die DSGVO (Art. 3 Abs. 2). Er muss außerdem schriftlich einen Vertreter in der EU benennen (Art. 27), es sei denn, die Verarbeitung ist gelegentlich und risikoarm oder er ist eine Behörde; der Katalog führt dafür keine Anforderung, daher gesondert prüfen.",
                    ),
                });
            }
            (Fact::No, _) => {}
            (Fact::Unknown, _) => territorial.push("regulatory.personal_data"),
            (Fact::Yes, Fact::Unknown) => territorial.push("regulatory.targets_people_in_eu"),
            (Fact::Yes, Fact::No) => {}
        }
        let processor = matches!(reg.gdpr_role, GdprRole::Processor | GdprRole::Both);
        if !applies
            && reg.personal_data == Fact::Yes
            && processor
            && f.profile.markets.contains(&Market::Eu)
            && targets != Fact::Yes
        {
            reasons.push(Reason {
                rule: RuleId::R17,
                need: Some(Need::Recommended),
                triggers: vec![established_trigger.clone(), reg_trigger("personal_data", Fact::Yes), trigger("regulatory.gdpr_role", role_keyword(reg.gdpr_role)), trigger("markets", "eu")],
                text: Text::new(
                    "The client processes personal data for customers in the EU without targeting people there itself: the GDPR reaches it through the processing contracts its EU controllers must sign (Art. 28). Whether Art. 3(2) also binds such a processor directly is debated; the consultant should judge it for this client.",
                    "Der Mandant verarbeitet personenbezogene Daten für Kunden in der EU, ohne sich selbst an Personen dort zu richten: Die DSGVO erreicht ihn über die Auftragsverarbeitungsverträge, die seine Verantwortlichen in der EU abschließen müssen (Art. 28). Ob Art. 3 Abs. 2 einen solchen Auftragsverarbeiter auch unmittelbar bindet, ist umstritten; der Berater sollte es für diesen Mandanten beurteilen.",
                ),
            });
            applies = true;
        }
        let uk = p.headquarters == "GB" || p.markets.contains(&Market::Uk);
        let eu_market = p.markets.contains(&Market::Eu);
        if !applies
            && uk
            && !eu_market
            && established != Fact::Yes
            && (reg.personal_data == Fact::Yes || p.headquarters == "GB")
        {
            let mut triggers =
                vec![if p.headquarters == "GB" { trigger("headquarters", "GB") } else { trigger("markets", "uk") }];
            if reg.personal_data == Fact::Yes {
                triggers.push(reg_trigger("personal_data", Fact::Yes));
            }
            reasons.push(Reason {
                rule: RuleId::R17,
                need: Some(Need::Recommended),
                triggers,
                text: Text::new(
                    "The client deals with people in the UK but not in the EU: the UK GDPR applies, a separate UK law that kept the EU GDPR's articles with UK changes. Crosswalk assesses it against the EU GDPR articles as a stand-in; check the UK differences (the ICO, UK transfer rules) separately.",
                    "Der Mandant hat mit Personen im Vereinigten Königreich zu tun, nicht in der EU: Es gilt die UK GDPR, ein eigenes britisches Gesetz, das die Artikel der EU-DSGVO mit britischen Änderungen übernommen hat. Crosswalk bewertet sie ersatzweise an den Artikeln der EU-DSGVO; die britischen Abweichungen (ICO, britische Übermittlungsregeln) gesondert prüfen.",
                ),
            });
            applies = true;
        }
        if !applies && !territorial.is_empty() {
            reasons.push(Reason {
                rule: RuleId::R17,
                need: Some(Need::Optional),
                triggers: territorial.iter().map(|field| trigger(field, "unknown")).collect(),
                text: Text::new(
                    "Whether the GDPR reaches the client depends on facts not yet recorded (see the questions): it is optional until they are answered, not a verdict that it does not apply.",
                    "Ob die DSGVO den Mandanten erreicht, hängt von noch nicht erfassten Angaben ab (siehe die Fragen): Bis dahin ist sie freiwillig eingestuft, nicht als nicht anwendbar.",
                ),
            });
        }
    }
    let required_now = reasons.iter().any(|r| r.need == Some(Need::Required));
    for field in &territorial {
        if required_now && *field != "regulatory.eu_establishment" {
            continue;
        }
        let text = match *field {
            "regulatory.eu_establishment" => Text::new(
                "Ask: does the client have a branch, subsidiary or office in the EU? Processing in the context of an EU establishment falls under the GDPR directly (Art. 3(1)).",
                "Zu klären: Hat der Mandant eine Zweigniederlassung, Tochtergesellschaft oder ein Büro in der EU? Verarbeitung im Rahmen einer Niederlassung in der EU fällt unmittelbar unter die DSGVO (Art. 3 Abs. 1).",
            ),
            "regulatory.personal_data" => Text::new(
                "Ask: does the client process personal data of people in the EU (or the UK), for example of customers' users or staff?",
                "Zu klären: Verarbeitet der Mandant personenbezogene Daten von Personen in der EU (oder im Vereinigten Königreich), etwa von Nutzern seiner Kunden oder von Beschäftigten?",
            ),
            _ => Text::new(
                "Ask: does the client offer goods or services to people in the EU, or monitor their behaviour there (Art. 3(2))?",
                "Zu klären: Bietet der Mandant Personen in der EU Waren oder Dienstleistungen an oder beobachtet er ihr Verhalten dort (Art. 3 Abs. 2)?",
            ),
        };
        questions.push(AiQuestion { field: (*field).to_owned(), text, requirement_ids: Vec::new() });
    }

    let (obligations, open) = obligations_of(all, key, ctx, from);
    if applies {
        let mut asked = questions_for(&open, gdpr_question);
        if reg.gdpr_role != GdprRole::Unknown && matches!(reg.gdpr_role, GdprRole::Controller | GdprRole::Both) {
            asked.push(AiQuestion {
                field: CONSENT_FIELD.to_owned(),
                text: gdpr_question(CONSENT_FIELD),
                requirement_ids: vec!["Art.7".to_owned()],
            });
        }
        questions.extend(asked);
        if p.headquarters == "DE" && reg.dpo_trigger != Fact::Yes && p.sector != Sector::PublicSector {
            reasons.push(Reason {
                rule: RuleId::R17,
                need: None,
                triggers: vec![trigger("headquarters", "DE")],
                text: Text::new(
                    "Note for a German establishment: the Federal Data Protection Act (BDSG s. 38) also requires a data protection officer where, as a rule, at least 20 people are constantly busy with the automated processing of personal data, and for processing that needs an impact assessment. Crosswalk does not apply this as a rule; check the head count.",
                    "Hinweis für eine Niederlassung in Deutschland: Das Bundesdatenschutzgesetz (§ 38 BDSG) verlangt einen Datenschutzbeauftragten auch, wenn in der Regel mindestens 20 Personen ständig mit der automatisierten Verarbeitung personenbezogener Daten beschäftigt sind, und bei Verarbeitungen, die einer Folgenabschätzung unterliegen. Crosswalk wendet das nicht als Regel an; die Zahl prüfen.",
                ),
            });
        }
    }
    if reasons.is_empty() {
        reasons.push(Reason {
            rule: RuleId::R17,
            need: Some(Need::NotNeeded),
            triggers: vec![established_trigger, reg_trigger("personal_data", reg.personal_data), reg_trigger("targets_people_in_eu", reg.targets_people_in_eu)],
            text: Text::new(
                "The client is not established in the EU and does not target people there with personal data it processes: the GDPR does not reach it.",
                "Der Mandant ist nicht in der EU niedergelassen und richtet sich mit den Daten, die er verarbeitet, nicht an Personen dort: Die DSGVO erreicht ihn nicht.",
            ),
        });
    }
    let required = reasons.iter().any(|r| r.need == Some(Need::Required));
    let lead = required.then(|| Text::new("The law applies now.", "Das Gesetz gilt bereits."));
    verdict_with(key, reasons, required, obligations, questions, None, lead)
}

pub(super) fn nis2(f: &Facts<'_>, ctx: &Context<'_>, all: &[RegObligation]) -> FrameworkVerdict {
    let key = ScopeFramework::Nis2;
    let p = f.profile;
    let reg = &p.regulatory;
    let hq_eu = super::in_eu(&p.headquarters);
    let established = hq_eu || reg.eu_establishment == Fact::Yes;
    let eu_market = p.markets.contains(&Market::Eu);
    let in_union = established || eu_market;
    let mut union_triggers = Vec::new();
    if hq_eu {
        union_triggers.push(trigger("headquarters", &p.headquarters));
    } else if reg.eu_establishment == Fact::Yes {
        union_triggers.push(reg_trigger("eu_establishment", Fact::Yes));
    }
    if eu_market {
        union_triggers.push(trigger("markets", "eu"));
    }
    let class = nis2_classification(p, if in_union { UnionPresence::InUnion } else { UnionPresence::Outside });
    let from = nis2_applies_from();
    let mut reasons = Vec::new();
    let mut questions: Vec<AiQuestion> = Vec::new();
    let mut open_facts: Vec<(String, &'static str)> = Vec::new();
    let entity_trigger = |e: Option<Nis2Entity>| match e {
        Some(e) => trigger("regulatory.nis2_entity", e.keyword()),
        None => trigger("regulatory.nis2_entity", "not answered"),
    };
    let size_triggers = || {
        let mut t = vec![trigger("employees", p.employees.to_string())];
        if let Some(v) = reg.annual_turnover_eur_m {
            t.push(trigger("regulatory.annual_turnover_eur_m", v.to_string()));
        }
        if let Some(v) = reg.balance_sheet_eur_m {
            t.push(trigger("regulatory.balance_sheet_eur_m", v.to_string()));
        }
        t
    };
    let (size_en, size_de) = size_words(class.size);

    let in_scope = matches!(class.class, Nis2Class::Essential | Nis2Class::Important)
        || (in_union && in_scope_regardless_of_class(&class));
    if !in_union {
        reasons.push(Reason {
            rule: RuleId::R18,
            need: Some(Need::NotNeeded),
            triggers: vec![trigger("headquarters", &p.headquarters), trigger("markets", p.markets.iter().map(keyword).collect::<Vec<_>>().join(", "))],
            text: Text::new(
                "The client is neither established in the EU nor provides services there: NIS2 does not reach it.",
                "Der Mandant ist weder in der EU niedergelassen noch erbringt er dort Dienste: NIS2 erreicht ihn nicht.",
            ),
        });
    } else {
        match class.entity {
            None => {
                open_facts.push(("".into(), "regulatory.nis2_entity"));
                reasons.push(Reason {
                    rule: RuleId::R18,
                    need: Some(Need::Optional),
                    triggers: vec![entity_trigger(None)],
                    text: Text::new(
                        "Whether NIS2 applies depends on the client's entity type, not yet recorded (see the question): optional until answered.",
                        "Ob NIS2 gilt, hängt von der Art der Einrichtung ab, die noch nicht erfasst ist (siehe die Frage): bis dahin freiwillig eingestuft.",
                    ),
                });
            }
            Some(Nis2Entity::None) => {
                reasons.push(Reason {
                    rule: RuleId::R18,
                    need: Some(Need::NotNeeded),
                    triggers: vec![entity_trigger(class.entity)],
                    text: Text::new(
                        "The client is of no type listed in NIS2 Annex I or II: the directive does not reach it (a member state can still designate an entity, Art. 2(2)(b) to (e)).",
                        "Der Mandant gehört zu keiner in NIS2 Anhang I oder II genannten Art: Die Richtlinie erreicht ihn nicht (ein Mitgliedstaat kann eine Einrichtung dennoch bestimmen, Art. 2 Abs. 2 Buchst. b bis e).",
                    ),
                });
                // A hosted service is where "none" is most often wrong: the directive's cloud
                // computing service is read broadly, and authorities differ.
                if p.offerings.contains(&Offering::ServiceProcessingCustomerData) {
                    reasons.push(Reason {
                        rule: RuleId::R18,
                        need: None,
                        triggers: vec![entity_trigger(class.entity), "offerings: service_processing_customer_data".into()],
                        text: Text::new(
                            "Check the entity type: the client runs a service that holds its customers' data, and a service offered on demand from a shared, scalable pool of computing resources (software, platform or infrastructure as a service) can be a cloud computing service under NIS2 (Art. 6(30); recital 33 names SaaS). National authorities read this differently; if it is one, NIS2 applies from medium size.",
                            "Die Art der Einrichtung prüfen: Der Mandant betreibt einen Dienst, der Daten seiner Kunden hält, und ein Dienst, der auf Abruf aus einem gemeinsamen, skalierbaren Pool von Rechenressourcen angeboten wird (Software, Plattform oder Infrastruktur als Dienst), kann ein Cloud-Computing-Dienst im Sinne von NIS2 sein (Art. 6 Nr. 30; Erwägungsgrund 33 nennt SaaS). Die nationalen Behörden legen das unterschiedlich aus; trifft es zu, gilt NIS2 ab mittlerer Unternehmensgröße.",
                        ),
                    });
                }
            }
            Some(e) if dora_entity(e) && in_scope => {
                let mut triggers = union_triggers.clone();
                triggers.push(entity_trigger(Some(e)));
                triggers.extend(size_triggers());
                reasons.push(Reason {
                    rule: RuleId::R18,
                    need: Some(Need::Optional),
                    triggers,
                    text: Text::new(
                        "The client is a financial entity listed in NIS2 Annex I, but DORA (Regulation (EU) 2022/2554) takes precedence for ICT risk management and incident reporting (NIS2 Art. 4): its duties come from DORA, which the catalogue does not hold. The NIS2 measures serve only as a cross-check.",
                        "Der Mandant ist eine in NIS2 Anhang I genannte Finanzeinrichtung, doch für IKT-Risikomanagement und Meldung von Vorfällen hat DORA (Verordnung (EU) 2022/2554) Vorrang (NIS2 Art. 4): Seine Pflichten ergeben sich aus DORA, die der Katalog nicht enthält. Die NIS2-Maßnahmen dienen nur zum Abgleich.",
                    ),
                });
            }
            Some(e) => {
                let mut triggers = union_triggers.clone();
                triggers.push(entity_trigger(Some(e)));
                triggers.extend(size_triggers());
                match class.class {
                    Nis2Class::Essential | Nis2Class::Important => {
                        let (class_en, class_de) = if class.class == Nis2Class::Essential {
                            ("an essential entity (Art. 3(1))", "eine wesentliche Einrichtung (Art. 3 Abs. 1)")
                        } else {
                            ("an important entity (Art. 3(2))", "eine wichtige Einrichtung (Art. 3 Abs. 2)")
                        };
                        let (any_en, any_de) = if size_independent(e) {
                            (" (a type covered whatever its size, Art. 2(2))", " (eine Art, die unabhängig von der Größe erfasst ist, Art. 2 Abs. 2)")
                        } else {
                            ("", "")
                        };
                        reasons.push(Reason {
                            rule: RuleId::R18,
                            need: Some(Need::Required),
                            triggers,
                            text: Text::new(
                                format!("The client provides services in the Union as an entity of a type NIS2 lists{any_en} and is {size_en}: it is {class_en}. The measures apply through the national law transposing the directive, due from {}.", from.long_en()),
                                format!("Der Mandant erbringt Dienste in der Union als Einrichtung einer in NIS2 genannten Art{any_de} und ist {size_de}: Er ist {class_de}. Die Maßnahmen gelten über das nationale Umsetzungsgesetz, fällig seit dem {}.", from.long_de()),
                            ),
                        });
                    }
                    Nis2Class::Undetermined if in_scope => {
                        open_facts.push(("".into(), "regulatory.annual_turnover_eur_m"));
                        reasons.push(Reason {
                            rule: RuleId::R18,
                            need: Some(Need::Required),
                            triggers,
                            text: Text::new(
                                format!("The client provides services in the Union as an entity of a type NIS2 lists and is {size_en}: NIS2 applies through national law (due from {}). Whether it is essential or important turns on its turnover and balance sheet (see the question).", from.long_en()),
                                format!("Der Mandant erbringt Dienste in der Union als Einrichtung einer in NIS2 genannten Art und ist {size_de}: NIS2 gilt über das nationale Recht (fällig seit dem {}). Ob er wesentlich oder wichtig ist, hängt von Umsatz und Bilanzsumme ab (siehe die Frage).", from.long_de()),
                            ),
                        });
                    }
                    Nis2Class::Undetermined if e == Nis2Entity::PublicAdministrationRegional => {
                        open_facts.push(("".into(), "national law: regional public administration"));
                        reasons.push(Reason {
                            rule: RuleId::R18,
                            need: Some(Need::Optional),
                            triggers,
                            text: Text::new(
                                "Regional public administration falls under NIS2 only where the member state includes it after a risk-based assessment (Art. 2(2)(f)(ii)): optional until that is known.",
                                "Regionale öffentliche Verwaltung fällt nur unter NIS2, wenn der Mitgliedstaat sie nach einer risikobasierten Bewertung einbezieht (Art. 2 Abs. 2 Buchst. f Ziff. ii): bis dahin freiwillig eingestuft.",
                            ),
                        });
                    }
                    Nis2Class::Undetermined => {
                        open_facts.push(("".into(), "regulatory.annual_turnover_eur_m"));
                        reasons.push(Reason {
                            rule: RuleId::R18,
                            need: Some(Need::Optional),
                            triggers,
                            text: Text::new(
                                "NIS2 reaches entities of this type only from medium size (Art. 2(1)); with fewer than 50 staff the turnover and balance sheet decide (see the question). Optional until answered.",
                                "NIS2 erreicht Einrichtungen dieser Art erst ab mittlerer Größe (Art. 2 Abs. 1); bei weniger als 50 Beschäftigten entscheiden Umsatz und Bilanzsumme (siehe die Frage). Bis dahin freiwillig eingestuft.",
                            ),
                        });
                    }
                    Nis2Class::NotInScope => reasons.push(Reason {
                        rule: RuleId::R18,
                        need: Some(Need::NotNeeded),
                        triggers,
                        text: Text::new(
                            "The client is a small or micro enterprise of a type NIS2 lists only from medium size (Art. 2(1)): it is not in scope, though a member state can still designate it (Art. 2(2)(b) to (e)).",
                            "Der Mandant ist ein kleines oder Kleinstunternehmen einer Art, die NIS2 erst ab mittlerer Größe erfasst (Art. 2 Abs. 1): Er fällt nicht darunter, ein Mitgliedstaat kann ihn aber dennoch bestimmen (Art. 2 Abs. 2 Buchst. b bis e).",
                        ),
                    }),
                }
            }
        }
    }

    let required = reasons.iter().any(|r| r.need == Some(Need::Required));
    let (obligations, open) = obligations_of(all, key, ctx, from);
    if required {
        open_facts.extend(open);
        let e = class.entity.unwrap_or(Nis2Entity::None);
        reasons.push(Reason {
            rule: RuleId::R18,
            need: None,
            triggers: vec![entity_trigger(class.entity)],
            text: if class.class == Nis2Class::Essential {
                Text::new(
                    "As an essential entity it is supervised proactively: the authority may inspect and audit without a prior incident (Art. 32). National law names the authority, the registration and the dates.",
                    "Als wesentliche Einrichtung unterliegt er einer proaktiven Aufsicht: Die Behörde kann ohne vorherigen Vorfall prüfen und auditieren (Art. 32). Das nationale Recht bestimmt Behörde, Registrierung und Termine.",
                )
            } else if class.class == Nis2Class::Important {
                Text::new(
                    "As an important entity it is supervised after the fact, when there are signs it falls short (Art. 33). National law names the authority, the registration and the dates.",
                    "Als wichtige Einrichtung unterliegt er einer nachträglichen Aufsicht, wenn Hinweise auf Mängel vorliegen (Art. 33). Das nationale Recht bestimmt Behörde, Registrierung und Termine.",
                )
            } else {
                Text::new(
                    "Essential entities are supervised proactively (Art. 32), important ones after the fact (Art. 33). National law names the authority, the registration and the dates.",
                    "Wesentliche Einrichtungen werden proaktiv beaufsichtigt (Art. 32), wichtige nachträglich (Art. 33). Das nationale Recht bestimmt Behörde, Registrierung und Termine.",
                )
            },
        });
        if !established && registers_under_art27(e) {
            reasons.push(Reason {
                rule: RuleId::R18,
                need: None,
                triggers: vec![trigger("headquarters", &p.headquarters), reg_trigger("eu_establishment", reg.eu_establishment), entity_trigger(class.entity)],
                text: Text::new(
                    "Not established in the Union but offering these services there, the client must designate a representative in a member state where it offers them (Art. 26(3)); if the client does have an EU establishment, record it.",
                    "Ohne Niederlassung in der Union, aber mit diesen Diensten dort, muss der Mandant einen Vertreter in einem Mitgliedstaat benennen, in dem er sie anbietet (Art. 26 Abs. 3); hat er doch eine Niederlassung in der EU, diese erfassen.",
                ),
            });
        }
        reasons.push(Reason {
            rule: RuleId::R18,
            need: None,
            triggers: Vec::new(),
            text: Text::new(
                "Sharing cyber threat information with other entities (Art. 29) is voluntary: it is not in scope.",
                "Der Austausch von Informationen über Cyberbedrohungen mit anderen Einrichtungen (Art. 29) ist freiwillig: Er gehört nicht zum Umfang.",
            ),
        });
    }
    if (class.size == Nis2Size::Undetermined || class.size == Nis2Size::MediumOrLarge || in_scope)
        && class.entity.is_some_and(|e| e != Nis2Entity::None)
        && in_union
    {
        reasons.push(Reason {
            rule: RuleId::R18,
            need: None,
            triggers: size_triggers(),
            text: Text::new(
                "The size class follows Commission Recommendation 2003/361/EC: partner and linked enterprises count towards head count and figures (Art. 6 of its Annex).",
                "Die Größenklasse folgt der Empfehlung 2003/361/EG der Kommission: Partner- und verbundene Unternehmen zählen bei Beschäftigten und Zahlen mit (Art. 6 ihres Anhangs).",
            ),
        });
    }
    // One question per field; the entity type and the size figures name no requirement of their own.
    for (id, field) in &open_facts {
        match questions.iter_mut().find(|q| q.field == *field) {
            Some(q) => {
                if !id.is_empty() && !q.requirement_ids.contains(id) {
                    q.requirement_ids.push(id.clone());
                }
            }
            None => questions.push(AiQuestion {
                field: (*field).to_owned(),
                text: nis2_question(field),
                requirement_ids: if id.is_empty() { Vec::new() } else { vec![id.clone()] },
            }),
        }
    }
    let lead = required.then(|| {
        let (class_en, class_de) = match class.class {
            Nis2Class::Essential => ("Essential entity", "Wesentliche Einrichtung"),
            Nis2Class::Important => ("Important entity", "Wichtige Einrichtung"),
            _ => ("Essential or important: not yet determined", "Wesentlich oder wichtig: noch offen"),
        };
        Text::new(
            format!("{class_en}, {size_en}; the law applies now through national transposition."),
            format!("{class_de}, {size_de}; das Gesetz gilt bereits über die nationale Umsetzung."),
        )
    });
    verdict_with(key, reasons, required, obligations, questions, Some(class), lead)
}

pub(super) fn nist_ai_rmf(f: &Facts<'_>) -> FrameworkVerdict {
    let key = ScopeFramework::NistAiRmf;
    let p = f.profile;
    let what = Text::new("the NIST AI RMF", "das NIST AI RMF");
    let (mut reasons, urgent) = named_asks(f, Ask::NistAiRmf, &what);
    let mut questions = Vec::new();
    let builds = f.builds_ai || f.provides_ai;
    let mut build_triggers = Vec::new();
    if p.offerings.contains(&Offering::BuildsAi) {
        build_triggers.push(trigger("offerings", "builds_ai"));
    }
    for (i, s) in p.ai_systems.iter().enumerate() {
        if s.roles.contains(&crate::domain::AiRole::Provider) {
            build_triggers.push(format!("ai_systems[{i}]: provider of {}", s.name));
        }
    }
    let buyers = p.regulatory.us_enterprise_or_public_buyers;
    if builds {
        match buyers {
            Fact::Yes => {
                let mut triggers = build_triggers.clone();
                triggers.push(reg_trigger("us_enterprise_or_public_buyers", Fact::Yes));
                reasons.push(Reason {
                    rule: RuleId::R19,
                    need: Some(Need::Recommended),
                    triggers,
                    text: Text::new(
                        "The client builds AI and sells to US enterprise or public-sector buyers, who often expect AI risk to be managed along the NIST AI RMF: it is voluntary guidance, not a legal obligation, and no certificate exists for it; the client shows its use in its own documentation.",
                        "Der Mandant entwickelt KI und verkauft an US-Unternehmen oder öffentliche Auftraggeber in den USA, die oft ein KI-Risikomanagement nach dem NIST AI RMF erwarten: Es ist eine freiwillige Leitlinie, keine gesetzliche Pflicht, und es gibt kein Zertifikat dafür; der Mandant belegt die Anwendung in seiner eigenen Dokumentation.",
                    ),
                });
            }
            Fact::Unknown if f.us => {
                let mut triggers = build_triggers.clone();
                triggers.push(reg_trigger("us_enterprise_or_public_buyers", Fact::Unknown));
                reasons.push(Reason {
                    rule: RuleId::R19,
                    need: Some(Need::Optional),
                    triggers,
                    text: Text::new(
                        "The client builds AI and sells in the US; whether its buyers are US enterprises or public bodies, who look for the NIST AI RMF, is not yet recorded (see the question).",
                        "Der Mandant entwickelt KI und verkauft in den USA; ob seine Käufer US-Unternehmen oder Behörden sind, die nach dem NIST AI RMF fragen, ist noch nicht erfasst (siehe die Frage).",
                    ),
                });
                questions.push(AiQuestion {
                    field: "regulatory.us_enterprise_or_public_buyers".into(),
                    text: Text::new(
                        "Ask: does the client sell its AI to US enterprise or public-sector buyers? They often ask for AI risk management along the NIST AI RMF.",
                        "Zu klären: Verkauft der Mandant seine KI an US-Unternehmen oder öffentliche Auftraggeber in den USA? Diese fragen oft nach KI-Risikomanagement nach dem NIST AI RMF.",
                    ),
                    requirement_ids: Vec::new(),
                });
            }
            _ => reasons.push(Reason {
                rule: RuleId::R19,
                need: Some(Need::Optional),
                triggers: build_triggers.clone(),
                text: Text::new(
                    "The client builds AI: the NIST AI RMF is a voluntary, freely available structure for managing AI risk; nothing presses for it.",
                    "Der Mandant entwickelt KI: Das NIST AI RMF ist eine freiwillige, frei verfügbare Struktur für das Management von KI-Risiken; nichts drängt dazu.",
                ),
            }),
        }
    }
    if reasons.iter().any(|r| r.need.is_some()) {
        reasons.push(Reason {
            rule: RuleId::R19,
            need: None,
            triggers: Vec::new(),
            text: Text::new(
                "The NIST AI RMF and ISO/IEC 42001 cover much of the same ground (governance, risk mapping, measurement, treatment): controls built for one are mapped to the other in the catalogue, so work done for either counts towards both where the mappings say so. That is reuse of evidence, not a promise that one proves the other.",
                "Das NIST AI RMF und ISO/IEC 42001 decken vieles gemeinsam ab (Steuerung, Erfassen, Messen und Behandeln von Risiken): Maßnahmen für das eine sind im Katalog dem anderen zugeordnet, sodass Arbeit für eines dort für beide zählt, wo die Zuordnungen es sagen. Das ist Wiederverwendung von Nachweisen, kein Versprechen, dass eines das andere belegt.",
            ),
        });
    } else {
        reasons.push(Reason {
            rule: RuleId::R19,
            need: Some(Need::NotNeeded),
            triggers: Vec::new(),
            text: Text::new(
                "The client builds no AI and nobody asks for the NIST AI RMF.",
                "Der Mandant entwickelt keine KI, und niemand fordert das NIST AI RMF.",
            ),
        });
    }
    let lead = reasons.iter().any(|r| r.need >= Some(Need::Optional)).then(|| {
        Text::new(
            "Voluntary guidance: no legal duty and no certificate.",
            "Freiwillige Leitlinie: keine gesetzliche Pflicht und kein Zertifikat.",
        )
    });
    verdict_with(key, reasons, urgent, Vec::new(), questions, None, lead)
}
