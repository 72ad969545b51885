//! Table-driven checks of the EU AI Act obligations: the facts of one AI system in, each
//! obligation out as applying (with the facts that made it apply), absent, or asked about.

use super::*;
use crate::domain::{
    AiRisk, AiRole, AiSystem, AnnexIiiArea, AnnexIiiPoint, Answer, ClientProfile, DeployerType, Establishment, Market,
    MarketEntry, Offering, ProhibitedPractice, Sector,
};

fn today() -> Date {
    "2026-12-03".parse().unwrap()
}

fn run_on(profile: &ClientProfile, today: Date) -> Recommendation {
    let catalog = crate::catalog::shipped().expect("the shipped catalogue is valid");
    recommend(profile, &Context { catalog, today })
}

/// A client in `hq`, selling into the EU, with one system.
fn client(hq: &str, system: AiSystem) -> ClientProfile {
    let mut p = ClientProfile::minimal("Client", Sector::Software, 80, hq);
    p.markets = vec![Market::Eu];
    p.offerings = vec![Offering::BuildsAi, Offering::DeploysThirdPartyAi];
    p.ai_systems.push(system);
    p
}

/// A system with every fact answered "no" or "not yet" unless the case sets it.
fn system(roles: &[AiRole], risk: AiRisk, edit: impl FnOnce(&mut AiSystem)) -> AiSystem {
    let mut s = AiSystem::new("System", roles, risk);
    s.deployer_type = DeployerType::Private;
    s.law_enforcement_use = Answer::No;
    s.market_entry = MarketEntry::NotYet;
    s.significant_change = Answer::No;
    s.public_authority_use = Answer::No;
    s.not_high_risk_assessment = Answer::No;
    let t = &mut s.transparency;
    for fact in [
        &mut t.interacts_with_people,
        &mut t.generates_content,
        &mut t.emotion_recognition,
        &mut t.biometric_categorisation,
        &mut t.deep_fake,
        &mut t.public_interest_text,
    ] {
        *fact = Answer::No;
    }
    edit(&mut s);
    s
}

fn annex_iii(area: AnnexIiiArea, point: AnnexIiiPoint) -> AiRisk {
    AiRisk::HighRiskAnnexIii { area, point }
}

/// What a case expects of one obligation.
enum Expect {
    /// Applies, and its reasons name this answer (`field: value`, a part of it).
    Applies(&'static str),
    /// Applies from this date.
    From(&'static str),
    /// Does not apply and is not asked about.
    Absent,
    /// Not decided: the question about this field lists it.
    Asked(&'static str),
}
use Expect::{Absent, Applies, Asked, From};

#[track_caller]
fn check(case: &str, profile: &ClientProfile, expected: &[(&str, Expect)]) {
    let rec = run_on(profile, today());
    let system = &rec.ai_act[0];
    for (id, expect) in expected {
        let obligation = system.obligations.iter().find(|o| o.requirement_id == *id);
        let asked: Vec<&str> = system
            .questions
            .iter()
            .filter(|q| q.requirement_ids.iter().any(|r| r == id))
            .map(|q| q.field.as_str())
            .collect();
        match expect {
            Applies(trigger) => {
                let o = obligation.unwrap_or_else(|| panic!("{case}: {id} should apply; asked {asked:?}"));
                assert!(
                    o.because.iter().any(|b| b.contains(trigger)),
                    "{case}: {id} applies because {:?}, expected `{trigger}` among them",
                    o.because
                );
                assert!(o.because.iter().any(|b| b.contains(".roles: ")), "{case}: {id} names the role");
            }
            From(date) => {
                let o = obligation.unwrap_or_else(|| panic!("{case}: {id} should apply"));
                assert_eq!(o.applies_from.to_string(), *date, "{case}: {id}");
            }
            Absent => {
                assert!(obligation.is_none(), "{case}: {id} should not apply");
                assert!(asked.is_empty(), "{case}: {id} should not be asked about, asked {asked:?}");
            }
            Asked(field) => {
                assert!(obligation.is_none(), "{case}: {id} should be a question, not an obligation");
                assert!(
                    asked.iter().any(|f| f.ends_with(field)),
                    "{case}: {id} should be asked about `{field}`, asked {asked:?}"
                );
            }
        }
    }
}

const D: &[AiRole] = &[AiRole::Deployer];
const P: &[AiRole] = &[AiRole::Provider];

#[test]
fn fundamental_rights_impact_assessment_and_public_authority_duties() {
    let cv = annex_iii(AnnexIiiArea::Employment, AnnexIiiPoint::P4a);
    check(
        "private German employer using a CV screener",
        &client("DE", system(D, cv.clone(), |_| {})),
        &[
            ("Art.26(1)", Applies("risk.tier: high_risk_annex_iii")),
            ("Art.27", Absent),
            ("Art.26(8)", Absent),
            ("Art.49(3)", Absent),
        ],
    );
    check(
        "deployer type not recorded",
        &client("DE", system(D, cv.clone(), |s| s.deployer_type = DeployerType::Unknown)),
        &[
            ("Art.27", Asked("deployer_type")),
            ("Art.26(8)", Asked("deployer_type")),
            ("Art.49(3)", Asked("deployer_type")),
        ],
    );
    check(
        "public body deploying a CV screener",
        &client("DE", system(D, cv.clone(), |s| s.deployer_type = DeployerType::PublicBody)),
        &[
            ("Art.26(8)", Applies("deployer_type: public_body")),
            ("Art.27", Applies("deployer_type: public_body")),
            ("Art.49(3)", Applies("deployer_type: public_body")),
        ],
    );
    check(
        "private school (a private entity providing a public service) using admission scoring",
        &client(
            "DE",
            system(D, annex_iii(AnnexIiiArea::Education, AnnexIiiPoint::P3a), |s| {
                s.deployer_type = DeployerType::PrivatePublicService
            }),
        ),
        &[("Art.27", Applies("deployer_type: private_public_service")), ("Art.26(8)", Absent), ("Art.49(3)", Absent)],
    );
    check(
        "bank deploying credit scoring",
        &client("IT", system(D, annex_iii(AnnexIiiArea::EssentialServices, AnnexIiiPoint::P5b), |_| {})),
        &[("Art.27", Applies("risk.point: 5(b)")), ("Art.26(8)", Absent)],
    );
    check(
        "insurer pricing life and health insurance",
        &client("IT", system(D, annex_iii(AnnexIiiArea::EssentialServices, AnnexIiiPoint::P5c), |_| {})),
        &[("Art.27", Applies("risk.point: 5(c)"))],
    );
    check(
        "emergency triage by a private operator",
        &client("IT", system(D, annex_iii(AnnexIiiArea::EssentialServices, AnnexIiiPoint::P5d), |_| {})),
        &[("Art.27", Absent)],
    );
    check(
        "essential-services system without its sub-point",
        &client("IT", system(D, annex_iii(AnnexIiiArea::EssentialServices, AnnexIiiPoint::Unknown), |_| {})),
        &[("Art.27", Asked("risk.point"))],
    );
    check(
        "public utility deploying a critical-infrastructure system (Annex III point 2)",
        &client(
            "DE",
            system(D, annex_iii(AnnexIiiArea::CriticalInfrastructure, AnnexIiiPoint::Unknown), |s| {
                s.deployer_type = DeployerType::PublicBody
            }),
        ),
        &[("Art.27", Absent), ("Art.26(8)", Absent), ("Art.49(3)", Absent), ("Art.26(1)", Applies("risk.tier"))],
    );
}

#[test]
fn post_remote_biometric_identification_only_in_law_enforcement() {
    let rbi = annex_iii(AnnexIiiArea::Biometrics, AnnexIiiPoint::P1a);
    check(
        "police force using post remote biometric identification",
        &client(
            "DE",
            system(D, rbi.clone(), |s| {
                s.law_enforcement_use = Answer::Yes;
                s.deployer_type = DeployerType::PublicBody;
            }),
        ),
        &[("Art.26(10)", Applies("law_enforcement_use: yes"))],
    );
    check(
        "stadium operator identifying people afterwards",
        &client("DE", system(D, rbi.clone(), |_| {})),
        &[("Art.26(10)", Absent)],
    );
    check(
        "law enforcement use not recorded",
        &client("DE", system(D, rbi, |s| s.law_enforcement_use = Answer::Unknown)),
        &[("Art.26(10)", Asked("law_enforcement_use"))],
    );
    check(
        "emotion recognition system (point 1(c)) is no identification",
        &client(
            "DE",
            system(D, annex_iii(AnnexIiiArea::Biometrics, AnnexIiiPoint::P1c), |s| s.law_enforcement_use = Answer::Yes),
        ),
        &[("Art.26(10)", Absent)],
    );
}

#[test]
fn authorised_representative_only_for_providers_outside_the_eu() {
    let cv = annex_iii(AnnexIiiArea::Employment, AnnexIiiPoint::P4a);
    check(
        "provider established in France",
        &client("FR", system(P, cv.clone(), |_| {})),
        &[("Art.22(1)", Absent), ("Art.22(2)", Absent), ("Art.9", Applies("risk.tier"))],
    );
    check(
        "US provider without an EU establishment",
        &client("US", system(P, cv.clone(), |s| s.provider_establishment = Establishment::OutsideEu)),
        &[("Art.22(1)", Applies("provider_establishment: outside_eu")), ("Art.22(2)", Applies("outside_eu"))],
    );
    check(
        "US provider placing through its EU subsidiary",
        &client("US", system(P, cv.clone(), |s| s.provider_establishment = Establishment::Eu)),
        &[("Art.22(1)", Absent)],
    );
    check(
        "US provider, establishment not recorded",
        &client("US", system(P, cv, |_| {})),
        &[("Art.22(1)", Asked("provider_establishment"))],
    );
    let model = |s: &mut AiSystem| s.general_purpose = true;
    check(
        "general-purpose model provider outside the EU",
        &client(
            "US",
            system(P, AiRisk::Minimal, |s| {
                model(s);
                s.provider_establishment = Establishment::OutsideEu;
            }),
        ),
        &[("Art.53", Applies("general")), ("Art.54(1)", Applies("outside_eu"))],
    );
    check(
        "general-purpose model provider in Germany",
        &client("DE", system(P, AiRisk::Minimal, model)),
        &[("Art.54(1)", Absent), ("Art.54(2)", Absent)],
    );
}

#[test]
fn transparency_duties_follow_what_the_system_does_on_any_tier() {
    let cv = annex_iii(AnnexIiiArea::Employment, AnnexIiiPoint::P4a);
    check(
        "high-risk interview chatbot",
        &client("DE", system(P, cv, |s| s.transparency.interacts_with_people = Answer::Yes)),
        &[("Art.50(1)", Applies("interacts_with_people: yes")), ("Art.50(2)", Absent), ("Art.9", Applies("risk"))],
    );
    check(
        "minimal-risk image generator",
        &client("DE", system(P, AiRisk::Minimal, |s| s.transparency.generates_content = Answer::Yes)),
        &[("Art.50(2)", Applies("generates_content: yes")), ("Art.50(1)", Absent)],
    );
    check(
        "deployer of emotion recognition",
        &client("DE", system(D, AiRisk::Transparency, |s| s.transparency.emotion_recognition = Answer::Yes)),
        &[("Art.50(3)", Applies("emotion_recognition: yes")), ("Art.50(4)", Absent)],
    );
    check(
        "deployer of biometric categorisation",
        &client("DE", system(D, AiRisk::Transparency, |s| s.transparency.biometric_categorisation = Answer::Yes)),
        &[("Art.50(3)", Applies("biometric_categorisation: yes"))],
    );
    check(
        "deployer making deep fakes",
        &client("DE", system(D, AiRisk::Minimal, |s| s.transparency.deep_fake = Answer::Yes)),
        &[("Art.50(4)", Applies("deep_fake: yes")), ("Art.50(3)", Absent)],
    );
    check(
        "publisher of AI-written news",
        &client("DE", system(D, AiRisk::Minimal, |s| s.transparency.public_interest_text = Answer::Yes)),
        &[("Art.50(4)", Applies("public_interest_text: yes"))],
    );
    check(
        "nothing to disclose",
        &client("DE", system(P, AiRisk::Transparency, |_| {})),
        &[("Art.50(1)", Absent), ("Art.50(2)", Absent)],
    );
    check(
        "facts not recorded",
        &client("DE", AiSystem::new("System", &[AiRole::Provider, AiRole::Deployer], AiRisk::Transparency)),
        &[
            ("Art.50(1)", Asked("interacts_with_people")),
            ("Art.50(2)", Asked("generates_content")),
            ("Art.50(3)", Asked("emotion_recognition")),
            ("Art.50(4)", Asked("deep_fake")),
        ],
    );
    check(
        "generative system on the market before 2 August 2026: the amendment's grace period",
        &client(
            "DE",
            system(P, AiRisk::Minimal, |s| {
                s.transparency.generates_content = Answer::Yes;
                s.market_entry = MarketEntry::Placed { on: "2025-05-01".parse().unwrap() };
            }),
        ),
        &[("Art.50(2)", From("2026-12-02"))],
    );
}

#[test]
fn transitions_for_systems_already_on_the_market() {
    let cv = annex_iii(AnnexIiiArea::Employment, AnnexIiiPoint::P4a);
    let placed = |s: &mut AiSystem| s.market_entry = MarketEntry::Placed { on: "2025-03-01".parse().unwrap() };
    check(
        "placed in 2025, unchanged",
        &client("DE", system(P, cv.clone(), placed)),
        &[("Art.9", Absent), ("Art.4", Applies("roles"))],
    );
    check(
        "placed in 2025, changed significantly since",
        &client(
            "DE",
            system(P, cv.clone(), |s| {
                placed(s);
                s.significant_change = Answer::Yes;
            }),
        ),
        &[("Art.9", Applies("significant_change: yes")), ("Art.9", From("2027-12-02"))],
    );
    check(
        "placed in 2025, unchanged, used by a public authority",
        &client(
            "DE",
            system(D, cv.clone(), |s| {
                placed(s);
                s.deployer_type = DeployerType::PublicBody;
            }),
        ),
        &[("Art.26(1)", From("2030-08-02")), ("Art.27", Applies("public_body"))],
    );
    check(
        "placed in 2025, unchanged, a private deployer whose type is not recorded",
        &client(
            "DE",
            system(D, cv.clone(), |s| {
                placed(s);
                s.deployer_type = DeployerType::Unknown;
            }),
        ),
        &[("Art.26(1)", Asked("deployer_type"))],
    );
    check(
        "placed in 2025, unchanged, provider of a system meant for public authorities",
        &client(
            "DE",
            system(P, cv.clone(), |s| {
                placed(s);
                s.public_authority_use = Answer::Yes;
            }),
        ),
        &[("Art.9", From("2030-08-02")), ("Art.9", Applies("public_authority_use: yes"))],
    );
    check(
        "placed in 2025, unchanged, provider who does not know who will use it",
        &client(
            "DE",
            system(P, cv.clone(), |s| {
                placed(s);
                s.public_authority_use = Answer::Unknown;
            }),
        ),
        &[("Art.9", Asked("public_authority_use"))],
    );
    check(
        "placed in 2025, change not recorded",
        &client(
            "DE",
            system(P, cv.clone(), |s| {
                placed(s);
                s.significant_change = Answer::Unknown;
            }),
        ),
        &[("Art.9", Asked("significant_change"))],
    );
    check(
        "market entry not recorded",
        &client("DE", system(P, cv.clone(), |s| s.market_entry = MarketEntry::Unknown)),
        &[("Art.9", Asked("market_entry")), ("Art.4", Applies("roles"))],
    );
    check(
        "placed after the cut-off",
        &client("DE", system(P, cv, |s| s.market_entry = MarketEntry::Placed { on: "2026-09-01".parse().unwrap() })),
        &[("Art.9", Applies("placed on 2026-09-01"))],
    );
    check(
        "general-purpose model placed before 2 August 2025",
        &client(
            "DE",
            system(P, AiRisk::Minimal, |s| {
                s.general_purpose = true;
                placed(s);
                s.market_entry = MarketEntry::Placed { on: "2025-03-01".parse().unwrap() };
            }),
        ),
        &[("Art.53", From("2027-08-02")), ("Art.53", Applies("Art. 111(3)"))],
    );
    check(
        "general-purpose model placed later",
        &client("DE", system(P, AiRisk::Minimal, |s| s.general_purpose = true)),
        &[("Art.53", From("2025-08-02"))],
    );
}

#[test]
fn annex_iii_system_assessed_as_not_high_risk() {
    let cv = annex_iii(AnnexIiiArea::Employment, AnnexIiiPoint::P4a);
    check(
        "documented Art. 6(3) assessment",
        &client("DE", system(P, cv.clone(), |s| s.not_high_risk_assessment = Answer::Yes)),
        &[
            ("Art.6(4)", Applies("not_high_risk_assessment: yes")),
            ("Art.49(2)", Applies("not_high_risk_assessment: yes")),
            ("Art.9", Absent),
            ("Art.49(1)", Absent),
        ],
    );
    check(
        "no documented assessment: high-risk",
        &client("DE", system(P, cv, |_| {})),
        &[("Art.6(4)", Absent), ("Art.49(1)", Applies("risk.area: employment"))],
    );
    check(
        "critical infrastructure is registered nationally, not in the EU database",
        &client("DE", system(P, annex_iii(AnnexIiiArea::CriticalInfrastructure, AnnexIiiPoint::P2), |_| {})),
        &[("Art.49(1)", Absent), ("Art.9", Applies("risk"))],
    );
}

#[test]
fn bans_added_in_2026_apply_from_their_own_date() {
    let profile = client(
        "DE",
        system(P, AiRisk::Prohibited { practice: ProhibitedPractice::NonConsensualIntimateImagery }, |_| {}),
    );
    let before = run_on(&profile, "2026-11-30".parse().unwrap());
    assert!(before.stop_signs[0].en.contains("Art.5(NCII)"), "{}", before.stop_signs[0].en);
    assert!(before.stop_signs[0].en.contains("banned from 2 December 2026"), "{}", before.stop_signs[0].en);
    assert!(before.stop_signs[0].de.contains("verboten ab dem 2. Dezember 2026"), "{}", before.stop_signs[0].de);
    let after = run_on(&profile, today());
    assert!(after.stop_signs[0].en.contains("banned since 2 December 2026"), "{}", after.stop_signs[0].en);
    let ncii = after.ai_act[0].obligations.iter().find(|o| o.requirement_id == "Art.5(NCII)").unwrap();
    assert_eq!(ncii.applies_from.to_string(), "2026-12-02");
    let old = client("DE", system(P, AiRisk::Prohibited { practice: ProhibitedPractice::SocialScoring }, |_| {}));
    assert!(run_on(&old, today()).stop_signs[0].en.contains("banned since 2 February 2025"));
}

#[test]
fn a_deployer_of_a_chatbot_is_told_the_disclosure_is_its_suppliers_duty() {
    let profile = client("DE", system(D, AiRisk::Transparency, |s| s.transparency.interacts_with_people = Answer::Yes));
    let rec = run_on(&profile, today());
    let verdict = &rec.ai_act[0];
    assert!(!verdict.obligations.iter().any(|o| o.requirement_id == "Art.50(1)"), "Art. 50(1) binds the provider");
    let note = verdict.reasons.iter().find(|r| r.text.en.contains("Art. 50(1)")).expect("a note on the supplier");
    assert_eq!(note.need, None);
    assert_eq!(note.triggers, ["ai_systems[0].transparency.interacts_with_people: yes"]);
    assert!(note.text.de.contains("als Betreiber prüft der Mandant"), "{}", note.text.de);
    let provider =
        client("DE", system(P, AiRisk::Transparency, |s| s.transparency.interacts_with_people = Answer::Yes));
    assert!(!run_on(&provider, today()).ai_act[0].reasons.iter().any(|r| r.text.en.contains("supplier")));
}

#[test]
fn german_sentences_use_german_role_names() {
    let profile = client(
        "DE",
        system(&[AiRole::Provider, AiRole::Deployer], annex_iii(AnnexIiiArea::Employment, AnnexIiiPoint::P4a), |_| {}),
    );
    let rec = run_on(&profile, today());
    let de = &rec.ai_act[0].summary.de;
    assert!(de.contains("Als Anbieter und Betreiber dieses Systems"), "{de}");
    for english in ["provider", "deployer", "high-risk"] {
        assert!(!de.contains(english), "{de}");
    }
    let question = client("US", AiSystem::new("Bot", D, AiRisk::Transparency));
    for q in &run_on(&question, today()).ai_act[0].questions {
        assert!(q.text.de.starts_with("Zu klären: "), "{}", q.text.de);
        assert!(q.text.en.starts_with("Ask: "), "{}", q.text.en);
    }
}

/// The store's per-client obligations (the analysis scope) are exactly the recommendation's
/// obligations plus those still asked about, for every demo client with EU exposure.
#[test]
fn the_stored_scope_follows_the_same_rule() {
    let mut store = crate::store::Store::open_in_memory().unwrap();
    crate::demo::load_demo(&mut store).unwrap();
    let mut checked = 0;
    for (id, profile) in crate::demo::demo_clients().unwrap() {
        let profile = profile.into_inner();
        let rec = run_on(&profile, today());
        if rec.ai_act.iter().all(|s| s.need == Need::NotNeeded && s.obligations.is_empty() && s.questions.is_empty()) {
            continue;
        }
        let mut expected: Vec<String> = rec
            .ai_act
            .iter()
            .flat_map(|s| {
                s.obligations
                    .iter()
                    .map(|o| o.requirement_id.clone())
                    .chain(s.questions.iter().flat_map(|q| q.requirement_ids.clone()))
            })
            .collect();
        expected.sort();
        expected.dedup();
        let mut stored: Vec<String> = store
            .conn()
            .prepare("SELECT requirement_id FROM client_ai_obligations WHERE client_id = ?1")
            .unwrap()
            .query_map([id.to_string()], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        stored.sort();
        assert_eq!(stored, expected, "{}", profile.name);
        checked += 1;
    }
    assert!(checked >= 8, "{checked} clients checked");
}
