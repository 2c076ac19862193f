//! Helpers shared by the law's tests: dates and case facts. The store's,
//! the application's and the whole product's tests include this file too.
#![allow(dead_code)]

use chrono::NaiveDate;
use law::facts::CaseFacts;
use law::rules::choices::CountingChoices;
use law::{calendar::Calendar, rules, timeline::Timeline};

pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

/// The date the tests treat as today: Tue 7 Apr 2026.
pub fn today() -> NaiveDate {
    date("2026-04-07")
}

/// A date from `YYYY-MM-DD` (short form for the clock tests).
pub fn d(text: &str) -> NaiveDate {
    date(text)
}

pub fn timeline_on(facts: &CaseFacts, today: &str) -> Timeline {
    rules::timeline(facts, &Calendar::built_in(), &CountingChoices::default(), d(today))
}

pub fn facts(json: &str) -> CaseFacts {
    law::facts::from_json(json).unwrap_or_else(|e| panic!("bad test facts: {e}"))
}
