//! Backups while the app writes, and restores that never lose the only
//! copy: encrypted backups carrying their wrapped key, a restore refused
//! (the database unchanged) for a foreign, cut-short, newer or other-key
//! file or while another program holds the database, and a backup that
//! restores on a new laptop with the passphrase it was made under.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use common::*;
use store::{restore, DatabaseLock, Secret, Store, StoreError};

fn lock(db: &TestDb) -> DatabaseLock {
    DatabaseLock::acquire(&db.path()).expect("the lock is free")
}

#[test]
fn a_backup_taken_while_another_connection_writes_is_whole() {
    let db = TestDb::new();
    let (mut store, _) = db.set_up();
    let reference = store.add_case(&case("Before"), "Ann", today()).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    // Another connection (of this process: the lock keeps other programs
    // out) writes a note and its history line in each transaction.
    let writer = {
        let (path, stop, reference) = (db.path(), stop.clone(), reference.clone());
        std::thread::spawn(move || {
            let mut conn = raw_at(&path);
            conn.busy_timeout(std::time::Duration::from_secs(30)).unwrap();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                let tx = conn.transaction().unwrap();
                tx.execute(
                    "INSERT INTO notes (case_id, written_at, author, text) SELECT id, 't', 'Bea', 'during' FROM cases",
                    [],
                )
                .unwrap();
                tx.execute(
                    "INSERT INTO history (reference, at, who, action, changes) VALUES (?1, 't', 'Bea', 'during', '[]')",
                    [&reference],
                )
                .unwrap();
                tx.commit().unwrap();
                n += 1;
            }
            n
        })
    };
    let mut sizes = Vec::new();
    for k in 0..5 {
        let dest = db.dir.path().join(format!("backup-{k}.mdbackup"));
        store.backup(&dest).unwrap();
        // Restore each into a place of its own to look inside.
        let other = TestDb::new();
        let restored = restore(&lock(&other), None, &dest, Some(&Secret::passphrase(TEST_PASSPHRASE))).unwrap();
        let copy = Store::open(other.path(), &restored.key, today()).unwrap();
        assert!(copy.integrity_check().unwrap().is_empty());
        let conn = store::encryption::open_read_only(copy.path(), &restored.key).unwrap();
        let (notes, lines): (i64, i64) = conn
            .query_row(
                "SELECT (SELECT count(*) FROM notes WHERE text = 'during'), (SELECT count(*) FROM history WHERE action = 'during')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(notes, lines, "each transaction is wholly in the backup or wholly not");
        sizes.push(notes);
    }
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(written > 0, "the writer wrote during the backups");
    assert!(sizes.windows(2).all(|w| w[0] <= w[1]));
    // No partial files are left behind.
    let leftovers = std::fs::read_dir(db.dir.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().contains(".partial-"))
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn restore_replaces_the_database_and_keeps_the_old_file() {
    let db = TestDb::new();
    let backup_path = db.dir.path().join("friday.mdbackup");
    let (kept_ref, later_ref, key);
    {
        let (mut store, _) = db.set_up();
        key = store::keys::unlock(&db.path(), &Secret::passphrase(TEST_PASSPHRASE)).unwrap();
        kept_ref = store.add_case(&case("Siân Before"), "Ann", today()).unwrap();
        store.backup(&backup_path).unwrap();
        later_ref = store.add_case(&case("Zoë After"), "Ann", today()).unwrap();
    }
    let backup_bytes = std::fs::read(&backup_path).unwrap();
    let restored = restore(&lock(&db), Some(&key), &backup_path, None).unwrap();
    let kept = restored.kept.expect("the old file is kept");
    assert!(kept.file_name().unwrap().to_string_lossy().starts_with("mediation-desk.sqlite3.before-restore-"));
    let store = Store::open(db.path(), &key, today()).unwrap();
    assert!(store.case(&kept_ref).is_ok());
    assert!(matches!(store.case(&later_ref), Err(StoreError::NotFound { .. })));
    drop(store);
    // The old file, complete with the case added after the backup, and
    // encrypted like the rest.
    assert!(!store::encryption::is_plain(&kept));
    let old = Store::open(&kept, &key, today()).unwrap();
    assert!(old.case(&later_ref).is_ok());
    assert_eq!(old.count_cases(false).unwrap(), 2);
    // The backup itself is untouched.
    assert_eq!(std::fs::read(&backup_path).unwrap(), backup_bytes);
}

/// The database's files, byte for byte, to show a refusal changed nothing.
fn snapshot(db: &TestDb) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(db.dir.path())
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_file() && !e.file_name().to_string_lossy().ends_with(".lock"))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn a_foreign_cut_short_newer_or_other_key_file_is_refused_and_nothing_changes() {
    let db = TestDb::new();
    let key;
    {
        let (mut store, _) = db.set_up();
        key = store::keys::unlock(&db.path(), &Secret::passphrase(TEST_PASSPHRASE)).unwrap();
        store.add_case(&case("Noah"), "Ann", today()).unwrap();
    }
    let elsewhere = TestDb::new();
    let mut refused = Vec::new();
    // Not a database at all, and a file that is not there.
    let not_db = elsewhere.dir.path().join("notes.txt");
    std::fs::write(&not_db, "not a database").unwrap();
    refused.push(not_db);
    refused.push(elsewhere.dir.path().join("missing.mdbackup"));
    // Another program's SQLite file.
    let foreign = elsewhere.dir.path().join("photos.sqlite3");
    rusqlite::Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE photos (x); PRAGMA user_version = 3;").unwrap();
    refused.push(foreign);
    // A database from a newer version (plain, as an old backup would be).
    let newer = elsewhere.dir.path().join("newer.sqlite3");
    {
        let mut conn = rusqlite::Connection::open(&newer).unwrap();
        store::migrations::migrate(&mut conn).unwrap();
        conn.execute_batch("PRAGMA user_version = 99;").unwrap();
    }
    refused.push(newer);
    // A backup of another database, without its passphrase; and cut short.
    let other_backup = elsewhere.dir.path().join("other.mdbackup");
    {
        // Its own random key, under the same passphrase as ours.
        let (other_key, _) = store::keys::set_up(&elsewhere.path(), TEST_PASSPHRASE).unwrap();
        let mut other = Store::open(elsewhere.path(), &other_key, today()).unwrap();
        for i in 0..100 {
            other.add_case(&case(&format!("Child {i} {}", "y".repeat(100))), "Ann", today()).unwrap();
        }
        other.backup(&other_backup).unwrap();
    }
    refused.push(other_backup.clone());
    let bytes = std::fs::read(&other_backup).unwrap();
    for (name, keep) in [("truncated.mdbackup", bytes.len() / 2), ("headless.mdbackup", 30), ("keyless.mdbackup", 200)] {
        let path = elsewhere.dir.path().join(name);
        std::fs::write(&path, &bytes[..keep]).unwrap();
        refused.push(path);
    }
    let before = snapshot(&db);
    for file in &refused {
        let err = restore(&lock(&db), Some(&key), file, None).unwrap_err();
        assert!(err.is_bad_input(), "{}: {err}", file.display());
        assert!(err.to_string().contains("nothing was changed") || err.to_string().contains("not a file"), "{err}");
        assert_eq!(snapshot(&db), before, "{} changed the database's files", file.display());
    }
    // The truncated one is refused even with the right passphrase.
    let cut = elsewhere.dir.path().join("truncated.mdbackup");
    let err = restore(&lock(&db), Some(&key), &cut, Some(&Secret::passphrase(TEST_PASSPHRASE))).unwrap_err();
    assert!(err.to_string().contains("damaged") || err.to_string().contains("cut short"), "{err}");
    assert_eq!(snapshot(&db), before);
    // A wrong passphrase for the other database's backup names the field.
    let err = restore(&lock(&db), Some(&key), &other_backup, Some(&Secret::passphrase("not the passphrase"))).unwrap_err();
    assert!(err.to_string().starts_with("passphrase:"), "{err}");
    assert_eq!(snapshot(&db), before);
    assert_eq!(Store::open(db.path(), &key, today()).unwrap().count_cases(false).unwrap(), 1);
}

#[test]
fn a_backup_restores_on_a_new_laptop_with_its_passphrase_and_under_this_databases_key_on_an_old_one() {
    let first = TestDb::new();
    let backup_path = first.dir.path().join("b.mdbackup");
    {
        let (mut store, _) = first.set_up();
        store.add_case(&case("Isla"), "Ann", today()).unwrap();
        store.backup(&backup_path).unwrap();
    }
    // A new laptop: nothing set up. The backup's passphrase opens it, and
    // its key file becomes the database's.
    let laptop = TestDb::new();
    std::fs::create_dir_all(laptop.path().parent().unwrap()).unwrap();
    let restored = restore(&lock(&laptop), None, &backup_path, Some(&Secret::passphrase(TEST_PASSPHRASE))).unwrap();
    assert!(restored.kept.is_none());
    let key = store::keys::unlock(&laptop.path(), &Secret::passphrase(TEST_PASSPHRASE)).unwrap();
    assert_eq!(Store::open(laptop.path(), &key, today()).unwrap().count_cases(false).unwrap(), 1);

    // A laptop with its own database and passphrase: the backup is written
    // under this database's key, so its own passphrase still opens it.
    let other = TestDb::new();
    let (mine, _) = store::keys::set_up(&other.path(), "my own long passphrase").unwrap();
    drop(Store::open(other.path(), &mine, today()).unwrap());
    restore(&lock(&other), Some(&mine), &backup_path, Some(&Secret::passphrase(TEST_PASSPHRASE))).unwrap();
    let key = store::keys::unlock(&other.path(), &Secret::passphrase("my own long passphrase")).unwrap();
    let store = Store::open(other.path(), &key, today()).unwrap();
    assert_eq!(store.count_cases(false).unwrap(), 1);
    assert_eq!(store.search("isla", 5).unwrap().len(), 1, "the search index was rebuilt");
}

#[test]
fn a_plain_backup_from_before_encryption_is_encrypted_as_it_is_restored() {
    let db = TestDb::new();
    let plain = db.dir.path().join("old-backup.sqlite3");
    let (mut store, _) = db.set_up();
    store.add_case(&case("Siân Davies"), "Ann", today()).unwrap();
    // Write it out plain, as the version before encryption made backups.
    let conn = raw(&store);
    conn.execute("ATTACH DATABASE ?1 AS plaintext KEY ''", [plain.to_string_lossy()]).unwrap();
    conn.query_row("SELECT sqlcipher_export('plaintext')", [], |_| Ok(())).unwrap();
    conn.execute_batch(&format!("PRAGMA plaintext.user_version = {}; DETACH DATABASE plaintext;", store::migrations::LATEST))
        .unwrap();
    drop(conn);
    assert!(store::encryption::is_plain(&plain));
    store.add_case(&case("Zoë After"), "Ann", today()).unwrap();
    let key = test_key();
    let (outcome, reopened) = store::restore_open(Some(store), &db.path(), Some(&key), &plain, None, today());
    outcome.unwrap();
    let store = reopened.unwrap();
    assert_eq!(store.count_cases(false).unwrap(), 1);
    assert_eq!(store.search("sian", 5).unwrap().len(), 1);
    assert!(!store::encryption::is_plain(&db.path()));
}

#[test]
fn restore_is_refused_while_another_program_holds_the_database() {
    let db = TestDb::new();
    let (store, _) = db.set_up();
    let key = store::keys::unlock(&db.path(), &Secret::passphrase(TEST_PASSPHRASE)).unwrap();
    let backup_path = db.dir.path().join("b.mdbackup");
    store.backup(&backup_path).unwrap();
    // The store holds the lock: a second opener (as another program would
    // be) is refused, naming the holder.
    let err = DatabaseLock::acquire(&db.path()).unwrap_err();
    assert!(matches!(err, StoreError::InUse { .. }), "{err:?}");
    assert!(err.to_string().contains("in use by the mediation-desk command line (process"), "{err}");
    let err = Store::open(db.path(), &key, today()).err().expect("refused");
    assert!(matches!(err, StoreError::InUse { .. }));
    let (outcome, reopened) = store::restore_open(None, &db.path(), Some(&key), &backup_path, None, today());
    assert!(matches!(outcome, Err(StoreError::InUse { .. })));
    assert!(reopened.is_err());
    drop(store);
    // Once it is closed, the lock is free again.
    drop(DatabaseLock::acquire(&db.path()).unwrap());
}

#[test]
fn the_app_restores_over_its_open_database_and_carries_on_with_the_restored_cases() {
    let db = TestDb::new();
    let backup_path = db.dir.path().join("monday.mdbackup");
    let (mut store, _) = db.set_up();
    let key = store::keys::unlock(&db.path(), &Secret::passphrase(TEST_PASSPHRASE)).unwrap();
    let kept_ref = store.add_case(&case("Siân Before"), "Ann", today()).unwrap();
    store.backup(&backup_path).unwrap();
    let later_ref = store.add_case(&case("Zoë After"), "Ann", today()).unwrap();

    let (outcome, reopened) = store::restore_open(Some(store), &db.path(), Some(&key), &backup_path, None, today());
    assert!(outcome.unwrap().kept.is_some(), "the old database is kept");
    let mut store = reopened.unwrap();
    assert!(store.case(&kept_ref).is_ok());
    assert!(matches!(store.case(&later_ref), Err(StoreError::NotFound { .. })));
    // The reopened store takes new work.
    store.add_case(&case("Noah Next"), "Ann", today()).unwrap();
    assert_eq!(store.count_cases(false).unwrap(), 2);

    // A foreign file is refused, and the app carries on with what it had.
    let not_db = db.dir.path().join("notes.txt");
    std::fs::write(&not_db, "not a database").unwrap();
    let (outcome, reopened) = store::restore_open(Some(store), &db.path(), Some(&key), &not_db, None, today());
    assert!(outcome.is_err());
    assert_eq!(reopened.unwrap().count_cases(false).unwrap(), 2);
}

#[test]
fn a_backup_onto_the_database_or_its_log_is_refused_and_touches_nothing() {
    let db = TestDb::new();
    let (mut store, _) = db.set_up();
    store.add_case(&case("Noah"), "Ann", today()).unwrap();
    let before = snapshot(&db);
    for suffix in ["", "-wal", "-shm", ".key", ".lock"] {
        let target = std::path::PathBuf::from(format!("{}{suffix}", db.path().display()));
        let err = store.backup(&target).unwrap_err();
        assert!(err.is_bad_input() && err.to_string().contains("database's own files"), "{suffix}: {err}");
    }
    let read_only = db.dir.path().join("nowhere").join("b.mdbackup");
    assert!(store.backup(&read_only).unwrap_err().to_string().contains("does not exist"));
    assert_eq!(snapshot(&db), before);
}

#[test]
fn a_daily_backup_is_made_once_a_day_and_only_the_newest_are_kept() {
    let db = TestDb::new();
    let (mut store, _) = db.set_up();
    store.add_case(&case("Noah"), "Ann", today()).unwrap();
    assert_eq!(store.last_backup(), None);
    assert_eq!(store.automatic_backups().unwrap().keep, 14, "14 unless changed");
    store.set_automatic_backups(&store::AutomaticBackups { keep: 3 }, "Ann").unwrap();
    assert!(store
        .set_automatic_backups(&store::AutomaticBackups { keep: 5000 }, "Ann")
        .unwrap_err()
        .to_string()
        .starts_with("keep:"));
    let first = today();
    for day in 0..5 {
        let on = first + chrono::Days::new(day);
        let made = store.automatic_backup(on).unwrap().expect("the day's first backup is made");
        assert!(made.ends_with(format!("backups/mediation-desk-{}.mdbackup", on.format("%Y-%m-%d"))), "{}", made.display());
        assert_eq!(store.automatic_backup(on).unwrap(), None, "one a day");
    }
    let mut kept: Vec<String> = std::fs::read_dir(db.dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    kept.sort();
    let expected: Vec<String> =
        (2..5).map(|d| format!("mediation-desk-{}.mdbackup", (first + chrono::Days::new(d)).format("%Y-%m-%d"))).collect();
    assert_eq!(kept, expected);
    assert!(store.last_backup().is_some());
    // The newest restores like any backup.
    let laptop = TestDb::new();
    let newest = db.dir.path().join("backups").join(&expected[2]);
    let restored = restore(&lock(&laptop), None, &newest, Some(&Secret::passphrase(TEST_PASSPHRASE))).unwrap();
    assert_eq!(Store::open(laptop.path(), &restored.key, today()).unwrap().count_cases(false).unwrap(), 1);
}
