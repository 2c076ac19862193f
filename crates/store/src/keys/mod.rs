//! The database key and how it is kept. Every database is encrypted with
//! SQLCipher under a random 256-bit key, given to SQLCipher raw (no key
//! derivation on open). The key is never stored in the clear: a key file
//! beside the database holds it wrapped by the person's passphrase and by a
//! one-time recovery code (`key_file`), and the operating system's keychain
//! may hold it too (`keychain`). A wrong passphrase opens nothing and
//! changes nothing.

mod key_file;
pub mod keychain;
mod recovery;
mod wrap;

use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use super::{Result, StoreError};

pub use key_file::KeyFile;
pub use recovery::RecoveryCode;

/// How many bytes the database key has: 256 bits.
pub const KEY_BYTES: usize = 32;

/// The shortest passphrase accepted when one is chosen.
pub const MIN_PASSPHRASE_CHARS: usize = 10;

/// The longest passphrase accepted (a pasted page is a mistake).
pub const MAX_PASSPHRASE_CHARS: usize = 1000;

/// The key that opens one database. Its bytes are wiped from memory when it
/// is dropped; it never prints.
#[derive(Clone)]
pub struct DatabaseKey(Zeroizing<[u8; KEY_BYTES]>);

impl DatabaseKey {
    /// A new random key, from the operating system's random source.
    pub fn generate() -> Result<DatabaseKey> {
        let mut bytes = Zeroizing::new([0u8; KEY_BYTES]);
        getrandom::fill(bytes.as_mut()).map_err(|e| StoreError::Other(format!("the system's random source failed: {e}")))?;
        Ok(DatabaseKey(bytes))
    }

    /// A key from its bytes (tests give a fixed one).
    pub fn from_bytes(bytes: [u8; KEY_BYTES]) -> DatabaseKey {
        DatabaseKey(Zeroizing::new(bytes))
    }

    pub(crate) fn bytes(&self) -> &[u8; KEY_BYTES] {
        &self.0
    }

    /// The key as SQLCipher takes a raw key: `x'<64 hex digits>'`.
    pub(crate) fn sqlcipher_value(&self) -> Zeroizing<String> {
        let mut text = Zeroizing::new(String::with_capacity(3 + 2 * KEY_BYTES));
        text.push_str("x'");
        for byte in self.0.iter() {
            text.push(char::from_digit(u32::from(byte >> 4), 16).unwrap_or('0'));
            text.push(char::from_digit(u32::from(byte & 0xf), 16).unwrap_or('0'));
        }
        text.push('\'');
        text
    }
}

impl std::fmt::Debug for DatabaseKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DatabaseKey(hidden)")
    }
}

impl PartialEq for DatabaseKey {
    fn eq(&self, other: &DatabaseKey) -> bool {
        // Constant time is not needed here (both are ours), but cheap.
        self.0.iter().zip(other.0.iter()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
    }
}

/// What a person types to unlock: their passphrase, or the recovery code
/// they were given at set-up. Wiped from memory when dropped.
pub enum Secret {
    Passphrase(Zeroizing<String>),
    RecoveryCode(Zeroizing<String>),
}

impl Secret {
    pub fn passphrase(text: impl Into<String>) -> Secret {
        Secret::Passphrase(Zeroizing::new(text.into()))
    }

    pub fn recovery_code(text: impl Into<String>) -> Secret {
        Secret::RecoveryCode(Zeroizing::new(text.into()))
    }

    /// The field a wrong one is reported under.
    pub fn field(&self) -> &'static str {
        match self {
            Secret::Passphrase(_) => "passphrase",
            Secret::RecoveryCode(_) => "recovery code",
        }
    }
}

/// Where the key file of the database at `db` is: beside it, `<db>.key`.
pub fn key_file_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".key");
    db.with_file_name(name)
}

/// Whether the database at `db` has been set up (its key file exists).
pub fn is_set_up(db: &Path) -> bool {
    key_file_path(db).is_file()
}

/// Check a passphrase being chosen: long enough, not too long, not blank.
pub fn check_new_passphrase(passphrase: &str) -> Result<()> {
    let chars = passphrase.chars().count();
    if passphrase.trim().is_empty() {
        return Err(StoreError::bad(
            "passphrase",
            "is empty; choose one of at least 10 characters (a few words are easy to remember)",
        ));
    }
    if chars < MIN_PASSPHRASE_CHARS {
        return Err(StoreError::bad(
            "passphrase",
            format!("is {chars} characters; choose one of at least {MIN_PASSPHRASE_CHARS} (a few words are easy to remember)"),
        ));
    }
    if chars > MAX_PASSPHRASE_CHARS {
        return Err(StoreError::bad("passphrase", format!("is {chars} characters; the most is {MAX_PASSPHRASE_CHARS}")));
    }
    Ok(())
}

/// Set up the database at `db`: a new random key, wrapped by `passphrase`
/// and by a new recovery code, written to the key file (which must not
/// exist yet). Returns the key and the recovery code to show once. The
/// database itself is created (or, if a plain one is there, encrypted) when
/// it is next opened with the key.
pub fn set_up(db: &Path, passphrase: &str) -> Result<(DatabaseKey, RecoveryCode)> {
    check_new_passphrase(passphrase)?;
    let path = key_file_path(db);
    if path.exists() {
        return Err(StoreError::bad(
            "database",
            format!("{} is already set up (its key file {} exists); nothing was changed", db.display(), path.display()),
        ));
    }
    let key = DatabaseKey::generate()?;
    let (file, code) = KeyFile::create(&key, passphrase)?;
    crate::private::create_folder(db)?;
    file.write(&path)?;
    Ok((key, code))
}

/// Unlock the database at `db` with a passphrase or recovery code. A wrong
/// one is refused, naming which, and nothing is changed.
pub fn unlock(db: &Path, secret: &Secret) -> Result<DatabaseKey> {
    KeyFile::read(&key_file_path(db))?.unlock(secret)
}

/// Choose a new passphrase for the database at `db`, whose key is `key`
/// (after unlocking with the recovery code, say). The recovery code stays.
pub fn change_passphrase(db: &Path, key: &DatabaseKey, passphrase: &str) -> Result<()> {
    check_new_passphrase(passphrase)?;
    let path = key_file_path(db);
    let file = KeyFile::read(&path)?;
    file.opens_with(key)?;
    file.with_passphrase(key, passphrase)?.write(&path)
}
