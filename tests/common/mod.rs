//! Helpers shared by the integration tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use mediation_desk::{rules, Calendar, CaseFacts, CountingChoices, Timeline};

/// A date from `YYYY-MM-DD`.
pub fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad test date {text}"))
}

pub fn timeline_on(facts: &CaseFacts, today: &str) -> Timeline {
    rules::timeline(facts, &Calendar::built_in(), &CountingChoices::default(), d(today))
}

pub fn facts(json: &str) -> CaseFacts {
    mediation_desk::facts::from_json(json).unwrap_or_else(|e| panic!("bad test facts: {e}"))
}
