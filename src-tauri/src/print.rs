//! PDFs opened to print or preview (certificates, letters, records of
//! outcome) are plain files a PDF viewer can read, so they are written to
//! a private folder of their own, `open-to-print` in the data folder (0700,
//! each file 0600), and that folder is emptied when the app starts, when it
//! locks and when it closes. "Save as…" is the one way to keep a plain copy.
//!
//! Earlier versions left their copies in the data folder itself, in
//! `certificates/`, `previews/`, `letters/` and `records/`: those PDFs are
//! removed when the app starts (`remove_earlier_copies`).

use std::path::{Path, PathBuf};

use crate::commands::error::{CommandError, Result};

/// The folder's name inside the data folder.
pub const FOLDER: &str = "open-to-print";

/// The folders of the data folder where earlier versions wrote the PDFs
/// they opened to print or preview (certificates, previews, exemption
/// letters, records of outcome).
pub const EARLIER_FOLDERS: [&str; 4] = ["certificates", "previews", "letters", "records"];

/// Remove the plain PDFs earlier versions left in `EARLIER_FOLDERS` of
/// `data_dir`: only the `.pdf` files directly in them, then each folder if
/// it is left empty; anything else is left alone. How many were removed.
pub fn remove_earlier_copies(data_dir: &Path) -> usize {
    let mut removed = 0;
    for name in EARLIER_FOLDERS {
        let folder = data_dir.join(name);
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let is_pdf = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
            let is_file = entry.file_type().is_ok_and(|t| t.is_file());
            if is_pdf && is_file && std::fs::remove_file(&path).is_ok() {
                removed += 1;
            }
        }
        // Fails, leaving it, unless it is empty.
        let _ = std::fs::remove_dir(&folder);
    }
    removed
}

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
        desk::store::private::write_file_atomically(&path, bytes)
            .map_err(|e| CommandError::from(format!("Cannot write the PDF to open in {}: {e}", self.0.display())))?;
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

    /// Earlier versions' copies: only the PDFs in those four folders go,
    /// and a folder only once it is empty.
    #[test]
    fn earlier_versions_copies_are_removed_and_nothing_else() {
        let dir = std::env::temp_dir().join(format!("md-earlier-copies-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let write = |path: &str| {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, b"%PDF-1 plain").unwrap();
        };
        write("certificates/GM-2026-00001.pdf");
        write("previews/MD-2026-0001-preview.pdf");
        write("letters/MD-2026-0002-exemption-letter.PDF");
        write("records/MD-2026-0003-record-of-outcome.pdf");
        write("records/kept-by-the-user.txt");
        write("other/MD-2026-0004.pdf");
        write("mediation-desk.pdf");
        assert_eq!(remove_earlier_copies(&dir), 4);
        for gone in ["certificates", "previews", "letters"] {
            assert!(!dir.join(gone).exists(), "{gone} was emptied and removed");
        }
        assert!(
            dir.join("records/kept-by-the-user.txt").exists() && !dir.join("records/MD-2026-0003-record-of-outcome.pdf").exists()
        );
        assert!(dir.join("other/MD-2026-0004.pdf").exists() && dir.join("mediation-desk.pdf").exists());
        assert_eq!(remove_earlier_copies(&dir), 0, "nothing left to remove");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
