//! Start-up facts the screens need once the database is unlocked: today's
//! date as the core sees it, who is using the app, and the labels of the
//! law's lists.

use serde::Serialize;
use tauri::State;

use super::error::{today, Result};
use crate::state::AppState;

#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Startup {
    pub today: chrono::NaiveDate,
    pub user: String,
    pub vocabulary: desk::vocabulary::Vocabulary,
}

#[tauri::command]
pub fn startup(state: State<AppState>) -> Result<Startup> {
    state.store()?;
    Ok(Startup { today: today()?, user: state.user.clone(), vocabulary: desk::vocabulary::vocabulary() })
}

/// The Today view has painted: how long after the process started (ms).
/// Printed once to stderr, for measuring cold start.
#[tauri::command]
pub fn painted() -> u64 {
    let ms = crate::STARTED.get().map_or(0, |t| t.elapsed().as_millis() as u64);
    eprintln!("Mediation Desk: Today painted {ms} ms after start");
    ms
}
