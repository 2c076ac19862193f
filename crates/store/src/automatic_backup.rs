//! The daily automatic backup: once a day, on the first open of the day,
//! an encrypted backup (like any other: `Store::backup`) is written to the
//! `backups` folder beside the database as
//! `mediation-desk-YYYY-MM-DD.mdbackup`, and all but the newest N (a
//! setting, 14 unless changed) are removed. When the last backup was made
//! is read from the files themselves, so it is never claimed falsely.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{history, settings, Result, Store, StoreError};

const SETTING: &str = "automatic_backups";
const PREFIX: &str = "mediation-desk-";
const SUFFIX: &str = ".mdbackup";

/// How many daily backups are kept (the most is a year's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct AutomaticBackups {
    /// The newest this many daily backups are kept; 0 turns them off.
    pub keep: u32,
}

impl Default for AutomaticBackups {
    fn default() -> AutomaticBackups {
        AutomaticBackups { keep: 14 }
    }
}

/// The most daily backups that can be kept.
pub const MAX_KEPT: u32 = 366;

/// The folder the daily backups of the database at `db` go in.
pub fn folder(db: &Path) -> PathBuf {
    db.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("backups")
}

/// The daily backups in `dir`, oldest first (their names sort by date).
fn daily_backups(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| {
                    let name = p.file_name().unwrap_or_default().to_string_lossy();
                    name.starts_with(PREFIX) && name.ends_with(SUFFIX) && p.is_file()
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

impl Store {
    /// The automatic backups setting.
    pub fn automatic_backups(&self) -> Result<AutomaticBackups> {
        Ok(settings::get_in(self.connection(), SETTING)?.unwrap_or_default())
    }

    /// Change how many daily backups are kept (recorded in the history).
    pub fn set_automatic_backups(&mut self, value: &AutomaticBackups, who: &str) -> Result<()> {
        if value.keep > MAX_KEPT {
            return Err(StoreError::bad("keep", format!("is {}; the most daily backups kept is {MAX_KEPT}", value.keep)));
        }
        let before = self.automatic_backups()?;
        let tx = self.conn.transaction()?;
        settings::put_in(&tx, SETTING, value)?;
        let changes = history::diff(&serde_json::json!({ SETTING: before }), &serde_json::json!({ SETTING: value }));
        history::append(&tx, history::SETTINGS, who, history::HistoryAction::SettingsSaved, &changes)?;
        tx.commit()?;
        Ok(())
    }

    /// Make today's backup if there is none yet, then keep only the newest
    /// N. Returns the backup made, if one was.
    pub fn automatic_backup(&self, today: NaiveDate) -> Result<Option<PathBuf>> {
        let keep = self.automatic_backups()?.keep as usize;
        if keep == 0 {
            return Ok(None);
        }
        let dir = folder(&self.path);
        crate::private::create_folder(&dir.join("x"))?;
        let dest = dir.join(format!("{PREFIX}{}{SUFFIX}", today.format("%Y-%m-%d")));
        let made = if dest.exists() {
            None
        } else {
            self.backup(&dest)?;
            Some(dest)
        };
        let all = daily_backups(&dir);
        for old in all.iter().take(all.len().saturating_sub(keep)) {
            let _ = std::fs::remove_file(old);
        }
        Ok(made)
    }

    /// When the newest backup in the backups folder was written, if any.
    pub fn last_backup(&self) -> Option<SystemTime> {
        daily_backups(&folder(&self.path)).iter().filter_map(|p| p.metadata().and_then(|m| m.modified()).ok()).max()
    }
}
