//! Helpers shared by the application's tests: the store's and the law's
//! helpers, the text of a PDF, and Python as an independent reader of the
//! exports. The whole product's tests include this file too.
#![allow(dead_code)]

#[path = "../../../store/tests/common/mod.rs"]
mod store_common;
#[allow(unused_imports)]
pub use store_common::*;

pub fn stdout(o: &std::process::Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 on stdout")
}

pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 on stderr")
}

/// The text of a PDF as poppler's `pdftotext -layout` reads it, runs of
/// whitespace collapsed to one space (lines wrap; label and value columns
/// sit side by side). Needs poppler-utils.
pub fn pdf_text(bytes: &[u8]) -> String {
    use std::io::Write;
    let mut file = tempfile::Builder::new().suffix(".pdf").tempfile().expect("a temporary file");
    file.write_all(bytes).expect("the PDF is written");
    file.flush().expect("the PDF is written");
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(file.path())
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    assert!(out.status.success(), "pdftotext failed: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8 from pdftotext").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Run a Python 3 script (an independent reader for the export tests)
/// with `args`; its standard output. Panics with its errors.
pub fn python(script: &str, args: &[&str]) -> String {
    let out = std::process::Command::new("python3").arg("-c").arg(script).args(args).output().expect("python3 runs");
    assert!(out.status.success(), "python failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 from python")
}

/// Make sure Python's `icalendar` package is there (installs it with pip if not).
pub fn ensure_icalendar() {
    let have = std::process::Command::new("python3").args(["-c", "import icalendar"]).output().is_ok_and(|o| o.status.success());
    if !have {
        let status = std::process::Command::new("python3")
            .args(["-m", "pip", "install", "--quiet", "icalendar"])
            .status()
            .expect("pip runs");
        assert!(status.success(), "pip install icalendar failed");
    }
}

/// The command lines a service runs once before its first certificate:
/// its details, then its adviser and its mediator.
pub const SERVICE_SET_UP: [&[&str]; 3] = [
    &[
        "settings",
        "set",
        "--service-name",
        "Greater Manchester SEND Mediation",
        "--address",
        "Unit 4, Canal Wharf",
        "--address",
        "Manchester M1 4AB",
        "--phone",
        "0161 496 0000",
        "--email",
        "mediation@gm.example.org.uk",
        "--certificate-prefix",
        "GM",
    ],
    &["staff", "add", "Łukasz Nowak", "--role", "adviser", "--registration", "Civil Mediation Council CMC-123456"],
    &["staff", "add", "Siân Roberts", "--role", "mediator", "--registration", "College of Mediators 04417"],
];
