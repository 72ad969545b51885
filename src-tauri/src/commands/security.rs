//! Unlocking an encrypted portfolio, its passphrase, backups and restore, and a client's audit
//! trail. Passphrases pass straight into the core's zeroising `Secret` and are never stored.

use crosswalk_core::secret::Secret;
use crosswalk_core::Error;
use tauri::{AppHandle, State};

use super::{
    audit_log, backup_now, change_passphrase, changed, list_backups, remove_passphrase, restore_backup, set_passphrase,
    unlock, Reply, Request,
};
use crate::state::AppState;

fn secret(text: String) -> Secret {
    Secret::new(text)
}

#[tauri::command]
pub async fn unlock(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<unlock::Args>,
) -> Reply<unlock::Reply> {
    state.unlock(secret(request.0.passphrase)).await?;
    changed(&app, None);
    Ok(())
}

#[tauri::command]
pub async fn set_passphrase(
    state: State<'_, AppState>,
    request: Request<set_passphrase::Args>,
) -> Reply<set_passphrase::Reply> {
    let new = secret(request.0.passphrase);
    state
        .with_store(move |store| {
            new.check_new("passphrase")?;
            store.set_passphrase(&new)
        })
        .await
}

#[tauri::command]
pub async fn change_passphrase(
    state: State<'_, AppState>,
    request: Request<change_passphrase::Args>,
) -> Reply<change_passphrase::Reply> {
    let change_passphrase::Args { current, passphrase } = request.0;
    let (current, new) = (secret(current), secret(passphrase));
    state
        .with_store(move |store| {
            new.check_new("passphrase")?;
            store.change_passphrase(&current, &new)
        })
        .await
}

#[tauri::command]
pub async fn remove_passphrase(
    state: State<'_, AppState>,
    request: Request<remove_passphrase::Args>,
) -> Reply<remove_passphrase::Reply> {
    let current = secret(request.0.current);
    state.with_store(move |store| store.remove_passphrase(&current)).await
}

#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> Reply<backup_now::Reply> {
    state.with_store(|store| store.backups().now(None)).await
}

#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> Reply<list_backups::Reply> {
    let path = state.db_path.clone().ok_or_else(|| Error::invalid("database", "no database path").report())?;
    tauri::async_runtime::spawn_blocking(move || crosswalk_core::store::list_backups(&path).map_err(|e| e.report()))
        .await
        .map_err(|e| Error::invalid("", e.to_string()).report())?
}

#[tauri::command]
pub async fn restore_backup(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<restore_backup::Args>,
) -> Reply<restore_backup::Reply> {
    let restore_backup::Args { file, passphrase } = request.0;
    let path = state.db_path.clone().ok_or_else(|| Error::invalid("database", "no database path").report())?;
    let pass = passphrase.filter(|p| !p.is_empty());
    let for_restore = pass.clone().map(secret);
    let outcome = tauri::async_runtime::spawn_blocking(move || {
        crosswalk_core::store::restore_backup(&path, std::path::Path::new(&file), for_restore.as_ref())
            .map_err(|e| e.report())
    })
    .await
    .map_err(|e| Error::invalid("", e.to_string()).report())??;
    state.reopen(pass.map(secret)).await?;
    changed(&app, None);
    Ok(outcome)
}

#[tauri::command]
pub async fn audit_log(state: State<'_, AppState>, request: Request<audit_log::Args>) -> Reply<audit_log::Reply> {
    let audit_log::Args { id, limit, offset } = request.0;
    state.with_store(move |store| store.audit().log(id, limit, u64::from(offset))).await
}
