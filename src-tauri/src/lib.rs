//! The desktop shell. Thin on purpose: it opens the store, declares the IPC commands and
//! forwards them to `crosswalk-core` on a blocking thread. No business rule lives here.

mod commands;
mod state;

use tauri::Manager;

pub fn run() {
    tauri::Builder::default()
        .setup(|app| {
            let explicit = state::db_flag(std::env::args());
            app.manage(state::AppState::open(explicit));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::list_clients,
            commands::get_client,
            commands::create_client,
            commands::update_client,
            commands::archive_client,
            commands::restore_client,
            commands::delete_client,
            commands::load_demo,
            commands::advise_client,
        ])
        .run(tauri::generate_context!())
        .expect("the Crosswalk window could not start");
}
