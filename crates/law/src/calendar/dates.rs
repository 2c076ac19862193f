//! Reading and writing dates the way people do: "Tue 7 Apr 2026" on screen,
//! `YYYY-MM-DD` or `DD/MM/YYYY` typed in.

use chrono::{Datelike, NaiveDate};

use crate::LawError;

/// "Tue 7 Apr 2026", the product's display form.
pub fn long(date: NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}

/// "Thu 25 Dec", for working lines inside one year.
pub fn short(date: NaiveDate) -> String {
    date.format("%a %-d %b").to_string()
}

/// ISO 8601, `YYYY-MM-DD`.
pub fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

const MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// The month's full name ("February") for `month` 1 to 12.
pub fn month_name(month: u32) -> &'static str {
    MONTHS[(month as usize).saturating_sub(1).min(11)]
}

/// Parse `YYYY-MM-DD` (ISO 8601: a four-digit year, a two-digit month and
/// a two-digit day, as `2026-02-03`) or `DD/MM/YYYY` (the day and month
/// may have one digit, as `3/2/2026`). `2026-2-3` is refused, with the
/// form to write instead. The error is a sentence about the text, for the
/// caller to prefix with the field's name.
pub fn parse(text: &str) -> Result<NaiveDate, LawError> {
    let t = text.trim();
    // Whether an ISO date has a one-digit month or day.
    let mut unpadded = false;
    let parts: Option<(i64, i64, i64)> = if let Some((y, rest)) = t.split_once('-') {
        rest.split_once('-').and_then(|(m, d)| {
            unpadded = m.len() != 2 || d.len() != 2;
            Some((number(y, 4)?, number(m, 2)?, number(d, 2)?))
        })
    } else if let Some((d, rest)) = t.split_once('/') {
        rest.split_once('/').and_then(|(m, y)| Some((number(y, 4)?, number(m, 2)?, number(d, 2)?)))
    } else {
        None
    };
    let Some((year, month, day)) = parts else {
        return Err(not_a_date(format!("'{}' is not a date: use YYYY-MM-DD or DD/MM/YYYY", shorten(t))));
    };
    if !(1..=12).contains(&month) {
        return Err(not_a_date(format!("{t} is not a date: there is no month {month}")));
    }
    let year = year as i32;
    let last = super::days_in_month(year, month as u32);
    if day < 1 || day > last as i64 {
        return Err(not_a_date(format!("{t} is not a date: {} {year} has {last} days", month_name(month as u32))));
    }
    if unpadded {
        return Err(not_a_date(format!(
            "{t} is not a date in the form YYYY-MM-DD: write the month and the day with two digits each, {year:04}-{month:02}-{day:02}"
        )));
    }
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).ok_or_else(|| not_a_date(format!("{t} is not a date")))
}

fn not_a_date(message: String) -> LawError {
    LawError::NotADate(message)
}

/// Whether `text` is a date written exactly as `YYYY-MM-DD`, the form every
/// date in the app's JSON takes (four-digit year, two-digit month and day).
pub fn is_iso_form(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10 && b[4] == b'-' && b[7] == b'-' && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// 1 to `max_len` ASCII digits (a four-digit year exactly).
fn number(text: &str, max_len: usize) -> Option<i64> {
    let ok = !text.is_empty() && text.len() <= max_len && text.bytes().all(|b| b.is_ascii_digit());
    let ok = ok && (max_len != 4 || text.len() == 4);
    if ok {
        text.parse().ok()
    } else {
        None
    }
}

/// Keep echoed input short: a 10,000-character argument is not repeated.
pub fn shorten(text: &str) -> String {
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text.to_string()
    }
}

/// The weekday's full name, "Sunday".
pub fn weekday_name(date: NaiveDate) -> &'static str {
    match date.weekday() {
        chrono::Weekday::Mon => "Monday",
        chrono::Weekday::Tue => "Tuesday",
        chrono::Weekday::Wed => "Wednesday",
        chrono::Weekday::Thu => "Thursday",
        chrono::Weekday::Fri => "Friday",
        chrono::Weekday::Sat => "Saturday",
        chrono::Weekday::Sun => "Sunday",
    }
}

/// A message on one line, at most 300 characters.
pub fn shorten_line(text: &str) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 300 {
        format!("{}…", one.chars().take(300).collect::<String>())
    } else {
        one
    }
}

/// Today's date in England's calendar: the machine's local date, or
/// `MEDIATION_DESK_TODAY=YYYY-MM-DD` when set (tests and demonstrations).
pub fn today() -> Result<NaiveDate, LawError> {
    match std::env::var("MEDIATION_DESK_TODAY") {
        Ok(text) if !text.trim().is_empty() => {
            parse(&text).map_err(|e| LawError::Field { field: "MEDIATION_DESK_TODAY".into(), message: e.to_string() })
        }
        _ => Ok(chrono::Local::now().date_naive()),
    }
}
