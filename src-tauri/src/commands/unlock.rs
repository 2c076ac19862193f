//! Unlocking: where the database stands, setting it up (a passphrase
//! chosen, the recovery code shown once), unlocking it with the passphrase
//! or the recovery code, choosing a new passphrase, locking, and the idle
//! time after which the app locks itself. Each command parses, calls
//! `desk::unlock`, and maps the error; the passphrase is never kept.

use desk::store::{Secret, StoreError};
use desk::unlock::DatabaseState;
use desk::DeskError;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, State};

use super::error::{today, CommandError, Result};
use crate::idle;
use crate::state::AppState;

/// What the Unlock screen needs to know.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct LockState {
    /// New (choose a passphrase), plain (choose one to encrypt it) or set up.
    pub database: DatabaseState,
    /// Whether it is unlocked.
    pub open: bool,
    /// Why it is locked though nobody locked it (the keychain's key failed,
    /// another program has the database...), if so.
    pub problem: Option<String>,
    pub database_path: String,
    /// Where the command line kept a database before it shared this
    /// folder, when this one is new: it is not opened by setting up here.
    pub earlier_database: Option<String>,
}

/// What a person typed to unlock.
#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case", tag = "kind", content = "text")]
#[ts(export)]
pub enum SecretInput {
    Passphrase(String),
    RecoveryCode(String),
}

impl SecretInput {
    /// The store's secret (wiped when dropped); the typed text moves into it.
    pub fn secret(self) -> Secret {
        match self {
            SecretInput::Passphrase(text) => Secret::passphrase(text),
            SecretInput::RecoveryCode(text) => Secret::recovery_code(text),
        }
    }
}

/// The one time the recovery code leaves the core: to be shown once.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RecoveryCodeShown {
    pub code: String,
}

/// The idle time after which the app locks itself, and the choices.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct LockSettings {
    pub lock_after_minutes: u32,
    pub choices: Vec<u32>,
}

/// A refusal about the passphrase or recovery code, under the field the
/// screen shows it by ("passphrase", "recovery_code", "confirm"), in a
/// sentence: "Passphrase does not unlock this database; ...".
pub fn secret_error(err: DeskError) -> CommandError {
    match err.field_error() {
        Some((field @ ("passphrase" | "recovery code"), message)) => {
            let label = if field == "passphrase" { "Passphrase" } else { "Recovery code" };
            CommandError::on_field(&field.replace(' ', "_"), format!("{label} {message}"))
        }
        _ => err.into(),
    }
}

/// A backup's passphrase or recovery code refused, or (`asked` false) a
/// backup from another database that needs one: under the field
/// `backup_secret`, where the screens ask for it.
pub fn backup_secret_error(err: StoreError, asked: bool) -> CommandError {
    match err {
        StoreError::BadInput { field, .. } if field == "passphrase" && !asked => CommandError::on_field(
            "backup_secret",
            "This backup was made from another database (another laptop's, say). Type that database's passphrase or its recovery code to restore it. Nothing has been changed yet",
        ),
        StoreError::BadInput { field, message } if asked && (field == "passphrase" || field == "recovery code") => {
            let err = secret_error(StoreError::BadInput { field, message }.into());
            CommandError::on_field("backup_secret", err.message.replace("this database", "this backup"))
        }
        other => other.into(),
    }
}

/// Two typings of a new passphrase must agree.
fn same(passphrase: &str, confirm: &str) -> Result<()> {
    if passphrase != confirm {
        return Err(CommandError::on_field("confirm", "The two passphrases are not the same: type it again in both boxes"));
    }
    Ok(())
}

/// Restore a backup while locked, where there is no database to unlock
/// (a new laptop) or its key file is gone: with the backup's passphrase
/// or recovery code, which then unlock this database. A wrong one is said
/// under the field `backup_secret` and changes nothing.
#[tauri::command]
pub fn restore_locked(app: AppHandle, state: State<AppState>, path: std::path::PathBuf, secret: SecretInput) -> Result<String> {
    let secret = secret.secret();
    let kept = state.restore_locked(&path, &secret)?.map_err(|err| backup_secret_error(err, true))?;
    backup_in_background(&app);
    Ok(match kept {
        Some(old) => {
            format!("Restored from {}. The database that could not be unlocked is kept as {}.", path.display(), old.display())
        }
        None => format!("Restored from {}.", path.display()),
    })
}

#[tauri::command]
pub fn database_state(state: State<AppState>) -> LockState {
    let (database, open, problem) = state.status();
    LockState {
        database,
        open,
        problem,
        database_path: state.database_path().display().to_string(),
        earlier_database: if database == DatabaseState::New {
            desk::store::legacy_database().map(|p| p.display().to_string())
        } else {
            None
        },
    }
}

/// Once unlocked: today's automatic backup, on a thread of its own.
pub fn backup_in_background(app: &AppHandle) {
    let app = app.clone();
    std::thread::spawn(move || app.state::<AppState>().daily_backup());
}

/// Unlock with the passphrase or the recovery code (and keep the key in
/// the keychain where there is one). A wrong one changes nothing.
#[tauri::command]
pub fn unlock(app: AppHandle, state: State<AppState>, secret: SecretInput) -> Result<()> {
    state.pressed_unlock();
    let today = today()?;
    let secret = secret.secret();
    state.unlock_with(|db| desk::unlock::unlock(db, &secret, today, true).map(|store| (store, ()))).map_err(secret_error)?;
    backup_in_background(&app);
    Ok(())
}

/// Set up a new database (or encrypt a plain one) with the passphrase
/// typed twice; the recovery code, to show once.
#[tauri::command]
pub fn set_up(app: AppHandle, state: State<AppState>, passphrase: String, confirm: String) -> Result<RecoveryCodeShown> {
    state.pressed_unlock();
    let passphrase = zeroize::Zeroizing::new(passphrase);
    let confirm = zeroize::Zeroizing::new(confirm);
    desk::store::keys::check_new_passphrase(&passphrase).map_err(|e| secret_error(e.into()))?;
    same(&passphrase, &confirm)?;
    let today = today()?;
    let code = state
        .unlock_with(|db| desk::unlock::set_up(db, &passphrase, today))
        .map_err(secret_error)?
        .ok_or_else(|| CommandError::from("The database is already set up and unlocked".to_string()))?;
    backup_in_background(&app);
    Ok(RecoveryCodeShown { code: code.as_str().to_string() })
}

/// Choose a new passphrase (typed twice) for the unlocked database. In
/// Settings the current one is asked for first; after unlocking with the
/// recovery code it is not (`current` is none).
#[tauri::command]
pub fn change_passphrase(state: State<AppState>, current: Option<String>, passphrase: String, confirm: String) -> Result<()> {
    let passphrase = zeroize::Zeroizing::new(passphrase);
    let confirm = zeroize::Zeroizing::new(confirm);
    let store = state.store()?;
    if let Some(current) = current {
        let secret = Secret::passphrase(current);
        desk::store::keys::unlock(store.path(), &secret).map_err(|e| {
            let err = secret_error(e.into());
            if err.field.as_deref() == Some("passphrase") {
                CommandError::on_field("current", "That is not the current passphrase; nothing was changed")
            } else {
                err
            }
        })?;
    }
    desk::store::keys::check_new_passphrase(&passphrase).map_err(|e| secret_error(e.into()))?;
    same(&passphrase, &confirm)?;
    desk::unlock::change_passphrase(&store, &passphrase).map_err(secret_error)
}

/// Lock now: the store closed, its key wiped, the PDFs opened to print removed.
#[tauri::command]
pub fn lock(state: State<AppState>) {
    state.lock_now();
}

/// Someone is at the window (a key or the mouse): the idle time starts again.
#[tauri::command]
pub fn activity(state: State<AppState>) {
    state.idle.touch();
}

#[tauri::command]
pub fn lock_settings(state: State<AppState>) -> LockSettings {
    LockSettings { lock_after_minutes: state.idle.minutes(), choices: idle::CHOICES.to_vec() }
}

#[tauri::command]
pub fn save_lock_settings(state: State<AppState>, lock_after_minutes: u32) -> Result<()> {
    state.store()?;
    state.idle.set_minutes(lock_after_minutes)
}
