//! Crash safety: a child process saving cases one by one to the encrypted
//! database is killed with SIGKILL at random moments, again and again.
//! After every kill the file is sound, every case the child reported saved
//! is there and whole, and nothing half-saved is visible. And a command
//! killed while it encrypts a plain database from before encryption loses
//! nothing.
//!
//! The moment of each kill is chosen by the writer's progress (or the
//! files the conversion leaves), not by the clock: the test waits until
//! the writer has reported a random number of saves (none, now and then: a
//! kill while it opens the database), so a loaded machine changes how long
//! the test takes, never what it tests.

mod common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Instant;

use common::*;
use desk::generator::Rng;

const KILLS: usize = 60;

#[test]
fn killed_writers_never_leave_half_saved_cases() {
    let db = TestDb::new();
    // Encrypted, as every database is: the writers unlock it with the
    // passphrase (Argon2id each time), the checks open it with its key.
    set_up_for_cli(&db.path());
    let started = Instant::now();
    let mut rng = Rng::new(0x5EED);
    let mut reported: Vec<String> = Vec::new();
    let mut mid_run_kills = 0;
    for round in 0..KILLS {
        let mut child = cli_command()
            .arg("--db")
            .arg(db.path())
            .args(["--as", "Crash Test", "crash-writer", "--seed"])
            .arg(round.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the writer starts");
        // What the writer has reported saved, and whether its output ended.
        let progress = Arc::new((Mutex::new((Vec::<String>::new(), false)), Condvar::new()));
        let reader = {
            let (out, progress) = (child.stdout.take().unwrap(), progress.clone());
            std::thread::spawn(move || {
                let (state, changed) = &*progress;
                for line in BufReader::new(out).lines() {
                    match line {
                        Ok(line) => state.lock().unwrap().0.push(line),
                        Err(_) => break,
                    }
                    changed.notify_all();
                }
                state.lock().unwrap().1 = true;
                changed.notify_all();
            })
        };
        // A random moment: now and then while it opens (no save reported
        // yet), mostly after a random number of saves, while it writes the
        // next one.
        let saves_before_kill = if rng.chance(12) { 0 } else { rng.range(1, 4) as usize };
        {
            let (state, changed) = &*progress;
            let _ready =
                changed.wait_while(state.lock().unwrap(), |(lines, ended)| lines.len() < saves_before_kill && !*ended).unwrap();
        }
        let still_running = child.try_wait().unwrap().is_none();
        child.kill().expect("SIGKILL"); // std sends SIGKILL on Unix
        child.wait().unwrap();
        reader.join().unwrap();
        if still_running {
            mid_run_kills += 1;
        }
        let saved = progress.0.lock().unwrap().0.clone();
        reported.extend(saved);

        let store = open_at(db.path()).expect("the database opens after a kill");
        assert!(store.integrity_check().unwrap().is_empty(), "round {round}: integrity_check failed");
        for reference in &reported {
            let case = store.case(reference).unwrap_or_else(|e| panic!("round {round}: {reference} was reported saved but: {e}"));
            assert!(!case.child.name.is_empty());
            assert!(case.caller.is_some());
            assert!(case.facts.decision.letter_dated.is_some());
        }
        let conn = raw(&store);
        let half_saved: i64 = conn
            .query_row(
                "SELECT
                   (SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.case_id = c.id AND p.part = 'child'))
                 + (SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.case_id = c.id AND p.part = 'caller'))
                 + (SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM history h WHERE h.reference = c.reference AND h.action = 'created'))
                 + (SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM case_search s WHERE s.rowid = c.id))
                 + (SELECT count(*) FROM history h WHERE h.action = 'created' AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.reference = h.reference))
                 + (SELECT count(*) FROM people p WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = p.case_id))
                 + (SELECT count(*) FROM cases WHERE NOT json_valid(facts))",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(half_saved, 0, "round {round}: something half-saved is visible");
        let fk: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
        assert_eq!(fk, 0);
        drop(store);
    }
    let store = db.open();
    let total = store.count_cases(false).unwrap() as usize;
    eprintln!(
        "{KILLS} kills ({mid_run_kills} of a running writer), {} cases reported saved, {total} in the file, {:.1} s",
        reported.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(total >= reported.len());
    // At most one unreported case per kill (committed, killed before printing).
    assert!(total - reported.len() <= KILLS);
    assert!(reported.len() > KILLS, "the writers saved too little to test anything ({})", reported.len());
    assert!(mid_run_kills >= KILLS * 9 / 10, "most kills hit a running writer");
}

/// Where the command line is when it is killed while encrypting a plain
/// database from before encryption on first use.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Moment {
    /// At once: it may not have read anything yet.
    Started,
    /// Its key file is written (the database still plain).
    KeyFileWritten,
    /// The encrypted copy `<db>.encrypting` has appeared.
    CopyStarted,
    /// The encrypted copy has grown past half the plain file's size.
    CopyHalfWritten,
    /// The encrypted copy has been renamed over the plain file.
    Swapped,
    /// Not killed: it ends by itself.
    Never,
}

/// A kill at any moment of the conversion of a plain database loses
/// nothing: the next command finishes the conversion, and the encrypted
/// database holds every case exactly once, with every row of every table.
/// The moments are conditions on the files the conversion leaves (waited
/// for by looking, not by the clock), so a slow machine changes how long
/// this takes, never what it tests.
#[test]
fn a_kill_while_a_plain_database_is_encrypted_loses_nothing() {
    use desk::store::{encryption, keys, Secret};
    let started = Instant::now();
    let source = tempfile::tempdir().unwrap();
    let plain = source.path().join("plain.sqlite3");
    let references = plain_database(&plain, 1000, 13);
    let expected = table_counts(&rusqlite::Connection::open(&plain).unwrap());
    let plain_size = std::fs::metadata(&plain).unwrap().len();
    let moments = [
        Moment::Started,
        Moment::KeyFileWritten,
        Moment::CopyStarted,
        Moment::CopyHalfWritten,
        Moment::CopyStarted,
        Moment::CopyHalfWritten,
        Moment::Swapped,
        Moment::Never,
    ];
    let mut killed_mid_copy = 0;
    for (round, moment) in moments.into_iter().enumerate() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("mediation-desk.sqlite3");
        std::fs::copy(&plain, &db).unwrap();
        let encrypting = dir.path().join("mediation-desk.sqlite3.encrypting");
        let mut child = cli_command()
            .arg("--db")
            .arg(&db)
            .arg("check")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the command starts");
        let reached = || match moment {
            Moment::Started | Moment::Never => true,
            Moment::KeyFileWritten => keys::is_set_up(&db),
            Moment::CopyStarted => encrypting.exists(),
            Moment::CopyHalfWritten => std::fs::metadata(&encrypting).is_ok_and(|m| m.len() > plain_size / 2),
            Moment::Swapped => db.exists() && !encryption::is_plain(&db),
        };
        // Look until the moment comes or the command has ended.
        while !reached() && child.try_wait().unwrap().is_none() {
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
        if moment == Moment::Never {
            assert!(child.wait().unwrap().success(), "round {round}: the conversion ends by itself");
        } else {
            child.kill().expect("SIGKILL");
            child.wait().unwrap();
        }
        if encrypting.exists() {
            killed_mid_copy += 1;
        }
        // The next command finishes the job.
        let o = mediation_desk(Some(&db), &["check"], None, &[]);
        assert_eq!(o.status.code(), Some(0), "round {round} ({moment:?}): {}", stderr(&o));
        assert!(stdout(&o).contains("(1000 cases, "), "round {round} ({moment:?}): {}", stdout(&o));
        assert!(!encryption::is_plain(&db) && !encrypting.exists(), "round {round} ({moment:?})");
        let key = keys::unlock(&db, &Secret::passphrase(TEST_PASSPHRASE)).unwrap();
        let conn = encryption::open_read_only(&db, &key).unwrap();
        let found: Vec<String> = conn
            .prepare("SELECT reference FROM cases ORDER BY reference")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(found, references, "round {round} ({moment:?}): every case, each once");
        assert_eq!(table_counts(&conn), expected, "round {round} ({moment:?}): every row of every table");
    }
    eprintln!(
        "{} conversions of a {plain_size}-byte database, {killed_mid_copy} killed while the encrypted copy was being written, {:.1} s",
        moments.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(killed_mid_copy >= 1, "at least one kill came while the encrypted copy was being written");
}
