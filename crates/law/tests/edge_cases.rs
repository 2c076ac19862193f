//! Edge cases beyond the spec's examples: month ends, leap years, Easter in
//! March and April, Christmas on a weekend, the one-off holidays, August,
//! 25 Dec–1 Jan, a certificate that gives the later date, projected years.
//! Each expected date was worked out by hand from a calendar.

mod common;
use common::{d, facts, timeline_on};

use law::calendar::{add_months, Calendar};
use law::rules::appeal;
use law::timeline::Flag;

fn wd(from: &str, n: i32) -> chrono::NaiveDate {
    Calendar::built_in().add_working_days(d(from), n).result
}

fn appeal_due(sent: &str, cert: Option<&str>) -> chrono::NaiveDate {
    appeal::deadline(&Calendar::built_in(), Default::default(), d(sent), cert.map(d))
}

#[test]
fn month_ends_clamp_and_leap_years() {
    assert_eq!(add_months(d("2026-01-31"), 1), (d("2026-02-28"), true));
    assert_eq!(add_months(d("2028-01-31"), 1), (d("2028-02-29"), true));
    assert_eq!(add_months(d("2027-12-31"), 2), (d("2028-02-29"), true));
    assert_eq!(add_months(d("2026-03-31"), 1), (d("2026-04-30"), true));
    assert_eq!(add_months(d("2026-12-15"), 2), (d("2027-02-15"), false));
    assert_eq!(add_months(d("2026-04-30"), -2), (d("2026-02-28"), true));
}

#[test]
fn a_clamped_month_says_so_in_the_working() {
    let t = timeline_on(&facts(r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2025-12-31"}}"#), "2026-01-05");
    let clock = t.appeal_deadline().unwrap();
    assert_eq!(clock.raw_date, d("2026-02-28"));
    // Sat 28 Feb 2026 is not a working day: rule 12(2) gives Mon 2 Mar 2026.
    assert_eq!(clock.due_date, d("2026-03-02"));
    let text = clock.working_text().join("\n");
    assert!(
        text.contains("February 2026 has no day 31, so the period ends on the last day of that month = Sat 28 Feb 2026"),
        "{text}"
    );
    assert!(text.contains("Due: by 5pm on Mon 2 Mar 2026"), "{text}");
}

#[test]
fn easter_in_march_and_in_april() {
    // 2024: Good Friday 29 Mar, Easter Monday 1 Apr.
    assert_eq!(wd("2024-03-28", 1), d("2024-04-02"));
    // 2027: Good Friday 26 Mar, Easter Monday 29 Mar.
    assert_eq!(wd("2027-03-25", 1), d("2027-03-30"));
    // 2025: Good Friday 18 Apr, Easter Monday 21 Apr.
    assert_eq!(wd("2025-04-17", 1), d("2025-04-22"));
    use law::rules::bank_holidays::easter_sunday;
    assert_eq!(easter_sunday(2024), d("2024-03-31"));
    assert_eq!(easter_sunday(2038), d("2038-04-25"));
    assert_eq!(easter_sunday(2008), d("2008-03-23"));
    assert_eq!(easter_sunday(2285), d("2285-03-22"));
}

#[test]
fn christmas_on_a_weekend() {
    // 2021: Christmas on Saturday; Mon 27 and Tue 28 are holidays.
    assert_eq!(wd("2021-12-24", 1), d("2021-12-29"));
    // 2022: Christmas on Sunday; Mon 26 Boxing Day, Tue 27 substitute.
    assert_eq!(wd("2022-12-23", 1), d("2022-12-28"));
    // 2026: Boxing Day alone on Saturday; Mon 28 substitute.
    assert_eq!(wd("2026-12-24", 1), d("2026-12-29"));
}

#[test]
fn the_one_off_holidays_of_2020_2022_and_2023() {
    // 2020: the early May holiday moved from Mon 4 May to Fri 8 May.
    assert_eq!(wd("2020-05-01", 1), d("2020-05-04"));
    assert_eq!(wd("2020-05-07", 1), d("2020-05-11"));
    // 2022: spring holiday moved to Thu 2 Jun, Fri 3 Jun Jubilee; Mon 30 May worked.
    assert_eq!(wd("2022-05-27", 1), d("2022-05-30"));
    assert_eq!(wd("2022-06-01", 1), d("2022-06-06"));
    // 2022: the State Funeral, Mon 19 Sep.
    assert_eq!(wd("2022-09-16", 1), d("2022-09-20"));
    // 2023: the Coronation, Mon 8 May.
    assert_eq!(wd("2023-05-05", 1), d("2023-05-09"));
}

#[test]
fn working_days_counted_backwards_skip_holidays() {
    assert_eq!(wd("2025-06-09", -5), d("2025-06-02"));
    // Mon 26 May 2025 is the spring bank holiday.
    assert_eq!(wd("2025-05-30", -5), d("2025-05-22"));
    assert_eq!(wd("2026-04-07", -1), d("2026-04-02"));
}

#[test]
fn an_appeal_ending_in_august_runs_to_the_first_working_day_after_31_august() {
    // Raw Sat 15 Aug 2026; Mon 31 Aug 2026 is a holiday anyway; Tue 1 Sep.
    assert_eq!(appeal_due("2026-06-15", None), d("2026-09-01"));
    // Raw Thu 1 Aug 2024; Sun 1 Sep 2024, so Mon 2 Sep.
    assert_eq!(appeal_due("2024-07-01", None), d("2024-09-02"));
    // Raw Mon 30 Aug 2027 (itself a bank holiday): Wed 1 Sep 2027.
    assert_eq!(appeal_due("2027-06-30", None), d("2027-09-01"));
    // Raw Sun 31 Jul 2022 is not August: rule 12(2) gives Mon 1 Aug.
    assert_eq!(appeal_due("2022-05-31", None), d("2022-08-01"));
}

#[test]
fn an_appeal_ending_from_25_december_to_1_january_runs_past_1_january() {
    // Raw Fri 25 Dec 2026: first working day after 1 Jan 2027 is Mon 4 Jan.
    assert_eq!(appeal_due("2026-10-25", None), d("2027-01-04"));
    // Raw Fri 1 Jan 2027: the same.
    assert_eq!(appeal_due("2026-11-01", None), d("2027-01-04"));
    // Raw Thu 24 Dec 2026 is outside the window and a working day: it stands.
    assert_eq!(appeal_due("2026-10-24", None), d("2026-12-24"));
    // Raw Sat 2 Jan 2027 is outside the window: rule 12(2) gives Mon 4 Jan.
    assert_eq!(appeal_due("2026-11-02", None), d("2027-01-04"));
    // Raw Thu 31 Dec 2026 with the 2025/26 example's pattern: Mon 4 Jan 2027.
    assert_eq!(appeal_due("2026-10-31", None), d("2027-01-04"));
}

#[test]
fn a_certificate_gives_the_later_date() {
    // 1 month from 31 Mar 2026 clamps to Thu 30 Apr 2026, later than 10 Mar.
    assert_eq!(appeal_due("2026-01-10", Some("2026-03-31")), d("2026-04-30"));
    // Both raw dates in August: Tue 1 Sep 2026.
    assert_eq!(appeal_due("2026-06-01", Some("2026-07-20")), d("2026-09-01"));
    // An earlier certificate changes nothing.
    assert_eq!(appeal_due("2026-02-01", Some("2026-02-10")), d("2026-04-01"));
}

#[test]
fn the_certificate_in_force_sets_the_deadline_not_a_voided_one() {
    let json = r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2026-01-10"},"first_contact_on":"2026-01-12","declined_on":"2026-01-12",
        "certificates":[{"kind":"declined","issued_on":"2026-03-31","number":"GM-2026-00001","voided":true},
                        {"kind":"declined","issued_on":"2026-03-05","number":"GM-2026-00002"}]}"#;
    let t = timeline_on(&facts(json), "2026-03-06");
    let clock = t.appeal_deadline().unwrap();
    // 1 month from Thu 5 Mar 2026 = Sun 5 Apr 2026 (Easter Sunday), later
    // than Tue 10 Mar 2026; rule 12(2) over Easter Monday: Tue 7 Apr 2026.
    assert_eq!(clock.raw_date, d("2026-04-05"));
    assert_eq!(clock.due_date, d("2026-04-07"));
    assert_eq!(clock.trigger.name, "mediation certificate issued");
}

#[test]
fn a_deadline_in_a_projected_year_is_flagged() {
    // Raw Sat 1 Jan 2028; 2 Jan Sun; Mon 3 Jan 2028 is New Year's substitute day.
    assert_eq!(appeal_due("2027-11-01", None), d("2028-01-04"));
    let t = timeline_on(&facts(r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2027-11-01"}}"#), "2027-11-02");
    let clock = t.appeal_deadline().unwrap();
    assert!(clock.flags.iter().any(|f| matches!(f, Flag::ProjectedHolidays { years, message } if years == &vec![2028] && message.contains("Holidays for 2028 are projected, not proclaimed"))));
    // A deadline inside the proclaimed years carries no such flag.
    let t = timeline_on(&facts(r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2026-02-01"}}"#), "2026-02-02");
    assert!(t.appeal_deadline().unwrap().flags.is_empty());
}

#[test]
fn leap_day_deadlines() {
    // 2 months from Wed 29 Dec 2027 = Tue 29 Feb 2028.
    assert_eq!(appeal_due("2027-12-29", None), d("2028-02-29"));
    // 1 month from Tue 29 Feb 2028 = Wed 29 Mar 2028.
    assert_eq!(appeal_due("2028-01-10", Some("2028-02-29")), d("2028-03-29"));
}

#[test]
fn generated_past_years_match_the_official_dates() {
    // 2014–2018 had no one-off changes; the rules must give GOV.UK's dates.
    let official = [
        (2014, vec!["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"]),
        (2015, vec!["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"]),
        (2016, vec!["01-01", "03-25", "03-28", "05-02", "05-30", "08-29", "12-26", "12-27"]),
        (2017, vec!["01-02", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26"]),
        (2018, vec!["01-01", "03-30", "04-02", "05-07", "05-28", "08-27", "12-25", "12-26"]),
    ];
    let cal = Calendar::built_in();
    for (year, days) in official {
        let expected: Vec<_> = days.iter().map(|md| d(&format!("{year}-{md}"))).collect();
        assert_eq!(cal.holidays(year).iter().map(|h| h.date).collect::<Vec<_>>(), expected, "{year}");
        assert!(!cal.is_projected(year), "{year} is past, not projected");
    }
    assert!(cal.is_projected(2028));
}

#[test]
fn good_friday_and_christmas_are_never_working_days_even_if_an_import_leaves_them_out() {
    // A complete-looking 2026 that leaves out Good Friday and Christmas Day.
    let dates = ["2026-01-01", "2026-04-06", "2026-05-04", "2026-05-25", "2026-06-01", "2026-08-31", "2026-12-28", "2026-12-29"];
    let events: Vec<String> = dates.iter().map(|d| format!(r#"{{"title":"Holiday","date":"{d}"}}"#)).collect();
    let text = format!(r#"{{"england-and-wales":{{"division":"england-and-wales","events":[{}]}}}}"#, events.join(","));
    let imported = law::calendar::govuk::parse(&text).unwrap();
    let cal = Calendar::built_in().with_imported(&imported);
    assert!(!cal.is_working_day(d("2026-04-03")), "Good Friday");
    assert!(!cal.is_working_day(d("2026-12-25")), "Christmas Day");
    // The import replaced 2026's bank holidays: its extra day is a holiday.
    assert!(!cal.is_working_day(d("2026-06-01")));
    assert!(!cal.is_working_day(d("2026-12-29")));
}

#[test]
fn the_two_readings_of_rule_12_where_the_next_working_day_is_in_a_period() {
    use law::rules::choices::{AppealExtensionReading::*, CountingChoices};
    let cal = Calendar::built_in();
    // Raw Sat 31 Jul 2027: rule 12(2) gives Mon 2 Aug 2027 (default); chained, Wed 1 Sep 2027.
    assert_eq!(appeal::deadline(&cal, WhereTheTimeEnds, d("2027-05-31"), None), d("2027-08-02"));
    assert_eq!(appeal::deadline(&cal, AlsoAfterNextWorkingDay, d("2027-05-31"), None), d("2027-09-01"));
    // Raw Sat 23 Dec 2028: rule 12(2) gives Wed 27 Dec 2028; chained, Tue 2 Jan 2029.
    assert_eq!(appeal::deadline(&cal, WhereTheTimeEnds, d("2028-10-23"), None), d("2028-12-27"));
    assert_eq!(appeal::deadline(&cal, AlsoAfterNextWorkingDay, d("2028-10-23"), None), d("2029-01-02"));
    // The working names the reading used, only where the readings differ.
    let f = facts(r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2027-05-31"}}"#);
    let t = timeline_on(&f, "2027-06-01");
    assert!(t.appeal_deadline().unwrap().working_text().iter().any(|l| l.contains("the earlier, safer date")));
    let chained = CountingChoices { appeal_extension: AlsoAfterNextWorkingDay, ..Default::default() };
    let t = law::rules::timeline(&f, &cal, &chained, d("2027-06-01"));
    assert_eq!(t.appeal_deadline().unwrap().due_date, d("2027-09-01"));
    assert_eq!(t.appeal_deadline().unwrap().adjustment, Some(appeal::RULE_12_2_THEN_12_3));
    let plain = timeline_on(&facts(r#"{"decision":{"kind":"refuse_to_assess","sent_on":"2026-02-01"}}"#), "2026-02-02");
    assert!(!plain.appeal_deadline().unwrap().working_text().iter().any(|l| l.starts_with("Setting:")));
}
