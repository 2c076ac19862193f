//! The commissioner's report as the user asks for it: the Reports screen's
//! period (day / month / year boxes) and local authority, checked as every
//! form is (`Result<_, Vec<FieldError>>`, here the first problem); and the report as the bytes of a PDF or CSV.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{kpi, kpi_pdf, KpiFilter};
use crate::call_form::{required_date_field, DateParts, FieldError};
use crate::store::Store;
use crate::{DeskError, Result};

/// The Reports screen's choices, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportForm {
    /// The first day of the period, as three boxes (required).
    pub from: DateParts,
    /// The last day of the period, included, as three boxes (required; on or after the first).
    pub to: DateParts,
    /// Empty or none: every local authority.
    pub local_authority: Option<String>,
}

/// The period the Reports screen starts on: the financial year so far
/// (1 April to today), every local authority.
pub fn default_form(today: NaiveDate) -> ReportForm {
    use chrono::Datelike;
    let year = if today.month() >= 4 { today.year() } else { today.year() - 1 };
    let from = NaiveDate::from_ymd_opt(year, 4, 1).expect("1 April exists");
    ReportForm { from: DateParts::of(Some(from)), to: DateParts::of(Some(today)), local_authority: None }
}

/// The period and LA, or the first problem (as every form:
/// `Result<_, Vec<FieldError>>`, here with one problem).
pub fn check(form: &ReportForm) -> std::result::Result<KpiFilter, Vec<FieldError>> {
    let from = required_date_field("from", "Start of the period", &form.from).map_err(|e| vec![e])?;
    let to = required_date_field("to", "End of the period", &form.to).map_err(|e| vec![e])?;
    if to < from {
        return Err(vec![FieldError { field: "to".into(), message: "End of the period must be on or after the start".into() }]);
    }
    let local_authority = form.local_authority.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    Ok(KpiFilter { from, to, local_authority })
}

/// The two files the report is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    /// A PDF with charts, to send to the commissioning local authorities.
    Pdf,
    /// A CSV of the same figures, to open in Excel.
    Csv,
}

impl ReportFormat {
    /// From a file name's extension (`.pdf` or `.csv`, any case).
    pub fn from_path(path: &std::path::Path) -> Option<ReportFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "pdf" => Some(ReportFormat::Pdf),
            "csv" => Some(ReportFormat::Csv),
            _ => None,
        }
    }
}

/// Save the report to `path`: CSV when its name ends `.csv`, else PDF
/// (`.pdf` added if missing). Written whole; returns the path written.
pub fn save_report(store: &Store, filter: &KpiFilter, path: &std::path::Path, today: NaiveDate) -> Result<std::path::PathBuf> {
    let format = ReportFormat::from_path(path).unwrap_or(ReportFormat::Pdf);
    let path = match format {
        ReportFormat::Pdf => crate::files::with_extension(path, "pdf"),
        ReportFormat::Csv => path.to_path_buf(),
    };
    let bytes = report_bytes(store, filter, format, today)?;
    crate::files::write_whole(&path, &bytes)
}

/// The report for `filter` as a PDF (with the service's name) or CSV.
pub fn report_bytes(store: &Store, filter: &KpiFilter, format: ReportFormat, today: NaiveDate) -> Result<Vec<u8>> {
    let report = kpi::kpi_report(store, filter, today)?;
    match format {
        ReportFormat::Pdf => {
            let service = store.service_settings()?.service_name;
            kpi_pdf::render(&report, &service).map_err(DeskError::Render)
        }
        ReportFormat::Csv => {
            let mut bytes = Vec::new();
            kpi::write_csv(&mut bytes, &report).map_err(|e| DeskError::Write(e.to_string()))?;
            Ok(bytes)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(d: &str, m: &str, y: &str) -> DateParts {
        DateParts { day: d.into(), month: m.into(), year: y.into() }
    }

    #[test]
    fn the_screen_starts_on_the_financial_year_so_far() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let form = default_form(d(2026, 3, 16));
        assert_eq!((form.from, form.to), (parts("1", "4", "2025"), parts("16", "3", "2026")));
        let form = default_form(d(2026, 4, 1));
        assert_eq!((form.from, form.to), (parts("1", "4", "2026"), parts("1", "4", "2026")));
    }

    #[test]
    fn a_period_ending_before_it_starts_is_refused_naming_the_end() {
        let form = ReportForm { from: parts("1", "4", "2026"), to: parts("31", "3", "2026"), local_authority: None };
        let [err] = check(&form).unwrap_err().try_into().unwrap();
        assert_eq!(err.field, "to");
        assert_eq!(err.message, "End of the period must be on or after the start");
    }

    #[test]
    fn an_impossible_date_names_its_field_and_a_blank_la_means_all() {
        let form = ReportForm { from: parts("31", "2", "2026"), to: parts("1", "3", "2026"), local_authority: None };
        assert_eq!(check(&form).unwrap_err()[0].field, "from");
        let form = ReportForm { from: parts("1", "4", "2025"), to: parts("31", "3", "2026"), local_authority: Some("  ".into()) };
        let filter = check(&form).unwrap();
        assert_eq!(filter.local_authority, None);
        assert_eq!(filter.from, NaiveDate::from_ymd_opt(2025, 4, 1).unwrap());
    }
}
