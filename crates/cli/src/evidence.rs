//! `crosswalk-cli evidence ...`: files a client provided, attached to controls of its current
//! assessment and kept inside the portfolio database. Documented in `docs/cli.md`.

use std::path::PathBuf;

use clap::Subcommand;
use crosswalk_core::evidence::{media_label, EvidenceLink, EvidenceMeta, NewEvidenceFile};
use crosswalk_core::store::{EvidenceShown, Store};

use crate::output::{table, Output};
use crate::today::{parse_date, Today};
use crate::CliResult;

#[derive(Subcommand)]
pub enum EvidenceCommand {
    /// Attach files to a control of the client's current assessment (starting one dated today
    /// when there is none). Every file is checked first: one refused, none is attached.
    Add {
        client: String,
        /// A control id (CW-ACC-03, or your own X-...), any case.
        control: String,
        /// The files: PDF, PNG, JPEG, GIF, Word/Excel/PowerPoint, OpenDocument, or UTF-8 text,
        /// CSV or Markdown; at most 25 MiB each.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Who at the client provided them.
        #[arg(long, value_name = "NAME", default_value = "")]
        provided_by: String,
        /// When they were provided, YYYY-MM-DD (default: today).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// A note about them.
        #[arg(long, value_name = "TEXT", default_value = "")]
        note: String,
        #[command(flatten)]
        day: Today,
    },
    /// The evidence of the client's current assessment.
    List {
        client: String,
        /// Only the files of this control.
        #[arg(long, value_name = "ID")]
        control: Option<String>,
        /// Only evidence older than the stale-after setting (see `evidence max-age`).
        #[arg(long)]
        stale: bool,
    },
    /// One file (by the first digits of its SHA-256): where it is attached and which
    /// requirements of which frameworks it serves through those controls.
    Show { client: String, sha_prefix: String },
    /// Write one file (by the first digits of its SHA-256) to a path, whole or not at all.
    Export {
        client: String,
        sha_prefix: String,
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
    /// Detach a file from a control of the current assessment; the file is deleted when no
    /// assessment of the client uses it any more.
    Remove { client: String, control: String, sha_prefix: String },
    /// Show, or set, after how many months evidence is flagged as stale (whole portfolio).
    MaxAge {
        /// 1 to 120; omit to show the setting.
        months: Option<u32>,
    },
}

pub fn run(cmd: EvidenceCommand, store: &mut Store, out: &Output) -> CliResult {
    match cmd {
        EvidenceCommand::Add { client, control, files, provided_by, date, note, day } => {
            let today = day.date()?;
            let provided_on = date.as_deref().map(|d| parse_date("date", d)).transpose()?;
            let id = store.clients().resolve(&client)?;
            let files = files.iter().map(|p| NewEvidenceFile::read(p)).collect::<Result<Vec<_>, _>>()?;
            let meta = EvidenceMeta { provided_by, provided_on, note };
            let added = store.evidence().add(id, &control, &files, &meta, today)?;
            out.value(&added, || {
                added
                    .iter()
                    .map(|l| format!("Attached {} ({}) to {}", l.file_name, &l.sha256[..12], l.control_id))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        EvidenceCommand::List { client, control, stale } => {
            let id = store.clients().resolve(&client)?;
            let list = store.evidence().list(
                id,
                control.as_deref(),
                if stale { EvidenceShown::StaleOnly } else { EvidenceShown::All },
            )?;
            out.value(&list, || match list.assessment_date {
                None => "The client has no assessment yet, so no evidence.".into(),
                Some(_) if list.links.is_empty() => "No evidence.".into(),
                Some(date) => format!(
                    "Assessment of {date}; evidence older than {} months is stale.\n{}",
                    list.max_age_months,
                    links_table(&list.links)
                ),
            });
        }
        EvidenceCommand::Show { client, sha_prefix } => {
            let id = store.clients().resolve(&client)?;
            let info = store.evidence().file(id, &sha_prefix)?;
            out.value(&info, || {
                let mut text = format!(
                    "{}\n{}, {} bytes\n\nAttached:\n{}",
                    info.sha256,
                    media_label(&info.media_type),
                    info.size,
                    links_table(&info.links)
                );
                if info.controls.is_empty() {
                    text.push_str("\n\nNot attached to any control of the current assessment.");
                } else {
                    text.push_str(&format!("\n\nServes (current assessment): {}", info.frameworks.join(", ")));
                    for control in &info.controls {
                        text.push_str(&format!("\n  {} {}", control.control_id, control.title_en));
                        for r in &control.requirements {
                            text.push_str(&format!("\n    {} {} ({})", r.framework, r.requirement_id, r.relationship));
                        }
                    }
                }
                text
            });
        }
        EvidenceCommand::Export { client, sha_prefix, out: path } => {
            let id = store.clients().resolve(&client)?;
            let done = store.evidence().export(id, &sha_prefix, &path)?;
            out.value(&done, || format!("Wrote {} ({} bytes)", done.path, done.size));
        }
        EvidenceCommand::Remove { client, control, sha_prefix } => {
            let id = store.clients().resolve(&client)?;
            let removed = store.evidence().remove(id, &control, &sha_prefix)?;
            out.value(&removed, || {
                format!(
                    "Removed {} ({}) from {}{}",
                    removed.file_name,
                    &removed.sha256[..12],
                    removed.control_id,
                    if removed.file_deleted { "; no assessment uses it any more, so it was deleted" } else { "" }
                )
            });
        }
        EvidenceCommand::MaxAge { months } => {
            let months = match months {
                Some(m) => store.evidence().set_max_age_months(m)?,
                None => store.evidence().max_age_months()?,
            };
            let value = serde_json::json!({ "max_age_months": months });
            out.value(&value, || format!("Evidence older than {months} months is flagged as stale."));
        }
    }
    Ok(())
}

fn links_table(links: &[EvidenceLink]) -> String {
    let rows: Vec<Vec<String>> = links
        .iter()
        .map(|l| {
            vec![
                l.control_id.clone(),
                l.sha256[..12].to_owned(),
                l.file_name.clone(),
                media_label(&l.media_type).to_owned(),
                l.size.to_string(),
                l.provided_by.clone(),
                l.provided_on.to_string(),
                if l.stale { "yes".into() } else { String::new() },
                l.note.clone(),
            ]
        })
        .collect();
    table(&["CONTROL", "SHA256", "FILE", "KIND", "BYTES", "PROVIDED BY", "DATE", "STALE", "NOTE"], &rows)
}
