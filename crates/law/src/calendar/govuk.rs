//! Import of GOV.UK's `bank-holidays.json` (its `england-and-wales`
//! division). A file is read whole and checked before anything changes: a
//! malformed one is refused with one clear message and the calendar keeps
//! the dates it had.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::rules::bank_holidays::{FIRST_YEAR, LAST_YEAR};
use crate::LawError;

/// The England-and-Wales events of an imported file, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ImportedHolidays {
    /// Each England-and-Wales holiday the file lists, by date.
    pub events: Vec<ImportedEvent>,
}

/// One holiday from the imported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedEvent {
    /// The day of the holiday.
    pub date: NaiveDate,
    /// Its name as GOV.UK gives it ("Early May bank holiday"); "Bank holiday" where the file gives none.
    pub title: String,
}

impl ImportedHolidays {
    /// The events grouped by year, each year's dates ascending.
    pub fn by_year(&self) -> BTreeMap<i32, Vec<(NaiveDate, String)>> {
        let mut years: BTreeMap<i32, Vec<(NaiveDate, String)>> = BTreeMap::new();
        for event in &self.events {
            years.entry(event.date.year()).or_default().push((event.date, event.title.clone()));
        }
        for days in years.values_mut() {
            days.sort();
        }
        years
    }

    /// The years the file covers: for these its dates replace the built-in table.
    pub fn years(&self) -> Vec<i32> {
        self.by_year().keys().copied().collect()
    }
}

/// Read a GOV.UK `bank-holidays.json` text. The error names what is wrong.
pub fn parse(text: &str) -> Result<ImportedHolidays, LawError> {
    read(text).map_err(LawError::BankHolidaysFile)
}

/// `parse`, its refusal without the "bank holidays file: " that names the file.
fn read(text: &str) -> Result<ImportedHolidays, String> {
    let root: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("not a JSON file ({e})"))?;
    let division =
        root.get("england-and-wales").ok_or("no \"england-and-wales\" division (is this GOV.UK's bank-holidays.json?)")?;
    let events = division.get("events").and_then(|e| e.as_array()).ok_or("\"england-and-wales\" has no \"events\" list")?;
    if events.is_empty() {
        return Err("the \"england-and-wales\" events list is empty".into());
    }
    let mut out = Vec::with_capacity(events.len());
    for (i, event) in events.iter().enumerate() {
        let field = |name: &str| format!("england-and-wales events[{i}].{name}");
        let date_text = event.get("date").and_then(|d| d.as_str()).ok_or_else(|| format!("{} is missing", field("date")))?;
        let date = super::dates::parse(date_text).map_err(|e| format!("{}: {e}", field("date")))?;
        if !(FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
            return Err(format!("{}: {date_text} is outside {FIRST_YEAR}–{LAST_YEAR}", field("date")));
        }
        let title = event.get("title").and_then(|t| t.as_str()).unwrap_or("Bank holiday").trim();
        if title.chars().count() > 200 {
            return Err(format!("{} is longer than 200 characters", field("title")));
        }
        out.push(ImportedEvent { date, title: if title.is_empty() { "Bank holiday".into() } else { title.into() } });
    }
    out.sort_by_key(|e| e.date);
    if let Some(pair) = out.windows(2).find(|w| w[0].date == w[1].date) {
        return Err(format!("{} is listed twice", pair[0].date));
    }
    let imported = ImportedHolidays { events: out };
    imported.check().map_err(|e| e.to_string())?;
    Ok(imported)
}

impl ImportedHolidays {
    /// Whether each year could be England and Wales's: from 8 to 15
    /// holidays, none on a Saturday or Sunday (GOV.UK lists a holiday that
    /// falls at a weekend on its substitute weekday, so a weekend date is
    /// never right). The error names the first year that fails and why.
    pub fn check(&self) -> Result<(), LawError> {
        for (year, days) in self.by_year() {
            if days.len() < MIN_PER_YEAR {
                return Err(implausible(format!(
                    "{year} lists {} holiday{}, but England and Wales has at least {MIN_PER_YEAR} a year: is the file complete?",
                    days.len(),
                    if days.len() == 1 { "" } else { "s" }
                )));
            }
            if days.len() > MAX_PER_YEAR {
                return Err(implausible(format!(
                    "{year} lists {} holidays, but England and Wales has never had more than {MAX_PER_YEAR} a year: is this GOV.UK's bank-holidays.json?",
                    days.len()
                )));
            }
            if let Some((date, title)) = days.iter().find(|(d, _)| matches!(d.weekday(), Weekday::Sat | Weekday::Sun)) {
                return Err(implausible(format!(
                    "{year} lists {} ({}) on a {}, but a bank holiday is never a Saturday or Sunday (one that falls at a weekend is listed on its substitute weekday): is this GOV.UK's bank-holidays.json?",
                    super::dates::long(*date),
                    super::dates::shorten(title),
                    super::dates::weekday_name(*date)
                )));
            }
        }
        Ok(())
    }
}

fn implausible(message: String) -> LawError {
    LawError::ImplausibleHolidays(message)
}

/// Every year since 1978 has had at least eight bank holidays in England and
/// Wales; a year with fewer in a file means the file is cut short.
const MIN_PER_YEAR: usize = 8;

/// The most there has been is ten (2022: the Platinum Jubilee and the
/// Queen's funeral); more than fifteen is not a real year.
const MAX_PER_YEAR: usize = 15;
