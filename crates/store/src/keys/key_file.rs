//! The key file beside each database (`<db>.key`, private to its owner):
//! the database key wrapped by the passphrase and by the recovery code,
//! the database's own id (for the keychain entry), and a check value that
//! tells whether a key is this database's without revealing it. Backups
//! carry a copy, so a backup restores on a new laptop with the passphrase
//! or recovery code of the database it came from.

use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::recovery::{self, RecoveryCode};
use super::wrap::{self, Wrapped};
use super::{DatabaseKey, Secret};
use crate::{Result, StoreError};

const FORMAT: &str = "mediation-desk key file 1";
const PASSPHRASE: &str = "mediation-desk passphrase";
const RECOVERY: &str = "mediation-desk recovery code";

/// What a key file holds. No field is secret on its own.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct KeyFile {
    pub format: String,
    /// Random, made at set-up: names the database in the keychain.
    pub database_id: String,
    /// Hex: the first 16 bytes of SHA-256 over a fixed label and the key.
    pub key_check: String,
    pub passphrase: Wrapped,
    pub recovery_code: Wrapped,
}

fn key_check(key: &DatabaseKey) -> String {
    let digest = Sha256::new().chain_update(b"mediation-desk key check\0").chain_update(key.bytes()).finalize();
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

impl KeyFile {
    /// A key file for `key` under `passphrase` and a new recovery code.
    pub fn create(key: &DatabaseKey, passphrase: &str) -> Result<(KeyFile, RecoveryCode)> {
        let code = RecoveryCode::generate()?;
        let mut id = [0u8; 16];
        getrandom::fill(&mut id).map_err(|e| StoreError::Other(format!("the system's random source failed: {e}")))?;
        let file = KeyFile {
            format: FORMAT.into(),
            database_id: id.iter().map(|b| format!("{b:02x}")).collect(),
            key_check: key_check(key),
            passphrase: wrap::wrap(key, passphrase.as_bytes(), PASSPHRASE)?,
            recovery_code: wrap::wrap(key, code.canonical().as_bytes(), RECOVERY)?,
        };
        Ok((file, code))
    }

    /// The same file with `key` wrapped under a new passphrase.
    pub fn with_passphrase(&self, key: &DatabaseKey, passphrase: &str) -> Result<KeyFile> {
        self.opens_with(key)?;
        Ok(KeyFile { passphrase: wrap::wrap(key, passphrase.as_bytes(), PASSPHRASE)?, ..self.clone() })
    }

    /// Whether `key` is this database's key.
    pub fn is_key(&self, key: &DatabaseKey) -> bool {
        key_check(key) == self.key_check
    }

    pub(super) fn opens_with(&self, key: &DatabaseKey) -> Result<()> {
        if self.is_key(key) {
            Ok(())
        } else {
            Err(StoreError::Other("the key does not belong to this database's key file".into()))
        }
    }

    /// The database key, if `secret` is right; a wrong one is refused
    /// under its own name ("passphrase" or "recovery code").
    pub fn unlock(&self, secret: &Secret) -> Result<DatabaseKey> {
        let opened = match secret {
            Secret::Passphrase(text) => wrap::unwrap(&self.passphrase, text.as_bytes(), PASSPHRASE)?,
            Secret::RecoveryCode(text) => {
                let code = recovery::canonical(text)?;
                wrap::unwrap(&self.recovery_code, code.as_bytes(), RECOVERY)?
            }
        };
        match opened {
            Some(key) if self.is_key(&key) => Ok(key),
            Some(_) => Err(StoreError::Other("the key file is damaged (its check value does not match)".into())),
            None => Err(StoreError::bad(
                secret.field(),
                format!(
                    "does not unlock this database; nothing was opened or changed. Try again{}",
                    match secret {
                        Secret::Passphrase(_) => ", or use the recovery code",
                        Secret::RecoveryCode(_) => "",
                    }
                ),
            )),
        }
    }

    /// Read a key file; a missing or unreadable one is said plainly.
    pub fn read(path: &Path) -> Result<KeyFile> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                StoreError::Other(format!(
                    "the key file {} is missing, so the database cannot be unlocked; restore a backup (backups carry their key)",
                    path.display()
                ))
            } else {
                StoreError::Other(format!("cannot read the key file {}: {e}", path.display()))
            }
        })?;
        KeyFile::parse(&text).map_err(|e| StoreError::Other(format!("the key file {} {e}", path.display())))
    }

    /// A key file's text, checked.
    pub fn parse(text: &str) -> std::result::Result<KeyFile, String> {
        let file: KeyFile = serde_json::from_str(text).map_err(|e| format!("is not a Mediation Desk key file ({e})"))?;
        if file.format != FORMAT {
            return Err(format!("is of a format this version does not know ({:?})", file.format));
        }
        Ok(file)
    }

    /// One line of JSON.
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Write the key file in one step (a private temporary file, synced,
    /// then renamed over `path`).
    pub fn write(&self, path: &Path) -> Result<()> {
        crate::private::write_file_atomically(path, self.to_line().as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_passphrase_and_the_recovery_code_unlock_and_nothing_else_does() {
        let key = DatabaseKey::generate().unwrap();
        let (file, code) = KeyFile::create(&key, "correct horse battery").unwrap();
        assert_eq!(file.unlock(&Secret::passphrase("correct horse battery")).unwrap(), key);
        assert_eq!(file.unlock(&Secret::recovery_code(code.as_str())).unwrap(), key);
        let wrong = file.unlock(&Secret::passphrase("correct horse battery ")).unwrap_err();
        assert!(wrong.is_bad_input() && wrong.to_string().starts_with("passphrase: does not unlock"), "{wrong}");
        // The recovery code is not a passphrase, nor the reverse.
        assert!(file.unlock(&Secret::passphrase(code.as_str())).is_err());
        let text = file.to_line();
        assert!(!text.contains(code.as_str()));
        assert_eq!(KeyFile::parse(&text).unwrap(), file);
        let renewed = file.with_passphrase(&key, "a new passphrase here").unwrap();
        assert!(renewed.unlock(&Secret::passphrase("correct horse battery")).is_err());
        assert_eq!(renewed.unlock(&Secret::passphrase("a new passphrase here")).unwrap(), key);
        assert_eq!(renewed.unlock(&Secret::recovery_code(code.as_str())).unwrap(), key);
        assert!(renewed.passphrase.memory_kib >= 64 * 1024 && renewed.passphrase.passes >= 3);
    }
}
