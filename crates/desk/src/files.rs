//! Writing a file the user asked for (an export, a report, a certificate)
//! whole or not at all: the bytes go to a temporary file beside it, are
//! synced, and renamed into place, so a failure never leaves a half-written
//! file and an existing one is replaced whole.

use std::path::{Path, PathBuf};

use crate::DeskError;

/// Write `bytes` to `path`, creating its folder if missing. A failure is
/// `BadInput` on the field `path`, naming the file.
pub fn write_whole(path: &Path, bytes: &[u8]) -> crate::Result<PathBuf> {
    let fail = |what: &str, e: std::io::Error| DeskError::bad("path", format!("cannot {what} {}: {e}", path.display()));
    if path.is_dir() {
        return Err(DeskError::bad("path", format!("{} is a folder; give a file name", path.display())));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| fail("create the folder for", e))?;
    }
    let mut partial = path.as_os_str().to_os_string();
    partial.push(format!(".partial-{}", std::process::id()));
    let partial = PathBuf::from(partial);
    let written = std::fs::write(&partial, bytes).and_then(|_| std::fs::File::open(&partial)?.sync_all());
    if let Err(e) = written.and_then(|_| std::fs::rename(&partial, path)) {
        let _ = std::fs::remove_file(&partial);
        return Err(fail("write", e));
    }
    Ok(path.to_path_buf())
}

/// `path`, with `.EXT` added unless it already ends so (any case).
pub fn with_extension(path: &Path, ext: &str) -> PathBuf {
    match path.extension() {
        Some(e) if e.eq_ignore_ascii_case(ext) => path.to_path_buf(),
        _ => {
            let mut name = path.as_os_str().to_os_string();
            name.push(format!(".{ext}"));
            PathBuf::from(name)
        }
    }
}
