//! The firm's branding, a client's logo, and exporting a client's report (PDF or Word).

use base64::Engine;
use crosswalk_core::store::BrandingSettings;
use crosswalk_core::{ErrorCode, ErrorReport};
use crosswalk_report::client::ReportFormat;
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use super::{export_report, get_branding, set_branding, set_client_logo, Reply, Request};
use crate::state::AppState;

fn invalid(field: &str, message: String) -> ErrorReport {
    ErrorReport {
        code: ErrorCode::Invalid,
        message: message.clone(),
        fields: vec![crosswalk_core::domain::FieldError { field: field.into(), message }],
    }
}

fn decode(field: &str, text: Option<&str>) -> Reply<Option<Vec<u8>>> {
    text.filter(|t| !t.is_empty())
        .map(|t| {
            base64::engine::general_purpose::STANDARD
                .decode(t)
                .map_err(|e| invalid(field, format!("the image could not be read: {e}")))
        })
        .transpose()
}

#[tauri::command]
pub async fn get_branding(state: State<'_, AppState>) -> Reply<get_branding::Reply> {
    state.with_store(|store| store.branding().get()).await
}

/// Checks the branding (colours, the logo decodes and is not absurdly large), then stores it;
/// bad input is refused whole with its reasons and nothing is stored.
#[tauri::command]
pub async fn set_branding(
    state: State<'_, AppState>,
    request: Request<set_branding::Args>,
) -> Reply<set_branding::Reply> {
    let settings: BrandingSettings = request.0.settings;
    crosswalk_report::client::check_branding_settings(&settings).map_err(|e| invalid("branding", e.to_string()))?;
    state.with_store(move |store| store.branding().set(&settings)).await
}

/// Stores (checked) or removes a client's logo.
#[tauri::command]
pub async fn set_client_logo(
    state: State<'_, AppState>,
    request: Request<set_client_logo::Args>,
) -> Reply<set_client_logo::Reply> {
    let set_client_logo::Args { id, logo } = request.0;
    if let Some(bytes) = decode("logo", logo.as_deref())? {
        crosswalk_report::Logo::from_bytes(bytes).map_err(|e| invalid("logo", e.to_string()))?;
    }
    state.with_store(move |store| store.branding().set_client_logo(id, logo.as_deref().filter(|l| !l.is_empty()))).await
}

/// The file format of an exported report, as the window names it.
#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportFileFormat {
    /// The laid-out, branded PDF.
    Pdf,
    /// The editable Word document.
    Docx,
}

impl From<ReportFileFormat> for ReportFormat {
    fn from(format: ReportFileFormat) -> ReportFormat {
        match format {
            ReportFileFormat::Pdf => ReportFormat::Pdf,
            ReportFileFormat::Docx => ReportFormat::Docx,
        }
    }
}

#[derive(Serialize, TS)]
pub struct Exported {
    path: String,
    #[ts(type = "number")]
    bytes: u64,
}

/// Writes a client's report to `path`, whole or not at all.
#[tauri::command]
pub async fn export_report(
    state: State<'_, AppState>,
    request: Request<export_report::Args>,
) -> Reply<export_report::Reply> {
    let export_report::Args { id, path, lang, today, format } = request.0;
    let format = format.map(ReportFormat::from).unwrap_or_default();
    let path = std::path::PathBuf::from(path);
    state
        .with_store(move |store| {
            let bytes = crosswalk_report::client::export_client_report_as(store, id, lang, today, &path, format)?;
            Ok(Exported { path: path.display().to_string(), bytes })
        })
        .await
}
