//! Properties that must hold for every date, not just the examples.

use chrono::{Datelike, Days, NaiveDate};
use law::calendar::{add_months, days_in_month, Calendar};
use law::rules::appeal;
use law::rules::choices::AppealExtensionReading;
use proptest::prelude::*;
use std::sync::OnceLock;

fn cal() -> &'static Calendar {
    static CAL: OnceLock<Calendar> = OnceLock::new();
    CAL.get_or_init(Calendar::built_in)
}

/// Any date from 1 Sep 2014 to the end of 2040.
fn date() -> impl Strategy<Value = NaiveDate> {
    let start = NaiveDate::from_ymd_opt(2014, 9, 1).unwrap();
    (0u64..9600).prop_map(move |n| start + Days::new(n))
}

/// The later of 2 months from the decision and 1 month from the certificate.
fn raw(sent: NaiveDate, cert: Option<NaiveDate>) -> NaiveDate {
    let from_decision = add_months(sent, 2).0;
    cert.map_or(from_decision, |c| from_decision.max(add_months(c, 1).0))
}

fn in_extension_period(date: NaiveDate) -> bool {
    date.month() == 8 || (date.month() == 12 && date.day() >= 25) || (date.month() == 1 && date.day() == 1)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn adding_working_days_lands_on_a_working_day_never_before_one_fewer(from in date(), n in 1i32..60) {
        let result = cal().add_working_days(from, n).result;
        prop_assert!(cal().is_working_day(result));
        prop_assert!(result > cal().add_working_days(from, n - 1).result);
        prop_assert!(result > from);
        prop_assert_eq!(result, cal().working_days_after(from, n));
    }

    #[test]
    fn counting_back_mirrors_counting_forward(from in date(), n in 1i32..30) {
        let back = cal().add_working_days(from, -n).result;
        prop_assert!(cal().is_working_day(back));
        prop_assert!(back < from);
        // Counting forward again from the day before `back` reaches `back` after one working day.
        let before = cal().add_working_days(back, -1).result;
        prop_assert_eq!(cal().add_working_days(before, 1).result, back);
    }

    #[test]
    fn month_addition_never_spills_past_the_target_month(from in date(), n in 1i32..25) {
        let (result, clamped) = add_months(from, n);
        let months = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
        prop_assert_eq!(months(result), months(from) + n);
        prop_assert!(result.day() <= from.day());
        prop_assert_eq!(clamped, result.day() != from.day());
        if clamped {
            prop_assert_eq!(result.day(), days_in_month(result.year(), result.month()));
        }
    }

    /// Under the reading that chains rule 12(2) into 12(3)(a), the issue's
    /// property holds exactly: never early, a working day, never in August
    /// or 25 Dec–1 Jan.
    #[test]
    fn the_chained_appeal_deadline_is_never_early_and_always_a_permitted_working_day(sent in date(), cert_after in proptest::option::of(0u64..120)) {
        let cert = cert_after.map(|n| sent + Days::new(n));
        let due = appeal::deadline(cal(), AppealExtensionReading::AlsoAfterNextWorkingDay, sent, cert);
        prop_assert!(due >= raw(sent, cert));
        prop_assert!(cal().is_working_day(due));
        prop_assert!(!in_extension_period(due), "never in August or 25 Dec to 1 Jan: {}", due);
    }

    /// Under the default (the spec's algorithm), the same holds except where
    /// the time ended on a non-working day just before a period and rule
    /// 12(2) alone carried it in: then it is exactly the next working day.
    #[test]
    fn the_default_appeal_deadline_is_never_early_and_only_enters_a_period_by_rule_12_2(sent in date(), cert_after in proptest::option::of(0u64..120)) {
        let cert = cert_after.map(|n| sent + Days::new(n));
        let due = appeal::deadline(cal(), AppealExtensionReading::WhereTheTimeEnds, sent, cert);
        let raw = raw(sent, cert);
        prop_assert!(due >= raw);
        prop_assert!(cal().is_working_day(due));
        if in_extension_period(due) {
            prop_assert!(!in_extension_period(raw) && !cal().is_working_day(raw), "raw {} due {}", raw, due);
            prop_assert_eq!(due, cal().next_working_day_from(raw).result);
        }
        prop_assert!(due <= appeal::deadline(cal(), AppealExtensionReading::AlsoAfterNextWorkingDay, sent, cert));
    }
}

/// Any date chrono can hold, weighted towards its two ends.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    let (min, max) = (NaiveDate::MIN.num_days_from_ce(), NaiveDate::MAX.num_days_from_ce());
    prop_oneof![
        (min..=max),
        (min..=min + 400),
        (max - 400..=max),
        (-1000..=1000i32).prop_map(|d| d + NaiveDate::from_ymd_opt(1, 1, 1).unwrap().num_days_from_ce()),
    ]
    .prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).expect("within chrono's range"))
}

/// Any i32, weighted towards its ends and the counts the calendar takes.
fn any_count() -> impl Strategy<Value = i32> {
    prop_oneof![any::<i32>(), Just(i32::MIN), Just(i32::MAX), -4000..=4000i32]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The checked calendar functions answer every input with a date or an
    /// error, never a panic; and an answer is the one the engine gets.
    #[test]
    fn the_calendar_never_panics_on_any_date_or_count(date in any_date(), n in any_count()) {
        use law::calendar::{checked_add_days, checked_add_months, MAX_WORKING_DAYS};
        let cal = cal();
        let _ = (cal.is_working_day(date), cal.non_working_reason(date), cal.holidays(date.year()));
        match cal.checked_add_working_days(date, n) {
            Ok(count) => {
                prop_assert!(n.unsigned_abs() <= MAX_WORKING_DAYS.unsigned_abs());
                prop_assert!(n == 0 || cal.is_working_day(count.result));
                prop_assert_eq!(cal.checked_working_days_after(date, n), Ok(count.result));
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
        let _ = cal.checked_next_working_day_from(date);
        if let Ok((result, clamped)) = checked_add_months(date, n) {
            prop_assert!(result.day() <= date.day());
            prop_assert_eq!(clamped, result.day() != date.day());
            prop_assert_eq!(checked_add_months(result, 0), Ok((result, false)));
        }
        if let Ok(result) = checked_add_days(date, i64::from(n)) {
            prop_assert_eq!((result - date).num_days(), i64::from(n));
        }
        let _ = checked_add_days(date, i64::MIN);
        let _ = checked_add_days(date, i64::MAX);
        for month in 0..=13 {
            let _ = days_in_month(date.year(), month);
        }
    }

    /// Every date the app reads has a four-digit year (`dates::parse`, and
    /// JSON: `json_input`); from any of them the engine's counts (a few
    /// months, days or working days either way) never fail.
    #[test]
    fn the_engines_counts_never_fail_on_a_four_digit_year(day in 0..=3_652_424i32, n in -400..=400i32) {
        let date = NaiveDate::from_ymd_opt(0, 1, 1).unwrap() + Days::new(day as u64);
        prop_assert!(date.year() <= 9999);
        let cal = cal();
        cal.add_working_days(date, n);
        cal.next_working_day_from(date);
        add_months(date, n / 10);
        law::calendar::add_days(date, i64::from(n));
    }
}

#[test]
fn days_in_month_is_the_gregorian_calendars() {
    assert_eq!(days_in_month(2024, 2), 29);
    assert_eq!(days_in_month(1900, 2), 28);
    assert_eq!(days_in_month(2000, 2), 29);
    assert_eq!(days_in_month(-4, 2), 29);
    assert_eq!(days_in_month(i32::MAX, 12), 31);
    assert_eq!(days_in_month(2026, 13), 0);
}

/// Holidays are computed by the Act's rules for every four-digit year.
#[test]
fn the_rules_give_holidays_for_every_four_digit_year() {
    let cal = cal();
    for year in 0..=9999 {
        let days = cal.holidays(year);
        assert!(days.len() >= 8, "{year}: {days:?}");
        assert!(days.iter().all(|h| h.date.year() == year || (year == 9999 && h.date.year() == 10000)), "{year}");
    }
    assert!(cal.holidays(10_000).is_empty() && cal.holidays(-1).is_empty(), "outside them: weekends only");
}
