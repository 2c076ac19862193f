//! The store's command line: what a person typing commands sees, and exit
//! codes (2 for bad input naming the field, 1 otherwise; nothing written).

mod common;

use std::process::Output;

use common::*;
use desk::store::Store;

fn run(db: &TestDb, args: &[&str], stdin: Option<&str>) -> Output {
    mediation_desk(Some(&db.path()), args, stdin, &[])
}

fn run_as(db: &TestDb, args: &[&str], stdin: &str) -> Output {
    mediation_desk(Some(&db.path()), args, Some(stdin), &[("MEDIATION_DESK_USER", "Maya Mediator")])
}

fn case_json(child: &str) -> String {
    serde_json::to_string(&case(child)).unwrap()
}

/// Bad input: exit 2, one line naming `field`, and the database unchanged.
fn refused(db: &TestDb, args: &[&str], stdin: Option<&str>, field: &str) {
    let before = {
        let store = db.open();
        (counts(&store), all_history(&store))
    };
    let o = run(db, args, stdin);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(field), "{args:?}: expected {field} in {err}");
    let store = db.open();
    assert_eq!((counts(&store), all_history(&store)), before);
}

#[test]
fn add_show_update_close_and_history() {
    let db = TestDb::new();
    let o = run(&db, &["--as", "Ann Adviser", "case", "add", "-"], Some(&case_json("Siân Jones")));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "MD-2026-0001\n");

    let file = db.dir.path().join("example.json");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/case-example.json"), &file).unwrap();
    let o = run(&db, &["case", "add", file.to_str().unwrap()], None);
    assert_eq!(stdout(&o), "MD-2026-0042\n", "{}", stderr(&o));

    let o = run(&db, &["case", "show", "MD-2026-0001"], None);
    let shown: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(shown["child"]["name"], "Siân Jones");
    assert_eq!(shown["route"], "certificate_needed");
    assert_eq!(shown["timeline"]["route"], "certificate_needed");
    assert!(shown["timeline"]["clocks"].as_array().unwrap().len() > 1);
    assert_eq!(shown["history"][0]["who"], "Ann Adviser");

    let mut changed = case("Siân Jones-Evans");
    changed.note = None;
    let json = serde_json::to_string(&changed).unwrap();
    let o = run_as(&db, &["case", "update", "MD-2026-0001", "-"], &json);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let o = run(&db, &["case", "close", "MD-2026-0001", "--reason", "Appeal lodged"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&db, &["case", "history", "MD-2026-0001"], None);
    let text = stdout(&o);
    assert!(text.contains("Ann Adviser  created"), "{text}");
    assert!(text.contains("Maya Mediator  updated"), "{text}");
    assert!(text.contains("child.name: Siân Jones -> Siân Jones-Evans"), "{text}");
    assert!(text.contains("closing_reason: null -> Appeal lodged"), "{text}");
    let o = run(&db, &["case", "history", "MD-2026-0001", "--json"], None);
    let entries: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(entries.as_array().unwrap().len(), 3);

    let o = run(&db, &["case", "list", "--open"], None);
    assert!(stdout(&o).starts_with("MD-2026-0042\topen\t"), "{}", stdout(&o));
    let o = run(&db, &["case", "list", "--search", "sian jones-ev"], None);
    assert!(stdout(&o).starts_with("MD-2026-0001\tclosed\t"), "{}", stdout(&o));
    let o = run(&db, &["case", "list", "--search", "NEAR( \" AND ("], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn bad_input_exits_2_naming_the_field_and_writes_nothing() {
    let db = TestDb::new();
    let o = run(&db, &["case", "add", "-"], Some(&case_json("Amelia")));
    assert_eq!(o.status.code(), Some(0));
    refused(&db, &["case", "add", "-"], Some(&case_json(&"x".repeat(10_000))), "child.name");
    refused(
        &db,
        &["case", "add", "-"],
        Some(
            r#"{"child": {"name": "A"}, "local_authority": "Bury Council", "facts": {"decision": {"letter_dated": "2026-02-30"}}}"#,
        ),
        "facts.decision.letter_dated",
    );
    refused(
        &db,
        &["case", "add", "-"],
        Some(r#"{"child": {"name": "A"}, "facts": {"decision": {"letter_dated": "2026-02-03"}}}"#),
        "local_authority",
    );
    refused(&db, &["case", "add", "-"], Some("not json"), "case");
    refused(&db, &["case", "add", "/no/such/file.json"], None, "FILE");
    refused(&db, &["case", "show", "MD-2026-9999"], None, "reference");
    refused(&db, &["case", "close", "MD-2026-0001", "--reason", " "], None, "reason");
    refused(&db, &["case", "update", "MD-2026-0001", "-"], Some(&case_json(&"y".repeat(201))), "child.name");
    refused(&db, &["today", "--days", "soon"], None, "--days");
    refused(&db, &["seed", "--cases", "many"], None, "--cases");
    refused(&db, &["--as", "", "case", "add", "-"], Some(&case_json("Zoë")), "who");
}

#[test]
fn today_as_text_and_json() {
    let db = TestDb::new();
    let mut input = case("Leo");
    input.facts.declined_on = Some(date("2026-03-31"));
    run(&db, &["case", "add", "-"], Some(&serde_json::to_string(&input).unwrap()));
    let o = run(&db, &["today"], None);
    let text = stdout(&o);
    assert!(text.starts_with("Today: Tue 7 Apr 2026\n"), "{text}");
    for heading in ["Overdue (", "Due today (1)", "This week (", "Later ("] {
        assert!(text.contains(heading), "{text}");
    }
    assert!(
        text.contains("  Tue 7 Apr 2026  MD-2026-0001  Issue the certificate (mediation declined)  (Mediation adviser)"),
        "{text}"
    );
    assert!(text.contains("by 5pm on Tue 5 May 2026  MD-2026-0001  Appeal to the SEND Tribunal"), "{text}");
    let o = run(&db, &["today", "--json", "--days", "7"], None);
    let items: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(items[0]["reference"], "MD-2026-0001");
    assert_eq!(items[0]["status"], "due_today");
    assert!(items.as_array().unwrap().iter().all(|i| i["clock_key"] != "appeal"));
}

#[test]
fn backup_restore_check_and_seed() {
    let db = TestDb::new();
    let o = run(&db, &["seed", "--cases", "30", "--seed", "3"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("Loaded 30 cases"));
    let o = run(&db, &["check"], None);
    assert!(stdout(&o).starts_with("ok: "), "{}", stdout(&o));
    let backup = db.dir.path().join("backup.sqlite3");
    let o = run(&db, &["backup", backup.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    run(&db, &["case", "add", "-"], Some(&case_json("After the backup")));
    let o = run(&db, &["restore", backup.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("(30 cases)"), "{}", stdout(&o));
    assert!(stdout(&o).contains("before-restore-"), "{}", stdout(&o));
    assert_eq!(db.open().count_cases(false).unwrap(), 30);
}

#[test]
fn a_newer_database_exits_1_with_one_line() {
    let db = TestDb::new();
    {
        let conn = rusqlite::Connection::open(db.path()).unwrap();
        conn.execute_batch("PRAGMA user_version = 42;").unwrap();
    }
    let before = std::fs::read(db.path()).unwrap();
    let o = run(&db, &["case", "list"], None);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1);
    assert!(err.contains("newer version"), "{err}");
    assert_eq!(std::fs::read(db.path()).unwrap(), before);
}

#[test]
fn the_default_database_is_in_the_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let o = mediation_desk(
        None,
        &["case", "add", "-"],
        Some(&case_json("Ama")),
        &[("MEDIATION_DESK_DATA_DIR", data.to_str().unwrap())],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let path = dir.path().join("data").join("mediation-desk.sqlite3");
    // A new database, set up with the passphrase given, said on stderr with
    // its recovery code.
    assert!(err.contains(&format!("A new database was created at {}", path.display())), "{err}");
    assert!(err.contains("Recovery code: "), "{err}");
    let key = store::keys::unlock(&path, &store::Secret::passphrase(TEST_PASSPHRASE)).unwrap();
    assert_eq!(Store::open(path, &key, today()).unwrap().count_cases(false).unwrap(), 1);
}

#[test]
fn check_on_a_damaged_file_exits_1_naming_the_backups() {
    let db = TestDb::new();
    run(&db, &["seed", "--cases", "300"], None);
    let backup = db.dir.path().join("mediation-desk-backup.sqlite3");
    run(&db, &["backup", backup.to_str().unwrap()], None);
    let mut bytes = std::fs::read(db.path()).unwrap();
    let len = bytes.len();
    for b in &mut bytes[len / 3..len / 3 + 50_000] {
        *b = 0x33;
    }
    std::fs::write(db.path(), &bytes).unwrap();
    let o = run(&db, &["check"], None);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("is damaged"), "{err}");
    assert!(err.contains("mediation-desk-backup.sqlite3"), "{err}");
    assert_eq!(std::fs::read(db.path()).unwrap(), bytes, "looking changed nothing");
    // Restoring the backup mends it, keeping the damaged file aside.
    let o = run(&db, &["restore", backup.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&db, &["check"], None);
    assert!(stdout(&o).starts_with("ok: "), "{}", stderr(&o));
}

/// `case add` takes a past case's old reference; `case show` shows it and
/// `case list --search` finds the case by it.
#[test]
fn an_old_reference_is_shown_and_searched_from_the_command_line() {
    let db = TestDb::new();
    let mut json: serde_json::Value = serde_json::from_str(&case_json("Siân Jones")).unwrap();
    json["legacy_reference"] = "OLD-001".into();
    let o = run(&db, &["case", "add", "-"], Some(&json.to_string()));
    assert_eq!(stdout(&o), "MD-2026-0001\n", "{}", stderr(&o));
    let shown: serde_json::Value = serde_json::from_str(&stdout(&run(&db, &["case", "show", "MD-2026-0001"], None))).unwrap();
    assert_eq!((shown["reference"].as_str(), shown["legacy_reference"].as_str()), (Some("MD-2026-0001"), Some("OLD-001")));
    let listed = stdout(&run(&db, &["case", "list", "--search", "OLD-001"], None));
    assert!(listed.starts_with("MD-2026-0001\t"), "{listed}");
    json["legacy_reference"] = "OLD\u{7}001".into();
    refused(&db, &["case", "add", "-"], Some(&json.to_string()), "legacy_reference: contains a control character");
}

#[test]
fn the_appellant_in_the_case_json_is_shown_and_a_young_person_of_school_age_is_refused() {
    let db = TestDb::new();
    let json = r#"{"opened_on":"2026-03-10","caller":{"name":"Roberto Advocatus","role":"representative"},
        "appellant":{"name":"Pat Quern","role":"parent","relationship":"grandmother","contact":"07700 900123"},
        "child":{"name":"Alex Quern","date_of_birth":"2015-06-01"},"local_authority":"Bury Council",
        "facts":{"decision":{"kind":"refuse_to_assess","letter_dated":"2026-03-02"},"first_contact_on":"2026-03-10"}}"#;
    let o = run(&db, &["case", "add", "-"], Some(json));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let shown: serde_json::Value = serde_json::from_str(&stdout(&run(&db, &["case", "show", "MD-2026-0001"], None))).unwrap();
    assert_eq!(
        shown["appellant"],
        serde_json::json!({"name": "Pat Quern", "role": "parent", "date_of_birth": null,
                           "relationship": "grandmother", "contact": "07700 900123"})
    );
    assert_eq!(shown["caller"]["role"], "representative");
    let history: serde_json::Value =
        serde_json::from_str(&stdout(&run(&db, &["case", "history", "MD-2026-0001", "--json"], None))).unwrap();
    let change = history[0]["changes"].as_array().unwrap().iter().find(|c| c["field"] == "appellant").unwrap().clone();
    assert_eq!(change["after"]["name"], "Pat Quern");

    // A 10-year-old saved as the young person who rang, or as the appellant.
    let ten = json.replace(r#""role":"representative""#, r#""role":"young_person""#).replace(
        r#""appellant":{"name":"Pat Quern","role":"parent","relationship":"grandmother","contact":"07700 900123"},"#,
        "",
    );
    refused(&db, &["case", "add", "-"], Some(&ten), "caller.role");
    let ten = json.replace(r#""role":"parent""#, r#""role":"young_person""#);
    refused(&db, &["case", "add", "-"], Some(&ten), "appellant.role");
    let bad = json.replace(r#""role":"parent""#, r#""role":"representative""#);
    refused(&db, &["case", "add", "-"], Some(&bad), "appellant.role");
}
