//! A client's gap assessment, its analysis and the portfolio overview.

use crosswalk_core::assessment::sheet::SheetRow;
use crosswalk_core::assessment::{
    Analysis, AnalysisSettings, AssessmentInfo, AssessmentView, ClientScope, ControlEntry, HistoryPoint, ImportOutcome,
    RecordedEntry, ScopeInput, SubserviceInput,
};
use crosswalk_core::store::DashboardRow;
use tauri::{AppHandle, State};

use super::clients::parse_id;
use super::{changed, parse_date, Reply};
use crate::state::AppState;

/// Every control in the client's scope with what the current assessment records for it.
#[tauri::command]
pub async fn assessment_view(state: State<'_, AppState>, id: String, today: String) -> Reply<AssessmentView> {
    let (id, today) = (parse_id(&id)?, parse_date("today", &today)?);
    state.with_store(move |store| store.assessment_view(id, today)).await
}

/// Saves one control's record (status, notes, evidence, owner, due date, justification).
#[tauri::command]
pub async fn save_control_entry(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    entry: ControlEntry,
    today: String,
) -> Reply<RecordedEntry> {
    let (id, today) = (parse_id(&id)?, parse_date("today", &today)?);
    let saved = state.with_store(move |store| store.save_control_entry(id, &entry, today)).await?;
    changed(&app, Some(id));
    Ok(saved)
}

/// Sets one status on many controls at once, all or nothing; other fields stay as they are.
#[tauri::command]
pub async fn set_statuses(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    control_ids: Vec<String>,
    status: String,
    justification: Option<String>,
    today: String,
) -> Reply<ImportOutcome> {
    let (id, today) = (parse_id(&id)?, parse_date("today", &today)?);
    let rows: Vec<SheetRow> = control_ids
        .into_iter()
        .enumerate()
        .map(|(i, control_id)| SheetRow {
            row: i as u32 + 2,
            control_id,
            status: status.clone(),
            owner: None,
            due: None,
            evidence: None,
            notes: None,
            justification: justification.clone(),
        })
        .collect();
    let outcome = state.with_store(move |store| store.import_rows(id, &rows, today)).await?;
    changed(&app, Some(id));
    Ok(outcome)
}

#[tauri::command]
pub async fn assessments(state: State<'_, AppState>, id: String) -> Reply<Vec<AssessmentInfo>> {
    let id = parse_id(&id)?;
    state.with_store(move |store| store.assessments(id)).await
}

/// Starts a dated assessment, empty or as a copy of the previous one.
#[tauri::command]
pub async fn new_assessment(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    date: String,
    from_previous: bool,
    today: String,
) -> Reply<AssessmentInfo> {
    let (id, date, today) = (parse_id(&id)?, parse_date("date", &date)?, parse_date("today", &today)?);
    let info = state.with_store(move |store| store.new_assessment(id, date, from_previous, today)).await?;
    changed(&app, Some(id));
    Ok(info)
}

#[tauri::command]
pub async fn analyze_client(state: State<'_, AppState>, id: String, settings: AnalysisSettings) -> Reply<Analysis> {
    let id = parse_id(&id)?;
    state.with_store(move |store| store.analyze_client(id, &settings)).await
}

#[tauri::command]
pub async fn assessment_history(
    state: State<'_, AppState>,
    id: String,
    settings: AnalysisSettings,
) -> Reply<Vec<HistoryPoint>> {
    let id = parse_id(&id)?;
    state.with_store(move |store| store.assessment_history(id, &settings)).await
}

/// The portfolio dashboard: every active client's frameworks, readiness, next milestone and
/// actions.
#[tauri::command]
pub async fn portfolio_dashboard(state: State<'_, AppState>, today: String) -> Reply<Vec<DashboardRow>> {
    let today = parse_date("today", &today)?;
    state.with_store(move |store| store.portfolio_dashboard(today)).await
}

#[tauri::command]
pub async fn client_scope(state: State<'_, AppState>, id: String, today: String) -> Reply<ClientScope> {
    let (id, today) = (parse_id(&id)?, parse_date("today", &today)?);
    state.with_store(move |store| store.client_scope(id, today)).await
}

#[tauri::command]
pub async fn set_client_scope(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    scope: ScopeInput,
    today: String,
) -> Reply<ClientScope> {
    let (id, today) = (parse_id(&id)?, parse_date("today", &today)?);
    let saved = state.with_store(move |store| store.set_client_scope(id, &scope, today)).await?;
    changed(&app, Some(id));
    Ok(saved)
}

/// Records a SOC 2 subservice organisation of the client (carve-out or inclusive), replacing one of
/// the same name; gives the scope.
#[tauri::command]
pub async fn set_subservice_organisation(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    organisation: SubserviceInput,
    today: String,
) -> Reply<ClientScope> {
    let (id, today) = (parse_id(&id)?, parse_date("today", &today)?);
    let saved = state.with_store(move |store| store.set_subservice_organisation(id, &organisation, today)).await?;
    changed(&app, Some(id));
    Ok(saved)
}

/// Forgets a SOC 2 subservice organisation of the client; gives the scope.
#[tauri::command]
pub async fn remove_subservice_organisation(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    name: String,
    today: String,
) -> Reply<ClientScope> {
    let (id, today) = (parse_id(&id)?, parse_date("today", &today)?);
    let saved = state.with_store(move |store| store.remove_subservice_organisation(id, &name, today)).await?;
    changed(&app, Some(id));
    Ok(saved)
}
