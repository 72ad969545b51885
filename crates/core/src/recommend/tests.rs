//! Table-driven checks of the verdicts against the article's cases and the edges.

use super::*;
use crate::demo::demo_clients;
use crate::domain::{
    AiRisk, AiRole, AiSystem, Ask, Certification, ClientProfile, Market, Offering, Party, Pressure, ProhibitedPractice,
    Sector, Soc2Type,
};

fn today() -> Date {
    "2026-11-29".parse().unwrap()
}

fn run(profile: &ClientProfile) -> Recommendation {
    let catalog = crate::catalog::shipped().expect("the shipped catalogue is valid");
    recommend(profile, &Context { catalog, today: today() })
}

fn demo(name: &str) -> ClientProfile {
    demo_clients().unwrap().into_iter().map(|(_, p)| p.into_inner()).find(|p| p.name.starts_with(name)).unwrap()
}

fn verdict(rec: &Recommendation, key: ScopeFramework) -> &FrameworkVerdict {
    rec.frameworks.iter().find(|v| v.framework == key).unwrap()
}

fn rules(v: &FrameworkVerdict) -> Vec<RuleId> {
    v.reasons.iter().map(|r| r.rule).collect()
}

/// `(27001, SOC 2, 42001)` needs for one profile.
#[track_caller]
fn check(profile: &ClientProfile, expected: [Need; 3]) -> Recommendation {
    let rec = run(profile);
    let got = [
        verdict(&rec, ScopeFramework::Iso27001).need,
        verdict(&rec, ScopeFramework::Soc2).need,
        verdict(&rec, ScopeFramework::Iso42001).need,
    ];
    assert_eq!(got, expected, "needs for {} (27001, SOC 2, 42001)", profile.name);
    rec
}

use Need::{NotNeeded, Optional, Recommended, Required};

fn base(name: &str) -> ClientProfile {
    let mut p = ClientProfile::minimal(name, Sector::Software, 50, "US");
    p.markets = vec![Market::Us];
    p.offerings = vec![Offering::ServiceProcessingCustomerData];
    p
}

fn ask(party: Party, asks_for: Ask, deals_blocked: bool, deadline: Option<&str>) -> Pressure {
    Pressure { party, asks_for, detail: String::new(), deals_blocked, deadline: deadline.map(|d| d.parse().unwrap()) }
}

fn system(name: &str, roles: &[AiRole], risk: AiRisk) -> AiSystem {
    AiSystem::new(name, roles, risk)
}

#[test]
fn us_saas_without_ai_with_blocked_deals_needs_soc2_urgently() {
    let rec = check(&demo("Harbor Ledger"), [NotNeeded, Required, NotNeeded]);
    let soc2 = verdict(&rec, ScopeFramework::Soc2);
    assert!(soc2.urgent);
    assert!(rules(soc2).starts_with(&[RuleId::R8]), "{:?}", rules(soc2));
    assert!(rules(soc2).contains(&RuleId::R2));
    assert_eq!(soc2.soc2.as_ref().unwrap().path, Soc2Path::Type1ThenType2);
    assert!(soc2.summary.en.contains("urgent"));
    assert!(rec.ai_act.is_empty() && rec.ai_act_note.is_none() && rec.stop_signs.is_empty());
}

/// R13 from the service's facts, never the sector: (facts, categories in scope, facts asked about).
#[test]
fn soc2_categories_follow_the_service_facts() {
    use crate::domain::{Fact, ServiceFacts};
    use Fact::{No, Unknown, Yes};
    use Soc2Category::{Availability, Confidentiality, Privacy, ProcessingIntegrity};
    #[track_caller]
    fn check(sector: Sector, facts: [Fact; 4], expected: &[Soc2Category], asked: &[&str]) {
        let mut p = base("Scope Co");
        p.sector = sector;
        let [privacy, availability, confidential, transactions] = facts;
        p.service = ServiceFacts {
            collects_personal_info: privacy,
            availability_commitments: availability,
            confidential_business_data: confidential,
            processes_transactions: transactions,
        };
        let rec = run(&p);
        let soc2 = verdict(&rec, ScopeFramework::Soc2);
        let plan = soc2.soc2.as_ref().unwrap();
        let got: Vec<_> = plan.categories.iter().map(|c| c.category).collect();
        assert_eq!(got, expected, "{facts:?}");
        for c in &plan.categories {
            assert_eq!(c.reason.rule, RuleId::R13);
            assert!(c.reason.triggers[0].starts_with("service.") && c.reason.triggers[0].ends_with(": yes"));
        }
        let questions: Vec<&str> = soc2
            .reasons
            .iter()
            .filter(|r| r.rule == RuleId::R13 && r.triggers.iter().any(|t| t.ends_with(": unknown")))
            .map(|r| r.triggers[0].trim_start_matches("service.").trim_end_matches(": unknown"))
            .collect();
        assert_eq!(questions, asked, "{facts:?}");
    }
    // Nothing known: security only, and four questions instead of guesses.
    let all =
        ["availability_commitments", "confidential_business_data", "processes_transactions", "collects_personal_info"];
    check(Sector::FinancialServices, [Unknown; 4], &[], &all);
    check(Sector::Healthcare, [No; 4], &[], &[]);
    check(Sector::Software, [Yes, No, No, No], &[Privacy], &[]);
    check(Sector::Software, [No, Yes, No, No], &[Availability], &[]);
    check(Sector::Other, [No, No, Yes, No], &[Confidentiality], &[]);
    check(Sector::Retail, [No, No, No, Yes], &[ProcessingIntegrity], &[]);
    check(Sector::Education, [Yes, Unknown, Yes, No], &[Confidentiality, Privacy], &["availability_commitments"]);
    check(Sector::Software, [Yes; 4], &[Availability, Confidentiality, ProcessingIntegrity, Privacy], &[]);
}

#[test]
fn eu_provider_of_high_risk_ai_gets_42001_and_dated_obligations() {
    let rec = check(&demo("Talentlens"), [Optional, Optional, Required]);
    let v = verdict(&rec, ScopeFramework::Iso42001);
    assert!(rules(v).contains(&RuleId::R8) && rules(v).contains(&RuleId::R1));
    let r1 = v.reasons.iter().find(|r| r.rule == RuleId::R1).unwrap();
    assert!(r1.text.en.contains("high-risk"), "{}", r1.text.en);

    let matcher = &rec.ai_act[0];
    assert_eq!(matcher.need, Required);
    let ids: Vec<&str> = matcher.obligations.iter().map(|o| o.requirement_id.as_str()).collect();
    for id in ["Art.4", "Art.9", "Art.10", "Art.11", "Art.14", "Art.16", "Art.43", "Art.72"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    assert!(!ids.contains(&"Art.26(1)"), "deployer duties do not apply to a pure provider");
    let art4 = matcher.obligations.iter().find(|o| o.requirement_id == "Art.4").unwrap();
    assert!(art4.in_force);
    let art9 = matcher.obligations.iter().find(|o| o.requirement_id == "Art.9").unwrap();
    assert_eq!(art9.applies_from.to_string(), "2027-12-02");
    assert!(!art9.in_force);
    assert!(matcher.summary.en.contains("from 2 December 2027"), "{}", matcher.summary.en);
    assert!(art9.because.iter().any(|b| b.contains("significant_change: yes")), "{:?}", art9.because);
    assert!(matcher.obligations.windows(2).all(|w| w[0].applies_from <= w[1].applies_from));

    // The generative system carries the marking duty of Art. 50(2); placed on the market before
    // 2 August 2026, it has the amendment's grace period to 2 December 2026.
    let notes = &rec.ai_act[1];
    let art50: Vec<_> = notes.obligations.iter().filter(|o| o.requirement_id.starts_with("Art.50")).collect();
    assert_eq!(art50.len(), 1, "{art50:?}");
    assert_eq!(art50[0].requirement_id, "Art.50(2)");
    assert_eq!(art50[0].applies_from.to_string(), "2026-12-02");
    assert!(!art50[0].in_force);
    assert!(art50[0].because.iter().any(|b| b.contains("grace period")), "{:?}", art50[0].because);
}

#[test]
fn annex_i_products_follow_the_later_date() {
    let rec = run(&demo("Medivisor"));
    let triage = &rec.ai_act[0];
    let art9 = triage.obligations.iter().find(|o| o.requirement_id == "Art.9").unwrap();
    assert_eq!(art9.applies_from.to_string(), "2028-08-02");
}

#[test]
fn saas_with_ai_selling_to_us_and_eu_needs_both() {
    let rec = check(&demo("Brightdesk"), [Optional, Required, Recommended]);
    assert!(rules(verdict(&rec, ScopeFramework::Soc2)).contains(&RuleId::R3));
    let v42 = verdict(&rec, ScopeFramework::Iso42001);
    assert!(rules(v42).contains(&RuleId::R15) && rules(v42).contains(&RuleId::R1));
    assert!(verdict(&rec, ScopeFramework::Soc2).urgent);
}

#[test]
fn an_iso27001_holder_keeps_it_and_reuses_it() {
    let rec = check(&demo("Nordlicht"), [Required, Optional, Required]);
    let v27 = verdict(&rec, ScopeFramework::Iso27001);
    let held = v27.held.as_ref().unwrap();
    assert!(held.current);
    assert_eq!(held.until.unwrap().to_string(), "2027-03-14");
    assert!(v27.summary.en.contains("keep it current"));
    assert!(rules(verdict(&rec, ScopeFramework::Iso42001)).contains(&RuleId::R4), "build the AIMS on the ISMS");
}

#[test]
fn a_small_deployer_of_third_party_ai_gets_proportionate_advice() {
    let rec = check(&demo("Kestrel"), [NotNeeded, NotNeeded, Optional]);
    assert!(rules(verdict(&rec, ScopeFramework::Iso42001)).contains(&RuleId::R16));
    for system in &rec.ai_act {
        let ids: Vec<&str> = system.obligations.iter().map(|o| o.requirement_id.as_str()).collect();
        assert_eq!(ids, ["Art.4"], "a minimal-risk deployer owes AI literacy only: {}", system.system);
        assert_eq!(system.need, Required);
    }
}

#[test]
fn a_soc2_type2_holder_renews() {
    let rec = check(&demo("Cloudmere"), [Optional, Required, Required]);
    let soc2 = verdict(&rec, ScopeFramework::Soc2);
    assert_eq!(soc2.soc2.as_ref().unwrap().path, Soc2Path::RenewType2);
    let held = soc2.held.as_ref().unwrap();
    assert!(held.current);
    assert_eq!(held.until.unwrap().to_string(), "2027-06-30");
}

#[test]
fn a_prohibited_practice_is_a_stop_sign_said_first() {
    let rec = run(&demo("Sentinel"));
    assert_eq!(rec.stop_signs.len(), 1);
    assert!(rec.stop_signs[0].en.starts_with("Stop: MoodPulse"), "{}", rec.stop_signs[0].en);
    assert!(rec.stop_signs[0].en.contains("Art.5(1)(f)"));
    assert!(rec.stop_signs[0].de.starts_with("Stopp: MoodPulse"));
    let system = &rec.ai_act[0];
    assert!(system.stop);
    assert_eq!(system.reasons[0].rule, RuleId::R11);
}

#[test]
fn no_ai_at_all_means_no_42001_and_no_ai_act() {
    let rec = check(&base("Plain SaaS"), [NotNeeded, Recommended, NotNeeded]);
    let v = verdict(&rec, ScopeFramework::Iso42001);
    assert_eq!(v.reasons[0].rule, RuleId::R1);
    assert!(v.reasons[0].text.en.contains("neither builds nor uses AI"));
    assert!(rec.ai_act.is_empty() && rec.ai_act_note.is_none());
}

#[test]
fn ai_without_eu_exposure_is_outside_the_ai_act() {
    let mut p = base("US AI shop");
    p.offerings.push(Offering::BuildsAi);
    p.ai_systems.push(system(
        "Scorer",
        &[AiRole::Provider],
        AiRisk::HighRiskAnnexIii {
            area: crate::domain::AnnexIiiArea::Employment,
            point: crate::domain::AnnexIiiPoint::P4a,
        },
    ));
    let rec = check(&p, [NotNeeded, Recommended, Recommended]);
    assert_eq!(rec.ai_act[0].need, NotNeeded);
    assert_eq!(rec.ai_act[0].reasons[0].rule, RuleId::R12);
    assert!(rec.ai_act[0].obligations.is_empty());
    assert!(rec.ai_act_note.as_ref().unwrap().en.contains("does not reach it"));
}

#[test]
fn eu_headquarters_alone_brings_the_ai_act() {
    let mut p = base("Berlin builder");
    p.headquarters = "DE".into();
    p.offerings.push(Offering::BuildsAi);
    p.ai_systems.push(system("Bot", &[AiRole::Provider], AiRisk::Transparency));
    let rec = run(&p);
    assert_eq!(rec.ai_act[0].need, Required);
}

#[test]
fn ai_in_use_without_an_inventory_asks_for_one() {
    let mut p = base("Vague AI");
    p.markets = vec![Market::Eu];
    p.offerings = vec![Offering::InternalAiOnly];
    let rec = check(&p, [NotNeeded, NotNeeded, Optional]);
    assert!(rec.ai_act_note.as_ref().unwrap().en.contains("no AI system is recorded"));
}

#[test]
fn a_past_deadline_is_urgent_and_said_so() {
    let mut p = base("Late Co");
    p.pressures.push(ask(Party::UsCustomers, Ask::Soc2, false, Some("2026-06-30")));
    let rec = check(&p, [NotNeeded, Required, NotNeeded]);
    let soc2 = verdict(&rec, ScopeFramework::Soc2);
    assert!(soc2.urgent);
    assert!(soc2.reasons[0].text.en.contains("30 June 2026 was missed"), "{}", soc2.reasons[0].text.en);
    assert!(soc2.reasons[0].text.de.contains("30. Juni 2026 ist verpasst"), "{}", soc2.reasons[0].text.de);
}

#[test]
fn a_distant_deadline_without_blocked_deals_is_not_urgent() {
    let mut p = base("Calm Co");
    p.pressures.push(ask(Party::UsCustomers, Ask::Soc2, false, Some("2028-01-31")));
    let rec = run(&p);
    assert!(!verdict(&rec, ScopeFramework::Soc2).urgent);
}

#[test]
fn nothing_asked_by_anyone_still_gets_reasons() {
    let mut p = base("Quiet Co");
    p.markets = vec![Market::Eu];
    p.headquarters = "FR".into();
    let rec = check(&p, [Optional, Optional, NotNeeded]);
    // The GDPR applies to a French employer now, whoever asks (R17).
    let gdpr = verdict(&rec, ScopeFramework::Gdpr);
    assert!(gdpr.need == Required && gdpr.urgent, "{gdpr:?}");
    for v in &rec.frameworks {
        assert!(!v.urgent || v.framework == ScopeFramework::Gdpr, "{:?} is urgent", v.framework);
        assert!(!v.reasons.is_empty(), "{:?} has no reason", v.framework);
        assert!(v.reasons.iter().all(|r| !r.text.en.is_empty() && !r.text.de.is_empty()));
    }
}

#[test]
fn european_data_assurance_asks_point_to_27001() {
    let mut p = base("Euro Co");
    p.headquarters = "NL".into();
    p.markets = vec![Market::Eu];
    p.pressures.push(ask(Party::EuCustomers, Ask::DataProtectionAssurance, false, None));
    let rec = check(&p, [Recommended, Optional, NotNeeded]);
    assert!(rules(verdict(&rec, ScopeFramework::Iso27001)).contains(&RuleId::R9));
}

#[test]
fn us_data_assurance_asks_make_soc2_recommended_and_urgent_not_required() {
    // "Required" means asked for by name, required by law, or held: a question about data
    // protection that names no framework recommends SOC 2 (docs/rules.md).
    let mut p = base("Asked Co");
    p.pressures.push(ask(Party::UsCustomers, Ask::DataProtectionAssurance, true, None));
    let rec = check(&p, [NotNeeded, Recommended, NotNeeded]);
    let soc2 = verdict(&rec, ScopeFramework::Soc2);
    assert!(soc2.urgent, "blocked deals make it urgent");
    let r2 = soc2.reasons.iter().find(|r| r.rule == RuleId::R2).unwrap();
    assert_eq!(r2.need, Some(Recommended));
    assert!(r2.triggers.iter().any(|t| t.contains("deals blocked")));
    assert!(r2.text.en.contains("without naming a framework"), "{}", r2.text.en);
}

#[test]
fn an_expired_certificate_is_not_current() {
    let mut p = base("Lapsed Co");
    p.certifications.push(Certification::Iso27001 {
        certified_on: "2022-01-10".parse().unwrap(),
        expires_on: Some("2025-01-09".parse().unwrap()),
    });
    let rec = run(&p);
    let v = verdict(&rec, ScopeFramework::Iso27001);
    assert!(!v.held.as_ref().unwrap().current);
    assert_eq!(v.need, Recommended);
    assert!(v.reasons[0].text.en.contains("lapsed"));
}

#[test]
fn an_old_soc2_report_is_stale_and_a_type1_moves_on_to_type2() {
    let mut p = base("Stale Co");
    p.certifications
        .push(Certification::Soc2 { report_type: Soc2Type::Type1, period_end: "2025-03-31".parse().unwrap() });
    let rec = run(&p);
    let soc2 = verdict(&rec, ScopeFramework::Soc2);
    assert!(!soc2.held.as_ref().unwrap().current);
    assert_eq!(soc2.soc2.as_ref().unwrap().path, Soc2Path::Type2);
}

#[test]
fn general_purpose_models_bring_their_own_obligations() {
    let mut p = base("Model Lab");
    p.markets = vec![Market::Eu, Market::Us];
    p.offerings.push(Offering::BuildsAi);
    let mut model = system("Foundation", &[AiRole::Provider], AiRisk::Minimal);
    model.general_purpose = true;
    model.systemic_risk = true;
    p.ai_systems.push(model);
    let rec = run(&p);
    let ids: Vec<&str> = rec.ai_act[0].obligations.iter().map(|o| o.requirement_id.as_str()).collect();
    assert!(ids.contains(&"Art.53") && ids.contains(&"Art.55"), "{ids:?}");
}

#[test]
fn every_sentence_exists_in_both_languages_for_every_demo_client() {
    for (_, profile) in demo_clients().unwrap() {
        let rec = run(profile.get());
        let mut texts: Vec<&Text> = rec.stop_signs.iter().collect();
        for v in &rec.frameworks {
            texts.push(&v.summary);
            texts.extend(v.reasons.iter().map(|r| &r.text));
            if let Some(h) = &v.held {
                texts.push(&h.text);
            }
        }
        for s in &rec.ai_act {
            texts.push(&s.summary);
            texts.extend(s.reasons.iter().map(|r| &r.text));
        }
        for t in texts {
            assert!(!t.en.trim().is_empty() && !t.de.trim().is_empty(), "{}: {t:?}", profile.get().name);
            assert_ne!(t.en, t.de, "{}: untranslated {t:?}", profile.get().name);
        }
    }
}

#[test]
fn the_same_input_and_date_give_the_same_output() {
    let p = demo("Brightdesk");
    assert_eq!(run(&p), run(&p));
}

#[test]
fn prohibited_practice_ids_match_the_catalogue() {
    let catalog = crate::catalog::shipped().unwrap();
    let act = catalog.framework(crate::catalog::EU_AI_ACT).unwrap();
    for practice in [
        ProhibitedPractice::ManipulativeTechniques,
        ProhibitedPractice::ExploitingVulnerabilities,
        ProhibitedPractice::SocialScoring,
        ProhibitedPractice::CrimePredictionByProfiling,
        ProhibitedPractice::UntargetedFacialScraping,
        ProhibitedPractice::EmotionRecognitionWorkEducation,
        ProhibitedPractice::SensitiveBiometricCategorisation,
        ProhibitedPractice::RealTimeRemoteBiometricIdentification,
    ] {
        assert!(act.requirement(practice.requirement_id()).is_some(), "{}", practice.requirement_id());
    }
}
