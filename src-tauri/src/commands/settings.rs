//! Settings: the service's details, staff, the disputed counting choices,
//! bank holidays, backups, and where the data lives.

use std::path::{Path, PathBuf};

use desk::calendar::govuk;
use desk::rules::choices::CountingChoices;
use desk::store::{find_backups, ServiceSettings, StaffMember};
use serde::Serialize;
use tauri::State;

use super::error::{today, Result};
use super::unlock::{backup_secret_error, SecretInput};
use crate::state::AppState;

#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SettingsView {
    pub service: ServiceSettings,
    pub choices: CountingChoices,
    pub staff: Vec<StaffMember>,
    pub database_path: String,
    pub imported_holiday_years: Vec<i32>,
    pub backups: Vec<String>,
}

#[tauri::command]
pub fn settings(state: State<AppState>) -> Result<SettingsView> {
    let store = state.store()?;
    let imported = store.imported_holidays()?.map(|h| h.years()).unwrap_or_default();
    Ok(SettingsView {
        service: store.service_settings()?,
        choices: store.choices()?,
        staff: store.staff()?,
        database_path: store.path().display().to_string(),
        imported_holiday_years: imported,
        backups: find_backups(store.path()).iter().map(|b| b.path.display().to_string()).collect(),
    })
}

#[tauri::command]
pub fn save_service(state: State<AppState>, service: ServiceSettings) -> Result<()> {
    Ok(state.store()?.set_service_settings(&service, &state.user)?)
}

#[tauri::command]
pub fn save_choices(state: State<AppState>, choices: CountingChoices) -> Result<()> {
    Ok(state.store()?.set_choices(&choices, &state.user, today()?)?)
}

#[tauri::command]
pub fn save_staff(state: State<AppState>, member: StaffMember) -> Result<()> {
    Ok(state.store()?.save_staff(&member, &state.user)?)
}

/// Import a GOV.UK bank-holidays.json chosen by the user.
#[tauri::command]
pub fn import_bank_holidays(state: State<AppState>, path: PathBuf) -> Result<Vec<i32>> {
    let text = std::fs::read_to_string(&path).map_err(|e| format!("Cannot read {}: {e}", path.display()))?;
    let holidays = govuk::parse(&text)?;
    state.store()?.set_imported_holidays(&holidays, &state.user, today()?)?;
    Ok(holidays.years())
}

/// When the last automatic backup was made, and whether it is too old
/// (Settings says when; Today says so when it is over a week, or never).
#[tauri::command]
pub fn backup_status(state: State<AppState>) -> Result<desk::backups::BackupStatus> {
    Ok(desk::backups::status(&*state.store()?)?)
}

/// A consistent copy of the database to `path`.
#[tauri::command]
pub fn backup_now(state: State<AppState>, path: PathBuf) -> Result<String> {
    state.store()?.backup(&path)?;
    Ok(path.display().to_string())
}

/// Replace the database with a backup the user chose; the old one is kept
/// beside it. A backup made from another database (another laptop's) needs
/// that database's passphrase or recovery code (`secret`): without one the
/// refusal is under the field `backup_secret`, which the screen then asks
/// for. Refused, naming the holder, while another program has the
/// database. Returns a sentence for the screen.
#[tauri::command]
pub fn restore_backup(state: State<AppState>, path: PathBuf, secret: Option<SecretInput>) -> Result<String> {
    restore(&state, &path, secret)
}

/// `restore_backup`, on the app's state.
fn restore(state: &AppState, path: &Path, secret: Option<SecretInput>) -> Result<String> {
    let asked = secret.is_some();
    let secret = secret.map(SecretInput::secret);
    let kept = state.restore(path, secret.as_ref())?.map_err(|err| backup_secret_error(err, asked))?;
    Ok(match kept {
        Some(old) => format!(
            "Restored from {}. The database as it was is kept as {}. Your passphrase and recovery code are unchanged.",
            path.display(),
            old.display()
        ),
        None => format!("Restored from {}.", path.display()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use desk::store::ServiceSettings;

    fn named(name: &str) -> ServiceSettings {
        ServiceSettings { service_name: name.into(), ..ServiceSettings::default() }
    }

    /// A backup from another laptop's database: asked for its passphrase,
    /// a wrong one refused with nothing changed, the right one restores it
    /// under this database's own key, and the app stays unlocked.
    #[test]
    fn a_backup_from_another_database_restores_with_its_passphrase_under_ours() {
        std::env::set_var("MEDIATION_DESK_KEYCHAIN", "off");
        let dir = std::env::temp_dir().join(format!("md-restore-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
        let state = AppState::new(&dir.join("ours"));
        state.start();
        state.unlock_with(|db| desk::unlock::set_up(db, "our own passphrase", today)).unwrap();
        state.store().unwrap().set_service_settings(&named("Ours"), "test").unwrap();

        let backup = dir.join("theirs.backup");
        {
            let (mut theirs, _code) =
                desk::unlock::set_up(&dir.join("theirs").join("db.sqlite3"), "their passphrase", today).unwrap();
            theirs.set_service_settings(&named("Theirs"), "test").unwrap();
            theirs.backup(&backup).unwrap();
        }

        let asked = restore(&state, &backup, None).unwrap_err();
        assert_eq!(asked.field.as_deref(), Some("backup_secret"), "{}", asked.message);
        let wrong = restore(&state, &backup, Some(SecretInput::Passphrase("our own passphrase".into()))).unwrap_err();
        assert_eq!(wrong.field.as_deref(), Some("backup_secret"));
        assert!(wrong.message.contains("does not unlock this backup"), "{}", wrong.message);
        assert_eq!(state.store().unwrap().service_settings().unwrap().service_name, "Ours");

        let done = restore(&state, &backup, Some(SecretInput::Passphrase("their passphrase".into()))).unwrap();
        assert!(done.contains("is kept as"), "{done}");
        assert_eq!(state.store().unwrap().service_settings().unwrap().service_name, "Theirs");
        // Restored under this database's key: our passphrase opens it.
        assert!(state.lock_now());
        let secret = desk::store::Secret::passphrase("our own passphrase");
        state.unlock_with(|db| desk::unlock::unlock(db, &secret, today, false).map(|s| (s, ()))).unwrap();
        assert_eq!(state.store().unwrap().service_settings().unwrap().service_name, "Theirs");
        drop(state);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
