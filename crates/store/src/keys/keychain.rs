//! The operating system's keychain (Windows Credential Manager, macOS
//! Keychain, the Secret Service on Linux) as a second place the database
//! key is kept, so a person logged in to their own account need not type
//! the passphrase. Where there is no keychain (a headless Linux, CI) every
//! call quietly does nothing and the passphrase alone unlocks.
//! `MEDIATION_DESK_KEYCHAIN=off` turns it off (tests, shared machines).

use std::path::Path;

use zeroize::Zeroizing;

use super::{key_file_path, DatabaseKey, KeyFile, KEY_BYTES};

const SERVICE: &str = "uk.mediationdesk.app";

fn enabled() -> bool {
    !matches!(std::env::var("MEDIATION_DESK_KEYCHAIN").as_deref(), Ok("off" | "0" | "no" | "false"))
}

fn entry(db: &Path) -> Option<(keyring::Entry, KeyFile)> {
    if !enabled() {
        return None;
    }
    let file = KeyFile::read(&key_file_path(db)).ok()?;
    let entry = keyring::Entry::new(SERVICE, &format!("database key {}", file.database_id)).ok()?;
    Some((entry, file))
}

/// The key of the database at `db` from the keychain, if it holds it (and
/// it is this database's key).
pub fn load(db: &Path) -> Option<DatabaseKey> {
    let (entry, file) = entry(db)?;
    let secret = Zeroizing::new(entry.get_secret().ok()?);
    let bytes: [u8; KEY_BYTES] = secret.as_slice().try_into().ok()?;
    let key = DatabaseKey::from_bytes(bytes);
    file.is_key(&key).then_some(key)
}

/// Keep the key of the database at `db` in the keychain; whether it could.
pub fn save(db: &Path, key: &DatabaseKey) -> bool {
    match entry(db) {
        Some((entry, file)) if file.is_key(key) => entry.set_secret(key.bytes()).is_ok(),
        _ => false,
    }
}

/// Remove the database's key from the keychain (after a restore with
/// another key, or when the person asks).
pub fn forget(db: &Path) {
    if let Some((entry, _)) = entry(db) {
        let _ = entry.delete_credential();
    }
}
