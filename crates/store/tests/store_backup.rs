//! Backups while the app writes, and restores that never lose the only copy.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use common::*;
use store::{restore, Store, StoreError};

#[test]
fn a_backup_taken_while_another_connection_writes_is_whole() {
    let db = TestDb::new();
    let mut store = db.open();
    for i in 0..50 {
        store.add_case(&case(&format!("Before {i}")), "Ann", today()).unwrap();
    }
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (path, stop) = (db.path(), stop.clone());
        std::thread::spawn(move || {
            let mut other = Store::open(&path, today()).unwrap();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                other.add_case(&case(&format!("During {n}")), "Bea", today()).unwrap();
                n += 1;
            }
            n
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(50));
    let mut sizes = Vec::new();
    for k in 0..5 {
        let dest = db.dir.path().join(format!("backup-{k}.sqlite3"));
        store.backup(&dest).unwrap();
        let copy = Store::open(&dest, today()).unwrap();
        assert!(copy.integrity_check().unwrap().is_empty());
        let cases = copy.count_cases(false).unwrap();
        // Whole: every case in the copy has its people and its history.
        let orphans: i64 = raw(&copy)
            .query_row(
                "SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.case_id = c.id AND p.part = 'child')
                    OR NOT EXISTS (SELECT 1 FROM history h WHERE h.reference = c.reference)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(orphans, 0);
        assert!(cases >= 50);
        sizes.push(cases);
        std::thread::sleep(std::time::Duration::from_millis(20));
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
    let backup_path = db.dir.path().join("friday.sqlite3");
    let (kept_ref, later_ref);
    {
        let mut store = db.open();
        kept_ref = store.add_case(&case("Siân Before"), "Ann", today()).unwrap();
        store.backup(&backup_path).unwrap();
        later_ref = store.add_case(&case("Zoë After"), "Ann", today()).unwrap();
    }
    let kept = restore(&db.path(), &backup_path).unwrap().expect("the old file is kept");
    assert!(kept.file_name().unwrap().to_string_lossy().starts_with("mediation-desk.sqlite3.before-restore-"));
    let store = db.open();
    assert!(store.case(&kept_ref).is_ok());
    assert!(matches!(store.case(&later_ref), Err(StoreError::NotFound { .. })));
    // The old file, complete with the case added after the backup.
    let old = Store::open(&kept, today()).unwrap();
    assert!(old.case(&later_ref).is_ok());
    assert_eq!(old.count_cases(false).unwrap(), 2);
    // The backup itself is untouched and still usable.
    assert_eq!(Store::open(&backup_path, today()).unwrap().count_cases(false).unwrap(), 1);
}

#[test]
fn a_damaged_or_foreign_backup_is_refused_and_nothing_changes() {
    let db = TestDb::new();
    {
        let mut store = db.open();
        store.add_case(&case("Noah"), "Ann", today()).unwrap();
    }
    let before = std::fs::read(db.path()).unwrap();
    let not_db = db.dir.path().join("notes.txt");
    std::fs::write(&not_db, "not a database").unwrap();
    let err = restore(&db.path(), &not_db).unwrap_err();
    assert!(err.is_bad_input(), "{err}");
    let missing = db.dir.path().join("missing.sqlite3");
    assert!(restore(&db.path(), &missing).unwrap_err().is_bad_input());
    // A damaged backup.
    let damaged = db.dir.path().join("damaged.sqlite3");
    {
        let mut other = Store::open(&damaged, today()).unwrap();
        for i in 0..200 {
            other.add_case(&case(&format!("Child {i} {}", "y".repeat(100))), "Ann", today()).unwrap();
        }
    }
    let mut bytes = std::fs::read(&damaged).unwrap();
    let len = bytes.len();
    for b in &mut bytes[len / 2..len / 2 + 20_000] {
        *b = 0xA5;
    }
    std::fs::write(&damaged, &bytes).unwrap();
    let err = restore(&db.path(), &damaged).unwrap_err();
    assert!(err.to_string().contains("damaged"), "{err}");
    assert_eq!(std::fs::read(db.path()).unwrap(), before);
    let names: Vec<String> =
        std::fs::read_dir(db.dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(!names.iter().any(|n| n.contains("restoring") || n.contains("before-restore")), "{names:?}");
}

#[test]
fn restore_into_a_new_place_works() {
    let db = TestDb::new();
    let backup_path = db.dir.path().join("b.sqlite3");
    {
        let mut store = db.open();
        store.add_case(&case("Isla"), "Ann", today()).unwrap();
        store.backup(&backup_path).unwrap();
    }
    let fresh = db.dir.path().join("new").join("restored.sqlite3");
    std::fs::create_dir(fresh.parent().unwrap()).unwrap();
    assert_eq!(restore(&fresh, &backup_path).unwrap(), None);
    assert_eq!(Store::open(&fresh, today()).unwrap().count_cases(false).unwrap(), 1);
}

#[test]
fn the_app_restores_over_its_open_database_and_carries_on_with_the_restored_cases() {
    let db = TestDb::new();
    let backup_path = db.dir.path().join("monday.sqlite3");
    let mut store = db.open();
    let kept_ref = store.add_case(&case("Siân Before"), "Ann", today()).unwrap();
    store.backup(&backup_path).unwrap();
    let later_ref = store.add_case(&case("Zoë After"), "Ann", today()).unwrap();

    let (outcome, reopened) = store::restore_open(Some(store), &db.path(), &backup_path, today());
    assert!(outcome.unwrap().is_some(), "the old database is kept");
    let mut store = reopened.unwrap();
    assert!(store.case(&kept_ref).is_ok());
    assert!(matches!(store.case(&later_ref), Err(StoreError::NotFound { .. })));
    // The reopened store takes new work.
    store.add_case(&case("Noah Next"), "Ann", today()).unwrap();
    assert_eq!(store.count_cases(false).unwrap(), 2);

    // A foreign file is refused, and the app carries on with what it had.
    let not_db = db.dir.path().join("notes.txt");
    std::fs::write(&not_db, "not a database").unwrap();
    let (outcome, reopened) = store::restore_open(Some(store), &db.path(), &not_db, today());
    assert!(outcome.is_err());
    assert_eq!(reopened.unwrap().count_cases(false).unwrap(), 2);
}
