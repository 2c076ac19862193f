//! Importing GOV.UK's bank-holidays.json: it overrides the built-in dates
//! for the years it covers, and a malformed file is refused whole.

mod common;
use common::{d, today};

use law::calendar::{govuk, Calendar, HolidaySource};

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
        let err = govuk::parse(text).expect_err(text).to_string();
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

/// A GOV.UK-shaped file whose 2026 is `days` (date, title).
fn file_2026(days: &[(String, String)]) -> String {
    let events: Vec<String> = days.iter().map(|(date, title)| format!(r#"{{"title":"{title}","date":"{date}"}}"#)).collect();
    format!(r#"{{"england-and-wales":{{"division":"england-and-wales","events":[{}]}}}}"#, events.join(","))
}

/// England and Wales's real 2026.
fn real_2026() -> Vec<(String, String)> {
    Calendar::built_in().holidays(2026).iter().map(|h| (h.date.to_string(), h.name.to_string())).collect()
}

#[test]
fn an_implausible_year_is_refused_naming_the_year_and_why() {
    assert!(govuk::parse(&file_2026(&real_2026())).is_ok(), "the real year is accepted");
    // Every day of the year a holiday: it used to replace the real 2026.
    let every_day: Vec<(String, String)> =
        (0..365).map(|i| ((d("2026-01-01") + chrono::Days::new(i)).to_string(), "Holiday".to_string())).collect();
    let err = govuk::parse(&file_2026(&every_day)).unwrap_err().to_string();
    assert_eq!(
        err,
        "bank holidays file: 2026 lists 365 holidays, but England and Wales has never had more than 15 a year: is this GOV.UK's bank-holidays.json?"
    );
    // Sixteen is too many; fifteen (the real eight and seven extra weekdays) is not.
    let mut extra = real_2026();
    for day in ["2026-06-01", "2026-06-02", "2026-06-03", "2026-06-04", "2026-06-05", "2026-06-08", "2026-06-09"] {
        extra.push((day.to_string(), "Extra bank holiday".to_string()));
    }
    assert_eq!(govuk::parse(&file_2026(&extra)).unwrap().by_year()[&2026].len(), 15);
    extra.push(("2026-06-10".to_string(), "Extra bank holiday".to_string()));
    assert!(govuk::parse(&file_2026(&extra)).unwrap_err().to_string().contains("2026 lists 16 holidays"));
    // A holiday on a weekend: GOV.UK lists the substitute weekday instead.
    let mut weekend = real_2026();
    weekend.retain(|(date, _)| date != "2026-12-28");
    weekend.push(("2026-12-26".to_string(), "Boxing Day".to_string()));
    assert_eq!(
        govuk::parse(&file_2026(&weekend)).unwrap_err().to_string(),
        "bank holidays file: 2026 lists Sat 26 Dec 2026 (Boxing Day) on a Saturday, but a bank holiday is never a Saturday or Sunday (one that falls at a weekend is listed on its substitute weekday): is this GOV.UK's bank-holidays.json?"
    );
    let mut sunday = real_2026();
    sunday.push(("2026-06-07".to_string(), "Extra bank holiday".to_string()));
    assert!(govuk::parse(&file_2026(&sunday))
        .unwrap_err()
        .to_string()
        .contains("2026 lists Sun 7 Jun 2026 (Extra bank holiday) on a Sunday"));
}

/// The Settings screen's import goes through the store: a refused year
/// changes nothing, even given to the store directly.
#[test]
fn the_settings_import_refuses_an_implausible_year_and_keeps_the_calendar() {
    let db = common::TestDb::new();
    let mut store = db.open();
    store.set_imported_holidays(&govuk::parse(&file_2028()).unwrap(), "Ann", today()).unwrap();
    let every_day = govuk::ImportedHolidays {
        events: (0..365)
            .map(|i| govuk::ImportedEvent { date: d("2027-01-01") + chrono::Days::new(i), title: "Holiday".into() })
            .collect(),
    };
    let err = store.set_imported_holidays(&every_day, "Ann", today()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "bank_holidays: 2027 lists 365 holidays, but England and Wales has never had more than 15 a year: is this GOV.UK's bank-holidays.json?"
    );
    let cal = store.calendar().unwrap();
    assert_eq!(cal.source(2027), HolidaySource::Proclaimed, "2027 keeps the built-in dates");
    assert!(cal.is_working_day(d("2027-01-05")));
    assert_eq!(cal.source(2028), HolidaySource::Imported, "the good import still stands");
    assert_eq!(store.imported_holidays().unwrap().unwrap(), govuk::parse(&file_2028()).unwrap());
}
