//! `crosswalk-cli`: the headless interface to Crosswalk, over the same core as the desktop app.
//!
//! Its commands, flags, JSON output and exit codes are a public interface, documented in
//! `docs/cli.md`: change them only in ways that keep existing scripts working.

mod assess;
mod audit;
mod backup;
mod catalog;
mod client;
mod dashboard;
mod evidence;
mod framework;
mod keyword;
mod lang;
mod output;
mod overrides;
mod package;
mod passphrase;
mod recommend;
mod report;
mod requests;
mod secrets;
mod team;
mod today;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use crosswalk_core::paths::{resolve_db_path, DbSource};
use crosswalk_core::{Error, ErrorCode};

#[derive(Parser)]
#[command(name = "crosswalk-cli", version, about = "Crosswalk compliance workbench, headless", max_term_width = 100)]
struct Cli {
    /// The portfolio database (default: $CROSSWALK_DB, else the per-user data folder).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,

    /// Print results, and errors, as JSON.
    #[arg(long, global = true)]
    json: bool,

    /// Read the database passphrase from the first line of standard input (else
    /// $CROSSWALK_PASSPHRASE, else a prompt when the database is encrypted).
    #[arg(long, global = true)]
    passphrase_stdin: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Manage the clients of the portfolio.
    #[command(subcommand)]
    Client(client::ClientCommand),
    /// Load the demo portfolio (fictional clients); clients already loaded are left alone.
    Demo,
    /// The control catalogue: frameworks, controls, the crosswalk, and your own entries.
    Catalog(catalog::CatalogArgs),
    /// Which frameworks a client needs, why, and the roadmap: in what order, by when.
    Recommend(recommend::RecommendArgs),
    /// A client's gap assessment: record control statuses, show, export and import, date them.
    #[command(subcommand)]
    Assess(assess::AssessCommand),
    /// A client's gap analysis: readiness per framework and section, ranked gaps, remaining
    /// effort and the saving from shared work (or, with --all, the portfolio overview).
    Analyze(assess::AnalyzeArgs),
    /// The Statement of Applicability of ISO/IEC 27001 or 42001, as a table or a spreadsheet.
    Soa(assess::SoaArgs),
    /// The frameworks and SOC 2 categories a client is assessed against.
    #[command(subcommand)]
    Scope(assess::ScopeCommand),
    /// The consultant's overrides of a client's roadmap, each with its reason.
    #[command(subcommand, name = "override")]
    Override(overrides::OverrideCommand),
    /// Write a client's branded PDF report (or every client's, with --all).
    Report(report::ReportArgs),
    /// Every active client at a glance: frameworks needed, readiness, next milestone, actions
    /// open and overdue (the app's portfolio dashboard).
    Dashboard(dashboard::DashboardArgs),
    /// Print where the database is and what it holds.
    Info,
    /// Encrypt the database with a passphrase, change it, or remove it.
    #[command(subcommand)]
    Passphrase(passphrase::PassphraseCommand),
    /// Back up the database now (into the backups folder, or --out FILE), or list the backups.
    Backup(backup::BackupArgs),
    /// Replace the database with a backup, after checking the backup; the database it replaces
    /// is kept as a backup.
    Restore(backup::RestoreArgs),
    /// Export one client to a single file, or import one, to move it to another machine.
    #[command(subcommand)]
    Package(package::PackageCommand),
    /// A client's audit trail: every change to its profile and assessments, old and new value.
    Audit(audit::AuditArgs),
    /// Evidence files: attach files a client provided to controls, list, show, export, remove.
    #[command(subcommand)]
    Evidence(evidence::EvidenceCommand),
    /// Evidence requests: what a client is asked to provide, for which control, from whom, by
    /// when; generated from the gap list, exported as a spreadsheet per owner, read back.
    #[command(subcommand)]
    Requests(requests::RequestsCommand),
    /// Team sync through a shared folder: start or join a team, share clients, sync, resolve
    /// conflicts.
    #[command(subcommand)]
    Team(team::TeamCommand),
}

/// What went wrong, for the exit code and the message.
pub enum Failure {
    Core(Error),
    /// A usage problem found after parsing (a file that cannot be read, say).
    Usage(String),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Core(e)
    }
}

impl From<crosswalk_core::domain::ValidationErrors> for Failure {
    fn from(e: crosswalk_core::domain::ValidationErrors) -> Failure {
        Failure::Core(Error::Invalid(e))
    }
}

pub type CliResult<T = ()> = Result<T, Failure>;

/// Exit codes, part of the public interface.
const EXIT_FAILURE: u8 = 1;
const EXIT_BAD_INPUT: u8 = 2;
const EXIT_NOT_FOUND: u8 = 3;
const EXIT_PASSPHRASE: u8 = 4;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json;
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => report(failure, json),
    }
}

fn run(cli: Cli) -> CliResult {
    let out = output::Output { json: cli.json };
    let (path, source) = resolve_db_path(cli.db).ok_or_else(|| {
        Failure::Usage("cannot find a per-user data folder; pass --db PATH or set CROSSWALK_DB".into())
    })?;
    let mut secrets = secrets::Secrets::new(secrets::Source::stdin_when(cli.passphrase_stdin));
    let command = match cli.command {
        // A profile file needs no database: nothing is opened or created.
        Command::Recommend(args) => return recommend::run(args, || secrets.open(&path), &out),
        // These work on a damaged or locked database: they open nothing first.
        Command::Restore(args) => return backup::restore(args, &path, &secrets, &out),
        Command::Backup(args) if args.is_list() => return backup::list(&path, &out),
        Command::Passphrase(passphrase::PassphraseCommand::Status) => return passphrase::status(&path, &out),
        other => other,
    };
    let mut store = secrets.open(&path)?;
    match command {
        Command::Recommend(_) => unreachable!("handled above"),
        Command::Client(cmd) => client::run(cmd, &mut store, &out),
        Command::Catalog(args) => catalog::run(args, &mut store, &out),
        Command::Report(args) => report::run(args, &store, &out),
        Command::Override(cmd) => overrides::run(cmd, &mut store, &out),
        Command::Restore(_) => unreachable!("handled above"),
        Command::Passphrase(cmd) => passphrase::run(cmd, &mut store, &secrets, &out),
        Command::Backup(args) => backup::run(args, &store, &out),
        Command::Package(cmd) => package::run(cmd, &mut store, &out),
        Command::Audit(args) => audit::run(args, &store, &out),
        Command::Evidence(cmd) => evidence::run(cmd, &mut store, &out),
        Command::Requests(cmd) => requests::run(cmd, &mut store, &out),
        Command::Team(cmd) => team::run(cmd, &mut store, &out),
        Command::Assess(cmd) => assess::run(cmd, &mut store, &out),
        Command::Analyze(args) => assess::analyze(args, &store, &out),
        Command::Dashboard(args) => dashboard::run(args, &store, &out),
        Command::Soa(args) => assess::soa(args, &store, &out),
        Command::Scope(cmd) => assess::scope(cmd, &mut store, &out),
        Command::Demo => {
            let outcome = crosswalk_core::demo::load_demo(&mut store)?;
            out.value(&outcome, || {
                format!("Demo portfolio: {} clients added, {} already there.", outcome.added, outcome.present)
            });
            Ok(())
        }
        Command::Info => {
            #[derive(serde::Serialize)]
            struct Info {
                database: String,
                source: &'static str,
                schema_version: i64,
                clients: u64,
            }
            let info = Info {
                database: path.display().to_string(),
                source: match source {
                    DbSource::Flag => "flag",
                    DbSource::Environment => "environment",
                    DbSource::Default => "default",
                },
                schema_version: crosswalk_core::store::SCHEMA_VERSION,
                clients: store.clients().count()?,
            };
            out.value(&info, || {
                format!(
                    "database:       {} (from {})\nschema version: {}\nclients:        {}",
                    info.database, info.source, info.schema_version, info.clients
                )
            });
            Ok(())
        }
    }
}

fn report(failure: Failure, json: bool) -> ExitCode {
    let report = match &failure {
        Failure::Core(e) => e.report(),
        Failure::Usage(message) => {
            crosswalk_core::ErrorReport { code: ErrorCode::Invalid, message: message.clone(), fields: Vec::new() }
        }
    };
    // Problems beyond the first 50 are counted, not listed (`truncated`).
    let truncated = match &failure {
        Failure::Core(e) => e.truncated(),
        Failure::Usage(_) => 0,
    };
    if json {
        let mut value = serde_json::to_value(&report).unwrap_or_default();
        if let Some(object) = value.as_object_mut() {
            object.insert("truncated".into(), truncated.into());
        }
        eprintln!("{}", serde_json::to_string(&value).unwrap_or_else(|_| report.message.clone()));
    } else if report.fields.is_empty() {
        eprintln!("error: {}", report.message);
    } else {
        eprintln!("error: the input is not valid; nothing was written:");
        for field in &report.fields {
            if field.field.is_empty() {
                eprintln!("  {}", field.message);
            } else {
                eprintln!("  {}: {}", field.field, field.message);
            }
        }
        if truncated > 0 {
            eprintln!("  … and {truncated} more");
        }
    }
    ExitCode::from(match report.code {
        ErrorCode::Invalid => EXIT_BAD_INPUT,
        ErrorCode::NotFound | ErrorCode::Ambiguous => EXIT_NOT_FOUND,
        ErrorCode::PassphraseRequired | ErrorCode::WrongPassphrase => EXIT_PASSPHRASE,
        _ => EXIT_FAILURE,
    })
}
