//! Measurements for `scripts/bench-app.sh`. Inert unless the benchmark sets its variables:
//! - `CROSSWALK_BENCH_READY_FILE`: the first `app_ready` call from the frontend (sent once the
//!   portfolio has rendered) writes the milliseconds since the process started to that file;
//! - `CROSSWALK_BENCH_GRID_CLIENTS` (client ids, comma-separated) with
//!   `CROSSWALK_BENCH_RESULT_FILE`: `app_ready` answers with those ids, the frontend switches to
//!   each client's assessment grid in turn (`ui/src/lib/bench.ts`) and `bench_result` writes the
//!   timings to the file;
//! - `CROSSWALK_BENCH_EMPTY_WINDOW` shows an empty page instead of the app, the baseline the
//!   memory benchmark compares against.

use std::sync::{Mutex, OnceLock};
use std::time::Instant;

use tauri::{Manager, State};

use crate::commands::{app_ready, bench_result, Request};
use crate::state::AppState;

static STARTED: OnceLock<Instant> = OnceLock::new();
static READY: OnceLock<u128> = OnceLock::new();
/// Milliseconds since the start at which start-up reached each step (the first time only),
/// written beside the ready time: where the cold start goes.
static MARKS: Mutex<Vec<(&str, u128)>> = Mutex::new(Vec::new());

pub fn mark_start() {
    STARTED.get_or_init(Instant::now);
}

/// Notes that start-up reached `step` (once per step; cheap, and inert after `app_ready`).
pub fn mark(step: &'static str) {
    if READY.get().is_some() {
        return;
    }
    let elapsed = STARTED.get().map_or(0, |t| t.elapsed().as_millis());
    if let Ok(mut marks) = MARKS.lock() {
        if !marks.iter().any(|(s, _)| *s == step) {
            marks.push((step, elapsed));
        }
    }
}

/// Called by the frontend when the portfolio is interactive: start-up's memory is released a
/// little later. Answers with the clients whose assessment grid the benchmark wants switched to
/// (none outside the benchmark).
#[tauri::command]
pub fn app_ready(state: State<'_, AppState>) -> app_ready::Reply {
    state.settle_after_startup();
    let Some(path) = std::env::var_os("CROSSWALK_BENCH_READY_FILE") else { return Vec::new() };
    let elapsed = STARTED.get().map_or(0, |t| t.elapsed().as_millis());
    if READY.set(elapsed).is_err() {
        return Vec::new();
    }
    let marks = MARKS.lock().map(|m| m.clone()).unwrap_or_default();
    let marks: Vec<String> = marks.iter().map(|(step, ms)| format!("\"{step}\": {ms}")).collect();
    // A benchmark file that cannot be written only spoils the benchmark.
    let _ = std::fs::write(path, format!("{{\"ready_ms\": {elapsed}, \"marks\": {{{}}}}}\n", marks.join(", ")));
    std::env::var("CROSSWALK_BENCH_GRID_CLIENTS")
        .map(|ids| ids.split(',').filter(|id| !id.is_empty()).map(str::to_owned).collect())
        .unwrap_or_default()
}

/// The frontend's timings of the grid switches, in milliseconds, written for the benchmark.
#[tauri::command]
pub fn bench_result(request: Request<bench_result::Args>) -> bench_result::Reply {
    let grid_switch_ms = request.0.grid_switch_ms;
    if let Some(path) = std::env::var_os("CROSSWALK_BENCH_RESULT_FILE") {
        let list = grid_switch_ms.iter().map(|ms| format!("{ms:.1}")).collect::<Vec<_>>().join(", ");
        let _ = std::fs::write(path, format!("{{\"grid_switch_ms\": [{list}]}}\n"));
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
