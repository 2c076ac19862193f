//! The case store: one SQLite file holding cases, people, notes, history and
//! settings. `Store::open` checks, migrates and configures the database.

mod backup;
mod bulk;
pub(crate) mod cases;
mod certificates;
mod disagreements;
pub mod full_json;
pub(crate) mod history;
pub mod migrations;
mod people;
pub(crate) mod search;
mod settings;
mod today;
mod validate;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags};

use law::calendar::Calendar;
use law::rules::choices::CountingChoices;
use law::LawError;

pub use backup::{find_backups, restore, restore_open, BackupFile};
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
            (Database(a), Database(b)) => a == b,
            (StoredJson(a), StoredJson(b)) => a.to_string() == b.to_string(),
            _ => false,
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The open database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
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

/// The data directory: `$MEDIATION_DESK_DATA_DIR`, else
/// `$XDG_DATA_HOME/mediation-desk`, else `~/.local/share/mediation-desk`.
pub fn default_data_dir() -> PathBuf {
    let non_empty = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = data_dir_override() {
        return dir;
    }
    if let Some(dir) = non_empty("XDG_DATA_HOME") {
        return PathBuf::from(dir).join("mediation-desk");
    }
    let home = non_empty("HOME").or_else(|| non_empty("USERPROFILE")).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
    home.join(".local").join("share").join("mediation-desk")
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
        damaged(path, &err.to_string())
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
    /// Open (creating if needed) the database at `path`: check it, refuse
    /// a newer one untouched, migrate an older one, and set the pragmas.
    /// If its materialised clocks were computed by another version of the
    /// rules (`rules::RULES_VERSION`), they are recomputed on `today`.
    pub fn open(path: impl AsRef<Path>, today: NaiveDate) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        let mut check_before_writing = false;
        if path.exists() {
            // Look first through a read-only connection, which cannot change
            // the file whatever it holds.
            let checked = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(|e| classify(&path, e))
                .and_then(|ro| {
                    ro.busy_timeout(Duration::from_secs(5))?;
                    inspect(&ro, &path)
                });
            match checked {
                Ok(()) => {}
                // Not readable read-only (a write-ahead log only a writer
                // may recover, say): check on the read-write connection,
                // still before anything is written.
                Err(StoreError::Other(_) | StoreError::Database(_)) => check_before_writing = true,
                Err(e) => return Err(e),
            }
        } else if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError::Other(format!("cannot create the folder {}: {e}", dir.display())))?;
        }
        let conn = Connection::open(&path).map_err(|e| classify(&path, e))?;
        conn.busy_timeout(Duration::from_secs(5))?;
        if check_before_writing {
            inspect(&conn, &path)?;
        }
        configure(&conn)?;
        let mut store = Store { conn, path };
        migrations::migrate(&mut store.conn)?;
        store.refresh_clocks_if_rules_changed(today)?;
        Ok(store)
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
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;")?;
    Ok(())
}

/// Now, as an RFC 3339 UTC timestamp with milliseconds: when a row was
/// written (history, voiding, references given), a record of the moment.
/// It is not the law's "today", which the store never reads from the
/// clock: every caller passes `today` in (`calendar::dates::today()`).
pub(crate) fn now_stamp() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}
