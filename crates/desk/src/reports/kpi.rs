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

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::exports::{csv_log, CaseRow};
use crate::facts::{CaseFacts, DecisionKind, Issue, MeetingStatus, Outcome, PostponedBy};
use crate::rules;
use crate::store::{ReportCases, Store, StoreError};
use crate::timeline::{Route, Status, Timeline};
use crate::Result;

pub use super::figures::{Bar, Chart, KpiFilter};

/// The report's figures and the series of its charts.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct KpiReport {
    /// The first day of the period reported on.
    pub from: NaiveDate,
    /// The last day of the period, included.
    pub to: NaiveDate,
    /// "All local authorities" or the one asked for.
    pub local_authority: String,
    /// Cases opened in the period.
    pub cases_opened: u32,
    /// Cases closed in the period.
    pub cases_closed: u32,
    /// Cases opened in the period by local authority (most first).
    pub by_local_authority: Vec<Bar>,
    /// Cases opened in the period by the decision called about; "Not recorded" where a mediation case has none.
    pub by_decision: Vec<Bar>,
    /// Cases opened in the period by issue in the plan (B, F, I, health, social care); a case may count under several.
    pub by_issue: Vec<Bar>,
    /// Declined, mediated, exempt, disagreement resolution, withdrawn,
    /// not arranged within 30 days (deemed), still open or other.
    pub routes: Vec<Bar>,
    /// Agreed, partly agreed, not agreed, withdrawn, not recorded.
    pub outcomes: Vec<Bar>,
    /// Certificates issued in the period, not counting voided ones.
    pub certificates_issued: u32,
    /// Of those, the certificates the engine judged issued on time (within 3 working days).
    pub certificates_on_time: u32,
    /// Of those, the certificates the engine judged issued late.
    pub certificates_late: u32,
    /// Of certificates judged, the percentage on time (None if none).
    pub certificates_on_time_percent: Option<f64>,
    /// Mediations held in the period (the engine's "mediation held" clock met, on time or late).
    pub mediations_held: u32,
    /// Of those, the mediations held within the 30 days.
    pub mediations_within_30_days: u32,
    /// Of mediations held, the percentage held within 30 days (None if none were held).
    pub mediations_within_30_days_percent: Option<f64>,
    /// Median calendar days from first contact to the first certificate.
    pub median_days_call_to_certificate: Option<f64>,
    /// Meetings dated in the period that the local authority postponed.
    pub la_postponements: u32,
    /// Disagreement resolution, counted beside mediation
    /// (`reports::disagreement`).
    pub disagreement: super::disagreement::DisagreementFigures,
    /// Everything above as bar charts, for the screen and the PDF.
    pub charts: Vec<Chart>,
}

fn within(d: Option<NaiveDate>, f: &KpiFilter) -> bool {
    d.is_some_and(|d| d >= f.from && d <= f.to)
}

fn bars(list: &[(&str, u32)]) -> Vec<Bar> {
    list.iter().map(|(l, v)| Bar { label: l.to_string(), value: *v }).collect()
}

/// Bars from labels and their values, in order.
fn labelled<'s>(labels: impl IntoIterator<Item = &'s str>, values: &[u32]) -> Vec<Bar> {
    labels.into_iter().zip(values).map(|(l, v)| Bar { label: l.to_string(), value: *v }).collect()
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

const DECISIONS: [(DecisionKind, &str); 6] = [
    (DecisionKind::RefuseToAssess, "Refuse to assess"),
    (DecisionKind::RefuseToReassess, "Refuse to reassess"),
    (DecisionKind::RefuseToIssuePlan, "Refuse to issue a plan"),
    (DecisionKind::PlanContents, "Plan contents"),
    (DecisionKind::RefuseToAmendAfterReview, "Refuse to amend after review"),
    (DecisionKind::CeaseToMaintain, "Cease to maintain"),
];

const ISSUES: [(Issue, &str); 5] = [
    (Issue::NeedsB, "Needs (B)"),
    (Issue::ProvisionF, "Provision (F)"),
    (Issue::PlacementI, "Placement (I)"),
    (Issue::Health, "Health (G, H1)"),
    (Issue::SocialCare, "Social care (H2)"),
];

const ROUTES: [&str; 7] =
    ["Declined", "Mediated", "Exempt", "Disagreement resolution", "Withdrawn", "Not arranged in 30 days", "Open or other"];

const OUTCOMES: [(Option<Outcome>, &str); 5] = [
    (Some(Outcome::Agreed), "Agreed"),
    (Some(Outcome::PartlyAgreed), "Partly agreed"),
    (Some(Outcome::NotAgreed), "Not agreed"),
    (Some(Outcome::Withdrawn), "Withdrawn"),
    (None, "Not recorded"),
];

/// The route category a case falls in, in words.
fn route_of(f: &CaseFacts, route: Route) -> &'static str {
    match route {
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
fn outcome_from(f: &CaseFacts) -> Option<Outcome> {
    f.outcome.or(if f.withdrew_on.is_some() {
        Some(Outcome::Withdrawn)
    } else if f.concluded_on.is_some() {
        Some(if f.agreement.is_some() { Outcome::Agreed } else { Outcome::NotAgreed })
    } else {
        None
    })
}

/// One case as the report reads it (its local authority's name may
/// outlive it).
struct Case<'c, 'la> {
    opened_on: NaiveDate,
    closed_on: Option<NaiveDate>,
    local_authority: &'la str,
    facts: &'c CaseFacts,
    timeline: &'c Timeline,
    disagreement: Option<&'c crate::disagreement::Disagreement>,
    /// The cases a disagreement resolution case may link to, by reference.
    linked: &'c HashMap<String, super::disagreement::Linked>,
}

/// The figures counted so far, case by case: a report is the sum of its
/// cases' counts, so cases can be counted on several threads (each its
/// own `Tally`, merged) and each timeline dropped once its case is counted.
#[derive(Default)]
struct Tally<'a> {
    opened: u32,
    closed: u32,
    per_la: BTreeMap<&'a str, u32>,
    /// As `DECISIONS`, then not recorded.
    decisions: [u32; DECISIONS.len() + 1],
    issues: [u32; ISSUES.len()],
    routes: [u32; ROUTES.len()],
    outcomes: [u32; OUTCOMES.len()],
    issued: u32,
    on_time: u32,
    late: u32,
    days: Vec<i64>,
    held: u32,
    held_on_time: u32,
    la_postponements: u32,
    dr: super::disagreement::DrTally,
}

impl<'a> Tally<'a> {
    fn add(&mut self, c: &Case<'_, 'a>, filter: &KpiFilter) {
        let f = c.facts;
        if within(Some(c.opened_on), filter) {
            self.opened += 1;
            *self.per_la.entry(c.local_authority).or_default() += 1;
            let decision = DECISIONS.iter().position(|(k, _)| f.decision.kind == Some(*k));
            match (decision, f.decision.kind) {
                (Some(i), _) => self.decisions[i] += 1,
                // Disagreement resolution has no decision to record.
                (None, None) if f.service != crate::facts::Service::DisagreementResolution => {
                    self.decisions[DECISIONS.len()] += 1
                }
                (None, None) => {}
                (None, Some(_)) => {}
            }
            for (n, (issue, _)) in self.issues.iter_mut().zip(ISSUES.iter()) {
                if f.issues.contains(issue) {
                    *n += 1;
                }
            }
            let route = route_of(f, c.timeline.route);
            if let Some(i) = ROUTES.iter().position(|r| *r == route) {
                self.routes[i] += 1;
            }
        }
        if within(c.closed_on, filter) {
            self.closed += 1;
        }
        if within(f.concluded_on, filter) || within(f.withdrew_on, filter) {
            let outcome = outcome_from(f);
            if let Some(i) = OUTCOMES.iter().position(|(o, _)| *o == outcome) {
                self.outcomes[i] += 1;
            }
        }

        let mut first_in_period: Option<NaiveDate> = None;
        for cert in f.certificates.iter().filter(|cert| !cert.voided && within(Some(cert.issued_on), filter)) {
            self.issued += 1;
            match csv_log::certificate_timing(cert, c.timeline) {
                "on time" => self.on_time += 1,
                "late" => self.late += 1,
                _ => {}
            }
            first_in_period = Some(first_in_period.map_or(cert.issued_on, |d| d.min(cert.issued_on)));
        }
        // The first certificate of the case, if it was issued in the period.
        let first = f.certificates.iter().filter(|cert| !cert.voided).map(|cert| cert.issued_on).min();
        if let (Some(first), Some(call)) = (first.filter(|d| Some(*d) == first_in_period), f.first_contact_on) {
            self.days.push((first - call).num_days());
        }

        if let Some(clock) = c.timeline.clock(rules::MEDIATION_HELD.key) {
            if within(clock.met_by.as_ref().map(|m| m.date), filter)
                && matches!(clock.status, Status::MetOnTime | Status::MetLate)
            {
                self.held += 1;
                if clock.status == Status::MetOnTime {
                    self.held_on_time += 1;
                }
            }
        }
        self.la_postponements += f
            .meetings
            .iter()
            .filter(|m| {
                m.status == MeetingStatus::Postponed
                    && m.postponed_by == Some(PostponedBy::LocalAuthority)
                    && within(Some(m.date), filter)
            })
            .count() as u32;
        if let Some(d) = c.disagreement {
            self.dr.add(d, filter, c.timeline.today, c.linked);
        }
    }

    fn merge(&mut self, other: Tally<'a>) {
        self.opened += other.opened;
        self.closed += other.closed;
        for (la, n) in other.per_la {
            *self.per_la.entry(la).or_default() += n;
        }
        let add = |mine: &mut [u32], theirs: &[u32]| mine.iter_mut().zip(theirs).for_each(|(a, b)| *a += b);
        add(&mut self.decisions, &other.decisions);
        add(&mut self.issues, &other.issues);
        add(&mut self.routes, &other.routes);
        add(&mut self.outcomes, &other.outcomes);
        self.issued += other.issued;
        self.on_time += other.on_time;
        self.late += other.late;
        self.days.extend(other.days);
        self.held += other.held;
        self.held_on_time += other.held_on_time;
        self.la_postponements += other.la_postponements;
        self.dr.merge(other.dr);
    }

    fn report(self, filter: &KpiFilter) -> KpiReport {
        let mut by_local_authority: Vec<Bar> =
            self.per_la.into_iter().map(|(l, v)| Bar { label: l.to_string(), value: v }).collect();
        by_local_authority.sort_by(|a, b| b.value.cmp(&a.value).then_with(|| a.label.cmp(&b.label)));
        let by_decision = labelled(DECISIONS.iter().map(|(_, l)| *l).chain(["Not recorded"]), &self.decisions);
        let by_issue = labelled(ISSUES.iter().map(|(_, l)| *l), &self.issues);
        let routes = labelled(ROUTES, &self.routes);
        let outcomes = labelled(OUTCOMES.iter().map(|(_, l)| *l), &self.outcomes);
        let (issued, on_time, late, held, held_on_time) = (self.issued, self.on_time, self.late, self.held, self.held_on_time);
        let mut report = KpiReport {
            from: filter.from,
            to: filter.to,
            local_authority: filter.local_authority.clone().unwrap_or_else(|| "All local authorities".into()),
            cases_opened: self.opened,
            cases_closed: self.closed,
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
            median_days_call_to_certificate: median(self.days),
            la_postponements: self.la_postponements,
            disagreement: self.dr.figures(median),
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
        report.charts.extend(super::disagreement::charts(&report.disagreement));
        report
    }
}

/// The report from already loaded cases (the store's filter applied).
pub fn kpi_from_rows(rows: &[CaseRow], filter: &KpiFilter) -> KpiReport {
    let mut tally = Tally::default();
    let linked: HashMap<String, super::disagreement::Linked> = rows
        .iter()
        .filter(|r| r.disagreement.is_none())
        .map(|r| {
            let linked = super::disagreement::Linked { opened_on: r.opened_on, appeal_received_on: r.facts.appeal_received_on };
            (r.reference.clone(), linked)
        })
        .collect();
    for r in rows {
        let case = Case {
            opened_on: r.opened_on,
            closed_on: r.closed_on,
            local_authority: &r.local_authority,
            facts: &r.facts,
            timeline: &r.timeline,
            disagreement: r.disagreement.as_ref(),
            linked: &linked,
        };
        tally.add(&case, filter);
    }
    tally.report(filter)
}

/// Only cases with something dated in the period can count; the others
/// are skipped before their timelines are computed.
/// (Disagreement resolution cases are few, and always read.)
fn relevant(facts: &CaseFacts, opened: NaiveDate, closed: Option<NaiveDate>, filter: &KpiFilter, resolution: bool) -> bool {
    let w = |d: Option<NaiveDate>| within(d, filter);
    resolution
        || w(Some(opened))
        || w(closed)
        || w(facts.concluded_on)
        || w(facts.withdrew_on)
        || w(facts.mediation_arranged_on)
        || facts.certificates.iter().any(|c| w(Some(c.issued_on)))
        || facts.meetings.iter().any(|m| w(Some(m.date)))
}

/// The commissioner's report for `filter`, with clocks judged on `today`.
///
/// The same figures as `kpi_from_rows` over `exports::load_cases` (tested),
/// without holding every case: the columns the report reads are read in
/// one pass, then on each core each case's facts are parsed, its timeline
/// computed, counted and dropped.
pub fn kpi_report(store: &Store, filter: &KpiFilter, today: NaiveDate) -> Result<KpiReport> {
    let (cal, choices) = (store.calendar()?, store.choices()?);
    let names = store.organisation_names()?;
    // Every case that could count: opened by the end of the period (of the
    // local authority asked for). The figures pick their own cases by date.
    let ReportCases { text, cases } = store.report_cases(filter.to, filter.local_authority.as_deref())?;
    // The mediation cases a disagreement resolution case may link to.
    let linked: HashMap<String, super::disagreement::Linked> = cases
        .iter()
        .filter(|c| !c.is_disagreement)
        .map(|c| {
            let link = super::disagreement::Linked { opened_on: c.opened_on, appeal_received_on: c.appeal_received_on };
            (c.reference.clone(), link)
        })
        .collect();
    let records = store.disagreements()?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let chunk = cases.len().div_ceil(threads).max(1);
    let (text, names, cal, choices, records, linked) = (&text, &names, &cal, &choices, &records, &linked);
    let tallies: Vec<Result<Tally>> = std::thread::scope(|scope| {
        let handles: Vec<_> = cases
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut tally = Tally::default();
                    for c in part {
                        let facts: CaseFacts = serde_json::from_str(&text[c.facts.clone()]).map_err(StoreError::from)?;
                        let disagreement = records.get(&c.id);
                        if !relevant(&facts, c.opened_on, c.closed_on, filter, disagreement.is_some()) {
                            continue;
                        }
                        let timeline = rules::timeline(&facts, cal, choices, today);
                        let local_authority = names.get(&c.la_id).map_or("", String::as_str);
                        let case = Case {
                            opened_on: c.opened_on,
                            closed_on: c.closed_on,
                            local_authority,
                            facts: &facts,
                            timeline: &timeline,
                            disagreement,
                            linked,
                        };
                        tally.add(&case, filter);
                    }
                    Ok(tally)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a report thread panicked")).collect()
    });
    let mut total = Tally::default();
    for tally in tallies {
        total.merge(tally?);
    }
    Ok(total.report(filter))
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
    let d = &r.disagreement;
    row("Disagreement resolution", "Requests", d.requests.to_string())?;
    for (section, list) in
        [("Disagreement resolution by kind", &d.by_kind), ("Disagreement resolution by other party's type", &d.by_party_type)]
    {
        for b in list {
            row(section, &b.label, b.value.to_string())?;
        }
    }
    row("Disagreement resolution", "Went ahead (every party agreed)", d.went_ahead.to_string())?;
    row("Disagreement resolution", "Declined", d.declined.to_string())?;
    for b in &d.declined_by {
        row("Disagreement resolution declined by", &b.label, b.value.to_string())?;
    }
    for b in &d.outcomes {
        row("Disagreement resolution outcome", &b.label, b.value.to_string())?;
    }
    row("Disagreement resolution", "Median days from request to first meeting", opt(d.median_days_request_to_meeting))?;
    row("Disagreement resolution", "Followed by mediation", d.followed_by_mediation.to_string())?;
    row("Disagreement resolution", "Followed by an appeal", d.followed_by_appeal.to_string())?;
    w.flush()?;
    Ok(())
}
