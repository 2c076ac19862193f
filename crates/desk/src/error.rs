//! What the application refuses or fails at, as one type: the store's
//! errors as they are, and desk's own (a file that cannot be written, a
//! period that ends before it starts, a spreadsheet that cannot be
//! imported, a report that cannot be rendered). The shells map it in one
//! place each: the command line to an exit code, the window to the error
//! the screens show, keeping the field a person fixes.

use crate::pdf::RenderError;
use crate::store::StoreError;

/// Why the application refused or failed. The `Display` text is the
/// whole message, as the command line prints it.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum DeskError {
    /// The store refused or failed (its `BadInput` and `NotFound` are bad
    /// input). A certificate's checks and rendering run inside the store's
    /// issue transaction, so their refusals arrive here too.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// What a person gave was refused; `field` names what to fix (`path`
    /// for a file, `to` for a period, `file` for a spreadsheet). Nothing
    /// was written.
    #[error("{field}: {message}")]
    BadInput {
        /// What to fix: the name of the field, box or option.
        field: String,
        /// What is wrong with it, in a sentence.
        message: String,
    },
    /// A spreadsheet import wrote nothing: the file or a row is wrong, the
    /// first problem first.
    #[error("{0}")]
    Import(String),
    /// A report could not be rendered as a PDF.
    #[error(transparent)]
    Render(RenderError),
    /// An export or report could not be written out.
    #[error("{0}")]
    Write(String),
}

impl DeskError {
    /// A refusal of `field`, saying what is wrong with it.
    pub fn bad(field: impl Into<String>, message: impl Into<String>) -> DeskError {
        DeskError::BadInput { field: field.into(), message: message.into() }
    }

    /// Whether the caller gave bad input (the command line exits 2) rather
    /// than something else failing (exit 1).
    pub fn is_bad_input(&self) -> bool {
        match self {
            DeskError::Store(e) => e.is_bad_input(),
            DeskError::BadInput { .. } | DeskError::Import(_) => true,
            DeskError::Render(_) | DeskError::Write(_) => false,
        }
    }

    /// The field to fix and what is wrong with it, for a refusal that
    /// names a field (the store's or desk's own): the screens show it
    /// beside the field.
    pub fn field_error(&self) -> Option<(&str, &str)> {
        match self {
            DeskError::Store(StoreError::BadInput { field, message }) | DeskError::BadInput { field, message } => {
                Some((field, message))
            }
            _ => None,
        }
    }
}

/// What the application's actions return: the result, or why it was refused or failed.
pub type Result<T, E = DeskError> = std::result::Result<T, E>;
