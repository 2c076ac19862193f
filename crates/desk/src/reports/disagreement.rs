//! The commissioner's report's figures for disagreement resolution,
//! counted beside mediation. Each thing is counted by the date it
//! happened:
//! - requests: cases whose request (`requested_on`) is in the period, by
//!   kind and by the other parties' types (a case with two parties of one
//!   type counts once for that type);
//! - went ahead: cases whose last agreement (every party agreed, the LA not
//!   declining) came in the period;
//! - declined: cases ended in the period by the LA declining or a party
//!   refusing, and by whom (the LA, the family, or the party's type);
//! - outcomes: cases whose outcome stands from a date in the period (the
//!   conclusion, else the last meeting), resolved, partly or not resolved
//!   over their points;
//! - days from request to meeting: the median calendar days from the
//!   request to the first meeting, for first meetings in the period;
//! - followed by mediation or an appeal: of the requests in the period,
//!   those linked to a mediation case of the same child opened on or after
//!   the request (and by the end of the period); of those, the ones whose
//!   appeal the Tribunal received.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::figures::{Bar, Chart, KpiFilter};
use crate::disagreement::{Disagreement, DisagreementKind, PartyAnswer, PartyType, PointResult};
use crate::rules::disagreement as law;

/// The figures, and their bars.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DisagreementFigures {
    /// Requests for disagreement resolution made in the period.
    pub requests: u32,
    /// Those requests by kind of disagreement.
    pub by_kind: Vec<Bar>,
    /// Those requests by the other parties' types (a case with two parties of one type counts once for it).
    pub by_party_type: Vec<Bar>,
    /// Cases that went ahead in the period: every party agreed, and the LA did not decline.
    pub went_ahead: u32,
    /// Cases ended in the period by the LA declining or a party refusing.
    pub declined: u32,
    /// Who declined: the LA, the family, or the refusing party's type.
    pub declined_by: Vec<Bar>,
    /// Resolved, partly resolved, not resolved.
    pub outcomes: Vec<Bar>,
    /// Median calendar days from the request to the first meeting.
    pub median_days_request_to_meeting: Option<f64>,
    /// Of the requests in the period, those linked to a mediation case of the same child opened on or after it.
    pub followed_by_mediation: u32,
    /// Of those followed by mediation, the ones whose appeal the Tribunal received.
    pub followed_by_appeal: u32,
}

/// A linked case, as the figures read it: when it was opened and when the
/// Tribunal received an appeal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Linked {
    /// The date the linked case was opened.
    pub opened_on: NaiveDate,
    /// The date the Tribunal received the appeal, if it has.
    pub appeal_received_on: Option<NaiveDate>,
}

const DECLINERS: [&str; 2] = ["Local authority (declined to engage)", "Family"];

/// The counts so far, case by case (merged across threads as the report's
/// `Tally` is).
#[derive(Debug, Default, Clone)]
pub(crate) struct DrTally {
    requests: u32,
    kinds: [u32; 4],
    types: [u32; 8],
    went_ahead: u32,
    declined: u32,
    /// As `DECLINERS`, then as `PartyType::ALL`.
    declined_by: [u32; 10],
    outcomes: [u32; 3],
    days: Vec<i64>,
    followed: u32,
    appealed: u32,
}

fn within(d: Option<NaiveDate>, f: &KpiFilter) -> bool {
    d.is_some_and(|d| d >= f.from && d <= f.to)
}

fn index<T: PartialEq>(all: &[T], value: &T) -> usize {
    all.iter().position(|v| v == value).expect("a value of the list")
}

impl DrTally {
    pub(crate) fn add(&mut self, d: &Disagreement, filter: &KpiFilter, today: NaiveDate, linked: &HashMap<String, Linked>) {
        if within(Some(d.requested_on), filter) {
            self.requests += 1;
            self.kinds[index(&DisagreementKind::ALL, &d.kind)] += 1;
            let mut seen = [false; 8];
            for p in &d.other_parties {
                seen[index(&PartyType::ALL, &p.party_type)] = true;
            }
            for (n, s) in self.types.iter_mut().zip(seen) {
                *n += u32::from(s);
            }
            let later: Vec<&Linked> =
                d.linked_cases.iter().filter_map(|r| linked.get(r)).filter(|l| l.opened_on >= d.requested_on).collect();
            if !later.is_empty() {
                self.followed += 1;
                if later.iter().any(|l| l.appeal_received_on.is_some()) {
                    self.appealed += 1;
                }
            }
        }
        if law::went_ahead(d) {
            let last = d
                .other_parties
                .iter()
                .filter_map(|p| p.response.as_ref().map(|r| r.on))
                .chain(d.family_response.as_ref().map(|r| r.on))
                .chain(d.la_response.as_ref().map(|r| r.on))
                .max();
            if within(last, filter) {
                self.went_ahead += 1;
            }
        }
        if let Some((_, on)) = law::ended_by(d) {
            if within(Some(on), filter) {
                self.declined += 1;
                if d.la_response.as_ref().is_some_and(|r| r.answer == crate::disagreement::LaAnswer::Declined) {
                    self.declined_by[0] += 1;
                }
                if d.family_response.as_ref().is_some_and(|r| r.answer == PartyAnswer::Refused) {
                    self.declined_by[1] += 1;
                }
                let mut seen = [false; 8];
                for p in d.other_parties.iter().filter(|p| p.response.as_ref().is_some_and(|r| r.answer == PartyAnswer::Refused))
                {
                    seen[index(&PartyType::ALL, &p.party_type)] = true;
                }
                for (n, s) in self.declined_by[2..].iter_mut().zip(seen) {
                    *n += u32::from(s);
                }
            }
        }
        if let (Some(result), true) = (d.overall_result(), within(d.outcome_on(today), filter)) {
            self.outcomes[index(&PointResult::ALL, &result)] += 1;
        }
        if let Some(first) = d.first_meeting_held(today).filter(|m| within(Some(*m), filter)) {
            self.days.push((first - d.requested_on).num_days());
        }
    }

    pub(crate) fn merge(&mut self, other: DrTally) {
        let add = |mine: &mut [u32], theirs: &[u32]| mine.iter_mut().zip(theirs).for_each(|(a, b)| *a += b);
        self.requests += other.requests;
        add(&mut self.kinds, &other.kinds);
        add(&mut self.types, &other.types);
        self.went_ahead += other.went_ahead;
        self.declined += other.declined;
        add(&mut self.declined_by, &other.declined_by);
        add(&mut self.outcomes, &other.outcomes);
        self.days.extend(other.days);
        self.followed += other.followed;
        self.appealed += other.appealed;
    }

    pub(crate) fn figures(self, median: impl Fn(Vec<i64>) -> Option<f64>) -> DisagreementFigures {
        let bars = |labels: Vec<&str>, values: &[u32]| -> Vec<Bar> {
            labels.into_iter().zip(values).map(|(l, v)| Bar { label: l.to_string(), value: *v }).collect()
        };
        let declined_by: Vec<Bar> =
            bars(DECLINERS.into_iter().chain(PartyType::ALL.iter().map(|t| t.label())).collect(), &self.declined_by)
                .into_iter()
                .filter(|b| b.value > 0)
                .collect();
        DisagreementFigures {
            requests: self.requests,
            by_kind: bars(DisagreementKind::ALL.iter().map(|k| k.short_label()).collect(), &self.kinds),
            by_party_type: bars(PartyType::ALL.iter().map(|t| t.label()).collect(), &self.types),
            went_ahead: self.went_ahead,
            declined: self.declined,
            declined_by,
            outcomes: bars(PointResult::ALL.iter().map(|r| r.label()).collect(), &self.outcomes),
            median_days_request_to_meeting: median(self.days),
            followed_by_mediation: self.followed,
            followed_by_appeal: self.appealed,
        }
    }
}

/// The charts of the figures, after the report's own.
pub fn charts(f: &DisagreementFigures) -> Vec<Chart> {
    let bar = |label: &str, value: u32| Bar { label: label.to_string(), value };
    vec![
        Chart {
            title: "Disagreement resolution: requests, went ahead, declined".into(),
            bars: vec![bar("Requests", f.requests), bar("Went ahead", f.went_ahead), bar("Declined", f.declined)],
        },
        Chart { title: "Disagreement resolution requests, by kind".into(), bars: f.by_kind.clone() },
        Chart { title: "Disagreement resolution requests, by the other party's type".into(), bars: f.by_party_type.clone() },
        Chart { title: "Disagreement resolution declined, by whom".into(), bars: f.declined_by.clone() },
        Chart { title: "Disagreement resolution outcomes".into(), bars: f.outcomes.clone() },
    ]
}
