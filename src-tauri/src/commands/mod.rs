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

use crosswalk_core::domain::{ClientId, Date};
use crosswalk_core::{Error, ErrorReport};
use crosswalk_report::Lang;
use tauri::{AppHandle, Emitter};

/// The event every write emits; its payload is the id of the client that changed, if one.
pub const CLIENTS_CHANGED: &str = "clients-changed";

pub type Reply<T> = Result<T, ErrorReport>;

/// A `YYYY-MM-DD` argument; an error names the field.
pub(crate) fn parse_date(field: &str, text: &str) -> Reply<Date> {
    text.parse().map_err(|e| Error::invalid(field, format!("{e}")).report())
}

/// A report language argument (`en` or `de`).
pub(crate) fn parse_lang(text: &str) -> Reply<Lang> {
    Lang::parse(text)
        .ok_or_else(|| Error::invalid("lang", format!("`{text}` is not a report language (en or de)")).report())
}

pub(crate) fn changed(app: &AppHandle, id: Option<ClientId>) {
    // A window that is gone cannot be told; nothing else to do about it.
    let _ = app.emit(CLIENTS_CHANGED, id.map(|id| id.to_string()));
}
