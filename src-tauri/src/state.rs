//! The one piece of state the shell holds: the open store, or why it could not be opened (a
//! locked, encrypted portfolio waits here for its passphrase).

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use crosswalk_core::paths::resolve_db_path;
use crosswalk_core::secret::Secret;
use crosswalk_core::store::{OpenOptions, Store};
use crosswalk_core::{Error, ErrorCode, ErrorReport};

type Shared = Arc<Mutex<Store>>;

pub struct AppState {
    pub db_path: Option<PathBuf>,
    store: RwLock<Result<Shared, ErrorReport>>,
}

impl AppState {
    /// Opens the portfolio at `--db`, `$CROSSWALK_DB` or the per-user data folder. A failure
    /// (including "this portfolio needs its passphrase") is kept and reported by every command,
    /// so the window can say what is wrong and offer the way out.
    pub fn open(explicit: Option<PathBuf>) -> AppState {
        let Some((path, _source)) = resolve_db_path(explicit) else {
            return AppState {
                db_path: None,
                store: RwLock::new(Err(ErrorReport {
                    code: ErrorCode::Io,
                    message: "No per-user data folder was found. Start Crosswalk with --db PATH or set CROSSWALK_DB."
                        .into(),
                    fields: Vec::new(),
                })),
            };
        };
        let store = Store::open(&path).map(|s| Arc::new(Mutex::new(s))).map_err(|e| e.report());
        AppState { db_path: Some(path), store: RwLock::new(store) }
    }

    /// Why the portfolio is not open, if it is not.
    pub fn open_error(&self) -> Option<ErrorReport> {
        match self.store.read() {
            Ok(guard) => guard.as_ref().err().cloned(),
            Err(_) => Some(internal("the application state was poisoned by an earlier failure")),
        }
    }

    /// Opens the locked portfolio with its passphrase; a wrong one changes nothing.
    pub async fn unlock(&self, passphrase: Secret) -> Result<(), ErrorReport> {
        let path = self.db_path.clone().ok_or_else(|| internal("no database path"))?;
        let opened = tauri::async_runtime::spawn_blocking(move || {
            Store::open_with(&path, OpenOptions::with_passphrase(Some(passphrase)))
        })
        .await
        .map_err(|e| internal(&format!("a background task failed: {e}")))?
        .map_err(|e| e.report())?;
        let mut guard = self.store.write().map_err(|_| internal("the application state was poisoned"))?;
        *guard = Ok(Arc::new(Mutex::new(opened)));
        Ok(())
    }

    /// Replaces the open store with a freshly opened one (after a restore).
    pub async fn reopen(&self, passphrase: Option<Secret>) -> Result<(), ErrorReport> {
        let path = self.db_path.clone().ok_or_else(|| internal("no database path"))?;
        let opened = tauri::async_runtime::spawn_blocking(move || {
            Store::open_with(&path, OpenOptions::with_passphrase(passphrase))
        })
        .await
        .map_err(|e| internal(&format!("a background task failed: {e}")))?
        .map_err(|e| e.report());
        let mut guard = self.store.write().map_err(|_| internal("the application state was poisoned"))?;
        *guard = opened.map(|s| Arc::new(Mutex::new(s)));
        guard.as_ref().map(|_| ()).map_err(Clone::clone)
    }

    /// Runs `f` with the store on a blocking thread, off the UI's event loop.
    pub async fn with_store<T, F>(&self, f: F) -> Result<T, ErrorReport>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, Error> + Send + 'static,
    {
        let store = self
            .store
            .read()
            .map_err(|_| internal("the application state was poisoned by an earlier failure"))?
            .clone()?;
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
