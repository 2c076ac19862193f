//! The case's timeline as a picture: the decision, the call, certificates,
//! the 30-day window, the appeal window and today, placed on a day axis.
//! The screens draw this; they do no date arithmetic of their own.

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::dates;
use crate::facts::CaseFacts;
use crate::timeline::Timeline;

/// A moment on the axis.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
pub struct Mark {
    /// What happened, as the picture labels it ("Decision sent", "First call", "Certificate").
    pub label: String,
    /// The day it happened.
    pub date: NaiveDate,
    /// The day as shown: "Tue 7 Apr 2026".
    pub date_text: String,
    /// Days from the axis start.
    pub day: i32,
    /// `decision`, `call`, `certificate`, `meeting`, `agreement`.
    pub kind: String,
}

/// A window on the axis, from its trigger to its due date.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
pub struct Span {
    /// The window's name ("30 days for mediation", "Appeal window").
    pub label: String,
    /// Where it starts: days from the axis start.
    pub from_day: i32,
    /// Where it ends (the due date): days from the axis start.
    pub to_day: i32,
    /// The start date as shown.
    pub from_text: String,
    /// The end date (the due date) as shown.
    pub to_text: String,
    /// `thirty_days` or `appeal`.
    pub kind: String,
}

/// The case's timeline as a picture: its dates and windows placed on one day axis, with today's line.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
pub struct Chart {
    /// The first day on the axis: the earliest date shown.
    pub start: NaiveDate,
    /// The axis length in days (at least 14).
    pub days: i32,
    /// The first day as shown.
    pub start_text: String,
    /// The last day as shown.
    pub end_text: String,
    /// The dates marked on the axis: decision, first call, meetings held, certificates in force, the agreement.
    pub marks: Vec<Mark>,
    /// The windows drawn on the axis: the 30 days for mediation, the appeal window.
    pub spans: Vec<Span>,
    /// Today's position, if it falls on the axis.
    pub today_day: Option<i32>,
    /// Today as shown.
    pub today_text: String,
}

/// The picture of a case's timeline, or `None` while it has no date to show.
pub fn chart(facts: &CaseFacts, timeline: &Timeline) -> Option<Chart> {
    let mut marks: Vec<(String, NaiveDate, &str)> = Vec::new();
    if let Some(d) = facts.decision.sent_or_dated() {
        marks.push(("Decision sent".into(), d, "decision"));
    }
    if let Some(d) = facts.first_contact_on {
        marks.push(("First call".into(), d, "call"));
    }
    for m in facts.meetings.iter().filter(|m| m.status == crate::facts::MeetingStatus::Held) {
        marks.push(("Meeting".into(), m.date, "meeting"));
    }
    for c in facts.certificates.iter().filter(|c| !c.voided) {
        marks.push(("Certificate".into(), c.issued_on, "certificate"));
    }
    if let Some(a) = &facts.agreement {
        marks.push(("Agreement".into(), a.dated, "agreement"));
    }
    let mut spans: Vec<(String, NaiveDate, NaiveDate, &str)> = Vec::new();
    if let Some(c) = timeline.clock(crate::rules::MEDIATION_HELD.key) {
        spans.push(("30 days for mediation".into(), c.trigger.date, c.due_date, "thirty_days"));
    }
    if let Some(c) = timeline.appeal_deadline() {
        let from = facts.decision.sent_or_dated().unwrap_or(c.trigger.date);
        spans.push(("Appeal window".into(), from, c.due_date, "appeal"));
    }
    let all = marks.iter().map(|m| m.1).chain(spans.iter().flat_map(|s| [s.1, s.2]));
    let (start, end) = all.fold(None, |acc: Option<(NaiveDate, NaiveDate)>, d| match acc {
        None => Some((d, d)),
        Some((a, b)) => Some((a.min(d), b.max(d))),
    })?;
    let today = timeline.today;
    let end = end.max(start + chrono::Days::new(14));
    let day = |d: NaiveDate| (d - start).num_days() as i32;
    Some(Chart {
        start,
        days: day(end),
        start_text: dates::long(start),
        end_text: dates::long(end),
        marks: marks
            .into_iter()
            .map(|(label, date, kind)| Mark { label, date, date_text: dates::long(date), day: day(date), kind: kind.into() })
            .collect(),
        spans: spans
            .into_iter()
            .map(|(label, from, to, kind)| Span {
                label,
                from_day: day(from),
                to_day: day(to),
                from_text: dates::long(from),
                to_text: dates::long(to),
                kind: kind.into(),
            })
            .collect(),
        today_day: (start <= today && today <= end).then(|| day(today)),
        today_text: dates::long(today),
    })
}
