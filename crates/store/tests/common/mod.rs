//! Helpers shared by the store's tests: temporary databases, a plain case,
//! and what is in the tables. The application's and the whole product's
//! tests include this file too.
#![allow(dead_code)]

#[path = "../../../law/tests/common/mod.rs"]
mod law_common;
#[allow(unused_imports)]
pub use law_common::*;

use law::facts::{CaseFacts, Decision, DecisionKind};
use store::{CaseInput, PersonInput, Store};
use tempfile::TempDir;

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
        Store::open(self.path(), &test_key(), today()).expect("the database opens")
    }

    /// Set the database up as a person would (a key file wrapping the
    /// tests' key under the passphrase `TEST_PASSPHRASE`, which backups
    /// carry), and open it.
    pub fn set_up(&self) -> (Store, store::RecoveryCode) {
        let (file, code) = store::keys::KeyFile::create(&test_key(), TEST_PASSPHRASE).expect("a key file");
        std::fs::create_dir_all(self.dir.path()).unwrap();
        file.write(&store::keys::key_file_path(&self.path())).expect("the key file is written");
        (self.open(), code)
    }
}

/// The passphrase the tests choose.
pub const TEST_PASSPHRASE: &str = "four words of test";

/// The key the tests' databases are encrypted with (the real encryption,
/// with a key given rather than unwrapped from a passphrase, which would
/// cost each test a second of Argon2id).
pub fn test_key() -> store::DatabaseKey {
    store::DatabaseKey::from_bytes([0x5a; 32])
}

/// Open the database at `path` under the tests' key.
pub fn open_at(path: impl AsRef<std::path::Path>) -> store::Result<Store> {
    Store::open(path, &test_key(), today())
}

/// A second connection to the store's database file (keyed with the
/// tests' key), for the tests that look at the tables themselves (what a
/// damaged or hand-edited file holds).
pub fn raw(store: &Store) -> rusqlite::Connection {
    raw_at(store.path())
}

/// A connection to the encrypted database at `path`, keyed with the tests' key.
pub fn raw_at(path: &std::path::Path) -> rusqlite::Connection {
    store::encryption::open_read_write(path, &test_key()).expect("the database file opens")
}

/// Row counts of every table, to show nothing changed.
pub fn counts(store: &Store) -> Vec<(String, i64)> {
    table_counts(&raw(store))
}

/// Row counts of every table on `conn` (the search index's shadow tables
/// left out: the index itself is counted).
pub fn table_counts(conn: &rusqlite::Connection) -> Vec<(String, i64)> {
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
    raw(store)
        .prepare("SELECT reference || '|' || who || '|' || action || '|' || changes FROM history ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}
