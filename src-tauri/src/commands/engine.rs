//! Start-up facts the screens need: whether the database opened, today's
//! date as the core sees it, and the labels of the law's lists.

use serde::Serialize;
use tauri::State;

use super::error::{today, Result};
use crate::state::AppState;

#[derive(Serialize)]
pub struct Startup {
    /// Why the database could not be opened, if it could not.
    pub open_error: Option<String>,
    pub today: chrono::NaiveDate,
    pub user: String,
}

#[tauri::command]
pub fn startup(state: State<AppState>) -> Result<Startup> {
    Ok(Startup { open_error: state.open_error(), today: today()?, user: state.user.clone() })
}
