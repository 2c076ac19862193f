//! SQLCipher connections and the copy of one database into a new encrypted
//! file. Every connection to a database is keyed before anything else is
//! read; `sqlcipher_export` writes a whole database (a plain one from
//! before encryption, or a backup under another key) into a fresh file
//! under the database's key, which is checked before it is used: its
//! schema version and application id set, its full-text index rebuilt,
//! its rows counted against the source's.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::keys::DatabaseKey;
use crate::private;
use crate::{migrations, quick_check, Result, StoreError};

/// `PRAGMA application_id` of a Mediation Desk database: "MDsk".
pub const APPLICATION_ID: i32 = 0x4D44_736B;

/// The first 16 bytes of every plain SQLite file. An encrypted file begins
/// with random salt instead.
const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Whether the file at `path` is a plain (unencrypted) SQLite database.
pub fn is_plain(path: &Path) -> bool {
    let mut head = [0u8; 16];
    std::fs::File::open(path).and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head)).is_ok() && &head == PLAIN_HEADER
}

/// Give `conn` its key. Must come before anything else reads the file.
pub fn key(conn: &Connection, key: &DatabaseKey) -> rusqlite::Result<()> {
    let value = key.sqlcipher_value();
    conn.pragma_update(None, "key", value.as_str())
}

/// Open the database at `path` under `database_key` with `flags`.
/// SQLCipher's own log (on standard error by default, a line for every
/// page that fails its check) is turned off: a damaged file or a wrong
/// key is reported once, by the error returned.
pub fn open(path: &Path, database_key: &DatabaseKey, flags: OpenFlags) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(path, flags)?;
    conn.pragma_update(None, "cipher_log_level", "NONE")?;
    key(&conn, database_key)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    Ok(conn)
}

/// Open read-write (creating) under the key.
pub fn open_read_write(path: &Path, database_key: &DatabaseKey) -> rusqlite::Result<Connection> {
    open(path, database_key, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
}

/// Open read-only under the key.
pub fn open_read_only(path: &Path, database_key: &DatabaseKey) -> rusqlite::Result<Connection> {
    open(path, database_key, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
}

/// Open a plain (unencrypted) file read-only.
pub fn open_plain_read_only(path: &Path) -> rusqlite::Result<Connection> {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
}

/// Rows in each of the tables a person's data is in (not the search index,
/// which is rebuilt), to prove a copy whole.
fn row_counts(conn: &Connection, schema: &str) -> Result<Vec<(String, i64)>> {
    let tables: Vec<String> = conn
        .prepare(&format!(
            "SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'case_search%' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tables
        .into_iter()
        .map(|t| {
            let n: i64 =
                conn.query_row(&format!("SELECT count(*) FROM {schema}.\"{}\"", t.replace('"', "\"\"")), [], |r| r.get(0))?;
            Ok((t, n))
        })
        .collect()
}

/// What a source database is, once checked: its schema version and rows.
pub struct Checked {
    pub user_version: i64,
    counts: Vec<(String, i64)>,
}

/// Check that `conn` holds a Mediation Desk database this version can
/// take: a schema from 1 to the newest, our application id (or none, from
/// before it was set, when the schema is recognisably ours), and sound.
/// `name` is how the file is named in a refusal.
pub fn check_source(conn: &Connection, name: &str) -> Result<Checked> {
    let bad = |message: String| StoreError::bad("PATH", message);
    let user_version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| {
        bad(format!(
            "{name} cannot be read: it is damaged, cut short, or not a Mediation Desk database ({e}); nothing was changed"
        ))
    })?;
    let application_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let has_cases: bool =
        conn.query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'cases'", [], |r| r.get::<_, i64>(0))?
            > 0;
    if application_id != APPLICATION_ID && (application_id != 0 || user_version < 1 || !has_cases) {
        return Err(bad(format!("{name} is not a Mediation Desk database; nothing was changed")));
    }
    if user_version > migrations::LATEST {
        return Err(bad(format!(
            "{name} was made by a newer version of Mediation Desk (schema {user_version}; this version knows up to {}); nothing was changed",
            migrations::LATEST
        )));
    }
    let problems: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut stmt| stmt.query_map([], |r| r.get::<_, String>(0))?.collect())
        .map_err(|e| bad(format!("{name} is damaged ({e}); nothing was changed")))?;
    if problems.iter().any(|p| p != "ok") {
        return Err(bad(format!("{name} is damaged ({}); nothing was changed", problems.join("; "))));
    }
    Ok(Checked { user_version, counts: row_counts(conn, "main")? })
}

/// Write the whole database at `source` (checked; under `source_key`, or
/// plain when `None`) into a new file at `target` under `database_key`,
/// then prove the copy: the same rows, a sound file, our application id
/// and the source's schema version, the search index rebuilt. The source
/// is only read. The file is synced before returning; on failure it is
/// removed.
pub fn export(
    source: &Path,
    source_key: Option<&DatabaseKey>,
    checked: &Checked,
    target: &Path,
    database_key: &DatabaseKey,
) -> Result<()> {
    let _ = std::fs::remove_file(target);
    drop(private::create_file(target, true)?);
    let result = (|| {
        let copy = open_read_write(target, database_key)?;
        let source_value = source_key.map(DatabaseKey::sqlcipher_value);
        copy.execute(
            "ATTACH DATABASE ?1 AS source KEY ?2",
            rusqlite::params![source.to_string_lossy(), source_value.as_ref().map(|v| v.as_str()).unwrap_or("")],
        )?;
        let exported = copy.query_row("SELECT sqlcipher_export('main', 'source')", [], |_| Ok(()));
        let counts = exported.and_then(|()| {
            row_counts(&copy, "main").map_err(|e| match e {
                StoreError::Database(err) => err,
                other => rusqlite::Error::InvalidParameterName(other.to_string()),
            })
        });
        copy.execute_batch("DETACH DATABASE source")?;
        let counts = counts?;
        copy.execute_batch(&format!(
            "PRAGMA main.user_version = {}; PRAGMA main.application_id = {APPLICATION_ID};",
            checked.user_version
        ))?;
        let _: String = copy.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        // The export wrote the virtual tables' schema rows directly: read
        // the schema afresh before using them.
        copy.close().map_err(|(_, e)| StoreError::from(e))?;
        let copy = open_read_write(target, database_key)?;
        if checked.user_version >= 2 {
            copy.execute("INSERT INTO case_search(case_search) VALUES ('rebuild')", [])?;
        }
        let problems = quick_check(&copy)?;
        if !problems.is_empty() {
            return Err(StoreError::Other(format!("the encrypted copy failed its check: {}", problems.join("; "))));
        }
        if counts != checked.counts {
            return Err(StoreError::Other("the encrypted copy does not hold the same rows as the original".into()));
        }
        let id: i32 = copy.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i64 = copy.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if id != APPLICATION_ID || version != checked.user_version {
            return Err(StoreError::Other("the encrypted copy lost its schema version or application id".into()));
        }
        copy.close().map_err(|(_, e)| StoreError::from(e))?;
        std::fs::File::open(target)
            .and_then(|f| f.sync_all())
            .map_err(|e| StoreError::Other(format!("cannot write {}: {e}", target.display())))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(target);
    }
    result
}

/// Encrypt the plain database at `db` where it lies, under `database_key`
/// (its key file must already be written). The plain file's log is folded
/// in first; the encrypted copy is written beside it as `<db>.encrypting`,
/// proven, synced, and only then renamed over the plain file in one step.
/// A kill at any moment leaves either the plain database whole or the
/// encrypted one whole. The caller holds the database's lock.
pub fn encrypt_in_place(db: &Path, database_key: &DatabaseKey) -> Result<()> {
    let name = db.display().to_string();
    let target = private::with_suffix(db, ".encrypting");
    {
        let plain = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        plain.busy_timeout(Duration::from_secs(5))?;
        // Fold the write-ahead log into the file and stop using one, so no
        // plain log is left to meet the encrypted file.
        let _: (i64, i64, i64) =
            plain.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let mode: String = plain.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("delete") {
            return Err(StoreError::Other(format!("{name} is in use by another program; close it and try again")));
        }
        let checked = check_source(&plain, &name).map_err(|e| match e {
            StoreError::BadInput { message, .. } => StoreError::Other(message),
            other => other,
        })?;
        drop(plain);
        export(db, None, &checked, &target, database_key)?;
    }
    for side in ["-wal", "-shm", "-journal"] {
        let side = private::with_suffix(db, side);
        if side.exists() {
            std::fs::remove_file(&side).map_err(|e| StoreError::Other(format!("cannot remove {}: {e}", side.display())))?;
        }
    }
    std::fs::rename(&target, db).map_err(|e| StoreError::Other(format!("cannot replace {name} with its encrypted copy: {e}")))?;
    private::sync_folder(db);
    Ok(())
}
