//! Reports: the commissioner's report of key figures (`kpi`), as data for
//! the Reports screen, as CSV and as a PDF with bar charts (`kpi_pdf`).

pub mod disagreement;
pub mod figures;
pub mod kpi;
pub mod kpi_pdf;
pub mod request;

pub use kpi::{kpi_report, Bar, Chart, KpiFilter, KpiReport};
