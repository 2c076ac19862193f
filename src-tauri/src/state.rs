//! The app's state: the open case store (or why it could not be opened),
//! and who is using the app. The store is opened (and its integrity
//! checked, before anything is written) on a thread of its own while the
//! window starts, so the two overlap; a command that comes first waits for
//! it. A restore swaps the store for the restored database under the same
//! lock, so no command sees it half-done.

use std::ops::{Deref, DerefMut};
use std::path::Path;
use std::sync::{Condvar, Mutex, MutexGuard};

use desk::store::Store;

use crate::commands::error::{CommandError, Result};

/// The store once opening has finished: open, or why not.
type Opened = Option<std::result::Result<Store, String>>;

pub struct AppState {
    store: Mutex<Opened>,
    opened: Condvar,
    /// The person using the app, recorded in each case's history.
    pub user: String,
}

/// The open store, locked for one command.
pub struct StoreGuard<'a>(MutexGuard<'a, Opened>);

impl Deref for StoreGuard<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        match &*self.0 {
            Some(Ok(store)) => store,
            _ => unreachable!("checked open when the guard was made"),
        }
    }
}

impl DerefMut for StoreGuard<'_> {
    fn deref_mut(&mut self) -> &mut Store {
        match &mut *self.0 {
            Some(Ok(store)) => store,
            _ => unreachable!("checked open when the guard was made"),
        }
    }
}

impl AppState {
    /// The state before the store is open: see `opened`.
    pub fn new() -> AppState {
        let user = desk::store::current_user().unwrap_or_else(|| "mediator".into());
        AppState { store: Mutex::new(None), opened: Condvar::new(), user }
    }

    /// Opening has finished: the store, or why it could not be opened.
    pub fn opened(&self, store: std::result::Result<Store, String>) {
        *self.store.lock().unwrap_or_else(|e| e.into_inner()) = Some(store);
        self.opened.notify_all();
    }

    /// The lock, once opening has finished.
    fn lock(&self) -> MutexGuard<'_, Opened> {
        let guard = self.store.lock().unwrap_or_else(|e| e.into_inner());
        self.opened.wait_while(guard, |slot| slot.is_none()).unwrap_or_else(|e| e.into_inner())
    }

    /// The store, or the reason it could not be opened.
    pub fn store(&self) -> Result<StoreGuard<'_>> {
        let guard = self.lock();
        match &*guard {
            Some(Ok(_)) => Ok(StoreGuard(guard)),
            Some(Err(message)) => Err(CommandError::from(message.clone())),
            None => unreachable!("lock waits until the store is opened"),
        }
    }

    pub fn open_error(&self) -> Option<String> {
        match &*self.lock() {
            Some(Err(message)) => Some(message.clone()),
            _ => None,
        }
    }

    /// Replace the database with the backup at `backup` (the core checks
    /// it and keeps the old file), then open the restored one. Returns
    /// where the old database was kept.
    pub fn restore(&self, backup: &Path) -> Result<Option<String>> {
        let mut guard = self.lock();
        let db = match &*guard {
            Some(Ok(store)) => store.path().to_path_buf(),
            Some(Err(message)) => return Err(CommandError::from(message.clone())),
            None => unreachable!("lock waits until the store is opened"),
        };
        let today = crate::commands::error::today()?;
        let open = guard.take().and_then(|s| s.ok());
        let (outcome, reopened) = desk::store::restore_open(open, &db, backup, today);
        *guard = Some(reopened.map_err(|e| e.to_string()));
        Ok(outcome?.map(|p| p.display().to_string()))
    }
}
