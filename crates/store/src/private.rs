//! The data folder and its files are the owner's alone: the folder 0700
//! and every file in it 0600 on Unix (on Windows, the user's own profile
//! already is). Files are created private rather than made private after,
//! so there is no moment another user could open them.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

use crate::{Result, StoreError};

fn io(what: &str, path: &Path, err: std::io::Error) -> StoreError {
    StoreError::Other(format!("cannot {what} {}: {err}", path.display()))
}

/// Create the folder holding `file` if needed, private to its owner.
pub fn create_folder(file: &Path) -> Result<()> {
    let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) else {
        return Ok(());
    };
    if !dir.exists() {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir).map_err(|e| io("create the folder", dir, e))?;
    }
    Ok(())
}

/// Make the database's own files (the database, its journal files, key
/// file, lock and the leftovers of backups and restores) 0600, and its
/// folder 0700 when it is the data folder (a folder the person chose with
/// `--db`, say their documents, is theirs to set).
pub fn tighten(db: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = db.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let is_data_folder = |d: &Path| d.canonicalize().ok() == crate::default_data_dir().canonicalize().ok();
        if is_data_folder(dir) {
            let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
        }
        let stem = db.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten().take(10_000) {
            if !entry.file_name().to_string_lossy().starts_with(&stem) {
                continue;
            }
            if let Ok(meta) = entry.metadata() {
                if meta.is_file() && meta.permissions().mode() & 0o077 != 0 {
                    // Another user's file cannot be changed; that is fine.
                    let _ = std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(0o600));
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = db;
}

/// Open `path` for writing, created private (0600) if it is new.
pub fn create_file(path: &Path, truncate: bool) -> Result<std::fs::File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(truncate);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map_err(|e| io("write", path, e))
}

/// `path` with `suffix` appended to its file name.
pub fn with_suffix(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Sync the folder holding `path`, so a rename in it survives a power cut.
pub fn sync_folder(path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

/// Write `bytes` to `path` in one step: a private temporary file beside
/// it, synced, renamed over `path`, and the folder synced.
pub fn write_file_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    create_folder(path)?;
    let tmp = with_suffix(path, &format!(".partial-{}", std::process::id()));
    let written = (|| {
        let mut file = create_file(&tmp, true)?;
        file.write_all(bytes).and_then(|()| file.sync_all()).map_err(|e| io("write", &tmp, e))?;
        std::fs::rename(&tmp, path).map_err(|e| io("write", path, e))
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written?;
    sync_folder(path);
    Ok(())
}
