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

/// How long a screen took to paint, for the start-up figures.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Painted {
    /// Since the process started.
    #[ts(type = "number")]
    pub since_start_ms: u64,
    /// Since Unlock (or Set up) was last pressed, if it was.
    #[ts(type = "number | null")]
    pub since_unlock_ms: Option<u64>,
}

/// The Unlock screen (`screen` "unlock") or the Today view ("today") has
/// painted for the first time: how long after the process started and,
/// for Today, after Unlock was pressed. Printed once to stderr, for
/// measuring start-up (`scripts/measure-app`).
#[tauri::command]
pub fn painted(state: State<AppState>, screen: String) -> Painted {
    let since_start_ms = crate::STARTED.get().map_or(0, |t| t.elapsed().as_millis() as u64);
    let pressed = *state.unlock_pressed.lock().unwrap_or_else(|e| e.into_inner());
    let since_unlock_ms = pressed.filter(|_| screen == "today").map(|t| t.elapsed().as_millis() as u64);
    let name = if screen == "today" { "Today" } else { "Unlock screen" };
    match since_unlock_ms {
        Some(after) => {
            eprintln!("Mediation Desk: {name} painted {since_start_ms} ms after start, {after} ms after Unlock was pressed")
        }
        None => eprintln!("Mediation Desk: {name} painted {since_start_ms} ms after start"),
    }
    Painted { since_start_ms, since_unlock_ms }
}
