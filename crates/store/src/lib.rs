//! The case store: one SQLCipher-encrypted SQLite file holding cases,
//! people, notes, history and settings, owned by one process at a time.
//! `Store::open` takes the database's lock, encrypts a plain database from
//! before encryption, checks, migrates and configures it.

pub mod automatic_backup;
mod backup;
mod bulk;
pub(crate) mod cases;
mod certificates;
mod disagreements;
pub mod encryption;
pub mod full_json;
pub(crate) mod history;
pub mod keys;
pub mod lock;
pub mod migrations;
mod people;
pub mod private;
mod retention;
pub(crate) mod search;
mod settings;
mod today;
mod validate;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::Connection;

use law::calendar::Calendar;
use law::rules::choices::CountingChoices;
use law::LawError;

pub use automatic_backup::AutomaticBackups;
pub use backup::{find_backups, is_plain_backup, restore, restore_open, BackupFile, Restored};
pub use keys::{DatabaseKey, RecoveryCode, Secret};
pub use lock::DatabaseLock;

/// The key of the database at `db` from the operating system's keychain,
/// if it holds it.
pub fn keychain_key(db: &Path) -> Option<DatabaseKey> {
    keys::keychain::load(db)
}
pub use bulk::{CaseFilter, ReportCase, ReportCases, StoredCase, StoredCases};
pub use cases::{
    Appellant, AppellantRole, CallerRole, CaseInput, CaseListQuery, CaseRecord, CaseSummary, Closing, ListFilter, NoteRecord,
    OrganisationInput, PersonInput, PersonRecord,
};
pub use certificates::{
    format_number, kind_from_name, kind_name, CertificateDrafter, CertificateFilter, CertificateRecord, DraftedCertificate,
    IssueOptions, IssueRequest, IssuedRecord, LateWarning, LetterDrafter, LetterRequest, PREVIEW_NUMBER,
};
pub use disagreements::TargetItem;
pub use history::{HistoryAction, HistoryEntry, SETTINGS as SETTINGS_HISTORY};
pub use people::{StaffMember, StaffRole};
pub use retention::{CaseAccess, Disposal, DisposalDue, DisposalKind, PersonInCase, ERASED};
pub use search::fts_query;
pub use settings::ServiceSettings;
pub use today::{reminder, TodayItem};
pub use validate::{
    case as check_case, reference as check_reference, MAX_LEGACY_REFERENCE_CHARS, MAX_NAME_CHARS, MAX_NOTE_CHARS,
    MAX_REFERENCE_NUMBER, MAX_TEXT_CHARS, REFERENCE_YEARS,
};

/// The file name of the database inside the data directory.
pub const FILE_NAME: &str = "mediation-desk.sqlite3";

/// What went wrong: bad input a person can fix (exit 2), or anything else (exit 1).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The input was refused; `field` names what to fix. Nothing was saved.
    #[error("{field}: {message}")]
    BadInput { field: String, message: String },
    /// No case has this reference.
    #[error("reference: no case has the reference {reference}")]
    NotFound { reference: String },
    /// The database was made by a newer version of the app; it was not touched.
    #[error(
        "this database was made by a newer version of Mediation Desk (schema {found}; this version knows up to {known}); install the newer version to open it. The file was not changed"
    )]
    TooNew { found: i64, known: i64 },
    /// Another program has the database open (the app, or a command).
    #[error(
        "the database {} is in use by {holder}; close it there (or make the change there) and try again. Nothing was changed",
        path.display()
    )]
    InUse { path: PathBuf, holder: String },
    /// The file is damaged; the message lists the newest backups beside it.
    #[error("{message}")]
    Damaged { message: String },
    /// SQLite failed (other than a damaged file, which is `Damaged`).
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    /// A JSON column the store wrote could not be read back.
    #[error("stored JSON could not be read: {0}")]
    StoredJson(#[from] serde_json::Error),
    /// Anything else (I/O, a file or folder, the journal mode).
    #[error("{0}")]
    Other(String),
}

impl StoreError {
    pub fn bad(field: impl Into<String>, message: impl Into<String>) -> StoreError {
        StoreError::BadInput { field: field.into(), message: message.into() }
    }

    /// Whether the caller gave bad input (the CLI exits 2) rather than
    /// something else failing (exit 1).
    pub fn is_bad_input(&self) -> bool {
        matches!(self, StoreError::BadInput { .. } | StoreError::NotFound { .. })
    }
}

/// A law error naming a field is bad input under that field (a JSON path;
/// "case" for a JSON document as a whole). The law's other refusals (a
/// date, a count) reach the store only from its own computations, where
/// they are failures, not input; a holidays file is checked by the caller,
/// which names its field.
impl From<LawError> for StoreError {
    fn from(err: LawError) -> StoreError {
        match err {
            LawError::Field { field, message } => StoreError::BadInput { field, message },
            LawError::Json(p) => StoreError::bad(if p.path.is_empty() { "case".to_string() } else { p.path }, p.message),
            other => StoreError::Other(other.to_string()),
        }
    }
}

/// Two errors are equal when they are the same kind with the same details;
/// SQLite's and serde_json's errors compare by what they say.
impl PartialEq for StoreError {
    fn eq(&self, other: &StoreError) -> bool {
        use StoreError::*;
        match (self, other) {
            (BadInput { field: a, message: m }, BadInput { field: b, message: n }) => a == b && m == n,
            (NotFound { reference: a }, NotFound { reference: b }) => a == b,
            (TooNew { found: a, known: k }, TooNew { found: b, known: l }) => a == b && k == l,
            (Damaged { message: a }, Damaged { message: b }) | (Other(a), Other(b)) => a == b,
            (InUse { path: a, holder: h }, InUse { path: b, holder: i }) => a == b && h == i,
            (Database(a), Database(b)) => a == b,
            (StoredJson(a), StoredJson(b)) => a.to_string() == b.to_string(),
            _ => false,
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The open database. Dropping it closes the connection, forgets the key
/// (wiped from memory) and releases the lock.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    key: DatabaseKey,
    lock: DatabaseLock,
}

/// Who is making changes, for the history: `$MEDIATION_DESK_USER`, else
/// the operating system's user, if any is set.
pub fn current_user() -> Option<String> {
    ["MEDIATION_DESK_USER", "USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
}

/// `$MEDIATION_DESK_DATA_DIR` when set: the data directory chosen for this
/// run (tests give each run its own), overriding any default.
pub fn data_dir_override() -> Option<PathBuf> {
    std::env::var_os("MEDIATION_DESK_DATA_DIR").filter(|v| !v.is_empty()).map(PathBuf::from)
}

/// The app's identifier: the name of its data folder on every platform.
pub const APP_IDENTIFIER: &str = "uk.mediationdesk.app";

/// The data folder the app and the command line share:
/// `$MEDIATION_DESK_DATA_DIR` when set, else the platform's place for an
/// app's data named by `APP_IDENTIFIER`, as the desktop shell names it:
/// `$XDG_DATA_HOME` (or `~/.local/share`) on Linux, `~/Library/Application
/// Support` on macOS, `%APPDATA%` on Windows.
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = data_dir_override() {
        return dir;
    }
    platform_data_home().join(APP_IDENTIFIER)
}

fn platform_data_home() -> PathBuf {
    let non_empty = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    let home = || non_empty("HOME").or_else(|| non_empty("USERPROFILE")).unwrap_or_else(|| PathBuf::from("."));
    if cfg!(windows) {
        return non_empty("APPDATA").unwrap_or_else(|| home().join("AppData").join("Roaming"));
    }
    if cfg!(target_os = "macos") {
        return home().join("Library").join("Application Support");
    }
    non_empty("XDG_DATA_HOME").unwrap_or_else(|| home().join(".local").join("share"))
}

/// Where the command line kept its database before it shared the app's
/// folder (`<data home>/mediation-desk`), if a database is there: named
/// when the shared folder has none, so nobody starts an empty database
/// thinking it is theirs.
pub fn legacy_database() -> Option<PathBuf> {
    if data_dir_override().is_some() {
        return None;
    }
    let old = platform_data_home().join("mediation-desk").join(FILE_NAME);
    old.is_file().then_some(old)
}

/// The default database path: `FILE_NAME` in `default_data_dir()`.
pub fn default_path() -> PathBuf {
    default_data_dir().join(FILE_NAME)
}

/// Whether SQLite's error means the file itself is damaged (rather than,
/// say, busy or unreadable for permissions).
fn is_damage(err: &rusqlite::Error) -> bool {
    matches!(err.sqlite_error_code(), Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt))
}

fn classify(path: &Path, err: rusqlite::Error) -> StoreError {
    if is_damage(&err) {
        damaged(path, &format!("{err}: the file is damaged, or its key file belongs to another database"))
    } else {
        StoreError::Other(format!("cannot read the database {}: {err}", path.display()))
    }
}

/// Before anything is written: refuse a newer database, and report a
/// damaged one (`PRAGMA quick_check`).
fn inspect(conn: &Connection, path: &Path) -> Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| classify(path, e))?;
    if version > migrations::LATEST {
        return Err(StoreError::TooNew { found: version, known: migrations::LATEST });
    }
    let application_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(|e| classify(path, e))?;
    if application_id != 0 && application_id != encryption::APPLICATION_ID {
        return Err(StoreError::Other(format!(
            "{} is not a Mediation Desk database (it belongs to another program); it was not changed",
            path.display()
        )));
    }
    let problems = quick_check(conn).map_err(|e| classify(path, e))?;
    if !problems.is_empty() {
        return Err(damaged(path, &problems.join("; ")));
    }
    Ok(())
}

/// `PRAGMA quick_check`: empty when the file is sound.
pub(crate) fn quick_check(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA quick_check")?;
    let rows: Vec<String> = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows.into_iter().filter(|r| r != "ok").collect())
}

/// The plain message for a damaged file, with the newest backups beside it.
fn damaged(path: &Path, detail: &str) -> StoreError {
    let mut message = format!(
        "the database {} is damaged and cannot be used safely ({}).",
        path.display(),
        law::calendar::dates::shorten_line(detail)
    );
    let backups = find_backups(path);
    if backups.is_empty() {
        message.push_str(" No backups were found beside it.");
    } else {
        message.push_str(" Newest backups beside it: ");
        let list: Vec<String> = backups.iter().take(3).map(|b| format!("{} ({})", b.path.display(), b.modified)).collect();
        message.push_str(&list.join(", "));
        message.push_str(". Restore one with: mediation-desk restore PATH");
    }
    StoreError::Damaged { message }
}

impl Store {
    /// Open (creating if needed) the database at `path` with its `key`:
    /// take its lock (refused, naming the holder, while another program
    /// has it), then as [`Store::open_locked`].
    pub fn open(path: impl AsRef<Path>, key: &DatabaseKey, today: NaiveDate) -> Result<Store> {
        let lock = DatabaseLock::acquire(path.as_ref())?;
        Store::open_locked(lock, key, today)
    }

    /// Open the database whose lock is held: tidy what an interrupted
    /// backup or restore left, make its files private, encrypt it if it is
    /// a plain database from before encryption, check it, refuse a newer
    /// one untouched, migrate an older one, and set the pragmas. If its
    /// materialised clocks were computed by another version of the rules
    /// (`rules::RULES_VERSION`), they are recomputed on `today`.
    pub fn open_locked(lock: DatabaseLock, key: &DatabaseKey, today: NaiveDate) -> Result<Store> {
        let path = lock.database().to_path_buf();
        backup::tidy_leftovers(&path, key);
        private::tighten(&path);
        if path.exists() && encryption::is_plain(&path) {
            // A database from before encryption: refuse a newer or damaged
            // one untouched, then encrypt it where it lies.
            let plain = encryption::open_plain_read_only(&path).map_err(|e| classify(&path, e))?;
            inspect(&plain, &path)?;
            drop(plain);
            encryption::encrypt_in_place(&path, key)?;
        }
        let mut check_before_writing = false;
        if path.exists() {
            // Look first through a read-only connection, which cannot change
            // the file whatever it holds.
            let checked =
                encryption::open_read_only(&path, key).map_err(|e| classify(&path, e)).and_then(|ro| inspect(&ro, &path));
            match checked {
                Ok(()) => {}
                // Not readable read-only (a write-ahead log only a writer
                // may recover, say): check on the read-write connection,
                // still before anything is written.
                Err(StoreError::Other(_) | StoreError::Database(_)) => check_before_writing = true,
                Err(e) => return Err(e),
            }
        } else {
            // Created private before SQLite writes a byte; its journal
            // files take the same permissions.
            drop(private::create_file(&path, false)?);
        }
        let conn = encryption::open_read_write(&path, key).map_err(|e| classify(&path, e))?;
        if check_before_writing {
            inspect(&conn, &path)?;
        }
        configure(&conn)?;
        let mut store = Store { conn, path, key: key.clone(), lock };
        migrations::migrate(&mut store.conn)?;
        let application_id: i32 = store.conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        if application_id != encryption::APPLICATION_ID {
            store.conn.pragma_update(None, "application_id", encryption::APPLICATION_ID)?;
        }
        store.refresh_clocks_if_rules_changed(today)?;
        Ok(store)
    }

    /// Choose a new passphrase for this database (its key file rewritten
    /// in one step; the key, and so the database, unchanged).
    pub fn change_passphrase(&self, passphrase: &str) -> Result<()> {
        keys::change_passphrase(&self.path, &self.key, passphrase)
    }

    /// Close the database, keeping its lock (a restore swaps the file
    /// under it, then opens it again).
    pub fn into_lock(self) -> DatabaseLock {
        let Store { conn, lock, .. } = self;
        drop(conn);
        lock
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection: this crate's alone. No SQL is written anywhere else.
    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The built-in calendar with the imported bank holidays applied.
    pub fn calendar(&self) -> Result<Calendar> {
        settings::calendar_in(&self.conn)
    }

    /// The counting choices in settings (the defaults if none are saved).
    pub fn choices(&self) -> Result<CountingChoices> {
        settings::choices_in(&self.conn)
    }

    /// `PRAGMA integrity_check` (the thorough one): empty when sound.
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows: Vec<String> = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows.into_iter().filter(|r| r != "ok").collect())
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    // A save uses about 25 distinct statements; keep them all prepared.
    conn.set_prepared_statement_cache_capacity(64);
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Other(format!("the database could not use write-ahead logging (journal mode {mode})")));
    }
    // SQLCipher decrypts (and checks) each page as SQLite reads it from the
    // file; pages in SQLite's own cache stay decrypted. The default cache
    // (2 MB) makes a list of thousands of open cases decrypt the same pages
    // again and again; 64 MB keeps a large caseload's working set.
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cache_size = -65536;")?;
    Ok(())
}

/// Now, as an RFC 3339 UTC timestamp with milliseconds: when a row was
/// written (history, voiding, references given), a record of the moment.
/// It is not the law's "today", which the store never reads from the
/// clock: every caller passes `today` in (`calendar::dates::today()`).
pub(crate) fn now_stamp() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}
