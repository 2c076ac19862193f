//! The case log's columns for disagreement resolution (empty for a
//! mediation case). The pseudonymised log carries the kind, the dates, the
//! other parties' types, the answers, the meetings' dates with how many
//! supporters and reports, and the outcome as counts: never a name, what
//! the disagreement is about, a point's words, or a reference (linked
//! cases are given by their pseudonyms in the same export).

use chrono::NaiveDate;

use super::pseudonymised::Pseudonymiser;
use super::words;
use crate::disagreement::{Disagreement, PointResult};

const NAMED: [&str; 11] = [
    "Disagreement kind",
    "Disagreement requested",
    "Disagreement about",
    "Other parties",
    "EHC plan or assessment",
    "LA's answer",
    "Parties' answers",
    "Disagreement meetings",
    "Disagreement outcome",
    "Disagreement concluded",
    "Linked cases",
];

const PSEUDONYMISED: [&str; 10] = [
    "Disagreement kind",
    "Disagreement requested",
    "Other party types",
    "EHC plan or assessment",
    "LA's answer",
    "Parties' answers",
    "Disagreement meetings",
    "Disagreement outcome",
    "Disagreement concluded",
    "Linked cases",
];

/// The disagreement resolution columns' headings: the named case log's, or, when `named` is false, the
/// pseudonymised log's.
pub fn header(named: bool) -> &'static [&'static str] {
    if named {
        &NAMED
    } else {
        &PSEUDONYMISED
    }
}

fn list(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join("; ")
}

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// The cells of one case, as many as the header has.
pub fn cells(d: Option<&Disagreement>, pseudonymiser: Option<&Pseudonymiser>, today: NaiveDate) -> Vec<String> {
    let named = pseudonymiser.is_none();
    let Some(d) = d else { return vec![String::new(); header(named).len()] };
    let date = |on: Option<NaiveDate>| on.map(|d| d.to_string()).unwrap_or_default();
    let party = |i: usize| {
        let p = &d.other_parties[i];
        if named {
            p.name.clone()
        } else {
            words(&p.party_type)
        }
    };
    let mut out = vec![words(&d.kind), d.requested_on.to_string()];
    if named {
        out.push(d.about.clone());
        out.push(list(d.other_parties.iter().map(|p| format!("{} ({})", p.name, words(&p.party_type)))));
    } else {
        out.push(list(d.other_parties.iter().map(|p| words(&p.party_type))));
    }
    out.push(d.ehc.map(|e| words(&e)).unwrap_or_default());
    out.push(d.la_response.as_ref().map(|r| format!("{} {}", words(&r.answer), r.on)).unwrap_or_default());
    let family = d.family_response.as_ref().map(|r| format!("family {} {}", words(&r.answer), r.on));
    let parties = d
        .other_parties
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.response.as_ref().map(|r| format!("{} {} {}", party(i), words(&r.answer), r.on)));
    out.push(list(family.into_iter().chain(parties)));
    out.push(list(d.meetings.iter().map(|m| {
        format!("{} ({}, {})", m.date, plural(m.supporters.len(), "supporter"), plural(m.reports_shared.len(), "report"))
    })));
    out.push(match d.overall_result() {
        Some(result) if d.outcome_on(today).is_some() => {
            let count = |r: PointResult| d.points.iter().filter(|p| p.result == r).count();
            format!(
                "{}: {} resolved, {} partly resolved, {} not resolved",
                words(&result),
                count(PointResult::Resolved),
                count(PointResult::PartlyResolved),
                count(PointResult::NotResolved)
            )
        }
        _ => String::new(),
    });
    out.push(date(d.concluded_on));
    out.push(match pseudonymiser {
        None => d.linked_cases.join("; "),
        Some(p) => list(d.linked_cases.iter().map(|r| p.pseudonym(r))),
    });
    out
}
