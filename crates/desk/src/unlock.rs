//! Unlocking the database, shared by the command line and the window: set
//! a new database up (a passphrase chosen, a recovery code given once, a
//! plain database from before encryption encrypted), unlock one with the
//! passphrase, the recovery code or the operating system's keychain, and
//! change the passphrase. The key itself never leaves the store.

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::store::{keychain_key, keys, RecoveryCode, Secret, Store, StoreError};
use crate::Result;

/// Where a database stands before it is unlocked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DatabaseState {
    /// No database here yet: choosing a passphrase creates one.
    New,
    /// A database from before encryption: choosing a passphrase encrypts it.
    Plain,
    /// Set up: the passphrase, the recovery code or the keychain opens it.
    Locked,
    /// An encrypted database whose key file is missing: only a backup
    /// (which carries its key) can bring the cases back.
    KeyFileMissing,
}

/// How the database at `db` stands.
pub fn state(db: &Path) -> DatabaseState {
    if keys::is_set_up(db) {
        DatabaseState::Locked
    } else if db.exists() && crate::store::encryption::is_plain(db) {
        DatabaseState::Plain
    } else if db.exists() && std::fs::metadata(db).map(|m| m.len() > 0).unwrap_or(false) {
        DatabaseState::KeyFileMissing
    } else {
        DatabaseState::New
    }
}

/// Set up the database at `db` with the chosen `passphrase` and open it:
/// a new empty database, or the plain one already there, encrypted. The
/// key is kept in the keychain too where there is one. Returns the store
/// and the recovery code, to show once.
pub fn set_up(db: &Path, passphrase: &str, today: NaiveDate) -> Result<(Store, RecoveryCode)> {
    if state(db) == DatabaseState::KeyFileMissing {
        return Err(key_file_missing(db));
    }
    let (key, code) = keys::set_up(db, passphrase)?;
    let store = match Store::open(db, &key, today) {
        Ok(store) => store,
        Err(e) => {
            // Nothing was encrypted or created under the key: take the key
            // file back so the next attempt starts afresh.
            if !db.exists() || crate::store::encryption::is_plain(db) {
                let _ = std::fs::remove_file(keys::key_file_path(db));
            }
            return Err(e.into());
        }
    };
    keys::keychain::save(db, &key);
    Ok((store, code))
}

/// Unlock and open the database at `db` with a passphrase or recovery code.
/// `remember` keeps the key in the keychain (the app does; a command-line
/// passphrase from the environment does not change it).
pub fn unlock(db: &Path, secret: &Secret, today: NaiveDate, remember: bool) -> Result<Store> {
    if !keys::is_set_up(db) {
        return Err(StoreError::bad(
            "database",
            format!("{} is not set up yet: choose a passphrase first (mediation-desk init)", db.display()),
        )
        .into());
    }
    let key = keys::unlock(db, secret)?;
    let store = Store::open(db, &key, today)?;
    if remember {
        keys::keychain::save(db, &key);
    }
    Ok(store)
}

/// Open the database at `db` with the key the keychain holds, if it does.
pub fn unlock_with_keychain(db: &Path, today: NaiveDate) -> Option<Result<Store>> {
    let key = keychain_key(db)?;
    Some(Store::open(db, &key, today).map_err(Into::into))
}

/// Choose a new passphrase for the open database (after unlocking with the
/// recovery code, say). The recovery code stays as it was.
pub fn change_passphrase(store: &Store, passphrase: &str) -> Result<()> {
    store.change_passphrase(passphrase).map_err(Into::into)
}

/// The refusal for an encrypted database without its key file.
pub fn key_file_missing(db: &Path) -> crate::DeskError {
    StoreError::Other(format!(
        "the database {} is encrypted but its key file {} is missing, so it cannot be unlocked; restore a backup (backups carry their key). Nothing was changed",
        db.display(),
        keys::key_file_path(db).display()
    ))
    .into()
}
