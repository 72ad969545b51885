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
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            bench::app_ready,
            bench::bench_result,
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
            commands::clients::get_overrides,
            commands::clients::set_overrides,
            commands::assessment::assessment_view,
            commands::assessment::save_control_entry,
            commands::assessment::set_statuses,
            commands::assessment::assessments,
            commands::assessment::new_assessment,
            commands::assessment::analyze_client,
            commands::assessment::assessment_history,
            commands::assessment::portfolio_dashboard,
            commands::assessment::client_scope,
            commands::assessment::set_client_scope,
            commands::assessment::set_subservice_organisation,
            commands::assessment::remove_subservice_organisation,
            commands::security::unlock,
            commands::security::set_passphrase,
            commands::security::change_passphrase,
            commands::security::remove_passphrase,
            commands::security::backup_now,
            commands::security::list_backups_cmd,
            commands::security::restore_backup_cmd,
            commands::security::audit_log,
            commands::report::get_branding,
            commands::report::set_branding,
            commands::report::set_client_logo,
            commands::report::export_report,
            commands::jobs::cancel_job,
            commands::jobs::export_all_reports,
            commands::jobs::export_all_packages,
            commands::jobs::import_packages,
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
