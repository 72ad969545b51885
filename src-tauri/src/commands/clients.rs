//! The client portfolio and a client's recommendation.

use crosswalk_core::domain::ClientProfile;
use crosswalk_core::Error;
use serde::Serialize;
use tauri::{AppHandle, State};
use ts_rs::TS;

use super::{
    advise_client, app_info, archive_client, change_overrides, changed, create_client, delete_client, get_client,
    get_overrides, list_clients, load_demo, restore_client, update_client, Reply, Request,
};
use crate::state::AppState;

#[derive(Serialize, TS)]
pub struct AppInfo {
    version: String,
    database: Option<String>,
    #[ts(type = "number")]
    schema_version: i64,
    /// Why the portfolio is not open (`passphrase_required` when it is locked), if it is not.
    open_error: Option<crosswalk_core::ErrorReport>,
}

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Reply<app_info::Reply> {
    crate::bench::mark("app_info");
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        database: state.db_path.as_ref().map(|p| p.display().to_string()),
        schema_version: crosswalk_core::store::SCHEMA_VERSION,
        open_error: state.open_error().await,
    })
}

#[tauri::command]
pub async fn list_clients(
    state: State<'_, AppState>,
    request: Request<list_clients::Args>,
) -> Reply<list_clients::Reply> {
    let list_clients::Args { query } = request.0;
    state.with_store(move |store| store.clients().list(&query)).await
}

#[tauri::command]
pub async fn get_client(state: State<'_, AppState>, request: Request<get_client::Args>) -> Reply<get_client::Reply> {
    let get_client::Args { id } = request.0;
    state.with_store(move |store| store.clients().get(id)).await
}

#[tauri::command]
pub async fn create_client(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<create_client::Args>,
) -> Reply<create_client::Reply> {
    let profile = parse_profile(request.0.profile)?;
    let client = state.with_store(move |store| store.clients().create(&profile)).await?;
    changed(&app, Some(client.id));
    Ok(client)
}

#[tauri::command]
pub async fn update_client(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<update_client::Args>,
) -> Reply<update_client::Reply> {
    let update_client::Args { id, profile } = request.0;
    let profile = parse_profile(profile)?;
    let client = state.with_store(move |store| store.clients().update(id, &profile)).await?;
    changed(&app, Some(id));
    Ok(client)
}

#[tauri::command]
pub async fn archive_client(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<archive_client::Args>,
) -> Reply<archive_client::Reply> {
    let archive_client::Args { id } = request.0;
    let client = state.with_store(move |store| store.clients().archive(id)).await?;
    changed(&app, Some(id));
    Ok(client)
}

#[tauri::command]
pub async fn restore_client(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<restore_client::Args>,
) -> Reply<restore_client::Reply> {
    let restore_client::Args { id } = request.0;
    let client = state.with_store(move |store| store.clients().restore(id)).await?;
    changed(&app, Some(id));
    Ok(client)
}

#[tauri::command]
pub async fn delete_client(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<delete_client::Args>,
) -> Reply<delete_client::Reply> {
    let delete_client::Args { id } = request.0;
    state.with_store(move |store| store.clients().delete(id)).await?;
    changed(&app, Some(id));
    Ok(())
}

#[tauri::command]
pub async fn load_demo(app: AppHandle, state: State<'_, AppState>) -> Reply<load_demo::Reply> {
    let outcome = state.with_store(crosswalk_core::demo::load_demo).await?;
    changed(&app, None);
    Ok(outcome)
}

#[tauri::command]
pub async fn advise_client(
    state: State<'_, AppState>,
    request: Request<advise_client::Args>,
) -> Reply<advise_client::Reply> {
    let advise_client::Args { id, settings } = request.0;
    state.with_store(move |store| store.views().advice_of(&store.views().context(id, settings.today)?, &settings)).await
}

#[tauri::command]
pub async fn get_overrides(
    state: State<'_, AppState>,
    request: Request<get_overrides::Args>,
) -> Reply<get_overrides::Reply> {
    let get_overrides::Args { id } = request.0;
    state.with_store(move |store| store.clients().overrides(id)).await
}

#[tauri::command]
pub async fn change_overrides(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<change_overrides::Args>,
) -> Reply<change_overrides::Reply> {
    let change_overrides::Args { id, change } = request.0;
    let saved = state.with_store(move |store| store.clients().change_overrides(id, change)).await?;
    changed(&app, Some(id));
    Ok(saved)
}

fn parse_profile(value: serde_json::Value) -> Reply<crosswalk_core::domain::ValidProfile> {
    ClientProfile::from_json(&value.to_string())
        .and_then(ClientProfile::validate)
        .map_err(|e| Error::Invalid(e).report())
}
