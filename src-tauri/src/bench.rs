//! Start-up measurement for `scripts/bench-app.sh`. Inert unless the benchmark sets
//! `CROSSWALK_BENCH_READY_FILE`: then the first `app_ready` call from the frontend (sent once the
//! portfolio has rendered) writes the milliseconds since the process started to that file.
//! `CROSSWALK_BENCH_EMPTY_WINDOW` shows an empty page instead of the app, the baseline the
//! memory benchmark compares against.

use std::sync::OnceLock;
use std::time::Instant;

use tauri::Manager;

static STARTED: OnceLock<Instant> = OnceLock::new();
static READY: OnceLock<u128> = OnceLock::new();

pub fn mark_start() {
    STARTED.get_or_init(Instant::now);
}

/// Called by the frontend when the portfolio is interactive.
#[tauri::command]
pub fn app_ready() {
    let Some(path) = std::env::var_os("CROSSWALK_BENCH_READY_FILE") else { return };
    let elapsed = STARTED.get().map_or(0, |t| t.elapsed().as_millis());
    if READY.set(elapsed).is_ok() {
        // A benchmark file that cannot be written only spoils the benchmark.
        let _ = std::fs::write(path, format!("{{\"ready_ms\": {elapsed}}}\n"));
    }
}

/// For the memory baseline: the same binary and runtime, showing an empty page.
pub fn empty_window_if_asked(app: &tauri::App) {
    if std::env::var_os("CROSSWALK_BENCH_EMPTY_WINDOW").is_none() {
        return;
    }
    if let (Some(window), Ok(url)) = (app.get_webview_window("main"), "tauri://localhost/blank.html".parse()) {
        let _ = window.navigate(url);
    }
}
