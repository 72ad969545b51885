//! Long work over many clients or files (export every report, export or import client
//! packages), with progress and a way to stop.
//!
//! The window names each job with an id of its own choosing, so it can cancel the job before the
//! command answers. The job takes the store once per item, not for the whole run, so the rest of
//! the window keeps working meanwhile. Before each item it emits `job-progress`; a cancel stops it
//! between items (an item is never left half done: every file is written whole, every import is
//! one transaction). The answer lists what was done, what failed and why, and whether it was
//! cancelled.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use crosswalk_core::batch::{BatchItem, BatchOutcome, BatchProgress};
use crosswalk_core::domain::ClientId;
use crosswalk_core::package::{ImportStatus, PACKAGE_EXTENSION};
use crosswalk_core::secret::Secret;
use crosswalk_core::store::{ListQuery, Store};
use crosswalk_core::{Error, ErrorReport};
use tauri::{AppHandle, Emitter, State};

use super::{cancel_job, changed, export_all_packages, export_all_reports, import_packages, Reply, Request};
use crate::state::AppState;

/// The event a job emits before each item.
pub const JOB_PROGRESS: &str = "job-progress";

/// The cancel flags of the jobs that are running, by id.
#[derive(Default)]
pub struct Jobs {
    running: Mutex<HashMap<String, Arc<AtomicBool>>>,
}

/// A registered job: its cancel flag, and its entry in [`Jobs`] removed when dropped, on every
/// way out of the command.
struct Running<'a> {
    jobs: &'a Jobs,
    id: String,
    cancel: Arc<AtomicBool>,
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.jobs.finish(&self.id);
    }
}

impl Jobs {
    /// Registers the job before anything else, so a cancel sent while it is still being set up
    /// is not lost.
    fn begin(&self, id: &str) -> Reply<Running<'_>> {
        let cancel = self.start(id)?;
        Ok(Running { jobs: self, id: id.to_owned(), cancel })
    }

    fn start(&self, id: &str) -> Reply<Arc<AtomicBool>> {
        if id.is_empty() || id.len() > 64 || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(Error::invalid("job", "a job id is 1 to 64 letters, digits or dashes").report());
        }
        let mut running = self.running.lock().map_err(|_| poisoned())?;
        if running.contains_key(id) {
            return Err(Error::invalid("job", format!("a job `{id}` is already running")).report());
        }
        let flag = Arc::new(AtomicBool::new(false));
        running.insert(id.to_owned(), flag.clone());
        Ok(flag)
    }

    fn finish(&self, id: &str) {
        if let Ok(mut running) = self.running.lock() {
            running.remove(id);
        }
    }
}

fn poisoned() -> ErrorReport {
    ErrorReport {
        code: crosswalk_core::ErrorCode::Internal,
        message: "the job list was poisoned by an earlier failure".into(),
        fields: Vec::new(),
    }
}

/// What became of one item.
enum Outcome {
    Done(String),
    /// Nothing to do (a package whose client is already here, with "skip").
    Skipped(String),
}

/// Runs `work` on each item, one store lock per item, reporting progress and stopping when asked.
async fn run<I, F>(
    app: &AppHandle,
    state: &AppState,
    job: &Running<'_>,
    items: Vec<(String, I)>,
    work: F,
) -> Reply<BatchOutcome>
where
    I: Send + 'static,
    F: Fn(&mut Store, I) -> crosswalk_core::Result<Outcome> + Send + Sync + 'static,
{
    let work = Arc::new(work);
    let total = items.len();
    let mut outcome = BatchOutcome {
        total: total as u32,
        done: Vec::new(),
        skipped: Vec::new(),
        failed: Vec::new(),
        cancelled: false,
        folder: None,
    };
    for (index, (label, item)) in items.into_iter().enumerate() {
        if job.cancel.load(Ordering::SeqCst) {
            outcome.cancelled = true;
            break;
        }
        let _ = app.emit(
            JOB_PROGRESS,
            BatchProgress { job: job.id.clone(), done: index as u32, total: total as u32, item: label.clone() },
        );
        let work = work.clone();
        match state.with_store(move |store| work(store, item)).await {
            Ok(Outcome::Done(detail)) => outcome.done.push(BatchItem { item: label, detail }),
            Ok(Outcome::Skipped(detail)) => outcome.skipped.push(BatchItem { item: label, detail }),
            Err(report) => outcome.failed.push(BatchItem { item: label, detail: report.message }),
        }
    }
    let _ = app.emit(
        JOB_PROGRESS,
        BatchProgress { job: job.id.clone(), done: total as u32, total: total as u32, item: String::new() },
    );
    Ok(outcome)
}

/// Asks a running job to stop after the item it is on. Unknown ids (a job that just finished)
/// are fine.
#[tauri::command]
pub fn cancel_job(jobs: State<'_, Jobs>, request: Request<cancel_job::Args>) -> Reply<cancel_job::Reply> {
    let job = request.0.job;
    if let Some(flag) = jobs.running.lock().map_err(|_| poisoned())?.get(&job) {
        flag.store(true, Ordering::SeqCst);
    }
    Ok(())
}

fn folder(dir: &str) -> Reply<PathBuf> {
    let path = PathBuf::from(dir);
    if !path.is_dir() {
        return Err(Error::invalid("folder", format!("{dir} is not a folder: choose an existing folder")).report());
    }
    Ok(path)
}

/// Every active client as a job item: its name (the label) and its id with the file-name stem
/// it gets in the folder (distinct within the batch, see `files::batch_stems`).
async fn active_clients(state: &AppState) -> Reply<Vec<(String, (ClientId, String))>> {
    let list = state.with_store(|store| store.clients().list(&ListQuery::default())).await?;
    let clients: Vec<(String, ClientId)> = list.into_iter().map(|c| (c.name, c.id)).collect();
    let stems = crosswalk_core::files::batch_stems(&clients);
    Ok(clients.into_iter().zip(stems).map(|((name, id), stem)| (name, (id, stem))).collect())
}

/// Writes the report of every active client into `folder`, one PDF each, with the firm's
/// branding.
#[tauri::command]
pub async fn export_all_reports(
    app: AppHandle,
    state: State<'_, AppState>,
    jobs: State<'_, Jobs>,
    request: Request<export_all_reports::Args>,
) -> Reply<export_all_reports::Reply> {
    let export_all_reports::Args { job, folder, lang, today } = request.0;
    let running = jobs.begin(&job)?;
    let dir = self::folder(&folder)?;
    // Refuse up front, not once per client, when the branding is not set.
    state.with_store(|store| crosswalk_report::client::stored_branding(store, None).map(|_| ())).await?;
    let items = active_clients(&state).await?;
    let mut outcome = run(&app, &state, &running, items, move |store, (id, stem)| {
        let path = dir.join(crosswalk_report::client::report_file_name_from_stem(&stem, lang));
        crosswalk_report::client::export_client_report(store, id, lang, today, &path)?;
        Ok(Outcome::Done(path.display().to_string()))
    })
    .await?;
    outcome.folder = Some(folder);
    Ok(outcome)
}

/// Writes every active client into `folder` as a package (`.cwpkg`) of its own, encrypted with
/// `passphrase` when one is given.
#[tauri::command]
pub async fn export_all_packages(
    app: AppHandle,
    state: State<'_, AppState>,
    jobs: State<'_, Jobs>,
    request: Request<export_all_packages::Args>,
) -> Reply<export_all_packages::Reply> {
    let export_all_packages::Args { job, folder, passphrase } = request.0;
    let running = jobs.begin(&job)?;
    let dir = self::folder(&folder)?;
    let passphrase = passphrase.filter(|p| !p.is_empty()).map(Secret::new);
    if let Some(secret) = &passphrase {
        secret.check_new("passphrase").map_err(|e| e.report())?;
    }
    let passphrase = Arc::new(passphrase);
    let items = active_clients(&state).await?;
    let mut outcome = run(&app, &state, &running, items, move |store, (id, stem)| {
        let (bytes, _) = store.packages().export(id, passphrase.as_ref().as_ref())?;
        let path = dir.join(format!("{stem}.{PACKAGE_EXTENSION}"));
        crosswalk_core::files::write_private(&path, &bytes)
            .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
        Ok(Outcome::Done(path.display().to_string()))
    })
    .await?;
    outcome.folder = Some(folder);
    Ok(outcome)
}

/// Imports package files, each whole or not at all; a file that fails (a wrong passphrase, a
/// damaged file) is listed with the reason and the others go on.
#[tauri::command]
pub async fn import_packages(
    app: AppHandle,
    state: State<'_, AppState>,
    jobs: State<'_, Jobs>,
    request: Request<import_packages::Args>,
) -> Reply<import_packages::Reply> {
    let import_packages::Args { job, files, mode, passphrase } = request.0;
    let running = jobs.begin(&job)?;
    if files.is_empty() {
        return Err(Error::invalid("files", "choose at least one package file").report());
    }
    let passphrase = Arc::new(passphrase.filter(|p| !p.is_empty()).map(Secret::new));
    let items: Vec<(String, PathBuf)> = files
        .into_iter()
        .map(|f| {
            let path = PathBuf::from(&f);
            let label = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(f);
            (label, path)
        })
        .collect();
    let outcome = run(&app, &state, &running, items, move |store, path| {
        let bytes = read_package(&path)?;
        let result = store.packages().import(&bytes, passphrase.as_ref().as_ref(), mode)?;
        Ok(match result.status {
            ImportStatus::Imported => Outcome::Done(format!("imported {}", result.name)),
            ImportStatus::Replaced => Outcome::Done(format!("replaced {}", result.name)),
            ImportStatus::Skipped => Outcome::Skipped(format!("{} is already in the portfolio", result.name)),
        })
    })
    .await?;
    if !outcome.done.is_empty() {
        changed(&app, None);
    }
    Ok(outcome)
}

fn read_package(path: &Path) -> crosswalk_core::Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::io(format!("cannot read {}", path.display()), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_ids_are_checked_and_unique_while_running() {
        let jobs = Jobs::default();
        assert!(jobs.begin("").is_err());
        assert!(jobs.begin("a b").is_err());
        assert!(jobs.begin(&"x".repeat(65)).is_err());
        let running = jobs.begin("job-1").unwrap();
        assert!(jobs.begin("job-1").is_err(), "the same id twice at once");
        // A cancel reaches the running job (as `cancel_job` sets it).
        jobs.running.lock().unwrap().get("job-1").unwrap().store(true, Ordering::SeqCst);
        assert!(running.cancel.load(Ordering::SeqCst));
        drop(running);
        assert!(jobs.running.lock().unwrap().is_empty(), "the entry goes with the job, on every way out");
        assert!(jobs.begin("job-1").is_ok(), "free again once finished");
    }
}
