//! IPC commands: validate the input, call the core off the main thread, return data or an
//! `ErrorReport` (`{code, message, fields}`). Writes announce themselves with a
//! `clients-changed` event so every open view refreshes without polling.
//!
//! Every command is declared once, in `declare.rs`: its name, the fields of its one request
//! object and its reply. From that declaration follow the handler list ([`handler`]), the
//! permissions (`build.rs`), the window's grants (`capabilities/main.json`) and the typed
//! TypeScript wrappers (`ui/src/lib/commands.ts`), the last two generated and checked by a test
//! in `typescript.rs`. Each command's function lives in the module of its area and takes its
//! declared `Args` as `request: Request<name::Args>`, answering `Reply<name::Reply>`.

pub mod assessment;
pub mod catalog;
pub mod clients;
pub mod evidence;
pub mod jobs;
pub mod report;
pub mod requests;
pub mod security;
pub mod team;
#[cfg(test)]
mod typescript;

use crosswalk_core::assessment::{
    Analysis, AnalysisSettings, AssessmentInfo, AssessmentView, ClientScope, ControlEntry, ControlStatus, HistoryPoint,
    ImportOutcome, ImportPreview, Lang, RecordedEntry, ScopeInput, SheetFormat, SubserviceInput,
};
use crosswalk_core::batch::BatchOutcome;
use crosswalk_core::catalog::Domain;
use crosswalk_core::demo::DemoOutcome;
use crosswalk_core::domain::{Client, ClientId, ClientSummary, Date};
use crosswalk_core::evidence::{EvidenceLink, EvidenceList, EvidenceMeta};
use crosswalk_core::package::ImportMode;
use crosswalk_core::recommend::roadmap::OverrideChange;
use crosswalk_core::recommend::{Advice, AdviceSettings, Overrides};
use crosswalk_core::requests::{EvidenceRequest, GenerateRequests, GeneratedRequests, RequestEdit, RequestImport};
use crosswalk_core::store::{
    AuditPage, BackupInfo, BrandingSettings, CatalogInfo, ControlDetail, ControlSummary, Dashboard, DashboardQuery,
    EvidenceExport, EvidenceRemoved, Figures, FrameworkSummary, ListQuery, PassphraseOutcome, RequirementControls,
    RestoreOutcome,
};
use crosswalk_core::store::{Conflict, ConflictList, Keep, Sharing, SyncReport, TeamStatus};
use crosswalk_core::{Error, ErrorReport};
use serde::de::DeserializeOwned;
use tauri::ipc::{CommandArg, CommandItem, InvokeBody, InvokeError};
use tauri::{AppHandle, Emitter, Runtime};

use crate::bench;
use clients::AppInfo;
#[cfg(test)]
use crosswalk_core::domain::ClientProfile;
use evidence::ClientEvidence;
use report::{Exported, ReportFileFormat};
use requests::{RequestsExported, RequestsImportPreview};

/// Expands the declarations of `declare.rs`: one module per command holding its `Args` (when it
/// takes any) and its `Reply`, the handler list and, for the tests, the TypeScript.
macro_rules! commands {
    ($($(#[doc = $doc:literal])* $module:ident :: $name:ident (
        $($field:ident : $ty:ty $(as $ts:ty)?),* $(,)?
    ) -> $reply:ty;)*) => {
        $(
            #[doc = concat!("The request and reply of `", stringify!($name), "`.")]
            #[doc = ""]
            $(#[doc = $doc])*
            pub mod $name {
                #[allow(unused_imports)]
                use super::*;
                commands!(@args $($field: $ty),*);
                pub type Reply = $reply;
            }
        )*

        /// The handler of every declared command.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($module::$name),*]
        }

        #[cfg(test)]
        pub(crate) fn declared() -> Vec<typescript::Command> {
            vec![$(typescript::Command {
                name: stringify!($name),
                docs: &[$($doc),*],
                fields: vec![$(typescript::Field::of::<commands!(@ts $ty $(, $ts)?)>(stringify!($field))),*],
                reply: typescript::TsType::of::<$reply>(),
            }),*]
        }
    };
    (@args) => {};
    (@args $($field:ident: $ty:ty),+) => {
        #[derive(serde::Deserialize)]
        pub struct Args {
            $(pub $field: $ty),+
        }
    };
    (@ts $ty:ty) => { $ty };
    (@ts $ty:ty, $ts:ty) => { $ts };
}

include!("declare.rs");

/// The event every write emits; its payload is the id of the client that changed, if one.
pub const CLIENTS_CHANGED: &str = "clients-changed";

pub type Reply<T> = Result<T, ErrorReport>;

/// A command's one request object, read from the call's `request` key. Input that does not fit
/// the declared `Args` (a malformed date, an unknown status) comes back as an `invalid`
/// `ErrorReport` naming the field, like every other refusal, and the command does not run.
pub struct Request<T>(pub T);

impl<'de, R: Runtime, T: DeserializeOwned> CommandArg<'de, R> for Request<T> {
    fn from_command(command: CommandItem<'de, R>) -> Result<Self, InvokeError> {
        let value = match command.message.payload() {
            InvokeBody::Json(value) => value.get(command.key),
            InvokeBody::Raw(_) => None,
        };
        read_request(command.name, value).map(Request).map_err(InvokeError::from)
    }
}

/// Reads a command's request object, or says which field does not fit.
fn read_request<T: DeserializeOwned>(command: &str, value: Option<&serde_json::Value>) -> Reply<T> {
    let Some(value) = value else {
        return Err(Error::invalid("request", format!("`{command}` needs its request")).report());
    };
    serde_path_to_error::deserialize(value).map_err(|e| {
        let field = e.path().to_string();
        let field = if field == "." { "request".to_owned() } else { field };
        Error::invalid(field, e.into_inner().to_string()).report()
    })
}

pub(crate) fn changed(app: &AppHandle, id: Option<ClientId>) {
    // A window that is gone cannot be told; nothing else to do about it.
    let _ = app.emit(CLIENTS_CHANGED, id.map(|id| id.to_string()));
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[track_caller]
    fn check(request: Option<serde_json::Value>, expected: Result<(), (&str, &str)>) {
        let read = read_request::<set_statuses::Args>("set_statuses", request.as_ref());
        match (read, expected) {
            (Ok(_), Ok(())) => {}
            (Err(report), Err((field, words))) => {
                assert_eq!(report.code, crosswalk_core::ErrorCode::Invalid);
                assert_eq!(report.fields.len(), 1, "{report:?}");
                assert_eq!(report.fields[0].field, field, "{report:?}");
                assert!(report.message.contains(words), "{} should say {words}", report.message);
            }
            (read, expected) => panic!("read {:?}, expected {expected:?}", read.map(|_| ())),
        }
    }

    #[test]
    fn a_request_that_does_not_fit_is_refused_at_its_field() {
        let id = "6f1c2a3e-0000-4000-8000-000000000001";
        let good = json!({ "id": id, "control_ids": ["CW-GOV-01"], "status": "implemented",
                           "justification": null, "today": "2026-12-03" });
        check(Some(good.clone()), Ok(()));
        let with = |key: &str, value: serde_json::Value| {
            let mut request = good.clone();
            request[key] = value;
            Some(request)
        };
        check(with("today", json!("2026-02-30")), Err(("today", "2026-02-30")));
        check(with("id", json!("not-an-id")), Err(("id", "")));
        check(with("status", json!("done")), Err(("status", "unknown variant `done`")));
        check(with("control_ids", json!("CW-GOV-01")), Err(("control_ids", "sequence")));
        check(Some(json!({ "id": id })), Err(("request", "missing field")));
        check(None, Err(("request", "`set_statuses` needs its request")));
    }
}
