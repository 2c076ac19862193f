//! The daily backup as the screens show it: make today's (on unlocking),
//! and say when the last one was made, and whether that is too long ago
//! (over a week, or never, with cases to lose), for Settings and Today.

use std::time::{Duration, SystemTime};

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::store::Store;
use crate::Result;

/// How old the last backup may be before Today says so.
pub const STALE_AFTER: Duration = Duration::from_secs(7 * 24 * 60 * 60);

/// When the last backup was made, as the screens show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupStatus {
    /// When the newest backup in the backups folder was written, for
    /// people ("Tue 1 Dec 2026 09:14 UTC"); `None` if there is none.
    pub last_backup: Option<String>,
    /// Over a week ago, or never while there are cases: Today says so.
    pub stale: bool,
    /// The folder the daily backups go in.
    pub folder: String,
    /// How many daily backups are kept (0: none are made).
    pub keep: u32,
}

/// Make today's backup if none is made yet (see `store::automatic_backup`).
pub fn daily(store: &Store, today: NaiveDate) -> Result<Option<std::path::PathBuf>> {
    Ok(store.automatic_backup(today)?)
}

/// When the last backup was made, and whether that is too long ago.
pub fn status(store: &Store) -> Result<BackupStatus> {
    let last = store.last_backup();
    let stale = match last {
        Some(at) => SystemTime::now().duration_since(at).map(|age| age > STALE_AFTER).unwrap_or(false),
        None => store.count_cases(false)? > 0,
    };
    Ok(BackupStatus {
        last_backup: last.map(|at| chrono::DateTime::<chrono::Utc>::from(at).format("%a %-d %b %Y %H:%M UTC").to_string()),
        stale,
        folder: crate::store::automatic_backup::folder(store.path()).display().to_string(),
        keep: store.automatic_backups()?.keep,
    })
}
