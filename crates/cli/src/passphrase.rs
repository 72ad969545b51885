//! `crosswalk-cli passphrase ...`: encryption at rest of the portfolio database.

use std::path::Path;

use clap::Subcommand;
use crosswalk_core::store::{file_kind, FileKind, PassphraseOutcome, Store};
use crosswalk_core::Error;

use crate::output::Output;
use crate::secrets::{self, Secrets, Source, NEW_PASSPHRASE_ENV};
use crate::{CliResult, Failure};

#[derive(Subcommand)]
pub enum PassphraseCommand {
    /// Encrypt the database (and its backups) with a new passphrase.
    Set {
        /// Read the new passphrase from standard input (after the current one, if any).
        #[arg(long)]
        new_passphrase_stdin: bool,
    },
    /// Re-encrypt the database (and its backups) under a new passphrase.
    Change {
        /// Read the new passphrase from standard input (after the current one, if any).
        #[arg(long)]
        new_passphrase_stdin: bool,
    },
    /// Decrypt the database (and its backups) to plain files. Anyone with the files can then
    /// read them.
    Remove {
        /// Confirm the removal.
        #[arg(long)]
        yes: bool,
    },
    /// Say whether the database is encrypted (opens nothing).
    Status,
}

/// `passphrase status` needs no passphrase and opens nothing.
pub fn status(path: &Path, out: &Output) -> CliResult {
    let kind = file_kind(path)?;
    let value = serde_json::json!({ "database": path.display().to_string(), "encrypted": kind == FileKind::Encrypted });
    out.value(&value, || match kind {
        FileKind::Encrypted => format!("{} is encrypted.", path.display()),
        FileKind::Plain => format!("{} is not encrypted (crosswalk-cli passphrase set encrypts it).", path.display()),
        FileKind::Missing => format!("{} does not exist yet.", path.display()),
    });
    Ok(())
}

pub fn run(cmd: PassphraseCommand, store: &mut Store, secrets: &Secrets, out: &Output) -> CliResult {
    let outcome = match cmd {
        PassphraseCommand::Status => unreachable!("handled before opening"),
        PassphraseCommand::Set { new_passphrase_stdin } => {
            if store.is_encrypted() {
                return Err(Failure::Core(Error::invalid(
                    "passphrase",
                    "the database already has a passphrase; use `passphrase change`",
                )));
            }
            let new = secrets::new_passphrase(
                Source::stdin_when(new_passphrase_stdin),
                NEW_PASSPHRASE_ENV,
                "database passphrase",
            )?;
            store.set_passphrase(&new)?
        }
        PassphraseCommand::Change { new_passphrase_stdin } => {
            let current = current(store, secrets)?;
            let new = secrets::new_passphrase(
                Source::stdin_when(new_passphrase_stdin),
                NEW_PASSPHRASE_ENV,
                "database passphrase",
            )?;
            store.change_passphrase(&current, &new)?
        }
        PassphraseCommand::Remove { yes } => {
            if !yes {
                return Err(Failure::Usage(
                    "removing the passphrase leaves the database and its backups readable by anyone with the files; \
                     add --yes to confirm"
                        .into(),
                ));
            }
            let current = current(store, secrets)?;
            store.remove_passphrase(&current)?
        }
    };
    print_outcome(&outcome, out);
    Ok(())
}

fn current(store: &Store, secrets: &Secrets) -> CliResult<crosswalk_core::secret::Secret> {
    match secrets.opened_with() {
        Some(current) if store.is_encrypted() => Ok(current.clone()),
        _ => Err(Failure::Core(Error::invalid(
            "passphrase",
            "the database has no passphrase (`passphrase set` adds one)",
        ))),
    }
}

fn print_outcome(outcome: &PassphraseOutcome, out: &Output) {
    out.value(outcome, || {
        let mut text = if outcome.encrypted {
            "The database is encrypted with the new passphrase.".to_owned()
        } else {
            "The database is no longer encrypted.".to_owned()
        };
        text.push_str(&format!(" Backups converted: {}.", outcome.backups_converted));
        for path in &outcome.backups_not_converted {
            text.push_str(&format!("\nnot converted (damaged, or under another passphrase): {path}"));
        }
        text
    });
}
