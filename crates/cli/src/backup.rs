//! `crosswalk-cli backup` and `crosswalk-cli restore`.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use crosswalk_core::store::{backup_dir, list_backups, restore_backup, BackupInfo, Store};

use crate::output::{table, Output};
use crate::secrets::Secrets;
use crate::CliResult;

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BackupArgs {
    #[command(subcommand)]
    command: Option<BackupCommand>,
    /// Write the backup to FILE instead of the backups folder beside the database.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum BackupCommand {
    /// List the backups in the backups folder, newest first (opens nothing).
    List,
}

impl BackupArgs {
    pub fn is_list(&self) -> bool {
        matches!(self.command, Some(BackupCommand::List))
    }
}

#[derive(Args)]
pub struct RestoreArgs {
    /// The backup file (see `backup list`).
    file: PathBuf,
}

pub fn run(args: BackupArgs, store: &Store, out: &Output) -> CliResult {
    let info = store.backups().now(args.out.as_deref())?;
    out.value(&info, || format!("Backed up to {}", info.path));
    Ok(())
}

pub fn list(db: &Path, out: &Output) -> CliResult {
    let backups = list_backups(db)?;
    out.value(&backups, || {
        if backups.is_empty() {
            return format!("No backups in {} yet.", backup_dir(db).display());
        }
        let rows: Vec<Vec<String>> = backups.iter().map(row).collect();
        format!(
            "{}\n\nin {}",
            table(&["CREATED", "REASON", "SIZE", "ENCRYPTED", "FILE"], &rows),
            backup_dir(db).display()
        )
    });
    Ok(())
}

fn row(b: &BackupInfo) -> Vec<String> {
    vec![
        b.created_at.clone(),
        b.reason.clone(),
        format!("{} KB", b.bytes.div_ceil(1024)),
        if b.encrypted { "yes" } else { "no" }.into(),
        b.file_name.clone(),
    ]
}

/// Works when the database is damaged or missing: nothing is opened before the backup is
/// checked.
pub fn restore(args: RestoreArgs, db: &Path, secrets: &Secrets, out: &Output) -> CliResult {
    let passphrase = secrets.for_file(&args.file, "the backup")?;
    let outcome = restore_backup(db, &args.file, passphrase.as_ref())?;
    out.value(&outcome, || {
        let mut text = format!("Restored {} from {}", db.display(), outcome.restored_from);
        if let Some(saved) = &outcome.previous_saved_as {
            text.push_str(&format!("\nThe database it replaced was saved as {saved}"));
        }
        text
    });
    Ok(())
}
