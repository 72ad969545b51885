//! EU AI Act verdicts per AI system (R10, R11, R12): which obligations apply to the client in its
//! role for the system's tier, and from when, taken from the catalogue and its calendar.

use super::verdicts::Facts;
use super::{AiSystemVerdict, Context, Need, Obligation, Reason, RuleId};
use crate::catalog::{AiTier, Text, EU_AI_ACT};
use crate::domain::{AiRisk, AiSystem, ClientProfile};

pub(super) struct AiActOutcome {
    pub stop_signs: Vec<Text>,
    pub systems: Vec<AiSystemVerdict>,
    pub note: Option<Text>,
}

/// The catalogue tiers an AI system falls under: its risk tier, plus the general-purpose model
/// tiers when it is (built on) a general-purpose model the client provides.
pub fn tiers_of(system: &AiSystem) -> Vec<AiTier> {
    let mut tiers = vec![match system.risk {
        AiRisk::Prohibited { .. } => AiTier::Prohibited,
        AiRisk::HighRiskAnnexI { .. } => AiTier::HighRiskAnnexI,
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

fn tier_text(risk: &AiRisk) -> Text {
    match risk {
        AiRisk::Prohibited { .. } => Text::new("prohibited practice", "verbotene Praktik"),
        AiRisk::HighRiskAnnexI { .. } => Text::new("high-risk (Annex I product)", "Hochrisiko (Produkt nach Anhang I)"),
        AiRisk::HighRiskAnnexIii { .. } => {
            Text::new("high-risk (Annex III use)", "Hochrisiko (Verwendung nach Anhang III)")
        }
        AiRisk::Transparency => Text::new("system with transparency duties", "System mit Transparenzpflichten"),
        AiRisk::Minimal => Text::new("minimal-risk system", "System mit minimalem Risiko"),
    }
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

    let framework = ctx.catalog.framework(EU_AI_ACT);
    for (index, system) in profile.ai_systems.iter().enumerate() {
        let tiers = tiers_of(system);
        let mut obligations: Vec<Obligation> = framework
            .into_iter()
            .flat_map(|f| &f.requirements)
            .filter(|r| r.assessable)
            .filter_map(|r| {
                let scope = r.ai_act.as_ref()?;
                let role_fits = scope.roles.iter().any(|role| system.roles.contains(role));
                let tier = tiers.iter().copied().find(|t| scope.tiers.contains(t))?;
                if !role_fits {
                    return None;
                }
                let milestone = ctx.catalog.milestones.iter().find(|m| m.id == scope.applies_from)?;
                let applies_from = milestone.date_for(tier);
                Some(Obligation {
                    requirement_id: r.id.clone(),
                    title: r.title.clone(),
                    applies_from,
                    in_force: applies_from <= ctx.today,
                })
            })
            .collect();
        obligations.sort_by_key(|o| o.applies_from);

        let roles = system.roles.iter().map(|r| crate::catalog::role_keyword(*r)).collect::<Vec<_>>().join(", ");
        let mut triggers = vec![
            format!("ai_systems[{index}].roles: {roles}"),
            format!("ai_systems[{index}].risk.tier: {}", tiers.first().map(|t| t.as_str()).unwrap_or_default()),
        ];
        if system.general_purpose {
            triggers.push(format!("ai_systems[{index}].general_purpose: true"));
        }

        if let AiRisk::Prohibited { practice } = system.risk {
            let since = ctx
                .catalog
                .milestones
                .iter()
                .find(|m| m.id == "ai-act-literacy-prohibitions")
                .map(|m| m.date.to_string())
                .unwrap_or_else(|| "2025-02-02".into());
            let article = practice.requirement_id();
            let stop = Text::new(
                format!(
                    "Stop: {} is a practice the EU AI Act bans ({article}), in force since {since}. Take it off the EU market or redesign it so that it no longer falls under the ban before any other work; fines reach EUR 35 million or 7% of worldwide turnover.",
                    system.name
                ),
                format!(
                    "Stopp: {} ist eine nach der KI-Verordnung verbotene Praktik ({article}), verboten seit dem {since}. Vor allen anderen Arbeiten vom EU-Markt nehmen oder so umgestalten, dass das Verbot nicht mehr greift; Bußgelder reichen bis 35 Mio. EUR oder 7 % des weltweiten Umsatzes.",
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
            });
            continue;
        }

        let tier = tier_text(&system.risk);
        let in_force = obligations.iter().filter(|o| o.in_force).count();
        let later = obligations.iter().find(|o| !o.in_force).map(|o| o.applies_from);
        let timing_en = match (in_force, later) {
            (0, Some(date)) => format!("none applies yet; the first from {date}"),
            (n, Some(date)) => format!("{n} already apply, the others from {date}"),
            (1, None) => "it already applies".to_owned(),
            (n, None) => format!("all {n} already apply"),
        };
        let timing_de = match (in_force, later) {
            (0, Some(date)) => format!("noch keine gilt; die erste ab dem {date}"),
            (n, Some(date)) => format!("{n} gelten bereits, die übrigen ab dem {date}"),
            (1, None) => "sie gilt bereits".to_owned(),
            (n, None) => format!("alle {n} gelten bereits"),
        };
        let count = obligations.len();
        let text = Text::new(
            format!(
                "As {roles} of this {}, the client has {count} obligation{} under the EU AI Act: {timing_en}.",
                tier.en,
                if count == 1 { "" } else { "s" }
            ),
            format!(
                "Als {roles} dieses {} hat der Mandant {count} Pflicht(en) nach der KI-Verordnung: {timing_de}.",
                tier.de
            ),
        );
        let need = if count > 0 { Need::Required } else { Need::NotNeeded };
        out.systems.push(AiSystemVerdict {
            system: system.name.clone(),
            need,
            stop: false,
            summary: Text::new(format!("{}: {}", system.name, text.en), format!("{}: {}", system.name, text.de)),
            reasons: vec![Reason { rule: RuleId::R10, need: Some(need), triggers, text }],
            obligations,
        });
    }
    out
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
