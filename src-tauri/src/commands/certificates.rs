//! Certificates: the Case screen's section (preview, issue, open to print,
//! save as, void, re-issue) and the register. Each command parses, calls
//! the core, and maps the error; opening a file in the system PDF viewer
//! (how people print) is the shell's only part. What is opened is a copy in
//! the private folder of PDFs opened to print (`crate::print`), removed
//! when the app locks; "Save as" is the one way to keep a plain copy.

use std::path::{Path, PathBuf};

use desk::call_form::DateParts;
use desk::certificates::files;
use desk::certificates::form::{self, CaseCertificates, IssueCertificateForm, RegisterQuery};
use desk::certificates::CertificateWorkflow;
use desk::store::{CertificateRecord, IssuedRecord, LateWarning};
use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

use super::error::{today, Result};
use crate::state::AppState;

/// A certificate just issued: its number, the lateness warning if late,
/// and where its temporary copy to print was written.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CertificateIssued {
    pub number: String,
    pub late: Option<LateWarning>,
    pub file: String,
}

/// Open `path` in the system PDF viewer, unless `MEDIATION_DESK_NO_OPEN`
/// is set (the end-to-end tests check the file instead).
pub(crate) fn open_in_viewer(app: &AppHandle, path: &Path) -> Result<()> {
    if std::env::var_os("MEDIATION_DESK_NO_OPEN").is_some() {
        return Ok(());
    }
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| format!("The PDF was saved as {}, but no PDF viewer could open it: {e}", path.display()).into())
}

/// Write certificate `number`'s stored PDF to the folder of PDFs opened to print.
fn print_copy(state: &AppState, store: &desk::store::Store, number: &str) -> Result<PathBuf> {
    let pdf = store.certificate_pdf(number)?;
    state.print.write_as(&files::print_copy_path(Path::new(""), number), &pdf)
}

fn issued(state: &AppState, store: &desk::store::Store, record: IssuedRecord) -> Result<CertificateIssued> {
    let file = print_copy(state, store, &record.number)?;
    Ok(CertificateIssued { number: record.number, late: record.late, file: file.display().to_string() })
}

#[tauri::command]
pub fn case_certificates(state: State<AppState>, reference: String) -> Result<CaseCertificates> {
    Ok(state.store()?.case_certificates(&reference, today()?)?)
}

/// Render the certificate the form describes, marked as a preview, and
/// open it; with the lateness it would be issued with.
#[tauri::command]
pub fn preview_certificate(
    app: AppHandle,
    state: State<AppState>,
    reference: String,
    form: IssueCertificateForm,
) -> Result<CertificateIssued> {
    let checked = form::check(&form, today()?)?;
    let preview = state.store()?.preview_certificate(&reference, checked.kind, checked.issued_on, &checked.options)?;
    let path = state.print.write_as(&files::preview_path(Path::new(""), &reference), &preview.pdf)?;
    open_in_viewer(&app, &path)?;
    Ok(CertificateIssued { number: preview.number, late: preview.late, file: path.display().to_string() })
}

#[tauri::command]
pub fn issue_certificate(state: State<AppState>, reference: String, form: IssueCertificateForm) -> Result<CertificateIssued> {
    let today = today()?;
    let checked = form::check(&form, today)?;
    let mut store = state.store()?;
    let record = store.issue_certificate(&reference, checked.kind, checked.issued_on, &checked.options, &state.user, today)?;
    issued(&state, &store, record)
}

/// Write the temporary copy to print from the stored bytes and open it.
#[tauri::command]
pub fn open_certificate(app: AppHandle, state: State<AppState>, number: String) -> Result<String> {
    let path = print_copy(&state, &*state.store()?, &number)?;
    open_in_viewer(&app, &path)?;
    Ok(path.display().to_string())
}

/// "Save as": the stored PDF to the file the user chose in the save dialog,
/// a plain copy the passphrase does not protect (the dialog says so).
#[tauri::command]
pub fn save_certificate_as(state: State<AppState>, number: String, path: PathBuf) -> Result<String> {
    Ok(state.store()?.save_certificate_pdf(&number, &path)?.display().to_string())
}

#[tauri::command]
pub fn void_certificate(state: State<AppState>, number: String, reason: String) -> Result<()> {
    let reason = form::void_reason(&reason)?;
    Ok(state.store()?.void_certificate(&number, &reason, &state.user, today()?)?)
}

#[tauri::command]
pub fn reissue_certificate(state: State<AppState>, number: String, issued_on: DateParts) -> Result<CertificateIssued> {
    let today = today()?;
    let issued_on = form::date_of_issue(&issued_on, today)?;
    let mut store = state.store()?;
    let record = store.reissue_certificate(&number, issued_on, &state.user, today)?;
    issued(&state, &store, record)
}

/// The letter for a case that needs no certificate, dated as typed,
/// signed by the staff member chosen (if any); written and opened.
#[tauri::command]
pub fn exemption_letter(
    app: AppHandle,
    state: State<AppState>,
    reference: String,
    dated: DateParts,
    signed_by: Option<String>,
) -> Result<String> {
    let today = today()?;
    let dated = form::letter_date(&dated, today)?;
    let signed_by = signed_by.filter(|s| !s.trim().is_empty());
    let pdf = state.store()?.exemption_letter(&reference, dated, signed_by.as_deref(), &state.user, today)?;
    let path = state.print.write_as(&files::exemption_letter_path(Path::new(""), &reference), &pdf)?;
    open_in_viewer(&app, &path)?;
    Ok(path.display().to_string())
}

/// The register, newest first, as the Certificates screen filters it.
#[tauri::command]
pub fn certificate_register(state: State<AppState>, query: RegisterQuery) -> Result<Vec<CertificateRecord>> {
    Ok(form::register(&*state.store()?, &query)?)
}
