//! Mediation Desk's application, shared by the `mediation-desk` command
//! line and the desktop window: the forms that check what a person types
//! (new call, facts, who), certificates and letters (content, wording, PDF,
//! and the issue, void and re-issue workflow over the store's register),
//! the case views, reports, exports, imports and the seeded generator,
//! and the one error type they return (`DeskError`).
//! The law (`law`) and the store (`store`) are re-exported under their
//! own names so the shells need only this crate; nothing here knows of
//! Tauri or of the command line's parser.

#![warn(missing_docs)]

pub mod backups;
pub mod call_form;
pub mod case_view;
pub mod certificates;
pub mod details_form;
pub mod disagreement;
pub mod error;
pub mod exports;
pub mod facts_form;
pub mod fields;
pub mod files;
pub mod generator;
pub mod imports;
pub mod pdf;
pub mod reports;
pub mod unlock;
pub mod vocabulary;

pub use law::{calendar, chart, fact_fields, facts, json_input, labels, people, rules, serde_names, text, timeline};
pub use store;

pub use error::{DeskError, Result};
pub use law::{Calendar, CaseFacts, Clock, CountingChoices, LawError, Status, Timeline};
