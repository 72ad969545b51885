//! Assembles a [`ReportModel`] from the core's types: the profile, the recommendation, the
//! roadmap, the catalogue and the analysis input. Every sentence comes from [`crate::i18n`] or
//! from the core's bilingual texts; nothing here places anything on a page.

mod analysis;
mod labels;
mod methodology;
mod recommendation;
mod requests;
mod roadmap;
mod summary;
mod triggers;

use crosswalk_core::catalog::Catalog;
use crosswalk_core::domain::{ClientProfile, Date};
use crosswalk_core::recommend::{Recommendation, Roadmap};

use crate::branding::Branding;
use crate::i18n::{long_date, number, t, tf, S};
use crate::model::{AnalysisInput, Chrome, Cover, Lang, Meta, ReportModel, Section, SectionId};

pub(crate) use labels::*;

/// Everything a report is built from.
pub struct ReportInputs<'a> {
    pub profile: &'a ClientProfile,
    pub recommendation: &'a Recommendation,
    pub roadmap: &'a Roadmap,
    pub catalog: &'a Catalog,
    pub analysis: &'a AnalysisInput,
    pub branding: &'a Branding,
    pub lang: Lang,
    /// The report date (also the PDF's creation date).
    pub date: Date,
    pub options: ReportOptions,
}

/// What the consultant chooses per report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOptions {
    /// The report's version, shown on the cover (`1.0`).
    pub version: String,
    /// The confidentiality marking; `None` prints the standard one naming the client.
    pub confidentiality: Option<String>,
}

impl Default for ReportOptions {
    fn default() -> ReportOptions {
        ReportOptions { version: "1.0".into(), confidentiality: None }
    }
}

impl ReportModel {
    /// The whole report in `inputs.lang`.
    pub fn build(inputs: &ReportInputs<'_>) -> ReportModel {
        let lang = inputs.lang;
        let client = inputs.profile.name.clone();
        let confidentiality =
            inputs.options.confidentiality.clone().unwrap_or_else(|| tf(lang, S::DefaultConfidentiality, &[&client]));
        let title = t(lang, S::ReportTitle).to_owned();
        let meta = Meta {
            title: format!("{title}: {client}"),
            subject: tf(lang, S::ReportSubject, &[&client]),
            author: inputs.branding.firm_name.clone(),
            client_name: client.clone(),
            date: inputs.date,
            version: inputs.options.version.clone(),
            confidentiality: confidentiality.clone(),
            keywords: vec!["ISO/IEC 27001".into(), "SOC 2".into(), "ISO/IEC 42001".into(), t(lang, S::EuAiAct).into()],
        };
        let cover = Cover {
            title: title.clone(),
            subtitle: t(lang, S::ReportSubtitle).to_owned(),
            prepared_for: t(lang, S::PreparedFor).to_owned(),
            client_name: client.clone(),
            client_summary: client_summary(lang, inputs.profile),
            facts: vec![
                (t(lang, S::DateLabel).to_owned(), long_date(lang, inputs.date)),
                (t(lang, S::VersionLabel).to_owned(), inputs.options.version.clone()),
                (t(lang, S::PreparedBy).to_owned(), inputs.branding.firm_name.clone()),
            ],
            confidentiality,
        };
        let chrome = Chrome {
            contents_title: t(lang, S::Contents).to_owned(),
            page_of: t(lang, S::PageOf).to_owned(),
            running_title: title,
        };

        let mut sections = vec![
            summary::executive_summary(inputs),
            summary::which_do_you_need(inputs),
            recommendation::section(inputs),
            roadmap::section(inputs),
        ];
        sections.extend(analysis::sections(inputs));
        sections.extend(requests::section(inputs));
        sections.push(methodology::section(inputs));
        sections.sort_by_key(|s| s.id);

        ReportModel { lang, meta, branding: inputs.branding.clone(), cover, chrome, sections }
    }

    pub fn section(&self, id: SectionId) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }
}

fn client_summary(lang: Lang, profile: &ClientProfile) -> Vec<(String, String)> {
    let markets: Vec<&str> = profile.markets.iter().map(|m| market_name(lang, *m)).collect();
    let held: Vec<String> = profile.certifications.iter().map(|c| certification_name(lang, c)).collect();
    let systems: Vec<&str> = profile.ai_systems.iter().map(|s| s.name.as_str()).collect();
    vec![
        (t(lang, S::SectorLabel).to_owned(), t(lang, sector_key(profile.sector)).to_owned()),
        (t(lang, S::EmployeesLabel).to_owned(), number(lang, f64::from(profile.employees), 0)),
        (t(lang, S::HeadquartersLabel).to_owned(), profile.headquarters.clone()),
        (t(lang, S::MarketsLabel).to_owned(), markets.join(", ")),
        (
            t(lang, S::AiSystemsLabel).to_owned(),
            if systems.is_empty() { t(lang, S::NoneRecorded).to_owned() } else { systems.join(", ") },
        ),
        (
            t(lang, S::CertificationsLabel).to_owned(),
            if held.is_empty() { t(lang, S::NoneHeld).to_owned() } else { held.join(", ") },
        ),
    ]
}
