//! The one piece of state the shell holds: the open store, or why it could not be opened.

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crosswalk_core::paths::resolve_db_path;
use crosswalk_core::store::Store;
use crosswalk_core::{Error, ErrorCode, ErrorReport};

pub struct AppState {
    pub db_path: Option<PathBuf>,
    store: Result<Arc<Mutex<Store>>, ErrorReport>,
}

impl AppState {
    /// Opens the portfolio at `--db`, `$CROSSWALK_DB` or the per-user data folder. A failure
    /// is kept and reported by every command, so the window can say what is wrong.
    pub fn open(explicit: Option<PathBuf>) -> AppState {
        let Some((path, _source)) = resolve_db_path(explicit) else {
            return AppState {
                db_path: None,
                store: Err(ErrorReport {
                    code: ErrorCode::Io,
                    message: "No per-user data folder was found. Start Crosswalk with --db PATH or set CROSSWALK_DB."
                        .into(),
                    fields: Vec::new(),
                }),
            };
        };
        let store = Store::open(&path).map(|s| Arc::new(Mutex::new(s))).map_err(|e| e.report());
        AppState { db_path: Some(path), store }
    }

    /// Runs `f` with the store on a blocking thread, off the UI's event loop.
    pub async fn with_store<T, F>(&self, f: F) -> Result<T, ErrorReport>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, Error> + Send + 'static,
    {
        let store = self.store.clone()?;
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard =
                store.lock().map_err(|_| internal("the database lock was poisoned by an earlier failure"))?;
            f(&mut guard).map_err(|e| e.report())
        })
        .await
        .map_err(|e| internal(&format!("a background task failed: {e}")))?
    }
}

fn internal(message: &str) -> ErrorReport {
    ErrorReport { code: ErrorCode::Internal, message: message.to_owned(), fields: Vec::new() }
}

/// The value of `--db PATH` or `--db=PATH` among the process arguments.
pub fn db_flag(args: impl IntoIterator<Item = String>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--db" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.strip_prefix("--db=") {
            return Some(PathBuf::from(OsString::from(path)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::db_flag;

    #[test]
    fn reads_the_db_flag_in_both_forms() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(db_flag(args(&["crosswalk", "--db", "/x/p.db"])), Some("/x/p.db".into()));
        assert_eq!(db_flag(args(&["crosswalk", "--db=/y.db"])), Some("/y.db".into()));
        assert_eq!(db_flag(args(&["crosswalk"])), None);
    }
}
