//! The engine, unsaved: a timeline for facts being typed.

use mediation_desk::{facts::CaseFacts, rules, Calendar, CountingChoices, Timeline};

/// The timeline of facts not yet saved (the New call form's preview).
#[tauri::command]
pub fn timeline_preview(facts: CaseFacts) -> Timeline {
    let today = chrono::Local::now().date_naive();
    rules::timeline(&facts, &Calendar::built_in(), &CountingChoices::default(), today)
}
