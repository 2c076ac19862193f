//! The encrypted database from the command line (issue 13): nothing a
//! person wrote lies in the clear in the data folder; a wrong passphrase
//! changes nothing; the recovery code unlocks and sets a new passphrase;
//! restore refuses what it cannot take (and while another program holds
//! the database) with the database unchanged, and restores on a new
//! laptop; backup refuses the database's own files; where there is no
//! database, commands say so rather than starting an empty one.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};

use common::*;

const NAME: &str = "Zebedee Quartermaine-Oduya";
const PASSPHRASE: &str = "MEDIATION_DESK_PASSPHRASE";
const RECOVERY_CODE: &str = "MEDIATION_DESK_RECOVERY_CODE";

fn run(db: &TestDb, args: &[&str]) -> Output {
    mediation_desk(Some(&db.path()), args, None, &[])
}

fn ok(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
    stdout(o)
}

/// Exit `code`, nothing on stdout, one line on stderr containing each of
/// `needles`; the line.
fn refused(o: &Output, code: i32, needles: &[&str]) -> String {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(code), "stderr: {err}");
    assert!(stdout(o).is_empty(), "stdout: {}", stdout(o));
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    for needle in needles {
        assert!(err.contains(needle), "{err:?} should contain {needle:?}");
    }
    err
}

fn case_json(child: &str) -> String {
    let mut input = case(child);
    input.note = Some(format!("{child} needs a quiet room."));
    serde_json::to_string(&input).unwrap()
}

/// Every file in `dir` and its folders, with its bytes.
fn files_in(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_in(&path));
        } else {
            let bytes = std::fs::read(&path).unwrap();
            out.push((path, bytes));
        }
    }
    out.sort();
    out
}

/// The files beside a database and their bytes, but for its lock (which
/// says who last held it).
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    files_in(dir).into_iter().filter(|(p, _)| !p.to_string_lossy().ends_with(".lock")).collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// `sqlite3 FILE .tables` (Debian's sqlite3, which scripts/test
/// installs): its stderr, having failed.
fn plain_sqlite_refuses(file: &Path) -> String {
    let o = std::process::Command::new("sqlite3")
        .arg(file)
        .arg(".tables")
        .output()
        .expect("sqlite3 must be installed (scripts/test installs Debian's sqlite3)");
    assert!(!o.status.success(), "sqlite3 read {}", file.display());
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The hidden crash-writer saving cases into `db` until killed, once it
/// has reported its first save (so it holds the database's lock).
fn writer_holding(db: &Path) -> (Child, BufReader<std::process::ChildStdout>) {
    let mut child = cli_command()
        .arg("--db")
        .arg(db)
        .args(["--as", "Writer", "crash-writer"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the writer starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    lines.read_line(&mut first).unwrap();
    assert!(first.starts_with("MD-"), "the writer saved a case: {first:?}");
    (child, lines)
}

#[test]
fn nothing_in_the_data_folder_is_in_the_clear() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let env = [("MEDIATION_DESK_DATA_DIR", data.to_str().unwrap())];
    let said = ok(&mediation_desk(None, &["init"], None, &env));
    let code = said.lines().find_map(|l| l.strip_prefix("Recovery code: ")).expect("a recovery code").to_string();
    let o = mediation_desk(None, &["--as", NAME, "case", "add", "-"], Some(&case_json(NAME)), &env);
    assert_eq!(ok(&o), "MD-2026-0001\n");
    let backup = data.join("before-the-holidays.backup");
    ok(&mediation_desk(None, &["backup", backup.to_str().unwrap()], None, &env));
    // A plain export does hold the name: the search below would find it.
    let export = home.path().join("log.csv");
    ok(&mediation_desk(None, &["export", "csv", "--out", export.to_str().unwrap()], None, &env));
    assert!(contains(&std::fs::read(&export).unwrap(), NAME.as_bytes()));

    // A writer killed mid-run leaves its write-ahead log, whose pages
    // rewrite those holding the name (the same tables, appended to).
    let db = data.join("mediation-desk.sqlite3");
    let (mut writer, mut lines) = writer_holding(&db);
    for _ in 0..5 {
        lines.read_line(&mut String::new()).unwrap();
    }
    writer.kill().unwrap();
    writer.wait().unwrap();
    let wal = data.join("mediation-desk.sqlite3-wal");
    assert!(std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0), "a write-ahead log was left");

    let files = files_in(&data);
    let names: Vec<String> = files.iter().map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    for expected in
        ["mediation-desk.sqlite3", "mediation-desk.sqlite3-wal", "mediation-desk.sqlite3.key", "before-the-holidays.backup"]
    {
        assert!(names.iter().any(|n| n == expected), "{expected} in {names:?}");
    }
    for (path, bytes) in &files {
        let lower = bytes.to_ascii_lowercase();
        // The full-text index keeps words lower-cased, one by one.
        for needle in ["zebedee", "quartermaine", "oduya", "quiet room"] {
            assert!(!contains(&lower, needle.as_bytes()), "{} holds {needle:?} in the clear", path.display());
        }
        assert!(!contains(bytes, TEST_PASSPHRASE.as_bytes()), "{} holds the passphrase", path.display());
        assert!(!contains(bytes, code.as_bytes()), "{} holds the recovery code", path.display());
    }
    // Plain SQLite cannot read the database, its log or the backup.
    let copies = tempfile::tempdir().unwrap();
    for name in ["mediation-desk.sqlite3", "before-the-holidays.backup"] {
        let copy = copies.path().join(name);
        std::fs::copy(data.join(name), &copy).unwrap();
        let err = plain_sqlite_refuses(&copy);
        assert!(err.contains("file is not a database"), "{name}: {err}");
    }
    // The folder is its owner's alone, and so is every file in it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&data), 0o700);
        for (path, _) in &files {
            assert_eq!(mode(path), 0o600, "{}", path.display());
        }
    }
    // And it all reads back: the writer's log is taken in, the name found.
    let o = mediation_desk(None, &["case", "list", "--search", "quartermaine"], None, &env);
    assert!(ok(&o).starts_with("MD-2026-0001\t"), "{}", stdout(&o));
}

#[test]
fn a_wrong_or_missing_passphrase_exits_2_and_changes_nothing() {
    let db = TestDb::new();
    ok(&mediation_desk(Some(&db.path()), &["case", "add", "-"], Some(&case_json("Amelia")), &[]));
    let before = snapshot(db.dir.path());
    let elsewhere = tempfile::tempdir().unwrap();
    let backup = elsewhere.path().join("never-written.backup");
    let wrong = [(PASSPHRASE, "not the passphrase at all")];
    for args in [&["case", "list"][..], &["today"], &["backup", backup.to_str().unwrap()], &["check"]] {
        let o = mediation_desk(Some(&db.path()), args, None, &wrong);
        refused(&o, 2, &["passphrase: does not unlock", PASSPHRASE]);
    }
    let o = mediation_desk(Some(&db.path()), &["case", "add", "-"], Some(&case_json("Zoë")), &wrong);
    refused(&o, 2, &["passphrase: does not unlock"]);
    // Set, it is checked; unset with no terminal, it is asked for by name.
    let o = mediation_desk_as_is(Some(&db.path()), &["case", "list"], None, &[], &[PASSPHRASE]);
    refused(&o, 2, &[PASSPHRASE, "is encrypted"]);
    let o = mediation_desk(Some(&db.path()), &["case", "list"], None, &[(RECOVERY_CODE, "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE")]);
    assert_eq!(o.status.code(), Some(0), "the passphrase, set, is the one used: {}", stderr(&o));
    assert_eq!(snapshot(db.dir.path()), before, "nothing was changed");
    assert!(!backup.exists());
    assert_eq!(db.open().count_cases(false).unwrap(), 1);
}

#[test]
fn init_shows_a_recovery_code_that_unlocks_and_sets_a_new_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("mediation-desk.sqlite3");
    let cli = |args: &[&str], stdin: Option<&str>, env: &[(&str, &str)], unset: &[&str]| {
        mediation_desk_as_is(Some(&db), args, stdin, env, unset)
    };
    // No passphrase and no terminal: init asks for one by name.
    refused(&cli(&["init"], None, &[], &[PASSPHRASE]), 2, &[PASSPHRASE]);
    refused(&cli(&["init"], None, &[(PASSPHRASE, "short")], &[]), 2, &["passphrase: is 5 characters"]);
    assert!(!db.exists() && !store::keys::is_set_up(&db), "nothing was made");
    let said = ok(&cli(&["init"], None, &[], &[]));
    assert!(said.starts_with(&format!("Created an encrypted database at {}.\n", db.display())), "{said}");
    assert!(said.contains("Print this code or write it down"), "{said}");
    assert!(said.contains("keep it apart from this laptop"), "{said}");
    let code = said.lines().find_map(|l| l.strip_prefix("Recovery code: ")).expect("a recovery code").to_string();
    assert_eq!(code.len(), 29, "{code}");
    refused(&cli(&["init"], None, &[], &[]), 2, &["already set up"]);
    ok(&cli(&["case", "add", "-"], Some(&case_json("Amelia")), &[], &[]));

    // The passphrase is forgotten: the recovery code, typed any old way, opens.
    let typed = code.to_lowercase().replace('-', " ");
    let o = cli(&["case", "list"], None, &[(RECOVERY_CODE, &typed)], &[PASSPHRASE]);
    assert!(ok(&o).starts_with("MD-2026-0001\t"));
    let o = cli(&["case", "list"], None, &[(RECOVERY_CODE, "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE")], &[PASSPHRASE]);
    refused(&o, 2, &["recovery code: does not unlock", RECOVERY_CODE]);
    // ...and sets a new passphrase.
    let new = "a much better passphrase";
    refused(
        &cli(&["passphrase"], None, &[(RECOVERY_CODE, &code), ("MEDIATION_DESK_NEW_PASSPHRASE", "tiny")], &[PASSPHRASE]),
        2,
        &["passphrase: is 4 characters"],
    );
    refused(&cli(&["passphrase"], None, &[(RECOVERY_CODE, &code)], &[PASSPHRASE]), 2, &["MEDIATION_DESK_NEW_PASSPHRASE"]);
    let o = cli(&["passphrase"], None, &[(RECOVERY_CODE, &code), ("MEDIATION_DESK_NEW_PASSPHRASE", new)], &[PASSPHRASE]);
    assert!(ok(&o).contains("is changed; its recovery code is as it was"));
    refused(&cli(&["case", "list"], None, &[], &[]), 2, &["passphrase: does not unlock"]);
    assert!(ok(&cli(&["case", "list"], None, &[(PASSPHRASE, new)], &[])).starts_with("MD-2026-0001\t"));
    assert!(ok(&cli(&["case", "list"], None, &[(RECOVERY_CODE, &code)], &[PASSPHRASE])).starts_with("MD-2026-0001\t"));
}

#[test]
fn restore_refuses_what_it_cannot_take_and_changes_nothing() {
    let db = TestDb::new();
    ok(&mediation_desk(Some(&db.path()), &["seed", "--cases", "20"], None, &[]));
    let files = tempfile::tempdir().unwrap();
    let file = |name: &str| files.path().join(name);

    std::fs::write(file("notes.txt"), "not a database").unwrap();
    {
        let other = rusqlite::Connection::open(file("other.sqlite3")).unwrap();
        other.execute_batch("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');").unwrap();
    }
    ok(&run(&db, &["backup", file("good.backup").to_str().unwrap()]));
    let good = std::fs::read(file("good.backup")).unwrap();
    std::fs::write(file("cut-short.backup"), &good[..good.len() / 2]).unwrap();
    std::fs::write(file("cut-in-its-key.backup"), &good[..60]).unwrap();
    // A database made by a newer version (same key: only its schema says no).
    let newer = TestDb::new();
    ok(&mediation_desk(Some(&newer.path()), &["case", "add", "-"], Some(&case_json("Amy")), &[]));
    raw_at(&newer.path()).execute_batch(&format!("PRAGMA user_version = {}", store::migrations::LATEST + 1)).unwrap();
    // Another laptop's database, under another key and passphrase.
    let elsewhere = tempfile::tempdir().unwrap();
    let theirs = elsewhere.path().join("mediation-desk.sqlite3");
    let their_passphrase = [(PASSPHRASE, "their own passphrase")];
    ok(&mediation_desk_as_is(Some(&theirs), &["init"], None, &their_passphrase, &[]));
    ok(&mediation_desk_as_is(Some(&theirs), &["case", "add", "-"], Some(&case_json("Their case")), &their_passphrase, &[]));
    ok(&mediation_desk_as_is(Some(&theirs), &["backup", file("theirs.backup").to_str().unwrap()], None, &their_passphrase, &[]));

    let before = snapshot(db.dir.path());
    let restore =
        |path: &Path, env: &[(&str, &str)]| mediation_desk(Some(&db.path()), &["restore", path.to_str().unwrap()], None, env);
    refused(&restore(&file("notes.txt"), &[]), 2, &["is not a Mediation Desk backup"]);
    refused(&restore(&file("other.sqlite3"), &[]), 2, &["is not a Mediation Desk database"]);
    refused(
        &restore(&file("cut-short.backup"), &[]),
        2,
        &["cut-short.backup cannot be read: it is damaged, cut short", "nothing was changed"],
    );
    refused(&restore(&file("cut-in-its-key.backup"), &[]), 2, &["cut short"]);
    refused(&restore(&newer.path(), &[]), 2, &["newer version of Mediation Desk"]);
    refused(&restore(&file("no-such.backup"), &[]), 2, &["is not a file"]);
    // Another database's backup: this one's passphrase does not open it,
    // nor a wrong one given for it.
    refused(&restore(&file("theirs.backup"), &[]), 2, &["MEDIATION_DESK_BACKUP_PASSPHRASE", "does not open the backup"]);
    refused(
        &restore(&file("theirs.backup"), &[("MEDIATION_DESK_BACKUP_PASSPHRASE", "a wrong guess at it")]),
        2,
        &["does not open the backup"],
    );
    assert_eq!(snapshot(db.dir.path()), before, "the database and everything beside it are as they were");
    assert_eq!(db.open().count_cases(false).unwrap(), 20);

    // With its passphrase it restores, under this database's own key.
    let o = restore(&file("theirs.backup"), &[("MEDIATION_DESK_BACKUP_PASSPHRASE", "their own passphrase")]);
    assert!(ok(&o).starts_with(&format!("Restored {} from ", db.path().display())), "{}", stdout(&o));
    assert!(stdout(&o).contains("(1 cases)\nThe database as it was is kept as "), "{}", stdout(&o));
    assert_eq!(db.open().case("MD-2026-0001").unwrap().child.name, "Their case");
}

#[test]
fn restore_and_writes_are_refused_while_another_program_holds_the_database() {
    let db = TestDb::new();
    ok(&run(&db, &["seed", "--cases", "5"]));
    let backup = db.dir.path().join("earlier.backup");
    ok(&run(&db, &["backup", backup.to_str().unwrap()]));
    let (mut writer, _lines) = writer_holding(&db.path());
    let holder = format!("in use by the mediation-desk command line (process {}", writer.id());
    let o = run(&db, &["restore", backup.to_str().unwrap()]);
    refused(&o, 1, &[&holder, "Nothing was changed"]);
    let o = mediation_desk(Some(&db.path()), &["case", "add", "-"], Some(&case_json("Ottoline Vandersloot")), &[]);
    refused(&o, 1, &[&holder]);
    writer.kill().unwrap();
    writer.wait().unwrap();
    // The writer's cases are all there: nothing was restored over them.
    let store = db.open();
    assert!(store.count_cases(false).unwrap() > 5);
    assert!(store
        .list_cases(&store::ListFilter { search: Some("Vandersloot".into()), ..Default::default() })
        .unwrap()
        .is_empty());
    assert!(files_in(db.dir.path()).iter().all(|(p, _)| !p.to_string_lossy().contains(".restoring-")));
}

#[test]
fn a_backup_restores_on_a_new_laptop_with_its_passphrase_or_recovery_code() {
    let db = TestDb::new();
    ok(&mediation_desk(Some(&db.path()), &["case", "add", "-"], Some(&case_json(NAME)), &[]));
    let backup = db.dir.path().join("laptop.backup");
    ok(&run(&db, &["backup", backup.to_str().unwrap()]));

    for (laptop, env, unset) in [
        ("with the passphrase", vec![], vec![]),
        ("with the recovery code", vec![(RECOVERY_CODE, test_recovery_code())], vec![PASSPHRASE]),
    ] {
        let home = tempfile::tempdir().unwrap();
        let data = home.path().join("data");
        let mut env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        env.push(("MEDIATION_DESK_DATA_DIR", data.to_str().unwrap()));
        let cli = |args: &[&str]| mediation_desk_as_is(None, args, None, &env, &unset);
        // Nothing there yet: said, and nothing made.
        refused(&cli(&["today"]), 2, &["there is no database at", "mediation-desk init"]);
        let o = cli(&["restore", backup.to_str().unwrap()]);
        let said = ok(&o);
        assert!(said.contains("(1 cases)\nThere was no database here before"), "{laptop}: {said}");
        assert!(said.contains("It opens with the passphrase (or the recovery code) of the database the backup was made from"));
        let listed = ok(&cli(&["case", "list", "--search", "zebedee"]));
        assert!(listed.starts_with("MD-2026-0001\t"), "{laptop}: {listed}");
        // It opens with the old laptop's passphrase from now on.
        let o = mediation_desk_as_is(None, &["case", "list"], None, &[("MEDIATION_DESK_DATA_DIR", data.to_str().unwrap())], &[]);
        assert!(ok(&o).starts_with("MD-2026-0001\t"), "{laptop}");
    }
}

#[test]
fn a_backup_onto_the_database_or_its_own_files_is_refused_and_touches_nothing() {
    let db = TestDb::new();
    ok(&mediation_desk(Some(&db.path()), &["case", "add", "-"], Some(&case_json("Amelia")), &[]));
    let dir = db.dir.path();
    let before = files_in(dir);
    let dotted = dir.join(".").join("mediation-desk.sqlite3");
    for target in [
        db.path(),
        dir.join("mediation-desk.sqlite3-wal"),
        dir.join("mediation-desk.sqlite3-shm"),
        dir.join("mediation-desk.sqlite3.key"),
        dotted,
    ] {
        let o = run(&db, &["backup", target.to_str().unwrap()]);
        refused(&o, 2, &["PATH: ", "is one of the database's own files"]);
        let after: Vec<_> = files_in(dir).into_iter().filter(|(p, _)| !p.to_string_lossy().ends_with(".lock")).collect();
        let before: Vec<_> = before.iter().filter(|(p, _)| !p.to_string_lossy().ends_with(".lock")).cloned().collect();
        assert_eq!(after, before, "{}: nothing was touched", target.display());
    }
    assert_eq!(db.open().count_cases(false).unwrap(), 1);
}

#[test]
fn where_there_is_no_database_commands_say_so_and_name_the_old_one() {
    let home = tempfile::tempdir().unwrap();
    let xdg = home.path().join("share");
    let env = [("XDG_DATA_HOME", xdg.to_str().unwrap()), ("HOME", home.path().to_str().unwrap())];
    let cli = |args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]| {
        mediation_desk_as_is(None, args, stdin, env, &["MEDIATION_DESK_DATA_DIR"])
    };
    let shared = xdg.join("uk.mediationdesk.app").join("mediation-desk.sqlite3");
    // No database anywhere: a read says how to make one; so does a write
    // with no passphrase given.
    for args in [&["today"][..], &["case", "list"], &["backup", "/tmp/x.backup"], &["check"], &["settings", "show"]] {
        refused(&cli(args, None, &env), 2, &[&format!("there is no database at {}", shared.display()), "`mediation-desk init`"]);
    }
    let o = mediation_desk_as_is(
        None,
        &["case", "add", "-"],
        Some(&case_json("Amy")),
        &env,
        &["MEDIATION_DESK_DATA_DIR", PASSPHRASE],
    );
    refused(&o, 2, &["there is no database at"]);
    assert!(!shared.exists() && !store::keys::is_set_up(&shared));

    // The command line's database from before it shared the app's folder:
    // named, even to a write with a passphrase (nobody starts an empty one
    // thinking it is theirs), and restored from.
    let old = xdg.join("mediation-desk").join("mediation-desk.sqlite3");
    std::fs::create_dir_all(old.parent().unwrap()).unwrap();
    let references = plain_database(&old, 12, 5);
    let restore_it = format!("your cases are at {}: restore them with `mediation-desk restore {}`", old.display(), old.display());
    refused(&cli(&["today"], None, &env), 2, &[&restore_it]);
    refused(&cli(&["case", "add", "-"], Some(&case_json("Amy")), &env), 2, &[&restore_it]);
    let o = cli(&["restore", old.to_str().unwrap()], None, &env);
    assert!(ok(&o).contains("(12 cases)"), "{}", stdout(&o));
    assert!(stderr(&o).contains("Recovery code: "), "set up with the passphrase given: {}", stderr(&o));
    let listed = ok(&cli(&["case", "list"], None, &env));
    assert_eq!(listed.lines().count(), references.len());
    assert!(store::encryption::is_plain(&old), "the old file is left as it was");
}

#[test]
fn a_plain_database_from_before_is_encrypted_on_first_use() {
    let db = TestDb::new();
    let references = plain_database(&db.path(), 8, 2);
    // No passphrase: nothing is done, and the variable is named.
    let o = mediation_desk_as_is(Some(&db.path()), &["case", "list"], None, &[], &[PASSPHRASE]);
    refused(&o, 2, &["made before this version", PASSPHRASE]);
    assert!(store::encryption::is_plain(&db.path()) && !store::keys::is_set_up(&db.path()));
    let o = mediation_desk_as_is(Some(&db.path()), &["case", "list"], None, &[], &[]);
    assert_eq!(ok(&o).lines().count(), references.len());
    let err = stderr(&o);
    assert!(err.contains("was encrypted with the passphrase given"), "{err}");
    assert!(err.contains("Recovery code: "), "{err}");
    assert!(!store::encryption::is_plain(&db.path()));
    let again = mediation_desk_as_is(Some(&db.path()), &["case", "list"], None, &[], &[]);
    assert_eq!(ok(&again), stdout(&o));
    assert!(stderr(&again).is_empty(), "said once: {}", stderr(&again));
}

#[test]
fn an_encrypted_database_without_its_key_file_is_refused_plainly_and_never_set_up_again() {
    let db = TestDb::new();
    ok(&mediation_desk(Some(&db.path()), &["case", "add", "-"], Some(&case_json("Amelia")), &[]));
    std::fs::remove_file(format!("{}.key", db.path().display())).unwrap();
    let before = std::fs::read(db.path()).unwrap();
    for args in [&["today"][..], &["init"][..]] {
        let o = mediation_desk_as_is(Some(&db.path()), args, None, &[], &[]);
        refused(&o, 1, &["key file", "is missing", "restore a backup"]);
    }
    assert_eq!(std::fs::read(db.path()).unwrap(), before, "nothing was changed");
    assert!(!Path::new(&format!("{}.key", db.path().display())).exists(), "no new key file was made");
}

#[test]
fn a_plain_export_says_what_personal_data_it_holds_before_it_is_written_and_a_pseudonymised_one_need_not() {
    let db = TestDb::new();
    ok(&mediation_desk(Some(&db.path()), &["case", "add", "-"], Some(&case_json("Amelia")), &[]));
    for (format, says) in
        [("csv", Some("names, dates of birth")), ("json", Some("everything in the database")), ("pseudonymised", None)]
    {
        let out = db.dir.path().join(format!("export.{format}"));
        let o = run(&db, &["export", format, "--out", out.to_str().unwrap()]);
        ok(&o);
        match says {
            Some(words) => {
                let err = stderr(&o);
                assert!(err.contains("not encrypted") && err.contains(words), "{format}: {err}");
            }
            None => assert!(stderr(&o).is_empty(), "{format}: {}", stderr(&o)),
        }
    }
}
