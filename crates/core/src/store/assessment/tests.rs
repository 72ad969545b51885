//! Assessments and the analysis against small hand-made catalogues (where every number can be
//! worked out by hand) and against the shipped catalogue and the demo portfolio.

use std::collections::BTreeMap;

use super::super::Store;
use crate::assessment::sheet::{Lang, SheetFormat, SheetRow};
use crate::assessment::AssessmentStart;
use crate::assessment::*;
use crate::catalog::{
    Catalog, Control, Domain, Effort, Framework, FrameworkKind, JointlySufficient, Mapping, Relationship, Requirement,
    RequirementKind, Soc2Category, Text,
};
use crate::domain::{Ask, ClientId, ClientProfile, Date, Market, Offering, Party, Pressure, Sector};
use crate::recommend::{AdviceSettings, Overrides};
use crate::Error;

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

fn today() -> Date {
    date("2026-11-29")
}

fn settings() -> AnalysisSettings {
    AnalysisSettings::new(today())
}

fn fields(err: Error) -> Vec<String> {
    match err {
        Error::Invalid(errors) => errors.0.into_iter().map(|f| format!("{}: {}", f.field, f.message)).collect(),
        other => panic!("expected invalid input, got {other}"),
    }
}

/// A framework from `(id, parent)` pairs in tree order; leaves are the entries nobody names as
/// parent. SOC 2 entries take their category from their top-level entry.
fn framework(id: &str, entries: &[(&str, Option<&str>)]) -> Framework {
    let mut requirements: Vec<Requirement> = Vec::new();
    for (rid, parent) in entries {
        let depth = match parent {
            None => 0,
            Some(p) => requirements.iter().find(|r| r.id == *p).map_or(0, |r| r.depth + 1),
        };
        let top = match parent {
            None => rid.to_string(),
            Some(p) => {
                let mut top = p.to_string();
                while let Some(up) = requirements.iter().find(|r| r.id == top).and_then(|r| r.parent.clone()) {
                    top = up;
                }
                top
            }
        };
        requirements.push(Requirement {
            id: rid.to_string(),
            parent: parent.map(str::to_owned),
            kind: match (depth, *rid) {
                (0, "Annex A") => RequirementKind::Annex,
                (0, _) if id == "soc2" => RequirementKind::Category,
                (0, _) => RequirementKind::Clause,
                (1, r) if r.starts_with("A.") => RequirementKind::Theme,
                (_, r) if id != "soc2" && !r.starts_with("A.") => RequirementKind::Subclause,
                (_, _) => RequirementKind::Control,
            },
            title: Text::new(format!("Requirement {rid}"), format!("Anforderung {rid}")),
            assessable: !entries.iter().any(|(_, p)| *p == Some(*rid)),
            depth,
            soc2_category: if id == "soc2" { Soc2Category::from_entry_id(&top) } else { None },
            ai_act: None,
        });
    }
    Framework {
        id: id.into(),
        name: id.to_uppercase(),
        kind: FrameworkKind::Certification,
        title: Text::new(id, id),
        requirements,
    }
}

fn catalog(
    frameworks: Vec<Framework>,
    controls: &[(&str, Effort)],
    mappings: &[(&str, &str, &str, Relationship)],
) -> Catalog {
    catalog_with_joint(frameworks, controls, mappings, &[])
}

/// A catalogue whose `joint` requirements (framework, requirement) are declared jointly sufficient
/// (with every subset control mapped to them).
fn catalog_with_joint(
    frameworks: Vec<Framework>,
    controls: &[(&str, Effort)],
    mappings: &[(&str, &str, &str, Relationship)],
    joint: &[(&str, &str)],
) -> Catalog {
    Catalog {
        version: "test".into(),
        date: date("2026-01-01"),
        content_hash: "0123456789abcdef".into(),
        domains: vec![Domain { id: "governance".into(), name: Text::new("Governance", "Governance") }],
        frameworks,
        controls: controls
            .iter()
            .map(|(id, effort)| Control {
                id: id.to_string(),
                domain: "governance".into(),
                effort: *effort,
                title: Text::new(format!("Control {id}"), format!("Maßnahme {id}")),
                objective: Text::new("o", "o"),
                evidence: Text::new("e", "e"),
            })
            .collect(),
        mappings: mappings
            .iter()
            .map(|(c, f, r, rel)| Mapping {
                control_id: c.to_string(),
                framework: f.to_string(),
                requirement_id: r.to_string(),
                relationship: *rel,
            })
            .collect(),
        jointly_sufficient: joint
            .iter()
            .map(|(f, r)| JointlySufficient {
                framework: f.to_string(),
                requirement_id: r.to_string(),
                controls: mappings
                    .iter()
                    .filter(|(_, mf, mr, rel)| mf == f && mr == r && *rel == Relationship::Subset)
                    .map(|(c, ..)| c.to_string())
                    .collect(),
                reason: "test".into(),
            })
            .collect(),
        milestones: Vec::new(),
    }
}

fn profile(name: &str) -> ClientProfile {
    let mut p = ClientProfile::minimal(name, Sector::Software, 80, "DE");
    p.markets = vec![Market::Eu];
    p.offerings = vec![Offering::ServiceProcessingCustomerData];
    p
}

fn client(store: &mut Store, profile: ClientProfile) -> ClientId {
    store.clients().create(&profile.validate().unwrap()).unwrap().id
}

fn scope(store: &mut Store, id: ClientId, frameworks: &[&str], categories: &[&str]) -> ClientScope {
    let input = ScopeInput {
        frameworks: frameworks.iter().map(|s| s.to_string()).collect(),
        soc2_categories: categories.iter().map(|s| s.to_string()).collect(),
    };
    store.scopes().set(id, &input, today()).unwrap()
}

fn row(n: usize, control: &str, status: &str) -> SheetRow {
    SheetRow {
        row: n as u32 + 2,
        control_id: control.into(),
        status: status.into(),
        owner: None,
        due: None,
        evidence: None,
        notes: None,
        justification: Some(if status == "not_applicable" { "Does not apply here.".into() } else { String::new() }),
    }
}

fn set(store: &mut Store, id: ClientId, statuses: &[(&str, ControlStatus)]) {
    let rows: Vec<SheetRow> = statuses.iter().enumerate().map(|(i, (c, s))| row(i, c, s.as_str())).collect();
    store.assessments().import_rows(id, &rows, today()).unwrap();
}

use ControlStatus::{
    Implemented as Impl, NotApplicable as Na, NotAssessed as Unknown, NotImplemented as No,
    PartiallyImplemented as Part,
};
use Relationship::{Equal, Intersect, Subset, Superset};

/// Where a rule case's requirement sits and what the catalogue declares about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An Annex A control (may be excluded), subset controls not declared jointly sufficient.
    Annex,
    /// An Annex A control whose subset controls are declared jointly sufficient.
    AnnexJoint,
    /// A management-system subclause (clause 6): never not applicable.
    Clause,
    /// A management-system subclause whose subset controls are declared jointly sufficient.
    ClauseJoint,
}
use Kind::{Annex, AnnexJoint, Clause, ClauseJoint};

/// The rule, case by case: each case is one requirement with its mapped controls.
/// A case: its name, where the requirement sits, the mapped controls (relationship, status), the
/// requirement status expected.
type RuleCase = (&'static str, Kind, &'static [(Relationship, ControlStatus)], RequirementStatus);

const RULE_CASES: &[RuleCase] = &[
    ("an equal control implemented", Annex, &[(Equal, Impl)], RequirementStatus::Met),
    ("a superset control implemented", Annex, &[(Superset, Impl)], RequirementStatus::Met),
    (
        "an equal control implemented, the others not",
        Annex,
        &[(Equal, Impl), (Subset, No), (Intersect, No)],
        RequirementStatus::Met,
    ),
    ("an equal control partially implemented", Annex, &[(Equal, Part)], RequirementStatus::Partial),
    (
        "every subset control implemented, declared jointly sufficient",
        AnnexJoint,
        &[(Subset, Impl), (Subset, Impl)],
        RequirementStatus::Met,
    ),
    (
        "every subset control implemented, not declared",
        Annex,
        &[(Subset, Impl), (Subset, Impl)],
        RequirementStatus::Partial,
    ),
    ("one of two subset controls implemented", Annex, &[(Subset, Impl), (Subset, No)], RequirementStatus::Partial),
    (
        "one of two jointly sufficient subsets implemented",
        AnnexJoint,
        &[(Subset, Impl), (Subset, No)],
        RequirementStatus::Partial,
    ),
    (
        "one subset implemented, one not assessed",
        AnnexJoint,
        &[(Subset, Impl), (Subset, Unknown)],
        RequirementStatus::Partial,
    ),
    (
        "the applicable subset implemented, the other not applicable, declared",
        AnnexJoint,
        &[(Subset, Impl), (Subset, Na)],
        RequirementStatus::Met,
    ),
    (
        "the applicable subset implemented, the other not applicable, not declared",
        Annex,
        &[(Subset, Impl), (Subset, Na)],
        RequirementStatus::Partial,
    ),
    (
        "the only subset control implemented: never met on one control",
        Annex,
        &[(Subset, Impl)],
        RequirementStatus::Partial,
    ),
    (
        "jointly sufficient subsets implemented, an equal control not",
        AnnexJoint,
        &[(Equal, No), (Subset, Impl), (Subset, Impl)],
        RequirementStatus::Met,
    ),
    (
        "subsets implemented, an equal control not, not declared",
        Annex,
        &[(Equal, No), (Subset, Impl), (Subset, Impl)],
        RequirementStatus::Partial,
    ),
    ("an intersect control implemented alone", Annex, &[(Intersect, Impl)], RequirementStatus::Partial),
    ("every intersect control implemented", Annex, &[(Intersect, Impl), (Intersect, Impl)], RequirementStatus::Partial),
    (
        "subset and intersect implemented, a subset not",
        AnnexJoint,
        &[(Subset, Impl), (Subset, No), (Intersect, Impl)],
        RequirementStatus::Partial,
    ),
    (
        "an equal control not, an intersect one implemented",
        Annex,
        &[(Equal, No), (Intersect, Impl)],
        RequirementStatus::Partial,
    ),
    ("every control not applicable", Annex, &[(Equal, Na), (Subset, Na)], RequirementStatus::NotApplicable),
    (
        "the equal control not applicable, the subsets implemented, declared",
        AnnexJoint,
        &[(Equal, Na), (Subset, Impl), (Subset, Impl)],
        RequirementStatus::Met,
    ),
    (
        "the equal control not applicable, the intersect implemented",
        Annex,
        &[(Equal, Na), (Intersect, Impl)],
        RequirementStatus::Partial,
    ),
    ("nothing assessed", Annex, &[(Equal, Unknown), (Subset, Unknown)], RequirementStatus::NotAssessed),
    (
        "not assessed beside a not applicable one",
        Annex,
        &[(Equal, Na), (Subset, Unknown)],
        RequirementStatus::NotAssessed,
    ),
    ("one not implemented, one not assessed", Annex, &[(Subset, No), (Subset, Unknown)], RequirementStatus::Unmet),
    ("every control not implemented", Annex, &[(Equal, No), (Intersect, No)], RequirementStatus::Unmet),
    (
        "a superset partially, an intersect implemented",
        Annex,
        &[(Superset, Part), (Intersect, Impl)],
        RequirementStatus::Partial,
    ),
    // Management-system clauses 4 to 10: never not applicable; not applicable counts as not
    // implemented.
    ("a clause with its equal control implemented", Clause, &[(Equal, Impl)], RequirementStatus::Met),
    ("a clause with every control not applicable", Clause, &[(Equal, Na), (Subset, Na)], RequirementStatus::Unmet),
    ("a clause with its only control not applicable", Clause, &[(Superset, Na)], RequirementStatus::Unmet),
    (
        "a clause: the equal control not applicable, an intersect implemented",
        Clause,
        &[(Equal, Na), (Intersect, Impl)],
        RequirementStatus::Partial,
    ),
    (
        "a clause: a not applicable control beside a not assessed one",
        Clause,
        &[(Equal, Na), (Subset, Unknown)],
        RequirementStatus::Unmet,
    ),
    (
        "a clause: jointly sufficient subsets, one not applicable",
        ClauseJoint,
        &[(Subset, Impl), (Subset, Na)],
        RequirementStatus::Partial,
    ),
    (
        "a clause: jointly sufficient subsets implemented",
        ClauseJoint,
        &[(Subset, Impl), (Subset, Impl)],
        RequirementStatus::Met,
    ),
    ("a clause: one subset implemented, not declared", Clause, &[(Subset, Impl)], RequirementStatus::Partial),
];

/// The id of rule case `i`: `A.5.<i+1>` in Annex A, `6.<i+1>` under clause 6.
fn case_id(i: usize) -> String {
    match RULE_CASES[i].1 {
        Annex | AnnexJoint => format!("A.5.{}", i + 1),
        Clause | ClauseJoint => format!("6.{}", i + 1),
    }
}

fn case_index(name: &str) -> usize {
    RULE_CASES.iter().position(|(c, ..)| *c == name).unwrap()
}

/// How many rule cases sit in Annex A.
fn annex_cases() -> usize {
    RULE_CASES.iter().filter(|(_, k, ..)| matches!(k, Annex | AnnexJoint)).count()
}

/// A catalogue with one ISO/IEC 27001-like framework: clause 4 with 4.1 and 4.2, clause 6 with
/// one subclause per management-system case, Annex A with theme A.5 holding one requirement per
/// Annex A case. The statuses a store would refuse (management-system controls not applicable,
/// as an older database may hold them) are written directly.
fn rule_store() -> (Store, ClientId) {
    let mut entries: Vec<(String, Option<String>)> =
        vec![("4".into(), None), ("4.1".into(), Some("4".into())), ("4.2".into(), Some("4".into()))];
    entries.push(("6".into(), None));
    for i in (0..RULE_CASES.len()).filter(|i| matches!(RULE_CASES[*i].1, Clause | ClauseJoint)) {
        entries.push((case_id(i), Some("6".into())));
    }
    entries.push(("Annex A".into(), None));
    entries.push(("A.5".into(), Some("Annex A".into())));
    let mut controls: Vec<(String, Effort)> = vec![("CW-CLS-01".into(), Effort::S)];
    let mut mappings: Vec<(String, String, String, Relationship)> = vec![
        ("CW-CLS-01".into(), "iso27001".into(), "4.1".into(), Superset),
        ("CW-CLS-01".into(), "iso27001".into(), "4.2".into(), Superset),
    ];
    let mut joint: Vec<(String, String)> = Vec::new();
    for (i, (_, kind, controls_of_case, _)) in RULE_CASES.iter().enumerate() {
        let requirement = case_id(i);
        if matches!(kind, Annex | AnnexJoint) {
            entries.push((requirement.clone(), Some("A.5".into())));
        }
        if matches!(kind, AnnexJoint | ClauseJoint) {
            joint.push(("iso27001".into(), requirement.clone()));
        }
        for (j, (relationship, _)) in controls_of_case.iter().enumerate() {
            let control = format!("CW-R{:02}-{j}", i + 1);
            controls.push((control.clone(), Effort::M));
            mappings.push((control, "iso27001".into(), requirement.clone(), *relationship));
        }
    }
    let entries: Vec<(&str, Option<&str>)> = entries.iter().map(|(a, b)| (a.as_str(), b.as_deref())).collect();
    let controls: Vec<(&str, Effort)> = controls.iter().map(|(a, b)| (a.as_str(), *b)).collect();
    let mappings: Vec<(&str, &str, &str, Relationship)> =
        mappings.iter().map(|(a, b, c, d)| (a.as_str(), b.as_str(), c.as_str(), *d)).collect();
    let joint: Vec<(&str, &str)> = joint.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let mut store = Store::open_in_memory().unwrap();
    store
        .catalog()
        .install(&catalog_with_joint(vec![framework("iso27001", &entries)], &controls, &mappings, &joint))
        .unwrap();
    let id = client(&mut store, profile("Rule Test GmbH"));
    scope(&mut store, id, &["iso27001"], &[]);
    let mut statuses: Vec<(String, ControlStatus)> = vec![("CW-CLS-01".into(), Impl)];
    let mut forced: Vec<String> = Vec::new();
    for (i, (_, kind, controls_of_case, _)) in RULE_CASES.iter().enumerate() {
        for (j, (relationship, status)) in controls_of_case.iter().enumerate() {
            let control = format!("CW-R{:02}-{j}", i + 1);
            if matches!(kind, Clause | ClauseJoint) && *status == Na && *relationship != Intersect {
                forced.push(control);
            } else {
                statuses.push((control, *status));
            }
        }
    }
    let statuses: Vec<(&str, ControlStatus)> = statuses.iter().map(|(c, s)| (c.as_str(), *s)).collect();
    set(&mut store, id, &statuses);
    force_not_applicable(&mut store, id, &forced);
    (store, id)
}

/// Writes `not_applicable` for controls directly, as a database from before the rule may hold it.
fn force_not_applicable(store: &mut Store, id: ClientId, controls: &[String]) {
    let assessment = store.assessments().current(id).unwrap().unwrap().id;
    store
        .write(|tx| {
            for c in controls {
                tx.execute(
                    "INSERT INTO assessment_controls (assessment_id, control_id, status, justification, updated_at)
                     VALUES (?1, ?2, 'not_applicable', 'Does not apply here.', '2026-11-29T00:00:00Z')",
                    rusqlite::params![assessment, c],
                )?;
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_requirement_status_rule_case_by_case() {
    let (store, id) = rule_store();
    let rows = store.views().requirement_statuses(id, ScopeFramework::Iso27001, today()).unwrap();
    let status: BTreeMap<String, RequirementStatus> =
        rows.iter().map(|r| (r.requirement_id.clone(), r.status)).collect();
    let failures: Vec<String> = RULE_CASES
        .iter()
        .enumerate()
        .filter(|(i, (_, _, _, expected))| status[&case_id(*i)] != *expected)
        .map(|(i, (case, _, _, expected))| format!("{case}: expected {expected}, got {}", status[&case_id(i)]))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(status["4.1"], RequirementStatus::Met);
    let a51 = rows.iter().find(|r| r.requirement_id == "A.5.1").unwrap();
    assert_eq!((a51.section.as_str(), a51.in_scope), ("A.5", true));
    assert_eq!(rows.iter().find(|r| r.requirement_id == "4.1").unwrap().section, "4");
    assert_eq!(a51.controls[0].control_id, "CW-R01-0");
    assert_eq!(a51.controls[0].relationship, Equal);
}

#[test]
fn readiness_arithmetic() {
    let (store, id) = rule_store();
    let count = |s: RequirementStatus| RULE_CASES.iter().filter(|(_, _, _, e)| *e == s).count() as u32;
    // 4.1 and 4.2 are met as well.
    let met = count(RequirementStatus::Met) + 2;
    let partial = count(RequirementStatus::Partial);
    let not_assessed = count(RequirementStatus::NotAssessed);
    let unmet = count(RequirementStatus::Unmet) + not_assessed;
    let na = count(RequirementStatus::NotApplicable);
    let total = RULE_CASES.len() as u32 + 2;
    let applicable = total - na;
    let round1 = |x: f64| (x * 10.0).round() / 10.0;

    for weight in [0.5, 0.0, 1.0, 0.25] {
        let analysis =
            store.views().analysis(id, &AnalysisSettings { today: today(), partial_weight: Some(weight) }).unwrap();
        assert_eq!(analysis.frameworks.len(), 1);
        let f = &analysis.frameworks[0];
        let r = &f.readiness;
        assert_eq!(
            (r.requirements, r.met, r.partial, r.unmet, r.not_applicable, r.not_assessed, r.applicable),
            (total, met, partial, unmet, na, not_assessed, applicable)
        );
        let expected = round1(100.0 * (met as f64 + weight * partial as f64) / applicable as f64);
        assert_eq!(r.percent, Some(expected), "weight {weight}");
        assert_eq!(r.not_assessed_percent, Some(round1(100.0 * not_assessed as f64 / applicable as f64)));
        // Sections: clauses 4 and 6 (depth 0), Annex A (depth 0) and theme A.5 (depth 1).
        let annex = annex_cases() as u32;
        let sections: Vec<(&str, u32, u32)> =
            f.sections.iter().map(|s| (s.id.as_str(), s.depth, s.readiness.requirements)).collect();
        assert_eq!(
            sections,
            [("4", 0, 2), ("6", 0, RULE_CASES.len() as u32 - annex), ("Annex A", 0, annex), ("A.5", 1, annex)]
        );
        assert_eq!(f.sections[0].readiness.percent, Some(100.0));
        assert_eq!(f.sections[1].readiness.not_applicable, 0, "a management-system clause is never not applicable");
        assert_eq!(f.sections[2].readiness, f.sections[3].readiness);
        assert_eq!(f.sections[0].title.de, "Anforderung 4");
        // The portfolio reads the same numbers from the summaries.
        let portfolio = store
            .views()
            .portfolio_readiness(&AnalysisSettings { today: today(), partial_weight: Some(weight) })
            .unwrap();
        assert_eq!(portfolio[0].frameworks[0].readiness, *r);
    }
    let err = store.views().analysis(id, &AnalysisSettings { today: today(), partial_weight: Some(1.5) }).unwrap_err();
    assert_eq!(fields(err), ["partial_weight: 1.5 is not a number from 0 to 1"]);
}

/// Two frameworks: ISO/IEC 27001 (4.1 to 4.3) and SOC 2 (CC1.1, CC1.2 under security; A1.1 under
/// availability). The client scopes both, SOC 2 without availability, and its US customers block
/// deals over SOC 2.
fn gap_store() -> (Store, ClientId) {
    let iso = framework("iso27001", &[("4", None), ("4.1", Some("4")), ("4.2", Some("4")), ("4.3", Some("4"))]);
    let soc2 = framework(
        "soc2",
        &[
            ("Security", None),
            ("CC1", Some("Security")),
            ("CC1.1", Some("CC1")),
            ("CC1.2", Some("CC1")),
            ("Availability", None),
            ("A1", Some("Availability")),
            ("A1.1", Some("A1")),
        ],
    );
    let catalog = catalog(
        vec![iso, soc2],
        &[
            ("CW-G-01", Effort::Xs),
            ("CW-G-02", Effort::Xl),
            ("CW-G-03", Effort::S),
            ("CW-G-04", Effort::M),
            ("CW-G-05", Effort::S),
        ],
        &[
            ("CW-G-01", "iso27001", "4.1", Equal),
            ("CW-G-01", "soc2", "CC1.1", Subset),
            ("CW-G-02", "iso27001", "4.2", Equal),
            ("CW-G-02", "soc2", "CC1.2", Equal),
            ("CW-G-03", "iso27001", "4.3", Equal),
            ("CW-G-04", "soc2", "A1.1", Equal),
            ("CW-G-05", "soc2", "CC1.1", Subset),
        ],
    );
    let mut store = Store::open_in_memory().unwrap();
    store.catalog().install(&catalog).unwrap();
    let mut p = profile("Gap Test Inc.");
    p.headquarters = "US".into();
    p.markets = vec![Market::Us];
    p.pressures.push(Pressure {
        party: Party::UsCustomers,
        asks_for: Ask::Soc2,
        detail: String::new(),
        deals_blocked: true,
        deadline: None,
    });
    let id = client(&mut store, p);
    scope(&mut store, id, &["iso27001", "soc2"], &[]);
    set(&mut store, id, &[("CW-G-01", No), ("CW-G-02", Part), ("CW-G-05", Impl)]);
    (store, id)
}

#[test]
fn gaps_are_ranked_by_reach_pressure_and_effort() {
    let (store, id) = gap_store();
    let analysis = store.views().analysis(id, &settings()).unwrap();
    let gaps: Vec<(u32, &str, ControlStatus, f64, u32, u32, f64)> = analysis
        .gaps
        .iter()
        .map(|g| (g.rank, g.control_id.as_str(), g.status, g.remaining_days, g.pressure, g.open_requirements, g.score))
        .collect();
    // score = (frameworks + pressure) / (1 + days / 20); SOC 2 weighs 2 (deals blocked).
    assert_eq!(
        gaps,
        [
            (1, "CW-G-01", No, 0.5, 2, 2, 3.9),       // (2 + 2) / 1.025
            (2, "CW-G-02", Part, 10.0, 2, 2, 2.67),   // (2 + 2) / 1.5
            (3, "CW-G-03", Unknown, 1.5, 0, 1, 0.93), // (1 + 0) / 1.075
        ]
    );
    assert_eq!(analysis.gaps[0].frameworks, [ScopeFramework::Iso27001, ScopeFramework::Soc2]);
    // CW-G-04 serves only availability, which is out of scope; CW-G-05 is implemented.
    assert!(analysis.gaps.iter().all(|g| g.control_id != "CW-G-04" && g.control_id != "CW-G-05"));
    let view = store.views().assessment(id, today()).unwrap();
    let rows: Vec<&str> = view.rows.iter().map(|r| r.control_id.as_str()).collect();
    assert_eq!(rows, ["CW-G-01", "CW-G-02", "CW-G-03", "CW-G-05"], "controls serving nothing in scope drop out");
    // CC1.1: one subset implemented, one not: partial. CC1.2: partially. SOC 2 = 2 × 0.5 / 2.
    let soc2 = analysis.frameworks.iter().find(|f| f.framework == ScopeFramework::Soc2).unwrap();
    assert_eq!((soc2.readiness.requirements, soc2.readiness.partial, soc2.readiness.percent), (2, 2, Some(50.0)));
    let domains = &analysis.domains;
    assert_eq!(domains.len(), 1);
    assert_eq!(
        (
            domains[0].controls,
            domains[0].implemented,
            domains[0].partially_implemented,
            domains[0].not_implemented,
            domains[0].not_assessed
        ),
        (4, 1, 1, 1, 1)
    );
}

#[test]
fn remaining_effort_and_the_saving_from_shared_work() {
    let (store, id) = gap_store();
    let effort = store.views().analysis(id, &settings()).unwrap().effort;
    // Remaining: G-01 0.5 (both), G-02 20 / 2 = 10 (both), G-03 1.5 (ISO), G-05 0 (implemented).
    assert_eq!(
        effort.alone,
        [
            FrameworkDays { framework: ScopeFramework::Iso27001, days: 12.0 },
            FrameworkDays { framework: ScopeFramework::Soc2, days: 10.5 },
        ]
    );
    assert_eq!((effort.together, effort.saving), (12.0, 10.5));

    // The roadmap plans with the same remaining effort.
    let table = store.views().effort_table(id, today()).unwrap().expect("the client has an assessment");
    assert_eq!(table.alone(ScopeFramework::Iso27001), 12.0);
    assert!(table.alone(ScopeFramework::Soc2) >= 10.5);
    let advice = store
        .views()
        .advice(
            id,
            &AdviceSettings { today: today(), start: None, capacity_days_per_week: None },
            &Overrides::default(),
        )
        .unwrap();
    for planned in &advice.roadmap.effort.alone {
        assert_eq!(planned.days, (table.alone(planned.framework) * 10.0).round() / 10.0, "{:?}", planned.framework);
    }
    assert_eq!(advice.client, "Gap Test Inc.");
}

#[test]
fn the_roadmap_uses_the_assessment_once_there_is_one() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::load_demo(&mut store).unwrap();
    let nordlicht: ClientId = "972a8469-1641-4f82-8b9d-2434e465e150".parse().unwrap();
    let advice_settings = AdviceSettings { today: today(), start: None, capacity_days_per_week: None };
    let assessed = store.views().advice(nordlicht, &advice_settings, &Overrides::default()).unwrap();
    let profile = store.clients().get(nordlicht).unwrap().profile;
    let before = crate::recommend::advise(&profile, &advice_settings, &Overrides::default()).unwrap();
    assert_eq!(assessed.recommendation, before.recommendation);
    let days = |a: &crate::recommend::Advice, f: ScopeFramework| {
        a.roadmap.effort.alone.iter().find(|x| x.framework == f).map(|x| x.days).unwrap()
    };
    assert!(
        days(&assessed, ScopeFramework::Iso42001) < days(&before, ScopeFramework::Iso42001),
        "work already done is not planned again"
    );

    // A client without an assessment gets the same advice from the store as without it.
    let fresh = client(&mut store, profile.clone());
    let stored = store.views().advice(fresh, &advice_settings, &Overrides::default()).unwrap();
    assert_eq!(stored.roadmap, before.roadmap);
    assert!(store.views().effort_table(fresh, today()).unwrap().is_none());
}

#[test]
fn statement_of_applicability_rows() {
    let (store, id) = rule_store();
    let soa = store.views().soa(id, ScopeFramework::Iso27001, today()).unwrap();
    assert!(soa.in_scope);
    assert_eq!(soa.rows.len(), annex_cases(), "Annex A controls only, no clauses");
    let row = |case: &str| soa.rows.iter().find(|r| r.requirement_id == case_id(case_index(case))).unwrap();
    let excluded = row("every control not applicable");
    assert!(!excluded.applicable);
    assert_eq!(excluded.status, RequirementStatus::NotApplicable);
    assert_eq!(excluded.theme, "A.5");
    let i = case_index("every control not applicable") + 1;
    assert_eq!(
        excluded.justification.en,
        format!("CW-R{i:02}-0: Does not apply here. CW-R{i:02}-1: Does not apply here.")
    );

    let mixed = row("an equal control implemented, the others not");
    assert!(mixed.applicable);
    let i = case_index("an equal control implemented, the others not") + 1;
    assert_eq!(
        mixed.justification.en,
        format!("Implemented by CW-R{i:02}-0. To be implemented by CW-R{i:02}-1, CW-R{i:02}-2.")
    );
    assert_eq!(
        mixed.justification.de,
        format!("Umgesetzt durch CW-R{i:02}-0. Umzusetzen durch CW-R{i:02}-1, CW-R{i:02}-2.")
    );
    assert_eq!(mixed.controls.iter().map(|c| c.status).collect::<Vec<_>>(), [Impl, No, No]);
    let partial = row("the equal control not applicable, the intersect implemented");
    assert!(partial.applicable);
    assert!(partial.justification.en.starts_with("Implemented by "), "{}", partial.justification.en);
    assert!(partial.justification.en.ends_with(": Does not apply here."), "{}", partial.justification.en);

    let err = store.views().soa(id, ScopeFramework::Soc2, today()).unwrap_err();
    assert_eq!(fields(err), ["framework: a Statement of Applicability exists for iso27001 and iso42001, not soc2"]);

    // As a spreadsheet, in either language.
    let csv = String::from_utf8(
        store.views().export_soa(id, ScopeFramework::Iso27001, SheetFormat::Csv, Lang::De, today()).unwrap(),
    )
    .unwrap();
    let first = csv.lines().next().unwrap();
    assert_eq!(first, "Maßnahme,Thema,Titel,anwendbar,Begründung,Umsetzungsstand,umgesetzt durch");
    assert_eq!(csv.lines().count(), annex_cases() + 1);
    assert!(csv.contains(",nein,"));
    let xlsx = store.views().export_soa(id, ScopeFramework::Iso27001, SheetFormat::Xlsx, Lang::En, today()).unwrap();
    let cells = crate::assessment::sheet::read_cells(&xlsx, SheetFormat::Xlsx).unwrap();
    assert_eq!(cells.len(), annex_cases() + 1);
    assert_eq!(cells[1].1[0], "A.5.1");
    assert_eq!(cells[1].1[3], "yes");
}

#[test]
fn the_soa_of_a_demo_client_excludes_what_does_not_apply() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::load_demo(&mut store).unwrap();
    let kestrel: ClientId = "17fc695a-07a0-4a6e-8822-e8f36c031199".parse().unwrap();
    let soa = store.views().soa(kestrel, ScopeFramework::Iso27001, today()).unwrap();
    assert_eq!(soa.rows.len(), 93, "every ISO/IEC 27001 Annex A control");
    assert!(soa.rows.iter().all(|r| r.theme.starts_with("A.")));
    let excluded: Vec<&SoaRow> = soa.rows.iter().filter(|r| !r.applicable).collect();
    assert!(!excluded.is_empty());
    assert!(excluded.iter().all(|r| !r.justification.en.is_empty() && r.controls.iter().all(|c| c.status == Na)));
    assert!(soa.rows.iter().filter(|r| r.applicable).all(|r| !r.controls.is_empty()));
}

#[test]
fn scope_default_choice_and_filtering() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::load_demo(&mut store).unwrap();
    let catalog = crate::catalog::shipped().unwrap();
    for c in store.clients().list(&Default::default()).unwrap() {
        let profile = store.clients().get(c.id).unwrap().profile;
        let scope = store.scopes().get(c.id, today()).unwrap();
        let rec = crate::recommend::recommend(&profile, &crate::recommend::Context { catalog, today: today() });
        if !scope.chosen {
            let expected = default_scope(&rec);
            assert_eq!(scope.frameworks, expected.frameworks, "{}", c.name);
            for (key, categories) in crate::recommend::scope_of(&rec) {
                assert!(scope.frameworks.contains(&key));
                if key == ScopeFramework::Soc2 {
                    assert_eq!(scope.soc2_categories, categories, "{}", c.name);
                }
            }
        }
        // The AI Act obligations derived in SQL are the recommendation's, for EU-exposed clients.
        if scope.contains(ScopeFramework::EuAiAct) {
            let mut from_sql: Vec<String> = scope.ai_act_obligations.iter().map(|o| o.requirement_id.clone()).collect();
            let mut from_rec: Vec<String> =
                rec.ai_act.iter().flat_map(|s| s.obligations.iter().map(|o| o.requirement_id.clone())).collect();
            from_sql.sort();
            from_rec.sort();
            from_rec.dedup();
            assert_eq!(from_sql, from_rec, "{}", c.name);
        }
        // The GDPR and NIS2 requirements stored are the recommendation's: those that apply and
        // those an open question may bring.
        for (key, framework) in
            [(ScopeFramework::Gdpr, ScopeFramework::Gdpr), (ScopeFramework::Nis2, ScopeFramework::Nis2)]
        {
            if !scope.contains(framework) {
                continue;
            }
            let v = rec.frameworks.iter().find(|v| v.framework == key).unwrap();
            let mut from_sql: Vec<String> = scope
                .regulatory_obligations
                .iter()
                .filter(|o| o.framework == framework)
                .map(|o| o.requirement_id.clone())
                .collect();
            let mut from_rec: Vec<String> = v.obligations.iter().map(|o| o.requirement_id.clone()).collect();
            from_rec.extend(v.questions.iter().flat_map(|q| q.requirement_ids.iter().cloned()));
            from_sql.sort();
            from_rec.sort();
            from_rec.dedup();
            assert_eq!(from_sql, from_rec, "{} {framework}", c.name);
        }
        // Every control shown serves something in scope, and only frameworks in scope.
        let view = store.views().assessment(c.id, today()).unwrap();
        assert!(!view.rows.is_empty(), "{}", c.name);
        assert!(view.rows.iter().all(|r| !r.frameworks.is_empty() && r.frameworks.iter().all(|f| scope.contains(*f))));
    }

    let talentlens: ClientId = "23b8c1e9-3924-46de-beb1-3b9046685257".parse().unwrap();
    let chosen = scope(&mut store, talentlens, &["soc2"], &[]);
    assert!(chosen.chosen && chosen.updated_at.is_some());
    assert_eq!(chosen.soc2_categories, [Soc2Category::Security]);
    assert!(chosen.ai_act_obligations.is_empty());
    let view = store.views().assessment(talentlens, today()).unwrap();
    assert!(view.rows.iter().all(|r| r.frameworks == [ScopeFramework::Soc2]));
    let analysis = store.views().analysis(talentlens, &settings()).unwrap();
    assert_eq!(analysis.frameworks.len(), 1);
    let soc2_security_criteria = catalog
        .framework("soc2")
        .unwrap()
        .requirements
        .iter()
        .filter(|r| r.assessable && r.soc2_category == Some(Soc2Category::Security))
        .count() as u32;
    assert_eq!(analysis.frameworks[0].readiness.requirements, soc2_security_criteria, "security only");
    let with_privacy = scope(&mut store, talentlens, &["soc2"], &["privacy"]);
    assert_eq!(with_privacy.soc2_categories, [Soc2Category::Security, Soc2Category::Privacy]);
    assert!(
        store.views().analysis(talentlens, &settings()).unwrap().frameworks[0].readiness.requirements
            > soc2_security_criteria
    );

    let reset = store.scopes().reset(talentlens, today()).unwrap();
    assert!(!reset.chosen);
    assert!(reset.contains(ScopeFramework::EuAiAct));
    assert!(!reset.ai_act_obligations.is_empty());

    let err = store.scopes().set(talentlens, &ScopeInput::default(), today()).unwrap_err();
    assert_eq!(fields(err), ["frameworks: choose at least one framework"]);
    let nobody = ClientId::random();
    assert!(matches!(store.scopes().get(nobody, today()), Err(Error::ClientNotFound(_))));
    assert!(matches!(
        store.scopes().set(nobody, &ScopeInput { frameworks: vec!["soc2".into()], ..Default::default() }, today()),
        Err(Error::ClientNotFound(_))
    ));
}

#[test]
fn dated_assessments_and_history() {
    let mut store = Store::open_in_memory().unwrap();
    let id = client(&mut store, profile("History AG"));
    scope(&mut store, id, &["iso27001"], &[]);
    assert!(store.assessments().list(id).unwrap().is_empty());
    assert!(store.assessments().current(id).unwrap().is_none());

    let first = store.assessments().start(id, date("2026-03-10"), AssessmentStart::Empty, today()).unwrap();
    assert!(first.current);
    set(&mut store, id, &[("CW-GOV-06", Impl), ("CW-ACC-01", Part)]);
    let second = store.assessments().start(id, date("2026-09-15"), AssessmentStart::FromPrevious, today()).unwrap();
    assert_eq!(second.recorded, 2, "started as a copy of the previous one");
    set(&mut store, id, &[("CW-ACC-01", Impl), ("CW-ACC-02", Impl), ("CW-ACC-03", Impl)]);
    let all = store.assessments().list(id).unwrap();
    assert_eq!(
        all.iter().map(|a| (a.date, a.current, a.recorded)).collect::<Vec<_>>(),
        [(date("2026-03-10"), false, 2), (date("2026-09-15"), true, 4),]
    );
    assert_eq!(store.assessments().entry(id, "cw-acc-01").unwrap().status, Impl, "writes go to the latest");

    let history = store.views().history(id, &settings()).unwrap();
    assert_eq!(history.iter().map(|h| h.date).collect::<Vec<_>>(), [date("2026-03-10"), date("2026-09-15")]);
    let pct = |i: usize| history[i].frameworks[0].readiness.percent.unwrap();
    assert!(pct(1) > pct(0), "progress shows: {} then {}", pct(0), pct(1));
    let analysis = store.views().analysis(id, &settings()).unwrap();
    assert_eq!(
        history[1].frameworks[0].readiness, analysis.frameworks[0].readiness,
        "the last point is today's analysis"
    );

    // An earlier assessment can be recorded afterwards; it is not the current one.
    let backfilled = store.assessments().start(id, date("2025-12-01"), AssessmentStart::Empty, today()).unwrap();
    assert!(!backfilled.current);
    assert_eq!(store.assessments().current(id).unwrap().unwrap().date, date("2026-09-15"));
    assert_eq!(store.views().history(id, &settings()).unwrap().len(), 3);

    let err = store.assessments().start(id, date("2026-09-15"), AssessmentStart::Empty, today()).unwrap_err();
    assert_eq!(fields(err), ["date: the client already has an assessment dated 2026-09-15"]);
    let err = store.assessments().start(id, date("2026-12-01"), AssessmentStart::Empty, today()).unwrap_err();
    assert_eq!(fields(err), ["date: 2026-12-01 is after today (2026-11-29): an assessment records what is"]);
    let other = client(&mut store, profile("No History GmbH"));
    let err = store.assessments().start(other, date("2026-01-01"), AssessmentStart::FromPrevious, today()).unwrap_err();
    assert_eq!(fields(err), ["from_previous: there is no assessment before 2026-01-01 to copy"]);
    assert!(store.assessments().list(other).unwrap().is_empty(), "nothing written");
}

#[test]
fn recording_one_control() {
    let mut store = Store::open_in_memory().unwrap();
    let id = client(&mut store, profile("Record GmbH"));
    let entry = ControlEntry {
        control_id: "cw-phy-01".into(),
        status: "not_applicable".into(),
        justification: "Fully remote company, no office.".into(),
        evidence: vec!["Lease termination 2025.pdf".into()],
        owner: "COO".into(),
        due: "2027-01-31".into(),
        notes: "Checked on site.".into(),
    };
    let saved = store.assessments().save(id, &entry, today()).unwrap();
    assert_eq!(saved.control_id, "CW-PHY-01");
    assert_eq!(saved.status, Na);
    assert_eq!(saved.due, Some(date("2027-01-31")));
    assert!(saved.updated_at.is_some());
    let started = store.assessments().current(id).unwrap().unwrap();
    assert_eq!((started.date, started.recorded), (today(), 1), "the first write starts an assessment dated today");
    assert_eq!(store.assessments().entry(id, "CW-PHY-01").unwrap(), saved);

    // Every rule is checked first; nothing is written on error.
    let bad = ControlEntry { control_id: "CW-PHY-02".into(), status: "not_applicable".into(), ..Default::default() };
    assert_eq!(
        fields(store.assessments().save(id, &bad, today()).unwrap_err()),
        ["justification: is required when the status is not_applicable: say why the control does not apply"]
    );
    let unknown = ControlEntry { control_id: "CW-NOPE-01".into(), status: "implemented".into(), ..Default::default() };
    assert_eq!(
        fields(store.assessments().save(id, &unknown, today()).unwrap_err()),
        ["control_id: unknown control `CW-NOPE-01`"]
    );
    assert_eq!(store.assessments().current(id).unwrap().unwrap().recorded, 1);
    assert!(matches!(store.assessments().entry(id, "CW-NOPE-01"), Err(Error::NotFound { kind: "control", .. })));
    assert!(matches!(store.assessments().save(ClientId::random(), &entry, today()), Err(Error::ClientNotFound(_))));

    // A blank entry clears the control.
    let blank = ControlEntry { control_id: "CW-PHY-01".into(), ..Default::default() };
    let cleared = store.assessments().save(id, &blank, today()).unwrap();
    assert_eq!((cleared.status, cleared.updated_at), (Unknown, None));
    assert_eq!(store.assessments().current(id).unwrap().unwrap().recorded, 0);

    // Custom controls take part like shipped ones.
    store
        .catalog()
        .add_custom_control(&crate::store::NewCustomControl {
            id: "X-DORA-01".into(),
            domain: "governance".into(),
            effort: "M".into(),
            title: Text::new("ICT register", ""),
            objective: Text::new("A register is kept.", ""),
            evidence: Text::default(),
        })
        .unwrap();
    let custom = ControlEntry { control_id: "x-dora-01".into(), status: "implemented".into(), ..Default::default() };
    assert_eq!(store.assessments().save(id, &custom, today()).unwrap().control_id, "X-DORA-01");
}

#[test]
fn csv_and_xlsx_round_trip() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::load_demo(&mut store).unwrap();
    let kestrel: ClientId = "17fc695a-07a0-4a6e-8822-e8f36c031199".parse().unwrap();
    let strip = |view: AssessmentView| -> Vec<AssessmentRow> {
        view.rows.into_iter().map(|r| AssessmentRow { updated_at: None, ..r }).collect()
    };
    let before = strip(store.views().assessment(kestrel, today()).unwrap());
    assert!(before.iter().any(|r| r.status == Na && !r.justification.is_empty()));
    assert!(before.iter().any(|r| !r.evidence.is_empty() && !r.notes.is_empty() && r.due.is_some()));
    for format in [SheetFormat::Csv, SheetFormat::Xlsx] {
        for lang in [Lang::En, Lang::De] {
            let exported = store.assessments().export(kestrel, format, lang, today()).unwrap();
            let outcome = store.assessments().import(kestrel, &exported, format, today()).unwrap();
            assert_eq!(outcome.rows as usize, before.len(), "{format:?}");
            assert_eq!(strip(store.views().assessment(kestrel, today()).unwrap()), before, "{format:?} {lang:?}");
            assert_eq!(
                store.assessments().export(kestrel, format, lang, today()).unwrap(),
                exported,
                "{format:?} {lang:?}"
            );
        }
    }
    let csv =
        String::from_utf8(store.assessments().export(kestrel, SheetFormat::Csv, Lang::En, today()).unwrap()).unwrap();
    assert!(
        csv.starts_with("control_id,title,domain,effort,frameworks,status,owner,due,evidence,notes,justification\r\n")
    );

    // Edited in a spreadsheet and imported again: the change lands, the rest stays.
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&header).unwrap();
    for record in reader.records() {
        let mut cells: Vec<String> = record.unwrap().iter().map(str::to_owned).collect();
        if cells[0] == "CW-GOV-18" {
            cells[5] = "Implemented".into();
            cells[6] = "Helen Shaw".into();
        }
        writer.write_record(&cells).unwrap();
    }
    let edited = writer.into_inner().unwrap();
    let outcome = store.assessments().import(kestrel, &edited, SheetFormat::Csv, today()).unwrap();
    assert_eq!(outcome.rows as usize, before.len());
    let after = store.assessments().entry(kestrel, "CW-GOV-18").unwrap();
    assert_eq!((after.status, after.owner.as_str()), (Impl, "Helen Shaw"));
    let changed: Vec<String> = strip(store.views().assessment(kestrel, today()).unwrap())
        .into_iter()
        .zip(&before)
        .filter(|(a, b)| a != *b)
        .map(|(a, _)| a.control_id)
        .collect();
    assert_eq!(changed, ["CW-GOV-18"]);
}

#[test]
fn every_import_rejection_names_its_row_and_nothing_is_written() {
    let header = "control_id,status,owner,due,evidence,notes,justification";
    let lines = [
        "CW-ACC-01,implemented,IT,,,,",
        "CW-NOPE-01,implemented,,,,,",
        "CW-ACC-02,done,,,,,",
        "CW-ACC-03,not_implemented,,2027-02-30,,,",
        "CW-PHY-01,not_applicable,,,,,",
        "cw-acc-01,partially_implemented,,,,,",
        "",
        ",implemented,,,,,",
    ];
    let csv = format!("{header}\r\n{}\r\n", lines.join("\r\n"));
    let expected = [
        "row 3, control_id: unknown control `CW-NOPE-01`",
        "row 4, status: unknown status `done` (expected one of: not_assessed, not_implemented, partially_implemented, implemented, not_applicable)",
        "row 5, due: `2027-02-30` is not a date in the form YYYY-MM-DD",
        "row 6, justification: is required when the status is not_applicable: say why the control does not apply",
        "row 7, control_id: CW-ACC-01 is already on row 2",
        "row 9, control_id: is required",
    ];
    let sheet: Vec<Vec<String>> = std::iter::once(header)
        .chain(lines.iter().copied())
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect();
    let xlsx = crate::assessment::sheet::write_sheet(&sheet, SheetFormat::Xlsx, "Assessment", today()).unwrap();

    let mut store = Store::open_in_memory().unwrap();
    let fresh = client(&mut store, profile("Import GmbH"));
    let assessed = client(&mut store, profile("Assessed GmbH"));
    set(&mut store, assessed, &[("CW-ACC-01", Part), ("CW-ACC-03", Impl)]);
    let before = store.views().assessment(assessed, today()).unwrap();
    for (format, bytes) in [(SheetFormat::Csv, csv.as_bytes()), (SheetFormat::Xlsx, xlsx.as_slice())] {
        for id in [fresh, assessed] {
            let err = store.assessments().import(id, bytes, format, today()).unwrap_err();
            assert_eq!(fields(err), expected, "{format:?}");
        }
        assert!(store.assessments().list(fresh).unwrap().is_empty(), "no assessment was started");
        assert_eq!(store.views().assessment(assessed, today()).unwrap(), before, "nothing changed");
    }
    let err = store.assessments().import(fresh, b"control_id,status\r\n", SheetFormat::Csv, today()).unwrap_err();
    assert_eq!(fields(err), [": the file holds no control rows (one row per control under the header)"]);
    let err = store
        .assessments()
        .import(fresh, b"id,state\r\nCW-ACC-01,implemented\r\n", SheetFormat::Csv, today())
        .unwrap_err();
    assert_eq!(fields(err).len(), 2);
    assert!(store.assessments().list(fresh).unwrap().is_empty());
}

#[test]
fn summaries_stay_in_step_with_every_change() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::load_demo(&mut store).unwrap();
    let fresh = client(&mut store, profile("Not Assessed Yet GmbH"));
    let check = |store: &Store, when: &str| {
        // The tables derived from the catalogue hold exactly what their definitions give.
        let differ = |sql: &str| -> i64 { store.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
        let mappings = "SELECT framework, requirement_id, control_id, relationship, custom FROM all_mappings";
        let stored = "SELECT framework, requirement_id, control_id, relationship, custom FROM effective_mappings";
        assert_eq!(
            differ(&format!("SELECT count(*) FROM ({mappings} EXCEPT {stored})")),
            0,
            "{when}: mappings missing"
        );
        assert_eq!(differ(&format!("SELECT count(*) FROM ({stored} EXCEPT {mappings})")), 0, "{when}: stale mappings");
        let units = "SELECT framework, unit, requirement_id FROM analysis_units";
        let stored = "SELECT framework, unit, requirement_id FROM requirement_units";
        assert_eq!(differ(&format!("SELECT count(*) FROM ({units} EXCEPT {stored})")), 0, "{when}: units missing");
        assert_eq!(differ(&format!("SELECT count(*) FROM ({stored} EXCEPT {units})")), 0, "{when}: stale units");
        let ancestors = "WITH RECURSIVE up (framework, requirement_id, ancestor) AS (
                SELECT framework, id, id FROM requirements
                UNION ALL
                SELECT up.framework, up.requirement_id, r.parent
                FROM up JOIN requirements r ON r.framework = up.framework AND r.id = up.ancestor
                WHERE r.parent IS NOT NULL)
            SELECT up.framework, up.requirement_id, a.id, a.depth, a.kind, a.assessable, a.position
            FROM up JOIN requirements a ON a.framework = up.framework AND a.id = up.ancestor";
        let stored = "SELECT framework, requirement_id, ancestor_id, ancestor_depth, ancestor_kind,
                             ancestor_assessable, ancestor_position FROM requirement_ancestors";
        let (n, m) = (
            differ(&format!("SELECT count(*) FROM ({ancestors})")),
            differ(&format!("SELECT count(*) FROM ({stored})")),
        );
        assert_eq!(n, m, "{when}: ancestors");
        assert_eq!(differ(&format!("SELECT count(*) FROM ({ancestors} EXCEPT {stored})")), 0, "{when}: ancestors");
        // The clients' totals hold exactly what the summaries and obligations give now.
        let totals = format!(
            "SELECT c.id, s.framework, CASE WHEN s.framework = 'soc2' THEN s.unit ELSE '' END,
                    sum(s.met), sum(s.partial), sum(s.unmet), sum(s.not_applicable), sum(s.not_assessed)
             FROM clients c {}",
            super::summary::TOTALS_WHERE
        );
        let stored = "SELECT client_id, framework, unit, met, partial, unmet, not_applicable, not_assessed
                      FROM client_framework_totals";
        let (n, m) =
            (differ(&format!("SELECT count(*) FROM ({totals})")), differ(&format!("SELECT count(*) FROM ({stored})")));
        assert!(n > 0);
        assert_eq!(n, m, "{when}: totals");
        assert_eq!(differ(&format!("SELECT count(*) FROM ({totals} EXCEPT {stored})")), 0, "{when}: totals missing");
        assert_eq!(differ("SELECT count(*) FROM client_totals_stale"), 0, "{when}: totals left stale");
        for weight in [0.5, 0.2] {
            let s = AnalysisSettings { today: today(), partial_weight: Some(weight) };
            for row in store.views().portfolio_readiness(&s).unwrap() {
                let analysis = store.views().analysis(row.client_id, &s).unwrap();
                assert_row_is_its_analysis(&row, &analysis, when);
            }
        }
    };
    check(&store, "after the demo");
    let portfolio = store.views().portfolio_readiness(&settings()).unwrap();
    assert_eq!(portfolio.len(), 15);
    let not_yet = portfolio.iter().find(|r| r.client_id == fresh).unwrap();
    assert!(not_yet.assessment_date.is_none());
    assert!(not_yet
        .frameworks
        .iter()
        .all(|f| f.readiness.met == 0 && f.readiness.not_assessed == f.readiness.applicable));

    // A client's EU AI Act obligations follow its profile.
    let obligations_in_step = |store: &Store| {
        let differ: i64 = store.conn().query_row("SELECT count(*) FROM client_ai_stale", [], |r| r.get(0)).unwrap();
        assert_eq!(differ, 0);
    };
    obligations_in_step(&store);
    let talentlens: ClientId = "23b8c1e9-3924-46de-beb1-3b9046685257".parse().unwrap();
    let before = store.scopes().get(talentlens, today()).unwrap().ai_act_obligations.len();
    let mut p = store.clients().get(talentlens).unwrap().profile;
    p.ai_systems.retain(|s| !s.risk.is_high_risk());
    store.clients().update(talentlens, &p.validate().unwrap()).unwrap();
    let after = store.scopes().get(talentlens, today()).unwrap().ai_act_obligations.len();
    assert!(after > 0 && after < before, "{before} obligations, then {after}");
    obligations_in_step(&store);
    check(&store, "after a profile change");

    // A custom mapping changes requirement statuses of every client.
    store
        .catalog()
        .add_custom_mapping(&crate::store::NewCustomMapping {
            control_id: "CW-GOV-06".into(),
            framework: "iso42001".into(),
            requirement_id: "A.2.2".into(),
            relationship: "superset".into(),
        })
        .unwrap();
    check(&store, "after a custom mapping");
    store
        .catalog()
        .add_custom_control(&crate::store::NewCustomControl {
            id: "X-NIS-01".into(),
            domain: "governance".into(),
            effort: "S".into(),
            title: Text::new("Supplier register", ""),
            objective: Text::new("Suppliers are listed.", ""),
            evidence: Text::default(),
        })
        .unwrap();
    store
        .catalog()
        .add_custom_mapping(&crate::store::NewCustomMapping {
            control_id: "X-NIS-01".into(),
            framework: "iso27001".into(),
            requirement_id: "A.5.19".into(),
            relationship: "subset".into(),
        })
        .unwrap();
    check(&store, "after a custom control and its mapping");
    store.catalog().delete_custom_control("X-NIS-01").unwrap();
    check(&store, "after a custom control is deleted");
    let nordlicht: ClientId = "972a8469-1641-4f82-8b9d-2434e465e150".parse().unwrap();
    let entry = ControlEntry { control_id: "CW-AIG-01".into(), status: "not_implemented".into(), ..Default::default() };
    store.assessments().save(nordlicht, &entry, today()).unwrap();
    check(&store, "after a status change");
    let mut changed = crate::catalog::shipped().unwrap().clone();
    changed.mappings.retain(|m| m.control_id != "CW-AIG-01");
    changed.controls.retain(|c| c.id != "CW-AIG-01");
    changed.content_hash = "00000000000000aa".into();
    store.catalog().install(&changed).unwrap();
    check(&store, "after a catalogue update");
    obligations_in_step(&store);
    assert!(store.views().assessment(nordlicht, today()).unwrap().rows.iter().all(|r| r.control_id != "CW-AIG-01"));

    // Deleting a client deletes its assessments and their summaries.
    store.clients().delete(nordlicht).unwrap();
    assert!(store.views().portfolio_readiness(&settings()).unwrap().iter().all(|r| r.client_id != nordlicht));
    let left: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM assessment_summary WHERE assessment_id NOT IN (SELECT id FROM assessments)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
}

#[test]
fn the_demo_assessments_are_plausible_and_load_once() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::load_demo(&mut store).unwrap();
    let counts = |store: &Store| -> Vec<usize> {
        store
            .clients()
            .list(&Default::default())
            .unwrap()
            .iter()
            .map(|c| store.assessments().list(c.id).unwrap().len())
            .collect()
    };
    let first = counts(&store);
    assert!(first.iter().all(|n| *n >= 1), "every demo client has an assessment: {first:?}");
    crate::demo::load_demo(&mut store).unwrap();
    assert_eq!(counts(&store), first, "loading again adds nothing");

    let readiness = |id: &str, f: ScopeFramework| -> f64 {
        let analysis = store.views().analysis(id.parse().unwrap(), &settings()).unwrap();
        analysis.frameworks.iter().find(|x| x.framework == f).and_then(|x| x.readiness.percent).unwrap()
    };
    let nordlicht = "972a8469-1641-4f82-8b9d-2434e465e150";
    let cloudmere = "9a1de644-815e-46d1-bb8f-aa1837f8a88b";
    let harbor = "bdd640fb-0667-4ad1-9c80-317fa3b1799d";
    assert!(readiness(nordlicht, ScopeFramework::Iso27001) > 80.0);
    assert!(readiness(nordlicht, ScopeFramework::Iso42001) < readiness(nordlicht, ScopeFramework::Iso27001));
    assert!(readiness(cloudmere, ScopeFramework::Soc2) > 90.0);
    assert!(readiness(harbor, ScopeFramework::Soc2) < 40.0);
    let history = store.views().history(nordlicht.parse().unwrap(), &settings()).unwrap();
    assert_eq!(history.len(), 2);
    let iso42001 = |h: &HistoryPoint| {
        h.frameworks.iter().find(|f| f.framework == ScopeFramework::Iso42001).unwrap().readiness.percent.unwrap()
    };
    assert!(iso42001(&history[1]) > iso42001(&history[0]), "Nordlicht makes progress on AI governance");
    let gaps = store.views().analysis(harbor.parse().unwrap(), &settings()).unwrap().gaps;
    assert!(gaps.iter().any(|g| !g.owner.is_empty() && g.due.is_some()), "some gaps have an owner and a due date");
    let kestrel: ClientId = "17fc695a-07a0-4a6e-8822-e8f36c031199".parse().unwrap();
    assert!(store.scopes().get(kestrel, today()).unwrap().chosen);
}

/// A store with the shipped catalogue and one client, SOC 2 (with availability), ISO/IEC 27001
/// and 42001 in scope.
fn shipped_store() -> (Store, ClientId) {
    let mut store = Store::open_in_memory().unwrap();
    let id = client(&mut store, profile("Shipped Test GmbH"));
    scope(&mut store, id, &["iso27001", "soc2", "iso42001"], &["availability"]);
    (store, id)
}

/// Management-system controls (equal, superset or subset to a clause 4 to 10 requirement of
/// ISO/IEC 27001 or 42001) cannot be recorded as not applicable, neither one by one nor by import;
/// other controls can. Nothing is written on refusal.
#[test]
fn management_system_controls_cannot_be_not_applicable() {
    // (control, refused with this message, or accepted)
    let cases: &[(&str, Option<&str>)] = &[
        (
            "CW-GOV-05",
            Some("CW-GOV-05 cannot be not applicable: it serves ISO/IEC 27001 5.1, ISO/IEC 42001 5.1, management-system requirements (clauses 4 to 10) that always apply; record how far it is implemented instead"),
        ),
        (
            "CW-AIL-12",
            Some("CW-AIL-12 cannot be not applicable: it serves ISO/IEC 42001 6.1.1, ISO/IEC 42001 6.1.2, management-system requirements (clauses 4 to 10) that always apply; record how far it is implemented instead"),
        ),
        ("CW-RSK-02", Some("CW-RSK-02 cannot be not applicable: it serves ISO/IEC 27001 6.1.2,")),
        // Only an intersect with ISO/IEC 42001 4.4: a deployer may rightly exclude the provider QMS.
        ("CW-AIR-03", None),
        // Annex A and SOC 2 only.
        ("CW-PHY-05", None),
    ];
    for (control, refusal) in cases {
        let (store, id) = shipped_store();
        let entry = ControlEntry {
            control_id: control.to_string(),
            status: "not_applicable".into(),
            justification: "We think it does not apply.".into(),
            ..Default::default()
        };
        let single = store.assessments().save(id, &entry, today());
        let (store2, id2) = shipped_store();
        let imported = store2.assessments().import_rows(id2, &[row(0, control, "not_applicable")], today());
        match refusal {
            Some(message) => {
                let errors = fields(single.unwrap_err());
                assert_eq!(errors.len(), 1, "{control}: {errors:?}");
                assert!(errors[0].starts_with(&format!("status: {message}")), "{control}: {}", errors[0]);
                let errors = fields(imported.unwrap_err());
                assert!(errors[0].starts_with(&format!("row 2, status: {message}")), "{control}: {}", errors[0]);
                assert!(store.assessments().current(id).unwrap().is_none(), "{control}: nothing written");
                assert!(store2.assessments().current(id2).unwrap().is_none(), "{control}: nothing written");
            }
            None => {
                assert_eq!(single.unwrap().status, Na, "{control}");
                assert_eq!(imported.unwrap().recorded, 1, "{control}");
            }
        }
    }
}

/// With every shipped control implemented, every requirement is met, except the EU AI Act
/// provisions no control covers whole (documented in MAPPING-REVIEW.md); and leaving out the one
/// control that defines the AI risk criteria drops ISO/IEC 42001 6.1.1 and 6.1.2 to partial,
/// though the other subset controls are implemented.
#[test]
fn a_fully_implemented_client_meets_what_the_controls_cover() {
    let (mut store, id) = shipped_store();
    let controls: Vec<String> = crate::catalog::shipped().unwrap().controls.iter().map(|c| c.id.clone()).collect();
    let statuses: Vec<(&str, ControlStatus)> = controls.iter().map(|c| (c.as_str(), Impl)).collect();
    set(&mut store, id, &statuses);
    let never_met = ["Art.16", "Art.25(1)", "Art.25(3)"];
    for framework in ScopeFramework::ALL {
        for r in store.views().requirement_statuses(id, *framework, today()).unwrap() {
            let expected = if never_met.contains(&r.requirement_id.as_str()) {
                RequirementStatus::Partial
            } else {
                RequirementStatus::Met
            };
            assert_eq!(r.status, expected, "{framework} {}", r.requirement_id);
        }
    }
    set(&mut store, id, &[("CW-AIL-12", No)]);
    let rows = store.views().requirement_statuses(id, ScopeFramework::Iso42001, today()).unwrap();
    let status = |rid: &str| rows.iter().find(|r| r.requirement_id == rid).unwrap().status;
    assert_eq!((status("6.1.1"), status("6.1.2")), (RequirementStatus::Partial, RequirementStatus::Partial));
}

fn subservice(name: &str, method: &str, criteria: &[&str]) -> SubserviceInput {
    SubserviceInput {
        name: name.into(),
        method: method.into(),
        services: "Hosting of the production system".into(),
        criteria: criteria.iter().map(|c| c.to_string()).collect(),
    }
}

/// Carved-out SOC 2 criteria leave the client's scope (readiness, grid, requirement rows, the
/// portfolio's summaries); inclusive ones stay; a criterion is carved out only when every
/// subservice organisation serving it is.
#[test]
fn subservice_organisations_carve_criteria_out_of_scope() {
    // (organisations recorded, criteria carved out)
    type Case =
        (&'static str, &'static [(&'static str, &'static str, &'static [&'static str])], &'static [&'static str]);
    let cases: &[Case] = &[
        ("none", &[], &[]),
        ("one carve-out", &[("Cloud Host", "carve_out", &["CC6.4", "A1.2"])], &["CC6.4", "A1.2"]),
        ("written as words", &[("Cloud Host", "Carved out", &["cc6.4"])], &["CC6.4"]),
        ("inclusive stays in", &[("Cloud Host", "inclusive", &["CC6.4"])], &[]),
        (
            "carve-out beside inclusive stays in",
            &[("Cloud Host", "carve_out", &["CC6.4", "A1.2"]), ("Colocation", "inclusive", &["CC6.4"])],
            &["A1.2"],
        ),
        (
            "two carve-outs",
            &[("Cloud Host", "carve_out", &["CC6.4"]), ("Backup Co", "carve-out", &["CC6.4", "A1.2"])],
            &["CC6.4", "A1.2"],
        ),
    ];
    for (name, organisations, carved) in cases {
        let (mut store, id) = shipped_store();
        set(&mut store, id, &[("CW-PHY-02", Impl), ("CW-BCM-04", Part)]);
        scope(&mut store, id, &["soc2"], &["availability"]);
        for (org, method, criteria) in *organisations {
            store.scopes().set_subservice_organisation(id, &subservice(org, method, criteria), today()).unwrap();
        }
        let scope = store.scopes().get(id, today()).unwrap();
        assert_eq!(scope.carved_out, *carved, "{name}");
        assert_eq!(scope.subservice_organisations.len(), organisations.len(), "{name}");
        let analysis = store.views().analysis(id, &settings()).unwrap();
        let soc2 = &analysis.frameworks[0].readiness;
        assert_eq!(soc2.requirements as usize, 36 - carved.len(), "{name}: security 33 + availability 3");
        let portfolio = store.views().portfolio_readiness(&settings()).unwrap();
        assert_eq!(portfolio[0].frameworks[0].readiness, *soc2, "{name}: the summaries agree");
        let history = store.views().history(id, &settings()).unwrap();
        assert_eq!(history.last().unwrap().frameworks[0].readiness, *soc2, "{name}: the history agrees");
        let grid = store.views().assessment(id, today()).unwrap();
        // CW-PHY-02 serves only CC6.4 in SOC 2 (and ISO/IEC 27001, out of scope here).
        assert_eq!(
            grid.rows.iter().any(|r| r.control_id == "CW-PHY-02"),
            !carved.contains(&"CC6.4"),
            "{name}: the grid"
        );
        // CW-SUP-04 monitors the subservice organisation under CC9.2: always in.
        assert!(grid.rows.iter().any(|r| r.control_id == "CW-SUP-04"), "{name}");
        let rows = store.views().requirement_statuses(id, ScopeFramework::Soc2, today()).unwrap();
        let in_scope = rows.iter().find(|r| r.requirement_id == "CC6.4").unwrap().in_scope;
        assert_eq!(in_scope, !carved.contains(&"CC6.4"), "{name}: the requirement rows");
    }
}

#[test]
fn subservice_organisations_are_checked_and_removed() {
    let cases: &[(SubserviceInput, &[&str])] = &[
        (
            subservice("Cloud Host", "outsourced", &["CC6.4"]),
            &["method: unknown method `outsourced` (expected one of: carve_out, inclusive)"],
        ),
        (
            subservice("Cloud Host", "carve_out", &["CC6.4", "CC1.1", "cc9.2"]),
            &[
                "criteria[1]: CC1.1 cannot be carved out: the entity-level criteria (CC1 to CC5) describe the client's own internal control and CC9.2 its monitoring of vendors, this subservice organisation among them",
                "criteria[2]: CC9.2 cannot be carved out: the entity-level criteria (CC1 to CC5) describe the client's own internal control and CC9.2 its monitoring of vendors, this subservice organisation among them",
            ],
        ),
        (subservice("Cloud Host", "inclusive", &["CC99.9"]), &["criteria[0]: unknown SOC 2 criterion `CC99.9` (a criterion such as CC6.4 or A1.2)"]),
        (subservice("Cloud Host", "carve_out", &["CC6"]), &["criteria[0]: unknown SOC 2 criterion `CC6` (a criterion such as CC6.4 or A1.2)"]),
        (subservice(" ", "carve_out", &["CC6.4"]), &["name: is required: the subservice organisation's name"]),
        (subservice("Cloud Host", "carve_out", &[]), &["criteria: name at least one SOC 2 criterion the organisation serves"]),
    ];
    let (store, id) = shipped_store();
    for (input, expected) in cases {
        let err = store.scopes().set_subservice_organisation(id, input, today()).unwrap_err();
        assert_eq!(fields(err), *expected);
    }
    assert!(store.scopes().get(id, today()).unwrap().subservice_organisations.is_empty(), "nothing written");
    // An entity-level criterion may be served inclusively.
    store
        .scopes()
        .set_subservice_organisation(id, &subservice("Payroll Co", "inclusive", &["CC1.4"]), today())
        .unwrap();
    // Recording the same name again replaces it (ignoring case).
    store
        .scopes()
        .set_subservice_organisation(id, &subservice("Cloud Host", "carve_out", &["CC6.4"]), today())
        .unwrap();
    let scope = store
        .scopes()
        .set_subservice_organisation(id, &subservice("cloud host", "carve_out", &["A1.2"]), today())
        .unwrap();
    let names: Vec<(&str, SubserviceMethod, Vec<String>)> =
        scope.subservice_organisations.iter().map(|o| (o.name.as_str(), o.method, o.criteria.clone())).collect();
    assert_eq!(
        names,
        [
            ("cloud host", SubserviceMethod::CarveOut, vec!["A1.2".to_owned()]),
            ("Payroll Co", SubserviceMethod::Inclusive, vec!["CC1.4".to_owned()]),
        ]
    );
    assert_eq!(scope.carved_out, ["A1.2"]);
    let scope = store.scopes().remove_subservice_organisation(id, "CLOUD HOST", today()).unwrap();
    assert!(scope.carved_out.is_empty());
    let err = store.scopes().remove_subservice_organisation(id, "Nobody", today()).unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err}");
}

/// The GDPR requirements in scope follow the client's role as its profile changes: a processor
/// owes Art. 28 and not the controller's duties; the analysis counts only those.
#[test]
fn gdpr_scope_follows_the_role_in_the_profile() {
    use crate::domain::{Fact, GdprRole};
    let mut store = Store::open_in_memory().unwrap();
    let mut p = profile("Payroll Processor GmbH");
    p.regulatory.personal_data = Fact::Yes;
    p.regulatory.gdpr_role = GdprRole::Processor;
    p.regulatory.special_category_data = Fact::No;
    p.regulatory.high_risk_processing = Fact::No;
    p.regulatory.dpo_trigger = Fact::No;
    p.regulatory.transfers_outside_eea = Fact::Yes;
    let id = client(&mut store, p.clone());
    let chosen = scope(&mut store, id, &["gdpr"], &[]);
    let ids: Vec<&str> = chosen.regulatory_obligations.iter().map(|o| o.requirement_id.as_str()).collect();
    assert_eq!(
        ids,
        ["Art.28", "Art.30", "Art.32", "Art.33", "Art.44", "Art.45", "Art.46", "Art.47", "Art.48", "Art.49"]
    );
    assert!(chosen.regulatory_obligations.iter().all(|o| !o.open));
    let analysis = store.views().analysis(id, &settings()).unwrap();
    let gdpr = analysis.frameworks.iter().find(|f| f.framework == ScopeFramework::Gdpr).unwrap();
    assert_eq!(gdpr.readiness.requirements, 10);
    let row = store.views().portfolio_readiness(&settings()).unwrap().into_iter().find(|r| r.client_id == id).unwrap();
    assert_eq!(row.frameworks[0].readiness.requirements, 10);

    // Role unknown: what both roles owe applies, the rest is open and still counted.
    p.regulatory.gdpr_role = GdprRole::Unknown;
    store.clients().update(id, &p.clone().validate().unwrap()).unwrap();
    let after = store.scopes().get(id, today()).unwrap();
    let open: Vec<&str> =
        after.regulatory_obligations.iter().filter(|o| o.open).map(|o| o.requirement_id.as_str()).collect();
    assert!(open.contains(&"Art.28") && open.contains(&"Art.6") && !open.contains(&"Art.30"), "{open:?}");
    assert!(after.regulatory_obligations.iter().any(|o| o.requirement_id == "Art.30" && !o.open));
    let analysis = store.views().analysis(id, &settings()).unwrap();
    let gdpr = analysis.frameworks.iter().find(|f| f.framework == ScopeFramework::Gdpr).unwrap();
    assert_eq!(gdpr.readiness.requirements as usize, after.regulatory_obligations.len());
}

/// One patch of several controls: the fields given replace what is recorded, the others stay;
/// problems are named at their control, and one refuses the whole patch.
#[test]
fn a_patch_of_several_controls_keeps_what_it_does_not_give() {
    let mut store = Store::open_in_memory().unwrap();
    let id = client(&mut store, profile("Patchwork GmbH"));
    let controls: Vec<String> =
        store.views().assessment(id, today()).unwrap().rows.iter().take(3).map(|r| r.control_id.clone()).collect();
    let first = ControlEntry {
        control_id: controls[0].clone(),
        status: "partially_implemented".into(),
        owner: "CISO".into(),
        notes: "policy drafted".into(),
        ..Default::default()
    };
    store.assessments().save(id, &first, today()).unwrap();

    let patch = ControlPatch { due: Some("2027-03-31".into()), ..ControlPatch::status("implemented") };
    let outcome = store.assessments().patch(id, &controls, &patch, today()).unwrap();
    assert_eq!(outcome.rows, 3);
    let after = store.assessments().entry(id, &controls[0]).unwrap();
    assert_eq!(after.status, ControlStatus::Implemented);
    assert_eq!((after.owner.as_str(), after.notes.as_str()), ("CISO", "policy drafted"), "not given: kept");
    assert_eq!(after.due, Some(date("2027-03-31")));
    for c in &controls[1..] {
        assert_eq!(store.assessments().entry(id, c).unwrap().status, ControlStatus::Implemented);
    }

    // Refused whole, each problem at its control; nothing changes.
    let bad = vec![controls[1].clone(), "CW-NOPE-01".into()];
    let err = store.assessments().patch(id, &bad, &ControlPatch::status("not_applicable"), today()).unwrap_err();
    let named = fields(err);
    assert!(named.iter().any(|f| f.starts_with(&format!("{}: justification:", controls[1]))), "{named:?}");
    assert!(named.iter().any(|f| f.starts_with("CW-NOPE-01: control_id:")), "{named:?}");
    assert!(named.iter().all(|f| !f.starts_with("row")), "no invented row numbers: {named:?}");
    assert_eq!(store.assessments().entry(id, &controls[1]).unwrap().status, ControlStatus::Implemented);
}

/// The portfolio overview shows, for every client, exactly the readiness its own analysis shows
/// on the same date: for every demo client on dates around the calendar's milestones (the default
/// scopes follow the date), and after the changes that move a client's totals (a new current
/// assessment, a status, a carve-out, a chosen scope and its reset, an archived client).
#[test]
fn the_overview_shows_what_each_clients_analysis_shows() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::load_demo(&mut store).unwrap();
    let fresh = client(&mut store, profile("Not Assessed Yet GmbH"));
    let same = |store: &Store, when: &str, days: &[i64]| {
        for &d in days {
            let s = AnalysisSettings { today: today().plus_days(d), partial_weight: Some(0.5) };
            let rows = store.views().portfolio_readiness(&s).unwrap();
            let active = store.clients().list(&Default::default()).unwrap();
            assert_eq!(rows.len(), active.len(), "{when}, day {d}");
            for row in rows {
                let analysis = store.views().analysis(row.client_id, &s).unwrap();
                assert_row_is_its_analysis(&row, &analysis, &format!("{when}, day {d}"));
                let chosen = store.scopes().get(row.client_id, s.today).unwrap().chosen;
                assert_eq!(row.scope_chosen, chosen, "{when}, day {d}: {}", row.client_name);
            }
        }
    };
    // Twice in a row: the second time the default scopes are the ones kept for the date.
    let days = [-700, -400, -120, 0, 0, 30, 200, 250, 600, 1000, 0];
    same(&store, "the demo", &days);

    let nordlicht: ClientId = "972a8469-1641-4f82-8b9d-2434e465e150".parse().unwrap();
    let current = store.assessments().current(nordlicht).unwrap().unwrap().date;
    store
        .assessments()
        .start(nordlicht, current.plus_days(1), crate::assessment::AssessmentStart::FromPrevious, today().plus_days(1))
        .unwrap();
    let entry = ControlEntry { control_id: "CW-ACC-01".into(), status: "not_implemented".into(), ..Default::default() };
    store.assessments().save(nordlicht, &entry, today().plus_days(1)).unwrap();
    same(&store, "after a new assessment and a status", &[0, 1, 200]);

    set(&mut store, fresh, &[("CW-ACC-01", Impl), ("CW-ACC-03", Part)]);
    same(&store, "after the first assessment of a client", &[0, 1]);

    let scope =
        ScopeInput { frameworks: vec!["soc2".into(), "iso27001".into()], soc2_categories: vec!["availability".into()] };
    store.scopes().set(fresh, &scope, today()).unwrap();
    let carve = SubserviceInput {
        name: "Cloud host".into(),
        method: "carve_out".into(),
        services: "hosting".into(),
        criteria: vec!["A1.2".into(), "CC6.4".into()],
    };
    store.scopes().set_subservice_organisation(fresh, &carve, today()).unwrap();
    same(&store, "after a chosen scope with a carve-out", &[0, 1]);
    store.scopes().reset(fresh, today()).unwrap();
    same(&store, "after the scope is reset", &[0, 400]);

    let mut p = store.clients().get(nordlicht).unwrap().profile;
    p.ai_systems.clear();
    store.clients().update(nordlicht, &p.validate().unwrap()).unwrap();
    same(&store, "after a profile change", &[0, 1]);
    store.clients().archive(nordlicht).unwrap();
    same(&store, "after a client is archived", &[0]);
}

/// A portfolio overview row says what the client's own analysis says: readiness for every
/// framework with requirements in scope, and the date of the assessment it counts.
#[track_caller]
fn assert_row_is_its_analysis(row: &PortfolioRow, analysis: &Analysis, when: &str) {
    let expected: Vec<FrameworkPoint> = analysis
        .frameworks
        .iter()
        .filter(|f| f.readiness.requirements > 0)
        .map(|f| FrameworkPoint { framework: f.framework, readiness: f.readiness.clone() })
        .collect();
    assert_eq!(row.frameworks, expected, "{when}: {}", row.client_name);
    assert_eq!(row.assessment_date, analysis.assessment.as_ref().map(|a| a.date), "{when}: {}", row.client_name);
}
