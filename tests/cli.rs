//! The `mediation-desk` command-line contract: output formats, both date
//! forms, and bad input that exits 2 with one line naming the argument.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mediation-desk")).args(args).output().expect("the binary runs")
}

fn run_with_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mediation-desk"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Exit 2, nothing on stdout, exactly one line on stderr containing `needle`.
fn assert_bad_input(o: &Output, needle: &str) {
    assert_eq!(o.status.code(), Some(2), "stderr: {}", stderr(o));
    assert!(stdout(o).is_empty(), "stdout: {}", stdout(o));
    let err = stderr(o);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err:?}");
    assert!(err.contains(needle), "{err:?} should contain {needle:?}");
}

#[test]
fn holidays_prints_the_years_dates_ascending() {
    let o = run(&["holidays", "2022"]);
    assert!(o.status.success());
    assert_eq!(
        stdout(&o),
        "2022-01-03\n2022-04-15\n2022-04-18\n2022-05-02\n2022-06-02\n2022-06-03\n2022-08-29\n2022-09-19\n2022-12-26\n2022-12-27\n"
    );
    // A projected year comes from the rules.
    assert_eq!(stdout(&run(&["holidays", "2033"])).lines().next(), Some("2033-01-03"));
}

#[test]
fn add_working_days_accepts_both_date_forms_and_negative_counts() {
    assert_eq!(stdout(&run(&["add-working-days", "2025-12-19", "3"])), "2025-12-24\n");
    assert_eq!(stdout(&run(&["add-working-days", "02/04/2026", "3"])), "2026-04-09\n");
    assert_eq!(stdout(&run(&["add-working-days", "2026-04-09", "-3"])), "2026-04-02\n");
    assert_eq!(stdout(&run(&["add-working-days", "2026-04-09", "0"])), "2026-04-09\n");
}

#[test]
fn appeal_deadline_prints_the_date_then_the_working() {
    let o = run(&["appeal-deadline", "--decision-sent", "2025-10-01", "--certificate-issued", "29/11/2025"]);
    assert_eq!(stdout(&o), "2026-01-02\n");
    let o = run(&["appeal-deadline", "--decision-sent", "2026-03-10", "--explain"]);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "2026-05-11");
    assert!(lines.iter().any(|l| l.contains("Rule 12(2)") && l.contains("Sun 10 May 2026 moves to Mon 11 May 2026")), "{out}");
    assert!(lines.contains(&"Due: by 5pm on Mon 11 May 2026"), "{out}");
    assert!(lines.iter().any(|l| l.starts_with("Citation: ") && l.contains("r.20(1)(c)")), "{out}");
}

#[test]
fn timeline_reads_facts_from_stdin_and_writes_json() {
    let facts = r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2026-02-01"},"first_contact_on":"2026-02-10","declined_on":"2026-02-10"}"#;
    let o = run_with_stdin(&["timeline", "-", "--today", "2026-02-11"], facts);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["route"], "certificate_needed");
    let clocks = json["clocks"].as_array().unwrap();
    let cert = clocks.iter().find(|c| c["key"] == "certificate_declined").unwrap();
    assert_eq!(cert["due_date"], "2026-02-13");
    assert_eq!(cert["status"], "upcoming");
    let appeal = clocks.iter().find(|c| c["key"] == "appeal").unwrap();
    assert_eq!(appeal["due_date"], "2026-04-01");
    assert_eq!(appeal["due_by_time"], "5pm");
}

#[test]
fn timeline_reads_a_file_and_applies_the_counting_choices() {
    let dir = std::env::temp_dir().join(format!("md-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("case.json");
    std::fs::write(&path, r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2026-01-05"},"first_contact_on":"2026-01-12","family_told_la_on":"2026-01-14","adviser_told_la_on":"2026-01-13"}"#).unwrap();
    let due = |extra: &[&str]| {
        let mut args = vec!["timeline", path.to_str().unwrap(), "--today", "2026-01-20"];
        args.extend_from_slice(extra);
        let json: serde_json::Value = serde_json::from_str(&stdout(&run(&args))).unwrap();
        json["clocks"].as_array().unwrap().iter().find(|c| c["key"] == "mediation_held").unwrap()["due_date"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(due(&[]), "2026-02-12");
    assert_eq!(due(&["--thirty-days-from", "family-notice"]), "2026-02-13");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_input_exits_2_with_one_line_naming_the_argument() {
    assert_bad_input(&run(&["add-working-days", "31/02/2025", "3"]), "31/02/2025 is not a date: February 2025 has 28 days");
    assert_bad_input(&run(&["add-working-days", "2025-13-01", "3"]), "there is no month 13");
    assert_bad_input(&run(&["add-working-days", "tomorrow", "3"]), "<DATE>");
    assert_bad_input(&run(&["add-working-days", "2025-01-01", "three"]), "N: 'three' is not a whole number");
    assert_bad_input(&run(&["holidays", "1989"]), "YEAR: 1989 is outside 1990–2100");
    assert_bad_input(&run(&["holidays", "twenty"]), "YEAR: 'twenty' is not a year");
    assert_bad_input(&run(&["appeal-deadline"]), "--decision-sent");
    assert_bad_input(
        &run(&["appeal-deadline", "--decision-sent", "2026-02-01", "--certificate-issued", "2026-01-01"]),
        "--certificate-issued: Thu 1 Jan 2026 is before the decision was sent",
    );
    assert_bad_input(&run(&["timeline", "/no/such/file.json"]), "FILE: cannot read /no/such/file.json");
    assert_bad_input(
        &run_with_stdin(&["timeline", "-"], r#"{"decision":{"sent_on":"2026-02-30"}}"#),
        "decision.sent_on: not a real date",
    );
    assert_bad_input(&run_with_stdin(&["timeline", "-"], "{not json"), "case facts:");
    let long = "x".repeat(10_000);
    let o = run(&["add-working-days", &long, "3"]);
    assert_bad_input(&o, "is not a date");
    assert!(stderr(&o).len() < 400, "a 10,000-character argument is not echoed whole");
}

#[test]
fn a_malformed_bank_holidays_file_is_refused() {
    let dir = std::env::temp_dir().join(format!("md-cli-bh-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bank-holidays.json");
    std::fs::write(&path, r#"{"england-and-wales":{"events":[{"title":"x","date":"2026-02-30"}]}}"#).unwrap();
    assert_bad_input(
        &run(&["--bank-holidays", path.to_str().unwrap(), "holidays", "2026"]),
        "--bank-holidays: bank holidays file: england-and-wales events[0].date",
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Issue 10: which certificate the month counts from is a reading, on
/// `appeal-deadline` and `timeline` alike; the default is the first.
#[test]
fn the_appeal_certificate_reading_is_a_flag() {
    let args = [
        "appeal-deadline",
        "--decision-sent",
        "2026-01-05",
        "--certificate-issued",
        "2026-02-20",
        "--certificate-issued",
        "2026-03-10",
    ];
    // 1 month from Fri 20 Feb = Fri 20 Mar (later than Thu 5 Mar); from Tue 10 Mar = Fri 10 Apr.
    assert_eq!(stdout(&run(&args)), "2026-03-20\n");
    let mut latest = args.to_vec();
    latest.extend(["--appeal-certificate", "latest-in-force"]);
    assert_eq!(stdout(&run(&latest)), "2026-04-10\n");
    let mut explained = args.to_vec();
    explained.push("--explain");
    assert!(stdout(&run(&explained)).contains("the Tribunal decides which date it accepts"));
    let facts = r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2026-01-05"},"first_contact_on":"2026-02-16","declined_on":"2026-02-18",
        "certificates":[{"kind":"declined","issued_on":"2026-02-20","voided":true},{"kind":"declined","issued_on":"2026-03-10"}]}"#;
    let due = |extra: &[&str]| {
        let mut args = vec!["timeline", "-", "--today", "2026-03-11"];
        args.extend_from_slice(extra);
        let json: serde_json::Value = serde_json::from_str(&stdout(&run_with_stdin(&args, facts))).unwrap();
        assert_eq!(json["choices"]["appeal_certificate"], if extra.is_empty() { "first_certificate" } else { "latest_in_force" });
        json["clocks"].as_array().unwrap().iter().find(|c| c["key"] == "appeal").unwrap()["due_date"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(due(&[]), "2026-03-20");
    assert_eq!(due(&["--appeal-certificate", "latest-in-force"]), "2026-04-10");
    assert_bad_input(&run(&["appeal-deadline", "--decision-sent", "2026-01-05", "--appeal-certificate", "newest"]), "newest");
}

/// Exit 2 with one line, never a panic (exit 101), for numbers and dates at
/// the ends of what the types hold.
#[test]
fn extreme_numbers_and_dates_are_refused_not_panicked_on() {
    for n in ["-2147483648", "2147483647", "-3661", "99999999999999999999999"] {
        assert_bad_input(&run(&["add-working-days", "2026-01-01", n]), &format!("N: {n} is outside -3660 to 3660"));
    }
    // The ends of the range still count.
    assert_eq!(stdout(&run(&["add-working-days", "2026-01-01", "3660"])), "2040-06-22\n");
    assert_eq!(stdout(&run(&["add-working-days", "2026-01-01", "-3660"])), "2011-07-08\n");
    // A year chrono can hold but the app cannot count in, in JSON.
    for year in ["+262142", "-262143", "+10000"] {
        let facts = format!(r#"{{"decision":{{"kind":"refuse_to_assess","sent_on":"{year}-12-31"}}}}"#);
        assert_bad_input(
            &run_with_stdin(&["timeline", "-", "--today", "2026-01-01"], &facts),
            &format!("decision.sent_on: '{year}-12-31' is not a date in the form YYYY-MM-DD (a four-digit year)"),
        );
    }
    // A decision before the SEND rules began: named, not "no deadline was computed" (exit 1).
    assert_bad_input(
        &run(&["appeal-deadline", "--decision-sent", "1990-01-01"]),
        "--decision-sent: Date the letter was sent (Mon 1 Jan 1990) is before 1 Sep 2014",
    );
}

/// The store's numbers: out of range is refused naming the flag and the
/// range (`--days -1` was clap's "unexpected argument '-1'").
#[test]
fn store_numbers_name_their_flag_and_range() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("md.sqlite3");
    let db = db.to_str().unwrap();
    assert_bad_input(&run(&["--db", db, "today", "--days", "-1"]), "--days: -1 is outside 0 to 3660");
    assert_bad_input(
        &run(&["--db", db, "today", "--days", "99999999999999999999"]),
        "--days: 99999999999999999999 is outside 0 to 3660",
    );
    assert_bad_input(&run(&["--db", db, "seed", "--cases", "-5"]), "--cases: -5 is outside 0 to 1000000");
    assert_bad_input(
        &run(&["--db", db, "seed", "--cases", "1", "--seed", "-1"]),
        "--seed: -1 is outside 0 to 18446744073709551615",
    );
}

/// `YYYY-MM-DD` has a two-digit month and day (`2026-2-3` was read as 3
/// February); `DD/MM/YYYY` may leave out the zeros.
#[test]
fn an_iso_date_needs_a_two_digit_month_and_day() {
    assert_bad_input(
        &run(&["add-working-days", "2026-2-3", "1"]),
        "<DATE>: 2026-2-3 is not a date in the form YYYY-MM-DD: write the month and the day with two digits each, 2026-02-03",
    );
    assert_bad_input(&run(&["appeal-deadline", "--decision-sent", "2026-02-3"]), "2026-02-03");
    assert_eq!(stdout(&run(&["add-working-days", "3/2/2026", "1"])), "2026-02-04\n");
    assert_eq!(stdout(&run(&["add-working-days", "03/02/2026", "1"])), "2026-02-04\n");
    // The same in JSON.
    assert_bad_input(
        &run_with_stdin(&["timeline", "-"], r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2026-2-3"}}"#),
        "decision.sent_on: '2026-2-3' is not a date in the form YYYY-MM-DD: write 2026-02-03",
    );
    assert_bad_input(
        &run_with_stdin(
            &["timeline", "-"],
            r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2026-02-03"},"meetings":[{"date":"2026-3-01","status":"held"}]}"#,
        ),
        "meetings[0].date: '2026-3-01' is not a date in the form YYYY-MM-DD: write 2026-03-01",
    );
}

#[test]
fn an_implausible_bank_holidays_file_is_refused_naming_the_year() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bank-holidays.json");
    // Every day of 2026 a holiday.
    let events: Vec<String> = (0..365)
        .map(|i| {
            format!(
                r#"{{"title":"Day","date":"{}"}}"#,
                chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(i)
            )
        })
        .collect();
    std::fs::write(&path, format!(r#"{{"england-and-wales":{{"events":[{}]}}}}"#, events.join(","))).unwrap();
    let o = run(&["--bank-holidays", path.to_str().unwrap(), "add-working-days", "2026-03-02", "3"]);
    assert_bad_input(
        &o,
        "--bank-holidays: bank holidays file: 2026 lists 365 holidays, but England and Wales has never had more than 15",
    );
}

/// `timeline` without `--today` judges statuses on the app's today, which
/// honours MEDIATION_DESK_TODAY like every other command (it read the
/// machine's clock itself).
#[test]
fn timeline_without_today_uses_the_apps_today() {
    let facts = r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2026-02-01"}}"#;
    let judged_on = |today: &str| -> serde_json::Value {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mediation-desk"))
            .args(["timeline", "-"])
            .env("MEDIATION_DESK_TODAY", today)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        child.stdin.take().unwrap().write_all(facts.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_str(&stdout(&out)).unwrap()
    };
    let early = judged_on("2026-02-10");
    assert_eq!(early["today"], "2026-02-10");
    let contact = |t: &serde_json::Value| {
        t["clocks"].as_array().unwrap().iter().find(|c| c["key"] == "contact_adviser").unwrap()["status"].clone()
    };
    assert_eq!(contact(&early), "upcoming");
    assert_eq!(contact(&judged_on("2026-05-01")), "overdue");
}
