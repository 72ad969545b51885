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
            commands::clients::app_info,
            commands::clients::list_clients,
            commands::clients::get_client,
            commands::clients::create_client,
            commands::clients::update_client,
            commands::clients::archive_client,
            commands::clients::restore_client,
            commands::clients::delete_client,
            commands::clients::load_demo,
            commands::clients::advise_client,
            commands::catalog::catalog_info,
            commands::catalog::catalog_frameworks,
            commands::catalog::catalog_domains,
            commands::catalog::catalog_requirements,
            commands::catalog::catalog_controls,
            commands::catalog::catalog_control,
        ])
        .run(tauri::generate_context!())
        .expect("the Crosswalk window could not start");
}
