//! Evidence requests: generating them from a client's gap list, listing, editing and removing
//! them, writing the spreadsheet (one sheet per owner) to a file chosen in the save dialog and
//! reading a returned one chosen in the open dialog (a dry run first, then all or nothing). The
//! rules live in the core (`crosswalk_core::requests`, `store/requests.rs`); the shell reads and
//! writes the files, never the page.

use std::path::Path;

use crosswalk_core::assessment::SheetFormat;
use crosswalk_core::evidence::sha256_hex;
use crosswalk_core::requests::{ImportRun, RequestImport};
use crosswalk_core::Error;
use serde::Serialize;
use tauri::{AppHandle, State};
use ts_rs::TS;

use super::{
    changed, export_requests, generate_requests, import_requests, list_requests, preview_requests_import,
    remove_request, set_request, Reply, Request,
};
use crate::state::AppState;

/// What [`export_requests`] wrote.
#[derive(Debug, Serialize, TS)]
pub struct RequestsExported {
    pub path: String,
    /// How many requests the file holds.
    pub requests: u32,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// What importing a returned file would change, and which file that is.
#[derive(Debug, Serialize, TS)]
pub struct RequestsImportPreview {
    /// The SHA-256 of the file previewed: the import applies only that file.
    pub digest: String,
    /// The changes, as a dry run (`applied` is false).
    pub import: RequestImport,
}

/// The format a path's extension says, which must be `expected` when one is given.
fn sheet_format(path: &str, expected: Option<SheetFormat>) -> Result<SheetFormat, Error> {
    let found = SheetFormat::from_path(Path::new(path));
    match (found, expected) {
        (Some(f), None) => Ok(f),
        (Some(f), Some(e)) if f == e => Ok(f),
        (_, Some(e)) => {
            Err(Error::invalid("path", format!("{path}: the file name must end in .{} for this format", e.extension())))
        }
        (None, None) => Err(Error::invalid("path", format!("{path}: the file name must end in .xlsx or .csv"))),
    }
}

/// Reads a returned spreadsheet the user picked.
fn read_returned(path: &str) -> Result<(Vec<u8>, SheetFormat), Error> {
    let format = sheet_format(path, None)?;
    let bytes = std::fs::read(path).map_err(|e| Error::invalid("path", format!("cannot read {path}: {e}")))?;
    Ok((bytes, format))
}

#[tauri::command]
pub async fn list_requests(
    state: State<'_, AppState>,
    request: Request<list_requests::Args>,
) -> Reply<list_requests::Reply> {
    let list_requests::Args { id, today } = request.0;
    state.with_store(move |store| store.requests().list(id, today)).await
}

#[tauri::command]
pub async fn generate_requests(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<generate_requests::Args>,
) -> Reply<generate_requests::Reply> {
    let generate_requests::Args { id, options, today } = request.0;
    let done = state.with_store(move |store| store.requests().generate(id, &options, today)).await?;
    if !done.created.is_empty() {
        changed(&app, Some(id));
    }
    Ok(done)
}

#[tauri::command]
pub async fn set_request(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<set_request::Args>,
) -> Reply<set_request::Reply> {
    let set_request::Args { id, request: number, edit, today } = request.0;
    let saved = state.with_store(move |store| store.requests().set(id, number, &edit, today)).await?;
    changed(&app, Some(id));
    Ok(saved)
}

#[tauri::command]
pub async fn remove_request(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<remove_request::Args>,
) -> Reply<remove_request::Reply> {
    let remove_request::Args { id, request: number, today } = request.0;
    let removed = state.with_store(move |store| store.requests().remove(id, number, today)).await?;
    changed(&app, Some(id));
    Ok(removed)
}

/// Writes the client's requests to `path` (chosen in the save dialog), whole or not at all.
#[tauri::command]
pub async fn export_requests(
    state: State<'_, AppState>,
    request: Request<export_requests::Args>,
) -> Reply<export_requests::Reply> {
    let export_requests::Args { id, path, format, lang, today } = request.0;
    state
        .with_store(move |store| {
            let format = sheet_format(&path, Some(format))?;
            let count = store.requests().list(id, today)?.len() as u32;
            let bytes = store.requests().export(id, format, lang, today)?;
            crosswalk_core::files::write_whole(Path::new(&path), &bytes)
                .map_err(|e| Error::io(format!("cannot write {path}"), e))?;
            Ok(RequestsExported { path, requests: count, bytes: bytes.len() as u64 })
        })
        .await
}

/// What importing the returned spreadsheet at `path` would change; writes nothing.
#[tauri::command]
pub async fn preview_requests_import(
    state: State<'_, AppState>,
    request: Request<preview_requests_import::Args>,
) -> Reply<preview_requests_import::Reply> {
    let preview_requests_import::Args { id, path } = request.0;
    state
        .with_store(move |store| {
            let (bytes, format) = read_returned(&path)?;
            let import = store.requests().import(id, &bytes, format, ImportRun::DryRun)?;
            Ok(RequestsImportPreview { digest: sha256_hex(&bytes), import })
        })
        .await
}

/// The file's content, if it is still the one previewed (`digest`).
fn previewed(path: &str, digest: &str) -> Result<(Vec<u8>, SheetFormat), Error> {
    let (bytes, format) = read_returned(path)?;
    if sha256_hex(&bytes) != digest {
        return Err(Error::invalid("path", format!("{path} changed since it was previewed: preview it again")));
    }
    Ok((bytes, format))
}

/// Imports the returned spreadsheet at `path`, if it is still the file that was previewed
/// (`digest`): every row or none.
#[tauri::command]
pub async fn import_requests(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<import_requests::Args>,
) -> Reply<import_requests::Reply> {
    let import_requests::Args { id, path, digest } = request.0;
    let outcome = state
        .with_store(move |store| {
            let (bytes, format) = previewed(&path, &digest)?;
            store.requests().import(id, &bytes, format, ImportRun::Apply)
        })
        .await?;
    if !outcome.changes.is_empty() {
        changed(&app, Some(id));
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_name_must_say_the_format() {
        assert_eq!(sheet_format("/tmp/a.xlsx", Some(SheetFormat::Xlsx)).unwrap(), SheetFormat::Xlsx);
        assert_eq!(sheet_format("/tmp/a.CSV", None).unwrap(), SheetFormat::Csv);
        let wrong = sheet_format("/tmp/a.csv", Some(SheetFormat::Xlsx)).unwrap_err().report();
        assert!(wrong.message.contains(".xlsx"), "{}", wrong.message);
        assert_eq!(wrong.fields[0].field, "path");
        assert!(sheet_format("/tmp/a.txt", None).is_err());
        assert!(read_returned("/nonexistent/returned.xlsx").unwrap_err().report().message.contains("cannot read"));
    }

    #[test]
    fn only_the_file_previewed_is_imported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("returned.csv");
        std::fs::write(&path, "request_id,control_id,status\n1,CW-GOV-01,open\n").unwrap();
        let path = path.display().to_string();
        let digest = sha256_hex(&std::fs::read(&path).unwrap());
        assert_eq!(previewed(&path, &digest).unwrap().1, SheetFormat::Csv);
        std::fs::write(&path, "request_id,control_id,status\n1,CW-GOV-01,accepted\n").unwrap();
        let changed = previewed(&path, &digest).unwrap_err().report();
        assert!(changed.message.contains("changed since it was previewed"), "{}", changed.message);
    }
}
