//! How long a closed case is kept before it is anonymised: the service's
//! retention policy, not a statutory clock, but a date computed from the
//! law's reasoning, so it lives here with its reasons beside it.
//!
//! - Six years after closing by default: the time in which a claim in
//!   contract or tort may be brought (Limitation Act 1980, ss. 2 and 5).
//! - "Or until the child's 25th birthday, if later": a child's time does
//!   not run until they are 18 (Limitation Act 1980, s. 28; a person under
//!   18 is "under a disability", s. 38(2)), so their six years end at 24;
//!   a year's margin gives 25, as NHS and education records schedules do.
//!
//! The policy is the service's to set; these are its defaults.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// The service's retention policy for closed cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(default, deny_unknown_fields)]
pub struct RetentionPolicy {
    /// Keep a closed case this many whole years after it closed.
    pub years_after_closing: u32,
    /// Or until the child's 25th birthday, if that is later (and the date
    /// of birth is known).
    pub until_25th_birthday: bool,
}

impl Default for RetentionPolicy {
    fn default() -> RetentionPolicy {
        RetentionPolicy { years_after_closing: 6, until_25th_birthday: true }
    }
}

/// The fewest and most years a policy may keep closed cases.
pub const YEARS: std::ops::RangeInclusive<u32> = 1..=100;

/// `date` plus whole `years` (29 February gives 28 February in a year
/// that has none), or `None` past the calendar's end.
fn plus_years(date: NaiveDate, years: u32) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(years.checked_mul(12)?))
}

/// The first day a case closed on `closed_on`, for a child born on
/// `child_born` (if known), is due to be anonymised under `policy`: the
/// later of the anniversary of closing after the policy's years and, if
/// the policy says so, the child's 25th birthday. `None` when that lies
/// beyond the calendar (it is never due).
pub fn dispose_from(closed_on: NaiveDate, child_born: Option<NaiveDate>, policy: &RetentionPolicy) -> Option<NaiveDate> {
    let after_closing = plus_years(closed_on, policy.years_after_closing)?;
    let birthday = match (policy.until_25th_birthday, child_born) {
        (true, Some(born)) => Some(plus_years(born, 25)?),
        _ => None,
    };
    Some(birthday.map_or(after_closing, |b| b.max(after_closing)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn six_years_after_closing_unless_the_childs_25th_birthday_is_later() {
        let policy = RetentionPolicy::default();
        // A young person of 17 at closing: 25 comes after six years.
        assert_eq!(dispose_from(d("2026-03-31"), Some(d("2009-01-15")), &policy), Some(d("2034-01-15")));
        // A child of 5 at closing: 25 is twenty years on.
        assert_eq!(dispose_from(d("2026-03-31"), Some(d("2021-06-01")), &policy), Some(d("2046-06-01")));
        // A young person of 24: six years after closing is later.
        assert_eq!(dispose_from(d("2026-03-31"), Some(d("2002-01-01")), &policy), Some(d("2032-03-31")));
        // Unknown date of birth: six years after closing.
        assert_eq!(dispose_from(d("2026-03-31"), None, &policy), Some(d("2032-03-31")));
        // The birthday rule turned off.
        let plain = RetentionPolicy { years_after_closing: 6, until_25th_birthday: false };
        assert_eq!(dispose_from(d("2026-03-31"), Some(d("2021-06-01")), &plain), Some(d("2032-03-31")));
    }

    #[test]
    fn a_29_february_closing_is_kept_to_28_february() {
        let policy = RetentionPolicy { years_after_closing: 1, until_25th_birthday: false };
        assert_eq!(dispose_from(d("2028-02-29"), None, &policy), Some(d("2029-02-28")));
        assert_eq!(dispose_from(NaiveDate::MAX, None, &policy), None);
    }
}
