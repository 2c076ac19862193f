//! One export as the user asks for it (the CLI's `export` and the app's
//! Reports screen): which format, which cases, and the bytes to write.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{csv_log, full_json, ics, CaseFilter};
use crate::store::Store;
use crate::{DeskError, Result};

/// The formats a user can export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// The case log (CSV).
    Csv,
    /// The case log for commissioners: no names, pseudonyms.
    Pseudonymised,
    /// Everything in the database (JSON).
    Json,
    /// The calendar of clocks (ICS).
    Ics,
}

impl ExportFormat {
    /// The file name's extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv | ExportFormat::Pseudonymised => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Ics => "ics",
        }
    }
}

/// Which cases, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExportRequest {
    /// CSV case log, pseudonymised CSV, full JSON export or ICS calendar.
    pub format: ExportFormat,
    /// Cases still open on or after this date.
    pub from: Option<NaiveDate>,
    /// Cases opened on or before this date.
    pub to: Option<NaiveDate>,
    /// One local authority, by name.
    pub local_authority: Option<String>,
    /// One case (the calendar; the default is every open case).
    pub reference: Option<String>,
    /// The calendar: the child's name in each event.
    pub with_names: bool,
}

impl ExportRequest {
    /// The cases of a period and LA (the Reports screen's choice).
    pub fn for_period(filter: &crate::reports::KpiFilter, format: ExportFormat, with_names: bool) -> ExportRequest {
        ExportRequest {
            format,
            from: Some(filter.from),
            to: Some(filter.to),
            local_authority: filter.local_authority.clone(),
            reference: None,
            with_names,
        }
    }
}

impl ExportRequest {
    /// What personal data the file will hold, said before it is written
    /// (the file is not encrypted); `None` when it holds none.
    pub fn personal_data(&self) -> Option<&'static str> {
        match self.format {
            ExportFormat::Csv => Some(
                "This case log is not encrypted: it holds children's and parents' names, dates of birth, why each case closed and each agreed action's description in the mediator's words, the local authority and each case's dates and outcome. Keep it only where the service's data may be kept.",
            ),
            ExportFormat::Json => Some(
                "This export is not encrypted: it holds everything in the database (names, dates of birth, contact details, notes, the history and certificates). Keep it only where the service's data may be kept.",
            ),
            ExportFormat::Ics if self.with_names => Some(
                "This calendar is not encrypted and names the child in each event. Add it only to a calendar the service's data may be kept in.",
            ),
            ExportFormat::Pseudonymised | ExportFormat::Ics => None,
        }
    }
}

/// Write the export to `path` (its format's extension added if missing),
/// whole; returns the path written.
pub fn save_export(
    store: &Store,
    request: &ExportRequest,
    path: &std::path::Path,
    today: NaiveDate,
) -> Result<std::path::PathBuf> {
    let bytes = export_bytes(store, request, today)?;
    crate::files::write_whole(&crate::files::with_extension(path, request.format.extension()), &bytes)
}

/// The export's bytes. A period whose end is before its start is refused,
/// naming `to`.
pub fn export_bytes(store: &Store, request: &ExportRequest, today: NaiveDate) -> Result<Vec<u8>> {
    if let (Some(from), Some(to)) = (request.from, request.to) {
        if from > to {
            return Err(DeskError::bad("to", format!("{to} is before the start of the period, {from}")));
        }
    }
    let mut filter = CaseFilter {
        from: request.from,
        to: request.to,
        local_authority: request.local_authority.clone().filter(|s| !s.trim().is_empty()),
        reference: request.reference.clone().filter(|s| !s.trim().is_empty()),
        open_only: false,
    };
    Ok(match request.format {
        ExportFormat::Json => full_json::export(store)?.into_bytes(),
        ExportFormat::Csv => csv_log::export(store, &filter, today, None)?,
        ExportFormat::Pseudonymised => csv_log::export_pseudonymised(store, &filter, today)?,
        ExportFormat::Ics => {
            filter.open_only = filter.reference.is_none();
            let rows = super::load_cases(store, &filter, today)?;
            ics::calendar(&rows, ics::IcsOptions { with_names: request.with_names, now: chrono::Utc::now() }).into_bytes()
        }
    })
}
