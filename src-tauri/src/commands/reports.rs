//! Reports and imports: the commissioner's report for a period (figures and
//! chart series from the core; saved as PDF or CSV), the exports, and the
//! spreadsheet import with its dry run. Each command parses, calls the
//! core, and maps the error.

use std::path::PathBuf;

use desk::exports::request::{save_export, ExportFormat, ExportRequest};
use desk::imports::mapping::Mapping;
use desk::imports::spreadsheet::{self, ImportView};
use desk::reports::request::{self as report, ReportForm};
use desk::reports::{kpi_report, KpiReport};
use tauri::State;

use super::error::{today, Result};
use crate::state::AppState;

/// The period the screen starts on.
#[tauri::command]
pub fn report_form() -> Result<ReportForm> {
    Ok(report::default_form(today()?))
}

#[tauri::command]
pub fn report(state: State<AppState>, form: ReportForm) -> Result<KpiReport> {
    let filter = report::check(&form)?;
    Ok(kpi_report(&*state.store()?, &filter, today()?)?)
}

/// The report to the file chosen: PDF, or CSV when the name ends `.csv`.
#[tauri::command]
pub fn save_report(state: State<AppState>, form: ReportForm, path: PathBuf) -> Result<String> {
    let filter = report::check(&form)?;
    Ok(report::save_report(&*state.store()?, &filter, &path, today()?)?.display().to_string())
}

/// An export of the cases in the form's period and LA to the file chosen.
#[tauri::command]
pub fn export_cases(
    state: State<AppState>,
    form: ReportForm,
    format: ExportFormat,
    with_names: bool,
    path: PathBuf,
) -> Result<String> {
    let request = ExportRequest::for_period(&report::check(&form)?, format, with_names);
    Ok(save_export(&*state.store()?, &request, &path, today()?)?.display().to_string())
}

/// What personal data an export will hold, said before the person chooses
/// where to save it (the file is not encrypted); none when it holds none.
#[tauri::command]
pub fn export_notice(format: ExportFormat, with_names: bool) -> Option<String> {
    let request = ExportRequest { format, from: None, to: None, local_authority: None, reference: None, with_names };
    request.personal_data().map(str::to_string)
}

/// The dry run of a spreadsheet the user chose (`name` for messages, its
/// text read by the screen). Writes nothing.
#[tauri::command]
pub fn import_preview(state: State<AppState>, name: String, text: String, mapping: Option<Mapping>) -> Result<ImportView> {
    let saved = state.store()?.import_mapping()?;
    Ok(spreadsheet::first_view(&name, &text, mapping.as_ref(), saved.as_ref(), today()?)?)
}

/// Import every row, all or nothing; the mapping is remembered.
#[tauri::command]
pub fn import_cases(state: State<AppState>, text: String, mapping: Mapping) -> Result<String> {
    Ok(spreadsheet::import(&mut *state.store()?, &text, &mapping, &state.user, today()?)?)
}
