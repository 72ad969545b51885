//! `crosswalk-cli package ...`: one client in one file, to move it to another machine.

use std::path::PathBuf;

use clap::Subcommand;
use crosswalk_core::files::write_private;
use crosswalk_core::package::{ImportMode, ImportStatus};
use crosswalk_core::store::Store;
use crosswalk_core::Error;

use crate::keyword;
use crate::output::Output;
use crate::secrets::{self, Source, PACKAGE_PASSPHRASE_ENV};
use crate::{CliResult, Failure};

#[derive(Subcommand)]
pub enum PackageCommand {
    /// Write a client, with its assessments, history, overrides and audit trail, to one file.
    Export {
        client: String,
        /// The package file to write (.cwpkg).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Encrypt the package with a passphrase of its own (asked for, or
        /// $CROSSWALK_PACKAGE_PASSPHRASE, or --package-passphrase-stdin).
        #[arg(long)]
        encrypt: bool,
        /// Read the package passphrase from standard input.
        #[arg(long, requires = "encrypt")]
        package_passphrase_stdin: bool,
    },
    /// Add the client in a package file. Nothing is written unless the whole package checks.
    Import {
        file: PathBuf,
        /// new: a new client with new ids; replace: the client with the package's id is
        /// replaced; skip: nothing happens if that id exists.
        #[arg(long = "as", value_parser = keyword::parser::<ImportMode>(), default_value = "new")]
        mode: ImportMode,
        /// Read the package passphrase from standard input.
        #[arg(long)]
        package_passphrase_stdin: bool,
    },
}

pub fn run(cmd: PackageCommand, store: &mut Store, out: &Output) -> CliResult {
    match cmd {
        PackageCommand::Export { client, out: file, encrypt, package_passphrase_stdin } => {
            let id = store.clients().resolve(&client)?;
            let passphrase = if encrypt {
                Some(secrets::new_passphrase(
                    Source::stdin_when(package_passphrase_stdin),
                    PACKAGE_PASSPHRASE_ENV,
                    "package passphrase",
                )?)
            } else {
                None
            };
            let (bytes, outcome) = store.packages().export(id, passphrase.as_ref())?;
            write_private(&file, &bytes)
                .map_err(|e| Failure::Core(Error::io(format!("cannot write {}", file.display()), e)))?;
            let value = serde_json::json!({ "written": file.display().to_string(), "package": outcome });
            out.value(&value, || {
                format!(
                    "Wrote {} ({}, {} rows{})",
                    file.display(),
                    outcome.name,
                    outcome.rows,
                    if outcome.encrypted { ", encrypted" } else { "" }
                )
            });
        }
        PackageCommand::Import { file, mode, package_passphrase_stdin } => {
            let bytes = std::fs::read(&file)
                .map_err(|e| Failure::Core(Error::io(format!("cannot read {}", file.display()), e)))?;
            let passphrase = if crosswalk_core::package::is_encrypted(&bytes)? {
                secrets::existing_passphrase(
                    Source::stdin_when(package_passphrase_stdin),
                    PACKAGE_PASSPHRASE_ENV,
                    "the client package",
                )?
            } else {
                None
            };
            let outcome = store.packages().import(&bytes, passphrase.as_ref(), mode)?;
            out.value(&outcome, || match outcome.status {
                ImportStatus::Skipped => {
                    format!("Skipped {}: a client with id {} exists.", outcome.name, outcome.client_id)
                }
                ImportStatus::Imported => {
                    format!("Imported {} as {} ({} rows)", outcome.name, outcome.client_id, outcome.rows)
                }
                ImportStatus::Replaced => {
                    format!("Replaced {} ({}, {} rows)", outcome.name, outcome.client_id, outcome.rows)
                }
            });
        }
    }
    Ok(())
}
