//! A notification at start and every hour while the app runs, when clocks
//! are overdue or due today. The words come from the core; no child's name
//! is ever shown. `MEDIATION_DESK_NO_NOTIFICATIONS` turns them off.

use std::time::Duration;

use tauri::{AppHandle, Manager};
use tauri_plugin_notification::NotificationExt;

use crate::state::AppState;

pub fn start(app: AppHandle) {
    if std::env::var_os("MEDIATION_DESK_NO_NOTIFICATIONS").is_some() {
        return;
    }
    std::thread::spawn(move || loop {
        if let Some(text) = reminder_now(&app) {
            let _ = app.notification().builder().title("Mediation Desk").body(text).show();
        }
        std::thread::sleep(Duration::from_secs(60 * 60));
    });
}

fn reminder_now(app: &AppHandle) -> Option<String> {
    let state = app.try_state::<AppState>()?;
    let today = desk::calendar::dates::today().ok()?;
    let items = state.store().ok()?.today(today, 0).ok()?;
    desk::store::reminder(&items)
}
