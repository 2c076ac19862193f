//! The commissioner's report: what happened in a period, for one local
//! authority or all. Every "on time" and "within 30 days" is the engine's
//! answer (a clock's status `met_on_time` or `met_late`); nothing here
//! counts days against the law itself.
//!
//! Which cases each figure counts (each by the date the thing happened):
//! - opened / closed: cases opened / closed in the period;
//! - by local authority, decision, issue, route: cases opened in the period;
//! - outcomes: cases whose mediation concluded (or the family withdrew) in
//!   the period, by the recorded `outcome`; where none is recorded it is
//!   derived: withdrew_on gives withdrawn, a written agreement gives
//!   agreed, a conclusion without one gives not agreed; otherwise "not
//!   recorded";
//! - certificates: certificates (not voided) issued in the period; the
//!   share on time is of those whose clock the engine judged met;
//! - mediations within 30 days: cases whose `mediation_held` clock was met
//!   in the period, on time or late;
//! - days from call to certificate: first contact to the first certificate
//!   issued in the period (calendar days), the median;
//! - LA postponements: meetings dated in the period postponed by the
//!   local authority.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::exports::{csv_log, load_where, CaseFilter, CaseRow};
use crate::facts::{CaseFacts, DecisionKind, Issue, MeetingStatus, Outcome, PostponedBy};
use crate::rules;
use crate::store::{Result, Store};
use crate::timeline::{Route, Status};

/// The period and the local authority (all when `None`).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct KpiFilter {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub local_authority: Option<String>,
}

/// One bar of a chart.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Bar {
    pub label: String,
    pub value: u32,
}

/// A bar chart: a title and its bars, in order. (`KpiChart` in
/// TypeScript: `Chart` there is the case timeline's picture.)
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export, rename = "KpiChart")]
pub struct Chart {
    pub title: String,
    pub bars: Vec<Bar>,
}

/// The report's figures and the series of its charts.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct KpiReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// "All local authorities" or the one asked for.
    pub local_authority: String,
    pub cases_opened: u32,
    pub cases_closed: u32,
    /// Cases opened in the period by local authority (most first).
    pub by_local_authority: Vec<Bar>,
    pub by_decision: Vec<Bar>,
    pub by_issue: Vec<Bar>,
    /// Declined, mediated, exempt, disagreement resolution, withdrawn,
    /// not arranged within 30 days (deemed), still open or other.
    pub routes: Vec<Bar>,
    /// Agreed, partly agreed, not agreed, withdrawn, not recorded.
    pub outcomes: Vec<Bar>,
    pub certificates_issued: u32,
    pub certificates_on_time: u32,
    pub certificates_late: u32,
    /// Of certificates judged, the percentage on time (None if none).
    pub certificates_on_time_percent: Option<f64>,
    pub mediations_held: u32,
    pub mediations_within_30_days: u32,
    pub mediations_within_30_days_percent: Option<f64>,
    /// Median calendar days from first contact to the first certificate.
    pub median_days_call_to_certificate: Option<f64>,
    pub la_postponements: u32,
    /// Everything above as bar charts, for the screen and the PDF.
    pub charts: Vec<Chart>,
}

fn within(d: Option<NaiveDate>, f: &KpiFilter) -> bool {
    d.is_some_and(|d| d >= f.from && d <= f.to)
}

fn bars(list: &[(&str, u32)]) -> Vec<Bar> {
    list.iter().map(|(l, v)| Bar { label: l.to_string(), value: *v }).collect()
}

fn percent(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() / 10.0)
}

fn median(mut values: Vec<i64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    Some(if n % 2 == 1 { values[n / 2] as f64 } else { (values[n / 2 - 1] + values[n / 2]) as f64 / 2.0 })
}

/// The route category a case falls in, in words.
pub fn route_category(row: &CaseRow) -> &'static str {
    let f = &row.facts;
    match row.timeline.route {
        Route::Exempt => return "Exempt",
        Route::DisagreementResolution => return "Disagreement resolution",
        _ => {}
    }
    if f.withdrew_on.is_some() {
        "Withdrawn"
    } else if f.declined_on.is_some() {
        "Declined"
    } else if f.first_meeting_held().is_some() || f.concluded_on.is_some() {
        "Mediated"
    } else if f.cannot_arrange_notice_on.is_some() {
        "Not arranged in 30 days"
    } else {
        "Open or other"
    }
}

/// The outcome recorded, or derived (see the module notes).
pub fn outcome_of(row: &CaseRow) -> Option<Outcome> {
    let f = &row.facts;
    f.outcome.or(if f.withdrew_on.is_some() {
        Some(Outcome::Withdrawn)
    } else if f.concluded_on.is_some() {
        Some(if f.agreement.is_some() { Outcome::Agreed } else { Outcome::NotAgreed })
    } else {
        None
    })
}

/// The report from already loaded cases (the store's filter applied).
pub fn kpi_from_rows(rows: &[CaseRow], filter: &KpiFilter) -> KpiReport {
    let opened: Vec<&CaseRow> = rows.iter().filter(|r| within(Some(r.opened_on), filter)).collect();
    let cases_closed = rows.iter().filter(|r| within(r.closed_on, filter)).count() as u32;
    let mut per_la: std::collections::BTreeMap<&str, u32> = std::collections::BTreeMap::new();
    for r in &opened {
        *per_la.entry(r.local_authority.as_str()).or_default() += 1;
    }
    let mut by_local_authority: Vec<Bar> = per_la.into_iter().map(|(l, v)| Bar { label: l.to_string(), value: v }).collect();
    by_local_authority.sort_by(|a, b| b.value.cmp(&a.value).then_with(|| a.label.cmp(&b.label)));
    let decisions = [
        (DecisionKind::RefuseToAssess, "Refuse to assess"),
        (DecisionKind::RefuseToReassess, "Refuse to reassess"),
        (DecisionKind::RefuseToIssuePlan, "Refuse to issue a plan"),
        (DecisionKind::PlanContents, "Plan contents"),
        (DecisionKind::RefuseToAmendAfterReview, "Refuse to amend after review"),
        (DecisionKind::CeaseToMaintain, "Cease to maintain"),
    ];
    let mut by_decision: Vec<Bar> = decisions
        .iter()
        .map(|(k, l)| Bar {
            label: l.to_string(),
            value: opened.iter().filter(|r| r.facts.decision.kind == Some(*k)).count() as u32,
        })
        .collect();
    by_decision.push(Bar {
        label: "Not recorded".into(),
        value: opened.iter().filter(|r| r.facts.decision.kind.is_none()).count() as u32,
    });
    let issues = [
        (Issue::NeedsB, "Needs (B)"),
        (Issue::ProvisionF, "Provision (F)"),
        (Issue::PlacementI, "Placement (I)"),
        (Issue::Health, "Health (G, H1)"),
        (Issue::SocialCare, "Social care (H2)"),
    ];
    let by_issue = issues
        .iter()
        .map(|(i, l)| Bar { label: l.to_string(), value: opened.iter().filter(|r| r.facts.issues.contains(i)).count() as u32 })
        .collect();
    let route_names =
        ["Declined", "Mediated", "Exempt", "Disagreement resolution", "Withdrawn", "Not arranged in 30 days", "Open or other"];
    let routes = route_names
        .iter()
        .map(|n| Bar { label: n.to_string(), value: opened.iter().filter(|r| route_category(r) == *n).count() as u32 })
        .collect();
    let ended: Vec<&CaseRow> =
        rows.iter().filter(|r| within(r.facts.concluded_on, filter) || within(r.facts.withdrew_on, filter)).collect();
    let outcome_names = [
        (Some(Outcome::Agreed), "Agreed"),
        (Some(Outcome::PartlyAgreed), "Partly agreed"),
        (Some(Outcome::NotAgreed), "Not agreed"),
        (Some(Outcome::Withdrawn), "Withdrawn"),
        (None, "Not recorded"),
    ];
    let outcomes = outcome_names
        .iter()
        .map(|(o, l)| Bar { label: l.to_string(), value: ended.iter().filter(|r| outcome_of(r) == *o).count() as u32 })
        .collect();

    let (mut issued, mut on_time, mut late) = (0u32, 0u32, 0u32);
    let mut days = Vec::new();
    for r in rows {
        let mut first_in_period: Option<NaiveDate> = None;
        for c in r.facts.certificates.iter().filter(|c| !c.voided && within(Some(c.issued_on), filter)) {
            issued += 1;
            match csv_log::certificate_timing(c, &r.timeline) {
                "on time" => on_time += 1,
                "late" => late += 1,
                _ => {}
            }
            first_in_period = Some(first_in_period.map_or(c.issued_on, |d| d.min(c.issued_on)));
        }
        // The first certificate of the case, if it was issued in the period.
        let first = r.facts.certificates.iter().filter(|c| !c.voided).map(|c| c.issued_on).min();
        if let (Some(first), Some(call)) = (first.filter(|d| Some(*d) == first_in_period), r.facts.first_contact_on) {
            days.push((first - call).num_days());
        }
    }
    let (mut held, mut held_on_time) = (0u32, 0u32);
    for r in rows {
        if let Some(c) = r.timeline.clock(rules::MEDIATION_HELD.key) {
            if within(c.met_by.as_ref().map(|m| m.date), filter) && matches!(c.status, Status::MetOnTime | Status::MetLate) {
                held += 1;
                if c.status == Status::MetOnTime {
                    held_on_time += 1;
                }
            }
        }
    }
    let la_postponements = rows
        .iter()
        .flat_map(|r| r.facts.meetings.iter())
        .filter(|m| {
            m.status == MeetingStatus::Postponed
                && m.postponed_by == Some(PostponedBy::LocalAuthority)
                && within(Some(m.date), filter)
        })
        .count() as u32;

    let mut report = KpiReport {
        from: filter.from,
        to: filter.to,
        local_authority: filter.local_authority.clone().unwrap_or_else(|| "All local authorities".into()),
        cases_opened: opened.len() as u32,
        cases_closed,
        by_local_authority,
        by_decision,
        by_issue,
        routes,
        outcomes,
        certificates_issued: issued,
        certificates_on_time: on_time,
        certificates_late: late,
        certificates_on_time_percent: percent(on_time, on_time + late),
        mediations_held: held,
        mediations_within_30_days: held_on_time,
        mediations_within_30_days_percent: percent(held_on_time, held),
        median_days_call_to_certificate: median(days),
        la_postponements,
        charts: Vec::new(),
    };
    report.charts = vec![
        Chart { title: "Cases".into(), bars: bars(&[("Opened", report.cases_opened), ("Closed", report.cases_closed)]) },
        Chart { title: "Cases opened, by local authority".into(), bars: report.by_local_authority.clone() },
        Chart { title: "Cases opened, by decision".into(), bars: report.by_decision.clone() },
        Chart { title: "Cases opened, by issue in dispute (plan contents)".into(), bars: report.by_issue.clone() },
        Chart { title: "Cases opened, by route".into(), bars: report.routes.clone() },
        Chart { title: "Outcomes of mediations that ended".into(), bars: report.outcomes.clone() },
        Chart {
            title: "Certificates issued: within 3 working days or late".into(),
            bars: bars(&[("Within 3 working days", on_time), ("Late", late), ("Not judged", issued - on_time - late)]),
        },
        Chart {
            title: "Mediations held: within 30 days or late".into(),
            bars: bars(&[("Within 30 days", held_on_time), ("Later", held - held_on_time)]),
        },
    ];
    report
}

/// The commissioner's report for `filter`, with clocks judged on `today`.
pub fn kpi_report(store: &Store, filter: &KpiFilter, today: NaiveDate) -> Result<KpiReport> {
    // Every case that could count: opened by the end of the period. The
    // figures pick their own cases by date.
    // Only cases with something dated in the period can count; the others
    // are skipped before their timelines are computed.
    let f = filter.clone();
    let relevant = move |facts: &CaseFacts, opened: NaiveDate, closed: Option<NaiveDate>| {
        let w = |d: Option<NaiveDate>| within(d, &f);
        w(Some(opened))
            || w(closed)
            || w(facts.concluded_on)
            || w(facts.withdrew_on)
            || w(facts.mediation_arranged_on)
            || facts.certificates.iter().any(|c| w(Some(c.issued_on)))
            || facts.meetings.iter().any(|m| w(Some(m.date)))
    };
    let rows = load_where(
        store,
        &CaseFilter { to: Some(filter.to), local_authority: filter.local_authority.clone(), ..CaseFilter::default() },
        today,
        false,
        &relevant,
    )?;
    Ok(kpi_from_rows(&rows, filter))
}

fn opt(v: Option<f64>) -> String {
    v.map(|v| format!("{v}")).unwrap_or_default()
}

/// The report as CSV (UTF-8 with BOM, CRLF): section, measure, value.
pub fn write_csv<W: std::io::Write>(mut out: W, r: &KpiReport) -> std::io::Result<()> {
    out.write_all(csv_log::BOM.as_bytes())?;
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    w.write_record(["Section", "Measure", "Value"])?;
    let mut row = |s: &str, m: &str, v: String| w.write_record([s, m, &v].map(|c| csv_log::defuse(c).into_owned()));
    row("Period", "From", r.from.to_string())?;
    row("Period", "To", r.to.to_string())?;
    row("Period", "Local authority", r.local_authority.clone())?;
    row("Cases", "Opened", r.cases_opened.to_string())?;
    row("Cases", "Closed", r.cases_closed.to_string())?;
    for (section, list) in
        [("By decision", &r.by_decision), ("By issue", &r.by_issue), ("Route", &r.routes), ("Outcome", &r.outcomes)]
    {
        for b in list {
            row(section, &b.label, b.value.to_string())?;
        }
    }
    row("Certificates", "Issued", r.certificates_issued.to_string())?;
    row("Certificates", "Within 3 working days", r.certificates_on_time.to_string())?;
    row("Certificates", "Late", r.certificates_late.to_string())?;
    row("Certificates", "Percent within 3 working days", opt(r.certificates_on_time_percent))?;
    row("Certificates", "Median days from first contact to certificate", opt(r.median_days_call_to_certificate))?;
    row("Mediation", "Held", r.mediations_held.to_string())?;
    row("Mediation", "Held within 30 days", r.mediations_within_30_days.to_string())?;
    row("Mediation", "Percent within 30 days", opt(r.mediations_within_30_days_percent))?;
    row("Mediation", "Meetings postponed by the local authority", r.la_postponements.to_string())?;
    w.flush()?;
    Ok(())
}
