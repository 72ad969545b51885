//! The control catalogue: frameworks, requirements, controls and the crosswalk between them.

use tauri::State;

use super::{
    catalog_control, catalog_controls, catalog_domains, catalog_frameworks, catalog_info, catalog_requirements, Reply,
    Request,
};
use crate::state::AppState;

#[tauri::command]
pub async fn catalog_info(state: State<'_, AppState>) -> Reply<catalog_info::Reply> {
    state.with_store(|store| store.catalog().info()).await
}

#[tauri::command]
pub async fn catalog_frameworks(state: State<'_, AppState>) -> Reply<catalog_frameworks::Reply> {
    state.with_store(|store| store.catalog().frameworks()).await
}

#[tauri::command]
pub async fn catalog_domains(state: State<'_, AppState>) -> Reply<catalog_domains::Reply> {
    state.with_store(|store| store.catalog().domains()).await
}

#[tauri::command]
pub async fn catalog_requirements(
    state: State<'_, AppState>,
    request: Request<catalog_requirements::Args>,
) -> Reply<catalog_requirements::Reply> {
    let catalog_requirements::Args { framework } = request.0;
    state.with_store(move |store| store.catalog().requirement_controls(&framework)).await
}

#[tauri::command]
pub async fn catalog_controls(
    state: State<'_, AppState>,
    request: Request<catalog_controls::Args>,
) -> Reply<catalog_controls::Reply> {
    let catalog_controls::Args { search } = request.0;
    state.with_store(move |store| store.catalog().controls(&search)).await
}

#[tauri::command]
pub async fn catalog_control(
    state: State<'_, AppState>,
    request: Request<catalog_control::Args>,
) -> Reply<catalog_control::Reply> {
    let catalog_control::Args { id } = request.0;
    state.with_store(move |store| store.catalog().control(&id)).await
}
