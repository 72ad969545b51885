//! Evidence files: attaching files the client provided to a control of its current assessment
//! (from the open dialog or dropped on the window; the shell reads them, never the page),
//! listing them per control and per client, exporting one, opening a copy in the system's
//! viewer, detaching one, and the portfolio's stale-after setting. The rules live in the core
//! (`crosswalk_core::evidence`, `store/evidence.rs`).

use std::path::{Path, PathBuf};

use crosswalk_core::domain::Date;
use crosswalk_core::evidence::{viewing_name, EvidenceFileInfo, NewEvidenceFile};
use crosswalk_core::store::EvidenceShown;
use crosswalk_core::{Error, ErrorCode, ErrorReport};
use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;
use ts_rs::TS;

use super::{
    add_evidence, changed, client_evidence, control_evidence, evidence_max_age, export_evidence, open_evidence,
    remove_evidence, set_evidence_max_age, Reply, Request,
};
use crate::state::AppState;

/// The evidence of a client's current assessment, file by file, with the controls each is
/// attached to and the frameworks those controls serve.
#[derive(Debug, Serialize, TS)]
pub struct ClientEvidence {
    /// The current assessment's date; none when the client has no assessment yet.
    pub assessment_date: Option<Date>,
    /// The portfolio's stale-after setting, in months.
    pub max_age_months: u32,
    /// The files of the current assessment, in the order of their first link (by control, then
    /// name).
    pub files: Vec<EvidenceFileInfo>,
}

#[tauri::command]
pub async fn control_evidence(
    state: State<'_, AppState>,
    request: Request<control_evidence::Args>,
) -> Reply<control_evidence::Reply> {
    let control_evidence::Args { id, control_id } = request.0;
    state.with_store(move |store| store.evidence().list(id, Some(&control_id), EvidenceShown::All)).await
}

#[tauri::command]
pub async fn client_evidence(
    state: State<'_, AppState>,
    request: Request<client_evidence::Args>,
) -> Reply<client_evidence::Reply> {
    let client_evidence::Args { id } = request.0;
    state
        .with_store(move |store| {
            let list = store.evidence().list(id, None, EvidenceShown::All)?;
            let mut seen = std::collections::BTreeSet::new();
            let mut files = Vec::new();
            for link in &list.links {
                if seen.insert(link.sha256.clone()) {
                    files.push(store.evidence().file(id, &link.sha256)?);
                }
            }
            Ok(ClientEvidence { assessment_date: list.assessment_date, max_age_months: list.max_age_months, files })
        })
        .await
}

/// Reads the files at `paths` (chosen in the open dialog or dropped on the window) on a blocking
/// thread, refusing one over the size limit before reading it, then attaches them all or none.
#[tauri::command]
pub async fn add_evidence(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<add_evidence::Args>,
) -> Reply<add_evidence::Reply> {
    let add_evidence::Args { id, control_id, paths, meta, today } = request.0;
    if paths.is_empty() {
        return Err(Error::invalid("paths", "choose or drop at least one file").report());
    }
    // Read before taking the store, so other commands are not held up by large files.
    let files = tauri::async_runtime::spawn_blocking(move || {
        paths.iter().map(|p| NewEvidenceFile::read(Path::new(p))).collect::<Result<Vec<_>, Error>>()
    })
    .await
    .map_err(|e| ErrorReport {
        code: ErrorCode::Internal,
        message: format!("a background task failed: {e}"),
        fields: Vec::new(),
    })?
    .map_err(|e| e.report())?;
    let added = state.with_store(move |store| store.evidence().add(id, &control_id, &files, &meta, today)).await?;
    changed(&app, Some(id));
    Ok(added)
}

/// Writes one file (by its SHA-256) to `path`, chosen in the save dialog, whole or not at all.
#[tauri::command]
pub async fn export_evidence(
    state: State<'_, AppState>,
    request: Request<export_evidence::Args>,
) -> Reply<export_evidence::Reply> {
    let export_evidence::Args { id, sha256, path } = request.0;
    state.with_store(move |store| store.evidence().export(id, &sha256, Path::new(&path))).await
}

/// Writes a copy of one file into a new folder of its own under the system's temporary folder
/// (readable by the user only), named by its recognised kind, and opens it in the system's viewer.
/// The copy stays there for the viewer; the system's temporary folder clean-up removes it.
#[tauri::command]
pub async fn open_evidence(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<open_evidence::Args>,
) -> Reply<open_evidence::Reply> {
    let open_evidence::Args { id, sha256 } = request.0;
    let copy: PathBuf = state
        .with_store(move |store| {
            let (sha, name, content) = store.evidence().content(id, &sha256)?;
            let kind = store.evidence().file(id, &sha)?.media_type;
            viewing_copy(&std::env::temp_dir(), &name, &kind, &content)
        })
        .await?;
    app.opener().open_path(copy.display().to_string(), None::<&str>).map_err(|e| ErrorReport {
        code: ErrorCode::Io,
        message: format!("The system could not open {}: {e}", copy.display()),
        fields: Vec::new(),
    })
}

/// Writes `content` into a new folder of its own (owner-only) under `temp`, named by
/// [`viewing_name`], readable by its owner only; gives the file's path.
fn viewing_copy(temp: &Path, name: &str, kind: &str, content: &[u8]) -> Result<PathBuf, Error> {
    let mut builder = tempfile::Builder::new();
    builder.prefix("crosswalk-evidence-");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
    let folder =
        builder.tempdir_in(temp).map_err(|e| Error::io("cannot make a temporary folder for the copy", e))?.keep();
    let path = folder.join(viewing_name(name, kind));
    crosswalk_core::files::write_private(&path, content)
        .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
    Ok(path)
}

/// Detaches one file from a control of the current assessment.
#[tauri::command]
pub async fn remove_evidence(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<remove_evidence::Args>,
) -> Reply<remove_evidence::Reply> {
    let remove_evidence::Args { id, control_id, sha256 } = request.0;
    let removed = state.with_store(move |store| store.evidence().remove(id, &control_id, &sha256)).await?;
    changed(&app, Some(id));
    Ok(removed)
}

#[tauri::command]
pub async fn evidence_max_age(state: State<'_, AppState>) -> Reply<evidence_max_age::Reply> {
    state.with_store(|store| store.evidence().max_age_months()).await
}

#[tauri::command]
pub async fn set_evidence_max_age(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<set_evidence_max_age::Args>,
) -> Reply<set_evidence_max_age::Reply> {
    let set_evidence_max_age::Args { months } = request.0;
    let months = state.with_store(move |store| store.evidence().set_max_age_months(months)).await?;
    changed(&app, None);
    Ok(months)
}

#[cfg(test)]
mod tests {
    use super::viewing_copy;

    #[test]
    fn a_viewing_copy_is_private_named_by_its_kind_and_never_overwrites_another() {
        let temp = tempfile::tempdir().unwrap();
        let first = viewing_copy(temp.path(), "run.desktop", "text/plain", b"[Desktop Entry]").unwrap();
        assert_eq!(first.file_name().unwrap(), "run.txt");
        assert!(first.starts_with(temp.path()));
        assert_eq!(std::fs::read(&first).unwrap(), b"[Desktop Entry]");
        let second = viewing_copy(temp.path(), "run.desktop", "text/plain", b"other").unwrap();
        assert_ne!(first.parent(), second.parent(), "each copy gets a folder of its own");
        assert_eq!(std::fs::read(&first).unwrap(), b"[Desktop Entry]", "the first copy is untouched");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&first), 0o600);
            assert_eq!(mode(first.parent().unwrap()), 0o700);
        }
    }
}
