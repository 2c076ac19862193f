//! PDFs opened to print or preview (certificates, letters, records of
//! outcome) are plain files a PDF viewer can read, so they are written to
//! a private folder of their own, `open-to-print` in the data folder (0700,
//! each file 0600), and that folder is emptied when the app starts, when it
//! locks and when it closes. "Save as…" is the one way to keep a plain copy.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::commands::error::{CommandError, Result};

/// The folder's name inside the data folder.
pub const FOLDER: &str = "open-to-print";

pub struct PrintFolder(PathBuf);

impl PrintFolder {
    pub fn new(data_dir: &Path) -> PrintFolder {
        PrintFolder(data_dir.join(FOLDER))
    }

    #[cfg(test)]
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Remove every file in the folder (a file a viewer still shows stays
    /// on screen; on Windows one it holds open is removed next time).
    pub fn empty(&self) {
        let Ok(entries) = std::fs::read_dir(&self.0) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                let _ = std::fs::remove_dir_all(&path);
            } else {
                let _ = std::fs::remove_file(&path);
            }
        }
    }

    /// Write `bytes` as the file `name` (a file name the core chose),
    /// private to this user, replacing any copy before; its path.
    pub fn write(&self, name: &std::ffi::OsStr, bytes: &[u8]) -> Result<PathBuf> {
        let fail = |e: std::io::Error| CommandError::from(format!("Cannot write the PDF to open in {}: {e}", self.0.display()));
        let mut folder = std::fs::DirBuilder::new();
        folder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut folder, 0o700);
        folder.create(&self.0).map_err(fail)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o700)).map_err(fail)?;
        }
        let path = self.0.join(name);
        let mut partial = path.clone().into_os_string();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        let _ = std::fs::remove_file(&partial);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let written = options
            .open(&partial)
            .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all()))
            .and_then(|()| std::fs::rename(&partial, &path));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&partial);
            return Err(fail(e));
        }
        Ok(path)
    }

    /// Write `bytes` under the file name of `path` (as the core names
    /// them: `desk::certificates::files`).
    pub fn write_as(&self, path: &Path, bytes: &[u8]) -> Result<PathBuf> {
        let name = path.file_name().ok_or_else(|| CommandError::from(format!("{} has no file name", path.display())))?;
        self.write(name, bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_private_and_emptying_removes_them() {
        let dir = std::env::temp_dir().join(format!("md-print-test-{}", std::process::id()));
        let folder = PrintFolder::new(&dir);
        let path = folder.write(std::ffi::OsStr::new("GM-2026-00001.pdf"), b"%PDF-1 first").unwrap();
        folder.write(std::ffi::OsStr::new("GM-2026-00001.pdf"), b"%PDF-1 second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-1 second");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
            assert_eq!(std::fs::metadata(folder.path()).unwrap().permissions().mode() & 0o777, 0o700);
        }
        folder.empty();
        assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 0);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
