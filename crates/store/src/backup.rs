//! Backups with SQLite's online backup API (a consistent copy while the app
//! keeps writing), restore from a backup (checked first, copied into a
//! fresh file, then swapped in by rename, the old file kept as
//! `<db>.before-restore-<timestamp>`), and finding the backups beside a
//! database to name when it is damaged.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::{migrations, quick_check, Result, Store, StoreError};

/// A backup found beside a database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    pub modified_at: SystemTime,
    /// When it was last written, in UTC, for people.
    pub modified: String,
}

fn io(what: &str, path: &Path, err: std::io::Error) -> StoreError {
    StoreError::Other(format!("cannot {what} {}: {err}", path.display()))
}

/// Now, for the name of the file the old database is kept as: a record
/// of the moment, not the law's "today" (which callers pass in).
fn stamp() -> String {
    chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ").to_string()
}

/// `path` with `suffix` appended to its file name.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Copy `src` into the (new, empty) file `dest` with the backup API in one
/// step, so the copy is a single consistent snapshot; retried while busy.
fn copy_database(src: &Connection, dest: &Path) -> Result<()> {
    let mut dst = Connection::open(dest)?;
    {
        let backup = Backup::new(src, &mut dst)?;
        let mut waited = Duration::ZERO;
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::More => continue,
                StepResult::Busy | StepResult::Locked => {
                    if waited > Duration::from_secs(30) {
                        return Err(StoreError::Other("the database stayed busy for 30 seconds; the backup was not made".into()));
                    }
                    std::thread::sleep(Duration::from_millis(20));
                    waited += Duration::from_millis(20);
                }
                _ => continue,
            }
        }
    }
    // A backup is one self-contained file.
    let _: String = dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    let problems = quick_check(&dst)?;
    if !problems.is_empty() {
        return Err(StoreError::Other(format!("the copy failed its check: {}", problems.join("; "))));
    }
    dst.close().map_err(|(_, e)| StoreError::from(e))?;
    std::fs::File::open(dest).and_then(|f| f.sync_all()).map_err(|e| io("write", dest, e))?;
    Ok(())
}

fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

impl Store {
    /// Write a consistent copy of the whole database (cases, history,
    /// settings) to `dest`, while other connections may keep writing. The
    /// copy is written beside `dest` and renamed into place when complete.
    pub fn backup(&self, dest: &Path) -> Result<()> {
        if dest.exists() && same_file(dest, &self.path) {
            return Err(StoreError::bad("PATH", "is the database itself; choose another file for the backup"));
        }
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.is_dir() {
                return Err(StoreError::bad("PATH", format!("the folder {} does not exist", dir.display())));
            }
        }
        if dest.is_dir() {
            return Err(StoreError::bad("PATH", format!("{} is a folder; give a file name for the backup", dest.display())));
        }
        let tmp = with_suffix(dest, &format!(".partial-{}", std::process::id()));
        let _ = std::fs::remove_file(&tmp);
        let result = copy_database(&self.conn, &tmp).and_then(|()| {
            std::fs::rename(&tmp, dest).map_err(|e| io("write", dest, e))?;
            sync_dir(dest);
            Ok(())
        });
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Check that `backup` is a sound Mediation Desk database this version can
/// open. Opens it read-only.
fn check_backup(backup: &Path) -> Result<Connection> {
    let bad = |message: String| StoreError::bad("PATH", message);
    if !backup.is_file() {
        return Err(bad(format!("{} is not a file", backup.display())));
    }
    let conn = Connection::open_with_flags(backup, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| bad(format!("{} cannot be opened: {e}", backup.display())))?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| bad(format!("{} is not a database: {e}", backup.display())))?;
    if version < 1 {
        return Err(bad(format!("{} is not a Mediation Desk database", backup.display())));
    }
    if version > migrations::LATEST {
        return Err(bad(format!(
            "{} was made by a newer version of Mediation Desk (schema {version}; this version knows up to {})",
            backup.display(),
            migrations::LATEST
        )));
    }
    let mut stmt = conn.prepare("PRAGMA integrity_check").map_err(|e| bad(format!("{} is damaged: {e}", backup.display())))?;
    let problems: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| bad(format!("{} is damaged: {e}", backup.display())))?;
    drop(stmt);
    if problems.iter().any(|p| p != "ok") {
        return Err(bad(format!("{} is damaged ({}); nothing was restored", backup.display(), problems.join("; "))));
    }
    Ok(conn)
}

/// Replace the database at `db` with the backup at `backup`. The backup is
/// checked first; it is copied into a fresh file that is renamed over `db`
/// in one step. The old database is kept as `<db>.before-restore-<stamp>`
/// (returned). No other program may have `db` open.
pub fn restore(db: &Path, backup: &Path) -> Result<Option<PathBuf>> {
    if db.exists() && same_file(db, backup) {
        return Err(StoreError::bad("PATH", "is the database itself"));
    }
    let src = check_backup(backup)?;
    let ts = stamp();
    let fresh = with_suffix(db, &format!(".restoring-{ts}"));
    if let Err(e) = copy_database(&src, &fresh) {
        let _ = std::fs::remove_file(&fresh);
        return Err(e);
    }
    drop(src);
    let mut kept = None;
    if db.exists() {
        // Fold the old database's write-ahead log into it, so the kept file
        // is complete on its own and no stale log meets the restored file.
        if let Ok(conn) = Connection::open(db) {
            let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0)).unwrap_or(0);
            if busy != 0 {
                let _ = std::fs::remove_file(&fresh);
                return Err(StoreError::Other(
                    "the database is in use by another program; close it and try again. Nothing was restored".into(),
                ));
            }
            let _ = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get::<_, String>(0));
        }
        let keep = with_suffix(db, &format!(".before-restore-{ts}"));
        if std::fs::hard_link(db, &keep).is_err() {
            std::fs::copy(db, &keep).map_err(|e| io("keep a copy of", db, e))?;
        }
        for side in ["-wal", "-shm"] {
            let side_path = with_suffix(db, side);
            if side_path.exists() {
                let _ = std::fs::copy(&side_path, with_suffix(&keep, side));
                std::fs::remove_file(&side_path).map_err(|e| io("remove", &side_path, e))?;
            }
        }
        kept = Some(keep);
    }
    std::fs::rename(&fresh, db).map_err(|e| io("move the restored file to", db, e))?;
    sync_dir(db);
    Ok(kept)
}

/// Restore for a running app: close `open` (the store on `db`, if open),
/// [`restore`] the backup over `db`, and open `db` again: the restored
/// database, or the untouched old one when the restore was refused.
/// Returns the restore's outcome (where the old file was kept) and the
/// store opened afterwards (its clocks recomputed on `today` if another
/// version of the rules computed them).
pub fn restore_open(
    open: Option<Store>,
    db: &Path,
    backup: &Path,
    today: chrono::NaiveDate,
) -> (Result<Option<PathBuf>>, Result<Store>) {
    drop(open);
    let outcome = restore(db, backup);
    (outcome, Store::open(db, today))
}

/// SQLite files beside `db` (and in a `backups` folder beside it), newest
/// first: candidates to restore when `db` is damaged.
pub fn find_backups(db: &Path) -> Vec<BackupFile> {
    let dir = match db.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let own = db.file_name().unwrap_or_default().to_os_string();
    let mut out = Vec::new();
    for folder in [dir.clone(), dir.join("backups")] {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten().take(2000) {
            let path = entry.path();
            let name = entry.file_name();
            let text = name.to_string_lossy();
            if name == own
                || text.ends_with("-wal")
                || text.ends_with("-shm")
                || text.ends_with("-journal")
                || text.contains(".partial-")
                || text.contains(".restoring-")
                || !path.is_file()
            {
                continue;
            }
            let mut magic = [0u8; 16];
            let is_sqlite = std::fs::File::open(&path).and_then(|mut f| std::io::Read::read_exact(&mut f, &mut magic)).is_ok()
                && &magic == b"SQLite format 3\0";
            if !is_sqlite {
                continue;
            }
            let modified_at = entry.metadata().and_then(|m| m.modified()).unwrap_or(SystemTime::UNIX_EPOCH);
            let modified = chrono::DateTime::<chrono::Utc>::from(modified_at).format("%a %-d %b %Y %H:%M UTC").to_string();
            out.push(BackupFile { path, modified_at, modified });
        }
    }
    out.sort_by_key(|b| std::cmp::Reverse(b.modified_at));
    out
}
