//! One process at a time owns a database: an operating-system lock on
//! `<db>.lock` (flock on Unix, LockFileEx on Windows), held while a store
//! is open and released by the system if the process dies, so a crash
//! never leaves a stale lock. The file says who holds it, so a refusal can
//! name them. (In team mode the server is the database; this covers only
//! the laptop's own copy.)

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::private;
use crate::{Result, StoreError};

/// The lock on one database, held until dropped.
#[derive(Debug)]
pub struct DatabaseLock {
    file: File,
    db: PathBuf,
}

/// Where the lock of the database at `db` is kept.
pub fn lock_path(db: &Path) -> PathBuf {
    private::with_suffix(db, ".lock")
}

/// Which program this is, for the lock file ("the Mediation Desk app",
/// "the mediation-desk command line"); the app sets it at start.
static HOLDER: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Name this program in the locks it takes ("the Mediation Desk app").
pub fn set_holder_name(name: &str) {
    let _ = HOLDER.set(name.to_string());
}

impl DatabaseLock {
    /// Take the lock of the database at `db`, or say who holds it. Does
    /// not wait: a second program is refused at once.
    pub fn acquire(db: &Path) -> Result<DatabaseLock> {
        private::create_folder(db)?;
        let path = lock_path(db);
        let mut options = std::fs::OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file =
            options.open(&path).map_err(|e| StoreError::Other(format!("cannot open the lock {}: {e}", path.display())))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.lines().next().unwrap_or("").trim().to_string();
                return Err(StoreError::InUse {
                    path: db.to_path_buf(),
                    holder: if holder.is_empty() { "another Mediation Desk program".into() } else { holder },
                });
            }
            Err(TryLockError::Error(e)) => {
                return Err(StoreError::Other(format!("cannot lock the database {}: {e}", db.display())));
            }
        }
        let program = HOLDER.get().cloned().unwrap_or_else(|| "the mediation-desk command line".into());
        let user = crate::current_user().map(|u| format!(", user {u}")).unwrap_or_default();
        let line = format!("{program} (process {}{user}, since {})\n", std::process::id(), crate::now_stamp());
        let _ = file.set_len(0).and_then(|()| file.rewind()).and_then(|()| file.write_all(line.as_bytes()));
        Ok(DatabaseLock { file, db: db.to_path_buf() })
    }

    /// The database this lock is for.
    pub fn database(&self) -> &Path {
        &self.db
    }
}

impl Drop for DatabaseLock {
    fn drop(&mut self) {
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}
