//! The pieces every form is made of: a date typed in three boxes, a text
//! field with the store's limits, and a field's error (its id and what to
//! do), checked GOV.UK style. The New call, facts, who, certificate and
//! disagreement forms are built from these.
//!
//! The one form contract: a form's `check` gives what it describes or
//! every problem found, `Result<T, Vec<FieldError>>` (New call, facts,
//! who (`details_form::apply`), certificate, report, disagreement, the
//! service's targets). Its arguments are what each form is judged
//! against (today, the saved facts, the saved case), so no trait ties
//! them. The functions for one field (`date_field`, `text_field`, a
//! certificate's date of issue, a void's reason) give its one problem.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::dates;
use crate::store::{MAX_NAME_CHARS, MAX_NOTE_CHARS};
use crate::text::lower_first;

/// A date as typed into three boxes: day, month, year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct DateParts {
    /// The day of the month, as typed ("7").
    pub day: String,
    /// The month as a number, as typed ("4").
    pub month: String,
    /// The year, as typed ("2026").
    pub year: String,
}

impl DateParts {
    /// A saved date in the boxes (`7`, `4`, `2026`), or empty boxes.
    pub fn of(date: Option<NaiveDate>) -> DateParts {
        use chrono::Datelike;
        date.map(|d| DateParts { day: d.day().to_string(), month: d.month().to_string(), year: d.year().to_string() })
            .unwrap_or_default()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.day.trim().is_empty() && self.month.trim().is_empty() && self.year.trim().is_empty()
    }
}

/// One problem with the form: the field's id and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FieldError {
    /// The form field: `child_name`, `letter_dated`, ... (a date's boxes are
    /// `letter_dated-day`, `-month`, `-year` on screen).
    pub field: String,
    /// What is wrong and what to do about it, GOV.UK style ("Enter the date of birth").
    pub message: String,
}

pub(crate) struct Errors(pub(crate) Vec<FieldError>);

impl Errors {
    pub(crate) fn add(&mut self, field: &str, message: impl Into<String>) {
        if !self.0.iter().any(|e| e.field == field) {
            self.0.push(FieldError { field: field.into(), message: message.into() });
        }
    }
}

/// A date field, GOV.UK style: "Enter ...", "... must include a month",
/// "... must be a real date".
pub(crate) fn date(errors: &mut Errors, field: &str, label: &str, parts: &DateParts, required: bool) -> Option<NaiveDate> {
    if parts.is_empty() {
        if required {
            errors.add(field, format!("Enter the {}", lower_first(label)));
        }
        return None;
    }
    let (d, m, y) = (parts.day.trim(), parts.month.trim(), parts.year.trim());
    let missing: Vec<&str> =
        [("a day", d), ("a month", m), ("a year", y)].iter().filter(|(_, v)| v.is_empty()).map(|(n, _)| *n).collect();
    if !missing.is_empty() {
        errors.add(field, format!("{label} must include {}", missing.join(" and ")));
        return None;
    }
    if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
        errors.add(field, format!("{label}: the year must include 4 numbers"));
        return None;
    }
    match dates::parse(&format!("{y}-{m:0>2}-{d:0>2}")) {
        Ok(date) => Some(date),
        Err(_) => {
            errors.add(field, format!("{label} must be a real date"));
            None
        }
    }
}

/// One date field of another form (the certificate form), checked the
/// same way: `Ok(None)` when left empty and not required.
pub fn date_field(field: &str, label: &str, parts: &DateParts, required: bool) -> Result<Option<NaiveDate>, FieldError> {
    let mut errors = Errors(Vec::new());
    let date = date(&mut errors, field, label, parts, required);
    match errors.0.pop() {
        Some(error) => Err(error),
        None => Ok(date),
    }
}

/// A date another form must have: an empty one is "Enter the ...".
pub fn required_date_field(field: &str, label: &str, parts: &DateParts) -> Result<NaiveDate, FieldError> {
    let mut errors = Errors(Vec::new());
    match (date(&mut errors, field, label, parts, true), errors.0.pop()) {
        (Some(date), None) => Ok(date),
        (_, Some(error)) => Err(error),
        (None, None) => unreachable!("a required date is either read or refused"),
    }
}

/// One text field of another form, checked the same way: trimmed, `Ok(None)`
/// when empty and not required, refused when too long or with control characters.
pub fn text_field(field: &str, label: &str, value: &str, kind: Text, required: bool) -> Result<Option<String>, FieldError> {
    let mut errors = Errors(Vec::new());
    let value = text(&mut errors, field, label, value, kind, required);
    match errors.0.pop() {
        Some(error) => Err(error),
        None => Ok(value),
    }
}

/// What a text field holds, with the store's limits for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// A name (a person, an LA): one line, up to `MAX_NAME_CHARS`.
    Name,
    /// A note: several lines, up to `MAX_NOTE_CHARS`.
    Note,
}

pub(crate) fn text(errors: &mut Errors, field: &str, label: &str, value: &str, kind: Text, required: bool) -> Option<String> {
    let (max, lines) = match kind {
        Text::Name => (MAX_NAME_CHARS, false),
        Text::Note => (MAX_NOTE_CHARS, true),
    };
    let value = value.trim();
    if value.is_empty() {
        if required {
            errors.add(field, format!("Enter the {}", lower_first(label)));
        }
        return None;
    }
    if value.chars().count() > max {
        errors.add(field, format!("{label} must be {max} characters or fewer"));
        return None;
    }
    if value.chars().any(|c| c.is_control() && !(lines && c == '\n')) {
        errors.add(field, format!("{label} must not contain control characters"));
        return None;
    }
    Some(value.to_string())
}
