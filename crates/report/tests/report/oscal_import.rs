//! A framework a consultant brings, end to end: a real public OSCAL catalog (an excerpt of NIST SP
//! 800-53 rev. 5, assets/reference/oscal/) is imported with its mappings, put in a client's scope,
//! assessed, analysed and reported like a shipped framework.

use std::path::PathBuf;

use crosswalk_core::assessment::{AnalysisSettings, ControlEntry, RequirementStatus, ScopeFramework, ScopeInput};
use crosswalk_core::domain::{ClientProfile, Date, Market, Offering, Sector};
use crosswalk_core::store::{OscalImport, Store};
use crosswalk_core::Error;
use crosswalk_report::{client_report, Lang, ReportOptions};

use super::support::branding;

fn reference(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets/reference/oscal").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn today() -> Date {
    Date::new(2026, 12, 1).unwrap()
}

const ID: &str = "x_sp800_53_low";

#[test]
fn an_imported_oscal_catalog_is_assessed_analysed_and_reported() {
    let catalog_text = reference("nist_sp800-53r5_low_at_ps.json");
    let mappings_text = reference("nist_sp800-53r5_low_at_ps_mappings.csv");
    let store = Store::open_in_memory().unwrap();
    let imported = store
        .catalog()
        .import_oscal(&OscalImport {
            catalog: &catalog_text,
            mappings: &mappings_text,
            id: Some(ID),
            kind: None,
            source_name: "nist_sp800-53r5_low_at_ps.json",
        })
        .unwrap();
    assert_eq!((imported.requirements, imported.assessable, imported.mappings), (16, 14, 25));
    assert!(imported.source.contains("5.1.1+u4") && imported.source.contains("OSCAL 1.1.2"), "{}", imported.source);

    // It is in the catalogue like a shipped framework, after them, with its source noted.
    let frameworks = store.catalog().frameworks().unwrap();
    let last = frameworks.last().unwrap();
    assert_eq!((last.id.as_str(), last.custom, last.assessable, last.controls), (ID, true, 14, 14));
    let requirements = store.catalog().requirements(ID).unwrap();
    assert_eq!(requirements[0].id, "at");
    assert!(requirements.iter().any(|r| r.id == "AT-2(2)" && r.assessable && r.parent.as_deref() == Some("at")));

    // A client assessed against it and ISO/IEC 27001.
    let mut profile = ClientProfile::minimal("Imported Framework GmbH", Sector::Software, 80, "DE");
    profile.markets = vec![Market::Eu];
    profile.offerings = vec![Offering::ServiceProcessingCustomerData];
    let profile = profile.validate().unwrap();
    let client = store.clients().create(&profile).unwrap().id;
    let scope = ScopeInput { frameworks: vec!["iso27001".into(), ID.into()], soc2_categories: vec![] };
    let scope = store.scopes().set(client, &scope, today()).unwrap();
    let framework = ScopeFramework::from_id(ID);
    assert_eq!(scope.frameworks, [ScopeFramework::Iso27001, framework]);
    for (control, status) in
        [("CW-PPL-03", "implemented"), ("CW-PPL-05", "implemented"), ("CW-PPL-06", "partially_implemented")]
    {
        let entry = ControlEntry { control_id: control.into(), status: status.into(), ..Default::default() };
        store.assessments().save(client, &entry, today()).unwrap();
    }
    let analysis = store.views().analysis(client, &AnalysisSettings::new(today())).unwrap();
    let readiness = analysis.frameworks.iter().find(|f| f.framework == framework).expect("in the analysis");
    // AT-2 and PS-3 are met (a superset control implemented); AT-1, AT-2(2), AT-3, AT-4, PS-1 and
    // PS-2 are partial (one of their subset controls implemented), PS-8 too (its superset control
    // partially implemented); the other five are unmet.
    assert_eq!((readiness.readiness.requirements, readiness.readiness.met, readiness.readiness.partial), (14, 2, 7));
    assert!(readiness.name.contains("800-53"), "{}", readiness.name);
    let rows = store.views().requirement_statuses(client, framework, today()).unwrap();
    let status = |id: &str| rows.iter().find(|r| r.requirement_id == id).map(|r| r.status);
    assert_eq!(status("AT-2"), Some(RequirementStatus::Met));
    assert_eq!(status("PS-8"), Some(RequirementStatus::Partial));
    assert!(analysis.gaps.iter().any(|g| g.frameworks.contains(&framework)));

    // The report carries it: readiness, the control matrix column and the actions.
    let shipped = crosswalk_core::catalog::shipped().unwrap();
    let model =
        client_report(&store, shipped, client, branding(), Lang::En, today(), ReportOptions::default()).unwrap();
    let text = format!("{model:?}");
    assert!(text.contains(readiness.name.as_str()), "the report names the imported framework");
    let pdf = crosswalk_report::render_pdf(&model).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    // Readers see its catalogue name, never the id, in the PDF and in the Word document.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let laid_out = super::support::tool("pdftotext", &["-layout"], &path);
    let name = readiness.name.as_str();
    let shown: Vec<&str> = laid_out.lines().filter(|l| l.contains(ID)).collect();
    assert!(shown.is_empty(), "the PDF shows the id of the imported framework: {shown:?}");
    assert!(laid_out.contains("800-53"), "the PDF names the imported framework: {name}");
    let docx = crosswalk_report::render_docx(&model).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut document = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("word/document.xml").unwrap(), &mut document).unwrap();
    assert!(!document.contains(ID), "the Word report shows the id of the imported framework");
    assert!(document.contains("800-53"), "the Word report names the imported framework");

    // A second import under the same id is refused, and so is removing a shipped framework.
    let again = store.catalog().import_oscal(&OscalImport {
        catalog: &catalog_text,
        mappings: &mappings_text,
        id: Some(ID),
        kind: None,
        source_name: "again.json",
    });
    assert!(matches!(again, Err(Error::Invalid(_))));
    assert!(matches!(store.catalog().delete_custom_framework("iso27001"), Err(Error::Invalid(_))));
    // Removed, it leaves the scope and the analysis; the client keeps ISO/IEC 27001.
    store.catalog().delete_custom_framework(ID).unwrap();
    let analysis = store.views().analysis(client, &AnalysisSettings::new(today())).unwrap();
    assert_eq!(analysis.scope.frameworks, [ScopeFramework::Iso27001]);
    assert!(store.catalog().custom_entries().unwrap().mappings.is_empty());
}

#[test]
fn a_bad_import_reports_every_problem_by_place_and_writes_nothing() {
    let catalog_text = reference("nist_sp800-53r5_low_at_ps.json");
    let mut store = Store::open_in_memory().unwrap();
    let before = store.catalog().frameworks().unwrap().len();
    let fields = |result: crosswalk_core::Result<crosswalk_core::store::ImportedFramework>| -> Vec<String> {
        match result {
            Err(Error::Invalid(errors)) => {
                errors.0.into_iter().map(|e| format!("{}: {}", e.field, e.message)).collect()
            }
            other => panic!("expected validation errors, got {other:?}"),
        }
    };
    let import = |store: &mut Store, catalog: &str, mappings: &str, id: Option<&str>| {
        store.catalog().import_oscal(&OscalImport { catalog, mappings, id, kind: None, source_name: "t.json" })
    };
    let header = "requirement_id,control_id,relationship,note\n";
    let bad_rows = format!(
        "{header}AT-1,CW-GOV-07,subset,\nat,CW-PPL-05,subset,\nAT-9,CW-PPL-05,subset,\nAT-2,CW-NOPE-01,superset,\nAT-3,CW-PPL-05,covers,\nAT-1,cw-gov-07,subset,\n"
    );
    assert_eq!(
        fields(import(&mut store, &catalog_text, &bad_rows, Some(ID))),
        [
            "mappings line 3 requirement_id: `at` is a grouping entry, not an assessable requirement: map the entries under it",
            "mappings line 4 requirement_id: unknown requirement `AT-9` (not in the catalog, or withdrawn)",
            "mappings line 5 control_id: unknown control `CW-NOPE-01`",
            "mappings line 6 relationship: unknown relationship `covers` (expected one of: equal, subset, superset, intersect)",
            "mappings line 7: line 2 already maps CW-GOV-07 to AT-1",
        ]
    );
    // Well-formed rows that leave requirements unmapped.
    let partial = format!("{header}at-1,CW-GOV-07,subset,the OSCAL id works too\n");
    let unmapped = fields(import(&mut store, &catalog_text, &partial, Some(ID)));
    assert_eq!(unmapped.len(), 1);
    assert!(unmapped[0].starts_with("mappings: 13 assessable requirement(s) have no mapping"), "{unmapped:?}");
    // The header is checked.
    assert_eq!(
        fields(import(&mut store, &catalog_text, "requirement,control\n", Some(ID))),
        ["mappings line 1: the header must name the columns requirement_id, control_id, relationship and optionally note; missing: requirement_id, control_id, relationship; unknown: requirement, control"]
    );
    // JSON problems carry their path.
    let broken = catalog_text.replacen("\"title\": \"Awareness and Training\"", "\"title\": 7", 1);
    assert_eq!(
        fields(import(&mut store, &broken, header, Some(ID))),
        ["catalog.groups[0].title: invalid type: integer `7`, expected a string"]
    );
    assert_eq!(fields(import(&mut store, &catalog_text, header, Some("sp800"))).len(), 1, "the id needs x_");
    // Nothing was written by any of them.
    assert_eq!(store.catalog().frameworks().unwrap().len(), before);
    assert!(store.catalog().custom_entries().unwrap().mappings.is_empty());
}
