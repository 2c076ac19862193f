//! Cases: the Today view, the list and search, a case with its timeline,
//! logging a call, and editing facts. Each command parses, calls the core,
//! and maps the error.

use desk::call_form::{self, NewCallForm};
use desk::case_view::CaseViews;
use desk::case_view::{CaseView, FactsPreview};
use desk::details_form::{self, CaseDetailsForm};
use desk::facts_form::{self, FactsForm};
use desk::store::{CaseListQuery, CaseSummary, TodayItem};
use desk::Timeline;
use tauri::State;

use super::error::{today, Result};
use crate::state::AppState;

#[tauri::command]
pub fn today_view(state: State<AppState>, days: u32) -> Result<Vec<TodayItem>> {
    let store = state.store()?;
    Ok(store.today(today()?, days)?)
}

#[tauri::command]
pub fn list_cases(state: State<AppState>, query: CaseListQuery) -> Result<Vec<CaseSummary>> {
    Ok(state.store()?.list_cases(&query.into())?)
}

#[tauri::command]
pub fn local_authorities(state: State<AppState>) -> Result<Vec<String>> {
    Ok(state.store()?.organisations(false)?)
}

#[tauri::command]
pub fn case_view(state: State<AppState>, reference: String) -> Result<CaseView> {
    let store = state.store()?;
    Ok(store.case_view(&reference, today()?)?)
}

/// A person opens the case: it is shown, and who opened it, and when, is
/// recorded beside its history (`case_view` reads it again after a change,
/// which is not recorded).
#[tauri::command]
pub fn open_case(state: State<AppState>, reference: String) -> Result<CaseView> {
    let store = state.store()?;
    let view = store.case_view(&reference, today()?)?;
    store.record_access(&reference, &state.user)?;
    Ok(view)
}

/// The clocks the New call form describes so far.
#[tauri::command]
pub fn preview_call(state: State<AppState>, form: NewCallForm) -> Result<Timeline> {
    let store = state.store()?;
    Ok(call_form::preview(&store, &form, today()?)?)
}

/// Save a new call as a case; the new reference.
#[tauri::command]
pub fn log_call(state: State<AppState>, form: NewCallForm) -> Result<String> {
    let today = today()?;
    let input = call_form::check(&form, today)?;
    let mut store = state.store()?;
    Ok(store.add_case(&input, &state.user, today)?)
}

/// The facts form filled from the case as saved.
#[tauri::command]
pub fn facts_form(state: State<AppState>, reference: String) -> Result<FactsForm> {
    Ok(facts_form::from_facts(&state.store()?.case(&reference)?.facts))
}

/// The timeline (and its picture) for the facts as typed so far, before they are saved.
#[tauri::command]
pub fn preview_facts(state: State<AppState>, reference: String, form: FactsForm) -> Result<FactsPreview> {
    let store = state.store()?;
    let case = store.case(&reference)?;
    let facts = facts_form::so_far(&form, &case.facts);
    Ok(store.case_preview(&case, &facts, today()?)?)
}

#[tauri::command]
pub fn save_facts(state: State<AppState>, reference: String, form: FactsForm) -> Result<CaseView> {
    let today = today()?;
    let mut store = state.store()?;
    let facts = facts_form::check(&form, &store.case(&reference)?.facts)?;
    store.update_facts(&reference, facts, &state.user, today)?;
    Ok(store.case_view(&reference, today)?)
}

#[tauri::command]
pub fn add_note(state: State<AppState>, reference: String, text: String) -> Result<CaseView> {
    let mut store = state.store()?;
    store.add_note(&reference, &text, &state.user)?;
    Ok(store.case_view(&reference, today()?)?)
}

#[tauri::command]
pub fn close_case(state: State<AppState>, reference: String, reason: String) -> Result<CaseView> {
    let today = today()?;
    let mut store = state.store()?;
    store.close_case(&reference, &reason, &state.user, today)?;
    Ok(store.case_view(&reference, today)?)
}

/// The "Who" form filled from the case as saved.
#[tauri::command]
pub fn case_details(state: State<AppState>, reference: String) -> Result<CaseDetailsForm> {
    Ok(details_form::from_record(&state.store()?.case(&reference)?))
}

/// Correct the child's or caller's details, or the LA.
#[tauri::command]
pub fn save_details(state: State<AppState>, reference: String, form: CaseDetailsForm) -> Result<CaseView> {
    let today = today()?;
    let mut store = state.store()?;
    let input = details_form::apply(&form, &store.case(&reference)?, today)?;
    store.update_case(&reference, &input, &state.user, today)?;
    Ok(store.case_view(&reference, today)?)
}
