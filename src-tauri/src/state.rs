//! The app's state: the case database, locked or unlocked, and who is
//! using the app. At start the operating system's keychain is tried on a
//! thread of its own while the window starts (a command that comes first
//! waits for it); if it opens the database the app goes straight to Today,
//! otherwise it is locked and the window shows the Unlock (or Set-up)
//! screen. While locked no store is open: the connection is closed and the
//! key wiped (the store's `DatabaseKey` zeroizes on drop), and nothing else
//! in the app keeps the key or the passphrase. Every command but the
//! unlocking ones refuses, saying so, and the screens show the Unlock
//! screen. A restore swaps the store for the restored database under the
//! same lock, so no command sees it half-done.

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard};

use desk::store::{Restored, Secret, Store, StoreError};
use desk::unlock::DatabaseState;

use crate::commands::error::{CommandError, Result};
use crate::idle::Idle;
use crate::print::PrintFolder;

/// Where the database stands.
pub enum Database {
    /// The keychain is being tried, at start.
    Starting,
    /// No store is open. `problem` says why it is locked though nobody
    /// locked it: the keychain's key did not open it, say, or the
    /// database could not be opened again after a restore.
    Locked { problem: Option<String> },
    /// Unlocked: the open store.
    Open(Store),
}

pub struct AppState {
    db: PathBuf,
    database: Mutex<Database>,
    started: Condvar,
    /// The person using the app, recorded in each case's history.
    pub user: String,
    /// Where PDFs opened to print or preview are written: emptied at
    /// start, on locking and at exit.
    pub print: PrintFolder,
    /// The idle time after which the app locks itself, and the last sign
    /// of someone at the window.
    pub idle: Idle,
    /// When Unlock (or Set up) was last pressed, for the figure from
    /// unlocking to Today painted.
    pub unlock_pressed: Mutex<Option<std::time::Instant>>,
}

/// The open store, held for one command.
pub struct StoreGuard<'a>(MutexGuard<'a, Database>);

impl Deref for StoreGuard<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        match &*self.0 {
            Database::Open(store) => store,
            _ => unreachable!("checked open when the guard was made"),
        }
    }
}

impl DerefMut for StoreGuard<'_> {
    fn deref_mut(&mut self) -> &mut Store {
        match &mut *self.0 {
            Database::Open(store) => store,
            _ => unreachable!("checked open when the guard was made"),
        }
    }
}

impl AppState {
    /// The state at start, for the database in `data_dir`: see `started`.
    pub fn new(data_dir: &Path) -> AppState {
        let user = desk::store::current_user().unwrap_or_else(|| "mediator".into());
        AppState {
            db: data_dir.join(desk::store::FILE_NAME),
            database: Mutex::new(Database::Starting),
            started: Condvar::new(),
            user,
            print: PrintFolder::new(data_dir),
            idle: Idle::new(data_dir),
            unlock_pressed: Mutex::new(None),
        }
    }

    pub fn database_path(&self) -> &Path {
        &self.db
    }

    /// Unlock or Set up was pressed now (for the start-up figures).
    pub fn pressed_unlock(&self) {
        *self.unlock_pressed.lock().unwrap_or_else(|e| e.into_inner()) = Some(std::time::Instant::now());
    }

    /// Try the keychain (on the start-up thread): unlocked if it opens
    /// the database, else locked, saying why if it held a key that failed.
    pub fn start(&self) {
        let opened = crate::commands::error::today()
            .map_err(|e| e.message)
            .and_then(|today| desk::unlock::unlock_with_keychain(&self.db, today).transpose().map_err(|e| e.to_string()));
        let database = match opened {
            Ok(Some(store)) => Database::Open(store),
            Ok(None) => Database::Locked { problem: None },
            Err(message) => {
                Database::Locked { problem: Some(format!("The keychain's key did not open the database: {message}")) }
            }
        };
        let open = matches!(database, Database::Open(_));
        if open {
            self.idle.touch();
        }
        *self.slot() = database;
        self.started.notify_all();
        if open {
            self.daily_backup();
        }
    }

    /// Today's automatic backup, if none is made yet (`desk::backups`):
    /// called once unlocked, on a thread of its own so the screens need not
    /// wait. A failure is said on stderr; Settings and Today show when the
    /// last backup was made, and say so when it is too old.
    pub fn daily_backup(&self) {
        let Ok(today) = crate::commands::error::today() else { return };
        let Ok(store) = self.store() else { return };
        if let Err(e) = desk::backups::daily(&store, today) {
            eprintln!("Mediation Desk: today's automatic backup was not made: {e}");
        }
    }

    fn slot(&self) -> MutexGuard<'_, Database> {
        self.database.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The database, once the keychain has been tried.
    fn lock(&self) -> MutexGuard<'_, Database> {
        self.started.wait_while(self.slot(), |d| matches!(d, Database::Starting)).unwrap_or_else(|e| e.into_inner())
    }

    /// The store, or the refusal the screens turn into the Unlock screen.
    pub fn store(&self) -> Result<StoreGuard<'_>> {
        let guard = self.lock();
        match &*guard {
            Database::Open(_) => Ok(StoreGuard(guard)),
            _ => Err(CommandError::locked()),
        }
    }

    /// Whether the database is set up, new or plain, whether it is open,
    /// and why it is locked if nobody locked it.
    pub fn status(&self) -> (DatabaseState, bool, Option<String>) {
        let guard = self.lock();
        let state = desk::unlock::state(&self.db);
        match &*guard {
            Database::Open(_) => (state, true, None),
            Database::Locked { problem } => (state, false, problem.clone()),
            Database::Starting => unreachable!("lock waits until the keychain has been tried"),
        }
    }

    /// Whether the database is unlocked.
    pub fn is_open(&self) -> bool {
        matches!(&*self.lock(), Database::Open(_))
    }

    /// Open the database with `open` (unlock or set up) unless it is open
    /// already; what `open` gives besides the store is returned.
    pub fn unlock_with<T>(&self, open: impl FnOnce(&Path) -> desk::Result<(Store, T)>) -> desk::Result<Option<T>> {
        let mut guard = self.lock();
        if matches!(&*guard, Database::Open(_)) {
            return Ok(None);
        }
        let (store, extra) = open(&self.db)?;
        *guard = Database::Open(store);
        self.idle.touch();
        Ok(Some(extra))
    }

    /// Lock: close the store (its connection closed, its key wiped) and
    /// empty the folder of PDFs opened to print. Whether it was open.
    pub fn lock_now(&self) -> bool {
        let was_open = {
            let mut guard = self.lock();
            let previous = std::mem::replace(&mut *guard, Database::Locked { problem: None });
            matches!(previous, Database::Open(_))
            // `previous` (the store) is dropped here, still under the lock.
        };
        self.print.empty();
        was_open
    }

    /// Replace the database with the backup at `backup` (the store checks
    /// it and keeps the old file), then open the restored one (or the old
    /// one again if the restore was refused). `secret` opens a backup made
    /// from another database.
    /// Returns where the old database was kept, or why the restore was
    /// refused (the restored key is dropped, wiped, at once).
    pub fn restore(&self, backup: &Path, secret: Option<&Secret>) -> Result<std::result::Result<Option<PathBuf>, StoreError>> {
        let mut guard = self.lock();
        if !matches!(&*guard, Database::Open(_)) {
            return Err(CommandError::locked());
        }
        let today = crate::commands::error::today()?;
        let Database::Open(store) = std::mem::replace(&mut *guard, Database::Locked { problem: None }) else {
            unreachable!("checked open above")
        };
        let (outcome, reopened) = desk::store::restore_open(Some(store), &self.db, None, backup, secret, today);
        *guard = match reopened {
            Ok(store) => Database::Open(store),
            Err(e) => Database::Locked { problem: Some(format!("The database could not be opened after the restore: {e}")) },
        };
        Ok(outcome.map(|restored: Restored| restored.kept))
    }

    /// While locked, with no database that can be unlocked here (none yet,
    /// on a new laptop; or one whose key file is gone): restore the backup
    /// at `backup` with its passphrase or recovery code (`secret`), whose
    /// key then opens the database, and open it.
    pub fn restore_locked(&self, backup: &Path, secret: &Secret) -> Result<std::result::Result<Option<PathBuf>, StoreError>> {
        let mut guard = self.lock();
        match desk::unlock::state(&self.db) {
            _ if matches!(&*guard, Database::Open(_)) => {
                return Err(CommandError::from("The database is unlocked: restore from Settings".to_string()))
            }
            DatabaseState::New | DatabaseState::KeyFileMissing => {}
            _ => {
                return Err(CommandError::from(
                    "This database can be unlocked: unlock it, then restore from Settings".to_string(),
                ))
            }
        }
        let today = crate::commands::error::today()?;
        let (outcome, reopened) = desk::store::restore_open(None, &self.db, None, backup, Some(secret), today);
        if let Ok(store) = reopened {
            *guard = Database::Open(store);
            self.idle.touch();
        }
        Ok(outcome.map(|restored: Restored| restored.kept))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Locked at start (no keychain), refusing every command as locked;
    /// unlocked, it holds the database; locked again, the store is gone:
    /// another program may take the database.
    #[test]
    fn commands_are_refused_while_locked_and_locking_lets_the_database_go() {
        std::env::set_var("MEDIATION_DESK_KEYCHAIN", "off");
        let dir = std::env::temp_dir().join(format!("md-state-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
        let state = AppState::new(&dir);
        state.start();
        assert_eq!(state.status(), (DatabaseState::New, false, None));
        assert!(state.store().err().is_some_and(|e| e.locked));
        state.unlock_with(|db| desk::unlock::set_up(db, "a passphrase of ours", today)).unwrap();
        assert!(state.store().is_ok());
        let db = state.database_path().to_path_buf();
        assert!(matches!(desk::store::DatabaseLock::acquire(&db), Err(StoreError::InUse { .. })));
        assert!(state.lock_now());
        assert!(state.store().err().is_some_and(|e| e.locked));
        assert_eq!(state.status(), (DatabaseState::Locked, false, None));
        drop(desk::store::DatabaseLock::acquire(&db).expect("the app let the database go"));
        let wrong = desk::store::Secret::passphrase("not our passphrase");
        let refused = state.unlock_with(|db| desk::unlock::unlock(db, &wrong, today, false).map(|s| (s, ()))).unwrap_err();
        assert!(refused.field_error().is_some_and(|(field, _)| field == "passphrase"), "{refused}");
        assert!(!state.is_open());
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A new laptop: no database yet, so the backup is restored while
    /// locked with its own passphrase, which then unlocks it here.
    #[test]
    fn a_new_laptop_restores_a_backup_with_its_passphrase_before_any_set_up() {
        std::env::set_var("MEDIATION_DESK_KEYCHAIN", "off");
        let dir = std::env::temp_dir().join(format!("md-new-laptop-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
        let backup = dir.join("from-the-old-laptop.backup");
        {
            let (mut old, _code) =
                desk::unlock::set_up(&dir.join("old").join("db.sqlite3"), "the old passphrase", today).unwrap();
            let named = desk::store::ServiceSettings { service_name: "Old laptop".into(), ..Default::default() };
            old.set_service_settings(&named, "test").unwrap();
            old.backup(&backup).unwrap();
        }
        let state = AppState::new(&dir.join("new"));
        state.start();
        assert_eq!(state.status().0, DatabaseState::New);
        let wrong = state.restore_locked(&backup, &Secret::passphrase("not the old one")).unwrap();
        assert!(wrong.is_err() && !state.is_open());
        assert_eq!(state.status().0, DatabaseState::New, "a wrong passphrase changes nothing");
        state.restore_locked(&backup, &Secret::passphrase("the old passphrase")).unwrap().unwrap();
        assert_eq!(state.store().unwrap().service_settings().unwrap().service_name, "Old laptop");
        assert!(state.lock_now());
        let secret = Secret::passphrase("the old passphrase");
        state.unlock_with(|db| desk::unlock::unlock(db, &secret, today, false).map(|s| (s, ()))).unwrap();
        assert!(state.restore_locked(&backup, &secret).is_err(), "unlocked, restore is Settings' job");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
