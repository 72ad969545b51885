//! The facts of one AI system as the catalogue's EU AI Act conditions test them, and the one
//! function that evaluates a condition list on them.
//!
//! A fact is known (one value) or unknown (every value it could take). A test holds when every
//! possible value is allowed, fails when none is, and is open otherwise; a condition is the
//! conjunction of its tests, a `when` list the disjunction of its conditions (three-valued logic).
//! An open result never becomes an obligation or its absence: the advice asks the question.

use crate::catalog::{AiCondition, AiFact};
use crate::domain::{AiRisk, AnnexIiiPoint, Answer, ClientProfile, DeployerType, Establishment};

use super::rules::in_eu;

/// Three-valued truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    Yes,
    No,
    Open,
}

/// One fact: the values it may take and where that comes from (`field: value`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactValue {
    pub values: Vec<&'static str>,
    /// The profile answer behind it, as `field: value`.
    pub trigger: String,
    /// The field to ask about when the value is not known.
    pub field: String,
}

impl FactValue {
    pub fn known(&self) -> bool {
        self.values.len() <= 1
    }
}

/// The facts of one system of a profile.
#[derive(Debug, Clone)]
pub struct SystemFacts {
    facts: Vec<(AiFact, FactValue)>,
}

fn answer(value: Answer) -> Vec<&'static str> {
    match value {
        Answer::Yes => vec!["yes"],
        Answer::No => vec!["no"],
        Answer::Unknown => vec!["yes", "no"],
    }
}

fn answer_str(value: Answer) -> &'static str {
    match value {
        Answer::Yes => "yes",
        Answer::No => "no",
        Answer::Unknown => "unknown",
    }
}

impl SystemFacts {
    /// Reads the facts of `profile.ai_systems[index]`.
    pub fn of(profile: &ClientProfile, index: usize) -> SystemFacts {
        let system = &profile.ai_systems[index];
        let at = |field: &str| format!("ai_systems[{index}].{field}");
        let mut facts = Vec::new();
        let mut push = |fact: AiFact, field: String, values: Vec<&'static str>, shown: &str| {
            facts.push((fact, FactValue { values, trigger: format!("{field}: {shown}"), field }));
        };

        let (dt_values, dt_shown): (Vec<&'static str>, &str) = match system.deployer_type {
            DeployerType::Unknown => (vec!["public_body", "private_public_service", "private"], "unknown"),
            DeployerType::PublicBody => (vec!["public_body"], "public_body"),
            DeployerType::PrivatePublicService => (vec!["private_public_service"], "private_public_service"),
            DeployerType::Private => (vec!["private"], "private"),
        };
        push(AiFact::DeployerType, at("deployer_type"), dt_values, dt_shown);

        match system.risk {
            AiRisk::HighRiskAnnexIii { area, point } => {
                push(AiFact::AnnexIiiArea, at("risk.area"), vec![area.keyword()], area.keyword());
                let (values, shown): (Vec<&'static str>, String) = if point == AnnexIiiPoint::Unknown {
                    let points: Vec<&'static str> = AnnexIiiPoint::of_area(area).map(|p| p.as_str()).collect();
                    let shown = if points.len() == 1 { points[0].to_owned() } else { "unknown".to_owned() };
                    (points, shown)
                } else {
                    (vec![point.as_str()], point.as_str().to_owned())
                };
                push(AiFact::AnnexIiiPoint, at("risk.point"), values, &shown);
                let documented = system.not_high_risk_assessment == Answer::Yes;
                push(
                    AiFact::NotHighRiskAssessment,
                    at("not_high_risk_assessment"),
                    vec![if documented { "yes" } else { "no" }],
                    if documented { "yes" } else { "no documented Art. 6(3) assessment, so high-risk" },
                );
            }
            _ => {
                push(AiFact::AnnexIiiArea, at("risk.area"), Vec::new(), "none (not an Annex III system)");
                push(AiFact::AnnexIiiPoint, at("risk.point"), Vec::new(), "none (not an Annex III system)");
                push(
                    AiFact::NotHighRiskAssessment,
                    at("not_high_risk_assessment"),
                    vec!["no"],
                    "not an Annex III system",
                );
            }
        }

        match system.provider_establishment {
            Establishment::Eu => push(AiFact::ProviderEstablishment, at("provider_establishment"), vec!["eu"], "eu"),
            Establishment::OutsideEu => {
                push(AiFact::ProviderEstablishment, at("provider_establishment"), vec!["outside_eu"], "outside_eu")
            }
            Establishment::Unknown if in_eu(&profile.headquarters) => push(
                AiFact::ProviderEstablishment,
                "headquarters".to_owned(),
                vec!["eu"],
                &format!("{} (an EU member state, so established in the Union)", profile.headquarters),
            ),
            Establishment::Unknown => {
                push(AiFact::ProviderEstablishment, at("provider_establishment"), vec!["eu", "outside_eu"], "unknown")
            }
        }

        let yes_no = [
            (AiFact::LawEnforcementUse, "law_enforcement_use", system.law_enforcement_use),
            (
                AiFact::InteractsWithPeople,
                "transparency.interacts_with_people",
                system.transparency.interacts_with_people,
            ),
            (AiFact::GeneratesContent, "transparency.generates_content", system.transparency.generates_content),
            (AiFact::EmotionRecognition, "transparency.emotion_recognition", system.transparency.emotion_recognition),
            (
                AiFact::BiometricCategorisation,
                "transparency.biometric_categorisation",
                system.transparency.biometric_categorisation,
            ),
            (AiFact::DeepFake, "transparency.deep_fake", system.transparency.deep_fake),
            (AiFact::PublicInterestText, "transparency.public_interest_text", system.transparency.public_interest_text),
        ];
        for (fact, field, value) in yes_no {
            push(fact, at(field), answer(value), answer_str(value));
        }
        SystemFacts { facts }
    }

    pub fn get(&self, fact: AiFact) -> &FactValue {
        // Every fact is pushed by `of`; the list is short.
        &self.facts.iter().find(|(f, _)| *f == fact).expect("every fact is resolved").1
    }
}

/// The result of a `when` list on a system's facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub truth: Truth,
    /// When it holds: the answers that made it hold (the first condition that held).
    pub fired: Vec<String>,
    /// When it is open: the unknown facts whose answer would decide it, each once.
    pub open: Vec<AiFact>,
}

/// Evaluates the conditions of an obligation (any condition, all of its tests). An empty list
/// holds: role and tier alone decide.
pub fn evaluate(when: &[AiCondition], facts: &SystemFacts) -> Evaluation {
    if when.is_empty() {
        return Evaluation { truth: Truth::Yes, fired: Vec::new(), open: Vec::new() };
    }
    let mut open = Vec::new();
    let mut any_open = false;
    for condition in when {
        let mut truth = Truth::Yes;
        let mut fired = Vec::new();
        let mut open_here = Vec::new();
        for test in &condition.all {
            let fact = facts.get(test.fact);
            let allowed = |v: &&str| test.values.iter().any(|a| a == v);
            let t = if fact.values.is_empty() || !fact.values.iter().any(allowed) {
                Truth::No
            } else if fact.values.iter().all(allowed) {
                Truth::Yes
            } else {
                Truth::Open
            };
            match t {
                Truth::No => {
                    truth = Truth::No;
                    break;
                }
                Truth::Open => {
                    truth = Truth::Open;
                    open_here.push(test.fact);
                }
                Truth::Yes => fired.push(fact.trigger.clone()),
            }
        }
        match truth {
            Truth::Yes => return Evaluation { truth: Truth::Yes, fired, open: Vec::new() },
            Truth::Open => {
                any_open = true;
                for f in open_here {
                    if !open.contains(&f) {
                        open.push(f);
                    }
                }
            }
            Truth::No => {}
        }
    }
    if any_open {
        Evaluation { truth: Truth::Open, fired: Vec::new(), open }
    } else {
        Evaluation { truth: Truth::No, fired: Vec::new(), open: Vec::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::AiFactTest;
    use crate::domain::{AiRole, AiSystem, AnnexIiiArea, Market, Offering, Sector};

    fn profile(hq: &str, edit: impl FnOnce(&mut AiSystem)) -> ClientProfile {
        let mut p = ClientProfile::minimal("Client", Sector::Software, 10, hq);
        p.markets = vec![Market::Eu];
        p.offerings = vec![Offering::BuildsAi];
        let mut s = AiSystem::new(
            "S",
            &[AiRole::Deployer],
            AiRisk::HighRiskAnnexIii { area: AnnexIiiArea::Employment, point: AnnexIiiPoint::Unknown },
        );
        edit(&mut s);
        p.ai_systems.push(s);
        p
    }

    fn when(conditions: &[&[(AiFact, &[&str])]]) -> Vec<AiCondition> {
        conditions
            .iter()
            .map(|c| AiCondition {
                all: c
                    .iter()
                    .map(|(fact, values)| AiFactTest {
                        fact: *fact,
                        values: values.iter().map(|v| v.to_string()).collect(),
                    })
                    .collect(),
            })
            .collect()
    }

    #[track_caller]
    fn check(p: &ClientProfile, w: &[AiCondition], truth: Truth, fired: &[&str], open: &[AiFact]) {
        let e = evaluate(w, &SystemFacts::of(p, 0));
        assert_eq!(e.truth, truth, "{e:?}");
        let got: Vec<&str> = e.fired.iter().map(|s| s.as_str()).collect();
        assert_eq!(got, fired);
        assert_eq!(e.open, open);
    }

    #[test]
    fn three_valued_evaluation_of_conditions() {
        let fria = when(&[
            &[
                (AiFact::DeployerType, &["public_body", "private_public_service"]),
                (AiFact::AnnexIiiArea, &["employment", "essential_services"]),
            ],
            &[(AiFact::AnnexIiiPoint, &["5(b)", "5(c)"])],
        ]);
        let unknown = profile("DE", |_| {});
        check(&unknown, &fria, Truth::Open, &[], &[AiFact::DeployerType]);
        let private = profile("DE", |s| s.deployer_type = DeployerType::Private);
        // An employment system can be no 5(b) or 5(c) system, so the second condition fails too.
        check(&private, &fria, Truth::No, &[], &[]);
        let public = profile("DE", |s| s.deployer_type = DeployerType::PublicBody);
        check(
            &public,
            &fria,
            Truth::Yes,
            &["ai_systems[0].deployer_type: public_body", "ai_systems[0].risk.area: employment"],
            &[],
        );
        let credit = profile("DE", |s| {
            s.risk = AiRisk::HighRiskAnnexIii { area: AnnexIiiArea::EssentialServices, point: AnnexIiiPoint::P5b }
        });
        check(&credit, &fria, Truth::Yes, &["ai_systems[0].risk.point: 5(b)"], &[]);
        let services = profile("DE", |s| {
            s.deployer_type = DeployerType::Private;
            s.risk = AiRisk::HighRiskAnnexIii { area: AnnexIiiArea::EssentialServices, point: AnnexIiiPoint::Unknown };
        });
        check(&services, &fria, Truth::Open, &[], &[AiFact::AnnexIiiPoint]);
        // A single-point area needs no sub-point.
        let grid = profile("DE", |s| {
            s.risk =
                AiRisk::HighRiskAnnexIii { area: AnnexIiiArea::CriticalInfrastructure, point: AnnexIiiPoint::Unknown }
        });
        check(&grid, &when(&[&[(AiFact::AnnexIiiPoint, &["2"])]]), Truth::Yes, &["ai_systems[0].risk.point: 2"], &[]);
        // Not an Annex III system: a test on the area fails rather than holding vacuously.
        let minimal = profile("DE", |s| s.risk = AiRisk::Minimal);
        check(&minimal, &when(&[&[(AiFact::AnnexIiiArea, &["employment"])]]), Truth::No, &[], &[]);
        // No condition: holds.
        check(&minimal, &[], Truth::Yes, &[], &[]);
    }

    #[test]
    fn every_fact_a_condition_can_name_is_read_from_the_profile() {
        for risk in [
            AiRisk::Minimal,
            AiRisk::HighRiskAnnexIii { area: AnnexIiiArea::Biometrics, point: AnnexIiiPoint::Unknown },
        ] {
            let p = profile("US", |s| s.risk = risk.clone());
            let facts = SystemFacts::of(&p, 0);
            for fact in AiFact::ALL {
                let value = facts.get(*fact);
                assert!(value.values.iter().all(|v| fact.values().contains(v)), "{fact}: {:?}", value.values);
            }
        }
    }

    #[test]
    fn establishment_comes_from_the_profile_or_an_eu_headquarters() {
        let outside = when(&[&[(AiFact::ProviderEstablishment, &["outside_eu"])]]);
        check(&profile("FR", |_| {}), &outside, Truth::No, &[], &[]);
        check(&profile("US", |_| {}), &outside, Truth::Open, &[], &[AiFact::ProviderEstablishment]);
        check(
            &profile("US", |s| s.provider_establishment = Establishment::OutsideEu),
            &outside,
            Truth::Yes,
            &["ai_systems[0].provider_establishment: outside_eu"],
            &[],
        );
        check(&profile("US", |s| s.provider_establishment = Establishment::Eu), &outside, Truth::No, &[], &[]);
        let inside = when(&[&[(AiFact::ProviderEstablishment, &["eu"])]]);
        check(
            &profile("FR", |_| {}),
            &inside,
            Truth::Yes,
            &["headquarters: FR (an EU member state, so established in the Union)"],
            &[],
        );
    }

    #[test]
    fn yes_no_facts_and_the_art_6_3_default() {
        let talks = when(&[&[(AiFact::InteractsWithPeople, &["yes"])]]);
        check(&profile("DE", |_| {}), &talks, Truth::Open, &[], &[AiFact::InteractsWithPeople]);
        check(&profile("DE", |s| s.transparency.interacts_with_people = Answer::No), &talks, Truth::No, &[], &[]);
        let exempt = when(&[&[(AiFact::NotHighRiskAssessment, &["yes"])]]);
        // Without a documented assessment an Annex III system is high-risk: no question.
        check(&profile("DE", |_| {}), &exempt, Truth::No, &[], &[]);
        check(
            &profile("DE", |s| s.not_high_risk_assessment = Answer::Yes),
            &exempt,
            Truth::Yes,
            &["ai_systems[0].not_high_risk_assessment: yes"],
            &[],
        );
    }
}
