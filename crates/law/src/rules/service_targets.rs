//! The service's own targets for disagreement resolution. Not law:
//! disagreement resolution has no statutory timescale (CFA 2014 s.57;
//! Code of Practice 11.6–11.10). A service may set its own standards (by
//! default: first contact within 2 working days of the request, a meeting
//! within 6 weeks of it); each is counted here, as every date in the app
//! is, with the counting conventions of statutory-clocks.md section 1, and
//! labelled as the service's standard. They can be turned off in Settings.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::counting;
use crate::calendar::Calendar;
use crate::disagreement::Disagreement;
use crate::timeline::{Period, Status, Unit, WorkingLine};

/// The words on every target: the service's standard, not a statute.
pub const STANDARD: &str = "The service's own target, not a statutory limit";

/// What Today and the Case screen say above the targets.
pub const NOTE: &str =
    "The service's own targets, not the law: disagreement resolution has no statutory timescale. They can be changed or turned off in Settings.";

/// The targets as set in Settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(default, deny_unknown_fields)]
pub struct ServiceTargets {
    /// Track the targets at all.
    pub enabled: bool,
    /// First contact with the parties within this many working days of the request.
    pub first_contact_working_days: u32,
    /// A meeting within this many weeks of the request.
    pub meeting_weeks: u32,
}

impl Default for ServiceTargets {
    fn default() -> ServiceTargets {
        ServiceTargets { enabled: true, first_contact_working_days: 2, meeting_weeks: 6 }
    }
}

/// The most a target may be set to (a standard longer than this is no
/// standard): 60 working days, 52 weeks.
pub const MAX_WORKING_DAYS: u32 = 60;
/// The most weeks the meeting target may be set to.
pub const MAX_WEEKS: u32 = 52;

impl ServiceTargets {
    /// A setting out of range, named by its field.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        if !(1..=MAX_WORKING_DAYS).contains(&self.first_contact_working_days) {
            return Some((
                "first_contact_working_days",
                format!("must be from 1 to {MAX_WORKING_DAYS} working days (it is {})", self.first_contact_working_days),
            ));
        }
        if !(1..=MAX_WEEKS).contains(&self.meeting_weeks) {
            return Some(("meeting_weeks", format!("must be from 1 to {MAX_WEEKS} weeks (it is {})", self.meeting_weeks)));
        }
        None
    }
}

/// One target of one case, worked out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
pub struct TargetClock {
    /// `first_contact` or `meeting`.
    pub key: &'static str,
    /// The target in words ("First contact with the parties (2 working days)", "A meeting (6 weeks)").
    pub label: String,
    /// The target's length: working days for first contact, weeks for the meeting.
    pub period: Period,
    /// The request, which starts both targets.
    pub from: NaiveDate,
    /// The target date.
    pub due_date: NaiveDate,
    /// When it was met, if it was.
    pub met_on: Option<NaiveDate>,
    /// Where the target stands today (its words are the service's, never a statutory "Overdue").
    pub status: Status,
    /// The status in the service's words ("Past the service's target"),
    /// never a statutory "Overdue".
    pub status_text: &'static str,
    /// The working as sentences: the request, the count, the target date, and that it is the service's standard.
    pub working: Vec<String>,
    /// Always `STANDARD`.
    pub standard: &'static str,
}

/// The status of a target in words.
pub fn status_text(status: Status) -> &'static str {
    match status {
        Status::Overdue | Status::PastGoodPractice => "Past the service's target",
        Status::DueToday => "Target due today",
        Status::Upcoming => "Within the target so far",
        Status::MetOnTime => "Met within the target",
        Status::MetLate => "Met after the target",
        Status::NotApplicable => "No longer applies",
    }
}

fn target(
    (cal, today): (&Calendar, NaiveDate),
    key: &'static str,
    label: String,
    period: Period,
    d: &Disagreement,
    met_on: Option<NaiveDate>,
    not_applicable: Option<String>,
) -> TargetClock {
    let (due, line) = counting::count(cal, period, d.requested_on);
    let mut working = vec![
        WorkingLine::Trigger { name: Cow::Borrowed("the request for disagreement resolution"), date: d.requested_on }.to_string(),
        line.to_string(),
        WorkingLine::Due { date: due, time: None }.to_string(),
    ];
    let status = match (&not_applicable, met_on) {
        (Some(why), _) => {
            working.push(why.clone());
            Status::NotApplicable
        }
        (None, Some(on)) if on <= due => Status::MetOnTime,
        (None, Some(_)) => Status::MetLate,
        (None, None) if today < due => Status::Upcoming,
        (None, None) if today == due => Status::DueToday,
        (None, None) => Status::Overdue,
    };
    if let (None, Some(on)) = (&not_applicable, met_on) {
        working.push(WorkingLine::Met { name: Cow::Owned(lower_first_word(&label)), date: on, on_time: on <= due }.to_string());
    }
    working.push(format!("{STANDARD}: disagreement resolution has no statutory timescale"));
    TargetClock {
        key,
        label,
        period,
        from: d.requested_on,
        due_date: due,
        met_on,
        status,
        status_text: status_text(status),
        working,
        standard: STANDARD,
    }
}

fn lower_first_word(label: &str) -> String {
    crate::text::lower_first(label)
}

/// The targets of one case: none when turned off. They stop applying
/// once the LA declines or a party refuses.
pub fn targets(d: &Disagreement, settings: &ServiceTargets, cal: &Calendar, today: NaiveDate) -> Vec<TargetClock> {
    if !settings.enabled {
        return Vec::new();
    }
    let ended = super::disagreement::ended_by(d).map(|(who, on)| format!("Ended: {who} on {}", crate::calendar::dates::long(on)));
    let contact_days = settings.first_contact_working_days;
    let weeks = settings.meeting_weeks;
    let first_contact = target(
        (cal, today),
        "first_contact",
        format!("First contact with the parties ({contact_days} working day{})", if contact_days == 1 { "" } else { "s" }),
        Period { amount: contact_days, unit: Unit::WorkingDays, before: false },
        d,
        d.first_contact_on,
        ended.clone().filter(|_| d.first_contact_on.is_none()),
    );
    let meeting = target(
        (cal, today),
        "meeting",
        format!("A meeting ({weeks} week{})", if weeks == 1 { "" } else { "s" }),
        Period { amount: weeks, unit: Unit::Weeks, before: false },
        d,
        d.first_meeting_held(today),
        ended.filter(|_| d.first_meeting_held(today).is_none()),
    );
    vec![first_contact, meeting]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disagreement::{DisagreementKind, PartyAnswer, PartyResponse};

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_default_targets_count_2_working_days_and_6_weeks_from_the_request() {
        let cal = Calendar::built_in();
        // Thu 2 Apr 2026: Good Friday and Easter Monday are skipped.
        let d = Disagreement::new(DisagreementKind::Provision, date("2026-04-02"), "Support in class");
        let t = targets(&d, &ServiceTargets::default(), &cal, date("2026-04-07"));
        assert_eq!(t[0].due_date, date("2026-04-08"));
        assert_eq!(t[0].status, Status::Upcoming);
        assert_eq!(t[1].due_date, date("2026-05-14"));
        assert!(t.iter().all(|c| c.standard == STANDARD && c.working.iter().any(|l| l.contains("not a statutory limit"))));
        // Past it: the service's words, not "Overdue".
        let late = targets(&d, &ServiceTargets::default(), &cal, date("2026-04-09"));
        assert_eq!(late[0].status_text, "Past the service's target");
    }

    #[test]
    fn turned_off_there_are_none_and_a_refusal_ends_them() {
        let cal = Calendar::built_in();
        let mut d = Disagreement::new(DisagreementKind::Provision, date("2026-04-02"), "Support in class");
        let off = ServiceTargets { enabled: false, ..ServiceTargets::default() };
        assert!(targets(&d, &off, &cal, date("2026-04-07")).is_empty());
        d.family_response = Some(PartyResponse { answer: PartyAnswer::Refused, on: date("2026-04-03") });
        let t = targets(&d, &ServiceTargets::default(), &cal, date("2026-06-01"));
        assert!(t.iter().all(|c| c.status == Status::NotApplicable), "{t:?}");
    }
}
