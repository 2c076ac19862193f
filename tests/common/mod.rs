//! Helpers shared by the integration tests: dates, case facts, and
//! temporary databases for the store's tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use mediation_desk::facts::{CaseFacts, Decision, DecisionKind};
use mediation_desk::store::{CaseInput, PersonInput, Store};
use mediation_desk::{rules, Calendar, CountingChoices, Timeline};
use tempfile::TempDir;

pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

/// The date the tests treat as today: Tue 7 Apr 2026.
pub fn today() -> NaiveDate {
    date("2026-04-07")
}

pub fn person(name: &str) -> PersonInput {
    PersonInput { name: name.to_string(), role: None, date_of_birth: None }
}

/// A plain open case: a refusal to assess sent on 3 Mar 2026.
pub fn case(child: &str) -> CaseInput {
    CaseInput {
        reference: None,
        legacy_reference: None,
        opened_on: Some(date("2026-03-10")),
        caller: Some(person("Rhian Jones")),
        appellant: None,
        child: Some(PersonInput { name: child.to_string(), role: None, date_of_birth: Some(date("2015-06-01")) }),
        representatives: Vec::new(),
        local_authority: "Manchester City Council".into(),
        icb: None,
        note: Some("Parent rang about the refusal.".into()),
        facts: CaseFacts {
            decision: Decision {
                kind: Some(DecisionKind::RefuseToAssess),
                letter_dated: Some(date("2026-03-02")),
                sent_on: Some(date("2026-03-03")),
                ..Decision::default()
            },
            first_contact_on: Some(date("2026-03-10")),
            ..CaseFacts::default()
        },
        disagreement: None,
    }
}

pub struct TestDb {
    pub dir: TempDir,
}

impl TestDb {
    pub fn new() -> TestDb {
        TestDb { dir: tempfile::tempdir().expect("a temporary folder") }
    }

    pub fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("mediation-desk.sqlite3")
    }

    pub fn open(&self) -> Store {
        Store::open(self.path(), today()).expect("the database opens")
    }
}

/// Run `mediation-desk [--db DB] ARGS` as a person types it: today is
/// 2026-04-07 and no MEDIATION_DESK_USER is set, unless `env` says
/// otherwise; `stdin` is written and closed (none: closed at once).
pub fn mediation_desk(
    db: Option<&std::path::Path>,
    args: &[&str],
    stdin: Option<&str>,
    env: &[(&str, &str)],
) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mediation-desk"));
    if let Some(db) = db {
        cmd.arg("--db").arg(db);
    }
    cmd.args(args)
        .env("MEDIATION_DESK_TODAY", "2026-04-07")
        .env_remove("MEDIATION_DESK_USER")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("mediation-desk runs");
    let mut input = child.stdin.take().expect("stdin is piped");
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).expect("mediation-desk reads its input");
    }
    drop(input);
    child.wait_with_output().expect("mediation-desk ends")
}

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

/// Row counts of every table, to show nothing changed.
pub fn counts(store: &Store) -> Vec<(String, i64)> {
    let conn = store.connection();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'case_search_%' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let n: i64 = conn.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0)).unwrap();
            (t, n)
        })
        .collect()
}

/// Everything in the history table, in order.
pub fn all_history(store: &Store) -> Vec<String> {
    store
        .connection()
        .prepare("SELECT reference || '|' || who || '|' || action || '|' || changes FROM history ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// A date from `YYYY-MM-DD` (short form for the clock tests).
pub fn d(text: &str) -> NaiveDate {
    date(text)
}

pub fn timeline_on(facts: &CaseFacts, today: &str) -> Timeline {
    rules::timeline(facts, &Calendar::built_in(), &CountingChoices::default(), d(today))
}

pub fn facts(json: &str) -> CaseFacts {
    mediation_desk::facts::from_json(json).unwrap_or_else(|e| panic!("bad test facts: {e}"))
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
