//! Every worked example in ../shared/spec/statutory-clocks.md, as a test.

mod common;
use common::{d, facts, timeline_on};

use chrono::{Datelike, Weekday};
use law::calendar::{add_days, add_months, Calendar};
use law::rules::appeal;
use law::timeline::Flag;

#[test]
fn calendar_months_use_the_corresponding_date_and_clamp_to_the_month_end() {
    assert_eq!(add_months(d("2026-02-01"), 2).0, d("2026-04-01"));
    assert_eq!(add_months(d("2026-01-30"), 1).0, d("2026-02-28"));
    assert_eq!(add_months(d("2028-02-29"), 1).0, d("2028-03-29"));
    assert_eq!(d("2026-04-01").weekday(), Weekday::Wed);
    assert_eq!(d("2026-02-28").weekday(), Weekday::Sat);
}

#[test]
fn working_days_skip_weekends_christmas_good_friday_and_bank_holidays() {
    let cal = Calendar::built_in();
    assert_eq!(cal.add_working_days(d("2025-12-19"), 3).result, d("2025-12-24"));
    assert_eq!(cal.add_working_days(d("2026-04-02"), 3).result, d("2026-04-09"));
    assert_eq!(cal.add_working_days(d("2023-05-04"), 3).result, d("2023-05-10"));
}

#[test]
fn plain_days_are_not_moved_but_a_weekend_is_flagged() {
    assert_eq!(add_days(d("2025-12-01"), 30), d("2025-12-31"));
    assert_eq!(add_days(d("2026-01-30"), 30), d("2026-03-01"));
    // As a clock: the 30 days from a family's notice on 30 Jan 2026.
    let t = timeline_on(
        &facts(
            r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2026-01-20"},"first_contact_on":"2026-01-26","family_told_la_on":"2026-01-30"}"#,
        ),
        "2026-02-01",
    );
    let held = t.clock("mediation_held").expect("30-day clock");
    assert_eq!(held.due_date, d("2026-03-01"));
    assert!(held.flags.iter().any(|f| matches!(f, Flag::FallsOnNonWorkingDay { message, .. } if message == "Falls on a Sunday")));
    assert!(held.working_text().iter().any(|l| l.contains("Sun 1 Mar 2026 falls on a Sunday")));
}

/// The proclaimed table, 2019–2027, exactly as the spec lists it.
const OFFICIAL: &[(i32, &[&str])] = &[
    (2019, &["01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26"]),
    (2020, &["01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28"]),
    (2021, &["01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28"]),
    (2022, &["01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26", "12-27"]),
    (2023, &["01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26"]),
    (2024, &["01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"]),
    (2025, &["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"]),
    (2026, &["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"]),
    (2027, &["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"]),
];

#[test]
fn the_built_in_holidays_are_the_official_list() {
    let cal = Calendar::built_in();
    for (year, days) in OFFICIAL {
        let expected: Vec<_> = days.iter().map(|md| d(&format!("{year}-{md}"))).collect();
        let got: Vec<_> = cal.holidays(*year).iter().map(|h| h.date).collect();
        assert_eq!(got, expected, "holidays of {year}");
    }
}

#[test]
fn the_rules_alone_reproduce_every_official_year() {
    for (year, days) in OFFICIAL {
        let expected: Vec<_> = days.iter().map(|md| d(&format!("{year}-{md}"))).collect();
        let got: Vec<_> = law::rules::bank_holidays::generated(*year).into_iter().map(|(date, _)| date).collect();
        assert_eq!(got, expected, "rules for {year}");
    }
}

#[test]
fn weekend_christmas_and_boxing_day_move_to_the_next_free_weekdays() {
    let cal = Calendar::built_in();
    // Christmas on a Saturday (2027): Mon 27 and Tue 28 Dec.
    let y2027: Vec<_> = cal.holidays(2027).iter().map(|h| h.date).filter(|d| d.month() == 12).collect();
    assert_eq!(y2027, vec![d("2027-12-27"), d("2027-12-28")]);
    // Boxing Day alone on a Saturday (2026): Mon 28 Dec.
    let y2026: Vec<_> = cal.holidays(2026).iter().map(|h| h.date).filter(|d| d.month() == 12).collect();
    assert_eq!(y2026, vec![d("2026-12-25"), d("2026-12-28")]);
    // The same from the rules in a projected year: Christmas 2032 is a Saturday.
    let y2032: Vec<_> = cal.holidays(2032).iter().map(|h| h.date).filter(|d| d.month() == 12).collect();
    assert_eq!(y2032, vec![d("2032-12-27"), d("2032-12-28")]);
}

#[test]
fn the_appeal_deadline_examples() {
    let cal = Calendar::built_in();
    // (decision sent, certificate issued, raw, deadline, the rule that moved it)
    type Row<'a> = (&'a str, Option<&'a str>, &'a str, &'a str, Option<&'a str>);
    let rows: &[Row] = &[
        ("2026-02-01", None, "2026-04-01", "2026-04-01", None),
        ("2026-02-01", Some("2026-03-20"), "2026-04-20", "2026-04-20", None),
        ("2026-03-10", None, "2026-05-10", "2026-05-11", Some(appeal::RULE_12_2)),
        ("2026-02-06", None, "2026-04-06", "2026-04-07", Some(appeal::RULE_12_2)),
        ("2025-10-01", Some("2025-11-29"), "2025-12-29", "2026-01-02", Some(appeal::RULE_12_3_CHRISTMAS)),
    ];
    for (sent, cert, raw, due, rule) in rows {
        assert_eq!(
            appeal::deadline(&cal, Default::default(), d(sent), cert.map(d)),
            d(due),
            "decision {sent} certificate {cert:?}"
        );
        let mut json = format!(r#"{{"decision":{{"kind":"refuse_to_assess","sent_on":"{sent}"}}"#);
        if let Some(c) = cert {
            json.push_str(&format!(
                r#","first_contact_on":"{sent}","declined_on":"{sent}","certificates":[{{"kind":"declined","issued_on":"{c}"}}]"#
            ));
        }
        json.push('}');
        let t = timeline_on(&facts(&json), "2025-10-01");
        let clock = t.appeal_deadline().expect("appeal clock");
        assert_eq!(clock.raw_date, d(raw), "raw for {sent}");
        assert_eq!(clock.due_date, d(due), "due for {sent}");
        assert_eq!(clock.adjustment, *rule, "adjustment for {sent}");
        assert_eq!(clock.due_by_time, Some("5pm"));
        assert!(clock.working_text().last().unwrap().starts_with("Due: by 5pm on"), "{:?}", clock.working_text());
    }
}

#[test]
fn the_working_of_three_working_days_over_christmas_reads_as_the_issue_shows() {
    let cal = Calendar::built_in();
    let count = cal.add_working_days(d("2025-12-24"), 3);
    assert_eq!(count.result, d("2025-12-31"));
    let t = timeline_on(
        &facts(
            r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2025-12-01"},"first_contact_on":"2025-12-24","declined_on":"2025-12-24"}"#,
        ),
        "2025-12-24",
    );
    let clock = t.clock("certificate_declined").unwrap();
    assert_eq!(clock.due_date, d("2025-12-31"));
    let line = clock.working_text().into_iter().find(|l| l.starts_with("3 working days after")).unwrap();
    assert_eq!(
        line,
        "3 working days after Wed 24 Dec 2025: Thu 25 Dec Christmas Day skipped, Fri 26 Dec Boxing Day skipped, Sat 27 Dec weekend skipped, Sun 28 Dec weekend skipped = Wed 31 Dec 2025"
    );
}

#[test]
fn a_late_appeal_is_out_of_time_for_the_tribunal_to_decide_never_barred() {
    let t = timeline_on(&facts(r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2026-02-01"}}"#), "2026-04-02");
    let clock = t.appeal_deadline().unwrap();
    assert_eq!(clock.status_text, "Out of time: the Tribunal decides whether a late appeal may proceed");
    assert!(!serde_json::to_string(&t).unwrap().to_lowercase().contains("barred"));
}
