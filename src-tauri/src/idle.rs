//! Locking after an idle time: the screens report activity (a key or the
//! mouse in the window), and a thread here locks the app when none has
//! come for the time chosen in Settings (default 10 minutes), then tells
//! the window. The choice is kept in a small plain file beside the
//! database, `app-settings.json` (no personal data), as the store's own
//! settings cannot be read while it is locked.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, Manager};

use crate::commands::error::{CommandError, Result};
use crate::state::AppState;

/// The file beside the database.
pub const FILE: &str = "app-settings.json";
/// The idle minutes offered in Settings; the default is 10.
pub const CHOICES: [u32; 7] = [1, 2, 5, 10, 15, 30, 60];
pub const DEFAULT_MINUTES: u32 = 10;
/// How often the thread looks.
const EVERY: Duration = Duration::from_secs(5);

#[derive(Serialize, Deserialize)]
struct File {
    lock_after_minutes: u32,
}

pub struct Idle {
    file: PathBuf,
    minutes: AtomicU32,
    /// The last activity, by the monotonic clock and by the wall clock: a
    /// laptop asleep stops the first (on Linux) but not the second, so the
    /// app locks after a sleep as long as the idle time.
    last: Mutex<(Instant, SystemTime)>,
}

impl Idle {
    /// The idle time saved in `data_dir` (the default if none is, or the
    /// file cannot be read).
    pub fn new(data_dir: &Path) -> Idle {
        let file = data_dir.join(FILE);
        let minutes = std::fs::read_to_string(&file)
            .ok()
            .and_then(|text| serde_json::from_str::<File>(&text).ok())
            .map(|f| f.lock_after_minutes)
            .filter(|m| CHOICES.contains(m))
            .unwrap_or(DEFAULT_MINUTES);
        Idle { file, minutes: AtomicU32::new(minutes), last: Mutex::new((Instant::now(), SystemTime::now())) }
    }

    pub fn minutes(&self) -> u32 {
        self.minutes.load(Ordering::Relaxed)
    }

    /// Choose the idle time (one of `CHOICES`) and save it.
    pub fn set_minutes(&self, minutes: u32) -> Result<()> {
        if !CHOICES.contains(&minutes) {
            return Err(CommandError::from(format!(
                "Choose one of {} minutes",
                CHOICES.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
            )));
        }
        let text = serde_json::to_string_pretty(&File { lock_after_minutes: minutes }).map_err(|e| e.to_string())?;
        desk::store::private::write_file_atomically(&self.file, text.as_bytes())
            .map_err(|e| CommandError::from(format!("Cannot save the setting: {e}")))?;
        self.minutes.store(minutes, Ordering::Relaxed);
        Ok(())
    }

    /// Someone is at the window.
    pub fn touch(&self) {
        *self.last.lock().unwrap_or_else(|e| e.into_inner()) = (Instant::now(), SystemTime::now());
    }

    /// Whether nobody has been at the window for the idle time.
    pub fn expired(&self) -> bool {
        let limit = Duration::from_secs(u64::from(self.minutes()) * 60);
        let (instant, wall) = *self.last.lock().unwrap_or_else(|e| e.into_inner());
        instant.elapsed() >= limit || wall.elapsed().is_ok_and(|d| d >= limit)
    }
}

/// What the window is told when the app locks itself.
pub const LOCKED_EVENT: &str = "locked";

/// Lock the app, and tell the window, whenever it has been idle too long.
pub fn watch(app: AppHandle) {
    std::thread::spawn(move || loop {
        std::thread::sleep(EVERY);
        let Some(state) = app.try_state::<AppState>() else { continue };
        if state.idle.expired() && state.is_open() && state.lock_now() {
            let _ = app.emit(LOCKED_EVENT, "idle");
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_idle_time_is_saved_beside_the_database_and_read_back() {
        let dir = std::env::temp_dir().join(format!("md-idle-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert_eq!(Idle::new(&dir).minutes(), DEFAULT_MINUTES);
        Idle::new(&dir).set_minutes(5).unwrap();
        assert_eq!(Idle::new(&dir).minutes(), 5);
        assert!(Idle::new(&dir).set_minutes(7).is_err());
        let idle = Idle::new(&dir);
        assert!(!idle.expired());
        // Five minutes and a second without activity, by either clock.
        let ago = Duration::from_secs(5 * 60 + 1);
        *idle.last.lock().unwrap() = (Instant::now().checked_sub(ago).unwrap(), SystemTime::now());
        assert!(idle.expired());
        *idle.last.lock().unwrap() = (Instant::now(), SystemTime::now() - ago);
        assert!(idle.expired(), "a laptop asleep stops the monotonic clock, not the wall clock");
        idle.touch();
        assert!(!idle.expired());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
