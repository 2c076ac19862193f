//! The export, import and report commands: files written, exit codes (2
//! for bad input with one line naming it; nothing written).

mod common;

use std::process::Output;

use common::*;

fn run(db: &TestDb, args: &[&str]) -> Output {
    mediation_desk(Some(&db.path()), args, None, &[])
}

fn ok(db: &TestDb, args: &[&str]) -> String {
    let o = run(db, args);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn refused(db: &TestDb, args: &[&str], expected: &str) {
    let o = run(db, args);
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(expected), "{args:?}: expected {expected} in {err}");
}

#[test]
fn export_report_and_import_from_the_command_line() {
    let db = TestDb::new();
    ok(&db, &["seed", "--cases", "60"]);
    let dir = db.dir.path();
    let p = |name: &str| dir.join(name).to_str().unwrap().to_string();
    for (format, file) in [("csv", "log.csv"), ("pseudonymised", "p.csv"), ("json", "all.json"), ("ics", "clocks.ics")] {
        ok(&db, &["export", format, "--out", &p(file)]);
        assert!(std::fs::metadata(p(file)).unwrap().len() > 100, "{format}");
    }
    ok(
        &db,
        &["export", "csv", "--from", "2025-01-01", "--to", "2025-12-31", "--la", "Bolton Council", "--out", &p("bolton.csv")],
    );
    let rows = python(
        "import csv,sys\nrows=list(csv.DictReader(open(sys.argv[1],encoding='utf-8-sig',newline='')))\nprint(len(rows), set(r['Local authority'] for r in rows) <= {'Bolton Council'})",
        &[&p("bolton.csv")],
    );
    assert!(rows.trim().ends_with("True"), "{rows}");
    ok(&db, &["report", "kpi", "--from", "2025-04-01", "--to", "2026-03-31", "--out", &p("kpi.pdf")]);
    assert!(std::fs::read(p("kpi.pdf")).unwrap().starts_with(b"%PDF"));
    ok(&db, &["report", "kpi", "--from", "2025-04-01", "--to", "2026-03-31", "--la", "Bolton Council", "--out", &p("kpi.csv")]);

    refused(&db, &["report", "kpi", "--from", "2025-04-01", "--to", "2026-03-31", "--out", &p("kpi.txt")], "--out");
    refused(&db, &["report", "kpi", "--from", "2026-04-01", "--to", "2025-03-31", "--out", &p("kpi.csv")], "--to");
    refused(&db, &["export", "csv", "--from", "31/02/2025", "--out", &p("x.csv")], "--from");

    // The full export restores into an empty database, identically.
    let other = TestDb::new();
    ok(&other, &["import", "json", &p("all.json")]);
    ok(&other, &["export", "json", "--out", &p("again.json")]);
    assert_eq!(std::fs::read(p("all.json")).unwrap(), std::fs::read(p("again.json")).unwrap());
    // Not into a database with cases in it.
    refused(&db, &["import", "json", &p("all.json")], "not empty");
}

#[test]
fn csv_import_guesses_and_saves_a_mapping_dry_runs_and_refuses_a_bad_row() {
    let db = TestDb::new();
    let dir = db.dir.path();
    let p = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let good = "Child name,LA,Date sent,Decision\r\nSiân,Leeds City Council,03/03/2026,Refuse to assess\r\nZoë,Leeds City Council,2026-03-04,Plan contents\r\n";
    std::fs::write(p("good.csv"), good).unwrap();
    std::fs::write(p("bad.csv"), good.replace("2026-03-04", "31/02/2026")).unwrap();
    let out = ok(&db, &["import", "csv", &p("good.csv"), "--mapping", &p("map.json"), "--dry-run"]);
    assert!(out.contains("2 rows, 0 problems. Dry run: nothing was imported."), "{out}");
    let saved = std::fs::read_to_string(p("map.json")).unwrap();
    assert!(saved.contains("\"Date sent\": \"decision_sent_on\""), "{saved}");
    refused(&db, &["import", "csv", &p("bad.csv"), "--mapping", &p("map.json")], "row 2: 'Date sent' 31/02/2026 is not a date");
    assert_eq!(db.open().count_cases(false).unwrap(), 0);
    let out = ok(&db, &["import", "csv", &p("good.csv"), "--mapping", &p("map.json")]);
    assert_eq!(out, "Imported 2 cases.\n");
    assert_eq!(db.open().count_cases(false).unwrap(), 2);
}

#[test]
fn the_report_on_seeded_data_counts_the_cases_closed_in_a_past_year() {
    let db = TestDb::new();
    ok(&db, &["seed", "--cases", "200"]);
    let out = db.dir.path().join("kpi.csv");
    ok(&db, &["report", "kpi", "--from", "2024-04-01", "--to", "2025-03-31", "--out", out.to_str().unwrap()]);
    let text = std::fs::read_to_string(&out).unwrap();
    let closed: u32 = text.lines().find_map(|l| l.strip_prefix("Cases,Closed,")).expect("a Closed row").parse().unwrap();
    assert!(closed > 0, "{text}");
}
