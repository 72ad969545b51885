//! `crosswalk-cli report ...`: the branded report of one client, or of every active client, as
//! PDF (the default) or as an editable Word document (`--format docx`).

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use crosswalk_core::catalog::Catalog;
use crosswalk_core::domain::{ClientId, Date};
use crosswalk_core::store::{ListQuery, Store};
use crosswalk_core::Error;
use crosswalk_report::client::{report_file_name_from_stem_as, write_report_as, ReportFormat};
use crosswalk_report::{BrandingInput, Lang, ReportOptions};

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
    /// Your firm's name, shown on the cover and in every header.
    #[arg(long, value_name = "NAME", default_value = "Crosswalk")]
    firm: String,
    /// Your firm's logo (PNG or JPEG).
    #[arg(long, value_name = "FILE")]
    logo: Option<PathBuf>,
    /// The client's logo (PNG or JPEG); with --all it goes on every report.
    #[arg(long, value_name = "FILE")]
    client_logo: Option<PathBuf>,
    /// Primary colour, #RRGGBB.
    #[arg(long, value_name = "COLOUR", default_value = "#1F3A5F")]
    primary: String,
    /// Accent colour, #RRGGBB.
    #[arg(long, value_name = "COLOUR", default_value = "#0F8B8D")]
    accent: String,
    /// A line at the foot of every page.
    #[arg(long, value_name = "TEXT", default_value = "")]
    footer: String,
}

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

fn read_logo(path: &Option<PathBuf>) -> CliResult<Option<Vec<u8>>> {
    path.as_ref()
        .map(|p| std::fs::read(p).map_err(|e| Failure::Core(Error::io(format!("cannot read {}", p.display()), e))))
        .transpose()
}

pub fn run(args: ReportArgs, store: &Store, out: &Output) -> CliResult {
    let today = args.day.date()?;
    let lang = Lang::from(args.lang);
    let branding = BrandingInput {
        firm_name: args.firm.clone(),
        logo: read_logo(&args.logo)?,
        client_logo: read_logo(&args.client_logo)?,
        primary_colour: args.primary.clone(),
        accent_colour: args.accent.clone(),
        contact: Vec::new(),
        footer: args.footer.clone(),
        disclaimer: None,
    }
    .validate()
    .map_err(|e| Failure::Usage(e.to_string()))?;
    let catalog = crosswalk_core::catalog::shipped().map_err(|e| Failure::Core(Error::ShippedCatalog(e)))?;
    let format = match args.format {
        FormatArg::Pdf => ReportFormat::Pdf,
        FormatArg::Docx => ReportFormat::Docx,
    };
    let job = Job { catalog, branding: &branding, lang, today, version: &args.report_version, format };

    let mut written = Vec::new();
    if args.all {
        let dir = args.out_dir.clone().unwrap_or_default();
        std::fs::create_dir_all(&dir)
            .map_err(|e| Failure::Core(Error::io(format!("cannot create {}", dir.display()), e)))?;
        let clients = store.list_clients(&ListQuery::default())?;
        let bar = indicatif::ProgressBar::new(clients.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        // Clients whose names give the same file name get the start of their id added.
        let stems =
            crosswalk_core::files::batch_stems(&clients.iter().map(|c| (c.name.clone(), c.id)).collect::<Vec<_>>());
        for (summary, stem) in clients.into_iter().zip(stems) {
            bar.set_message(summary.name.clone());
            let client = store.client(summary.id)?;
            let path = dir.join(report_file_name_from_stem_as(&stem, lang, format));
            let result = job.write(store, client.id, &path);
            bar.inc(1);
            if let Err(e) = result {
                bar.abandon();
                return Err(e);
            }
            written.push(Written { client: client.profile.name, file: path.display().to_string(), lang: lang.code() });
        }
        bar.finish_and_clear();
    } else {
        let reference = args.client.clone().unwrap_or_default();
        let client = store.client(store.resolve_client(&reference)?)?;
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
    branding: &'a crosswalk_report::Branding,
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
        let model =
            crosswalk_report::client_report(store, self.catalog, id, self.branding, self.lang, self.today, options)?;
        Ok(write_report_as(&model, path, self.format)?)
    }
}
