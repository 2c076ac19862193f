//! The one error shape the screens receive: a message, the field it is
//! about (if any), for forms every field's problem, and whether the app is
//! locked (the screens then show the Unlock screen).

use desk::call_form::FieldError;
use desk::store::StoreError;
use desk::{DeskError, LawError};
use serde::Serialize;

#[derive(Debug, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CommandError {
    pub message: String,
    pub field: Option<String>,
    pub fields: Vec<FieldError>,
    /// The database is locked: nothing was read or done; unlock first.
    pub locked: bool,
}

impl CommandError {
    /// A message, about no field.
    fn message(message: String) -> CommandError {
        CommandError { message, field: None, fields: Vec::new(), locked: false }
    }

    /// What every command but the unlocking ones says while the app is locked.
    pub fn locked() -> CommandError {
        CommandError { locked: true, ..CommandError::message("Mediation Desk is locked: unlock it to carry on.".into()) }
    }

    /// A message about one field (the screens show it under the field).
    pub fn on_field(field: &str, message: impl Into<String>) -> CommandError {
        CommandError { field: Some(field.to_string()), ..CommandError::message(message.into()) }
    }
}

/// The application's errors (the store's among them), the one place they
/// become what the screens show: a refusal naming a field keeps it.
impl From<DeskError> for CommandError {
    fn from(err: DeskError) -> CommandError {
        match err.field_error() {
            // "Child's date of birth is required ...", not "child.date_of_birth: is required ...".
            Some((field, message)) => {
                let message = match desk::vocabulary::field_label(field) {
                    Some(label) => format!("{label} {message}"),
                    None => format!("{field}: {message}"),
                };
                CommandError::on_field(field, message)
            }
            None => CommandError::message(err.to_string()),
        }
    }
}

impl From<StoreError> for CommandError {
    fn from(err: StoreError) -> CommandError {
        DeskError::from(err).into()
    }
}

/// The law's refusals reach the window from a file or the environment
/// (a bank holidays file, `MEDIATION_DESK_TODAY`), not from a form's
/// field: the message alone.
impl From<LawError> for CommandError {
    fn from(err: LawError) -> CommandError {
        CommandError::from(err.to_string())
    }
}

impl From<String> for CommandError {
    fn from(message: String) -> CommandError {
        CommandError::message(message)
    }
}

impl From<FieldError> for CommandError {
    fn from(error: FieldError) -> CommandError {
        CommandError { fields: vec![error.clone()], ..CommandError::on_field(&error.field, error.message) }
    }
}

impl From<Vec<FieldError>> for CommandError {
    fn from(fields: Vec<FieldError>) -> CommandError {
        let message = format!("There {} with this form", if fields.len() == 1 { "is a problem" } else { "are problems" });
        CommandError { fields, ..CommandError::message(message) }
    }
}

pub type Result<T> = std::result::Result<T, CommandError>;

/// Today's date, as the core resolves it.
pub fn today() -> Result<chrono::NaiveDate> {
    Ok(desk::calendar::dates::today()?)
}
