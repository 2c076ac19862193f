//! The app's state: the open case store (or why it could not be opened),
//! and who is using the app. A restore swaps the store for the restored
//! database under the same lock, so no command sees it half-done.

use std::ops::{Deref, DerefMut};
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use mediation_desk::store::Store;

use crate::commands::error::{CommandError, Result};

pub struct AppState {
    store: Mutex<std::result::Result<Store, String>>,
    /// The person using the app, recorded in each case's history.
    pub user: String,
}

/// The open store, locked for one command.
pub struct StoreGuard<'a>(MutexGuard<'a, std::result::Result<Store, String>>);

impl Deref for StoreGuard<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        self.0.as_ref().expect("checked open when the guard was made")
    }
}

impl DerefMut for StoreGuard<'_> {
    fn deref_mut(&mut self) -> &mut Store {
        self.0.as_mut().expect("checked open when the guard was made")
    }
}

impl AppState {
    pub fn new(store: std::result::Result<Store, String>) -> AppState {
        let user = ["MEDIATION_DESK_USER", "USER", "LOGNAME", "USERNAME"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
            .unwrap_or_else(|| "mediator".into());
        AppState { store: Mutex::new(store), user }
    }

    fn lock(&self) -> MutexGuard<'_, std::result::Result<Store, String>> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The store, or the reason it could not be opened.
    pub fn store(&self) -> Result<StoreGuard<'_>> {
        let guard = self.lock();
        match &*guard {
            Ok(_) => Ok(StoreGuard(guard)),
            Err(message) => Err(CommandError::from(message.clone())),
        }
    }

    pub fn open_error(&self) -> Option<String> {
        self.lock().as_ref().err().cloned()
    }

    /// Replace the database with the backup at `backup` (the core checks
    /// it and keeps the old file), then open the restored one. Returns
    /// where the old database was kept.
    pub fn restore(&self, backup: &Path) -> Result<Option<String>> {
        let mut guard = self.lock();
        let db = match &*guard {
            Ok(store) => store.path().to_path_buf(),
            Err(message) => return Err(CommandError::from(message.clone())),
        };
        let (outcome, reopened) =
            mediation_desk::store::restore_open(std::mem::replace(&mut *guard, Err(String::new())).ok(), &db, backup);
        *guard = reopened.map_err(|e| e.to_string());
        Ok(outcome?.map(|p| p.display().to_string()))
    }
}
