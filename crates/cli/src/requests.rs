//! `crosswalk-cli requests ...`: evidence requests, generated from a client's gap list, edited,
//! sent out as a spreadsheet (one sheet per owner) and read back with the client's answers.
//! Documented in `docs/cli.md`.

use std::path::PathBuf;

use clap::Subcommand;
use crosswalk_core::assessment::{Lang, SheetFormat};
use crosswalk_core::requests::{
    requirements_cell, EvidenceRequest, GenerateRequests, ImportRun, RequestEdit, RequestImport,
};
use crosswalk_core::store::Store;
use crosswalk_core::Error;

use crate::lang;
use crate::output::{table, write_whole, Output};
use crate::today::{parse_date, Today};
use crate::{CliResult, Failure};

#[derive(Subcommand)]
pub enum RequestsCommand {
    /// Ask for evidence of every gap of the current assessment (controls in scope not or
    /// partially implemented) that has no request yet except an accepted one. Running it again
    /// adds nothing.
    Generate {
        client: String,
        /// The due date of requests whose control has none in the assessment (default: none).
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// The language of what to provide (the catalogue's typical evidence).
        #[arg(long, value_parser = lang::parser(), default_value = "en")]
        lang: Lang,
        /// Also ask for evidence of controls recorded as implemented that have no evidence file.
        #[arg(long)]
        without_evidence: bool,
        /// Only this control of the gap list (repeat for several); default: every gap.
        #[arg(long, value_name = "ID")]
        control: Vec<String>,
        #[command(flatten)]
        day: Today,
    },
    /// The client's requests, with the requirements each serves within the scope.
    List {
        client: String,
        #[command(flatten)]
        day: Today,
    },
    /// Write the requests to a spreadsheet, whole or not at all: .xlsx with one sheet per owner
    /// (and one for unassigned requests), or .csv with one table.
    Export {
        client: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The language of the control titles and the unassigned sheet's name.
        #[arg(long, value_parser = lang::parser(), default_value = "en")]
        lang: Lang,
        #[command(flatten)]
        day: Today,
    },
    /// Read a returned spreadsheet (.xlsx, every sheet, or .csv): the status, owner, due date
    /// and response note of each request. Every row is checked first; any problem is reported
    /// with its sheet and row and nothing is written.
    Import {
        client: String,
        file: PathBuf,
        /// Write nothing: show what the import would change.
        #[arg(long)]
        dry_run: bool,
    },
    /// Change one request.
    Set {
        client: String,
        /// The request's number.
        id: i64,
        /// open, provided, accepted or rejected.
        #[arg(long)]
        status: Option<String>,
        /// The response note (empty clears it).
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// From whom (empty: unassigned).
        #[arg(long, value_name = "NAME")]
        owner: Option<String>,
        /// By when, YYYY-MM-DD (empty: no due date).
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// What to provide.
        #[arg(long, value_name = "TEXT")]
        what: Option<String>,
        #[command(flatten)]
        day: Today,
    },
    /// Remove one request.
    Remove {
        client: String,
        id: i64,
        #[command(flatten)]
        day: Today,
    },
}

pub fn run(cmd: RequestsCommand, store: &mut Store, out: &Output) -> CliResult {
    match cmd {
        RequestsCommand::Generate { client, due, lang, without_evidence, control, day } => {
            let today = day.date()?;
            let due = due.as_deref().map(|d| parse_date("due", d)).transpose()?;
            let id = store.clients().resolve(&client)?;
            let done = store.requests().generate(
                id,
                &GenerateRequests { due, lang, without_evidence, only: control },
                today,
            )?;
            out.value(&done, || match done.assessment_date {
                None => "The client has no assessment yet, so no gaps to ask evidence for.".into(),
                Some(date) => {
                    let mut text = format!(
                        "Assessment of {date}: {} request{} added, {} gap{} already asked for.",
                        done.created.len(),
                        if done.created.len() == 1 { "" } else { "s" },
                        done.skipped.len(),
                        if done.skipped.len() == 1 { "" } else { "s" },
                    );
                    if !done.created.is_empty() {
                        text.push('\n');
                        text.push_str(&requests_table(&done.created));
                    }
                    text
                }
            });
        }
        RequestsCommand::List { client, day } => {
            let id = store.clients().resolve(&client)?;
            let requests = store.requests().list(id, day.date()?)?;
            let value = serde_json::json!({ "requests": requests });
            out.value(&value, || {
                if requests.is_empty() {
                    "No evidence requests.".into()
                } else {
                    requests_table(&requests)
                }
            });
        }
        RequestsCommand::Export { client, out: path, lang, day } => {
            let format = SheetFormat::from_path(&path).ok_or_else(|| {
                Failure::Usage(format!("{}: the file name must end in .xlsx or .csv", path.display()))
            })?;
            let id = store.clients().resolve(&client)?;
            let today = day.date()?;
            let count = store.requests().list(id, today)?.len();
            let bytes = store.requests().export(id, format, lang, today)?;
            write_whole(&path, &bytes)
                .map_err(|e| Failure::Core(Error::io(format!("cannot write {}", path.display()), e)))?;
            let written = path.display().to_string();
            out.value(&serde_json::json!({ "written": written, "requests": count }), || {
                format!("Wrote {written} ({count} request{})", if count == 1 { "" } else { "s" })
            });
        }
        RequestsCommand::Import { client, file, dry_run } => {
            let format = SheetFormat::from_path(&file).ok_or_else(|| {
                Failure::Usage(format!("{}: the file name must end in .xlsx or .csv", file.display()))
            })?;
            let id = store.clients().resolve(&client)?;
            let bytes =
                std::fs::read(&file).map_err(|e| Failure::Usage(format!("cannot read {}: {e}", file.display())))?;
            let outcome = store.requests().import(
                id,
                &bytes,
                format,
                if dry_run { ImportRun::DryRun } else { ImportRun::Apply },
            )?;
            out.value(&outcome, || import_text(&outcome));
        }
        RequestsCommand::Set { client, id: number, status, note, owner, due, what, day } => {
            let id = store.clients().resolve(&client)?;
            let edit = RequestEdit { status, response_note: note, owner, due, what };
            let request = store.requests().set(id, number, &edit, day.date()?)?;
            out.value(&request, || requests_table(std::slice::from_ref(&request)));
        }
        RequestsCommand::Remove { client, id: number, day } => {
            let id = store.clients().resolve(&client)?;
            let removed = store.requests().remove(id, number, day.date()?)?;
            out.value(&removed, || format!("Removed request {} ({})", removed.id, removed.control_id));
        }
    }
    Ok(())
}

fn requests_table(requests: &[EvidenceRequest]) -> String {
    let rows: Vec<Vec<String>> = requests
        .iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                r.control_id.clone(),
                r.status.as_str().to_owned(),
                if r.owner.is_empty() { "(unassigned)".into() } else { r.owner.clone() },
                match (r.due, r.overdue) {
                    (Some(d), true) => format!("{d} overdue"),
                    (Some(d), false) => d.to_string(),
                    (None, _) => String::new(),
                },
                requirements_cell(&r.requirements),
                r.what.clone(),
            ]
        })
        .collect();
    table(&["ID", "CONTROL", "STATUS", "OWNER", "DUE", "REQUIREMENTS", "WHAT TO PROVIDE"], &rows)
}

fn import_text(outcome: &RequestImport) -> String {
    let verb = if outcome.applied { "Changed" } else { "Would change" };
    let mut text = format!(
        "{verb} {} request{}; {} unchanged.",
        outcome.changes.len(),
        if outcome.changes.len() == 1 { "" } else { "s" },
        outcome.unchanged
    );
    for change in &outcome.changes {
        text.push_str(&format!("\n  {} {}", change.id, change.control_id));
        for f in &change.fields {
            text.push_str(&format!("\n    {}: {:?} -> {:?}", f.field, f.before, f.after));
        }
    }
    text
}
