//! A stored client's report, assembled from the store: its profile, the recommendation and
//! roadmap with the consultant's overrides, and the gap analysis of its current assessment. The
//! CLI and the desktop app both call [`client_report`], so a report looks the same from either.

use crosswalk_core::assessment::{self, AnalysisSettings, AssessmentView, ScopeFramework};
use crosswalk_core::catalog::Catalog;
use crosswalk_core::domain::{ClientId, Date};
use crosswalk_core::recommend::AdviceSettings;
use crosswalk_core::store::Store;

use crate::branding::BrandingProblem;
use crate::model::{
    readiness_percent, ActionItem, AnalysisInput, ControlStatus, DomainReadiness, FrameworkReadiness, MatrixRow,
    RequestEntry, SharedWork, Soa, SoaRow, StatusCounts, SubserviceEntry,
};
use crate::{Branding, BrandingErrors, BrandingInput, Lang, ReportInputs, ReportModel, ReportOptions};
use base64::Engine;
use crosswalk_core::store::BrandingSettings;

/// How many of the ranked gaps the action list shows at least. Gaps with an owner or a due date
/// (actions already agreed with the client) are listed too, wherever they rank.
pub const ACTIONS: usize = 25;

/// The report of one stored client, as of `today`.
pub fn client_report(
    store: &Store,
    catalog: &Catalog,
    client: ClientId,
    branding: &Branding,
    lang: Lang,
    today: Date,
    options: ReportOptions,
) -> crosswalk_core::Result<ReportModel> {
    // One context for the whole report: the profile read once, the recommendation made once.
    let ctx = store.views().context(client, today)?;
    let advice = store.views().advice_of(&ctx, &AdviceSettings { today, start: None, capacity_days_per_week: None })?;
    let analysis = store.views().analysis_of(&ctx, AnalysisSettings::new(today).weight()?)?;
    let view = store.views().assessment_of(&ctx)?;
    let mut soas = Vec::new();
    for framework in [ScopeFramework::Iso27001, ScopeFramework::Iso42001] {
        if ctx.scope.contains(framework) {
            soas.push(store.views().soa_of(&ctx, framework)?);
        }
    }
    let mut input = analysis_input(&analysis, &soas, &view, lang);
    input.requests = request_entries(&store.requests().list_of(&ctx)?);
    Ok(ReportModel::build(&ReportInputs {
        profile: &ctx.client.profile,
        recommendation: &advice.recommendation,
        roadmap: &advice.roadmap,
        catalog,
        analysis: &input,
        branding,
        lang,
        date: today,
        options,
    }))
}

/// The evidence requests of the appendix from the core's requests.
pub fn request_entries(requests: &[crosswalk_core::requests::EvidenceRequest]) -> Vec<RequestEntry> {
    requests
        .iter()
        .map(|r| RequestEntry {
            id: r.id,
            control_id: r.control_id.clone(),
            requirements: r.requirements.iter().map(|q| (q.framework.clone(), q.requirement_ids.clone())).collect(),
            what: r.what.clone(),
            owner: r.owner.clone(),
            due: r.due,
            status: r.status,
            overdue: r.overdue,
            response_note: r.response_note.clone(),
        })
        .collect()
}

/// The report's analysis sections from the core's analysis, Statements of Applicability and
/// assessment rows.
pub fn analysis_input(
    analysis: &assessment::Analysis,
    soas: &[assessment::Soa],
    view: &AssessmentView,
    lang: Lang,
) -> AnalysisInput {
    // An imported framework is named by its catalogue name, never its id.
    let imported_name = |f: &assessment::ScopeFramework| {
        f.is_imported()
            .then(|| analysis.frameworks.iter().find(|r| r.framework == *f).map(|r| r.name.clone()))
            .flatten()
    };
    let frameworks = analysis
        .frameworks
        .iter()
        .map(|f| FrameworkReadiness {
            framework_id: f.framework.as_str().to_owned(),
            name: f.framework.is_imported().then(|| f.name.clone()),
            counts: StatusCounts {
                met: f.readiness.met,
                partial: f.readiness.partial,
                unmet: f.readiness.unmet,
                not_applicable: f.readiness.not_applicable,
                not_assessed: f.readiness.not_assessed,
            },
            percent: f.readiness.percent.unwrap_or(0.0),
        })
        .collect();
    let domains = analysis
        .domains
        .iter()
        .map(|d| {
            let counts = StatusCounts {
                met: d.implemented,
                partial: d.partially_implemented,
                unmet: d.not_implemented + d.not_assessed,
                not_applicable: d.not_applicable,
                not_assessed: d.not_assessed,
            };
            DomainReadiness { domain_id: d.domain.clone(), percent: readiness_percent(&counts), counts }
        })
        .collect();
    let shared_work = Some(SharedWork {
        alone: analysis
            .effort
            .alone
            .iter()
            .map(|a| (imported_name(&a.framework).unwrap_or_else(|| a.framework.as_str().to_owned()), a.days))
            .collect(),
        together: analysis.effort.together,
    });
    let actions = analysis
        .gaps
        .iter()
        .enumerate()
        .filter(|(rank, g)| *rank < ACTIONS || !g.owner.trim().is_empty() || g.due.is_some())
        .map(|(_, g)| ActionItem {
            rank: g.rank,
            control_id: g.control_id.clone(),
            status: g.status,
            effort: g.effort,
            owner: Some(g.owner.clone()).filter(|o| !o.trim().is_empty()),
            due: g.due,
            frameworks: g
                .frameworks
                .iter()
                .map(|f| imported_name(f).unwrap_or_else(|| f.as_str().to_owned()))
                .collect(),
        })
        .collect();
    let soa = soas
        .iter()
        .map(|s| Soa {
            framework_id: s.framework.as_str().to_owned(),
            rows: s
                .rows
                .iter()
                .map(|r| SoaRow {
                    requirement_id: r.requirement_id.clone(),
                    applicable: r.applicable,
                    justification: Some(lang_pick(&r.justification, lang)).filter(|j| !j.trim().is_empty()),
                    status: requirement_status(r.status),
                    implemented_by: r.controls.iter().map(|c| c.control_id.clone()).collect(),
                })
                .collect(),
        })
        .collect();
    let columns: Vec<ScopeFramework> = analysis.scope.frameworks.clone();
    let matrix = view
        .rows
        .iter()
        .map(|row| MatrixRow {
            control_id: row.control_id.clone(),
            cells: columns
                .iter()
                .map(|f| (f.as_str().to_owned(), row.frameworks.contains(f).then_some(row.status)))
                .collect(),
        })
        .collect();
    let subservice = if analysis.scope.contains(ScopeFramework::Soc2) {
        analysis
            .scope
            .subservice_organisations
            .iter()
            .map(|o| SubserviceEntry {
                name: o.name.clone(),
                carve_out: o.method == assessment::SubserviceMethod::CarveOut,
                services: o.services.clone(),
                criteria: o.criteria.clone(),
                carved_out: o.criteria.iter().filter(|c| analysis.scope.is_carved_out(c)).cloned().collect(),
            })
            .collect()
    } else {
        Vec::new()
    };
    AnalysisInput { frameworks, domains, shared_work, actions, soa, matrix, subservice, requests: Vec::new() }
}

fn lang_pick(text: &crosswalk_core::catalog::Text, lang: Lang) -> String {
    lang.pick(text).to_owned()
}

/// An Annex A control's derived status, in the report's control vocabulary.
fn requirement_status(status: assessment::RequirementStatus) -> ControlStatus {
    match status {
        assessment::RequirementStatus::Met => ControlStatus::Implemented,
        assessment::RequirementStatus::Partial => ControlStatus::PartiallyImplemented,
        assessment::RequirementStatus::Unmet => ControlStatus::NotImplemented,
        assessment::RequirementStatus::NotApplicable => ControlStatus::NotApplicable,
        assessment::RequirementStatus::NotAssessed => ControlStatus::NotAssessed,
    }
}

/// Checked branding from the stored settings and a client's stored logo (both base64): the one
/// check of a firm's branding, for the app, the CLI and every report. A logo that is not base64
/// or no longer decodes is reported like any bad logo.
pub fn branding_from_settings(
    settings: &BrandingSettings,
    client_logo: Option<&str>,
) -> Result<Branding, BrandingErrors> {
    let mut undecodable = Vec::new();
    let mut decode = |field: &'static str, text: Option<&str>| {
        let text = text.map(str::trim).filter(|t| !t.is_empty())?;
        base64::engine::general_purpose::STANDARD
            .decode(text)
            .map_err(|_| undecodable.push(BrandingProblem { field, message: "is not a base64-encoded image".into() }))
            .ok()
    };
    let input = BrandingInput {
        firm_name: settings.firm_name.clone(),
        logo: decode("logo", settings.logo.as_deref()),
        client_logo: decode("client_logo", client_logo),
        primary_colour: settings.primary_colour.clone(),
        accent_colour: settings.accent_colour.clone(),
        contact: settings.contact.clone(),
        footer: settings.footer.clone(),
        disclaimer: Some(settings.disclaimer.clone()).filter(|d| !d.trim().is_empty()),
    };
    match (input.validate(), undecodable.is_empty()) {
        (Ok(branding), true) => Ok(branding),
        (Ok(_), false) => Err(BrandingErrors(undecodable)),
        (Err(BrandingErrors(mut problems)), _) => {
            problems.extend(undecodable);
            Err(BrandingErrors(problems))
        }
    }
}

/// Whether `settings` may be stored: every rule of [`branding_from_settings`] but one, the firm's
/// name, which may still be empty (colours and a logo can be set first; a report refuses to be
/// written until the name is there).
pub fn check_branding_settings(settings: &BrandingSettings) -> Result<(), BrandingErrors> {
    let unnamed = settings.firm_name.trim().is_empty();
    match branding_from_settings(settings, None) {
        Ok(_) => Ok(()),
        Err(BrandingErrors(problems)) => {
            let rest: Vec<BrandingProblem> =
                problems.into_iter().filter(|p| !(unnamed && p.field == "firm_name")).collect();
            if rest.is_empty() {
                Ok(())
            } else {
                Err(BrandingErrors(rest))
            }
        }
    }
}

/// Writes a stored client's report with the firm's stored branding and the client's stored logo
/// (what the app exports), whole or not at all. Gives the size of the file written.
pub fn export_client_report(
    store: &Store,
    client: ClientId,
    lang: Lang,
    today: Date,
    path: &std::path::Path,
) -> crosswalk_core::Result<u64> {
    export_client_report_as(store, client, lang, today, path, ReportFormat::Pdf)
}

/// [`export_client_report`] in the chosen format: the same model, as PDF or as Word.
pub fn export_client_report_as(
    store: &Store,
    client: ClientId,
    lang: Lang,
    today: Date,
    path: &std::path::Path,
    format: ReportFormat,
) -> crosswalk_core::Result<u64> {
    let branding = stored_branding(store, Some(client))?;
    let catalog = crosswalk_core::catalog::shipped().map_err(crosswalk_core::Error::ShippedCatalog)?;
    let model = client_report(store, catalog, client, &branding, lang, today, ReportOptions::default())?;
    write_report_as(&model, path, format)?;
    Ok(std::fs::metadata(path).map(|m| m.len()).unwrap_or(0))
}

/// The file format a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportFormat {
    /// The laid-out, branded PDF.
    #[default]
    Pdf,
    /// The editable Word document (see [`crate::docx`]).
    Docx,
}

impl ReportFormat {
    pub const ALL: [ReportFormat; 2] = [ReportFormat::Pdf, ReportFormat::Docx];

    /// The file extension and the name on the command line: `pdf`, `docx`.
    pub fn code(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "pdf",
            ReportFormat::Docx => "docx",
        }
    }

    /// The format a code names (`pdf`, `docx`, any case), or `None`.
    pub fn parse(code: &str) -> Option<ReportFormat> {
        ReportFormat::ALL.into_iter().find(|f| f.code().eq_ignore_ascii_case(code.trim()))
    }
}

/// The firm's stored branding, with `client`'s stored logo when a client is given; an error says
/// to set the branding under Settings.
pub fn stored_branding(store: &Store, client: Option<ClientId>) -> crosswalk_core::Result<Branding> {
    let settings = store.branding().get()?;
    let client_logo = match client {
        Some(id) => store.branding().client_logo(id)?,
        None => None,
    };
    branding_from_settings(&settings, client_logo.as_deref()).map_err(|e| {
        crosswalk_core::Error::invalid("branding", format!("{e} Set your firm's branding under Settings first."))
    })
}

/// [`crate::write_pdf`] with the error as the core's: an I/O error names the file.
pub fn write_report(model: &ReportModel, path: &std::path::Path) -> crosswalk_core::Result<()> {
    write_report_as(model, path, ReportFormat::Pdf)
}

/// Writes the report as PDF or Word, whole or not at all; an I/O error names the file.
pub fn write_report_as(
    model: &ReportModel,
    path: &std::path::Path,
    format: ReportFormat,
) -> crosswalk_core::Result<()> {
    use crosswalk_core::Error;
    let result = match format {
        ReportFormat::Pdf => crate::write_pdf(model, path),
        ReportFormat::Docx => crate::write_docx(model, path),
    };
    result.map_err(|e| match e {
        crate::ReportError::Write { source, .. } => {
            Error::io(format!("cannot write the report to {}", path.display()), source)
        }
        other => Error::invalid("report", other.to_string()),
    })
}

/// A report's file name from the client's name (`kestrel-partners-llp-report-en.pdf`); see
/// [`crosswalk_core::files::slug`].
pub fn report_file_name(client: &str, lang: Lang) -> String {
    report_file_name_from_stem(&crosswalk_core::files::slug(client), lang)
}

/// A report's file name from a file-name stem (for a batch: [`crosswalk_core::files::batch_stems`]).
pub fn report_file_name_from_stem(stem: &str, lang: Lang) -> String {
    report_file_name_from_stem_as(stem, lang, ReportFormat::Pdf)
}

/// [`report_file_name_from_stem`] with the format's extension (`...-report-en.docx`).
pub fn report_file_name_from_stem_as(stem: &str, lang: Lang, format: ReportFormat) -> String {
    format!("{stem}-report-{}.{}", lang.code(), format.code())
}

#[cfg(test)]
mod tests {
    #[test]
    fn branding_settings_are_checked_once_for_storing_and_for_reports() {
        use crosswalk_core::store::BrandingSettings;
        let unnamed = BrandingSettings::default();
        // Stored before the firm's name is known; a report refuses until it is.
        assert!(super::check_branding_settings(&unnamed).is_ok());
        let e = super::branding_from_settings(&unnamed, None).unwrap_err();
        assert!(e.0.iter().any(|p| p.field == "firm_name"));
        // A logo that is not base64, and a bad colour: both reported, whether stored or reported.
        let broken = BrandingSettings {
            firm_name: "Northbridge".into(),
            accent_colour: "teal".into(),
            logo: Some("not base64 %%%".into()),
            ..BrandingSettings::default()
        };
        for problems in [
            super::check_branding_settings(&broken).unwrap_err().0,
            super::branding_from_settings(&broken, None).unwrap_err().0,
        ] {
            let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
            assert!(fields.contains(&"logo") && fields.contains(&"accent_colour"), "{fields:?}");
        }
        let named = BrandingSettings { firm_name: "Northbridge".into(), ..BrandingSettings::default() };
        assert_eq!(super::branding_from_settings(&named, None).unwrap().firm_name, "Northbridge");
    }

    use super::*;

    #[test]
    fn the_action_list_keeps_every_agreed_action() {
        let mut store = Store::open_in_memory().unwrap();
        crosswalk_core::demo::load_demo(&mut store).unwrap();
        let id: ClientId = "972a8469-1641-4f82-8b9d-2434e465e150".parse().unwrap(); // Nordlicht
        let today: Date = "2026-11-29".parse().unwrap();
        let input = |store: &Store| {
            let analysis = store.views().analysis(id, &AnalysisSettings::new(today)).unwrap();
            let view = store.views().assessment(id, today).unwrap();
            (analysis_input(&analysis, &[], &view, Lang::En), analysis)
        };
        let (before, analysis) = input(&store);
        let unowned_tail: Vec<_> = analysis
            .gaps
            .iter()
            .skip(ACTIONS)
            .filter(|g| g.owner.trim().is_empty() && g.due.is_none())
            .map(|g| g.control_id.clone())
            .collect();
        assert!(!unowned_tail.is_empty(), "the demo client has more gaps than the list shows");
        assert!(before.actions.iter().all(|a| !unowned_tail.contains(&a.control_id)));

        // Agree an action on a gap far down the ranking: it joins the list, in rank order.
        let far = unowned_tail.last().unwrap().clone();
        let entry = crosswalk_core::assessment::ControlEntry {
            control_id: far.clone(),
            status: "not_implemented".into(),
            owner: "Jana Weber".into(),
            due: "2027-03-31".into(),
            ..Default::default()
        };
        store.assessments().save(id, &entry, today).unwrap();
        let (after, _) = input(&store);
        let item = after.actions.last().unwrap();
        assert_eq!((item.control_id.as_str(), item.owner.as_deref()), (far.as_str(), Some("Jana Weber")));
        assert_eq!(after.actions.len(), before.actions.len() + 1);
        assert!(item.rank as usize > ACTIONS, "it keeps its place in the ranking: {}", item.rank);
        assert!(after.actions.windows(2).all(|w| w[0].rank < w[1].rank));
    }

    /// The subservice organisations reach the report when SOC 2 is in scope: the control matrix
    /// section names each with its method, and the carved-out criteria, in both languages.
    #[test]
    fn the_report_names_the_subservice_organisations() {
        let mut store = Store::open_in_memory().unwrap();
        crosswalk_core::demo::load_demo(&mut store).unwrap();
        let id: ClientId = "bdd640fb-0667-4ad1-9c80-317fa3b1799d".parse().unwrap(); // Harbor Ledger, SOC 2
        let today: Date = "2026-11-29".parse().unwrap();
        let catalog = crosswalk_core::catalog::shipped().unwrap();
        let cases: &[(Lang, &[&str])] = &[
            (
                Lang::En,
                &[
                    "SOC 2 subservice organisations",
                    "Carved out of this analysis: A1.2, CC6.4",
                    "carve-out",
                    "inclusive",
                ],
            ),
            (
                Lang::De,
                &["SOC-2-Subdienstleister", "Aus dieser Analyse ausgegliedert: A1.2, CC6.4", "Carve-out", "Inclusive"],
            ),
        ];
        let matrix_text = |store: &Store, lang: Lang| {
            let model =
                client_report(store, catalog, id, &crate::demo::demo_branding(), lang, today, ReportOptions::default())
                    .unwrap();
            let section = model.sections.iter().find(|s| s.id == crate::model::SectionId::ControlMatrix).unwrap();
            format!("{:?}", section.blocks)
        };
        assert!(!matrix_text(&store, Lang::En).contains("subservice"), "nothing without organisations");
        for (name, method, criteria) in
            [("Cloud Host", "carve_out", vec!["CC6.4", "A1.2"]), ("Payments Co", "inclusive", vec!["PI1.1"])]
        {
            let input = crosswalk_core::assessment::SubserviceInput {
                name: name.into(),
                method: method.into(),
                services: "hosting".into(),
                criteria: criteria.into_iter().map(String::from).collect(),
            };
            store.scopes().set_subservice_organisation(id, &input, today).unwrap();
        }
        for (lang, expected) in cases {
            let text = matrix_text(&store, *lang);
            for e in *expected {
                assert!(text.contains(e), "{lang:?}: `{e}` missing in {text}");
            }
        }
    }

    #[test]
    fn file_names_are_plain() {
        assert_eq!(report_file_name("Kestrel & Partners LLP", Lang::De), "kestrel-partners-llp-report-de.pdf");
        assert_eq!(report_file_name("Sentinel Vision S.L.", Lang::En), "sentinel-vision-s-l-report-en.pdf");
        assert_eq!(report_file_name("Müller  Bau", Lang::En), "müller-bau-report-en.pdf");
        assert_eq!(
            report_file_name_from_stem_as("brightdesk", Lang::De, ReportFormat::Docx),
            "brightdesk-report-de.docx"
        );
    }

    #[test]
    fn formats_parse_by_their_code() {
        for (code, expected) in [
            ("pdf", Some(ReportFormat::Pdf)),
            ("DOCX", Some(ReportFormat::Docx)),
            (" docx ", Some(ReportFormat::Docx)),
            ("doc", None),
            ("", None),
        ] {
            assert_eq!(ReportFormat::parse(code), expected, "{code:?}");
        }
        assert_eq!(ReportFormat::default(), ReportFormat::Pdf);
    }
}
