//! Importing GOV.UK's bank-holidays.json: it overrides the built-in dates
//! for the years it covers, and a malformed file is refused whole.

mod common;
use common::d;

use mediation_desk::calendar::{govuk, Calendar, HolidaySource};

/// A GOV.UK-shaped file for 2028 (a year the app only projects), with an
/// invented one-off holiday on Fri 9 Jun 2028 the rules cannot know.
fn file_2028() -> String {
    let days = [
        ("2028-01-03", "New Year's Day (substitute day)"),
        ("2028-04-14", "Good Friday"),
        ("2028-04-17", "Easter Monday"),
        ("2028-05-01", "Early May bank holiday"),
        ("2028-05-29", "Spring bank holiday"),
        ("2028-06-09", "Extra bank holiday"),
        ("2028-08-28", "Summer bank holiday"),
        ("2028-12-25", "Christmas Day"),
        ("2028-12-26", "Boxing Day"),
    ];
    let events: Vec<String> =
        days.iter().map(|(date, title)| format!(r#"{{"title":"{title}","date":"{date}","notes":"","bunting":true}}"#)).collect();
    format!(
        r#"{{"england-and-wales":{{"division":"england-and-wales","events":[{}]}},"scotland":{{"division":"scotland","events":[]}}}}"#,
        events.join(",")
    )
}

#[test]
fn an_imported_year_replaces_the_projection_and_is_no_longer_projected() {
    let before = Calendar::built_in();
    assert!(before.is_projected(2028));
    assert!(before.is_working_day(d("2028-06-09")));
    let imported = govuk::parse(&file_2028()).unwrap();
    assert_eq!(imported.years(), vec![2028]);
    let cal = before.with_imported(&imported);
    assert_eq!(cal.source(2028), HolidaySource::Imported);
    assert!(!cal.is_projected(2028));
    assert!(!cal.is_working_day(d("2028-06-09")));
    assert_eq!(cal.holidays(2028).len(), 9);
    // Years the file does not cover keep the built-in dates.
    assert_eq!(cal.source(2027), HolidaySource::Proclaimed);
    assert!(cal.is_projected(2029));
}

#[test]
fn malformed_files_are_refused_with_a_message_that_names_the_problem() {
    let cases: &[(&str, &str)] = &[
        ("not json at all", "not a JSON file"),
        (r#"{"scotland":{"events":[]}}"#, "no \"england-and-wales\" division"),
        (r#"{"england-and-wales":{"division":"england-and-wales"}}"#, "has no \"events\" list"),
        (r#"{"england-and-wales":{"events":[]}}"#, "events list is empty"),
        (
            r#"{"england-and-wales":{"events":[{"title":"x","date":"2026-02-30"}]}}"#,
            "events[0].date: 2026-02-30 is not a date: February 2026 has 28 days",
        ),
        (r#"{"england-and-wales":{"events":[{"title":"x"}]}}"#, "events[0].date is missing"),
        (r#"{"england-and-wales":{"events":[{"title":"x","date":"1066-10-14"}]}}"#, "is outside 1990–2100"),
        (
            r#"{"england-and-wales":{"events":[{"title":"x","date":"2026-01-01"}]}}"#,
            "2026 lists 1 holiday, but England and Wales has at least 8",
        ),
    ];
    for (text, expected) in cases {
        let err = govuk::parse(text).expect_err(text);
        assert!(err.contains(expected), "{text}: got {err}");
        assert!(!err.contains('\n'), "one line: {err}");
    }
}

#[test]
fn a_refused_file_leaves_the_calendar_as_it_was() {
    let cal = Calendar::built_in().with_imported(&govuk::parse(&file_2028()).unwrap());
    let broken = file_2028().replace("2028-06-09", "2028-06-31");
    assert!(govuk::parse(&broken).is_err());
    // Nothing was applied: the good import still stands.
    assert!(!cal.is_working_day(d("2028-06-09")));
    assert_eq!(cal.source(2028), HolidaySource::Imported);
}
