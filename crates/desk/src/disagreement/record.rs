//! The record of outcome: a document every party may have, like a
//! certificate but for disagreement resolution. It names the disagreement,
//! the parties and the meetings, then each point and how it ended, and who
//! will do what by when; never what was said (disagreement resolution is
//! confidential and without prejudice), never the case's notes, the
//! meetings' attendance or the reports shared. Pure: no database, no
//! clock. The store fills it (`Store::record_of_outcome`), and
//! `certificates::pdf::record_of_outcome` lays it out.

use chrono::NaiveDate;

use super::{Disagreement, PointResult};
use crate::certificates::content::ServiceDetails;
use crate::store::{CaseRecord, ServiceSettings, StoreError};

/// The record's heading.
pub const TITLE: &str = "Record of outcome";
/// The line under the heading, naming the statute the service works under.
pub const SUBTITLE: &str = "Disagreement resolution (Children and Families Act 2014 s.57)";
/// The paragraph on confidentiality printed on every record: only points, results and actions, never what was said.
pub const CONFIDENTIAL: &str = "Disagreement resolution is voluntary, confidential and without prejudice. This record sets out only the points the parties brought, how each ended and what was agreed; it does not record what anyone said. Every party may have a copy.";
/// The paragraph saying the record is not a mediation certificate and changes no right of appeal or its time limits.
pub const NOT_A_CERTIFICATE: &str = "This is not a mediation certificate. Taking part in disagreement resolution does not change any right of appeal to the SEND Tribunal or its time limits; an appeal about an EHC needs assessment or plan may need mediation advice and a certificate first.";
/// Heading of the section naming the disagreement, its parties and its meetings.
pub const SECTION_DISAGREEMENT: &str = "The disagreement";
/// Heading of the list of points, each with how it ended.
pub const SECTION_POINTS: &str = "Outcome, point by point";
/// Heading of the list of actions agreed.
pub const SECTION_ACTIONS: &str = "What was agreed: who will do what, by when";
/// Printed under the actions' heading when no action was agreed.
pub const NO_ACTIONS: &str = "No action was agreed.";

/// One point as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedPoint {
    /// The point as the parties brought it.
    pub point: String,
    /// How it ended: resolved, partly resolved or not resolved.
    pub result: PointResult,
    /// What remains of it, if anything (empty when nothing was written).
    pub remains: String,
}

/// One agreed action as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedAction {
    /// Who will do it: a person or organisation.
    pub who: String,
    /// What they will do.
    pub what: String,
    /// The date by which they will do it, if one was agreed.
    pub by: Option<NaiveDate>,
}

/// Everything the record prints, resolved to strings and dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordOfOutcome {
    /// The service's name and contact details for the letterhead.
    pub service: ServiceDetails,
    /// The case reference, such as MD-2026-0042.
    pub reference: String,
    /// The date of this record.
    pub dated: NaiveDate,
    /// The child or young person's name.
    pub child_name: String,
    /// The parent or young person who asked for it (none between services).
    pub family: Option<String>,
    /// The local authority of the case.
    pub local_authority: String,
    /// "Hillside Primary School (maintained school)".
    pub other_parties: Vec<String>,
    /// The kind of disagreement, in words.
    pub kind: String,
    /// What the disagreement is about, as recorded.
    pub about: String,
    /// The dates of the meetings held up to the record's date, earliest first.
    pub meeting_dates: Vec<NaiveDate>,
    /// The outcome, point by point.
    pub points: Vec<PrintedPoint>,
    /// What was agreed: who will do what, by when.
    pub actions: Vec<PrintedAction>,
}

impl RecordOfOutcome {
    /// Every text field with its name, for the font check.
    pub fn fields(&self) -> Vec<(String, &str, bool)> {
        let mut out: Vec<(String, &str, bool)> = vec![
            ("settings.service_name".into(), self.service.name.as_str(), true),
            ("reference".into(), self.reference.as_str(), true),
            ("child.name".into(), self.child_name.as_str(), true),
            ("local_authority".into(), self.local_authority.as_str(), true),
            ("disagreement.about".into(), self.about.as_str(), true),
            ("settings.phone".into(), self.service.phone.as_str(), false),
            ("settings.email".into(), self.service.email.as_str(), false),
        ];
        for (i, line) in self.service.address_lines.iter().enumerate() {
            out.push((format!("settings.address[{i}]"), line, false));
        }
        if let Some(f) = &self.family {
            out.push(("caller.name".into(), f, false));
        }
        for (i, p) in self.other_parties.iter().enumerate() {
            out.push((format!("disagreement.other_parties[{i}].name"), p, true));
        }
        for (i, p) in self.points.iter().enumerate() {
            out.push((format!("disagreement.points[{i}].point"), &p.point, true));
            out.push((format!("disagreement.points[{i}].remains"), &p.remains, false));
        }
        for (i, a) in self.actions.iter().enumerate() {
            out.push((format!("disagreement.actions[{i}].who"), &a.who, true));
            out.push((format!("disagreement.actions[{i}].what"), &a.what, true));
        }
        out
    }
}

/// A point's line: "Resolved", or "Partly resolved. What remains: ...".
pub fn point_result(p: &PrintedPoint) -> String {
    let remains = p.remains.trim();
    if remains.is_empty() {
        p.result.label().to_string()
    } else {
        format!("{}. What remains: {remains}", p.result.label())
    }
}

/// "Hillside Primary School will send the speech and language plan to the
/// family, by Fri 10 Apr 2026."
pub fn action_line(a: &PrintedAction) -> String {
    let what = a.what.trim().trim_end_matches('.');
    match a.by {
        Some(by) => format!("{}: {what}, by {}.", a.who.trim(), crate::certificates::wording::date(by)),
        None => format!("{}: {what}.", a.who.trim()),
    }
}

/// The small print at the foot of the record: the service, "Record of outcome", the case reference and its date.
pub fn footer(r: &RecordOfOutcome) -> String {
    format!("{} · {TITLE} · {} · {}", r.service.name, r.reference, crate::calendar::dates::long(r.dated))
}

/// The PDF's title (document properties): "Record of outcome", the reference and the child's name.
pub fn pdf_title(r: &RecordOfOutcome) -> String {
    format!("{TITLE} {} {}", r.reference, r.child_name)
}

fn bad(field: &str, message: impl Into<String>) -> StoreError {
    StoreError::bad(field, message)
}

/// The record for `case` on `dated`: refused (naming what is missing) for
/// a case that is not disagreement resolution, has no outcome recorded,
/// or whose service has no name yet.
pub fn prepare(case: &CaseRecord, service: &ServiceSettings, dated: NaiveDate) -> Result<RecordOfOutcome, StoreError> {
    let d: &Disagreement = case.disagreement.as_ref().ok_or_else(|| {
        bad("disagreement", format!("{} is not a disagreement resolution case: it has no record of outcome", case.reference))
    })?;
    if d.points.is_empty() {
        return Err(bad(
            "disagreement.points",
            "must be recorded for at least one point (resolved, partly resolved or not resolved) before the record of outcome is printed",
        ));
    }
    if service.service_name.trim().is_empty() {
        return Err(bad(
            "settings.service_name",
            "is required on a record of outcome: enter it in Settings (or: mediation-desk settings set --service-name ...)",
        ));
    }
    if dated < d.requested_on {
        return Err(bad(
            "date",
            format!(
                "The record's date ({}) must be on or after the request ({})",
                crate::calendar::dates::long(dated),
                crate::calendar::dates::long(d.requested_on)
            ),
        ));
    }
    let mut meeting_dates: Vec<NaiveDate> = d.meetings.iter().map(|m| m.date).filter(|m| *m <= dated).collect();
    meeting_dates.sort();
    Ok(RecordOfOutcome {
        service: ServiceDetails {
            name: service.service_name.clone(),
            address_lines: service.address.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect(),
            phone: service.phone.clone(),
            email: service.email.clone(),
        },
        reference: case.reference.clone(),
        dated,
        child_name: case.child.name.clone(),
        family: if d.family_is_party() { case.caller.as_ref().map(|c| c.name.clone()) } else { None },
        local_authority: case.local_authority.clone(),
        other_parties: d
            .other_parties
            .iter()
            .map(|p| format!("{} ({})", p.name, crate::text::lower_first(p.party_type.label())))
            .collect(),
        kind: d.kind.label().to_string(),
        about: d.about.clone(),
        meeting_dates,
        points: d
            .points
            .iter()
            .map(|p| PrintedPoint { point: p.point.clone(), result: p.result, remains: p.remains.clone() })
            .collect(),
        actions: d.actions.iter().map(|a| PrintedAction { who: a.who.clone(), what: a.what.clone(), by: a.by }).collect(),
    })
}
