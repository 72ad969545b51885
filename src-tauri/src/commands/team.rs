//! Team sync: the portfolio's place in a team folder, syncing, sharing clients and the conflicts
//! a person resolves. The rules live in the core (`crosswalk_core::store::Team`); the team
//! passphrase passes straight into the core's zeroising `Secret` and is never stored (the key
//! derived from it is, inside the portfolio: see SECURITY.md).
//!
//! Besides the commands, [`start_autosync`] syncs on its own: a few seconds after start (after
//! the first paint) and then every few minutes, while the portfolio is in a team. A folder that
//! cannot be reached is reported to the window (`team-synced` with the reason) and tried again
//! at the next turn; it never stops the app.

use std::time::Duration;

use crosswalk_core::package::KdfParams;
use crosswalk_core::secret::Secret;
use crosswalk_core::store::{Store, SyncReport};
use crosswalk_core::Error;
use tauri::{AppHandle, Emitter, Manager, State};

use super::{
    changed, team_conflicts, team_init, team_join, team_leave, team_resolve, team_share, team_shared_clients,
    team_status, team_sync, Reply, Request,
};
use crate::state::AppState;

/// The event sent after every sync, by a command or on its own; its payload is the reason when
/// the sync failed, `null` when it ran.
pub const TEAM_SYNCED: &str = "team-synced";

/// The first automatic sync, after start-up has painted the portfolio.
const FIRST_SYNC_AFTER: Duration = Duration::from_secs(5);
/// Between two automatic syncs.
const SYNC_EVERY: Duration = Duration::from_secs(5 * 60);

/// Tells the window a sync ran (and every view to refresh when it brought changes in).
fn synced(app: &AppHandle, outcome: &Reply<SyncReport>) {
    match outcome {
        Ok(report) => {
            if !report.applied.is_empty() || report.snapshot.is_some() {
                changed(app, None);
            }
            let _ = app.emit(TEAM_SYNCED, None::<String>);
        }
        Err(error) => {
            let _ = app.emit(TEAM_SYNCED, Some(error.message.clone()));
        }
    }
}

#[tauri::command]
pub async fn team_status(state: State<'_, AppState>) -> Reply<team_status::Reply> {
    state.with_store(|store| store.team().membership()).await
}

#[tauri::command]
pub async fn team_init(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<team_init::Args>,
) -> Reply<team_init::Reply> {
    let team_init::Args { folder, passphrase } = request.0;
    let passphrase = Secret::new(passphrase);
    let folder = checked_folder(folder)?;
    let status = state
        .with_store(move |store| {
            passphrase.check_new("passphrase")?;
            store.team().init(&folder, &passphrase, KdfParams::default())
        })
        .await?;
    let _ = app.emit(TEAM_SYNCED, None::<String>);
    Ok(status)
}

#[tauri::command]
pub async fn team_join(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<team_join::Args>,
) -> Reply<team_join::Reply> {
    let team_join::Args { folder, passphrase } = request.0;
    let passphrase = Secret::new(passphrase);
    let folder = checked_folder(folder)?;
    let outcome = state.with_store(move |store| store.team().join(&folder, &passphrase)).await;
    synced(&app, &outcome);
    outcome
}

#[tauri::command]
pub async fn team_sync(app: AppHandle, state: State<'_, AppState>) -> Reply<team_sync::Reply> {
    let outcome = state.with_store(|store| store.team().sync()).await;
    synced(&app, &outcome);
    outcome
}

#[tauri::command]
pub async fn team_leave(app: AppHandle, state: State<'_, AppState>) -> Reply<team_leave::Reply> {
    state.with_store(|store| store.team().leave()).await?;
    let _ = app.emit(TEAM_SYNCED, None::<String>);
    Ok(())
}

#[tauri::command]
pub async fn team_shared_clients(state: State<'_, AppState>) -> Reply<team_shared_clients::Reply> {
    state.with_store(|store| store.team().shared_clients()).await
}

#[tauri::command]
pub async fn team_share(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<team_share::Args>,
) -> Reply<team_share::Reply> {
    let team_share::Args { id, shared } = request.0;
    state.with_store(move |store| store.team().share(id, shared)).await?;
    changed(&app, Some(id));
    Ok(())
}

#[tauri::command]
pub async fn team_conflicts(
    state: State<'_, AppState>,
    request: Request<team_conflicts::Args>,
) -> Reply<team_conflicts::Reply> {
    let all = request.0.all;
    state.with_store(move |store| store.team().conflicts(all)).await
}

#[tauri::command]
pub async fn team_resolve(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<team_resolve::Args>,
) -> Reply<team_resolve::Reply> {
    let team_resolve::Args { conflict, keep } = request.0;
    let resolved = state.with_store(move |store| store.team().resolve(conflict, keep)).await?;
    changed(&app, None);
    Ok(resolved)
}

/// A folder path from the window: absolute, as the native picker gives it.
fn checked_folder(folder: String) -> Reply<std::path::PathBuf> {
    let path = std::path::PathBuf::from(folder.trim());
    if !path.is_absolute() {
        return Err(Error::invalid("folder", "choose the team folder (an absolute path)").report());
    }
    Ok(path)
}

/// One automatic sync: none when the portfolio is in no team (or is locked).
fn autosync_once(store: &mut Store) -> Result<Option<SyncReport>, Error> {
    if store.team().membership()?.is_none() {
        return Ok(None);
    }
    store.team().sync().map(Some)
}

/// Syncs on start (after the first paint) and every few minutes while the portfolio is in a
/// team, on a thread of its own; each sync takes the store like any command.
pub fn start_autosync(app: AppHandle) {
    let spawned = std::thread::Builder::new().name("team-sync".into()).spawn(move || {
        std::thread::sleep(FIRST_SYNC_AFTER);
        loop {
            let state = app.state::<AppState>();
            if tauri::async_runtime::block_on(state.open_error()).is_none() {
                let outcome = tauri::async_runtime::block_on(state.with_store(autosync_once));
                match outcome {
                    Ok(Some(report)) => synced(&app, &Ok(report)),
                    Ok(None) => {}
                    Err(error) => synced(&app, &Err(error)),
                }
            }
            std::thread::sleep(SYNC_EVERY);
        }
    });
    if let Err(e) = spawned {
        eprintln!("crosswalk: automatic team sync is off: {e}");
    }
}
