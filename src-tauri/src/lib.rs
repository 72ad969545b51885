//! The desktop shell. Thin on purpose: it opens the store, declares the IPC commands and
//! forwards them to `crosswalk-core` on a blocking thread. No business rule lives here.

mod bench;
mod commands;
mod state;

use tauri::Manager;

pub fn run() {
    bench::mark_start();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let explicit = state::db_flag(std::env::args());
            app.manage(state::AppState::open(explicit));
            app.manage(commands::jobs::Jobs::default());
            bench::empty_window_if_asked(app);
            commands::team::start_autosync(app.handle().clone());
            Ok(())
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .expect("the Crosswalk window could not start");
}
