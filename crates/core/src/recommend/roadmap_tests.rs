//! Sequencing checks: order by who asks, shared work once, lifecycle minimums, overrides.

use super::roadmap::*;
use super::*;
use crate::demo::demo_clients;
use crate::domain::{Ask, ClientProfile, Market, Offering, Party, Pressure, Sector};

fn today() -> Date {
    "2026-11-29".parse().unwrap()
}

fn demo(name: &str) -> ClientProfile {
    demo_clients().unwrap().into_iter().map(|(_, p)| p.into_inner()).find(|p| p.name.starts_with(name)).unwrap()
}

fn roadmap_with(profile: &ClientProfile, overrides: &Overrides) -> Roadmap {
    let catalog = crate::catalog::shipped().unwrap();
    let rec = recommend(profile, &Context { catalog, today: today() });
    let lifecycle = shipped_lifecycle();
    let effort = effort_before_assessment(catalog, &rec, lifecycle);
    plan(profile, &rec, &effort, &PlanSettings { start: today(), capacity_days_per_week: 0.0 }, lifecycle, overrides)
}

fn roadmap(profile: &ClientProfile) -> Roadmap {
    roadmap_with(profile, &Overrides::default())
}

fn phase<'a>(r: &'a Roadmap, id: &str) -> &'a Phase {
    r.phases
        .iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("no phase {id} in {:?}", r.phases.iter().map(|p| &p.id).collect::<Vec<_>>()))
}

fn milestone_date(r: &Roadmap, id: &str) -> Date {
    r.milestones.iter().find(|m| m.id == id).unwrap_or_else(|| panic!("no milestone {id}")).date
}

#[test]
fn who_asks_decides_the_order_and_every_order_is_compared() {
    let r = roadmap(&demo("Brightdesk"));
    assert_eq!(r.order, [ScopeFramework::Soc2, ScopeFramework::Iso42001], "US customers block deals: SOC 2 leads");
    assert_eq!(r.options.len(), 2);
    assert_eq!(r.options.iter().filter(|o| o.chosen).count(), 1);
    let chosen = r.options.iter().find(|o| o.chosen).unwrap();
    let other = r.options.iter().find(|o| !o.chosen).unwrap();
    assert!(chosen.first_deliverable < other.first_deliverable);
    assert!(r.why[0].en.contains("SOC 2 leads (R5)"), "{}", r.why[0].en);
    assert!(r.why.iter().any(|w| w.en.contains("weeks sooner")));
}

#[test]
fn the_next_framework_starts_while_the_auditor_works_and_shares_work() {
    let r = roadmap(&demo("Brightdesk"));
    let soc2 = phase(&r, "soc2-implementation");
    let aims = phase(&r, "iso42001-implementation");
    assert_eq!(aims.start, soc2.end);
    assert!(phase(&r, "soc2-type1").end > aims.start, "the Type I examination runs beside the next build");
    let alone_42001 = r.effort.alone.iter().find(|a| a.framework == ScopeFramework::Iso42001).unwrap().days;
    assert!(aims.effort_days < alone_42001, "42001 after SOC 2 costs less than alone");
    let built: f64 = r.phases.iter().map(|p| p.effort_days).sum();
    assert!((built - r.effort.together).abs() < 0.5, "{built} vs {}", r.effort.together);
    let sum_alone: f64 = r.effort.alone.iter().map(|a| a.days).sum();
    assert!((r.effort.together + r.effort.saving - sum_alone).abs() < 0.01);
    assert!(r.effort.saving > 0.0);
}

#[test]
fn lifecycle_minimums_hold() {
    let life = shipped_lifecycle();
    let r = roadmap(&demo("Brightdesk"));
    let built = phase(&r, "soc2-implementation").end;
    let type1 = milestone_date(&r, "soc2-type1-report");
    assert_eq!(type1, built.plus_days(7 * i64::from(life.soc2.type1_report_weeks)));
    let window = phase(&r, "soc2-observation");
    assert_eq!(window.start, built);
    assert_eq!(window.end, built.plus_months(life.soc2.first_window_months as i32));
    assert!(milestone_date(&r, "soc2-type2-report") > window.end);

    let built = phase(&r, "iso42001-implementation").end;
    let certificate = milestone_date(&r, "iso42001-certificate");
    let weeks = life.iso.internal_audit_weeks + life.iso.stage1_to_stage2_weeks + life.iso.certification_decision_weeks;
    assert_eq!(certificate, built.plus_days(7 * i64::from(weeks)));
    assert!(milestone_date(&r, "iso42001-stage1") < milestone_date(&r, "iso42001-stage2"));
    assert_eq!(milestone_date(&r, "iso42001-surveillance-1"), certificate.plus_months(12));
    assert_eq!(milestone_date(&r, "iso42001-surveillance-2"), certificate.plus_months(24));
    assert_eq!(milestone_date(&r, "iso42001-recertification"), certificate.plus_months(36));
    for p in &r.phases {
        assert!(p.start <= p.end, "{}", p.id);
        if p.kind == roadmap::PhaseKind::Implementation {
            assert!(p.start.days_until(p.end) >= 7 * i64::from(life.planning.min_implementation_weeks));
        }
    }
}

#[test]
fn a_forced_order_wins_and_is_shown() {
    let overrides = Overrides {
        order: Some(roadmap::ForcedOrder {
            frameworks: vec![ScopeFramework::Iso42001],
            reason: "Board priority".into(),
        }),
        ..Default::default()
    };
    let r = roadmap_with(&demo("Brightdesk"), &overrides);
    assert_eq!(r.order, [ScopeFramework::Iso42001, ScopeFramework::Soc2]);
    assert!(r.why[0].en.contains("consultant set the order"));
    assert!(r.options.iter().find(|o| o.chosen).unwrap().order == r.order);
    assert_eq!(r.overrides, overrides);
}

#[test]
fn an_excluded_framework_leaves_the_plan() {
    let overrides = Overrides {
        excluded: vec![roadmap::Excluded { framework: ScopeFramework::Soc2, reason: "Client declines".into() }],
        ..Default::default()
    };
    let r = roadmap_with(&demo("Brightdesk"), &overrides);
    assert_eq!(r.order, [ScopeFramework::Iso42001]);
    assert!(r.phases.iter().all(|p| p.framework != Some(ScopeFramework::Soc2)));
}

#[test]
fn a_moved_start_date_is_respected() {
    let start: Date = "2027-03-01".parse().unwrap();
    let overrides = Overrides {
        not_before: vec![roadmap::NotBefore {
            framework: ScopeFramework::Iso42001,
            date: start,
            reason: "Budget from Q2".into(),
        }],
        ..Default::default()
    };
    let r = roadmap_with(&demo("Talentlens"), &overrides);
    assert_eq!(phase(&r, "iso42001-implementation").start, start);
}

#[test]
fn a_held_iso27001_is_maintained_and_makes_42001_cheaper() {
    let nordlicht = roadmap(&demo("Nordlicht"));
    assert_eq!(nordlicht.maintained, [ScopeFramework::Iso27001]);
    assert_eq!(nordlicht.order, [ScopeFramework::Iso42001]);
    assert_eq!(milestone_date(&nordlicht, "iso27001-recertification").to_string(), "2027-03-15");
    let talentlens = roadmap(&demo("Talentlens"));
    let with_isms = nordlicht.effort.alone[0].days;
    let without = talentlens.effort.alone[0].days;
    assert!(with_isms < without, "{with_isms} should be below {without}");
}

#[test]
fn a_held_soc2_report_is_renewed_not_rebuilt() {
    let r = roadmap(&demo("Cloudmere"));
    assert!(r.maintained.contains(&ScopeFramework::Soc2));
    assert_eq!(milestone_date(&r, "soc2-renewal").to_string(), "2027-06-30");
    assert!(r.phases.iter().all(|p| p.id != "soc2-implementation"));
}

#[test]
fn a_stop_sign_comes_first() {
    let r = roadmap(&demo("Sentinel"));
    assert_eq!(r.phases[0].kind, roadmap::PhaseKind::Stop);
    assert!(r.why[0].en.contains("prohibited practice"));
}

#[test]
fn ai_act_measures_are_due_before_their_dates() {
    let r = roadmap(&demo("Talentlens"));
    let measures = r
        .phases
        .iter()
        .find(|p| p.kind == roadmap::PhaseKind::AiAct && p.title.en.contains("Talentlens Match"))
        .unwrap();
    // EU customers ask for AI Act compliance by 30 June 2027: the measures are due then, while
    // the law's date stays a milestone of its own.
    assert_eq!(measures.end.to_string(), "2027-06-30");
    assert!(measures.title.en.contains("as asked"), "{}", measures.title.en);
    assert!(r
        .milestones
        .iter()
        .any(|m| m.kind == roadmap::MilestoneKind::Regulatory && m.date.to_string() == "2027-12-02"));
}

#[test]
fn a_deadline_already_past_is_missed_by_every_order() {
    let mut p = ClientProfile::minimal("Late Co", Sector::Software, 40, "US");
    p.markets = vec![Market::Us];
    p.offerings = vec![Offering::ServiceProcessingCustomerData];
    p.pressures.push(Pressure {
        party: Party::UsCustomers,
        asks_for: Ask::Soc2,
        detail: String::new(),
        deals_blocked: true,
        deadline: Some("2026-10-01".parse().unwrap()),
    });
    let r = roadmap(&p);
    assert!(r.options.iter().all(|o| o.deadlines_missed == [0]));
    let deadline = r.milestones.iter().find(|m| m.id == "deadline-0").unwrap();
    assert!(deadline.missed);
    assert!(r.why.iter().any(|w| w.en.contains("misses 1 deadline")));
}

#[test]
fn nothing_to_build_gives_an_empty_plan_that_says_so() {
    let r = roadmap(&demo("Kestrel"));
    assert!(r.order.is_empty());
    assert!(r.why.iter().any(|w| w.en.contains("no certification or report is called for")));
    assert_eq!(r.effort.together, 0.0);
}

#[test]
fn plans_are_deterministic_and_sorted() {
    for (_, p) in demo_clients().unwrap() {
        let a = roadmap(p.get());
        assert_eq!(a, roadmap(p.get()));
        assert!(a.phases.windows(2).all(|w| w[0].start <= w[1].start), "{}", p.get().name);
        assert!(a.milestones.windows(2).all(|w| w[0].date <= w[1].date), "{}", p.get().name);
        for t in &a.why {
            assert!(!t.en.is_empty() && !t.de.is_empty() && t.en != t.de);
        }
    }
}

/// An AI-enabled SaaS in Germany selling into the US and the EU: SOC 2 and ISO/IEC 42001 are
/// both recommended, so the pressures alone decide which leads.
fn ai_saas(pressures: Vec<Pressure>) -> ClientProfile {
    let mut p = ClientProfile::minimal("Order Co", Sector::Software, 80, "DE");
    p.markets = vec![Market::Us, Market::Eu];
    p.offerings = vec![Offering::ServiceProcessingCustomerData, Offering::BuildsAi];
    p.pressures = pressures;
    p
}

fn pressure(party: Party, asks_for: Ask, deals_blocked: bool, deadline: Option<&str>) -> Pressure {
    Pressure { party, asks_for, detail: String::new(), deals_blocked, deadline: deadline.map(|d| d.parse().unwrap()) }
}

/// R5 with AI Act pressure: the first framework, the pressures whose deadlines are flagged
/// missed, and the words the explanation must carry.
#[track_caller]
fn check_order(pressures: Vec<Pressure>, first: ScopeFramework, missed: &[u32], why: &str) {
    let r = roadmap(&ai_saas(pressures.clone()));
    assert_eq!(r.order.first(), Some(&first), "order {:?} for {pressures:?}", r.order);
    let flagged: Vec<u32> = r
        .milestones
        .iter()
        .filter(|m| m.kind == MilestoneKind::Deadline && m.missed)
        .map(|m| m.id.trim_start_matches("deadline-").parse().unwrap())
        .collect();
    assert_eq!(flagged, missed, "missed deadlines");
    assert_eq!(r.options.iter().find(|o| o.chosen).unwrap().deadlines_missed, missed);
    assert!(
        r.why.iter().any(|w| w.en.contains(why)),
        "{why:?} not in {:?}",
        r.why.iter().map(|w| &w.en).collect::<Vec<_>>()
    );
}

#[test]
fn ai_act_pressure_can_lead_the_order_and_its_deadline_is_checked() {
    use Ask::{AiActCompliance, AiGovernanceAssurance, DataProtectionAssurance, Soc2};
    const ISO42001: ScopeFramework = ScopeFramework::Iso42001;
    const SOC2_KEY: ScopeFramework = ScopeFramework::Soc2;
    use Party::{Board, EuCustomers, UsCustomers};
    // EU customers block deals over AI Act compliance with a deadline no plan can meet: 42001
    // leads and the deadline is flagged.
    check_order(
        vec![
            pressure(EuCustomers, AiActCompliance, true, Some("2027-02-28")),
            pressure(UsCustomers, DataProtectionAssurance, false, None),
        ],
        ISO42001,
        &[0],
        "EU customers press hardest (asking for EU AI Act compliance, with deals blocked), so ISO/IEC 42001 leads (R5)",
    );
    // The same ask with a deadline already past: flagged missed as well.
    check_order(
        vec![pressure(EuCustomers, AiActCompliance, false, Some("2026-10-01"))],
        ISO42001,
        &[0],
        "MISSED: this order misses 1 deadline: 1 October 2026 of EU customers (EU AI Act compliance)",
    );
    // US customers block deals over data assurance: SOC 2 leads, the AI Act ask waits.
    check_order(
        vec![
            pressure(EuCustomers, AiActCompliance, false, None),
            pressure(UsCustomers, DataProtectionAssurance, true, None),
        ],
        SOC2_KEY,
        &[],
        "US customers press hardest (asking how their data is protected, with deals blocked), so SOC 2 leads (R5)",
    );
    // A board asking how AI is governed, with the earliest deadline, beats a later SOC 2 date.
    check_order(
        vec![
            pressure(UsCustomers, Soc2, false, Some("2028-12-31")),
            pressure(Board, AiGovernanceAssurance, false, Some("2028-03-31")),
        ],
        ISO42001,
        &[],
        "The board presses hardest",
    );
}

#[test]
fn an_ai_act_ask_is_stated_with_its_missed_deadline_in_the_verdict() {
    let p = ai_saas(vec![pressure(Party::EuCustomers, Ask::AiActCompliance, true, Some("2026-10-01"))]);
    let catalog = crate::catalog::shipped().unwrap();
    let rec = recommend(&p, &Context { catalog, today: today() });
    let v = rec.frameworks.iter().find(|v| v.framework == ScopeFramework::Iso42001).unwrap();
    assert_eq!(v.need, Need::Recommended, "an AI Act ask names no certificate: recommended, not required");
    assert!(v.urgent);
    let r = v.reasons.iter().find(|r| r.triggers.iter().any(|t| t.contains("ai_act_compliance"))).unwrap();
    assert_eq!(r.rule, RuleId::R1);
    assert!(r.text.en.contains("1 October 2026 was missed"), "{}", r.text.en);
    assert!(r.text.de.contains("1. Oktober 2026 ist verpasst"), "{}", r.text.de);
    assert!(r.text.en.contains("not a harmonised standard"), "{}", r.text.en);
}

/// A European SaaS building AI whose EU customers ask how their data is protected: ISO/IEC 27001
/// and 42001 are both planned.
fn iso_pair() -> ClientProfile {
    let mut p = ClientProfile::minimal("Pair Co", Sector::Software, 60, "DE");
    p.markets = vec![Market::Eu];
    p.offerings = vec![Offering::ServiceProcessingCustomerData, Offering::BuildsAi];
    p.pressures = vec![pressure(Party::EuCustomers, Ask::DataProtectionAssurance, false, None)];
    p
}

#[test]
fn both_iso_standards_planned_get_an_integrated_audit_with_its_estimated_saving() {
    let life = shipped_lifecycle();
    let r = roadmap(&iso_pair());
    assert!(
        r.order.contains(&ScopeFramework::Iso27001) && r.order.contains(&ScopeFramework::Iso42001),
        "{:?}",
        r.order
    );
    let i = r.integrated_audit.as_ref().expect("offered when both are planned");
    assert!(i.applied);
    // 60 people: the 46-65 band, 10 days each; up to 20 % of 20 days.
    assert_eq!(life.integrated_audit.initial_days(60), 10.0);
    assert_eq!((i.separate_initial_days, i.initial_days_saved, i.surveillance_days_saved), (20.0, 4.0, 1.3));
    assert!(i.note.en.contains("estimate") && i.note.en.contains("IAF MD 11"), "{}", i.note.en);
    assert!(i.note.de.contains("Schätzung"), "{}", i.note.de);
    phase(&r, "integrated-certification");
    assert!(r.phases.iter().all(|p| p.id != "iso27001-certification" && p.id != "iso42001-certification"));
    assert_eq!(milestone_date(&r, "iso27001-certificate"), milestone_date(&r, "iso42001-certificate"));
    assert!(r.milestones.iter().any(|m| m.id == "integrated-surveillance-1"));
    assert!(r.why.iter().any(|w| w.en.contains("The plan uses it")));
}

#[test]
fn the_consultant_can_decline_the_integrated_audit() {
    let overrides = Overrides {
        integrated_audit_declined: Some(roadmap::DeclinedIntegratedAudit {
            reason: "Different certification bodies".into(),
        }),
        ..Default::default()
    };
    let r = roadmap_with(&iso_pair(), &overrides);
    let i = r.integrated_audit.as_ref().unwrap();
    assert!(!i.applied);
    assert!(i.note.en.contains("The consultant declined it: Different certification bodies"), "{}", i.note.en);
    phase(&r, "iso27001-certification");
    phase(&r, "iso42001-certification");
    assert!(r.phases.iter().all(|p| !p.id.starts_with("integrated")));
}

#[test]
fn no_integrated_audit_is_offered_without_both_iso_standards() {
    assert!(roadmap(&demo("Brightdesk")).integrated_audit.is_none());
    assert!(roadmap(&ai_saas(Vec::new())).integrated_audit.is_none());
}

/// A public body that only deploys AI, with a regulator asking for EU AI Act compliance by a date
/// before the obligations apply: the measures are due by the regulator's date, the deadline is
/// met by them (not silently unchecked), and the plan never says there is nothing to do.
#[test]
fn an_ai_act_ask_moves_the_measures_forward_and_is_checked() {
    let mut profile = demo("Stadt Falkenau");
    let asked: Date = "2027-09-30".parse().unwrap();
    assert!(
        profile.pressures.iter().any(|p| p.asks_for == Ask::AiActCompliance && p.deadline == Some(asked)),
        "the demo's regulator asks by {asked}"
    );
    let r = roadmap(&profile);
    assert!(r.order.is_empty(), "no certification for a deployer-only public body: {:?}", r.order);
    let lanes: Vec<&Phase> = r.phases.iter().filter(|p| p.kind == PhaseKind::AiAct).collect();
    let later = lanes.iter().find(|p| p.title.en.contains("apply from")).expect("a lane due before the law's date");
    assert_eq!(later.end, asked);
    assert!(later.title.de.contains("30. September 2027"), "{}", later.title.de);
    let deadline = r.milestones.iter().find(|m| m.kind == MilestoneKind::Deadline).unwrap();
    assert!(!deadline.missed, "the measures meet the regulator's date");
    assert!(r.why.iter().all(|w| !w.en.starts_with("Nothing needs to be built")), "{:?}", r.why);
    assert!(r.why.iter().any(|w| w.en.contains("EU AI Act measures")));

    // A deadline the measures cannot meet any more is flagged.
    for p in profile.pressures.iter_mut().filter(|p| p.asks_for == Ask::AiActCompliance) {
        p.deadline = Some("2026-10-01".parse().unwrap());
    }
    let r = roadmap(&profile);
    assert!(r.milestones.iter().any(|m| m.kind == MilestoneKind::Deadline && m.missed));
}

#[test]
fn clearing_a_framework_drops_only_its_overrides() {
    let reason = || "agreed with the client".to_owned();
    let all = Overrides {
        order: Some(ForcedOrder { frameworks: vec![ScopeFramework::Iso42001, ScopeFramework::Soc2], reason: reason() }),
        excluded: vec![Excluded { framework: ScopeFramework::Nis2, reason: reason() }],
        not_before: vec![NotBefore { framework: ScopeFramework::Soc2, date: today(), reason: reason() }],
        integrated_audit_declined: Some(DeclinedIntegratedAudit { reason: reason() }),
    };
    let cleared = |f: ScopeFramework| {
        let mut o = all.clone();
        o.clear(f);
        o
    };
    // SOC 2 leaves the order and its start date; the rest stays.
    let soc2 = cleared(ScopeFramework::Soc2);
    assert_eq!(soc2.order.as_ref().unwrap().frameworks, [ScopeFramework::Iso42001]);
    assert!(soc2.not_before.is_empty());
    assert_eq!(soc2.excluded, all.excluded);
    assert_eq!(soc2.integrated_audit_declined, all.integrated_audit_declined);
    // ISO/IEC 42001 takes the declined integrated audit with it.
    let iso42001 = cleared(ScopeFramework::Iso42001);
    assert_eq!(iso42001.order.as_ref().unwrap().frameworks, [ScopeFramework::Soc2]);
    assert_eq!(iso42001.integrated_audit_declined, None);
    // An order left naming nothing goes.
    let mut both = soc2.clone();
    both.clear(ScopeFramework::Iso42001);
    assert_eq!(both.order, None);
    // NIS2's exclusion goes; nothing else changes; a framework with no override changes nothing.
    let nis2 = cleared(ScopeFramework::Nis2);
    assert!(nis2.excluded.is_empty());
    assert_eq!(Overrides { excluded: all.excluded.clone(), ..nis2 }, all);
    assert_eq!(cleared(ScopeFramework::Gdpr), all);
}

#[test]
fn a_change_replaces_what_it_names_and_keeps_the_rest() {
    let reason = |r: &str| r.to_owned();
    let mut o = Overrides::default();
    o.apply(OverrideChange::Exclude(Excluded { framework: ScopeFramework::Nis2, reason: reason("group") }));
    o.apply(OverrideChange::NotBefore(NotBefore {
        framework: ScopeFramework::Soc2,
        date: today(),
        reason: reason("q1"),
    }));
    // Excluding or moving a framework again replaces its entry instead of naming it twice.
    o.apply(OverrideChange::Exclude(Excluded { framework: ScopeFramework::Nis2, reason: reason("budget") }));
    let later: Date = "2027-03-01".parse().unwrap();
    o.apply(OverrideChange::NotBefore(NotBefore {
        framework: ScopeFramework::Soc2,
        date: later,
        reason: reason("q2"),
    }));
    assert_eq!(o.excluded, [Excluded { framework: ScopeFramework::Nis2, reason: reason("budget") }]);
    assert_eq!(o.not_before, [NotBefore { framework: ScopeFramework::Soc2, date: later, reason: reason("q2") }]);
    assert!(crate::store::validate_overrides(&o).is_ok());

    o.apply(OverrideChange::Order(ForcedOrder { frameworks: vec![ScopeFramework::Iso42001], reason: reason("AI") }));
    o.apply(OverrideChange::DeclineIntegratedAudit(DeclinedIntegratedAudit { reason: reason("two bodies") }));
    let full = o.clone();
    o.apply(OverrideChange::DropExclusion { framework: ScopeFramework::Nis2 });
    o.apply(OverrideChange::DropNotBefore { framework: ScopeFramework::Iso27001 });
    assert!(o.excluded.is_empty());
    assert_eq!((&o.not_before, &o.order), (&full.not_before, &full.order), "a framework without one changes nothing");
    o.apply(OverrideChange::DropOrder);
    o.apply(OverrideChange::AcceptIntegratedAudit);
    assert_eq!((o.order.as_ref(), o.integrated_audit_declined.as_ref()), (None, None));
    let mut all = full.clone();
    all.apply(OverrideChange::Clear { framework: None });
    assert_eq!(all, Overrides::default());
    let mut soc2 = full.clone();
    soc2.apply(OverrideChange::Clear { framework: Some(ScopeFramework::Soc2) });
    assert!(soc2.not_before.is_empty());
    assert_eq!(soc2.order, full.order);

    // On the wire, a change is tagged; a framework outside the rated ones is refused when read.
    let read: OverrideChange =
        serde_json::from_value(serde_json::json!({ "change": "exclude", "framework": "gdpr", "reason": "r" })).unwrap();
    assert_eq!(read, OverrideChange::Exclude(Excluded { framework: ScopeFramework::Gdpr, reason: reason("r") }));
    let bad = serde_json::json!({ "change": "exclude", "framework": "eu_ai_act", "reason": "r" });
    assert!(serde_json::from_value::<OverrideChange>(bad).is_err());
    let clear: OverrideChange = serde_json::from_value(serde_json::json!({ "change": "clear" })).unwrap();
    assert_eq!(clear, OverrideChange::Clear { framework: None });
}
