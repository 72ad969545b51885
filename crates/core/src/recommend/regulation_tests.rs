//! Verdict tables for the GDPR (R17), NIS2 (R18) and the NIST AI RMF (R19): profile in, need,
//! urgency, obligations and questions out, with the edges.

use super::*;
use crate::domain::{
    AiRisk, AiRole, AiSystem, Ask, ClientProfile, Fact, GdprRole, Market, Nis2Entity, Offering, Party, Pressure, Sector,
};
use Fact::{No, Unknown, Yes};
use Need::{NotNeeded, Optional, Recommended, Required};

fn today() -> Date {
    "2026-11-29".parse().unwrap()
}

fn run(profile: &ClientProfile) -> Recommendation {
    let catalog = crate::catalog::shipped().expect("the shipped catalogue is valid");
    recommend(profile, &Context { catalog, today: today() })
}

fn verdict(rec: &Recommendation, key: ScopeFramework) -> FrameworkVerdict {
    rec.frameworks.iter().find(|v| v.framework == key).unwrap().clone()
}

fn ids(v: &FrameworkVerdict) -> Vec<&str> {
    v.obligations.iter().map(|o| o.requirement_id.as_str()).collect()
}

fn asked(v: &FrameworkVerdict) -> Vec<&str> {
    v.questions.iter().map(|q| q.field.as_str()).collect()
}

fn company(hq: &str, markets: &[Market], employees: u32) -> ClientProfile {
    let mut p = ClientProfile::minimal("Client", Sector::Software, employees, hq);
    p.markets = markets.to_vec();
    p.offerings = vec![Offering::ServiceProcessingCustomerData];
    p
}

/// Every fact of the GDPR answered, so only the case's own facts decide.
fn answered(mut p: ClientProfile, role: GdprRole) -> ClientProfile {
    let r = &mut p.regulatory;
    r.personal_data = Yes;
    r.gdpr_role = role;
    r.special_category_data = No;
    r.transfers_outside_eea = No;
    r.dpo_trigger = No;
    r.high_risk_processing = No;
    r.targets_people_in_eu = No;
    p
}

/// (case, profile, need, urgent, questions asked)
#[test]
fn gdpr_applicability_table() {
    let eu = answered(company("FR", &[Market::Eu], 40), GdprRole::Controller);
    let mut eu_staff_only = company("FR", &[Market::Eu], 40);
    eu_staff_only.regulatory.personal_data = No;
    let mut us_targeting = answered(company("US", &[Market::Us, Market::Eu], 40), GdprRole::Controller);
    us_targeting.regulatory.eu_establishment = No;
    us_targeting.regulatory.targets_people_in_eu = Yes;
    let mut us_branch = answered(company("US", &[Market::Us], 40), GdprRole::Controller);
    us_branch.regulatory.eu_establishment = Yes;
    let mut us_processor = answered(company("US", &[Market::Us, Market::Eu], 40), GdprRole::Processor);
    us_processor.regulatory.eu_establishment = No;
    let mut us_unknown = company("US", &[Market::Us, Market::Eu], 40);
    us_unknown.regulatory.personal_data = Yes;
    let mut us_only = answered(company("US", &[Market::Us], 40), GdprRole::Controller);
    us_only.regulatory.eu_establishment = No;
    let mut us_no_data = company("US", &[Market::Us], 40);
    us_no_data.regulatory.eu_establishment = No;
    us_no_data.regulatory.personal_data = No;
    let uk = answered(company("GB", &[Market::Uk], 40), GdprRole::Controller);
    let mut uk_and_targets_eu = answered(company("GB", &[Market::Uk, Market::Eu], 40), GdprRole::Controller);
    uk_and_targets_eu.regulatory.eu_establishment = No;
    uk_and_targets_eu.regulatory.targets_people_in_eu = Unknown;

    let cases: Vec<(&str, ClientProfile, Need, bool, Vec<&str>)> = vec![
        ("EU establishment processing data: Art. 3(1)", eu, Required, true, vec!["assessment: Art.7 (consent)"]),
        (
            "EU employer, no other personal data: still its staff's",
            eu_staff_only,
            Required,
            true,
            vec![
                "regulatory.gdpr_role",
                "regulatory.special_category_data",
                "regulatory.high_risk_processing",
                "regulatory.dpo_trigger",
                "regulatory.transfers_outside_eea",
            ],
        ),
        (
            "not established, targets people in the EU: Art. 3(2)",
            us_targeting,
            Required,
            true,
            vec!["assessment: Art.7 (consent)"],
        ),
        ("an EU branch of a US company: Art. 3(1)", us_branch, Required, true, vec!["assessment: Art.7 (consent)"]),
        ("processor for EU customers, no targeting: via Art. 28", us_processor, Recommended, false, vec![]),
        (
            "facts unknown: questions, optional",
            us_unknown,
            Optional,
            false,
            vec!["regulatory.eu_establishment", "regulatory.targets_people_in_eu"],
        ),
        ("US only, no targeting", us_only, NotNeeded, false, vec![]),
        ("US, no personal data", us_no_data, NotNeeded, false, vec![]),
        (
            "UK only: UK GDPR, assessed by proxy; an EU office is asked",
            uk,
            Recommended,
            false,
            vec!["regulatory.eu_establishment", "assessment: Art.7 (consent)"],
        ),
        (
            "UK HQ selling into the EU, targeting unknown",
            uk_and_targets_eu,
            Optional,
            false,
            vec!["regulatory.targets_people_in_eu"],
        ),
    ];
    for (case, profile, need, urgent, questions) in cases {
        let v = verdict(&run(&profile), ScopeFramework::Gdpr);
        assert_eq!((v.need, v.urgent), (need, urgent), "{case}: {v:#?}");
        assert_eq!(asked(&v), questions, "{case}");
        assert!(v.reasons.iter().any(|r| r.rule == RuleId::R17), "{case}");
        assert!(v.reasons.iter().all(|r| !r.text.en.is_empty() && !r.text.de.is_empty()), "{case}");
        if need < Recommended {
            assert!(v.obligations.is_empty(), "{case}: no obligations listed below recommended");
        }
    }
}

#[test]
fn gdpr_texts_name_the_article_and_the_caveats() {
    let mut p = answered(company("US", &[Market::Eu], 40), GdprRole::Controller);
    p.regulatory.eu_establishment = No;
    p.regulatory.targets_people_in_eu = Yes;
    let v = verdict(&run(&p), ScopeFramework::Gdpr);
    assert!(v.reasons[0].text.en.contains("Art. 3(2)") && v.reasons[0].text.en.contains("Art. 27"));
    assert!(v.reasons[0].triggers.contains(&"regulatory.targets_people_in_eu: yes".to_owned()));
    assert!(v.summary.en.contains("The law applies now"), "{}", v.summary.en);

    let mut p = answered(company("US", &[Market::Eu], 40), GdprRole::Processor);
    p.regulatory.eu_establishment = No;
    let v = verdict(&run(&p), ScopeFramework::Gdpr);
    assert!(v.reasons[0].text.en.contains("Art. 28") && v.reasons[0].text.en.contains("debated"));

    let v = verdict(&run(&answered(company("GB", &[Market::Uk], 40), GdprRole::Controller)), ScopeFramework::Gdpr);
    assert!(v.reasons[0].text.en.contains("UK GDPR") && v.reasons[0].text.en.contains("stand-in"));

    // A German establishment gets the BDSG note (a note, not a rule).
    let v = verdict(&run(&answered(company("DE", &[Market::Eu], 40), GdprRole::Controller)), ScopeFramework::Gdpr);
    let note = v.reasons.iter().find(|r| r.text.en.contains("BDSG")).expect("the BDSG note");
    assert_eq!(note.need, None);
    let v = verdict(&run(&answered(company("FR", &[Market::Eu], 40), GdprRole::Controller)), ScopeFramework::Gdpr);
    assert!(v.reasons.iter().all(|r| !r.text.en.contains("BDSG")));
}

/// (case, role and facts, requirement ids that apply, ids open with their question)
#[test]
fn gdpr_obligations_follow_role_and_processing() {
    const CONTROLLER: [&str; 26] = [
        "Art.5(1)(a)",
        "Art.5(1)(b)",
        "Art.5(1)(c)",
        "Art.5(1)(d)",
        "Art.5(1)(e)",
        "Art.5(1)(f)",
        "Art.5(2)",
        "Art.6",
        "Art.7",
        "Art.12",
        "Art.13",
        "Art.14",
        "Art.15",
        "Art.16",
        "Art.17",
        "Art.18",
        "Art.19",
        "Art.20",
        "Art.21",
        "Art.22",
        "Art.24",
        "Art.25",
        "Art.30",
        "Art.32",
        "Art.33",
        "Art.34",
    ];
    let base = || company("DE", &[Market::Eu], 80);
    let controller = answered(base(), GdprRole::Controller);
    let processor = answered(base(), GdprRole::Processor);
    let both = answered(base(), GdprRole::Both);
    let mut sensitive = answered(base(), GdprRole::Controller);
    sensitive.regulatory.special_category_data = Yes;
    sensitive.regulatory.high_risk_processing = Yes;
    sensitive.regulatory.dpo_trigger = Yes;
    sensitive.regulatory.transfers_outside_eea = Yes;
    let mut public = answered(base(), GdprRole::Controller);
    public.sector = Sector::PublicSector;
    let mut processor_sensitive = answered(base(), GdprRole::Processor);
    processor_sensitive.regulatory.special_category_data = Yes;
    processor_sensitive.regulatory.high_risk_processing = Yes;
    let mut unknown_facts = answered(base(), GdprRole::Controller);
    unknown_facts.regulatory.special_category_data = Unknown;
    unknown_facts.regulatory.transfers_outside_eea = Unknown;

    let v = verdict(&run(&controller), ScopeFramework::Gdpr);
    assert_eq!(ids(&v), CONTROLLER);
    assert!(v.obligations.iter().all(|o| o.in_force && o.applies_from == gdpr_applies_from()));
    assert!(v.obligations.iter().all(|o| o.because.contains(&"regulatory.gdpr_role: controller".to_owned())));
    let consent = v.questions.iter().find(|q| q.requirement_ids == ["Art.7"]).expect("consent asked");
    assert!(consent.text.en.contains("consent"));

    let v = verdict(&run(&processor), ScopeFramework::Gdpr);
    assert_eq!(ids(&v), ["Art.28", "Art.30", "Art.32", "Art.33"]);
    assert!(v.questions.is_empty(), "{:?}", v.questions);
    // A processor owes the processor's part: it tells its controller of a breach, it does not
    // notify the authority itself.
    let breach = v.obligations.iter().find(|o| o.requirement_id == "Art.33").unwrap();
    assert!(breach.because.iter().any(|b| b.contains("Art. 33(2)") && b.contains("tell the controller")), "{breach:?}");
    let controller_breach = verdict(&run(&controller), ScopeFramework::Gdpr);
    let controller_breach = controller_breach.obligations.iter().find(|o| o.requirement_id == "Art.33").unwrap();
    assert!(controller_breach.because.iter().all(|b| !b.contains("33(2)")));

    let v = verdict(&run(&both), ScopeFramework::Gdpr);
    let mut union: Vec<&str> = CONTROLLER.to_vec();
    union.insert(22, "Art.28");
    assert_eq!(ids(&v), union);

    let v = verdict(&run(&sensitive), ScopeFramework::Gdpr);
    for id in ["Art.9", "Art.35", "Art.37", "Art.38", "Art.39", "Art.44", "Art.49"] {
        assert!(ids(&v).contains(&id), "{id} in {:?}", ids(&v));
    }
    let art9 = v.obligations.iter().find(|o| o.requirement_id == "Art.9").unwrap();
    assert_eq!(art9.because, ["regulatory.special_category_data: yes"]);

    let v = verdict(&run(&public), ScopeFramework::Gdpr);
    let dpo = v.obligations.iter().find(|o| o.requirement_id == "Art.37").expect("a public body designates a DPO");
    assert!(dpo.because[0].starts_with("sector: public_sector"));

    // A processor does not owe the controller's Art. 9 and Art. 35.
    let v = verdict(&run(&processor_sensitive), ScopeFramework::Gdpr);
    assert!(!ids(&v).contains(&"Art.9") && !ids(&v).contains(&"Art.35"), "{:?}", ids(&v));

    let v = verdict(&run(&unknown_facts), ScopeFramework::Gdpr);
    assert!(!ids(&v).contains(&"Art.9") && !ids(&v).contains(&"Art.44"));
    let q = v.questions.iter().find(|q| q.field == "regulatory.transfers_outside_eea").unwrap();
    assert_eq!(q.requirement_ids, ["Art.44", "Art.45", "Art.46", "Art.47", "Art.48", "Art.49"]);
    let q = v.questions.iter().find(|q| q.field == "regulatory.special_category_data").unwrap();
    assert_eq!(q.requirement_ids, ["Art.9"]);
    // Open ones stay in scope: the shared rule lists them as open.
    let all = regulatory_obligations(&unknown_facts);
    assert!(all
        .iter()
        .any(|o| o.requirement_id == "Art.44" && o.status == RegStatus::Open("regulatory.transfers_outside_eea")));
}

#[test]
fn gdpr_role_unknown_keeps_both_sets_open_but_what_both_owe() {
    let mut p = company("DE", &[Market::Eu], 80);
    p.regulatory.personal_data = Yes;
    let v = verdict(&run(&p), ScopeFramework::Gdpr);
    assert_eq!(ids(&v), ["Art.30", "Art.32", "Art.33"]);
    let role = v.questions.iter().find(|q| q.field == "regulatory.gdpr_role").unwrap();
    for id in ["Art.6", "Art.12", "Art.28", "Art.34"] {
        assert!(role.requirement_ids.iter().any(|r| r == id), "{id}: {:?}", role.requirement_ids);
    }
}

#[test]
fn every_regulatory_requirement_id_is_an_assessable_leaf_of_the_catalogue() {
    let catalog = crate::catalog::shipped().unwrap();
    let mut p = company("DE", &[Market::Eu], 80);
    for entity in [None, Some(Nis2Entity::CloudComputing), Some(Nis2Entity::Energy)] {
        p.regulatory.nis2_entity = entity;
        for o in regulatory_obligations(&p) {
            let f = catalog.framework(o.framework.as_str()).unwrap();
            let r = f.requirement(o.requirement_id).unwrap_or_else(|| panic!("{} missing", o.requirement_id));
            assert!(r.assessable, "{} is not assessable", o.requirement_id);
        }
    }
    // Every assessable GDPR leaf is reachable, and every NIS2 leaf but the voluntary Art. 29.
    let mut reach = answered(company("DE", &[Market::Eu], 80), GdprRole::Both);
    reach.regulatory.special_category_data = Yes;
    reach.regulatory.high_risk_processing = Yes;
    reach.regulatory.dpo_trigger = Yes;
    reach.regulatory.transfers_outside_eea = Yes;
    reach.regulatory.nis2_entity = Some(Nis2Entity::CloudComputing);
    let all = regulatory_obligations(&reach);
    for (framework, key) in [("gdpr", ScopeFramework::Gdpr), ("nis2", ScopeFramework::Nis2)] {
        for r in catalog.framework(framework).unwrap().requirements.iter().filter(|r| r.assessable) {
            let reached = all.iter().any(|o| o.framework == key && o.requirement_id == r.id);
            assert_eq!(reached, r.id != "Art.29", "{framework} {}", r.id);
        }
    }
}

#[test]
fn size_class_follows_the_recommendation_with_missing_figures_undetermined() {
    use Nis2Size::*;
    let cases: [(u32, Option<f64>, Option<f64>, Nis2Size); 12] = [
        (250, None, None, Large),
        (120, Some(60.0), Some(50.0), Large),
        (120, Some(60.0), Some(40.0), Medium),
        (120, Some(30.0), None, Medium),
        (120, None, None, MediumOrLarge),
        (120, None, Some(50.0), MediumOrLarge),
        (49, Some(11.0), Some(11.0), Medium),
        (49, Some(11.0), Some(9.0), Small),
        (49, Some(5.0), None, Small),
        (49, None, None, Undetermined),
        (10, Some(51.0), Some(44.0), Large),
        (10, Some(11.0), None, Undetermined),
    ];
    for (employees, turnover, balance, expected) in cases {
        assert_eq!(size_class(employees, turnover, balance), expected, "{employees} {turnover:?} {balance:?}");
    }
}

fn nis2_client(hq: &str, markets: &[Market], employees: u32, entity: Option<Nis2Entity>) -> ClientProfile {
    let mut p = company(hq, markets, employees);
    p.regulatory.nis2_entity = entity;
    p.regulatory.annual_turnover_eur_m = Some(30.0);
    p.regulatory.balance_sheet_eur_m = Some(20.0);
    p
}

/// (case, profile, need, urgent, class, size)
#[test]
fn nis2_applicability_and_classification_table() {
    use Nis2Class::*;
    use Nis2Entity as E;
    let eu = [Market::Eu];
    let mut small_dns = nis2_client("DE", &eu, 8, Some(E::DnsServiceProvider));
    small_dns.regulatory.annual_turnover_eur_m = Some(1.0);
    let mut small_telco = nis2_client("DE", &eu, 20, Some(E::PublicElectronicCommunications));
    small_telco.regulatory.annual_turnover_eur_m = Some(2.0);
    let mut small_msp = nis2_client("DE", &eu, 20, Some(E::ManagedServiceProvider));
    small_msp.regulatory.annual_turnover_eur_m = Some(2.0);
    let mut msp_no_figures = nis2_client("DE", &eu, 120, Some(E::ManagedServiceProvider));
    msp_no_figures.regulatory.annual_turnover_eur_m = None;
    msp_no_figures.regulatory.balance_sheet_eur_m = None;
    let mut tiny_no_figures = nis2_client("DE", &eu, 20, Some(E::Energy));
    tiny_no_figures.regulatory.annual_turnover_eur_m = None;
    let mut us_cloud = nis2_client("US", &[Market::Us, Market::Eu], 300, Some(E::CloudComputing));
    us_cloud.regulatory.eu_establishment = No;

    let cases: Vec<(&str, ClientProfile, Need, bool, Nis2Class, Nis2Size)> = vec![
        (
            "medium MSP: important",
            nis2_client("DE", &eu, 120, Some(E::ManagedServiceProvider)),
            Required,
            true,
            Important,
            Nis2Size::Medium,
        ),
        (
            "large energy: essential",
            nis2_client("FR", &eu, 400, Some(E::Energy)),
            Required,
            true,
            Essential,
            Nis2Size::Large,
        ),
        (
            "large Annex II: important",
            nis2_client("FR", &eu, 400, Some(E::Manufacturing)),
            Required,
            true,
            Important,
            Nis2Size::Large,
        ),
        ("small MSP: not in scope", small_msp, NotNeeded, false, NotInScope, Nis2Size::Small),
        ("small DNS provider: essential regardless of size", small_dns, Required, true, Essential, Nis2Size::Small),
        ("small telco: important", small_telco, Required, true, Important, Nis2Size::Small),
        (
            "medium telco: essential",
            nis2_client("DE", &eu, 60, Some(E::PublicElectronicCommunications)),
            Required,
            true,
            Essential,
            Nis2Size::Medium,
        ),
        (
            "medium TSP: important",
            nis2_client("DE", &eu, 60, Some(E::TrustServiceProvider)),
            Required,
            true,
            Important,
            Nis2Size::Medium,
        ),
        (
            "qualified TSP: essential",
            nis2_client("DE", &eu, 60, Some(E::QualifiedTrustServiceProvider)),
            Required,
            true,
            Essential,
            Nis2Size::Medium,
        ),
        (
            "central government: essential",
            nis2_client("DE", &eu, 60, Some(E::PublicAdministrationCentral)),
            Required,
            true,
            Essential,
            Nis2Size::Medium,
        ),
        (
            "regional administration: member state decides",
            nis2_client("DE", &eu, 600, Some(E::PublicAdministrationRegional)),
            Optional,
            false,
            Undetermined,
            Nis2Size::Large,
        ),
        (
            "MSP, 120 staff, no figures: in scope, class open",
            msp_no_figures,
            Required,
            true,
            Undetermined,
            Nis2Size::MediumOrLarge,
        ),
        (
            "20 staff, no turnover: optional until answered",
            tiny_no_figures,
            Optional,
            false,
            Undetermined,
            Nis2Size::Undetermined,
        ),
        ("entity not answered", nis2_client("DE", &eu, 120, None), Optional, false, Undetermined, Nis2Size::Medium),
        ("in no annex", nis2_client("DE", &eu, 120, Some(E::None)), NotNeeded, false, NotInScope, Nis2Size::Medium),
        (
            "no EU presence",
            nis2_client("US", &[Market::Us], 400, Some(E::CloudComputing)),
            NotNeeded,
            false,
            NotInScope,
            Nis2Size::Large,
        ),
        ("non-EU cloud serving the EU: essential", us_cloud, Required, true, Essential, Nis2Size::Large),
        (
            "a bank: DORA takes precedence",
            nis2_client("DE", &eu, 400, Some(E::Banking)),
            Optional,
            false,
            Essential,
            Nis2Size::Large,
        ),
    ];
    for (case, profile, need, urgent, class, size) in cases {
        let v = verdict(&run(&profile), ScopeFramework::Nis2);
        let c = v.nis2.expect("a classification");
        assert_eq!((v.need, v.urgent, c.class), (need, urgent, class), "{case}: {:#?}", v.reasons);
        assert_eq!(c.size, size, "{case}");
        assert!(v.reasons.iter().any(|r| r.rule == RuleId::R18), "{case}");
        assert!(v.reasons.iter().all(|r| !r.text.en.is_empty() && !r.text.de.is_empty()), "{case}");
        if need == Required {
            assert!(v.summary.en.contains("applies now through national transposition"), "{case}: {}", v.summary.en);
            assert!(!v.obligations.is_empty(), "{case}");
        } else {
            assert!(v.obligations.is_empty(), "{case}");
        }
    }
}

#[test]
fn nis2_questions_and_notes() {
    use Nis2Entity as E;
    let eu = [Market::Eu];
    let v = verdict(&run(&nis2_client("DE", &eu, 120, None)), ScopeFramework::Nis2);
    assert_eq!(asked(&v), ["regulatory.nis2_entity"]);

    // "None of the annexes" for a hosted service: not needed, but said to be checked (SaaS can be
    // a cloud computing service); without such a service, no such note.
    let mut hosted = nis2_client("DE", &eu, 120, Some(E::None));
    hosted.offerings = vec![crate::domain::Offering::ServiceProcessingCustomerData];
    let v = verdict(&run(&hosted), ScopeFramework::Nis2);
    assert_eq!(v.need, Need::NotNeeded);
    assert!(v.reasons.iter().any(|r| r.need.is_none() && r.text.en.contains("recital 33")));
    hosted.offerings = vec![crate::domain::Offering::None];
    let v = verdict(&run(&hosted), ScopeFramework::Nis2);
    assert!(v.reasons.iter().all(|r| !r.text.en.contains("recital 33")));

    let mut p = nis2_client("DE", &eu, 120, Some(E::ManagedServiceProvider));
    p.regulatory.annual_turnover_eur_m = None;
    p.regulatory.balance_sheet_eur_m = None;
    let v = verdict(&run(&p), ScopeFramework::Nis2);
    assert!(asked(&v).contains(&"regulatory.annual_turnover_eur_m"));
    assert!(v.reasons.iter().any(|r| r.text.en.contains("partner and linked enterprises")));

    let v = verdict(&run(&nis2_client("DE", &eu, 120, Some(E::ManagedServiceProvider))), ScopeFramework::Nis2);
    assert!(v.reasons.iter().any(|r| r.text.en.contains("Art. 33")), "important: reactive supervision");
    assert!(v.reasons.iter().any(|r| r.text.en.contains("Art. 29") && r.need.is_none()));
    let certified = v.questions.iter().find(|q| q.requirement_ids == ["Art.24"]).expect("Art. 24 asked");
    assert!(certified.text.en.contains("certified"));
    assert!(ids(&v).contains(&"Art.27") && ids(&v).contains(&"IR.1") && !ids(&v).contains(&"Art.29"));
    assert!(v.obligations.iter().all(|o| o.applies_from == nis2_applies_from() && o.in_force));

    let v = verdict(&run(&nis2_client("FR", &eu, 400, Some(E::Energy))), ScopeFramework::Nis2);
    assert!(v.reasons.iter().any(|r| r.text.en.contains("Art. 32")), "essential: proactive supervision");
    assert!(!ids(&v).contains(&"Art.27") && !ids(&v).contains(&"IR.1"), "{:?}", ids(&v));
    assert_eq!(ids(&v).len(), 21, "Art. 20, 21 and 23 in full");

    let v = verdict(&run(&nis2_client("DE", &eu, 60, Some(E::TrustServiceProvider))), ScopeFramework::Nis2);
    assert!(ids(&v).contains(&"IR.13") && !ids(&v).contains(&"Art.27"));

    let v = verdict(&run(&nis2_client("DE", &eu, 400, Some(E::Banking))), ScopeFramework::Nis2);
    assert!(v.reasons[0].text.en.contains("DORA") && v.reasons[0].text.en.contains("Art. 4"));

    let mut us_cloud = nis2_client("US", &[Market::Eu], 300, Some(E::CloudComputing));
    us_cloud.regulatory.eu_establishment = No;
    let v = verdict(&run(&us_cloud), ScopeFramework::Nis2);
    assert!(v.reasons.iter().any(|r| r.text.en.contains("representative") && r.text.en.contains("Art. 26(3)")));

    let mut small = nis2_client("DE", &eu, 20, Some(E::ManagedServiceProvider));
    small.regulatory.annual_turnover_eur_m = Some(2.0);
    let v = verdict(&run(&small), ScopeFramework::Nis2);
    assert!(v.reasons[0].text.en.contains("Art. 2(2)(b) to (e)"), "a member state may still designate it");
}

fn ai_builder(hq: &str, markets: &[Market]) -> ClientProfile {
    let mut p = company(hq, markets, 40);
    p.offerings = vec![Offering::BuildsAi];
    p
}

/// (case, profile, need, urgent, questions)
#[test]
fn nist_ai_rmf_table() {
    let mut buyers = ai_builder("US", &[Market::Us]);
    buyers.regulatory.us_enterprise_or_public_buyers = Yes;
    let us_unknown = ai_builder("US", &[Market::Us]);
    let mut us_no = ai_builder("US", &[Market::Us]);
    us_no.regulatory.us_enterprise_or_public_buyers = No;
    let eu_only = ai_builder("DE", &[Market::Eu]);
    let mut provider = company("DE", &[Market::Eu, Market::Us], 40);
    provider.offerings = vec![Offering::DeploysThirdPartyAi];
    provider.ai_systems.push(AiSystem::new("Scorer", &[AiRole::Provider], AiRisk::Minimal));
    provider.regulatory.us_enterprise_or_public_buyers = Yes;
    let mut asked_by_name = company("DE", &[Market::Eu], 40);
    asked_by_name.pressures.push(Pressure {
        party: Party::UsCustomers,
        asks_for: Ask::NistAiRmf,
        detail: String::new(),
        deals_blocked: true,
        deadline: None,
    });
    let no_ai = company("US", &[Market::Us], 40);

    let cases: Vec<(&str, ClientProfile, Need, bool, Vec<&str>)> = vec![
        ("builds AI for US enterprise buyers", buyers, Recommended, false, vec![]),
        (
            "builds AI, US buyers unknown",
            us_unknown,
            Optional,
            false,
            vec!["regulatory.us_enterprise_or_public_buyers"],
        ),
        ("builds AI, no such buyers", us_no, Optional, false, vec![]),
        ("builds AI, EU only", eu_only, Optional, false, vec![]),
        ("provider role counts as building", provider, Recommended, false, vec![]),
        ("asked for by name, deals blocked (R8)", asked_by_name, Required, true, vec![]),
        ("no AI", no_ai, NotNeeded, false, vec![]),
    ];
    for (case, profile, need, urgent, questions) in cases {
        let v = verdict(&run(&profile), ScopeFramework::NistAiRmf);
        assert_eq!((v.need, v.urgent), (need, urgent), "{case}: {v:#?}");
        assert_eq!(asked(&v), questions, "{case}");
        assert!(v.obligations.is_empty() && v.nis2.is_none(), "{case}");
        let all: String = v.reasons.iter().map(|r| r.text.en.as_str()).collect::<Vec<_>>().join(" ");
        assert!(!all.contains("legal obligation") || all.contains("not a legal obligation"), "{case}");
        if need >= Optional {
            assert!(v.summary.en.contains("no certificate"), "{case}: {}", v.summary.en);
            assert!(all.contains("ISO/IEC 42001"), "{case}: the reuse note");
        }
    }
}

#[test]
fn the_json_of_the_other_frameworks_is_unchanged() {
    let rec = run(&answered(company("DE", &[Market::Eu], 80), GdprRole::Controller));
    for key in [ScopeFramework::Iso27001, ScopeFramework::Soc2, ScopeFramework::Iso42001] {
        let json = serde_json::to_value(verdict(&rec, key)).unwrap();
        let obj = json.as_object().unwrap();
        for field in ["obligations", "questions", "nis2"] {
            assert!(!obj.contains_key(field), "{key:?} carries {field}");
        }
    }
    let gdpr = serde_json::to_value(verdict(&rec, ScopeFramework::Gdpr)).unwrap();
    assert!(gdpr["obligations"].as_array().is_some_and(|a| !a.is_empty()));
    let keys: Vec<ScopeFramework> = rec.frameworks.iter().map(|v| v.framework).collect();
    assert_eq!(
        keys,
        [
            ScopeFramework::Iso27001,
            ScopeFramework::Soc2,
            ScopeFramework::Iso42001,
            ScopeFramework::Gdpr,
            ScopeFramework::Nis2,
            ScopeFramework::NistAiRmf
        ]
    );
}
