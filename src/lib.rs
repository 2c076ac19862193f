//! Mediation Desk's engine: the calendar, the statutory clocks and the case
//! facts they read, the case store, and certificates. No UI and no Tauri
//! here; the desktop shell and the `mediation-desk` command line are thin
//! layers over this library.

pub mod calendar;
pub mod call_form;
pub mod certificates;
pub mod chart;
pub mod details_form;
pub mod disagreement;
pub mod exports;
pub mod facts;
pub mod facts_form;
pub mod files;
pub mod generator;
pub mod imports;
pub mod json_input;
pub mod pdf;
pub mod reports;
pub mod rules;
pub mod serde_names;
pub mod store;
pub mod text;
pub mod timeline;
pub mod vocabulary;

pub use calendar::Calendar;
pub use facts::CaseFacts;
pub use rules::choices::CountingChoices;
pub use timeline::{Clock, Status, Timeline};
