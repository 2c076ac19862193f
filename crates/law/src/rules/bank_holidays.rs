//! Bank holidays in England and Wales: the proclaimed dates as data, and the
//! rules that produce the dates of any other year.
//!
//! Law: Banking and Financial Dealings Act 1971, Schedule 1, plus the annual
//! royal proclamation; Good Friday and Christmas Day are common-law holidays.
//! See `statutory-clocks.md` section 2.

use chrono::{Datelike, NaiveDate, Weekday};

/// The law behind the holidays, as a clock's working cites it.
pub const CITATION: &str = "Banking and Financial Dealings Act 1971 Sch.1; Good Friday and Christmas Day by common law";

/// The years this app knows holidays for at all (the rules are reliable for
/// this span; outside it every date is computed by the same rules but is
/// flagged as projected).
pub const FIRST_YEAR: i32 = 1990;
/// The last year of that span.
pub const LAST_YEAR: i32 = 2100;

/// Names used in working lines.
pub const NEW_YEAR: &str = "New Year's Day";
/// Good Friday: a common-law holiday, not a bank holiday, but never a working day.
pub const GOOD_FRIDAY: &str = "Good Friday";
/// Easter Monday.
pub const EASTER_MONDAY: &str = "Easter Monday";
/// The first Monday in May.
pub const EARLY_MAY: &str = "Early May bank holiday";
/// The last Monday in May.
pub const SPRING: &str = "Spring bank holiday";
/// The last Monday in August.
pub const SUMMER: &str = "Summer bank holiday";
/// Christmas Day: a common-law holiday, not a bank holiday, but never a working day.
pub const CHRISTMAS: &str = "Christmas Day";
/// Boxing Day.
pub const BOXING: &str = "Boxing Day";

/// A proclaimed holiday: month, day and name.
pub type ProclaimedDay = (u32, u32, &'static str);

/// The official England-and-Wales dates (GOV.UK bank-holidays list,
/// division `england-and-wales`) for 2019 to 2027, one-off days included.
/// These years are "proclaimed": a deadline in them is not flagged.
pub const PROCLAIMED: &[(i32, &[ProclaimedDay])] = &[
    (
        2019,
        &[
            (1, 1, NEW_YEAR),
            (4, 19, GOOD_FRIDAY),
            (4, 22, EASTER_MONDAY),
            (5, 6, EARLY_MAY),
            (5, 27, SPRING),
            (8, 26, SUMMER),
            (12, 25, CHRISTMAS),
            (12, 26, BOXING),
        ],
    ),
    (
        2020,
        &[
            (1, 1, NEW_YEAR),
            (4, 10, GOOD_FRIDAY),
            (4, 13, EASTER_MONDAY),
            (5, 8, "Early May bank holiday (VE Day)"),
            (5, 25, SPRING),
            (8, 31, SUMMER),
            (12, 25, CHRISTMAS),
            (12, 28, "Boxing Day (substitute day)"),
        ],
    ),
    (
        2021,
        &[
            (1, 1, NEW_YEAR),
            (4, 2, GOOD_FRIDAY),
            (4, 5, EASTER_MONDAY),
            (5, 3, EARLY_MAY),
            (5, 31, SPRING),
            (8, 30, SUMMER),
            (12, 27, "Christmas Day (substitute day)"),
            (12, 28, "Boxing Day (substitute day)"),
        ],
    ),
    (
        2022,
        &[
            (1, 3, "New Year's Day (substitute day)"),
            (4, 15, GOOD_FRIDAY),
            (4, 18, EASTER_MONDAY),
            (5, 2, EARLY_MAY),
            (6, 2, SPRING),
            (6, 3, "Platinum Jubilee bank holiday"),
            (8, 29, SUMMER),
            (9, 19, "Bank Holiday for the State Funeral of Queen Elizabeth II"),
            (12, 26, BOXING),
            (12, 27, "Christmas Day (substitute day)"),
        ],
    ),
    (
        2023,
        &[
            (1, 2, "New Year's Day (substitute day)"),
            (4, 7, GOOD_FRIDAY),
            (4, 10, EASTER_MONDAY),
            (5, 1, EARLY_MAY),
            (5, 8, "Bank holiday for the coronation of King Charles III"),
            (5, 29, SPRING),
            (8, 28, SUMMER),
            (12, 25, CHRISTMAS),
            (12, 26, BOXING),
        ],
    ),
    (
        2024,
        &[
            (1, 1, NEW_YEAR),
            (3, 29, GOOD_FRIDAY),
            (4, 1, EASTER_MONDAY),
            (5, 6, EARLY_MAY),
            (5, 27, SPRING),
            (8, 26, SUMMER),
            (12, 25, CHRISTMAS),
            (12, 26, BOXING),
        ],
    ),
    (
        2025,
        &[
            (1, 1, NEW_YEAR),
            (4, 18, GOOD_FRIDAY),
            (4, 21, EASTER_MONDAY),
            (5, 5, EARLY_MAY),
            (5, 26, SPRING),
            (8, 25, SUMMER),
            (12, 25, CHRISTMAS),
            (12, 26, BOXING),
        ],
    ),
    (
        2026,
        &[
            (1, 1, NEW_YEAR),
            (4, 3, GOOD_FRIDAY),
            (4, 6, EASTER_MONDAY),
            (5, 4, EARLY_MAY),
            (5, 25, SPRING),
            (8, 31, SUMMER),
            (12, 25, CHRISTMAS),
            (12, 28, "Boxing Day (substitute day)"),
        ],
    ),
    (
        2027,
        &[
            (1, 1, NEW_YEAR),
            (3, 26, GOOD_FRIDAY),
            (3, 29, EASTER_MONDAY),
            (5, 3, EARLY_MAY),
            (5, 31, SPRING),
            (8, 30, SUMMER),
            (12, 27, "Christmas Day (substitute day)"),
            (12, 28, "Boxing Day (substitute day)"),
        ],
    ),
];

/// A change made by royal proclamation that the Act's rules do not produce.
pub enum OneOff {
    /// The holiday the rules give on `from` is held on `to` instead.
    Moved {
        /// The date (year, month, day) the rules give for the holiday.
        from: (i32, u32, u32),
        /// The date (month, day) in the same year it was held instead.
        to: (u32, u32),
        /// The holiday's name as shown when a count skips it.
        name: &'static str,
    },
    /// An extra holiday.
    Extra {
        /// The date (year, month, day) of the extra holiday.
        on: (i32, u32, u32),
        /// The holiday's name as shown when a count skips it.
        name: &'static str,
    },
}

/// Every one-off change from 1990 on (the 2020–2023 ones are in the spec's
/// table; the earlier ones keep generated past years true).
pub const ONE_OFFS: &[OneOff] = &[
    OneOff::Moved { from: (1995, 5, 1), to: (5, 8), name: "Early May bank holiday (VE Day)" },
    OneOff::Extra { on: (1999, 12, 31), name: "Millennium Eve bank holiday" },
    OneOff::Moved { from: (2002, 5, 27), to: (6, 4), name: SPRING },
    OneOff::Extra { on: (2002, 6, 3), name: "Golden Jubilee bank holiday" },
    OneOff::Extra { on: (2011, 4, 29), name: "Royal wedding bank holiday" },
    OneOff::Moved { from: (2012, 5, 28), to: (6, 4), name: SPRING },
    OneOff::Extra { on: (2012, 6, 5), name: "Diamond Jubilee bank holiday" },
    OneOff::Moved { from: (2020, 5, 4), to: (5, 8), name: "Early May bank holiday (VE Day)" },
    OneOff::Moved { from: (2022, 5, 30), to: (6, 2), name: SPRING },
    OneOff::Extra { on: (2022, 6, 3), name: "Platinum Jubilee bank holiday" },
    OneOff::Extra { on: (2022, 9, 19), name: "Bank Holiday for the State Funeral of Queen Elizabeth II" },
    OneOff::Extra { on: (2023, 5, 8), name: "Bank holiday for the coronation of King Charles III" },
];

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a valid holiday date")
}

/// Easter Sunday by the Gregorian computus (the anonymous Gregorian
/// algorithm, "Meeus/Jones/Butcher").
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(year, month as u32, day as u32)
}

/// Good Friday of `year`: two days before Easter Sunday.
pub fn good_friday(year: i32) -> NaiveDate {
    easter_sunday(year) - chrono::Days::new(2)
}

fn first_monday(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 1).expect("every month has a Monday")
}

fn last_monday(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 5)
        .or_else(|| NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 4))
        .expect("every month has four Mondays")
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The holidays of `year` as the Act's rules give them, with the one-off
/// proclamations applied, sorted by date.
pub fn generated(year: i32) -> Vec<(NaiveDate, String)> {
    let mut days: Vec<(NaiveDate, String)> = Vec::with_capacity(10);
    // New Year's Day: a weekend day moves to the next Monday.
    let new_year = ymd(year, 1, 1);
    if is_weekend(new_year) {
        let monday = new_year + chrono::Days::new(if new_year.weekday() == Weekday::Sat { 2 } else { 1 });
        days.push((monday, "New Year's Day (substitute day)".into()));
    } else {
        days.push((new_year, NEW_YEAR.into()));
    }
    days.push((good_friday(year), GOOD_FRIDAY.into()));
    days.push((easter_sunday(year) + chrono::Days::new(1), EASTER_MONDAY.into()));
    days.push((first_monday(year, 5), EARLY_MAY.into()));
    days.push((last_monday(year, 5), SPRING.into()));
    days.push((last_monday(year, 8), SUMMER.into()));
    // Christmas and Boxing Day: each weekend one moves to the next weekday
    // not already a holiday.
    let christmas = ymd(year, 12, 25);
    let boxing = ymd(year, 12, 26);
    match christmas.weekday() {
        Weekday::Fri => {
            days.push((christmas, CHRISTMAS.into()));
            days.push((ymd(year, 12, 28), "Boxing Day (substitute day)".into()));
        }
        Weekday::Sat => {
            days.push((ymd(year, 12, 27), "Christmas Day (substitute day)".into()));
            days.push((ymd(year, 12, 28), "Boxing Day (substitute day)".into()));
        }
        Weekday::Sun => {
            days.push((boxing, BOXING.into()));
            days.push((ymd(year, 12, 27), "Christmas Day (substitute day)".into()));
        }
        _ => {
            days.push((christmas, CHRISTMAS.into()));
            days.push((boxing, BOXING.into()));
        }
    }
    for one_off in ONE_OFFS {
        match one_off {
            OneOff::Moved { from: (y, m, d), to: (tm, td), name } if *y == year => {
                let from = ymd(*y, *m, *d);
                days.retain(|(date, _)| *date != from);
                days.push((ymd(year, *tm, *td), (*name).into()));
            }
            OneOff::Extra { on: (y, m, d), name } if *y == year => days.push((ymd(*y, *m, *d), (*name).into())),
            _ => {}
        }
    }
    days.sort_by_key(|(date, _)| *date);
    days
}

/// The proclaimed dates of `year`, if the built-in table has it.
pub fn proclaimed(year: i32) -> Option<Vec<(NaiveDate, String)>> {
    PROCLAIMED
        .iter()
        .find(|(y, _)| *y == year)
        .map(|(_, days)| days.iter().map(|(m, d, name)| (ymd(year, *m, *d), (*name).to_string())).collect())
}

/// The common-law holiday on `date`, if any: these are never working days,
/// whatever a holiday table says.
pub fn common_law_holiday(date: NaiveDate) -> Option<&'static str> {
    if date.month() == 12 && date.day() == 25 {
        Some(CHRISTMAS)
    } else if date == good_friday(date.year()) {
        Some(GOOD_FRIDAY)
    } else {
        None
    }
}
