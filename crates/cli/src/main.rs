//! `crosswalk-cli`: the headless interface to Crosswalk, over the same core as the desktop app.
//!
//! Its commands, flags, JSON output and exit codes are a public interface, documented in
//! `docs/cli.md`: change them only in ways that keep existing scripts working.

mod catalog;
mod client;
mod output;
mod recommend;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use crosswalk_core::paths::{resolve_db_path, DbSource};
use crosswalk_core::store::Store;
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
    /// Print where the database is and what it holds.
    Info,
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
    let command = match cli.command {
        // A profile file needs no database: nothing is opened or created.
        Command::Recommend(args) => return recommend::run(args, || Ok(Store::open(&path)?), &out),
        other => other,
    };
    let mut store = Store::open(&path)?;
    match command {
        Command::Recommend(_) => unreachable!("handled above"),
        Command::Client(cmd) => client::run(cmd, &mut store, &out),
        Command::Catalog(args) => catalog::run(args, &mut store, &out),
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
                clients: store.client_count()?,
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
    if json {
        eprintln!("{}", serde_json::to_string(&report).unwrap_or_else(|_| report.message.clone()));
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
    }
    ExitCode::from(match report.code {
        ErrorCode::Invalid => EXIT_BAD_INPUT,
        ErrorCode::NotFound | ErrorCode::Ambiguous => EXIT_NOT_FOUND,
        _ => EXIT_FAILURE,
    })
}
