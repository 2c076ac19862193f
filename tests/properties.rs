//! Properties that must hold for every date, not just the examples.

use chrono::{Datelike, Days, NaiveDate};
use mediation_desk::calendar::{add_months, days_in_month, Calendar};
use mediation_desk::rules::appeal;
use mediation_desk::rules::choices::AppealExtensionReading;
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
