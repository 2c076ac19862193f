//! Tauri commands: each parses its input, calls the core, and maps the error
//! to one plain message. Logic belongs in `src/`, not here.

pub mod cases;
pub mod certificates;
pub mod disagreement;
pub mod engine;
pub mod error;
pub mod reports;
pub mod retention;
pub mod settings;
pub mod unlock;
