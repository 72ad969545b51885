//! The desktop shell. Thin on purpose: it opens the store, declares the IPC commands and
//! forwards them to `crosswalk-core` on a blocking thread. No business rule lives here.

mod bench;
mod commands;
mod state;

use tauri::Manager;

pub fn run() {
    bench::mark_start();
    // The portfolio opens on its own thread while GTK, the window and the page start.
    let state = state::AppState::open(state::db_flag(std::env::args()));
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            bench::mark("setup");
            app.manage(state);
            app.manage(commands::jobs::Jobs::default());
            bench::empty_window_if_asked(app);
            commands::team::start_autosync(app.handle().clone());
            Ok(())
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .expect("the Crosswalk window could not start");
}
