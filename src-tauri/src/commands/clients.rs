//! The client portfolio and a client's recommendation.

use crosswalk_core::demo::DemoOutcome;
use crosswalk_core::domain::{Client, ClientId, ClientProfile, ClientSummary};
use crosswalk_core::recommend::{Advice, AdviceSettings, Overrides};
use crosswalk_core::store::ListQuery;
use crosswalk_core::Error;
use serde::Serialize;
use tauri::{AppHandle, State};

use super::{changed, Reply};
use crate::state::AppState;

#[derive(Serialize)]
pub struct AppInfo {
    version: &'static str,
    database: Option<String>,
    schema_version: i64,
    /// Why the portfolio is not open (`passphrase_required` for a locked one), if it is not.
    open_error: Option<crosswalk_core::ErrorReport>,
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        database: state.db_path.as_ref().map(|p| p.display().to_string()),
        schema_version: crosswalk_core::store::SCHEMA_VERSION,
        open_error: state.open_error(),
    }
}

#[tauri::command]
pub async fn list_clients(state: State<'_, AppState>, query: ListQuery) -> Reply<Vec<ClientSummary>> {
    state.with_store(move |store| store.list_clients(&query)).await
}

#[tauri::command]
pub async fn get_client(state: State<'_, AppState>, id: String) -> Reply<Client> {
    let id = parse_id(&id)?;
    state.with_store(move |store| store.client(id)).await
}

/// The profile arrives as plain JSON and is parsed by the core, so a bad value comes back as
/// an error at its field rather than as a transport failure.
#[tauri::command]
pub async fn create_client(app: AppHandle, state: State<'_, AppState>, profile: serde_json::Value) -> Reply<Client> {
    let profile = parse_profile(profile)?;
    let client = state.with_store(move |store| store.create_client(&profile)).await?;
    changed(&app, Some(client.id));
    Ok(client)
}

#[tauri::command]
pub async fn update_client(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    profile: serde_json::Value,
) -> Reply<Client> {
    let id = parse_id(&id)?;
    let profile = parse_profile(profile)?;
    let client = state.with_store(move |store| store.update_client(id, &profile)).await?;
    changed(&app, Some(id));
    Ok(client)
}

#[tauri::command]
pub async fn archive_client(app: AppHandle, state: State<'_, AppState>, id: String) -> Reply<Client> {
    let id = parse_id(&id)?;
    let client = state.with_store(move |store| store.archive_client(id)).await?;
    changed(&app, Some(id));
    Ok(client)
}

#[tauri::command]
pub async fn restore_client(app: AppHandle, state: State<'_, AppState>, id: String) -> Reply<Client> {
    let id = parse_id(&id)?;
    let client = state.with_store(move |store| store.restore_client(id)).await?;
    changed(&app, Some(id));
    Ok(client)
}

#[tauri::command]
pub async fn delete_client(app: AppHandle, state: State<'_, AppState>, id: String) -> Reply<()> {
    let id = parse_id(&id)?;
    state.with_store(move |store| store.delete_client(id)).await?;
    changed(&app, Some(id));
    Ok(())
}

#[tauri::command]
pub async fn load_demo(app: AppHandle, state: State<'_, AppState>) -> Reply<DemoOutcome> {
    let outcome = state.with_store(crosswalk_core::demo::load_demo).await?;
    changed(&app, None);
    Ok(outcome)
}

/// Verdicts and roadmap for a stored client, with the consultant's overrides applied.
#[tauri::command]
pub async fn advise_client(state: State<'_, AppState>, id: String, settings: AdviceSettings) -> Reply<Advice> {
    let id = parse_id(&id)?;
    state
        .with_store(move |store| {
            let overrides = store.overrides(id)?;
            store.advise_client(id, &settings, &overrides)
        })
        .await
}

#[tauri::command]
pub async fn get_overrides(state: State<'_, AppState>, id: String) -> Reply<Overrides> {
    let id = parse_id(&id)?;
    state.with_store(move |store| store.overrides(id)).await
}

/// Replaces the client's roadmap overrides; each needs its reason.
#[tauri::command]
pub async fn set_overrides(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    overrides: Overrides,
) -> Reply<Overrides> {
    let id = parse_id(&id)?;
    let saved = state.with_store(move |store| store.set_overrides(id, &overrides)).await?;
    changed(&app, Some(id));
    Ok(saved)
}

pub(super) fn parse_id(text: &str) -> Reply<ClientId> {
    text.parse().map_err(|_| Error::invalid("id", format!("`{text}` is not a client id")).report())
}

fn parse_profile(value: serde_json::Value) -> Reply<crosswalk_core::domain::ValidProfile> {
    ClientProfile::from_json(&value.to_string())
        .and_then(ClientProfile::validate)
        .map_err(|e| Error::Invalid(e).report())
}
