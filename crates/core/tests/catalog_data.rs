//! The shipped catalogue against the reference framework ID lists and the published counts.
//!
//! The ID lists live in the repository, in `assets/reference/frameworks/` (their sources are in
//! `assets/reference/README.md`). These tests fail when a list is missing: a catalogue nobody
//! checked against its sources must not pass.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crosswalk_core::catalog::{self, Catalog, Framework, FrameworkKind, Relationship, RequirementKind, Soc2Category};

fn shipped() -> &'static Catalog {
    match catalog::shipped() {
        Ok(catalog) => catalog,
        Err(errors) => panic!(
            "the shipped catalogue is not valid:\n{}",
            errors.0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n")
        ),
    }
}

fn framework<'a>(catalog: &'a Catalog, id: &str) -> &'a Framework {
    catalog.framework(id).unwrap_or_else(|| panic!("the catalogue has no framework {id}"))
}

/// One row of a reference ID list.
struct Row {
    id: String,
    parent: Option<String>,
    kind: String,
}

fn reference_list(file: &str) -> Vec<Row> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets/reference/frameworks");
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the reference ID list {} is missing ({e})", path.display()));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let column =
        |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("{file} has no column {name}"));
    let (id, parent, kind) = (column("id"), column("parent_id"), column("kind"));
    let rows: Vec<Row> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            Row {
                id: r[id].to_owned(),
                parent: Some(r[parent].to_owned()).filter(|p| !p.is_empty()),
                kind: r[kind].to_owned(),
            }
        })
        .collect();
    assert!(rows.len() > 10, "{file} is suspiciously short");
    rows
}

/// Every id of the reference list is in the framework, under the same parent and of the same kind,
/// and the framework has no id the list does not have. `left_out` are ids deliberately not in
/// the catalogue; `kinds` renames list kinds the catalogue format does not know.
fn assert_complete(fw: &Framework, list: &[Row], left_out: &[&str], kinds: &[(&str, &str)]) {
    let mut problems = Vec::new();
    for row in list.iter().filter(|r| !left_out.contains(&r.id.as_str())) {
        let Some(req) = fw.requirement(&row.id) else {
            problems.push(format!("{} is missing", row.id));
            continue;
        };
        if req.parent != row.parent {
            problems.push(format!("{}: parent {:?}, the list says {:?}", row.id, req.parent, row.parent));
        }
        let kind = kinds.iter().find(|(from, _)| *from == row.kind).map_or(row.kind.as_str(), |(_, to)| to);
        if req.kind.as_str() != kind {
            problems.push(format!("{}: kind {}, the list says {}", row.id, req.kind, row.kind));
        }
    }
    let listed: BTreeSet<&str> = list.iter().map(|r| r.id.as_str()).collect();
    for req in fw.requirements.iter().filter(|r| !listed.contains(r.id.as_str())) {
        problems.push(format!("{} is not in the reference list", req.id));
    }
    for id in left_out {
        assert!(listed.contains(id), "{id} is declared left out but is not in the list");
        assert!(fw.requirement(id).is_none(), "{id} is declared left out but is in the catalogue");
    }
    assert!(problems.is_empty(), "{}: {}", fw.id, problems.join("; "));
}

#[test]
fn iso27001_matches_the_reference_id_list() {
    let catalog = shipped();
    assert_complete(framework(catalog, "iso27001"), &reference_list("iso27001_2022_structure.csv"), &[], &[]);
}

#[test]
fn iso42001_matches_the_reference_id_list() {
    let catalog = shipped();
    // Annexes B to D are guidance and informative annexes with nothing to assess; they are left
    // out on purpose (see the header of frameworks/iso42001.toml). The list's `sub_objective`
    // is written as `objective`, which the catalogue format knows.
    assert_complete(
        framework(catalog, "iso42001"),
        &reference_list("iso42001_2023_structure.csv"),
        &["Annex B", "Annex C", "Annex D"],
        &[("sub_objective", "objective")],
    );
}

#[test]
fn soc2_matches_the_reference_id_list() {
    let catalog = shipped();
    assert_complete(framework(catalog, "soc2"), &reference_list("soc2_tsc_2017_structure.csv"), &[], &[]);
}

#[test]
fn ai_act_chapters_sections_and_articles_follow_the_shared_id_list() {
    let catalog = shipped();
    let fw = framework(catalog, "eu_ai_act");
    let list = reference_list("eu_ai_act_2024_1689_structure.csv");
    let by_id: BTreeMap<&str, &Row> = list.iter().map(|r| (r.id.as_str(), r)).collect();
    for req in &fw.requirements {
        match req.kind {
            RequirementKind::Chapter | RequirementKind::Section | RequirementKind::Article => {
                let row =
                    by_id.get(req.id.as_str()).unwrap_or_else(|| panic!("{} is not in the shared AI Act list", req.id));
                assert_eq!(req.parent, row.parent, "{}: parent", req.id);
            }
            // Paragraph and practice leaves are ours; they sit under an article of the list.
            _ => {
                let parent = req.parent.as_deref().unwrap_or_default();
                assert!(by_id.contains_key(parent) && parent.starts_with("Art."), "{} sits under {parent}", req.id);
            }
        }
    }
}

#[test]
fn gdpr_matches_the_reference_id_list() {
    let catalog = shipped();
    assert_complete(framework(catalog, "gdpr"), &reference_list("gdpr_2016_679_structure.csv"), &[], &[]);
}

#[test]
fn nis2_matches_the_reference_id_list() {
    let catalog = shipped();
    assert_complete(framework(catalog, "nis2"), &reference_list("nis2_2022_2555_structure.csv"), &[], &[]);
}

#[test]
fn nist_ai_rmf_matches_the_reference_id_list() {
    let catalog = shipped();
    assert_complete(framework(catalog, "nist_ai_rmf"), &reference_list("nist_ai_rmf_1_0_structure.csv"), &[], &[]);
}

/// The ids of `fw`'s entries of one kind, in order.
fn ids_of_kind(fw: &Framework, kind: RequirementKind) -> Vec<&str> {
    fw.requirements.iter().filter(|r| r.kind == kind).map(|r| r.id.as_str()).collect()
}

#[test]
fn gdpr_has_the_articles_a_controller_or_processor_implements() {
    let catalog = shipped();
    let fw = framework(catalog, "gdpr");
    assert_eq!(fw.kind, FrameworkKind::Regulation);
    let mut expected: Vec<u32> = vec![5, 6, 7, 9];
    expected.extend(12..=22);
    expected.extend([24, 25, 28, 30, 32, 33, 34, 35, 37, 38, 39]);
    expected.extend(44..=49);
    let articles = ids_of_kind(fw, RequirementKind::Article);
    let wanted: Vec<String> = expected.iter().map(|n| format!("Art.{n}")).collect();
    assert_eq!(articles, wanted, "the GDPR articles, in order");
    // The data-subject rights are one group with one leaf per article.
    let rights: Vec<&str> = fw
        .requirements
        .iter()
        .filter(|r| r.parent.as_deref() == Some("Ch.III"))
        .inspect(|r| assert!(r.assessable, "{} is a leaf", r.id))
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(rights.len(), 11, "Arts. 12 to 22");
    // Art. 5 splits into the six principles and accountability.
    let principles: Vec<&str> =
        fw.requirements.iter().filter(|r| r.parent.as_deref() == Some("Art.5")).map(|r| r.id.as_str()).collect();
    assert_eq!(
        principles,
        ["Art.5(1)(a)", "Art.5(1)(b)", "Art.5(1)(c)", "Art.5(1)(d)", "Art.5(1)(e)", "Art.5(1)(f)", "Art.5(2)"]
    );
}

#[test]
fn nis2_has_the_measures_the_reporting_stages_and_the_implementing_regulation() {
    let catalog = shipped();
    let fw = framework(catalog, "nis2");
    let leaf = |id: &str| fw.requirement(id).is_some_and(|r| r.assessable);
    let measures: Vec<String> = ('a'..='j').map(|p| format!("Art.21(2)({p})")).collect();
    for id in &measures {
        assert!(leaf(id), "{id}");
    }
    assert_eq!(fw.requirements.iter().filter(|r| r.parent.as_deref() == Some("Art.21(2)")).count(), 10);
    for id in ["Art.20(1)", "Art.20(2)", "Art.23(4)(a)", "Art.23(4)(b)", "Art.23(4)(d)", "Art.24", "Art.29"] {
        assert!(leaf(id), "{id}");
    }
    // The staged reports carry their deadline in the title.
    let title = |id: &str| fw.requirement(id).map(|r| r.title.en.clone()).unwrap_or_default();
    assert!(title("Art.23(4)(a)").contains("24 hours"));
    assert!(title("Art.23(4)(b)").contains("72 hours"));
    assert!(title("Art.23(4)(d)").contains("one month"));
    // Implementing Regulation (EU) 2024/2690: the 13 headings of its Annex.
    let headings: Vec<&str> =
        fw.requirements.iter().filter(|r| r.parent.as_deref() == Some("IR.Annex")).map(|r| r.id.as_str()).collect();
    let expected: Vec<String> = (1..=13).map(|n| format!("IR.{n}")).collect();
    assert_eq!(headings, expected);
}

#[test]
fn nist_ai_rmf_has_4_functions_19_categories_and_72_subcategories() {
    let catalog = shipped();
    let fw = framework(catalog, "nist_ai_rmf");
    assert_eq!(fw.kind, FrameworkKind::Guidance, "voluntary: no certificate, no legal duty");
    assert_eq!(ids_of_kind(fw, RequirementKind::Function), ["GOVERN", "MAP", "MEASURE", "MANAGE"]);
    assert_eq!(ids_of_kind(fw, RequirementKind::Category).len(), 19);
    let subcategories: Vec<_> = fw.requirements.iter().filter(|r| r.kind == RequirementKind::Subcategory).collect();
    assert_eq!(subcategories.len(), 72);
    assert!(subcategories.iter().all(|r| r.assessable));
    let per_function = |f: &str| subcategories.iter().filter(|r| r.id.split(' ').next() == Some(f)).count();
    assert_eq!(
        [per_function("GOVERN"), per_function("MAP"), per_function("MEASURE"), per_function("MANAGE")],
        [19, 18, 22, 13]
    );
}

/// OLIR exactness: a control `equal` to a requirement asks for the same thing, so it cannot be
/// equal to two requirements of one framework.
#[test]
fn no_control_is_equal_to_two_requirements_of_a_new_framework() {
    let catalog = shipped();
    for id in ["gdpr", "nis2", "nist_ai_rmf"] {
        let mut equal: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for m in catalog.mappings.iter().filter(|m| m.framework == id && m.relationship == Relationship::Equal) {
            equal.entry(m.control_id.as_str()).or_default().push(m.requirement_id.as_str());
        }
        let twice: Vec<_> = equal.iter().filter(|(_, r)| r.len() > 1).collect();
        assert!(twice.is_empty(), "{id}: {twice:?}");
    }
}

/// The controls added for the new frameworks serve only them: a client assessed against the first
/// four frameworks sees the same controls and the same requirement statuses as before.
#[test]
fn controls_added_for_the_new_frameworks_leave_the_first_four_alone() {
    let catalog = shipped();
    let first_four = ["iso27001", "soc2", "iso42001", "eu_ai_act"];
    let new_controls: BTreeSet<&str> = [
        "CW-PRV-11",
        "CW-PRV-12",
        "CW-PRV-13",
        "CW-PRV-14",
        "CW-PRV-15",
        "CW-GOV-19",
        "CW-PPL-11",
        "CW-INC-05",
        "CW-CMP-10",
        "CW-SUP-06",
        "CW-OPS-10",
        "CW-NET-05",
        "CW-AIG-10",
        "CW-AIL-13",
        "CW-AII-05",
    ]
    .into_iter()
    .collect();
    for id in &new_controls {
        assert!(catalog.control(id).is_some(), "{id}");
    }
    let leaking: Vec<String> = catalog
        .mappings
        .iter()
        .filter(|m| new_controls.contains(m.control_id.as_str()) && first_four.contains(&m.framework.as_str()))
        .map(|m| format!("{} -> {} {}", m.control_id, m.framework, m.requirement_id))
        .collect();
    assert!(leaking.is_empty(), "{leaking:?}");
}

#[test]
fn iso27001_has_93_annex_a_controls_in_four_themes() {
    let catalog = shipped();
    let fw = framework(catalog, "iso27001");
    let themes: Vec<&str> =
        fw.requirements.iter().filter(|r| r.kind == RequirementKind::Theme).map(|r| r.id.as_str()).collect();
    assert_eq!(themes, ["A.5", "A.6", "A.7", "A.8"]);
    let count = |theme: &str| {
        fw.requirements
            .iter()
            .filter(|r| r.kind == RequirementKind::Control && r.parent.as_deref() == Some(theme))
            .count()
    };
    assert_eq!([count("A.5"), count("A.6"), count("A.7"), count("A.8")], [37, 8, 14, 34]);
    let controls: Vec<_> = fw.requirements.iter().filter(|r| r.kind == RequirementKind::Control).collect();
    assert_eq!(controls.len(), 93);
    assert!(controls.iter().all(|r| r.assessable), "every Annex A control is assessable");
}

#[test]
fn iso42001_has_38_annex_a_controls() {
    let catalog = shipped();
    let fw = framework(catalog, "iso42001");
    let controls: Vec<_> = fw.requirements.iter().filter(|r| r.kind == RequirementKind::Control).collect();
    assert_eq!(controls.len(), 38);
    assert!(controls.iter().all(|r| r.assessable && r.id.starts_with("A.")));
    for ai_specific in ["6.1.4", "8.4"] {
        assert!(fw.requirement(ai_specific).is_some_and(|r| r.assessable), "{ai_specific}");
    }
}

#[test]
fn soc2_has_61_criteria_by_category() {
    let catalog = shipped();
    let fw = framework(catalog, "soc2");
    let criteria: Vec<_> = fw.requirements.iter().filter(|r| r.kind == RequirementKind::Criterion).collect();
    assert_eq!(criteria.len(), 61);
    let count = |category| criteria.iter().filter(|r| r.soc2_category == Some(category)).count();
    assert_eq!(
        [
            count(Soc2Category::Security),
            count(Soc2Category::Availability),
            count(Soc2Category::Confidentiality),
            count(Soc2Category::ProcessingIntegrity),
            count(Soc2Category::Privacy)
        ],
        [33, 3, 2, 5, 18]
    );
    assert!(fw.requirements.iter().all(|r| r.soc2_category.is_some()), "every SOC 2 entry has its category");
}

#[test]
fn ai_act_has_the_articles_an_assessment_checks() {
    let catalog = shipped();
    let fw = framework(catalog, "eu_ai_act");
    let mut expected: Vec<u32> = vec![4, 5];
    expected.extend(9..=27);
    expected.push(43);
    expected.extend(47..=50);
    expected.extend(53..=55);
    expected.extend([72, 73]);
    let missing: Vec<String> = expected
        .iter()
        .map(|n| format!("Art.{n}"))
        .filter(|id| fw.requirement(id).is_none_or(|r| r.kind != RequirementKind::Article))
        .collect();
    assert!(missing.is_empty(), "missing articles: {missing:?}");
    // Every leaf says to whom and from when it applies, with a milestone of the calendar.
    let milestones: BTreeSet<&str> = catalog.milestones.iter().map(|m| m.id.as_str()).collect();
    for leaf in fw.requirements.iter().filter(|r| r.assessable) {
        let scope = leaf.ai_act.as_ref().unwrap_or_else(|| panic!("{} has no roles/tiers/applies_from", leaf.id));
        assert!(!scope.roles.is_empty() && !scope.tiers.is_empty(), "{}", leaf.id);
        assert!(milestones.contains(scope.applies_from.as_str()), "{}", leaf.id);
    }
}

#[test]
fn every_control_and_every_assessable_requirement_is_mapped() {
    // The validator refuses a catalogue otherwise; this pins it on the shipped data.
    let catalog = shipped();
    let mapped_controls: BTreeSet<&str> = catalog.mappings.iter().map(|m| m.control_id.as_str()).collect();
    assert_eq!(mapped_controls.len(), catalog.controls.len());
    let mapped: BTreeSet<(&str, &str)> =
        catalog.mappings.iter().map(|m| (m.framework.as_str(), m.requirement_id.as_str())).collect();
    assert_eq!(mapped.len(), catalog.assessable_count());
}

/// The figures the README publishes, computed from the catalogue; the README must say exactly
/// these, so it cannot drift from the data.
#[test]
fn readme_states_the_catalogue_figures() {
    let catalog = shipped();
    let mut lines = vec![
        "| framework | requirements | assessable | common controls mapped |".to_owned(),
        "| --- | --- | --- | --- |".to_owned(),
    ];
    for id in ["iso27001", "soc2", "iso42001", "eu_ai_act", "gdpr", "nis2", "nist_ai_rmf"] {
        let f = framework(catalog, id);
        let assessable = f.requirements.iter().filter(|r| r.assessable).count();
        let controls: BTreeSet<&str> =
            catalog.mappings.iter().filter(|m| m.framework == id).map(|m| m.control_id.as_str()).collect();
        lines.push(format!("| {} | {} | {} | {} |", f.name, f.requirements.len(), assessable, controls.len()));
    }
    let mut served: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for m in &catalog.mappings {
        served.entry(m.control_id.as_str()).or_default().insert(m.framework.as_str());
    }
    let shared = served.values().filter(|f| f.len() >= 2).count();
    let share = (shared as f64 / catalog.controls.len() as f64 * 100.0).round();
    lines.push(String::new());
    lines.push(format!(
        "{} common controls and {} mappings; {} of the controls ({share}%) serve two or more frameworks.",
        catalog.controls.len(),
        catalog.mappings.len(),
        shared
    ));
    let expected = lines.join("\n");
    let readme = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../README.md")).unwrap();
    assert!(readme.contains(&expected), "README.md must contain, verbatim:\n\n{expected}\n");
}

/// The SOC 2 ↔ ISO/IEC 27001 pairs the shared controls imply: (criterion, requirement) such that
/// one common control is mapped to both.
fn implied_soc2_iso27001_pairs(catalog: &Catalog) -> BTreeSet<(String, String)> {
    let mut by_control: BTreeMap<&str, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
    for m in &catalog.mappings {
        let entry = by_control.entry(m.control_id.as_str()).or_default();
        match m.framework.as_str() {
            "soc2" => entry.0.push(&m.requirement_id),
            "iso27001" => entry.1.push(&m.requirement_id),
            _ => {}
        }
    }
    let mut pairs = BTreeSet::new();
    for (soc2, iso) in by_control.values() {
        for s in soc2 {
            for i in iso {
                pairs.insert((s.to_string(), i.to_string()));
            }
        }
    }
    pairs
}

/// The pairs the published crosswalks agree on (assets/reference/crosswalks/, sources in
/// assets/reference/README.md and assets/catalog/MAPPING-REVIEW.md) are implied by the shared
/// controls where the review adopted them, and not implied where it rejected them: a new mapping
/// cannot silently add a pair the review judged wrong, nor drop one it adopted.
#[test]
fn shared_controls_imply_the_soc2_iso27001_pairs_the_crosswalks_agree_on() {
    let catalog = shipped();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../assets/reference/crosswalks/soc2_iso27001_2022_pairs.csv");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the reference pair list {} is missing ({e})", path.display()));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), ["soc2", "iso27001", "adopted", "note"]);
    let implied = implied_soc2_iso27001_pairs(catalog);
    let (soc2, iso) = (framework(catalog, "soc2"), framework(catalog, "iso27001"));
    let mut problems = Vec::new();
    let mut adopted = 0;
    for record in reader.records() {
        let r = record.unwrap();
        let pair = (r[0].to_owned(), r[1].to_owned());
        assert!(soc2.requirement(&pair.0).is_some_and(|x| x.assessable), "unknown SOC 2 criterion {}", pair.0);
        assert!(iso.requirement(&pair.1).is_some_and(|x| x.assessable), "unknown ISO/IEC 27001 entry {}", pair.1);
        match &r[2] {
            "yes" => {
                adopted += 1;
                if !implied.contains(&pair) {
                    problems.push(format!("{} ↔ {}: adopted, but no control is mapped to both", pair.0, pair.1));
                }
            }
            "no" => {
                assert!(!r[3].trim().is_empty(), "{} ↔ {}: a rejected pair needs its reason", pair.0, pair.1);
                if implied.contains(&pair) {
                    problems.push(format!(
                        "{} ↔ {}: rejected by the review ({}), but a control now maps to both",
                        pair.0, pair.1, &r[3]
                    ));
                }
            }
            other => panic!("adopted must be yes or no, found `{other}`"),
        }
    }
    assert!(adopted >= 60, "the reference list is suspiciously short: {adopted} adopted pairs");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
