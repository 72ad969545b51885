//! `crosswalk-cli report ...`: the branded report of one client, or of every active client, as
//! PDF (the default) or as an editable Word document (`--format docx`).

use std::path::{Path, PathBuf};

use base64::Engine;
use clap::{Args, ValueEnum};
use crosswalk_core::catalog::Catalog;
use crosswalk_core::domain::{ClientId, Date};
use crosswalk_core::store::BrandingSettings;
use crosswalk_core::store::{ListQuery, Store};
use crosswalk_core::Error;
use crosswalk_report::client::branding_from_settings;
use crosswalk_report::client::{report_file_name_from_stem_as, write_report_as, ReportFormat};
use crosswalk_report::{Lang, ReportOptions};

use crate::lang;
use crate::output::Output;
use crate::today::Today;
use crate::{CliResult, Failure};

#[derive(Args)]
pub struct ReportArgs {
    /// The client: its id, or the start of it (see `client list`).
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    client: Option<String>,
    /// Write a report for every active client into --out-dir.
    #[arg(long, requires = "out_dir")]
    all: bool,
    /// The file to write (with CLIENT).
    #[arg(long, value_name = "FILE", required_unless_present = "all", conflicts_with = "all")]
    out: Option<PathBuf>,
    /// The folder to write the reports into (with --all).
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// The report's language.
    #[arg(long, value_parser = lang::parser(), default_value = "en")]
    lang: crosswalk_core::assessment::Lang,
    /// pdf (laid out, branded) or docx (an editable Word document from the same content).
    #[arg(long, value_enum, default_value_t = FormatArg::Pdf)]
    format: FormatArg,
    /// The report date.
    #[command(flatten)]
    day: Today,
    /// The report's version on the cover.
    #[arg(long = "report-version", value_name = "TEXT", default_value = "1.0")]
    report_version: String,
    /// Your firm's name, shown on the cover and in every header (default: the stored branding's,
    /// else "Crosswalk").
    #[arg(long, value_name = "NAME")]
    firm: Option<String>,
    /// Your firm's logo (PNG or JPEG; default: the stored one).
    #[arg(long, value_name = "FILE")]
    logo: Option<PathBuf>,
    /// The client's logo (PNG or JPEG); with --all it goes on every report (default: each
    /// client's stored logo).
    #[arg(long, value_name = "FILE")]
    client_logo: Option<PathBuf>,
    /// Primary colour, #RRGGBB (default: the stored branding's).
    #[arg(long, value_name = "COLOUR")]
    primary: Option<String>,
    /// Accent colour, #RRGGBB (default: the stored branding's).
    #[arg(long, value_name = "COLOUR")]
    accent: Option<String>,
    /// A line at the foot of every page (default: the stored branding's).
    #[arg(long, value_name = "TEXT")]
    footer: Option<String>,
}

/// The firm's name on a report when neither `--firm` nor the stored branding gives one.
const UNNAMED_FIRM: &str = "Crosswalk";

#[derive(Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Pdf,
    Docx,
}

#[derive(serde::Serialize)]
struct Written {
    client: String,
    file: String,
    lang: &'static str,
}

fn failure_text(failure: &Failure) -> String {
    match failure {
        Failure::Core(e) => e.report().message,
        Failure::Usage(text) => text.clone(),
    }
}

/// A logo file as the stored branding keeps it (base64).
fn read_logo(path: &Option<PathBuf>) -> CliResult<Option<String>> {
    path.as_ref()
        .map(|p| {
            std::fs::read(p)
                .map(|bytes| base64::engine::general_purpose::STANDARD.encode(bytes))
                .map_err(|e| Failure::Core(Error::io(format!("cannot read {}", p.display()), e)))
        })
        .transpose()
}

/// The stored branding with what the flags say instead.
fn settings(args: &ReportArgs, store: &Store) -> CliResult<BrandingSettings> {
    let mut settings = store.branding().get()?;
    if let Some(firm) = &args.firm {
        settings.firm_name = firm.clone();
    }
    if settings.firm_name.trim().is_empty() {
        settings.firm_name = UNNAMED_FIRM.to_owned();
    }
    if let Some(logo) = read_logo(&args.logo)? {
        settings.logo = Some(logo);
    }
    if let Some(primary) = &args.primary {
        settings.primary_colour = primary.clone();
    }
    if let Some(accent) = &args.accent {
        settings.accent_colour = accent.clone();
    }
    if let Some(footer) = &args.footer {
        settings.footer = footer.clone();
    }
    Ok(settings)
}

pub fn run(args: ReportArgs, store: &Store, out: &Output) -> CliResult {
    let today = args.day.date()?;
    let lang = args.lang;
    let settings = settings(&args, store)?;
    let client_logo = read_logo(&args.client_logo)?;
    // Checked once, up front: a bad flag is a usage error before any report is written.
    branding_from_settings(&settings, client_logo.as_deref()).map_err(|e| Failure::Usage(e.to_string()))?;
    let catalog = crosswalk_core::catalog::shipped().map_err(|e| Failure::Core(Error::ShippedCatalog(e)))?;
    let format = match args.format {
        FormatArg::Pdf => ReportFormat::Pdf,
        FormatArg::Docx => ReportFormat::Docx,
    };
    let job = Job { catalog, settings: &settings, client_logo, lang, today, version: &args.report_version, format };

    let mut written = Vec::new();
    if args.all {
        let dir = args.out_dir.clone().unwrap_or_default();
        std::fs::create_dir_all(&dir)
            .map_err(|e| Failure::Core(Error::io(format!("cannot create {}", dir.display()), e)))?;
        let clients = store.clients().list(&ListQuery::default())?;
        let bar = indicatif::ProgressBar::new(clients.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        // Clients whose names give the same file name get the start of their id added.
        let stems =
            crosswalk_core::files::batch_stems(&clients.iter().map(|c| (c.name.clone(), c.id)).collect::<Vec<_>>());
        // One client that fails does not stop the others; the failures are listed at the end.
        let mut failed = Vec::new();
        for (summary, stem) in clients.into_iter().zip(stems) {
            bar.set_message(summary.name.clone());
            let path = dir.join(report_file_name_from_stem_as(&stem, lang, format));
            match job.write(store, summary.id, &path) {
                Ok(()) => {
                    written.push(Written { client: summary.name, file: path.display().to_string(), lang: lang.code() })
                }
                Err(e) => failed.push(format!("{}: {}", summary.name, failure_text(&e))),
            }
            bar.inc(1);
        }
        bar.finish_and_clear();
        if !failed.is_empty() {
            out.value(&written, || {
                written.iter().map(|w| format!("Wrote {} ({})", w.file, w.client)).collect::<Vec<_>>().join("\n")
            });
            return Err(Failure::Core(Error::invalid(
                "report",
                format!(
                    "{} of {} reports could not be written: {}",
                    failed.len(),
                    failed.len() + written.len(),
                    failed.join("; ")
                ),
            )));
        }
    } else {
        let reference = args.client.clone().unwrap_or_default();
        let client = store.clients().get(store.clients().resolve(&reference)?)?;
        let stem = crosswalk_core::files::slug(&client.profile.name);
        let path =
            args.out.clone().unwrap_or_else(|| PathBuf::from(report_file_name_from_stem_as(&stem, lang, format)));
        job.write(store, client.id, &path)?;
        written.push(Written { client: client.profile.name, file: path.display().to_string(), lang: lang.code() });
    }
    out.value(&written, || {
        written.iter().map(|w| format!("Wrote {} ({})", w.file, w.client)).collect::<Vec<_>>().join("\n")
    });
    Ok(())
}

struct Job<'a> {
    catalog: &'a Catalog,
    settings: &'a BrandingSettings,
    /// `--client-logo`, instead of each client's stored logo.
    client_logo: Option<String>,
    lang: Lang,
    today: Date,
    version: &'a str,
    format: ReportFormat,
}

impl Job<'_> {
    /// The client's report from the store (recommendation with overrides, the analysis of its
    /// current assessment), written whole or not at all.
    fn write(&self, store: &Store, id: ClientId, path: &Path) -> CliResult {
        let options = ReportOptions { version: self.version.to_owned(), confidentiality: None };
        let client_logo = match &self.client_logo {
            Some(logo) => Some(logo.clone()),
            None => store.branding().client_logo(id)?,
        };
        let branding = branding_from_settings(self.settings, client_logo.as_deref())
            .map_err(|e| Error::invalid("branding", e.to_string()))?;
        let model =
            crosswalk_report::client_report(store, self.catalog, id, &branding, self.lang, self.today, options)?;
        Ok(write_report_as(&model, path, self.format)?)
    }
}
