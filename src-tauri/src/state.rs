//! The app's state: the open case store (or why it could not be opened),
//! and who is using the app.

use std::sync::{Mutex, MutexGuard};

use mediation_desk::store::Store;

use crate::commands::error::{CommandError, Result};

pub struct AppState {
    store: std::result::Result<Mutex<Store>, String>,
    /// The person using the app, recorded in each case's history.
    pub user: String,
}

impl AppState {
    pub fn new(store: std::result::Result<Store, String>) -> AppState {
        let user = ["MEDIATION_DESK_USER", "USER", "LOGNAME", "USERNAME"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
            .unwrap_or_else(|| "mediator".into());
        AppState { store: store.map(Mutex::new), user }
    }

    /// The store, or the reason it could not be opened.
    pub fn store(&self) -> Result<MutexGuard<'_, Store>> {
        match &self.store {
            Ok(store) => Ok(store.lock().unwrap_or_else(|e| e.into_inner())),
            Err(message) => Err(CommandError::from(message.clone())),
        }
    }

    pub fn open_error(&self) -> Option<String> {
        self.store.as_ref().err().cloned()
    }
}
