//! Counting a period from a trigger in the unit the law uses, with the
//! working line that shows it (statutory-clocks.md section 1).

use chrono::NaiveDate;

use crate::calendar::{self, Calendar};
use crate::timeline::{Period, Unit, WorkingLine};

/// The raw date a period gives, and the line that shows the count.
pub(crate) fn count(cal: &Calendar, period: Period, from: NaiveDate) -> (NaiveDate, WorkingLine) {
    let sign = if period.before { -1 } else { 1 };
    match period.unit {
        Unit::Months => {
            let (result, clamped) = calendar::add_months(from, sign * period.amount as i32);
            (result, WorkingLine::Months { from, months: period.amount, result, clamped })
        }
        Unit::Days => {
            let result = calendar::add_days(from, sign as i64 * period.amount as i64);
            (result, WorkingLine::Days { from, days: period.amount, result })
        }
        Unit::Weeks => {
            let result = calendar::add_days(from, sign as i64 * 7 * period.amount as i64);
            (result, WorkingLine::Weeks { from, weeks: period.amount, result })
        }
        Unit::WorkingDays => {
            let counted = cal.add_working_days(from, sign * period.amount as i32);
            let result = counted.result;
            (
                result,
                WorkingLine::WorkingDays { from, days: period.amount, before: period.before, result, skipped: counted.skipped },
            )
        }
        Unit::Immediately => (from, WorkingLine::Immediately { from }),
    }
}
