//! IPC commands: validate the input, call the core off the main thread, return data or an
//! `ErrorReport` (`{code, message, fields}`). Writes announce themselves with a
//! `clients-changed` event so every open view refreshes without polling.
//!
//! One module per area; each command is also listed in `build.rs` (its permission) and in
//! `capabilities/main.json` (granted to the main window).

pub mod assessment;
pub mod catalog;
pub mod clients;
pub mod jobs;
pub mod report;
pub mod security;

use crosswalk_core::domain::ClientId;
use crosswalk_core::ErrorReport;
use tauri::{AppHandle, Emitter};

/// The event every write emits; its payload is the id of the client that changed, if one.
pub const CLIENTS_CHANGED: &str = "clients-changed";

pub type Reply<T> = Result<T, ErrorReport>;

pub(crate) fn changed(app: &AppHandle, id: Option<ClientId>) {
    // A window that is gone cannot be told; nothing else to do about it.
    let _ = app.emit(CLIENTS_CHANGED, id.map(|id| id.to_string()));
}
