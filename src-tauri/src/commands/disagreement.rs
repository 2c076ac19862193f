//! Disagreement resolution: the organisations known as other parties, the
//! Case screen's form of events and outcome, the record of outcome, and
//! the service's own targets (on Today and in Settings). Each command
//! parses, calls the core, and maps the error.

use desk::call_form::{DateParts, FieldError};
use desk::case_view::CaseView;
use desk::case_view::CaseViews;
use desk::certificates::CertificateWorkflow;
use desk::disagreement::form::{self, DisagreementForm, TargetsForm};
use desk::disagreement::KnownParty;
use desk::store::{StoreError, TargetItem};
use tauri::{AppHandle, State};

use super::error::{today, CommandError, Result};
use crate::state::AppState;

/// A refusal about a field of the record, against the form's input.
fn on_form(err: StoreError) -> CommandError {
    match err {
        StoreError::BadInput { field, message } if field.starts_with("disagreement") => {
            let message = match desk::vocabulary::field_label(&field) {
                Some(label) => format!("{label} {message}"),
                None => message,
            };
            CommandError::from(vec![FieldError { field: form::input_for(&field), message }])
        }
        other => other.into(),
    }
}

/// The organisations already named as other parties, for the pick list.
#[tauri::command]
pub fn other_parties(state: State<AppState>) -> Result<Vec<KnownParty>> {
    Ok(state.store()?.other_parties()?)
}

/// The form filled from the case as saved.
#[tauri::command]
pub fn disagreement_form(state: State<AppState>, reference: String) -> Result<DisagreementForm> {
    let case = state.store()?.case(&reference)?;
    match &case.disagreement {
        Some(d) => Ok(form::from_record(d)),
        None => Err(format!("{reference} is not a disagreement resolution case").into()),
    }
}

/// Save the events and the outcome; the case as saved.
#[tauri::command]
pub fn save_disagreement(state: State<AppState>, reference: String, form: DisagreementForm) -> Result<CaseView> {
    let today = today()?;
    let checked = form::check(&form, today)?;
    let mut store = state.store()?;
    store.save_disagreement(&reference, checked, &state.user, today).map_err(on_form)?;
    Ok(store.case_view(&reference, today)?)
}

/// Write the record of outcome, dated as typed, to the folder of PDFs
/// opened to print, and open it.
#[tauri::command]
pub fn record_of_outcome(app: AppHandle, state: State<AppState>, reference: String, dated: DateParts) -> Result<String> {
    let today = today()?;
    let dated = form::record_date(&dated, today)?;
    let pdf = state.store()?.record_of_outcome(&reference, dated, &state.user)?;
    let path =
        state.print.write_as(&desk::certificates::files::record_of_outcome_path(std::path::Path::new(""), &reference), &pdf)?;
    super::certificates::open_in_viewer(&app, &path)?;
    Ok(path.display().to_string())
}

/// The service's targets due within `days` (past ones always).
#[tauri::command]
pub fn today_targets(state: State<AppState>, days: u32) -> Result<Vec<TargetItem>> {
    Ok(state.store()?.today_targets(today()?, days)?)
}

/// The service's targets as Settings shows them.
#[tauri::command]
pub fn service_targets(state: State<AppState>) -> Result<TargetsForm> {
    Ok(TargetsForm::of(&state.store()?.service_targets()?))
}

#[tauri::command]
pub fn save_service_targets(state: State<AppState>, targets: TargetsForm) -> Result<()> {
    let checked = targets.check()?;
    Ok(state.store()?.set_service_targets(&checked, &state.user)?)
}
