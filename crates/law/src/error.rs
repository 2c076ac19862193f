//! What the law refuses, as one type: text that is not a date, a count
//! beyond what the calendar holds, JSON wrong at a named field, and a bank
//! holidays file that cannot be England and Wales's. Each message is the
//! plain sentence the command line prints and the screens show.

use chrono::NaiveDate;

use crate::calendar::MAX_WORKING_DAYS;
use crate::json_input::JsonProblem;

/// Why the law refused something. The `Display` text is the whole message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LawError {
    /// Text given as a date that is not one; a sentence about the text
    /// ("'x' is not a date: use YYYY-MM-DD or DD/MM/YYYY"), for the caller
    /// to prefix with the field's name.
    #[error("{0}")]
    NotADate(String),
    /// A working-day count beyond [`MAX_WORKING_DAYS`] either way.
    #[error("{n} working days is outside -{MAX_WORKING_DAYS} to {MAX_WORKING_DAYS}, the most this calendar counts")]
    TooManyWorkingDays {
        /// The count asked for.
        n: i32,
    },
    /// A count from `from` that would leave the dates chrono can hold.
    #[error("counting from {from} goes beyond the dates this calendar can hold")]
    BeyondDates {
        /// The date the count started from.
        from: NaiveDate,
    },
    /// JSON a person or a script wrote, wrong at a path (`json_input`).
    #[error(transparent)]
    Json(#[from] JsonProblem),
    /// A value refused, naming its field: "decision.sent_on: not a real
    /// date ...", "MEDIATION_DESK_TODAY: ...".
    #[error("{field}: {message}")]
    Field {
        /// The field refused: a JSON path or a setting's name.
        field: String,
        /// What is wrong with it, as a person reads it.
        message: String,
    },
    /// Imported holidays that cannot be a year of England and Wales's; the
    /// message names the first year that fails and why.
    #[error("{0}")]
    ImplausibleHolidays(String),
    /// A GOV.UK bank holidays file refused; the message says what is wrong.
    #[error("bank holidays file: {0}")]
    BankHolidaysFile(String),
}

impl LawError {
    /// The field the error is about, where it names one.
    pub fn field(&self) -> Option<&str> {
        match self {
            LawError::Field { field, .. } => Some(field),
            LawError::Json(p) if !p.path.is_empty() => Some(&p.path),
            _ => None,
        }
    }
}

/// What the law's functions return: a value, or why it was refused.
pub type Result<T, E = LawError> = std::result::Result<T, E>;
