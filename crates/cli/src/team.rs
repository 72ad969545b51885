//! `crosswalk-cli team ...`: team sync through a shared folder (docs/cli.md, "team").

use std::path::PathBuf;

use clap::Subcommand;
use crosswalk_core::package::KdfParams;
use crosswalk_core::store::{ConflictList, Keep, Sharing, Store, SyncReport, TeamStatus};
use crosswalk_core::Error;

use crate::output::{table, Output};
use crate::secrets::{self, Source, TEAM_PASSPHRASE_ENV};
use crate::{CliResult, Failure};

#[derive(Subcommand)]
pub enum TeamCommand {
    /// Start a team in a folder that a sync engine shares (new or empty), with this portfolio
    /// as its first device. Asks for a new team passphrase.
    Init {
        dir: PathBuf,
        /// Read the team passphrase from standard input (after the database's, if any).
        #[arg(long)]
        team_passphrase_stdin: bool,
    },
    /// Join the team in a shared folder: start from its newest snapshot, then apply every
    /// change after it.
    Join {
        dir: PathBuf,
        /// Read the team passphrase from standard input (after the database's, if any).
        #[arg(long)]
        team_passphrase_stdin: bool,
    },
    /// Send what changed here to the team folder, then apply what the others wrote.
    Sync,
    /// The team folder, this device, the shared clients, each other device's progress.
    Status,
    /// Share a client with the team (its data goes out whole at the next sync).
    Share { client: String },
    /// Make a client private again: nothing of it goes out any more.
    Unshare { client: String },
    /// The values that lost when two devices changed the same thing; keep one with --keep.
    Conflicts {
        /// Keep one side of conflict ID: `mine` (what this device held) or `theirs`.
        #[arg(long, num_args = 2, value_names = ["ID", "SIDE"])]
        keep: Option<Vec<String>>,
        /// List resolved conflicts too.
        #[arg(long)]
        all: bool,
    },
    /// Write a snapshot of the team state into the folder: a new member starts from it.
    Compact,
    /// Leave the team: the data stays here, the team's key and state are forgotten.
    Leave {
        /// Confirm.
        #[arg(long)]
        yes: bool,
    },
}

pub fn run(cmd: TeamCommand, store: &mut Store, out: &Output) -> CliResult {
    match cmd {
        TeamCommand::Init { dir, team_passphrase_stdin } => {
            let passphrase = secrets::new_passphrase(
                Source::stdin_when(team_passphrase_stdin),
                TEAM_PASSPHRASE_ENV,
                "team passphrase",
            )?;
            let status = store.team().init(&dir, &passphrase, KdfParams::default())?;
            print_status(&status, out);
        }
        TeamCommand::Join { dir, team_passphrase_stdin } => {
            let passphrase = secrets::existing_passphrase(Source::stdin_when(team_passphrase_stdin), TEAM_PASSPHRASE_ENV, "the team")?
                .ok_or_else(|| {
                    Failure::Usage(format!(
                        "no team passphrase given: pass it on standard input with --team-passphrase-stdin, or set {TEAM_PASSPHRASE_ENV}"
                    ))
                })?;
            let report = store.team().join(&dir, &passphrase)?;
            print_report(&report, out)?;
        }
        TeamCommand::Sync => {
            let report = store.team().sync()?;
            print_report(&report, out)?;
        }
        TeamCommand::Status => {
            let status = store.team().status()?;
            print_status(&status, out);
        }
        TeamCommand::Share { client } => {
            let id = store.clients().resolve(&client)?;
            store.team().share(id, Sharing::Shared)?;
            let value = serde_json::json!({ "client_id": id.to_string(), "shared": true });
            out.value(&value, || format!("{id} is shared with the team from the next sync on."));
        }
        TeamCommand::Unshare { client } => {
            let id = store.clients().resolve(&client)?;
            store.team().share(id, Sharing::Private)?;
            let value = serde_json::json!({ "client_id": id.to_string(), "shared": false });
            out.value(&value, || format!("{id} is private: nothing of it goes to the team any more."));
        }
        TeamCommand::Conflicts { keep: Some(args), .. } => {
            let id: i64 = args[0].parse().map_err(|_| Failure::Usage(format!("`{}` is no conflict id", args[0])))?;
            let keep = Keep::parse(&args[1].to_lowercase()).ok_or_else(|| {
                Failure::Usage(format!(
                    "keep {}, not `{}`",
                    Keep::ALL.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(" or "),
                    args[1]
                ))
            })?;
            let conflict = store.team().resolve(id, keep)?;
            out.value(&conflict, || {
                format!(
                    "Conflict {id} resolved: {} kept{}.",
                    keep.as_str(),
                    if keep.as_str() == conflict.winner { "" } else { " (the next sync sends it to the team)" }
                )
            });
        }
        TeamCommand::Conflicts { keep: None, all } => {
            let conflicts = store.team().conflicts(ConflictList::from(all))?;
            out.value(&conflicts, || {
                if conflicts.is_empty() {
                    return "No open conflicts.".into();
                }
                let rows: Vec<Vec<String>> = conflicts
                    .iter()
                    .map(|c| {
                        vec![
                            c.id.to_string(),
                            c.table.clone(),
                            c.key.to_string(),
                            c.field.clone().unwrap_or_else(|| "(row)".into()),
                            c.mine.to_string(),
                            c.theirs.to_string(),
                            c.winner.clone(),
                            c.resolution.clone().unwrap_or_default(),
                        ]
                    })
                    .collect();
                table(&["ID", "TABLE", "KEY", "FIELD", "MINE", "THEIRS", "HOLDS", "RESOLVED"], &rows)
            });
        }
        TeamCommand::Compact => {
            let done = store.team().compact()?;
            out.value(&done, || {
                format!(
                    "Snapshot {} written into the team folder; {} older file(s) of this device deleted.",
                    done.snapshot, done.pruned
                )
            });
        }
        TeamCommand::Leave { yes } => {
            if !yes {
                return Err(Failure::Usage(
                    "leaving forgets the team's key and state here (the data stays); add --yes to confirm".into(),
                ));
            }
            store.team().leave()?;
            out.value(&serde_json::json!({ "left": true }), || {
                "Left the team; the data stays in this portfolio.".into()
            });
        }
    }
    Ok(())
}

fn print_status(status: &TeamStatus, out: &Output) {
    out.value(status, || {
        let mut text = format!(
            "Team {} in {}\nThis device: {} ({} files written, {} waiting to be written)\nShared clients: {}\nOpen conflicts: {}",
            status.team_id,
            status.folder,
            status.device_id,
            status.files_written,
            status.files_unwritten,
            status.shared_clients,
            status.open_conflicts
        );
        if !status.peers.is_empty() {
            let rows: Vec<Vec<String>> = status
                .peers
                .iter()
                .map(|p| vec![p.device_id.clone(), p.applied.to_string(), p.in_folder.to_string()])
                .collect();
            text.push('\n');
            text.push_str(&table(&["DEVICE", "APPLIED", "IN FOLDER"], &rows));
        }
        text
    });
}

/// Prints what a sync did; a refused file makes the command fail (exit 2) after the report.
fn print_report(report: &SyncReport, out: &Output) -> CliResult {
    out.value(report, || {
        let mut lines = Vec::new();
        match &report.sent {
            Some(sent) => lines.push(format!("Sent {} changes (file {}).", sent.changes, sent.seq)),
            None => lines.push("Nothing to send.".into()),
        }
        if let Some(snapshot) = &report.snapshot {
            lines.push(format!("Started from snapshot {} of device {}.", snapshot.seq, snapshot.device_id));
        }
        let changes: u64 = report.applied.iter().map(|a| a.changes).sum();
        lines.push(format!("Applied {} files ({changes} changes).", report.applied.len()));
        for w in &report.waiting {
            lines.push(format!(
                "Waiting for file {} of device {}: a later one is there, this one not yet (is the folder still syncing?).",
                w.missing_seq, w.device_id
            ));
        }
        for r in &report.refused {
            lines.push(format!("Refused {}: {}", r.file, r.reason));
        }
        if report.new_conflicts > 0 || report.open_conflicts > 0 {
            lines.push(format!(
                "{} new conflicts, {} open: see `crosswalk-cli team conflicts`.",
                report.new_conflicts, report.open_conflicts
            ));
        }
        lines.join("\n")
    });
    if report.refused.is_empty() {
        Ok(())
    } else {
        Err(Failure::Core(Error::Sync(format!(
            "{} team file(s) refused (listed above); nothing of them was applied",
            report.refused.len()
        ))))
    }
}
