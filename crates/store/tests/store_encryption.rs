//! Encryption at rest: nothing a person typed lies in the clear in the
//! database, its write-ahead log, a backup or anything else left in the
//! data folder; a plain database from before encryption is encrypted in
//! place with nothing lost; the files are private; a database opens only
//! under its own key.

mod common;

use common::*;
use store::{Secret, Store, StoreError};

const NAME: &str = "Zebedee Quartermaine-Oduya";

/// Every file in `dir` (and below) that holds `needle`'s bytes.
fn files_containing(dir: &std::path::Path, needle: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_containing(&path, needle));
        } else if std::fs::read(&path).unwrap().windows(needle.len()).any(|w| w == needle) {
            found.push(path.display().to_string());
        }
    }
    found
}

#[test]
fn no_name_lies_in_the_clear_in_the_database_its_log_a_backup_or_the_folder() {
    let db = TestDb::new();
    let (mut store, _) = db.set_up();
    let mut input = case(NAME);
    input.note = Some(format!("{NAME} has asthma; speech therapy weekly."));
    let reference = store.add_case(&input, "Ann", today()).unwrap();
    store.add_note(&reference, &format!("Rang {NAME}'s school"), "Ann").unwrap();
    // The write-ahead log holds the latest pages while the store is open.
    let wal = store::encryption::open_read_only(&db.path(), &test_key()).ok();
    drop(wal);
    assert!(std::fs::metadata(format!("{}-wal", db.path().display())).map(|m| m.len() > 0).unwrap_or(false), "a WAL was written");
    store.backup(&db.dir.path().join("backup.mdbackup")).unwrap();
    for needle in [NAME.as_bytes(), b"Quartermaine", b"asthma", b"Manchester City Council"] {
        assert_eq!(files_containing(db.dir.path(), needle), Vec::<String>::new(), "{}", String::from_utf8_lossy(needle));
    }
    // UTF-16 too, as a careless tool might write it.
    let wide: Vec<u8> = "Quartermaine".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    assert_eq!(files_containing(db.dir.path(), &wide), Vec::<String>::new());
    // Plain SQLite (no key) cannot read it: "file is not a database".
    let plain = rusqlite::Connection::open(db.path()).unwrap();
    let err = plain.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).unwrap_err();
    assert!(err.to_string().contains("file is not a database"), "{err}");
    // And the person's data is all there for the key.
    assert_eq!(store.case(&reference).unwrap().child.name, NAME);
    assert_eq!(store.search("quartermaine", 5).unwrap().len(), 1);
}

#[test]
fn the_data_folder_and_its_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let db = TestDb::new();
    let (mut store, _) = db.set_up();
    store.add_case(&case("Noah"), "Ann", today()).unwrap();
    store.backup(&db.dir.path().join("mediation-desk.sqlite3.backup")).unwrap();
    for entry in std::fs::read_dir(db.dir.path()).unwrap() {
        let entry = entry.unwrap();
        let mode = entry.metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{} is {mode:o}", entry.file_name().to_string_lossy());
    }
    // A folder the store creates is the owner's alone.
    let nested = db.dir.path().join("new-folder").join("mediation-desk.sqlite3");
    drop(Store::open(&nested, &test_key(), today()).unwrap());
    let mode = std::fs::metadata(nested.parent().unwrap()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
}

#[test]
fn a_database_opens_only_under_its_own_key_and_is_left_as_it_was() {
    let db = TestDb::new();
    {
        let mut store = db.open();
        store.add_case(&case("Noah"), "Ann", today()).unwrap();
    }
    let before = std::fs::read(db.path()).unwrap();
    let wrong = store::DatabaseKey::from_bytes([0x11; 32]);
    let err = Store::open(db.path(), &wrong, today()).err().expect("refused");
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    assert!(err.to_string().contains("key file belongs to another database"), "{err}");
    assert_eq!(std::fs::read(db.path()).unwrap(), before);
    assert_eq!(db.open().count_cases(false).unwrap(), 1);
}

#[test]
fn a_wrong_passphrase_or_recovery_code_unlocks_nothing_and_the_right_ones_do() {
    let db = TestDb::new();
    let (store, code) = db.set_up();
    drop(store);
    let key_file = std::fs::read(store::keys::key_file_path(&db.path())).unwrap();
    let err = store::keys::unlock(&db.path(), &Secret::passphrase("four words of tests")).unwrap_err();
    assert_eq!(err.to_string().lines().count(), 1);
    assert!(err.to_string().starts_with("passphrase: does not unlock this database"), "{err}");
    let err = store::keys::unlock(&db.path(), &Secret::recovery_code("ABCDE-ABCDE-ABCDE-ABCDE-ABCDE")).unwrap_err();
    assert!(err.to_string().starts_with("recovery code: does not unlock"), "{err}");
    assert_eq!(std::fs::read(store::keys::key_file_path(&db.path())).unwrap(), key_file, "the key file is unchanged");
    // The recovery code, typed in lower case with spaces, opens it; then a
    // new passphrase is chosen and the old one no longer works.
    let typed = code.as_str().to_lowercase().replace('-', " ");
    let key = store::keys::unlock(&db.path(), &Secret::recovery_code(typed)).unwrap();
    let store = Store::open(db.path(), &key, today()).unwrap();
    assert!(store.change_passphrase("short").unwrap_err().to_string().contains("at least 10"));
    store.change_passphrase("a brand new passphrase").unwrap();
    assert!(store::keys::unlock(&db.path(), &Secret::passphrase(TEST_PASSPHRASE)).is_err());
    assert_eq!(store::keys::unlock(&db.path(), &Secret::passphrase("a brand new passphrase")).unwrap(), key);
    assert_eq!(store::keys::unlock(&db.path(), &Secret::recovery_code(code.as_str())).unwrap(), key);
}

#[test]
fn a_plain_database_from_before_encryption_is_encrypted_in_place_with_nothing_lost() {
    let db = TestDb::new();
    let old = db.dir.path().join("old-version.sqlite3");
    // A plain database as the version before encryption left it: made here
    // by exporting one to plain text.
    {
        let source = TestDb::new();
        let mut store = source.open();
        store.add_case(&case(NAME), "Ann", today()).unwrap();
        let conn = raw(&store);
        conn.execute("ATTACH DATABASE ?1 AS plaintext KEY ''", [old.to_string_lossy()]).unwrap();
        conn.query_row("SELECT sqlcipher_export('plaintext')", [], |_| Ok(())).unwrap();
        conn.execute_batch(&format!("PRAGMA plaintext.user_version = {}; DETACH DATABASE plaintext;", store::migrations::LATEST))
            .unwrap();
    }
    // Write through it as that version did, and copy it with its
    // write-ahead log unfolded, as if that version were killed.
    {
        let conn = rusqlite::Connection::open(&old).unwrap();
        let _: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).unwrap();
        conn.execute_batch(
            "PRAGMA wal_autocheckpoint = 0;
             INSERT INTO notes (case_id, written_at, author, text) SELECT id, 't', 'Ann', 'Only in the log: Quartermaine' FROM cases;",
        )
        .unwrap();
        std::fs::copy(&old, db.path()).unwrap();
        std::fs::copy(format!("{}-wal", old.display()), format!("{}-wal", db.path().display())).unwrap();
    }
    std::fs::remove_file(&old).unwrap();
    assert!(store::encryption::is_plain(&db.path()));
    let (store, _) = db.set_up();
    assert!(!store::encryption::is_plain(&db.path()));
    let found = store.search("zebedee", 5).unwrap();
    assert_eq!(found.len(), 1);
    let saved = store.case(&found[0].reference).unwrap();
    assert_eq!(saved.child.name, NAME);
    assert!(saved.notes.iter().any(|n| n.text == "Only in the log: Quartermaine"), "the unfolded log's note was kept");
    assert!(store.integrity_check().unwrap().is_empty());
    drop(store);
    assert_eq!(files_containing(db.dir.path(), b"Quartermaine"), Vec::<String>::new());
}

#[test]
fn a_second_opener_is_refused_naming_the_holder_and_a_closed_store_frees_the_database() {
    let db = TestDb::new();
    let store = db.open();
    let err = Store::open(db.path(), &test_key(), today()).err().expect("refused");
    let message = err.to_string();
    assert!(message.contains("is in use by the mediation-desk command line (process"), "{message}");
    assert!(message.contains("Nothing was changed"), "{message}");
    drop(store);
    drop(db.open());
}
