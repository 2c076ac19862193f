//! Reports and imports: the commissioner's report for a period (figures and
//! chart series from the core; saved as PDF or CSV), the exports, and the
//! spreadsheet import with its dry run. Each command parses, calls the
//! core, and maps the error.

use std::path::PathBuf;

use mediation_desk::exports::request::{export_bytes, ExportFormat, ExportRequest};
use mediation_desk::files::{with_extension, write_whole};
use mediation_desk::imports::csv_cases::{self, ImportError};
use mediation_desk::imports::mapping::Mapping;
use mediation_desk::imports::spreadsheet::{self, ImportView};
use mediation_desk::reports::request::{self as report, ReportForm, ReportFormat};
use mediation_desk::reports::{kpi_report, KpiReport};
use tauri::State;

use super::error::{today, CommandError, Result};
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
    let format = ReportFormat::from_path(&path).unwrap_or(ReportFormat::Pdf);
    let path = if format == ReportFormat::Pdf { with_extension(&path, "pdf") } else { path };
    let bytes = report::report_bytes(&*state.store()?, &filter, format, today()?)?;
    Ok(write_whole(&path, &bytes)?.display().to_string())
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
    let filter = report::check(&form)?;
    let request = ExportRequest {
        format,
        from: Some(filter.from),
        to: Some(filter.to),
        local_authority: filter.local_authority,
        reference: None,
        with_names,
    };
    let bytes = export_bytes(&*state.store()?, &request, today()?)?;
    Ok(write_whole(&with_extension(&path, format.extension()), &bytes)?.display().to_string())
}

/// The dry run of a spreadsheet the user chose (`name` for messages, its
/// text read by the screen): under `mapping`, or the saved one (or guesses
/// from the headers) when none is given. Writes nothing.
#[tauri::command]
pub fn import_preview(state: State<AppState>, name: String, text: String, mapping: Option<Mapping>) -> Result<ImportView> {
    let mapping = match mapping {
        Some(m) => m,
        None => {
            let headers = spreadsheet::headers(&text).map_err(|m| CommandError::from(format!("{name}: {m}")))?;
            spreadsheet::starting_mapping(&headers, state.store()?.import_mapping()?.as_ref())
        }
    };
    Ok(spreadsheet::view(&name, &text, &mapping, today()?)?)
}

/// Import every row, all or nothing; the mapping is remembered.
#[tauri::command]
pub fn import_cases(state: State<AppState>, text: String, mapping: Mapping) -> Result<String> {
    let mut store = state.store()?;
    let refs = csv_cases::import(&mut store, &text, &mapping, &state.user, today()?).map_err(|e| match e {
        ImportError::Bad(m) => CommandError::from(format!("{m}. Nothing was imported.")),
        ImportError::Store(e) => CommandError::from(e),
    })?;
    store.set_import_mapping(&mapping, &state.user)?;
    Ok(format!("Imported {} cases.", csv_cases::thousands(refs.len())))
}
