//! The shapes every report shares: which period and local authority it
//! covers (`KpiFilter`), and its bar charts (`Chart`, `Bar`), which the
//! Reports screen draws and the PDF prints.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The period and the local authority (all when `None`).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct KpiFilter {
    /// The first day of the period.
    pub from: NaiveDate,
    /// The last day of the period, included.
    pub to: NaiveDate,
    /// The one local authority to report on; `None` for all of them.
    pub local_authority: Option<String>,
}

/// One bar of a chart.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Bar {
    /// What the bar counts ("Refuse to assess", "Opened", ...).
    pub label: String,
    /// How many.
    pub value: u32,
}

/// A bar chart: a title and its bars, in order. (`KpiChart` in
/// TypeScript: `Chart` there is the case timeline's picture.)
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export, rename = "KpiChart")]
pub struct Chart {
    /// The chart's heading.
    pub title: String,
    /// Its bars, in the order shown.
    pub bars: Vec<Bar>,
}
