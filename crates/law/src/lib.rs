//! The law of SEND mediation in England, as Mediation Desk reads it: the
//! calendar (working days, bank holidays, calendar months), the facts of a
//! case, the rules that turn them into statutory clocks (each beside its
//! citation), the timeline they make, and what a certificate must rest on.
//! Pure: no file, no database, no clock; today is always passed in.
//! Nothing outside this crate computes a deadline.
#![warn(missing_docs)]

pub mod anonymise;
pub mod calendar;
pub mod chart;
pub mod disagreement;
pub mod error;
pub mod fact_fields;
pub mod facts;
pub mod json_input;
pub mod labels;
pub mod people;
pub mod rules;
pub mod serde_names;
pub mod text;
pub mod timeline;

pub use calendar::Calendar;
pub use error::LawError;
pub use facts::CaseFacts;
pub use rules::choices::CountingChoices;
pub use timeline::{Clock, Status, Timeline};
