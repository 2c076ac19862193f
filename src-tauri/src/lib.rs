//! The desktop shell: plugins, state and thin commands over the engine.
//! No rule of law and no date arithmetic here: everything is in the core.

mod commands;
mod idle;
mod print;
mod reminders;
mod state;

use tauri::Manager;

/// When the process started, for the start-up figure.
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

pub fn run() {
    STARTED.get_or_init(std::time::Instant::now);
    // WebKitGTK's DMA-BUF renderer roughly doubles the web process's memory
    // without a GPU (about 340 MB against 225 MB in all with 50,000 cases,
    // measured under Xvfb) and is a known cause of blank windows on some
    // drivers; this app draws nothing that needs it. Set before any thread
    // starts; a value the user set is kept.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
        std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    }
    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .setup(|app| {
            // The folder the command line shares (`MEDIATION_DESK_DATA_DIR`
            // if set), so both open one database; a command line refused
            // while the app has it open names the app.
            desk::store::lock::set_holder_name("the Mediation Desk app");
            let data_dir = desk::store::default_data_dir();
            let state = state::AppState::new(&data_dir);
            state.print.empty();
            // Plain PDFs an earlier version left in the data folder.
            let removed = print::remove_earlier_copies(&data_dir);
            if removed > 0 {
                eprintln!("Mediation Desk: removed {removed} plain PDF copies an earlier version left in {}", data_dir.display());
            }
            app.manage(state);
            // Try the keychain (and open and check the database if it holds
            // the key) while the window starts.
            let handle = app.handle().clone();
            std::thread::spawn(move || handle.state::<state::AppState>().start());
            idle::watch(app.handle().clone());
            reminders::start(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::engine::startup,
            commands::engine::painted,
            commands::unlock::database_state,
            commands::unlock::unlock,
            commands::unlock::set_up,
            commands::unlock::change_passphrase,
            commands::unlock::lock,
            commands::unlock::activity,
            commands::unlock::lock_settings,
            commands::unlock::save_lock_settings,
            commands::unlock::restore_locked,
            commands::settings::backup_status,
            commands::cases::today_view,
            commands::cases::list_cases,
            commands::cases::local_authorities,
            commands::cases::case_view,
            commands::cases::open_case,
            commands::cases::preview_call,
            commands::cases::log_call,
            commands::cases::facts_form,
            commands::cases::preview_facts,
            commands::cases::save_facts,
            commands::cases::add_note,
            commands::cases::close_case,
            commands::cases::case_details,
            commands::cases::save_details,
            commands::settings::settings,
            commands::settings::save_service,
            commands::settings::save_choices,
            commands::settings::save_staff,
            commands::settings::import_bank_holidays,
            commands::settings::backup_now,
            commands::settings::restore_backup,
            commands::certificates::case_certificates,
            commands::certificates::preview_certificate,
            commands::certificates::issue_certificate,
            commands::certificates::open_certificate,
            commands::certificates::save_certificate_as,
            commands::certificates::void_certificate,
            commands::certificates::reissue_certificate,
            commands::certificates::certificate_register,
            commands::certificates::exemption_letter,
            commands::reports::report_form,
            commands::reports::report,
            commands::reports::save_report,
            commands::reports::export_cases,
            commands::reports::export_notice,
            commands::retention::retention,
            commands::retention::save_retention_policy,
            commands::retention::dispose_due,
            commands::retention::erase_case,
            commands::retention::case_access,
            commands::retention::subject_access_check,
            commands::retention::save_subject_access,
            commands::reports::import_preview,
            commands::reports::import_cases,
            commands::disagreement::other_parties,
            commands::disagreement::disagreement_form,
            commands::disagreement::save_disagreement,
            commands::disagreement::record_of_outcome,
            commands::disagreement::today_targets,
            commands::disagreement::service_targets,
            commands::disagreement::save_service_targets,
        ])
        .build(tauri::generate_context!("../tauri.conf.json"))
        .expect("Mediation Desk could not start")
        .run(|app, event| {
            // Closing: the PDFs opened to print go too.
            if let (tauri::RunEvent::Exit, Some(state)) = (event, app.try_state::<state::AppState>()) {
                state.print.empty();
            }
        });
}
