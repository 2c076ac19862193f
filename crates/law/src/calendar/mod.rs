//! The calendar: which days are working days in England, and date arithmetic
//! in calendar months, plain days and working days, each step recorded so a
//! person can check it. The holiday rules themselves are law and live in
//! `rules::bank_holidays`; this module holds the resulting sets and counts.

pub mod dates;
pub mod govuk;

use std::sync::Arc;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;

use crate::rules::bank_holidays::{self, FIRST_YEAR, LAST_YEAR};
use crate::LawError;

/// Where a year's holidays came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum HolidaySource {
    /// The built-in table of proclaimed dates.
    Proclaimed,
    /// A GOV.UK `bank-holidays.json` file the user imported.
    Imported,
    /// The Act's rules (and past one-off proclamations); for a year after
    /// the last proclaimed or imported one, a projection.
    Rules,
}

/// A bank holiday (or Good Friday, Christmas Day) in England and Wales: not a working day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
pub struct Holiday {
    /// The day of the holiday.
    pub date: NaiveDate,
    /// Its name, as the working shows it when a count skips it ("Easter Monday").
    pub name: Arc<str>,
}

/// Why a day is not a working day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum NonWorkingReason {
    /// A Saturday.
    Saturday,
    /// A Sunday.
    Sunday,
    /// A bank holiday or common-law holiday, by name.
    Holiday(Arc<str>),
}

impl std::fmt::Display for NonWorkingReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NonWorkingReason::Saturday => f.write_str("Saturday"),
            NonWorkingReason::Sunday => f.write_str("Sunday"),
            NonWorkingReason::Holiday(name) => f.write_str(name),
        }
    }
}

/// A day passed over while counting working days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
pub struct SkippedDay {
    /// The day passed over.
    pub date: NaiveDate,
    /// Why it is not a working day.
    pub reason: NonWorkingReason,
}

#[derive(Debug, Clone)]
struct Year {
    source: HolidaySource,
    holidays: Vec<Holiday>,
    /// Bit `ordinal0` set: not a working day (weekends, holidays, Good
    /// Friday and Christmas Day).
    closed: [u64; 6],
}

impl Year {
    fn new(year: i32, source: HolidaySource, days: Vec<(NaiveDate, String)>) -> Year {
        let holidays: Vec<Holiday> = days.into_iter().map(|(date, name)| Holiday { date, name: name.into() }).collect();
        let mut closed = [0u64; 6];
        let mut set = |date: NaiveDate| {
            let i = date.ordinal0() as usize;
            closed[i / 64] |= 1 << (i % 64);
        };
        let mut day = NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January exists");
        while day.year() == year {
            if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) || bank_holidays::common_law_holiday(day).is_some() {
                set(day);
            }
            day = day.succ_opt().expect("in range");
        }
        for holiday in &holidays {
            set(holiday.date);
        }
        Year { source, holidays, closed }
    }

    fn is_closed(&self, date: NaiveDate) -> bool {
        let i = date.ordinal0() as usize;
        self.closed[i / 64] & (1 << (i % 64)) != 0
    }
}

/// The England-and-Wales calendar the clocks are counted in.
#[derive(Debug, Clone)]
pub struct Calendar {
    years: Vec<Year>,
    /// The last year whose dates were proclaimed or imported.
    last_known_year: i32,
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar::built_in()
    }
}

impl Calendar {
    /// The built-in table for the proclaimed years; the rules for the rest.
    pub fn built_in() -> Calendar {
        let years = (FIRST_YEAR..=LAST_YEAR)
            .map(|year| match bank_holidays::proclaimed(year) {
                Some(days) => Year::new(year, HolidaySource::Proclaimed, days),
                None => Year::new(year, HolidaySource::Rules, bank_holidays::generated(year)),
            })
            .collect();
        let last_known_year = bank_holidays::PROCLAIMED.iter().map(|(y, _)| *y).max().unwrap_or(FIRST_YEAR);
        Calendar { years, last_known_year }
    }

    /// Replace the holidays of every year `imported` covers (GOV.UK's list
    /// wins over the built-in table for those years).
    pub fn with_imported(mut self, imported: &govuk::ImportedHolidays) -> Calendar {
        for (year, days) in imported.by_year() {
            if let Some(slot) = self.slot(year) {
                self.years[slot] = Year::new(year, HolidaySource::Imported, days);
                self.last_known_year = self.last_known_year.max(year);
            }
        }
        self
    }

    fn slot(&self, year: i32) -> Option<usize> {
        if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
            Some((year - FIRST_YEAR) as usize)
        } else {
            None
        }
    }

    /// Whether `year` is inside the range the app has holidays for.
    pub fn covers(&self, year: i32) -> bool {
        self.slot(year).is_some()
    }

    /// Where the holidays of `year` come from: the built-in table, an imported GOV.UK file, or the rules.
    pub fn source(&self, year: i32) -> HolidaySource {
        self.slot(year).map_or(HolidaySource::Rules, |i| self.years[i].source)
    }

    /// A year whose holidays are known only from the rules, after the last
    /// proclaimed or imported year (or outside the supported range).
    pub fn is_projected(&self, year: i32) -> bool {
        match self.slot(year) {
            Some(i) => self.years[i].source == HolidaySource::Rules && year > self.last_known_year,
            None => true,
        }
    }

    /// The holidays of `year`, ascending (none outside years 0–9999: see
    /// [`RULE_YEARS`]).
    pub fn holidays(&self, year: i32) -> Vec<Holiday> {
        match self.slot(year) {
            Some(i) => self.years[i].holidays.clone(),
            None => rule_holidays(year).into_iter().map(|(date, name)| Holiday { date, name: name.into() }).collect(),
        }
    }

    /// Whether `date` is a working day: not a Saturday, Sunday, Christmas Day, Good Friday or bank holiday in England
    /// and Wales (statutory-clocks.md 1.2).
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        match self.slot(date.year()) {
            Some(i) => !self.years[i].is_closed(date),
            None => self.non_working_reason(date).is_none(),
        }
    }

    /// Why `date` is not a working day; `None` for a working day.
    pub fn non_working_reason(&self, date: NaiveDate) -> Option<NonWorkingReason> {
        if let Some(name) = RULE_YEARS.contains(&date.year()).then(|| bank_holidays::common_law_holiday(date)).flatten() {
            return Some(NonWorkingReason::Holiday(name.into()));
        }
        let listed = match self.slot(date.year()) {
            Some(i) => self.years[i].holidays.iter().find(|h| h.date == date).map(|h| h.name.clone()),
            None => rule_holidays(date.year()).into_iter().find(|(d, _)| *d == date).map(|(_, n)| n.into()),
        };
        if let Some(name) = listed {
            return Some(NonWorkingReason::Holiday(name));
        }
        match date.weekday() {
            Weekday::Sat => Some(NonWorkingReason::Saturday),
            Weekday::Sun => Some(NonWorkingReason::Sunday),
            _ => None,
        }
    }

    /// The date `n` working days after `date` (before it, for negative `n`),
    /// counting from the day after (before) `date`, with every day passed
    /// over and why. An error, never a panic, for a count of more than
    /// [`MAX_WORKING_DAYS`] or one that would leave the dates chrono can hold.
    pub fn checked_add_working_days(&self, date: NaiveDate, n: i32) -> Result<WorkingDayCount, LawError> {
        let mut skipped = Vec::new();
        let result = self.count_working_days(date, n, |day| {
            if let Some(reason) = self.non_working_reason(day) {
                skipped.push(SkippedDay { date: day, reason });
            }
        })?;
        Ok(WorkingDayCount { result, skipped })
    }

    /// The date alone (`checked_add_working_days` without the working).
    pub fn checked_working_days_after(&self, date: NaiveDate, n: i32) -> Result<NaiveDate, LawError> {
        self.count_working_days(date, n, |_| {})
    }

    fn count_working_days(&self, date: NaiveDate, n: i32, mut passed_over: impl FnMut(NaiveDate)) -> Result<NaiveDate, LawError> {
        if n.unsigned_abs() > MAX_WORKING_DAYS.unsigned_abs() {
            return Err(LawError::TooManyWorkingDays { n });
        }
        let mut day = date;
        let mut counted = 0;
        while counted < n.unsigned_abs() {
            day = if n >= 0 { day.succ_opt() } else { day.pred_opt() }.ok_or_else(|| beyond_dates(date))?;
            if self.is_working_day(day) {
                counted += 1;
            } else {
                passed_over(day);
            }
        }
        Ok(day)
    }

    /// The first working day on or after `date`, with the days passed over.
    pub fn checked_next_working_day_from(&self, date: NaiveDate) -> Result<WorkingDayCount, LawError> {
        let mut skipped = Vec::new();
        let mut day = date;
        while let Some(reason) = self.non_working_reason(day) {
            skipped.push(SkippedDay { date: day, reason });
            day = day.succ_opt().ok_or_else(|| beyond_dates(date))?;
        }
        Ok(WorkingDayCount { result: day, skipped })
    }

    /// `checked_add_working_days` for the clock engine, whose dates have
    /// four-digit years (every date the app reads: `dates::parse`,
    /// `json_input`) and whose counts are a few days: there it cannot fail.
    ///
    /// Counted from the day after the event; Saturdays, Sundays, Christmas
    /// Day, Good Friday and the bank holidays of England and Wales are not
    /// working days (statutory-clocks.md 1.2), and the days passed over are
    /// returned to show the working.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use law::Calendar;
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let cal = Calendar::built_in();
    /// // Fri 19 Dec 2025 + 3 working days = Wed 24 Dec 2025
    /// assert_eq!(cal.add_working_days(d(2025, 12, 19), 3).result, d(2025, 12, 24));
    /// // Thu 2 Apr 2026 + 3 working days = Thu 9 Apr 2026 (Good Friday, weekend, Easter Monday)
    /// let easter = cal.add_working_days(d(2026, 4, 2), 3);
    /// assert_eq!(easter.result, d(2026, 4, 9));
    /// assert_eq!(easter.skipped.len(), 4);
    /// // Thu 4 May 2023 + 3 working days = Wed 10 May 2023 (Coronation bank holiday 8 May)
    /// assert_eq!(cal.add_working_days(d(2023, 5, 4), 3).result, d(2023, 5, 10));
    /// ```
    pub fn add_working_days(&self, date: NaiveDate, n: i32) -> WorkingDayCount {
        self.checked_add_working_days(date, n).unwrap_or_else(|e| panic!("counting from {date}: {e}"))
    }

    /// `checked_working_days_after` for hot loops on engine dates (see
    /// `add_working_days`).
    pub fn working_days_after(&self, date: NaiveDate, n: i32) -> NaiveDate {
        self.checked_working_days_after(date, n).unwrap_or_else(|e| panic!("counting from {date}: {e}"))
    }

    /// `checked_next_working_day_from` for engine dates (see `add_working_days`).
    pub fn next_working_day_from(&self, date: NaiveDate) -> WorkingDayCount {
        self.checked_next_working_day_from(date).unwrap_or_else(|e| panic!("counting from {date}: {e}"))
    }
}

/// The most working days one count may span, either way (about fourteen
/// years): more is never a clock, and bounds the work one count can ask for.
pub const MAX_WORKING_DAYS: i32 = 3660;

/// The years whose holidays the Act's rules are computed for when no table
/// holds them. Outside them (never a date the app reads: every year it
/// reads has four digits) only Saturdays and Sundays are closed.
pub const RULE_YEARS: std::ops::RangeInclusive<i32> = 0..=9999;

fn rule_holidays(year: i32) -> Vec<(NaiveDate, String)> {
    if RULE_YEARS.contains(&year) {
        bank_holidays::generated(year)
    } else {
        Vec::new()
    }
}

fn beyond_dates(from: NaiveDate) -> LawError {
    LawError::BeyondDates { from }
}

/// The result of counting working days, with the days passed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingDayCount {
    /// The date the count gives.
    pub result: NaiveDate,
    /// Each weekend day and holiday passed over, with why.
    pub skipped: Vec<SkippedDay>,
}

/// `date` plus `n` calendar months by the corresponding-date rule: the same
/// day of the target month, or its last day where it has no such day
/// (never spilling into the next month). Also returns whether it was
/// clamped. An error, never a panic, beyond the dates chrono can hold.
pub fn checked_add_months(date: NaiveDate, n: i32) -> Result<(NaiveDate, bool), LawError> {
    let months = i64::from(date.year()) * 12 + i64::from(date.month0()) + i64::from(n);
    let (year, month) = (months.div_euclid(12), months.rem_euclid(12) as u32 + 1);
    let year = i32::try_from(year).map_err(|_| beyond_dates(date))?;
    let day = date.day().min(days_in_month(year, month));
    let result = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| beyond_dates(date))?;
    Ok((result, day != date.day()))
}

/// `checked_add_months` for engine dates (four-digit years, a few months).
///
/// The corresponding date rule (*Dodds v Walker*; statutory-clocks.md
/// 1.1): the same-numbered day of the target month, or its last day where
/// it has none, never spilling into the next month. The second value says
/// the date was clamped.
///
/// ```
/// use chrono::NaiveDate;
/// use law::calendar::add_months;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // 1 Feb 2026 + 2 months = Wed 1 Apr 2026
/// assert_eq!(add_months(d(2026, 2, 1), 2), (d(2026, 4, 1), false));
/// // 30 Jan 2026 + 1 month = Sat 28 Feb 2026 (no 30 Feb)
/// assert_eq!(add_months(d(2026, 1, 30), 1), (d(2026, 2, 28), true));
/// // 29 Feb 2028 + 1 month = Wed 29 Mar 2028
/// assert_eq!(add_months(d(2028, 2, 29), 1), (d(2028, 3, 29), false));
/// ```
pub fn add_months(date: NaiveDate, n: i32) -> (NaiveDate, bool) {
    checked_add_months(date, n).unwrap_or_else(|e| panic!("{e}"))
}

/// The days in `month` (1–12) of `year` in the Gregorian calendar; 0 for
/// a month that does not exist.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 0,
    }
}

/// `date` plus `n` plain calendar days (negative for before). An error,
/// never a panic, beyond the dates chrono can hold.
pub fn checked_add_days(date: NaiveDate, n: i64) -> Result<NaiveDate, LawError> {
    let result =
        if n >= 0 { date.checked_add_days(Days::new(n as u64)) } else { date.checked_sub_days(Days::new(n.unsigned_abs())) };
    result.ok_or_else(|| beyond_dates(date))
}

/// `checked_add_days` for engine dates (four-digit years, a few days).
///
/// Plain calendar days from the day after the event; a limit landing on a
/// weekend is not moved (statutory-clocks.md 1.3: the timeline flags it).
///
/// ```
/// use chrono::{Datelike, NaiveDate, Weekday};
/// use law::calendar::add_days;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // 1 Dec 2025 + 30 days = Wed 31 Dec 2025
/// assert_eq!(add_days(d(2025, 12, 1), 30), d(2025, 12, 31));
/// // 30 Jan 2026 + 30 days = Sun 1 Mar 2026, left on the Sunday
/// assert_eq!(add_days(d(2026, 1, 30), 30), d(2026, 3, 1));
/// assert_eq!(d(2026, 3, 1).weekday(), Weekday::Sun);
/// ```
pub fn add_days(date: NaiveDate, n: i64) -> NaiveDate {
    checked_add_days(date, n).unwrap_or_else(|e| panic!("{e}"))
}
