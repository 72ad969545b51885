//! A client's gap assessment, its analysis and the portfolio overview.

use crosswalk_core::assessment::SheetFormat;
use crosswalk_core::assessment::{AssessmentStart, ControlPatch};
use crosswalk_core::Error;
use tauri::{AppHandle, State};

use super::{
    analyze_client, assessment_history, assessment_view, assessments, changed, client_scope, dashboard,
    import_assessment_file, new_assessment, preview_assessment_import, remove_subservice_organisation,
    save_control_entry, set_client_scope, set_statuses, set_subservice_organisation, Reply, Request,
};
use crate::state::AppState;

#[tauri::command]
pub async fn assessment_view(
    state: State<'_, AppState>,
    request: Request<assessment_view::Args>,
) -> Reply<assessment_view::Reply> {
    let assessment_view::Args { id, today } = request.0;
    state.with_store(move |store| store.views().assessment(id, today)).await
}

#[tauri::command]
pub async fn save_control_entry(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<save_control_entry::Args>,
) -> Reply<save_control_entry::Reply> {
    let save_control_entry::Args { id, entry, today } = request.0;
    let saved = state.with_store(move |store| store.assessments().save(id, &entry, today)).await?;
    changed(&app, Some(id));
    Ok(saved)
}

#[tauri::command]
pub async fn set_statuses(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<set_statuses::Args>,
) -> Reply<set_statuses::Reply> {
    let set_statuses::Args { id, control_ids, status, justification, today } = request.0;
    let patch = ControlPatch { justification, ..ControlPatch::status(status.as_str()) };
    let outcome = state.with_store(move |store| store.assessments().patch(id, &control_ids, &patch, today)).await?;
    changed(&app, Some(id));
    Ok(outcome)
}

#[tauri::command]
pub async fn assessments(state: State<'_, AppState>, request: Request<assessments::Args>) -> Reply<assessments::Reply> {
    let assessments::Args { id } = request.0;
    state.with_store(move |store| store.assessments().list(id)).await
}

#[tauri::command]
pub async fn new_assessment(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<new_assessment::Args>,
) -> Reply<new_assessment::Reply> {
    let new_assessment::Args { id, date, from_previous, today } = request.0;
    let start = if from_previous { AssessmentStart::FromPrevious } else { AssessmentStart::Empty };
    let info = state.with_store(move |store| store.assessments().start(id, date, start, today)).await?;
    changed(&app, Some(id));
    Ok(info)
}

#[tauri::command]
pub async fn analyze_client(
    state: State<'_, AppState>,
    request: Request<analyze_client::Args>,
) -> Reply<analyze_client::Reply> {
    let analyze_client::Args { id, settings } = request.0;
    state.with_store(move |store| store.views().analysis(id, &settings)).await
}

#[tauri::command]
pub async fn assessment_history(
    state: State<'_, AppState>,
    request: Request<assessment_history::Args>,
) -> Reply<assessment_history::Reply> {
    let assessment_history::Args { id, settings } = request.0;
    state.with_store(move |store| store.views().history(id, &settings)).await
}

#[tauri::command]
pub async fn dashboard(state: State<'_, AppState>, request: Request<dashboard::Args>) -> Reply<dashboard::Reply> {
    crate::bench::mark("dashboard_asked");
    let dashboard::Args { query, today, figures } = request.0;
    query.validate().map_err(|e| e.report())?;
    state.with_store(move |store| store.views().dashboard(&query, today, figures)).await
}

#[tauri::command]
pub async fn client_scope(
    state: State<'_, AppState>,
    request: Request<client_scope::Args>,
) -> Reply<client_scope::Reply> {
    let client_scope::Args { id, today } = request.0;
    state.with_store(move |store| store.scopes().get(id, today)).await
}

#[tauri::command]
pub async fn set_client_scope(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<set_client_scope::Args>,
) -> Reply<set_client_scope::Reply> {
    let set_client_scope::Args { id, scope, today } = request.0;
    let saved = state.with_store(move |store| store.scopes().set(id, &scope, today)).await?;
    changed(&app, Some(id));
    Ok(saved)
}

/// Reads a spreadsheet the user picked: `.csv` or `.xlsx`.
fn read_sheet(path: &str) -> Result<(Vec<u8>, SheetFormat), Error> {
    let path = std::path::Path::new(path);
    let format = SheetFormat::from_path(path).ok_or_else(|| {
        Error::invalid("path", format!("{}: the file name must end in .csv or .xlsx", path.display()))
    })?;
    let bytes =
        std::fs::read(path).map_err(|e| Error::invalid("path", format!("cannot read {}: {e}", path.display())))?;
    Ok((bytes, format))
}

#[tauri::command]
pub async fn preview_assessment_import(
    state: State<'_, AppState>,
    request: Request<preview_assessment_import::Args>,
) -> Reply<preview_assessment_import::Reply> {
    let preview_assessment_import::Args { id, path } = request.0;
    state
        .with_store(move |store| {
            let (bytes, format) = read_sheet(&path)?;
            store.assessments().preview_import(id, &bytes, format)
        })
        .await
}

#[tauri::command]
pub async fn import_assessment_file(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<import_assessment_file::Args>,
) -> Reply<import_assessment_file::Reply> {
    let import_assessment_file::Args { id, path, digest, today } = request.0;
    let outcome = state
        .with_store(move |store| {
            let (bytes, format) = read_sheet(&path)?;
            store.assessments().import_previewed(id, &bytes, format, &digest, today)
        })
        .await?;
    changed(&app, Some(id));
    Ok(outcome)
}

#[tauri::command]
pub async fn set_subservice_organisation(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<set_subservice_organisation::Args>,
) -> Reply<set_subservice_organisation::Reply> {
    let set_subservice_organisation::Args { id, organisation, today } = request.0;
    let saved =
        state.with_store(move |store| store.scopes().set_subservice_organisation(id, &organisation, today)).await?;
    changed(&app, Some(id));
    Ok(saved)
}

#[tauri::command]
pub async fn remove_subservice_organisation(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<remove_subservice_organisation::Args>,
) -> Reply<remove_subservice_organisation::Reply> {
    let remove_subservice_organisation::Args { id, name, today } = request.0;
    let saved = state.with_store(move |store| store.scopes().remove_subservice_organisation(id, &name, today)).await?;
    changed(&app, Some(id));
    Ok(saved)
}
