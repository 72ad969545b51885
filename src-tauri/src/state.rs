//! The one piece of state the shell holds: the open store, or why it could not be opened (a
//! locked, encrypted portfolio waits here for its passphrase).
//!
//! The portfolio is opened on a thread of its own from the first instruction of `run`, while
//! GTK, the window and the page start (its integrity check and daily backup take tens of
//! milliseconds): the first command that needs it waits for it, off the main thread.

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use crosswalk_core::paths::resolve_db_path;
use crosswalk_core::secret::Secret;
use crosswalk_core::store::{OpenOptions, Store};
use crosswalk_core::{Error, ErrorCode, ErrorReport};

type Shared = Arc<Mutex<Store>>;
type Opened = Result<Shared, ErrorReport>;

/// The store once it is open (or why it is not); empty while the first open is under way.
#[derive(Default)]
struct Slot {
    value: Mutex<Option<Opened>>,
    filled: Condvar,
}

impl Slot {
    fn set(&self, opened: Opened) {
        let mut value = self.value.lock().unwrap_or_else(|e| e.into_inner());
        *value = Some(opened);
        self.filled.notify_all();
    }

    /// The store, waiting for the first open if it is still under way.
    fn wait(&self) -> Opened {
        let mut value = self.value.lock().map_err(|_| poisoned())?;
        loop {
            if let Some(opened) = value.as_ref() {
                return opened.clone();
            }
            value = self.filled.wait(value).map_err(|_| poisoned())?;
        }
    }
}

pub struct AppState {
    pub db_path: Option<PathBuf>,
    slot: Arc<Slot>,
    settled: AtomicBool,
}

/// How long after the first portfolio is on screen start-up's memory is released: its figures
/// (readiness, milestones) are worked out within about a second of it, even for a thousand clients.
const STARTUP_SETTLES: Duration = Duration::from_secs(3);

/// Returns the allocator's free pages to the system (glibc keeps them for reuse otherwise).
fn release_free_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only walks the allocator's own free lists; it has no preconditions.
    unsafe {
        libc::malloc_trim(0);
    }
}

impl AppState {
    /// Starts opening the portfolio at `--db`, `$CROSSWALK_DB` or the per-user data folder on a
    /// thread of its own. A failure (including "this portfolio needs its passphrase") is kept and
    /// reported by every command, so the window can say what is wrong and offer the way out.
    pub fn open(explicit: Option<PathBuf>) -> AppState {
        let slot = Arc::new(Slot::default());
        let Some((path, _source)) = resolve_db_path(explicit) else {
            slot.set(Err(ErrorReport {
                code: ErrorCode::Io,
                message: "No per-user data folder was found. Start Crosswalk with --db PATH or set CROSSWALK_DB."
                    .into(),
                fields: Vec::new(),
            }));
            return AppState { db_path: None, slot, settled: AtomicBool::new(false) };
        };
        let open = {
            let (slot, path) = (slot.clone(), path.clone());
            move || {
                slot.set(Store::open(&path).map(|s| Arc::new(Mutex::new(s))).map_err(|e| e.report()));
                crate::bench::mark("store_opened");
            }
        };
        // Without a thread to spare, it opens here (as it always did before).
        if let Err(e) = std::thread::Builder::new().name("open-portfolio".into()).spawn(open.clone()) {
            eprintln!("crosswalk: opening the portfolio on this thread ({e})");
            open();
        }
        AppState { db_path: Some(path), slot, settled: AtomicBool::new(false) }
    }

    /// Why the portfolio is not open, if it is not (waiting, off the event loop, for the first
    /// open if it is still under way).
    pub async fn open_error(&self) -> Option<ErrorReport> {
        let slot = self.slot.clone();
        tauri::async_runtime::spawn_blocking(move || slot.wait().err())
            .await
            .unwrap_or_else(|e| Some(internal(&format!("a background task failed: {e}"))))
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
        self.slot.set(Ok(Arc::new(Mutex::new(opened))));
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
        let opened = opened.map(|s| Arc::new(Mutex::new(s)));
        self.slot.set(opened.clone());
        opened.map(|_| ())
    }

    /// Start-up is over (the first portfolio is on screen): once its figures have been worked out
    /// too, a few seconds later, what start-up left cached goes back to the system: SQLite's page
    /// cache (its integrity check read the whole file) and the allocator's free pages. The first
    /// call only; later ones do nothing.
    pub fn settle_after_startup(&self) {
        if self.settled.swap(true, Ordering::AcqRel) {
            return;
        }
        let slot = self.slot.clone();
        let settle = move || {
            std::thread::sleep(STARTUP_SETTLES);
            if let Ok(store) = slot.wait() {
                if let Ok(store) = store.lock() {
                    // Only memory: a failure leaves the cache as it was.
                    let _ = store.release_memory();
                }
            }
            release_free_heap();
        };
        if let Err(e) = std::thread::Builder::new().name("settle".into()).spawn(settle) {
            eprintln!("crosswalk: start-up memory not released ({e})");
        }
    }

    /// Runs `f` with the store on a blocking thread, off the UI's event loop (waiting there for
    /// the first open if it is still under way).
    pub async fn with_store<T, F>(&self, f: F) -> Result<T, ErrorReport>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, Error> + Send + 'static,
    {
        let slot = self.slot.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let store = slot.wait()?;
            let mut guard =
                store.lock().map_err(|_| internal("the database lock was poisoned by an earlier failure"))?;
            f(&mut guard).map_err(|e| e.report())
        })
        .await
        .map_err(|e| internal(&format!("a background task failed: {e}")))?
    }
}

fn poisoned() -> ErrorReport {
    internal("the application state was poisoned by an earlier failure")
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
