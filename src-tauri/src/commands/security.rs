//! Unlocking an encrypted portfolio, its passphrase, backups and restore, and a client's audit
//! trail. Passphrases pass straight into the core's zeroising `Secret` and are never stored.

use crosswalk_core::secret::Secret;
use crosswalk_core::store::{list_backups, restore_backup, AuditPage, BackupInfo, PassphraseOutcome, RestoreOutcome};
use crosswalk_core::Error;
use tauri::{AppHandle, State};

use super::clients::parse_id;
use super::{changed, Reply};
use crate::state::AppState;

fn secret(text: String) -> Secret {
    Secret::new(text)
}

/// Opens the locked (encrypted) portfolio with its passphrase.
#[tauri::command]
pub async fn unlock(app: AppHandle, state: State<'_, AppState>, passphrase: String) -> Reply<()> {
    state.unlock(secret(passphrase)).await?;
    changed(&app, None);
    Ok(())
}

#[tauri::command]
pub async fn set_passphrase(state: State<'_, AppState>, passphrase: String) -> Reply<PassphraseOutcome> {
    let new = secret(passphrase);
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
    current: String,
    passphrase: String,
) -> Reply<PassphraseOutcome> {
    let (current, new) = (secret(current), secret(passphrase));
    state
        .with_store(move |store| {
            new.check_new("passphrase")?;
            store.change_passphrase(&current, &new)
        })
        .await
}

#[tauri::command]
pub async fn remove_passphrase(state: State<'_, AppState>, current: String) -> Reply<PassphraseOutcome> {
    let current = secret(current);
    state.with_store(move |store| store.remove_passphrase(&current)).await
}

#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> Reply<BackupInfo> {
    state.with_store(|store| store.backup_now(None)).await
}

#[tauri::command]
pub async fn list_backups_cmd(state: State<'_, AppState>) -> Reply<Vec<BackupInfo>> {
    let path = state.db_path.clone().ok_or_else(|| Error::invalid("database", "no database path").report())?;
    tauri::async_runtime::spawn_blocking(move || list_backups(&path).map_err(|e| e.report()))
        .await
        .map_err(|e| Error::invalid("", e.to_string()).report())?
}

/// Replaces the portfolio with a backup (checked first; the replaced database is kept as a
/// backup), then reopens it.
#[tauri::command]
pub async fn restore_backup_cmd(
    app: AppHandle,
    state: State<'_, AppState>,
    file: String,
    passphrase: Option<String>,
) -> Reply<RestoreOutcome> {
    let path = state.db_path.clone().ok_or_else(|| Error::invalid("database", "no database path").report())?;
    let pass = passphrase.filter(|p| !p.is_empty());
    let for_restore = pass.clone().map(secret);
    let outcome = tauri::async_runtime::spawn_blocking(move || {
        restore_backup(&path, std::path::Path::new(&file), for_restore.as_ref()).map_err(|e| e.report())
    })
    .await
    .map_err(|e| Error::invalid("", e.to_string()).report())??;
    state.reopen(pass.map(secret)).await?;
    changed(&app, None);
    Ok(outcome)
}

/// A page of a client's audit trail, newest first.
#[tauri::command]
pub async fn audit_log(state: State<'_, AppState>, id: String, limit: u32, offset: u64) -> Reply<AuditPage> {
    let id = parse_id(&id)?;
    state.with_store(move |store| store.audit_log(id, limit, offset)).await
}
