//! The catalogue in SQLite: install on open, queries, custom entries and catalogue updates.

use super::*;
use crate::catalog::{self, Catalog, Relationship};
use crate::store::Store;
use crate::Error;

fn shipped() -> Catalog {
    catalog::shipped().expect("the shipped catalogue is valid").clone()
}

fn new_control(id: &str) -> NewCustomControl {
    NewCustomControl {
        id: id.into(),
        domain: "governance".into(),
        effort: "s".into(),
        title: Text::new("DORA register of ICT providers", ""),
        objective: Text::new("A register of ICT third parties is kept.", "Ein Register wird geführt."),
        evidence: Text::default(),
    }
}

fn new_mapping(control: &str, framework: &str, requirement: &str, relationship: &str) -> NewCustomMapping {
    NewCustomMapping {
        control_id: control.into(),
        framework: framework.into(),
        requirement_id: requirement.into(),
        relationship: relationship.into(),
    }
}

fn invalid_fields(err: Error) -> Vec<String> {
    match err {
        Error::Invalid(errors) => errors.0.into_iter().map(|f| format!("{}: {}", f.field, f.message)).collect(),
        other => panic!("expected invalid input, got {other}"),
    }
}

#[test]
fn opening_a_store_installs_the_shipped_catalogue() {
    let store = Store::open_in_memory().unwrap();
    let catalog = shipped();
    let info = store.catalog().info().unwrap();
    assert_eq!(info.version, catalog.version);
    assert_eq!(info.content_hash, catalog::shipped_hash());
    assert_eq!(info.frameworks as usize, catalog.frameworks.len());
    assert_eq!(info.requirements as usize, catalog.frameworks.iter().map(|f| f.requirements.len()).sum::<usize>());
    assert_eq!(info.assessable as usize, catalog.assessable_count());
    assert_eq!(info.controls as usize, catalog.controls.len());
    assert_eq!(info.mappings as usize, catalog.mappings.len());

    let frameworks = store.catalog().frameworks().unwrap();
    let ids: Vec<&str> = frameworks.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, catalog.frameworks.iter().map(|f| f.id.as_str()).collect::<Vec<_>>());
    for (summary, fw) in frameworks.iter().zip(&catalog.frameworks) {
        assert_eq!(summary.requirements as usize, fw.requirements.len(), "{}", fw.id);
        assert_eq!(summary.assessable as usize, fw.requirements.iter().filter(|r| r.assessable).count(), "{}", fw.id);
        assert!(summary.controls > 0);
    }
}

#[test]
fn reopening_does_not_reinstall_an_unchanged_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    let first = Store::open(&path).unwrap().catalog().info().unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.catalog().info().unwrap().installed_at, first.installed_at, "no second install");
    assert!(!store.catalog().install_shipped().unwrap());
    assert!(!store.catalog().install(&shipped()).unwrap(), "same hash: nothing to do");
}

#[test]
fn requirements_come_in_tree_order_with_their_attributes() {
    let store = Store::open_in_memory().unwrap();
    let iso = store.catalog().requirements("iso27001").unwrap();
    assert_eq!(iso[0].id, "4");
    assert_eq!((iso[1].id.as_str(), iso[1].parent.as_deref(), iso[1].depth), ("4.1", Some("4"), 1));
    // Every entry comes after its parent.
    for (i, node) in iso.iter().enumerate() {
        if let Some(parent) = &node.parent {
            let p = iso.iter().position(|n| &n.id == parent).unwrap();
            assert!(p < i, "{} before its parent {parent}", node.id);
            assert_eq!(iso[p].depth + 1, node.depth);
            assert!(!iso[p].assessable);
        }
    }
    assert!(iso.iter().filter(|n| n.assessable).all(|n| n.controls > 0), "every leaf is mapped");

    let soc2 = store.catalog().requirements("soc2").unwrap();
    // Categories are listed first in the file; in tree order each is followed by its series.
    assert_eq!(soc2.iter().take(3).map(|n| n.id.as_str()).collect::<Vec<_>>(), ["Security", "CC1", "CC1.1"]);
    let pi = soc2.iter().find(|n| n.id == "PI1.3").unwrap();
    assert_eq!(pi.soc2_category, Some(Soc2Category::ProcessingIntegrity));

    let act = store.catalog().requirements("eu_ai_act").unwrap();
    let art4 = act.iter().find(|n| n.id == "Art.4").unwrap();
    assert_eq!(art4.roles, [AiRole::Provider, AiRole::Deployer]);
    assert_eq!(art4.applies_from.as_deref(), Some("ai-act-literacy-prohibitions"));
    assert!(art4.tiers.contains(&AiTier::Minimal));

    assert!(matches!(store.catalog().requirements("iso9001"), Err(Error::NotFound { kind: "framework", .. })));
}

#[test]
fn controls_search_ids_and_titles_in_both_languages() {
    let store = Store::open_in_memory().unwrap();
    let all = store.catalog().controls("").unwrap();
    assert_eq!(all.len(), shipped().controls.len());
    assert!(all.iter().all(|c| !c.custom && c.mappings > 0 && !c.frameworks.is_empty()));

    let by_id = store.catalog().controls("cw-aig-01").unwrap();
    assert_eq!(by_id.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["CW-AIG-01"]);
    let en = store.catalog().controls("AI POLICY").unwrap();
    assert!(en.iter().any(|c| c.id == "CW-AIG-01"), "English title, any case");
    let de = store.catalog().controls("ki-richtlinie").unwrap();
    assert!(de.iter().any(|c| c.id == "CW-AIG-01"), "German title");
    let umlaut = store.catalog().controls("FÜHRUNG").unwrap();
    assert!(umlaut
        .iter()
        .all(|c| c.title.de.to_lowercase().contains("führung") || c.title.en.to_lowercase().contains("führung")));
    assert!(store.catalog().controls("no such control anywhere").unwrap().is_empty());
}

#[test]
fn the_crosswalk_in_both_directions() {
    let store = Store::open_in_memory().unwrap();
    let control = store.catalog().control("cw-aig-01").unwrap();
    assert_eq!(control.id, "CW-AIG-01");
    assert!(!control.objective.de.is_empty());
    let a22 = control.serves.iter().find(|s| s.framework == "iso42001" && s.requirement_id == "A.2.2").unwrap();
    assert_eq!(a22.relationship, Relationship::Superset);
    assert!(!a22.custom);
    assert!(matches!(store.catalog().control("CW-NOPE-99"), Err(Error::NotFound { kind: "control", .. })));

    let rows = store.catalog().requirement_controls("iso42001").unwrap();
    assert_eq!(rows.len(), store.catalog().requirements("iso42001").unwrap().len(), "every entry, groupings too");
    let a22 = rows.iter().find(|r| r.id == "A.2.2").unwrap();
    assert!(a22.controls.iter().any(|c| c.control_id == "CW-AIG-01"));
    assert!(rows.iter().filter(|r| !r.assessable).all(|r| r.controls.is_empty()));
    assert!(rows.iter().filter(|r| r.assessable).all(|r| !r.controls.is_empty()));
}

#[test]
fn all_mappings_are_sorted_and_complete() {
    let store = Store::open_in_memory().unwrap();
    let rows = store.catalog().all_mappings().unwrap();
    assert_eq!(rows.len(), shipped().mappings.len());
    assert!(rows.windows(2).all(|w| w[0].control_id <= w[1].control_id));
    assert_eq!(rows, store.catalog().all_mappings().unwrap(), "the same order every time");
}

#[test]
fn custom_controls_and_mappings_are_checked_and_take_part() {
    let store = Store::open_in_memory().unwrap();
    let control = store.catalog().add_custom_control(&new_control("x-dora-01")).unwrap();
    assert_eq!(control.id, "X-DORA-01", "stored in capitals");
    assert_eq!(control.title.de, "DORA register of ICT providers", "an empty German text takes the English one");
    assert_eq!(control.objective.de, "Ein Register wird geführt.");
    assert_eq!(control.effort, Effort::S);

    let mapping =
        store.catalog().add_custom_mapping(&new_mapping("X-DORA-01", "iso27001", "A.5.19", "subset")).unwrap();
    assert_eq!(mapping.problem, None);
    // A consultant may also map a shipped control further.
    let extra = store.catalog().controls("").unwrap()[0].id.clone();
    let unmapped = store.catalog().requirements("soc2").unwrap().into_iter().find(|r| {
        r.assessable
            && !store
                .catalog()
                .control(&extra)
                .unwrap()
                .serves
                .iter()
                .any(|s| s.framework == "soc2" && s.requirement_id == r.id)
    });
    store.catalog().add_custom_mapping(&new_mapping(&extra, "soc2", &unmapped.unwrap().id, "intersect")).unwrap();

    let summary = store.catalog().controls("dora").unwrap();
    assert_eq!(summary.len(), 1);
    assert!(summary[0].custom);
    assert_eq!(summary[0].frameworks, ["iso27001"]);
    let detail = store.catalog().control("X-DORA-01").unwrap();
    assert!(detail.custom && detail.serves.len() == 1 && detail.serves[0].custom);
    let shipped_count = shipped().mappings.len();
    assert_eq!(store.catalog().all_mappings().unwrap().len(), shipped_count + 2);
    assert_eq!(store.catalog().info().unwrap().custom_mappings, 2);

    // Every broken rule is reported at once, by field; nothing is written.
    let mut bad = new_control("DORA");
    bad.domain = "nowhere".into();
    bad.effort = "XXL".into();
    bad.title.en = " ".into();
    let fields = invalid_fields(store.catalog().add_custom_control(&bad).unwrap_err());
    assert_eq!(fields.len(), 4, "{fields:?}");
    assert!(fields[0].starts_with("id: must be X-"), "{fields:?}");
    assert!(fields[1].starts_with("domain: unknown domain `nowhere`"));
    assert!(fields[2].starts_with("effort: unknown effort `XXL`"));
    assert_eq!(fields[3], "title.en: must not be empty");
    assert!(invalid_fields(store.catalog().add_custom_control(&new_control("X-DORA-01")).unwrap_err())[0]
        .contains("already exists"));
    assert!(invalid_fields(store.catalog().add_custom_control(&new_control("X-bad id")).unwrap_err())[0]
        .starts_with("id: may hold only"));

    let fields = invalid_fields(
        store.catalog().add_custom_mapping(&new_mapping("X-NONE", "iso27001", "A.5", "same")).unwrap_err(),
    );
    assert_eq!(
        fields,
        [
            "control_id: unknown control `X-NONE`",
            "requirement_id: `A.5` is a grouping entry, not an assessable requirement: map the entries under it",
            "relationship: unknown relationship `same` (expected one of: equal, subset, superset, intersect)",
        ]
    );
    let fields = invalid_fields(
        store.catalog().add_custom_mapping(&new_mapping("X-DORA-01", "iso9001", "4.1", "equal")).unwrap_err(),
    );
    assert_eq!(fields, ["framework: unknown framework `iso9001`"]);
    let fields = invalid_fields(
        store.catalog().add_custom_mapping(&new_mapping("X-DORA-01", "iso27001", "A.5.99", "equal")).unwrap_err(),
    );
    assert_eq!(fields, ["requirement_id: unknown requirement `A.5.99` in framework iso27001"]);
    let fields = invalid_fields(
        store.catalog().add_custom_mapping(&new_mapping("cw-aig-01", "iso42001", "A.2.2", "equal")).unwrap_err(),
    );
    assert_eq!(fields, [": the catalogue already maps CW-AIG-01 to iso42001 A.2.2"]);
    let fields = invalid_fields(
        store.catalog().add_custom_mapping(&new_mapping("X-DORA-01", "iso27001", "A.5.19", "equal")).unwrap_err(),
    );
    assert_eq!(fields, [": a custom mapping of X-DORA-01 to iso27001 A.5.19 already exists"]);
    let fields = invalid_fields(
        store.catalog().add_custom_mapping(&new_mapping("CW-GOV-07", "iso42001", "A.2.2", "equal")).unwrap_err(),
    );
    assert_eq!(
        fields,
        ["relationship: CW-GOV-07 is already `equal` to iso27001 A.5.1: a control equals one requirement at most; where it asks for more than iso42001 A.2.2, use `superset`"]
    );

    // Deleting a custom control deletes its mappings; shipped entries cannot be deleted.
    assert!(matches!(store.catalog().delete_custom_control("CW-AIG-01"), Err(Error::NotFound { .. })));
    assert!(matches!(
        store.catalog().delete_custom_mapping("CW-AIG-01", "iso42001", "A.2.2"),
        Err(Error::NotFound { .. })
    ));
    store.catalog().delete_custom_control("x-dora-01").unwrap();
    let left = store.catalog().custom_entries().unwrap();
    assert!(left.controls.is_empty());
    assert_eq!(left.mappings.len(), 1, "only the mapping of the shipped control is left");
    store.catalog().delete_custom_mapping(&extra, "soc2", &left.mappings[0].requirement_id).unwrap();
    assert_eq!(store.catalog().all_mappings().unwrap().len(), shipped_count);
}

/// A changed catalogue: one requirement (with its mappings) removed, one control retitled.
fn changed_catalogue(removed: (&str, &str)) -> Catalog {
    let mut catalog = shipped();
    let fw = catalog.frameworks.iter_mut().find(|f| f.id == removed.0).unwrap();
    fw.requirements.retain(|r| r.id != removed.1);
    catalog.mappings.retain(|m| !(m.framework == removed.0 && m.requirement_id == removed.1));
    catalog.controls[0].title.en = "A retitled control".into();
    catalog.content_hash = "00000000000000ff".into();
    catalog
}

#[test]
fn custom_entries_survive_a_catalogue_update_and_dangling_ones_are_reported() {
    let store = Store::open_in_memory().unwrap();
    store.catalog().add_custom_control(&new_control("X-DORA-01")).unwrap();
    store.catalog().add_custom_mapping(&new_mapping("X-DORA-01", "iso27001", "A.5.19", "subset")).unwrap();
    store.catalog().add_custom_mapping(&new_mapping("X-DORA-01", "iso27001", "A.5.20", "intersect")).unwrap();

    let update = changed_catalogue(("iso27001", "A.5.20"));
    assert!(store.catalog().install(&update).unwrap());
    let info = store.catalog().info().unwrap();
    assert_eq!(info.content_hash, "00000000000000ff");
    assert_eq!(store.catalog().controls("").unwrap()[0].title.en, "A retitled control");
    assert!(store.catalog().requirements("iso27001").unwrap().iter().all(|r| r.id != "A.5.20"));

    let custom = store.catalog().custom_entries().unwrap();
    assert_eq!(custom.controls.len(), 1, "the custom control survives");
    assert_eq!(custom.controls[0].problem, None);
    let problems: Vec<(&str, Option<&str>)> =
        custom.mappings.iter().map(|m| (m.requirement_id.as_str(), m.problem.as_deref())).collect();
    assert_eq!(problems, [("A.5.19", None), ("A.5.20", Some("unknown requirement"))], "kept and reported");
    assert_eq!(custom.problems(), 1);
    let counted: Vec<String> =
        store.catalog().all_mappings().unwrap().into_iter().filter(|m| m.custom).map(|m| m.requirement_id).collect();
    assert_eq!(counted, ["A.5.19"], "a dangling mapping does not count");

    // The next build brings the requirement back: the mapping counts again.
    assert!(store.catalog().install(&shipped()).unwrap());
    assert_eq!(store.catalog().custom_entries().unwrap().problems(), 0);
    assert_eq!(store.catalog().all_mappings().unwrap().iter().filter(|m| m.custom).count(), 2);
}

#[test]
fn a_failing_install_changes_nothing() {
    let store = Store::open_in_memory().unwrap();
    let before = store.catalog().info().unwrap();
    let mut broken = changed_catalogue(("iso27001", "A.5.20"));
    // A mapping to a requirement that does not exist breaks a foreign key half-way through.
    broken.mappings.push(crate::catalog::Mapping {
        control_id: broken.controls[0].id.clone(),
        framework: "iso27001".into(),
        requirement_id: "A.5.20".into(),
        relationship: Relationship::Equal,
    });
    assert!(store.catalog().install(&broken).is_err());
    let after = store.catalog().info().unwrap();
    assert_eq!(after, before, "the old catalogue is intact");
    assert!(store.catalog().requirements("iso27001").unwrap().iter().any(|r| r.id == "A.5.20"));
}

#[test]
fn a_database_with_a_stale_catalogue_gets_the_shipped_one_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    {
        let store = Store::open(&path).unwrap();
        store.catalog().install(&changed_catalogue(("iso27001", "A.5.20"))).unwrap();
        store.catalog().add_custom_control(&new_control("X-KEEP-01")).unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.catalog().info().unwrap().content_hash, catalog::shipped_hash());
    assert!(store.catalog().requirements("iso27001").unwrap().iter().any(|r| r.id == "A.5.20"));
    assert_eq!(store.catalog().custom_entries().unwrap().controls[0].id, "X-KEEP-01");
}

#[test]
fn domains_come_in_catalogue_order_with_both_names() {
    let store = crate::store::Store::open_in_memory().unwrap();
    let domains = store.catalog().domains().unwrap();
    assert_eq!(domains.len(), 22);
    assert_eq!(domains[0].id, "governance");
    assert!(domains.iter().all(|d| !d.name.en.is_empty() && !d.name.de.is_empty()));
}
