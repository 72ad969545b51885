//! The appendix of evidence requests, for a stored client: laid out in the PDF and read back from
//! the Word report with pandoc, in both languages; omitted when the client has none.

use crosswalk_core::assessment::Lang as CoreLang;
use crosswalk_core::domain::{ClientId, Date};
use crosswalk_core::requests::{GenerateRequests, RequestEdit};
use crosswalk_core::store::Store;
use crosswalk_report::layout::{layout, Item};
use crosswalk_report::model::SectionId;
use crosswalk_report::{client_report, write_docx, Lang, ReportModel, ReportOptions};

use crate::support::branding;

/// Nordlicht Logistik AG: the demo client with evidence.
const NORDLICHT: &str = "972a8469-1641-4f82-8b9d-2434e465e150";

fn today() -> Date {
    "2026-11-29".parse().unwrap()
}

fn laid_out_text(model: &ReportModel) -> String {
    layout(model)
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| if let Item::Text(r) = i { Some(r.text.as_str()) } else { None })
        .collect::<Vec<_>>()
        .join(" ")
}

fn report(store: &Store, id: ClientId, lang: Lang) -> ReportModel {
    let catalog = crosswalk_core::catalog::shipped().unwrap();
    client_report(store, catalog, id, branding(), lang, today(), ReportOptions::default()).unwrap()
}

/// A store with the demo portfolio and, for Nordlicht, requests of every status: two for one
/// owner (one overdue), one unassigned and accepted, one rejected with a response.
fn store() -> (Store, ClientId) {
    let mut store = Store::open_in_memory().unwrap();
    crosswalk_core::demo::load_demo(&mut store).unwrap();
    let id: ClientId = NORDLICHT.parse().unwrap();
    for request in store.requests().list(id, today()).unwrap() {
        store.requests().remove(id, request.id, today()).unwrap();
    }
    let gaps = store.views().analysis(id, &crosswalk_core::assessment::AnalysisSettings::new(today())).unwrap().gaps;
    let controls: Vec<String> = gaps
        .iter()
        .filter(|g| g.status != crosswalk_core::assessment::ControlStatus::NotAssessed)
        .take(4)
        .map(|g| g.control_id.clone())
        .collect();
    assert_eq!(controls.len(), 4, "the demo client has gaps");
    let options = GenerateRequests {
        due: Some(today().plus_days(30)),
        lang: CoreLang::En,
        without_evidence: false,
        only: controls,
    };
    let created = store.requests().generate(id, &options, today()).unwrap().created;
    assert_eq!(created.len(), 4);
    let edits = [
        RequestEdit { owner: Some("Jana Weber (IT)".into()), due: Some("2026-11-01".into()), ..Default::default() },
        RequestEdit { owner: Some("Jana Weber (IT)".into()), status: Some("provided".into()), ..Default::default() },
        RequestEdit { owner: Some(String::new()), status: Some("accepted".into()), ..Default::default() },
        RequestEdit {
            owner: Some("Anna Berg (HR)".into()),
            status: Some("rejected".into()),
            response_note: Some("unsigned draft".into()),
            ..Default::default()
        },
    ];
    for (request, edit) in created.iter().zip(edits) {
        store.requests().set(id, request.id, &edit, today()).unwrap();
    }
    (store, id)
}

#[test]
fn the_report_has_an_appendix_of_evidence_requests_by_owner() {
    let (store, id) = store();
    let requests = store.requests().list(id, today()).unwrap();
    for (lang, words) in [
        (
            Lang::En,
            [
                "Appendix: evidence requests",
                "Requests: 4; awaiting the client: 2 (overdue: 1); provided, not yet checked: 1; accepted: 1.",
                "Not yet assigned",
                "Open, overdue",
                "Response: unsigned draft",
            ],
        ),
        (
            Lang::De,
            [
                "Anhang: Nachweisanforderungen",
                "Nachweisanforderungen: 4; warten auf den Mandanten: 2 (überfällig: 1); geliefert, noch nicht geprüft: 1; angenommen: 1.",
                "Noch nicht zugewiesen",
                "Offen, überfällig",
                "Antwort: unsigned draft",
            ],
        ),
    ] {
        let model = report(&store, id, lang);
        let ids: Vec<SectionId> = model.sections.iter().map(|s| s.id).collect();
        let at = ids.iter().position(|s| *s == SectionId::EvidenceRequests).expect("an appendix");
        assert_eq!(ids[at - 1], SectionId::ControlMatrix, "after the control matrix");
        assert_eq!(ids[at + 1], SectionId::Methodology);
        let text = laid_out_text(&model);
        for w in words {
            assert!(text.contains(w), "{lang:?}: {w:?} missing");
        }
        // Owners in order (unassigned last); within an owner, awaiting the client first.
        let appendix = text.split(words[0]).last().unwrap();
        let anna = appendix.find("Anna Berg (HR)").unwrap();
        let jana = appendix.find("Jana Weber (IT)").unwrap();
        let nobody = appendix.find(words[2]).unwrap();
        assert!(anna < jana && jana < nobody, "{lang:?}: owners out of order");
        let open = &requests[0];
        let provided = &requests[1];
        let open_at = appendix[jana..].find(&open.control_id).unwrap();
        let provided_at = appendix[jana..].find(&provided.control_id).unwrap();
        assert!(open_at < provided_at, "{lang:?}: the open request comes first");
        assert!(appendix.contains(&open.what), "{lang:?}: what to provide");
        let iso = open.requirements.first().expect("the request serves requirements");
        assert!(appendix.contains(&iso.requirement_ids[0]), "{lang:?}: its requirement ids");
    }
}

#[test]
fn the_word_report_has_the_appendix_too() {
    let (store, id) = store();
    let dir = tempfile::tempdir().unwrap();
    for (lang, title, owner) in [
        (Lang::En, "Appendix: evidence requests", "Not yet assigned"),
        (Lang::De, "Anhang: Nachweisanforderungen", "Noch nicht zugewiesen"),
    ] {
        let path = dir.path().join(format!("report-{}.docx", lang.code()));
        write_docx(&report(&store, id, lang), &path).unwrap();
        let text = crate::docx::pandoc(&path);
        let appendix =
            text.split(&format!("\n# {title}")).nth(1).unwrap_or_else(|| panic!("{lang:?}: no appendix heading"));
        assert!(appendix.contains(&format!("## {owner}")), "{lang:?}: no owner heading");
        assert!(appendix.contains("unsigned draft"), "{lang:?}");
    }
}

#[test]
fn no_requests_no_appendix() {
    let (store, id) = store();
    for request in store.requests().list(id, today()).unwrap() {
        store.requests().remove(id, request.id, today()).unwrap();
    }
    for lang in Lang::ALL {
        let model = report(&store, id, lang);
        assert!(model.section(SectionId::EvidenceRequests).is_none(), "{lang:?}");
        assert!(!laid_out_text(&model).contains(if lang == Lang::En {
            "evidence requests"
        } else {
            "Nachweisanforderungen"
        }));
    }
}
