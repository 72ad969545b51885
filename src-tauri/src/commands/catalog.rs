//! The control catalogue: frameworks, requirements, controls and the crosswalk between them.

use crosswalk_core::catalog::Domain;
use crosswalk_core::store::{CatalogInfo, ControlDetail, ControlSummary, FrameworkSummary, RequirementControls};
use tauri::State;

use super::Reply;
use crate::state::AppState;

#[tauri::command]
pub async fn catalog_info(state: State<'_, AppState>) -> Reply<CatalogInfo> {
    state.with_store(|store| store.catalog_info()).await
}

#[tauri::command]
pub async fn catalog_frameworks(state: State<'_, AppState>) -> Reply<Vec<FrameworkSummary>> {
    state.with_store(|store| store.frameworks()).await
}

#[tauri::command]
pub async fn catalog_domains(state: State<'_, AppState>) -> Reply<Vec<Domain>> {
    state.with_store(|store| store.domains()).await
}

/// A framework's requirements in tree order, each with the controls mapped to it.
#[tauri::command]
pub async fn catalog_requirements(state: State<'_, AppState>, framework: String) -> Reply<Vec<RequirementControls>> {
    state.with_store(move |store| store.requirement_controls(&framework)).await
}

/// Controls whose id or title (English or German) contains `search`.
#[tauri::command]
pub async fn catalog_controls(state: State<'_, AppState>, search: String) -> Reply<Vec<ControlSummary>> {
    state.with_store(move |store| store.controls(&search)).await
}

/// One control and every requirement of every framework it serves.
#[tauri::command]
pub async fn catalog_control(state: State<'_, AppState>, id: String) -> Reply<ControlDetail> {
    state.with_store(move |store| store.control(&id)).await
}
