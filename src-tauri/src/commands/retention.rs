//! Kept only as long as it should be: the retention policy, the closed
//! cases due for disposal and anonymising them, erasing one case on a
//! person's request, the disposal log, who opened a case, and a person's
//! subject access export. Each command parses, calls the store or desk,
//! and maps the error.

use std::path::PathBuf;

use desk::exports::subject_access;
use desk::rules::retention::RetentionPolicy;
use desk::store::{CaseAccess, Disposal, DisposalDue, DisposalKind, PersonInCase, StoreError};
use serde::Serialize;
use tauri::State;

use super::error::{today, CommandError, Result};
use crate::state::AppState;

/// The store's refusals of these forms, in the screens' words: "The
/// reason is required", not "reason: is required".
fn labelled(err: impl Into<desk::DeskError>) -> CommandError {
    let err = err.into();
    let label = match err.field_error() {
        Some(("reason", _)) => "The reason",
        Some(("years_after_closing", _)) => "Years after closing",
        Some(("name", _)) => "The person's name",
        Some(("reference", _)) => "The case",
        _ => return err.into(),
    };
    let (field, message) = err.field_error().expect("matched above");
    CommandError::on_field(field, format!("{label} {message}"))
}

/// What the Retention screen shows: no names anywhere in it.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RetentionView {
    pub policy: RetentionPolicy,
    /// The fewest and most years the policy may keep closed cases.
    pub min_years: u32,
    pub max_years: u32,
    /// The closed cases due for disposal today, longest overdue first.
    pub due: Vec<DisposalDue>,
    /// What was disposed of, newest first.
    pub log: Vec<Disposal>,
}

fn view(state: &AppState) -> Result<RetentionView> {
    let store = state.store()?;
    Ok(RetentionView {
        policy: store.retention_policy()?,
        min_years: *desk::rules::retention::YEARS.start(),
        max_years: *desk::rules::retention::YEARS.end(),
        due: store.disposals_due(today()?)?,
        log: store.disposal_log()?,
    })
}

#[tauri::command]
pub fn retention(state: State<AppState>) -> Result<RetentionView> {
    view(&state)
}

/// Save the policy; the screen as it now stands (the cases due follow it).
#[tauri::command]
pub fn save_retention_policy(state: State<AppState>, policy: RetentionPolicy) -> Result<RetentionView> {
    state.store()?.set_retention_policy(&policy, &state.user).map_err(labelled)?;
    view(&state)
}

/// What anonymising the cases due did.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DisposalOutcome {
    /// The cases anonymised, in the order given.
    pub done: Vec<Disposal>,
    /// Why the rest were not, if one was refused (those before it stay done).
    pub problem: Option<String>,
    pub view: RetentionView,
}

/// Anonymise the cases `references` (those the screen listed as due and
/// the person confirmed), each in its own transaction; a case no longer
/// due is refused by the store, and the ones after it are left.
#[tauri::command]
pub fn dispose_due(state: State<AppState>, references: Vec<String>) -> Result<DisposalOutcome> {
    let today = today()?;
    let (done, refused) = state.store()?.dispose_due(&references, &state.user, today);
    let problem = refused.map(|err| labelled(err).message);
    Ok(DisposalOutcome { done, problem, view: view(&state)? })
}

/// Erase the closed case `reference` on a person's request, with a reason
/// (a request's reference, not a name); what the disposal log recorded.
#[tauri::command]
pub fn erase_case(state: State<AppState>, reference: String, reason: String) -> Result<Disposal> {
    let today = today()?;
    state.store()?.dispose(&reference, DisposalKind::Request, &reason, &state.user, today).map_err(labelled)
}

/// Who opened the case `reference`, newest first.
#[tauri::command]
pub fn case_access(state: State<AppState>, reference: String) -> Result<Vec<CaseAccess>> {
    Ok(state.store()?.access_log(&reference)?)
}

/// Before a subject access export: the cases that name the person, and
/// what the file holds (said before anyone chooses where to save it).
/// Refused under the field `name` when no case names them.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SubjectAccessCheck {
    pub name: String,
    pub cases: Vec<PersonInCase>,
    pub warning: String,
}

#[tauri::command]
pub fn subject_access_check(state: State<AppState>, name: String) -> Result<SubjectAccessCheck> {
    let cases = state.store()?.cases_naming(&name).map_err(labelled)?;
    if cases.is_empty() {
        return Err(labelled(StoreError::bad(
            "name",
            format!("{:?} is in no case: type it as the case records it (accents too)", name.trim()),
        )));
    }
    Ok(SubjectAccessCheck { name: name.trim().to_string(), cases, warning: subject_access::WARNING.to_string() })
}

/// The subject access export for the person named `name`, written to the
/// zip file chosen; the path written.
#[tauri::command]
pub fn save_subject_access(state: State<AppState>, name: String, path: PathBuf) -> Result<String> {
    let bytes = subject_access::export(&*state.store()?, &name, today()?).map_err(labelled)?;
    let path = desk::files::with_extension(&path, "zip");
    Ok(desk::files::write_whole(&path, &bytes)?.display().to_string())
}
