//! Certificates as files on disk: the copy the app opens in the system PDF
//! viewer to print (in the data folder, under `certificates/`), previews
//! (under `previews/`), and "Save as" to a place the user chose. The bytes
//! are always the stored ones (checked against their SHA-256 by the store);
//! a file is written whole or not at all.

use std::path::{Path, PathBuf};

/// A number or reference made safe as a file name: letters, digits, `-`
/// and `_` kept, anything else `_`.
fn file_stem(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

/// Where the print copy of certificate `number` goes: `<data>/certificates/<number>.pdf`.
pub fn print_copy_path(data_dir: &Path, number: &str) -> PathBuf {
    data_dir.join("certificates").join(format!("{}.pdf", file_stem(number)))
}

/// Where the exemption letter for case `reference` goes: `<data>/letters/<reference>-exemption-letter.pdf`.
pub fn exemption_letter_path(data_dir: &Path, reference: &str) -> PathBuf {
    data_dir.join("letters").join(format!("{}-exemption-letter.pdf", file_stem(reference)))
}

/// Where a preview for case `reference` goes: `<data>/previews/<reference>-preview.pdf`.
pub fn preview_path(data_dir: &Path, reference: &str) -> PathBuf {
    data_dir.join("previews").join(format!("{}-preview.pdf", file_stem(reference)))
}

/// Write `bytes` to `path` (with `.pdf` added if missing), whole or not
/// at all (`crate::files::write_whole`). Returns the path written.
pub fn write_pdf(path: &Path, bytes: &[u8]) -> crate::Result<PathBuf> {
    crate::files::write_whole(&crate::files::with_extension(path, "pdf"), bytes)
}

/// Where the record of outcome of case `reference` goes.
pub fn record_of_outcome_path(data_dir: &Path, reference: &str) -> PathBuf {
    data_dir.join("records").join(format!("{}-record-of-outcome.pdf", file_stem(reference)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DeskError;

    #[test]
    fn a_number_with_odd_characters_is_a_safe_file_name() {
        let p = print_copy_path(Path::new("/data"), "GM/2026 00001");
        assert_eq!(p, PathBuf::from("/data/certificates/GM_2026_00001.pdf"));
    }

    #[test]
    fn save_as_adds_the_pdf_extension_and_replaces_a_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let written = write_pdf(&dir.path().join("Kwame certificate"), b"%PDF-1 first").unwrap();
        assert_eq!(written, dir.path().join("Kwame certificate.pdf"));
        write_pdf(&written, b"%PDF-1 second").unwrap();
        assert_eq!(std::fs::read(&written).unwrap(), b"%PDF-1 second");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    #[test]
    fn a_folder_that_cannot_be_written_is_refused_naming_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("not-a-folder");
        std::fs::write(&blocker, b"x").unwrap();
        let err = write_pdf(&blocker.join("c.pdf"), b"%PDF").unwrap_err();
        assert!(matches!(&err, DeskError::BadInput { field, .. } if field == "path"), "{err}");
    }
}
