//! The calendar: which days are working days in England, and date arithmetic
//! in calendar months, plain days and working days, each step recorded so a
//! person can check it. The holiday rules themselves are law and live in
//! `rules::bank_holidays`; this module holds the resulting sets and counts.

pub mod dates;
pub mod govuk;

use std::sync::Arc;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;
use ts_rs::TS;

use crate::rules::bank_holidays::{self, FIRST_YEAR, LAST_YEAR};

/// Where a year's holidays came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: Arc<str>,
}

/// Why a day is not a working day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum NonWorkingReason {
    Saturday,
    Sunday,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SkippedDay {
    pub date: NaiveDate,
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

    /// The holidays of `year`, ascending.
    pub fn holidays(&self, year: i32) -> Vec<Holiday> {
        match self.slot(year) {
            Some(i) => self.years[i].holidays.clone(),
            None => bank_holidays::generated(year).into_iter().map(|(date, name)| Holiday { date, name: name.into() }).collect(),
        }
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        match self.slot(date.year()) {
            Some(i) => !self.years[i].is_closed(date),
            None => self.non_working_reason(date).is_none(),
        }
    }

    /// Why `date` is not a working day; `None` for a working day.
    pub fn non_working_reason(&self, date: NaiveDate) -> Option<NonWorkingReason> {
        if let Some(name) = bank_holidays::common_law_holiday(date) {
            return Some(NonWorkingReason::Holiday(name.into()));
        }
        let listed = match self.slot(date.year()) {
            Some(i) => self.years[i].holidays.iter().find(|h| h.date == date).map(|h| h.name.clone()),
            None => bank_holidays::generated(date.year()).into_iter().find(|(d, _)| *d == date).map(|(_, n)| n.into()),
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
    /// over and why.
    pub fn add_working_days(&self, date: NaiveDate, n: i32) -> WorkingDayCount {
        let mut skipped = Vec::new();
        let mut day = date;
        let mut counted = 0;
        let step = |d: NaiveDate| if n >= 0 { d.succ_opt() } else { d.pred_opt() };
        while counted < n.abs() {
            day = step(day).expect("date within chrono's range");
            if self.is_working_day(day) {
                counted += 1;
            } else {
                skipped.push(SkippedDay { date: day, reason: self.non_working_reason(day).expect("a closed day has a reason") });
            }
        }
        WorkingDayCount { result: day, skipped }
    }

    /// The date alone, for hot loops that need no working.
    pub fn working_days_after(&self, date: NaiveDate, n: i32) -> NaiveDate {
        let mut day = date;
        let mut counted = 0;
        while counted < n.abs() {
            day = if n >= 0 { day.succ_opt() } else { day.pred_opt() }.expect("date within chrono's range");
            if self.is_working_day(day) {
                counted += 1;
            }
        }
        day
    }

    /// The first working day on or after `date`.
    pub fn next_working_day_from(&self, date: NaiveDate) -> WorkingDayCount {
        let mut skipped = Vec::new();
        let mut day = date;
        while !self.is_working_day(day) {
            skipped.push(SkippedDay { date: day, reason: self.non_working_reason(day).expect("a closed day has a reason") });
            day = day.succ_opt().expect("date within chrono's range");
        }
        WorkingDayCount { result: day, skipped }
    }
}

/// The result of counting working days, with the days passed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingDayCount {
    pub result: NaiveDate,
    pub skipped: Vec<SkippedDay>,
}

/// `date` plus `n` calendar months by the corresponding-date rule: the same
/// day of the target month, or its last day where it has no such day
/// (never spilling into the next month). Also returns whether it was clamped.
pub fn add_months(date: NaiveDate, n: i32) -> (NaiveDate, bool) {
    let months = date.year() * 12 + date.month0() as i32 + n;
    let (year, month) = (months.div_euclid(12), months.rem_euclid(12) as u32 + 1);
    let last = days_in_month(year, month);
    let day = date.day().min(last);
    (NaiveDate::from_ymd_opt(year, month, day).expect("a day within the month"), day != date.day())
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, month + 1, 1) };
    next.and_then(|d| d.pred_opt()).map(|d| d.day()).expect("month within chrono's range")
}

/// `date` plus `n` plain calendar days (negative for before).
pub fn add_days(date: NaiveDate, n: i64) -> NaiveDate {
    if n >= 0 {
        date + Days::new(n as u64)
    } else {
        date - Days::new(n.unsigned_abs())
    }
}
