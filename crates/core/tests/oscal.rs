//! The OSCAL export checked against NIST's published JSON schemas for OSCAL 1.2.1 (kept in
//! assets/reference/oscal/ with their source), for every demo client in both languages, and
//! for what makes it useful: stable UUIDs, references that resolve, statuses that map right.

use std::collections::HashSet;
use std::path::PathBuf;

use crosswalk_core::assessment::{ControlEntry, Lang};
use crosswalk_core::domain::{ClientId, Date};
use crosswalk_core::oscal::{OscalModel, OSCAL_VERSION};
use crosswalk_core::store::{ListQuery, Store};
use serde_json::Value;

fn schema(name: &str) -> jsonschema::Validator {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets/reference/oscal").join(name);
    let schema: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert!(
        schema["$id"].as_str().unwrap().contains(&format!("/{OSCAL_VERSION}/")),
        "{name} is not for {OSCAL_VERSION}"
    );
    jsonschema::draft7::options().should_validate_formats(true).build(&schema).expect("the NIST schema compiles")
}

fn today() -> Date {
    "2026-11-29".parse().unwrap()
}

fn demo() -> (Store, Vec<ClientId>) {
    let mut store = Store::open_in_memory().unwrap();
    crosswalk_core::demo::load_demo(&mut store).unwrap();
    let ids = store.clients().list(&ListQuery::default()).unwrap().into_iter().map(|c| c.id).collect();
    (store, ids)
}

fn export(store: &Store, id: ClientId, model: OscalModel, lang: Lang) -> Value {
    serde_json::from_slice(&store.views().oscal(id, model, lang, today()).unwrap()).unwrap()
}

#[track_caller]
fn assert_valid(validator: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> =
        validator.iter_errors(doc).take(5).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what} is not valid OSCAL {OSCAL_VERSION}:\n{}", errors.join("\n"));
}

/// Every `uuid` in the document, and every reference to one (`*-uuid`, `#uuid` hrefs).
fn uuids(doc: &Value, defined: &mut HashSet<String>, referenced: &mut Vec<String>) {
    match doc {
        Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("uuid", Value::String(s)) => {
                        assert!(defined.insert(s.clone()), "uuid {s} defined twice");
                    }
                    (k, Value::String(s)) if k.ends_with("-uuid") => referenced.push(s.clone()),
                    ("href", Value::String(s)) if s.starts_with('#') => referenced.push(s[1..].to_owned()),
                    _ => uuids(value, defined, referenced),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| uuids(v, defined, referenced)),
        _ => {}
    }
}

#[test]
fn every_demo_export_is_valid_against_nists_schemas() {
    let ar = schema("oscal_assessment-results_schema.json");
    let poam = schema("oscal_poam_schema.json");
    let (store, ids) = demo();
    assert!(ids.len() >= 5);
    for id in ids {
        for lang in [Lang::En, Lang::De] {
            for (model, validator) in [(OscalModel::AssessmentResults, &ar), (OscalModel::Poam, &poam)] {
                let doc = export(&store, id, model, lang);
                assert_valid(validator, &doc, &format!("{model:?} of {id} in {lang:?}"));
                let (mut defined, mut referenced) = (HashSet::new(), Vec::new());
                uuids(&doc, &mut defined, &mut referenced);
                for r in referenced {
                    assert!(defined.contains(&r), "{model:?} of {id}: reference to {r} resolves to nothing");
                }
            }
        }
    }
}

#[test]
fn the_validator_catches_what_the_schema_forbids() {
    // The schemas' patterns use Unicode classes (\p{L}); the validator must apply them, or a
    // passing test above would mean nothing.
    let ar = schema("oscal_assessment-results_schema.json");
    let (store, ids) = demo();
    let good = export(&store, ids[0], OscalModel::AssessmentResults, Lang::En);
    assert!(ar.is_valid(&good));
    let check = |edit: &dyn Fn(&mut Value), what: &str| {
        let mut bad = good.clone();
        edit(&mut bad);
        assert!(!ar.is_valid(&bad), "the schema accepted {what}");
    };
    let finding = "/assessment-results/results/0/findings/0";
    check(&|d| d["assessment-results"]["metadata"]["oscal-version"] = " 1.2.1".into(), "a string with a leading blank");
    check(&|d| *d.pointer_mut(&format!("{finding}/target/target-id")).unwrap() = "1 bad id".into(), "a bad token");
    let mut unicode = good.clone();
    *unicode.pointer_mut(&format!("{finding}/target/target-id")).unwrap() = "Ä.1".into();
    assert!(ar.is_valid(&unicode), "a token starting with a non-ASCII letter (\\p{{L}}) was refused");
    check(
        &|d| *d.pointer_mut(&format!("{finding}/target/status/state")).unwrap() = "partly".into(),
        "an unknown state",
    );
    check(&|d| *d.pointer_mut(&format!("{finding}/uuid")).unwrap() = "not-a-uuid".into(), "a bad uuid");
    check(&|d| d["assessment-results"]["metadata"]["last-modified"] = "2026-11-29".into(), "a date without time");
    check(&|d| d["assessment-results"]["extra"] = true.into(), "an unknown field");
}

#[test]
fn the_same_data_and_date_give_the_same_file_and_statuses_map_to_findings() {
    let (mut store, _) = demo();
    let id: ClientId = "972a8469-1641-4f82-8b9d-2434e465e150".parse().unwrap(); // Nordlicht
    let a = store.views().oscal(id, OscalModel::AssessmentResults, Lang::En, today()).unwrap();
    let b = store.views().oscal(id, OscalModel::AssessmentResults, Lang::En, today()).unwrap();
    assert_eq!(a, b);
    let other_day = store.views().oscal(id, OscalModel::AssessmentResults, Lang::En, "2026-12-01".parse().unwrap());
    assert_ne!(a, other_day.unwrap(), "the date passed in is the last-modified date");

    // Record one control each way and find it in the findings with the right state.
    let set = |store: &mut Store, control: &str, status: &str, justification: &str| {
        let entry = ControlEntry {
            control_id: control.into(),
            status: status.into(),
            justification: justification.into(),
            evidence: vec!["Policy v3 (SharePoint)".into()],
            ..Default::default()
        };
        store.assessments().save(id, &entry, today()).unwrap();
    };
    set(&mut store, "CW-GOV-01", "implemented", "");
    set(&mut store, "CW-GOV-02", "partially_implemented", "");
    set(&mut store, "CW-PHY-01", "not_applicable", "No such activity at the client.");
    let doc = export(&store, id, OscalModel::AssessmentResults, Lang::En);
    let result = &doc["assessment-results"]["results"][0];
    let finding = |control: &str| {
        result["findings"].as_array().unwrap().iter().find(|f| f["target"]["target-id"] == control).unwrap().clone()
    };
    let check = |control: &str, state: &str, implementation: &str| {
        let f = finding(control);
        assert_eq!(f["target"]["status"]["state"], state, "{control}");
        assert_eq!(f["target"]["implementation-status"]["state"], implementation, "{control}");
    };
    check("CW-GOV-01", "satisfied", "implemented");
    check("CW-GOV-02", "not-satisfied", "partial");
    check("CW-PHY-01", "satisfied", "not-applicable");
    assert_eq!(finding("CW-PHY-01")["target"]["status"]["remarks"], "No such activity at the client.");
    let observation = result["observations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["title"].as_str().unwrap().starts_with("CW-GOV-01:"))
        .unwrap();
    assert_eq!(observation["relevant-evidence"][0]["description"], "Policy v3 (SharePoint)");
    let assessed = store.views().assessment(id, today()).unwrap().assessment.unwrap().date;
    assert_eq!(observation["collected"], format!("{assessed}T00:00:00Z"), "collected on the assessment date");
    assert_eq!(doc["assessment-results"]["metadata"]["last-modified"], "2026-11-29T00:00:00Z");

    // The POA&M lists the open gaps, not the implemented or not applicable controls.
    let poam = export(&store, id, OscalModel::Poam, Lang::En);
    let items = poam["plan-of-action-and-milestones"]["poam-items"].as_array().unwrap();
    let titles: Vec<&str> = items.iter().map(|i| i["title"].as_str().unwrap()).collect();
    assert!(titles.iter().any(|t| t.starts_with("CW-GOV-02:")), "a partial control is an open gap");
    assert!(!titles.iter().any(|t| t.starts_with("CW-GOV-01:") || t.starts_with("CW-PHY-01:")));
}

#[test]
fn a_client_without_an_assessment_gets_a_clear_error() {
    let mut store = Store::open_in_memory().unwrap();
    crosswalk_core::demo::load_demo(&mut store).unwrap();
    let with_none = store
        .clients()
        .list(&ListQuery::default())
        .unwrap()
        .into_iter()
        .find(|c| store.views().assessment(c.id, today()).map(|v| v.assessment.is_none()).unwrap_or(false));
    let Some(client) = with_none else {
        // Every demo client has an assessment: add one without.
        let profile = crosswalk_core::demo::demo_clients().unwrap().remove(0).1.into_inner();
        let mut profile = profile;
        profile.name = "Unassessed GmbH".into();
        let id = store.clients().create(&profile.validate().unwrap()).unwrap().id;
        let err = store.views().oscal(id, OscalModel::AssessmentResults, Lang::En, today()).unwrap_err();
        assert!(err.to_string().contains("no assessment yet"), "{err}");
        return;
    };
    let err = store.views().oscal(client.id, OscalModel::Poam, Lang::En, today()).unwrap_err();
    assert!(err.to_string().contains("no assessment yet"), "{err}");
}
