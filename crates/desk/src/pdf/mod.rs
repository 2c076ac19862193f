//! The PDF page layout every document the desk prints shares: mediation
//! certificates, the exemption letter, the record of outcome of a
//! disagreement resolution case and the commissioner's report.
//!
//! - [`fonts`]: the embedded DejaVu Sans faces: what they can print,
//!   measuring text, wrapping it into lines, subsetting for the PDF.
//! - [`layout`]: the A4 page: margins, the running head on pages after the
//!   first, the footer with page numbers, wrapped text blocks, headings,
//!   label and value rows, bullets, ruled boxes; and the writing of the
//!   bytes (fonts embedded, metadata and /ID from the content, so the same
//!   content gives the same bytes).
//!
//! What each document says, and its own panels (the certificate's number
//! box and guidance panel, the report's bar charts), stay with the document
//! (`certificates::pdf`, `reports::kpi_pdf`). Nothing here knows a case, a
//! certificate or the law.

pub mod fonts;
pub mod layout;

use std::fmt;

pub use fonts::{first_unprintable, fonts, wrap, Face, NBSP};
pub use layout::{hex, Layout, PageNumberAt, PageStyle, RowStyle};

/// Why a document could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenderError {
    /// A field holds a character the certificate font cannot print (a name
    /// in a script DejaVu Sans lacks, or a control character). Refused
    /// rather than printed as empty boxes.
    UnsupportedCharacter {
        /// The field that holds it, as the document names it (`child.name`).
        field: String,
        /// The character that cannot be printed.
        character: char,
    },
    /// A field the document must show is empty.
    MissingField {
        /// The field that is empty.
        field: String,
    },
    /// The PDF library failed (a bug, not bad input).
    Pdf(String),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::UnsupportedCharacter { field, character } => f.write_str(&unsupported_character(field, *character)),
            RenderError::MissingField { field } => write!(f, "{field}: must not be empty"),
            RenderError::Pdf(message) => write!(f, "could not write the PDF: {message}"),
        }
    }
}

impl std::error::Error for RenderError {}

/// The message for a character the font cannot print, naming the field.
pub fn unsupported_character(field: &str, character: char) -> String {
    format!(
        "{field}: the character '{character}' (U+{:04X}) cannot be printed on a certificate (the certificate font covers Latin, Greek and Cyrillic scripts)",
        character as u32
    )
}

/// Refuse a document whose fields the font cannot print: each field is
/// (its JSON path, its text, whether it must not be blank). Every character
/// must be in both faces (a name printed in bold must print in regular too).
pub fn check_fields(fields: &[(String, &str, bool)]) -> Result<(), RenderError> {
    for (field, text, required) in fields {
        if *required && text.trim().is_empty() {
            return Err(RenderError::MissingField { field: field.clone() });
        }
        if let Some(character) = first_unprintable(text) {
            return Err(RenderError::UnsupportedCharacter { field: field.clone(), character });
        }
    }
    Ok(())
}
