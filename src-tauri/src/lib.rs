//! The desktop shell: plugins, state and thin commands over the engine.
//! No rule of law and no date arithmetic here: everything is in the core.

mod commands;

pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            use tauri::Manager;
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .invoke_handler(tauri::generate_handler![commands::engine::timeline_preview])
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("Mediation Desk could not start");
}
