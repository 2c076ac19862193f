//! Backups and restore. A backup is one file: a header line, the
//! database's key file (the key wrapped by its passphrase and recovery
//! code, never in the clear), then the encrypted database as SQLite's
//! online backup API copied it (a consistent snapshot while the app keeps
//! writing). So a backup is as safe as the database, and restores on a
//! new laptop with the passphrase or recovery code of the database it came
//! from. Restore takes the database's lock (refused while another program
//! has it), checks the backup is a sound Mediation Desk database this
//! version can open, writes it under the database's own key into a fresh
//! file, proves that copy, and only then swaps it in by rename, keeping the
//! old file as `<db>.before-restore-<timestamp>`. A plain backup from
//! before encryption is recognised by its schema and encrypted as it is
//! restored. `find_backups` names the backups beside a damaged database.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::Connection;

use crate::encryption;
use crate::keys::{self, DatabaseKey, KeyFile, Secret};
use crate::lock::DatabaseLock;
use crate::private::{self, with_suffix};
use crate::{quick_check, Result, Store, StoreError};

/// The first line of every backup file.
const HEADER: &[u8] = b"MEDIATION DESK BACKUP 1\n";
/// A key file is well under this; a longer second line is not a backup.
const MAX_KEY_LINE: u64 = 64 * 1024;

/// A backup found beside a database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    pub modified_at: SystemTime,
    /// When it was last written, in UTC, for people.
    pub modified: String,
}

/// What a restore did.
#[derive(Debug)]
pub struct Restored {
    /// Where the replaced database was kept, if there was one.
    pub kept: Option<PathBuf>,
    /// The key the restored database opens with.
    pub key: DatabaseKey,
}

fn io(what: &str, path: &Path, err: std::io::Error) -> StoreError {
    StoreError::Other(format!("cannot {what} {}: {err}", path.display()))
}

/// Now, for the names of restore's files: a record of the moment, not the
/// law's "today" (which callers pass in).
fn stamp() -> String {
    chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ").to_string()
}

/// Copy `src` into the new file `dest`, keyed with `key`, with the backup
/// API in one step, so the copy is a single consistent snapshot; retried
/// while busy. The copy is checked and synced.
fn copy_database(src: &Connection, dest: &Path, key: &DatabaseKey) -> Result<()> {
    drop(private::create_file(dest, true)?);
    let mut dst = encryption::open_read_write(dest, key)?;
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

/// The absolute form of `path` (its folder resolved), for comparing.
fn absolute(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = path.canonicalize() {
        return Some(p);
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    Some(dir.canonicalize().ok()?.join(path.file_name()?))
}

/// Whether `path` is the database at `db` or one of the files it lives
/// by: its write-ahead log, shared memory, journal, key file or lock.
fn is_database_file(path: &Path, db: &Path) -> bool {
    let Some(target) = absolute(path) else { return false };
    ["", "-wal", "-shm", "-journal", ".key", ".lock"]
        .iter()
        .any(|suffix| absolute(&with_suffix(db, suffix)).is_some_and(|p| p == target))
}

impl Store {
    /// Write a backup of the whole database (cases, history, settings,
    /// encrypted, with its wrapped key) to `dest`, while other connections
    /// may keep writing. It is written beside `dest` and renamed into
    /// place when complete: a failure (a full disk, a read-only folder)
    /// leaves nothing behind and `dest` as it was.
    pub fn backup(&self, dest: &Path) -> Result<()> {
        if is_database_file(dest, &self.path) {
            return Err(StoreError::bad(
                "PATH",
                format!("{} is one of the database's own files; choose another file for the backup", dest.display()),
            ));
        }
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.is_dir() {
                return Err(StoreError::bad("PATH", format!("the folder {} does not exist", dir.display())));
            }
        }
        if dest.is_dir() {
            return Err(StoreError::bad("PATH", format!("{} is a folder; give a file name for the backup", dest.display())));
        }
        let key_file = KeyFile::read(&keys::key_file_path(&self.path))?;
        let partial = with_suffix(dest, &format!(".partial-{}", std::process::id()));
        let snapshot = with_suffix(dest, &format!(".partial-{}.db", std::process::id()));
        let result = (|| {
            copy_database(&self.conn, &snapshot, &self.key)?;
            let mut out = private::create_file(&partial, true)?;
            out.write_all(HEADER)
                .and_then(|()| out.write_all(key_file.to_line().as_bytes()))
                .and_then(|()| out.write_all(b"\n"))
                .and_then(|()| std::fs::File::open(&snapshot).and_then(|mut s| std::io::copy(&mut s, &mut out)).map(|_| ()))
                .and_then(|()| out.sync_all())
                .map_err(|e| io("write", dest, e))?;
            std::fs::rename(&partial, dest).map_err(|e| io("write", dest, e))?;
            private::sync_folder(dest);
            Ok(())
        })();
        let _ = std::fs::remove_file(&snapshot);
        if result.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        result
    }
}

/// What a file offered for restore is.
enum Source {
    /// A backup of this version: its key file, and the offset of the
    /// encrypted database within it.
    Backup { key_file: Box<KeyFile>, offset: u64 },
    /// A plain SQLite file (a backup from before encryption, or not ours).
    Plain,
    /// Neither: perhaps a database file itself, encrypted (a copy kept by
    /// a restore); only the database's own key can tell.
    Raw,
}

fn read_source(backup: &Path) -> Result<Source> {
    let bad = |message: String| StoreError::bad("PATH", message);
    if !backup.is_file() {
        return Err(bad(format!("{} is not a file; nothing was changed", backup.display())));
    }
    if encryption::is_plain(backup) {
        return Ok(Source::Plain);
    }
    let file = std::fs::File::open(backup).map_err(|e| bad(format!("{} cannot be read: {e}", backup.display())))?;
    let mut reader = BufReader::new(file);
    let mut head = vec![0u8; HEADER.len()];
    if reader.read_exact(&mut head).is_err() || head != HEADER {
        return Ok(Source::Raw);
    }
    let mut line = Vec::new();
    reader
        .by_ref()
        .take(MAX_KEY_LINE)
        .read_until(b'\n', &mut line)
        .map_err(|e| bad(format!("{} cannot be read: {e}", backup.display())))?;
    if line.last() != Some(&b'\n') {
        return Err(bad(format!("{} is damaged or cut short (its key is incomplete); nothing was changed", backup.display())));
    }
    let key_file = std::str::from_utf8(&line)
        .map_err(|_| "is not UTF-8".to_string())
        .and_then(|text| KeyFile::parse(text.trim_end()))
        .map_err(|e| bad(format!("{} is damaged: its key {e}; nothing was changed", backup.display())))?;
    Ok(Source::Backup { key_file: Box::new(key_file), offset: (HEADER.len() + line.len()) as u64 })
}

/// Whether the file at `backup` is a backup from before encryption (a plain
/// SQLite file): restoring it needs a database already set up, whose key
/// it will be encrypted under.
pub fn is_plain_backup(backup: &Path) -> bool {
    encryption::is_plain(backup)
}

/// Replace the database whose lock is `lock` with the backup at `backup`.
/// `current` is the database's key when it is set up; `secret` unlocks a
/// backup made from another database (another laptop's). The backup is
/// checked (a Mediation Desk database, a schema this version knows, sound),
/// written under the database's key (or, with no database set up yet, its
/// own, whose key file then becomes the database's) into a fresh file,
/// proven, and renamed over the database in one step. The old database is
/// kept as `<db>.before-restore-<stamp>`. Any refusal leaves everything as
/// it was.
pub fn restore(lock: &DatabaseLock, current: Option<&DatabaseKey>, backup: &Path, secret: Option<&Secret>) -> Result<Restored> {
    let db = lock.database();
    if is_database_file(backup, db) {
        return Err(StoreError::bad("PATH", "is the database itself (or one of its files); choose a backup"));
    }
    let name = backup.display().to_string();
    let ts = stamp();
    let unpacked = with_suffix(db, &format!(".restoring-{ts}.source"));
    let fresh = with_suffix(db, &format!(".restoring-{ts}"));
    let result = (|| {
        let (source, source_path, source_key, new_key_file) = match read_source(backup)? {
            Source::Plain => {
                if current.is_none() {
                    return Err(StoreError::bad(
                        "database",
                        format!("{name} is a backup from before encryption: set up this database first (choose its passphrase), then restore it"),
                    ));
                }
                (encryption::open_plain_read_only(backup)?, backup.to_path_buf(), None, None)
            }
            Source::Raw => {
                let refused = || {
                    StoreError::bad(
                        "PATH",
                        format!(
                            "{name} is not a Mediation Desk backup, nor a database this one's key opens; nothing was changed"
                        ),
                    )
                };
                let key = current.ok_or_else(refused)?;
                let conn = encryption::open_read_only(backup, key).map_err(|_| refused())?;
                conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).map_err(|_| refused())?;
                (conn, backup.to_path_buf(), Some(key.clone()), None)
            }
            Source::Backup { key_file, offset } => {
                let key = match (current, secret) {
                    (Some(key), _) if key_file.is_key(key) => key.clone(),
                    (_, Some(secret)) => key_file.unlock(secret)?,
                    _ => {
                        return Err(StoreError::bad(
                            "passphrase",
                            format!("{name} was made from another database: give that database's passphrase or recovery code; nothing was changed"),
                        ))
                    }
                };
                let mut input = std::fs::File::open(backup).map_err(|e| io("read", backup, e))?;
                std::io::Seek::seek(&mut input, std::io::SeekFrom::Start(offset)).map_err(|e| io("read", backup, e))?;
                let mut out = private::create_file(&unpacked, true)?;
                std::io::copy(&mut input, &mut out).map_err(|e| io("read", backup, e))?;
                drop(out);
                let conn = encryption::open_read_only(&unpacked, &key)?;
                let new_key_file = if current.is_none() { Some(*key_file) } else { None };
                (conn, unpacked.clone(), Some(key), new_key_file)
            }
        };
        let checked = encryption::check_source(&source, &name).map_err(|e| match e {
            StoreError::Database(err) => {
                StoreError::bad("PATH", format!("{name} is damaged or cut short ({err}); nothing was changed"))
            }
            other => other,
        })?;
        drop(source);
        let Some(target_key) = current.cloned().or_else(|| source_key.clone()) else {
            return Err(StoreError::Other("no key to restore under".into()));
        };
        encryption::export(&source_path, source_key.as_ref(), &checked, &fresh, &target_key)?;
        let _ = std::fs::remove_file(&unpacked);
        if let Some(key_file) = new_key_file {
            key_file.write(&keys::key_file_path(db))?;
        }
        let kept = swap_in(db, &fresh, current, &ts)?;
        Ok(Restored { kept, key: target_key })
    })();
    let _ = std::fs::remove_file(&unpacked);
    if result.is_err() {
        let _ = std::fs::remove_file(&fresh);
    }
    result
}

/// Rename the proven `fresh` file over `db`, keeping the old database (its
/// log folded in first) as `<db>.before-restore-<ts>`.
fn swap_in(db: &Path, fresh: &Path, current: Option<&DatabaseKey>, ts: &str) -> Result<Option<PathBuf>> {
    let mut kept = None;
    if db.exists() {
        // Fold the old database's write-ahead log into it, so the kept file
        // is complete on its own and no stale log meets the restored file.
        let folded = match current {
            Some(key) if !encryption::is_plain(db) => encryption::open_read_write(db, key).ok(),
            _ => Connection::open(db).ok(),
        };
        if let Some(conn) = folded {
            let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get::<_, i64>(0));
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
    std::fs::rename(fresh, db).map_err(|e| io("move the restored file to", db, e))?;
    private::sync_folder(db);
    Ok(kept)
}

/// Restore for a running app: close `open` (the store on `db`, if open)
/// keeping its lock, [`restore`] the backup over `db`, and open `db`
/// again: the restored database, or the untouched old one when the restore
/// was refused. `key` is the database's key; when it is `None` and `open`
/// is given, the open store's own key is used (so the app need not hold
/// the key itself). Returns the restore's outcome and the store opened
/// after (its clocks recomputed on `today` if another version of the
/// rules computed them).
pub fn restore_open(
    open: Option<Store>,
    db: &Path,
    key: Option<&DatabaseKey>,
    backup: &Path,
    secret: Option<&Secret>,
    today: chrono::NaiveDate,
) -> (Result<Restored>, Result<Store>) {
    let open_key = open.as_ref().map(|store| store.key.clone());
    let key = key.or(open_key.as_ref());
    let lock = match open {
        Some(store) => store.into_lock(),
        None => match DatabaseLock::acquire(db) {
            Ok(lock) => lock,
            Err(e) => {
                let again = DatabaseLock::acquire(db).and_then(|_| Err(StoreError::Other("the database is not unlocked".into())));
                return (Err(e), again);
            }
        },
    };
    let outcome = restore(&lock, key, backup, secret);
    let reopen_key = match (&outcome, key) {
        (Ok(restored), _) => Some(restored.key.clone()),
        (Err(_), Some(key)) => Some(key.clone()),
        (Err(_), None) => None,
    };
    let reopened = match reopen_key {
        Some(key) => Store::open_locked(lock, &key, today),
        None => Err(StoreError::Other("the database is not unlocked".into())),
    };
    (outcome, reopened)
}

/// Remove what an interrupted backup, restore or encryption left beside
/// `db` (partial files, unpacked backups, an unfinished encrypted copy),
/// and encrypt under `key` the copies a restore kept from before
/// encryption. The caller holds the database's lock.
pub(crate) fn tidy_leftovers(db: &Path, key: &DatabaseKey) {
    let dir = match db.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let own = db.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let Ok(entries) = std::fs::read_dir(&dir) else { return };
    for entry in entries.flatten().take(10_000) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(&own) else { continue };
        let path = entry.path();
        if rest.starts_with(".partial-")
            || rest.starts_with(".key.partial-")
            || rest.starts_with(".restoring-")
            || rest == ".encrypting"
        {
            let _ = std::fs::remove_file(&path);
        } else if rest.starts_with(".before-restore-")
            && !rest.ends_with("-wal")
            && !rest.ends_with("-shm")
            && encryption::is_plain(&path)
        {
            // A copy kept by a restore before this version: plain. Encrypt
            // it where it lies (only a sound Mediation Desk file is).
            let _ = encryption::encrypt_in_place(&path, key);
        }
    }
}

/// Backups and databases beside `db` (and in a `backups` folder beside
/// it), newest first: candidates to restore when `db` is damaged.
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
            let mut magic = [0u8; 24];
            let read = std::fs::File::open(&path).and_then(|mut f| f.read_exact(&mut magic)).is_ok();
            let kept_by_restore = text.contains(".before-restore-");
            if !read || !(kept_by_restore || magic.starts_with(HEADER) || &magic[..16] == b"SQLite format 3\0") {
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
