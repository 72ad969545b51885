//! EU AI Act verdicts per AI system (R10, R11, R12): which obligations apply to the client in its
//! role for the system's tier and facts, and from when, taken from the catalogue and its calendar.
//!
//! An obligation applies when the client holds one of its roles for the system, the system falls
//! under one of its tiers, and its `when` conditions hold on the system's facts
//! ([`super::ai_facts`]). The transitions of Art. 111 and the Art. 50(2) grace period then set its
//! date, or lift it for a system already on the market. A fact that is not recorded and would
//! decide an obligation becomes a question to the consultant, never the obligation or its absence.

use super::ai_facts::{evaluate, SystemFacts, Truth};
use super::verdicts::Facts;
use super::{AiQuestion, AiSystemVerdict, Context, Need, Obligation, Reason, RuleId};
use crate::catalog::{AiActScope, AiFact, AiTier, Milestone, Text, EU_AI_ACT};
use crate::domain::{AiRisk, AiRole, AiSystem, Answer, ClientProfile, Date, DeployerType, MarketEntry};

pub(super) struct AiActOutcome {
    pub stop_signs: Vec<Text>,
    pub systems: Vec<AiSystemVerdict>,
    pub note: Option<Text>,
}

/// The catalogue tiers an AI system falls under: its risk tier, plus the general-purpose model
/// tiers when it is (built on) a general-purpose model the client provides. An Annex III system
/// whose provider documented under Art. 6(3) that it is not high-risk counts as minimal-risk (its
/// own duties, Arts. 6(4) and 49(2), are conditions on that fact).
pub fn tiers_of(system: &AiSystem) -> Vec<AiTier> {
    let mut tiers = vec![match system.risk {
        AiRisk::Prohibited { .. } => AiTier::Prohibited,
        AiRisk::HighRiskAnnexI { .. } => AiTier::HighRiskAnnexI,
        AiRisk::HighRiskAnnexIii { .. } if system.not_high_risk_assessment == Answer::Yes => AiTier::Minimal,
        AiRisk::HighRiskAnnexIii { .. } => AiTier::HighRiskAnnexIii,
        AiRisk::Transparency => AiTier::Transparency,
        AiRisk::Minimal => AiTier::Minimal,
    }];
    if system.general_purpose {
        tiers.push(AiTier::Gpai);
    }
    if system.systemic_risk {
        tiers.push(AiTier::GpaiSystemic);
    }
    tiers
}

/// How one obligation stands for one system.
#[derive(Debug, Clone, PartialEq)]
pub enum Applicability {
    /// It applies from this date, because of these answers.
    Applies { from: Date, because: Vec<String> },
    /// An unrecorded fact decides: ask about these fields.
    Open { fields: Vec<Ask> },
    /// It does not apply.
    No,
}

/// A question behind an open obligation, or behind the date of one that applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    Fact(AiFact),
    MarketEntry(Transition),
    SignificantChange,
    PublicAuthorityUse,
}

/// The transitions the date of an obligation may depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    /// Art. 111(2): high-risk systems already on the market before the cut-off.
    HighRisk,
    /// Art. 111(3): general-purpose models placed before Chapter V applied.
    Gpai,
    /// Art. 50(2) marking, for generative systems placed before Art. 50 applied (2026 amendment).
    Marking,
}

fn milestone<'c>(ctx: &Context<'c>, id: &str) -> Option<&'c Milestone> {
    ctx.catalog.milestones.iter().find(|m| m.id == id)
}

/// Whether one obligation (`requirement_id` with `scope`) applies to `profile.ai_systems[index]`,
/// from when, and why; the one function both the advice and the store's scope use.
pub fn applicability(
    requirement_id: &str,
    scope: &AiActScope,
    profile: &ClientProfile,
    index: usize,
    facts: &SystemFacts,
    milestones: &[Milestone],
) -> Applicability {
    let system = &profile.ai_systems[index];
    let tiers = tiers_of(system);
    let roles: Vec<AiRole> = scope.roles.iter().copied().filter(|r| system.roles.contains(r)).collect();
    let Some(tier) = tiers.iter().copied().find(|t| scope.tiers.contains(t)) else { return Applicability::No };
    if roles.is_empty() {
        return Applicability::No;
    }
    let Some(base) = milestones.iter().find(|m| m.id == scope.applies_from) else { return Applicability::No };
    let evaluation = evaluate(&scope.when, facts);
    let mut because = vec![
        format!(
            "ai_systems[{index}].roles: {}",
            roles.iter().map(|r| crate::catalog::role_keyword(*r)).collect::<Vec<_>>().join(", ")
        ),
        match tier {
            AiTier::Gpai => format!("ai_systems[{index}].general_purpose: true"),
            AiTier::GpaiSystemic => format!("ai_systems[{index}].systemic_risk: true"),
            _ => format!("ai_systems[{index}].risk.tier: {}", tier_keyword(system, tier)),
        },
    ];
    match evaluation.truth {
        Truth::No => return Applicability::No,
        Truth::Open => return Applicability::Open { fields: evaluation.open.into_iter().map(Ask::Fact).collect() },
        Truth::Yes => because.extend(evaluation.fired),
    }
    let date_of = |id: &str| milestones.iter().find(|m| m.id == id).map(|m| m.date);
    let mut from = base.date_for(tier);
    let placed = match system.market_entry {
        MarketEntry::Placed { on } => Some(on),
        _ => None,
    };
    let entry_trigger = |on: Date| format!("ai_systems[{index}].market_entry: placed on {on}");

    if scope.applies_from == "ai-act-high-risk" && matches!(tier, AiTier::HighRiskAnnexI | AiTier::HighRiskAnnexIii) {
        let Some(cutoff) = date_of("ai-act-legacy-cutoff") else { return Applicability::Applies { from, because } };
        match (system.market_entry, placed) {
            (MarketEntry::Unknown, _) => {
                return Applicability::Open { fields: vec![Ask::MarketEntry(Transition::HighRisk)] };
            }
            (MarketEntry::NotYet, _) => because.push(format!("ai_systems[{index}].market_entry: not yet")),
            (_, Some(on)) if on >= cutoff => because.push(entry_trigger(on)),
            (_, Some(on)) => match system.significant_change {
                Answer::Unknown => return Applicability::Open { fields: vec![Ask::SignificantChange] },
                Answer::Yes => {
                    because.push(entry_trigger(on));
                    because.push(format!("ai_systems[{index}].significant_change: yes (Art. 111(2))"));
                }
                Answer::No => {
                    // Only use by public authorities keeps a deadline (Art. 111(2), second
                    // sentence): the deployer's own type answers it for deployer duties, the
                    // intended users for the others.
                    let (public, trigger, ask) = if roles.contains(&AiRole::Deployer) {
                        let public = match system.deployer_type {
                            DeployerType::PublicBody => Some(true),
                            DeployerType::Unknown => None,
                            _ => Some(false),
                        };
                        (
                            public,
                            format!("ai_systems[{index}].deployer_type: public_body (Art. 111(2))"),
                            Ask::Fact(AiFact::DeployerType),
                        )
                    } else {
                        let public = match system.public_authority_use {
                            Answer::Yes => Some(true),
                            Answer::No => Some(false),
                            Answer::Unknown => None,
                        };
                        (
                            public,
                            format!("ai_systems[{index}].public_authority_use: yes (Art. 111(2))"),
                            Ask::PublicAuthorityUse,
                        )
                    };
                    match public {
                        None => return Applicability::Open { fields: vec![ask] },
                        Some(false) => return Applicability::No,
                        Some(true) => {
                            because.push(entry_trigger(on));
                            because.push(format!("ai_systems[{index}].significant_change: no"));
                            because.push(trigger);
                            from = date_of("ai-act-legacy-public").unwrap_or(from);
                        }
                    }
                }
            },
            _ => {}
        }
    }
    if scope.applies_from == "ai-act-gpai" {
        if let (Some(on), Some(legacy)) = (placed, date_of("ai-act-legacy-gpai")) {
            if on < base.date {
                because.push(format!("{} (Art. 111(3))", entry_trigger(on)));
                from = legacy;
            }
        }
    }
    if requirement_id == "Art.50(2)" {
        if let (Some(on), Some(grace)) = (placed, date_of("ai-act-transparency-marking-grace")) {
            if on < base.date {
                because.push(format!("{} (grace period of the 2026 amendment)", entry_trigger(on)));
                from = grace;
            }
        }
    }
    Applicability::Applies { from, because }
}

/// The transition whose unknown market entry leaves the date of an applying obligation open.
fn date_question(requirement_id: &str, scope: &AiActScope, system: &AiSystem) -> Option<Transition> {
    if system.market_entry != MarketEntry::Unknown {
        return None;
    }
    if scope.applies_from == "ai-act-gpai" {
        Some(Transition::Gpai)
    } else if requirement_id == "Art.50(2)" {
        Some(Transition::Marking)
    } else {
        None
    }
}

/// The tier as the profile states it (an Art. 6(3) system keeps its Annex III tier there).
fn tier_keyword(system: &AiSystem, tier: AiTier) -> String {
    match (&system.risk, tier) {
        (AiRisk::HighRiskAnnexIii { .. }, AiTier::Minimal) => {
            "high_risk_annex_iii, not high-risk by a documented Art. 6(3) assessment".to_owned()
        }
        _ => tier.as_str().to_owned(),
    }
}

fn tier_text(system: &AiSystem) -> Text {
    match system.risk {
        AiRisk::Prohibited { .. } => Text::new("prohibited practice", "verbotene Praktik"),
        AiRisk::HighRiskAnnexI { .. } => Text::new("high-risk, Annex I product", "Hochrisiko, Produkt nach Anhang I"),
        AiRisk::HighRiskAnnexIii { .. } if system.not_high_risk_assessment == Answer::Yes => Text::new(
            "Annex III use, assessed as not high-risk under Art. 6(3)",
            "Verwendung nach Anhang III, nach Art. 6 Abs. 3 als nicht hochriskant bewertet",
        ),
        AiRisk::HighRiskAnnexIii { .. } => {
            Text::new("high-risk, Annex III use", "Hochrisiko, Verwendung nach Anhang III")
        }
        AiRisk::Transparency => Text::new("with transparency duties", "mit Transparenzpflichten"),
        AiRisk::Minimal => Text::new("minimal risk", "minimales Risiko"),
    }
}

/// A role in words: English as the Act names it, German as the German text of the Act does.
fn role_words(role: AiRole) -> (&'static str, &'static str) {
    match role {
        AiRole::Provider => ("provider", "Anbieter"),
        AiRole::Deployer => ("deployer", "Betreiber"),
        AiRole::Importer => ("importer", "Einführer"),
        AiRole::Distributor => ("distributor", "Händler"),
        AiRole::AuthorisedRepresentative => ("authorised representative", "Bevollmächtigter"),
        AiRole::ProductManufacturer => ("product manufacturer", "Produkthersteller"),
    }
}

fn join(words: &[&str], and: &str) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

/// The question for an unknown fact of a system, in both languages.
fn question_text(ask: &Ask, system: &AiSystem, ctx: &Context<'_>) -> Text {
    let name = &system.name;
    let date = |id: &str| milestone(ctx, id).map(|m| m.date);
    match ask {
        Ask::Fact(AiFact::DeployerType) => Text::new(
            format!("Ask: is the client, as deployer of {name}, a public authority or a body governed by public law, a private entity providing a public service, or another private entity?"),
            format!("Zu klären: Ist der Mandant als Betreiber von {name} eine Behörde oder Einrichtung des öffentlichen Rechts, eine private Einrichtung, die öffentliche Dienste erbringt, oder eine sonstige private Einrichtung?"),
        ),
        Ask::Fact(AiFact::AnnexIiiPoint) | Ask::Fact(AiFact::AnnexIiiArea) => Text::new(
            format!("Ask: which sub-point of Annex III does {name} fall under (for example 5(b) creditworthiness or 5(c) pricing of life and health insurance)?"),
            format!("Zu klären: Unter welche Nummer von Anhang III fällt {name} (etwa Nr. 5 Buchst. b Kreditwürdigkeit oder Nr. 5 Buchst. c Preisbildung bei Lebens- und Krankenversicherungen)?"),
        ),
        Ask::Fact(AiFact::ProviderEstablishment) => Text::new(
            format!("Ask: is the client, as provider of {name}, established in the EU, or only outside it?"),
            format!("Zu klären: Ist der Mandant als Anbieter von {name} in der EU niedergelassen oder nur außerhalb der EU?"),
        ),
        Ask::Fact(AiFact::LawEnforcementUse) => Text::new(
            format!("Ask: is {name} used by or on behalf of law enforcement authorities, for example in criminal investigations?"),
            format!("Zu klären: Wird {name} von Strafverfolgungsbehörden oder in deren Auftrag eingesetzt, etwa in strafrechtlichen Ermittlungen?"),
        ),
        Ask::Fact(AiFact::InteractsWithPeople) => Text::new(
            format!("Ask: does {name} interact directly with people, for example as a chatbot or voice assistant?"),
            format!("Zu klären: Interagiert {name} unmittelbar mit Menschen, etwa als Chatbot oder Sprachassistent?"),
        ),
        Ask::Fact(AiFact::GeneratesContent) => Text::new(
            format!("Ask: does {name} generate synthetic audio, images, video or text?"),
            format!("Zu klären: Erzeugt {name} synthetische Audio-, Bild-, Video- oder Textinhalte?"),
        ),
        Ask::Fact(AiFact::EmotionRecognition) => Text::new(
            format!("Ask: does {name} recognise emotions or intentions of people?"),
            format!("Zu klären: Erkennt {name} Emotionen oder Absichten von Menschen?"),
        ),
        Ask::Fact(AiFact::BiometricCategorisation) => Text::new(
            format!("Ask: does {name} sort people into categories from their biometric data?"),
            format!("Zu klären: Ordnet {name} Menschen anhand biometrischer Daten Kategorien zu?"),
        ),
        Ask::Fact(AiFact::DeepFake) => Text::new(
            format!("Ask: does the client use {name} to make deep fakes (images, audio or video resembling real people, places or events)?"),
            format!("Zu klären: Erstellt der Mandant mit {name} Deepfakes (Bild-, Ton- oder Videoinhalte, die realen Personen, Orten oder Ereignissen ähneln)?"),
        ),
        Ask::Fact(AiFact::PublicInterestText) => Text::new(
            format!("Ask: does the client publish text written by {name} to inform the public on matters of public interest, without human editorial review?"),
            format!("Zu klären: Veröffentlicht der Mandant von {name} erzeugte Texte, die die Öffentlichkeit über Angelegenheiten von öffentlichem Interesse informieren, ohne redaktionelle Prüfung durch Menschen?"),
        ),
        Ask::Fact(AiFact::NotHighRiskAssessment) => Text::new(
            format!("Ask: has the provider of {name} documented an assessment that it is not high-risk (Art. 6(3))?"),
            format!("Zu klären: Hat der Anbieter von {name} dokumentiert, dass das System nicht hochriskant ist (Art. 6 Abs. 3)?"),
        ),
        Ask::PublicAuthorityUse => Text::new(
            format!("Ask: is {name} intended to be used by public authorities? Already on the market and unchanged, it must still comply by the Art. 111(2) deadline if so."),
            format!("Zu klären: Ist {name} zur Nutzung durch Behörden bestimmt? Dann muss es, obwohl bereits in Verkehr und unverändert, die Pflichten bis zur Frist nach Art. 111 Abs. 2 erfüllen."),
        ),
        Ask::MarketEntry(Transition::HighRisk) | Ask::SignificantChange => {
            let cutoff = date("ai-act-legacy-cutoff");
            let public = date("ai-act-legacy-public");
            let (c_en, c_de) = cutoff.map(|d| (d.long_en(), d.long_de())).unwrap_or_default();
            let (p_en, p_de) = public.map(|d| (d.long_en(), d.long_de())).unwrap_or_default();
            let (lead_en, lead_de) = if matches!(ask, Ask::SignificantChange) {
                (
                    format!("Ask: has the design of {name} changed significantly since {c_en}?"),
                    format!("Zu klären: Wurde {name} seit dem {c_de} in seiner Konzeption erheblich geändert?"),
                )
            } else {
                (
                    format!("Ask: was {name} placed on the market or put into service before {c_en}, or not yet?"),
                    format!("Zu klären: Wurde {name} vor dem {c_de} in Verkehr gebracht oder in Betrieb genommen, oder noch nicht?"),
                )
            };
            Text::new(
                format!("{lead_en} A high-risk system already on the market by then carries the high-risk duties only once its design changes significantly; for use by public authorities they apply by {p_en} in any case (Art. 111(2)). This cut-off is the date in the 2024 text; whether the 2026 amendment moved it is not confirmed."),
                format!("{lead_de} Ein Hochrisiko-KI-System, das bis dahin bereits in Verkehr war, unterliegt den Hochrisiko-Pflichten erst nach einer erheblichen Änderung seiner Konzeption; bei Nutzung durch Behörden gelten sie spätestens ab dem {p_de} (Art. 111 Abs. 2). Der Stichtag ist der des Textes von 2024; ob die Änderung von 2026 ihn verschoben hat, ist nicht bestätigt."),
            )
        }
        Ask::MarketEntry(Transition::Gpai) => {
            let (b_en, b_de) = date("ai-act-gpai").map(|d| (d.long_en(), d.long_de())).unwrap_or_default();
            let (l_en, l_de) = date("ai-act-legacy-gpai").map(|d| (d.long_en(), d.long_de())).unwrap_or_default();
            Text::new(
                format!("Ask: was the general-purpose model behind {name} placed on the market before {b_en}? If so, its duties apply by {l_en} (Art. 111(3)); the dates shown assume it was not."),
                format!("Zu klären: Wurde das KI-Modell mit allgemeinem Verwendungszweck hinter {name} vor dem {b_de} in Verkehr gebracht? Dann gelten seine Pflichten ab dem {l_de} (Art. 111 Abs. 3); die angezeigten Daten gehen davon aus, dass dies nicht der Fall war."),
            )
        }
        Ask::MarketEntry(Transition::Marking) => {
            let (b_en, b_de) = date("ai-act-transparency").map(|d| (d.long_en(), d.long_de())).unwrap_or_default();
            let (g_en, g_de) =
                date("ai-act-transparency-marking-grace").map(|d| (d.long_en(), d.long_de())).unwrap_or_default();
            Text::new(
                format!("Ask: was {name} placed on the market before {b_en}? If so, marking its output (Art. 50(2)) applies from {g_en} under the 2026 amendment; the date shown assumes it was not."),
                format!("Zu klären: Wurde {name} vor dem {b_de} in Verkehr gebracht? Dann gilt die Kennzeichnung seiner Ergebnisse (Art. 50 Abs. 2) nach der Änderung von 2026 ab dem {g_de}; das angezeigte Datum geht davon aus, dass dies nicht der Fall war."),
            )
        }
    }
}

fn question_field(ask: &Ask, index: usize) -> String {
    let field = match ask {
        Ask::Fact(AiFact::DeployerType) => "deployer_type",
        Ask::Fact(AiFact::AnnexIiiArea) | Ask::Fact(AiFact::AnnexIiiPoint) => "risk.point",
        Ask::Fact(AiFact::ProviderEstablishment) => "provider_establishment",
        Ask::Fact(AiFact::LawEnforcementUse) => "law_enforcement_use",
        Ask::Fact(AiFact::InteractsWithPeople) => "transparency.interacts_with_people",
        Ask::Fact(AiFact::GeneratesContent) => "transparency.generates_content",
        Ask::Fact(AiFact::EmotionRecognition) => "transparency.emotion_recognition",
        Ask::Fact(AiFact::BiometricCategorisation) => "transparency.biometric_categorisation",
        Ask::Fact(AiFact::DeepFake) => "transparency.deep_fake",
        Ask::Fact(AiFact::PublicInterestText) => "transparency.public_interest_text",
        Ask::Fact(AiFact::NotHighRiskAssessment) => "not_high_risk_assessment",
        Ask::MarketEntry(_) => "market_entry",
        Ask::SignificantChange => "significant_change",
        Ask::PublicAuthorityUse => "public_authority_use",
    };
    format!("ai_systems[{index}].{field}")
}

/// Every obligation of the catalogue for one system: those that apply, and the questions that
/// decide the others (or the date of one that applies).
pub(super) fn obligations_of(
    profile: &ClientProfile,
    index: usize,
    ctx: &Context<'_>,
) -> (Vec<Obligation>, Vec<AiQuestion>) {
    let system = &profile.ai_systems[index];
    let facts = SystemFacts::of(profile, index);
    let mut obligations = Vec::new();
    let mut questions: Vec<AiQuestion> = Vec::new();
    let ask = |ask: Ask, requirement: &str, questions: &mut Vec<AiQuestion>| {
        let field = question_field(&ask, index);
        match questions.iter_mut().find(|q| q.field == field) {
            Some(q) => {
                if !q.requirement_ids.iter().any(|r| r == requirement) {
                    q.requirement_ids.push(requirement.to_owned());
                }
            }
            None => questions.push(AiQuestion {
                field,
                text: question_text(&ask, system, ctx),
                requirement_ids: vec![requirement.to_owned()],
            }),
        }
    };
    let framework = ctx.catalog.framework(EU_AI_ACT);
    for r in framework.into_iter().flat_map(|f| &f.requirements).filter(|r| r.assessable) {
        let Some(scope) = r.ai_act.as_ref() else { continue };
        match applicability(&r.id, scope, profile, index, &facts, &ctx.catalog.milestones) {
            Applicability::No => {}
            Applicability::Open { fields } => {
                for f in fields {
                    ask(f, &r.id, &mut questions);
                }
            }
            Applicability::Applies { from, because } => {
                if let Some(transition) = date_question(&r.id, scope, system) {
                    ask(Ask::MarketEntry(transition), &r.id, &mut questions);
                }
                obligations.push(Obligation {
                    requirement_id: r.id.clone(),
                    title: r.title.clone(),
                    applies_from: from,
                    in_force: from <= ctx.today,
                    because,
                });
            }
        }
    }
    obligations.sort_by_key(|o| o.applies_from);
    (obligations, questions)
}

pub(super) fn assess(profile: &ClientProfile, facts: &Facts<'_>, ctx: &Context<'_>) -> AiActOutcome {
    let mut out = AiActOutcome { stop_signs: Vec::new(), systems: Vec::new(), note: None };
    if !facts.eu {
        if facts.uses_ai {
            out.note = Some(Text::new(
                "The client neither sells into the EU nor is established there, so the EU AI Act does not reach it today. That changes once an AI system or its output is used in the EU.",
                "Der Mandant verkauft nicht in die EU und ist dort nicht niedergelassen; die KI-Verordnung erfasst ihn derzeit nicht. Das ändert sich, sobald ein KI-System oder dessen Ergebnisse in der EU genutzt werden.",
            ));
        }
        for system in &profile.ai_systems {
            out.systems.push(AiSystemVerdict {
                system: system.name.clone(),
                need: Need::NotNeeded,
                stop: false,
                summary: Text::new(
                    format!("{}: the EU AI Act does not apply while the system stays outside the EU.", system.name),
                    format!(
                        "{}: Die KI-Verordnung gilt nicht, solange das System außerhalb der EU bleibt.",
                        system.name
                    ),
                ),
                reasons: vec![Reason {
                    rule: RuleId::R12,
                    need: Some(Need::NotNeeded),
                    triggers: vec![
                        format!("markets: {}", markets_list(profile)),
                        format!("headquarters: {}", profile.headquarters),
                    ],
                    text: Text::new(
                        "No EU market and no establishment in the EU.",
                        "Kein EU-Markt und keine Niederlassung in der EU.",
                    ),
                }],
                obligations: Vec::new(),
                questions: Vec::new(),
            });
        }
        return out;
    }
    if facts.uses_ai && profile.ai_systems.is_empty() {
        out.note = Some(Text::new(
            "The client works with AI but no AI system is recorded: list each system with the client's role and its tier to work out the EU AI Act obligations.",
            "Der Mandant arbeitet mit KI, aber es ist kein KI-System erfasst: Jedes System mit Rolle und Risikostufe erfassen, um die Pflichten nach der KI-Verordnung zu bestimmen.",
        ));
    }

    for (index, system) in profile.ai_systems.iter().enumerate() {
        let tiers = tiers_of(system);
        let (obligations, questions) = obligations_of(profile, index, ctx);

        let roles_kw = system.roles.iter().map(|r| crate::catalog::role_keyword(*r)).collect::<Vec<_>>().join(", ");
        let mut triggers = vec![
            format!("ai_systems[{index}].roles: {roles_kw}"),
            format!(
                "ai_systems[{index}].risk.tier: {}",
                tiers.first().map(|t| tier_keyword(system, *t)).unwrap_or_default()
            ),
        ];
        if system.general_purpose {
            triggers.push(format!("ai_systems[{index}].general_purpose: true"));
        }

        if let AiRisk::Prohibited { practice } = system.risk {
            let id = if practice.added_in_2026() { "ai-act-new-prohibitions" } else { "ai-act-literacy-prohibitions" };
            let since = milestone(ctx, id).map(|m| m.date);
            let article = practice.requirement_id();
            let (when_en, when_de) = match since {
                Some(d) if d <= ctx.today => {
                    (format!("banned since {}", d.long_en()), format!("verboten seit dem {}", d.long_de()))
                }
                Some(d) => (format!("banned from {}", d.long_en()), format!("verboten ab dem {}", d.long_de())),
                None => (String::from("banned"), String::from("verboten")),
            };
            let stop = Text::new(
                format!(
                    "Stop: {} is a practice the EU AI Act bans ({article}), {when_en}. Take it off the EU market or redesign it so that it no longer falls under the ban before any other work; fines reach EUR 35 million or 7% of worldwide turnover.",
                    system.name
                ),
                format!(
                    "Stopp: {} ist eine nach der KI-Verordnung verbotene Praktik ({article}), {when_de}. Vor allen anderen Arbeiten vom EU-Markt nehmen oder so umgestalten, dass das Verbot nicht mehr greift; Bußgelder reichen bis 35 Mio. EUR oder 7 % des weltweiten Umsatzes.",
                    system.name
                ),
            );
            out.stop_signs.push(stop.clone());
            triggers.push(format!("ai_systems[{index}].risk.practice: {article}"));
            out.systems.push(AiSystemVerdict {
                system: system.name.clone(),
                need: Need::Required,
                stop: true,
                summary: stop.clone(),
                reasons: vec![Reason { rule: RuleId::R11, need: Some(Need::Required), triggers, text: stop }],
                obligations,
                questions,
            });
            continue;
        }

        let tier = tier_text(system);
        let in_force = obligations.iter().filter(|o| o.in_force).count();
        let later = obligations.iter().find(|o| !o.in_force).map(|o| o.applies_from);
        let timing_en = match (in_force, later) {
            (0, Some(date)) => format!("none applies yet; the first from {}", date.long_en()),
            (1, Some(date)) => format!("one already applies, the others from {}", date.long_en()),
            (n, Some(date)) => format!("{n} already apply, the others from {}", date.long_en()),
            (1, None) => "it already applies".to_owned(),
            (2, None) => "both already apply".to_owned(),
            (n, None) => format!("all {n} already apply"),
        };
        let timing_de = match (in_force, later) {
            (0, Some(date)) => format!("noch keine gilt; die erste ab dem {}", date.long_de()),
            (1, Some(date)) => format!("eine gilt bereits, die übrigen ab dem {}", date.long_de()),
            (n, Some(date)) => format!("{n} gelten bereits, die übrigen ab dem {}", date.long_de()),
            (1, None) => "sie gilt bereits".to_owned(),
            (2, None) => "beide gelten bereits".to_owned(),
            (n, None) => format!("alle {n} gelten bereits"),
        };
        let words: Vec<(&str, &str)> = system.roles.iter().map(|r| role_words(*r)).collect();
        let roles_en = join(&words.iter().map(|w| w.0).collect::<Vec<_>>(), "and");
        let roles_de = join(&words.iter().map(|w| w.1).collect::<Vec<_>>(), "und");
        let count = obligations.len();
        let open_en = match questions.len() {
            0 => String::new(),
            1 => " One open question decides further obligations or their dates.".to_owned(),
            n => format!(" {n} open questions decide further obligations or their dates."),
        };
        let open_de = match questions.len() {
            0 => String::new(),
            1 => " Eine offene Frage entscheidet über weitere Pflichten oder deren Termine.".to_owned(),
            n => format!(" {n} offene Fragen entscheiden über weitere Pflichten oder deren Termine."),
        };
        let text = if count == 0 {
            Text::new(
                format!("As {roles_en} of this system ({}), the client has no obligation under the EU AI Act on the facts recorded.{open_en}", tier.en),
                format!("Als {roles_de} dieses Systems ({}) hat der Mandant nach den erfassten Angaben keine Pflicht nach der KI-Verordnung.{open_de}", tier.de),
            )
        } else {
            Text::new(
                format!(
                    "As {roles_en} of this system ({}), the client has {count} obligation{} under the EU AI Act: {timing_en}.{open_en}",
                    tier.en,
                    if count == 1 { "" } else { "s" }
                ),
                format!(
                    "Als {roles_de} dieses Systems ({}) hat der Mandant {count} {} nach der KI-Verordnung: {timing_de}.{open_de}",
                    tier.de,
                    if count == 1 { "Pflicht" } else { "Pflichten" }
                ),
            )
        };
        let need = if count > 0 { Need::Required } else { Need::NotNeeded };
        let mut reasons = vec![Reason { rule: RuleId::R10, need: Some(need), triggers, text }];
        if let Some(note) = legacy_note(system, index, ctx) {
            reasons.push(note);
        }
        if let Some(note) = supplier_transparency_note(system, index) {
            reasons.push(note);
        }
        if system.general_purpose && system.roles.contains(&AiRole::Provider) {
            if let Some(fines) = milestone(ctx, "ai-act-gpai-fines") {
                reasons.push(Reason {
                    rule: RuleId::R10,
                    need: None,
                    triggers: vec![format!("ai_systems[{index}].general_purpose: true")],
                    text: Text::new(
                        format!("As provider of a general-purpose AI model, the client can be fined by the Commission from {} (Art. 101: up to EUR 15 million or 3% of worldwide turnover).", fines.date.long_en()),
                        format!("Als Anbieter eines KI-Modells mit allgemeinem Verwendungszweck kann der Mandant ab dem {} von der Kommission mit Geldbußen belegt werden (Art. 101: bis zu 15 Mio. EUR oder 3 % des weltweiten Umsatzes).", fines.date.long_de()),
                    ),
                });
            }
        }
        out.systems.push(AiSystemVerdict {
            system: system.name.clone(),
            need,
            stop: false,
            summary: Text::new(
                format!("{}: {}", system.name, text_en(&reasons)),
                format!("{}: {}", system.name, text_de(&reasons)),
            ),
            reasons,
            obligations,
            questions,
        });
    }
    out
}

fn text_en(reasons: &[Reason]) -> String {
    reasons.first().map(|r| r.text.en.clone()).unwrap_or_default()
}

fn text_de(reasons: &[Reason]) -> String {
    reasons.first().map(|r| r.text.de.clone()).unwrap_or_default()
}

/// Says why the high-risk duties are lifted or deferred for a system already on the market.
fn legacy_note(system: &AiSystem, index: usize, ctx: &Context<'_>) -> Option<Reason> {
    if !system.risk.is_high_risk() || tiers_of(system).contains(&AiTier::Minimal) {
        return None;
    }
    let MarketEntry::Placed { on } = system.market_entry else { return None };
    let cutoff = milestone(ctx, "ai-act-legacy-cutoff")?.date;
    if on >= cutoff || system.significant_change != Answer::No {
        return None;
    }
    let public = milestone(ctx, "ai-act-legacy-public")?.date;
    let mut triggers = vec![
        format!("ai_systems[{index}].market_entry: placed on {on}"),
        format!("ai_systems[{index}].significant_change: no"),
    ];
    let deployer_public = system.roles.contains(&AiRole::Deployer) && system.deployer_type == DeployerType::PublicBody;
    let text = if deployer_public || system.public_authority_use == Answer::Yes {
        triggers.push(if deployer_public {
            format!("ai_systems[{index}].deployer_type: public_body")
        } else {
            format!("ai_systems[{index}].public_authority_use: yes")
        });
        Text::new(
            format!("Already on the market before {} and not significantly changed since: as the system is used by a public authority, its high-risk duties apply by {} (Art. 111(2)), or earlier on a significant change of design. The cut-off is the 2024 text's; whether the 2026 amendment moved it is not confirmed.", cutoff.long_en(), public.long_en()),
            format!("Bereits vor dem {} in Verkehr und seither nicht erheblich geändert: Da eine Behörde das System nutzt, gelten die Hochrisiko-Pflichten spätestens ab dem {} (Art. 111 Abs. 2), bei einer erheblichen Änderung der Konzeption früher. Der Stichtag ist der des Textes von 2024; ob die Änderung von 2026 ihn verschoben hat, ist nicht bestätigt.", cutoff.long_de(), public.long_de()),
        )
    } else {
        Text::new(
            format!("Already on the market before {} and not significantly changed since: the high-risk duties apply only once its design changes significantly (Art. 111(2)); if public authorities use it, by {} in any case. The cut-off is the 2024 text's; whether the 2026 amendment moved it is not confirmed.", cutoff.long_en(), public.long_en()),
            format!("Bereits vor dem {} in Verkehr und seither nicht erheblich geändert: Die Hochrisiko-Pflichten gelten erst nach einer erheblichen Änderung der Konzeption (Art. 111 Abs. 2); nutzen Behörden das System, spätestens ab dem {}. Der Stichtag ist der des Textes von 2024; ob die Änderung von 2026 ihn verschoben hat, ist nicht bestätigt.", cutoff.long_de(), public.long_de()),
        )
    };
    Some(Reason { rule: RuleId::R10, need: None, triggers, text })
}

/// A deployer (not the provider) of a system that talks to people or generates content: Art. 50(1)
/// and (2) bind its provider; the client checks that its supplier meets them.
fn supplier_transparency_note(system: &AiSystem, index: usize) -> Option<Reason> {
    if !system.roles.contains(&AiRole::Deployer) || system.roles.contains(&AiRole::Provider) {
        return None;
    }
    let t = &system.transparency;
    let mut triggers = Vec::new();
    if t.interacts_with_people == Answer::Yes {
        triggers.push(format!("ai_systems[{index}].transparency.interacts_with_people: yes"));
    }
    if t.generates_content == Answer::Yes {
        triggers.push(format!("ai_systems[{index}].transparency.generates_content: yes"));
    }
    if triggers.is_empty() || matches!(system.risk, AiRisk::Prohibited { .. }) {
        return None;
    }
    Some(Reason {
        rule: RuleId::R10,
        need: None,
        triggers,
        text: Text::new(
            format!("Telling people they deal with an AI system and marking its output (Art. 50(1) and (2)) are duties of the provider of {}; as deployer, the client checks that its supplier meets them.", system.name),
            format!("Der Hinweis, dass Menschen mit einem KI-System zu tun haben, und die Kennzeichnung seiner Ergebnisse (Art. 50 Abs. 1 und 2) obliegen dem Anbieter von {}; als Betreiber prüft der Mandant, dass sein Lieferant sie erfüllt.", system.name),
        ),
    })
}

fn markets_list(profile: &ClientProfile) -> String {
    let list: Vec<String> = profile
        .markets
        .iter()
        .map(|m| match serde_json::to_value(m) {
            Ok(serde_json::Value::String(s)) => s,
            _ => String::new(),
        })
        .collect();
    list.join(", ")
}
