//! The 30 days to hold mediation, and notice of the meeting.
//!
//! Who arranges and from when [S: IPSEA, The mediation process]:
//! education and/or social care only, or health with education/social care:
//! the LA, from the family's notice to the LA; health only: the ICB(s), from
//! the date the LA told them the mediation issues. Whether day 30 is for the
//! meeting to be held or arranged, and whether the start is the family's or
//! the adviser's notice, is disputed: `choices` holds the reading used.

use std::borrow::Cow;

use chrono::NaiveDate;

use super::choices::{NoticeReading, ThirtyDaysMeaning, ThirtyDaysStart};
use super::draft::{Context, Draft};
use super::{MEDIATION_HELD, MEDIATION_NOTICE};
use crate::calendar::dates;
use crate::facts::{CaseFacts, Issue, Meeting};
use crate::timeline::{MetBy, Party, Period, Trigger, WorkingLine};

/// Who arranges the mediation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arranger {
    /// The local authority: when education or social care is among the mediation issues.
    LocalAuthority,
    /// Health care is the only mediation issue.
    Icb,
}

/// Who arranges the mediation for this case: the ICB where health care is the only mediation issue, the LA otherwise.
pub fn arranger(facts: &CaseFacts) -> Arranger {
    if !facts.issues.is_empty() && facts.issues.iter().all(|i| *i == Issue::Health) {
        Arranger::Icb
    } else {
        Arranger::LocalAuthority
    }
}

/// The start date and the words that explain it, or `None` while nothing
/// that starts the clock is recorded.
fn start(ctx: &Context, facts: &CaseFacts) -> Option<(NaiveDate, &'static str, Vec<WorkingLine>)> {
    if arranger(facts) == Arranger::Icb {
        return facts.la_told_icb_on.map(|d| {
            let note = WorkingLine::Note(Cow::Borrowed(
                "Health care is the only mediation issue: the ICB arranges, and the 30 days run from the LA's notice to the ICB",
            ));
            (d, "the LA told the ICB the mediation issues", vec![note])
        });
    }
    const FAMILY: &str = "the family told the LA they want mediation";
    const ADVISER: &str = "the mediation adviser told the LA the family wants mediation";
    let choice = ctx.choices.thirty_days_start;
    let mut notes = vec![WorkingLine::Note(Cow::Borrowed(choice.explanation()))];
    let (family, adviser) = (facts.family_told_la_on, facts.adviser_told_la_on);
    let picked = match (choice, family, adviser) {
        (ThirtyDaysStart::EarlierDate, Some(f), Some(a)) => Some(if f <= a { (f, FAMILY) } else { (a, ADVISER) }),
        (ThirtyDaysStart::FamilyNotice, Some(f), _) => Some((f, FAMILY)),
        (ThirtyDaysStart::AdviserNotice, _, Some(a)) => Some((a, ADVISER)),
        (_, Some(f), None) => {
            if choice == ThirtyDaysStart::AdviserNotice {
                notes.push(WorkingLine::Note(Cow::Borrowed(
                    "The adviser's notice to the LA is not recorded: the family's notice is used",
                )));
            }
            Some((f, FAMILY))
        }
        (_, None, Some(a)) => {
            if choice == ThirtyDaysStart::FamilyNotice {
                notes.push(WorkingLine::Note(Cow::Borrowed(
                    "The family's notice to the LA is not recorded: the adviser's notice is used",
                )));
            }
            Some((a, ADVISER))
        }
        _ => None,
    };
    picked.map(|(d, name)| (d, name, notes))
}

pub(crate) fn draft(ctx: &Context, facts: &CaseFacts) -> Option<Draft> {
    let (from, trigger_name, notes) = start(ctx, facts)?;
    let meaning = ctx.choices.thirty_days_meaning;
    let met = match meaning {
        ThirtyDaysMeaning::Held => {
            facts.first_meeting_held().map(|m| MetBy { name: Cow::Borrowed(MEDIATION_HELD.met_by), date: m.date })
        }
        ThirtyDaysMeaning::Arranged => {
            facts.mediation_arranged_on.map(|d| MetBy { name: Cow::Borrowed("mediation meeting arranged"), date: d })
        }
    };
    let mut draft = Draft::counted(ctx, &MEDIATION_HELD, from, None);
    draft.clock.trigger = Trigger { name: Cow::Borrowed(trigger_name), date: from };
    draft.clock.working[0] = WorkingLine::Trigger { name: Cow::Borrowed(trigger_name), date: from };
    for (i, note) in notes.into_iter().enumerate() {
        draft.clock.working.insert(1 + i, note);
    }
    draft.clock.working.insert(1, WorkingLine::Note(Cow::Borrowed(meaning.explanation())));
    if arranger(facts) == Arranger::Icb {
        draft.clock.party = Party::Icb;
    } else {
        draft.clock.party = Party::LocalAuthority;
    }
    if meaning == ThirtyDaysMeaning::Arranged {
        draft.clock.label = Cow::Borrowed("Arrange the mediation meeting");
    }
    draft.clock.met_by = met;
    let held_by_due = draft.clock.met_by.as_ref().is_some_and(|m| m.date <= draft.clock.due_date);
    if let (Some(w), None) = (facts.withdrew_on, &draft.clock.met_by) {
        draft.not_applicable = Some(Cow::Owned(format!("The family withdrew from mediation on {}", dates::long(w))));
    } else if let (Some(cert), false) = (facts.certificate_of_kind(crate::facts::CertificateKind::Deemed), held_by_due) {
        draft.not_applicable = Some(Cow::Owned(format!(
            "The 30 days were missed: a deemed certificate was issued on {}",
            dates::long(cert.issued_on)
        )));
    }
    Some(draft)
}

/// Notice of one meeting: 5 working days before it (or 5 clear days).
pub(crate) fn notice_draft(ctx: &Context, meeting: &Meeting, index: usize, count: usize) -> Draft {
    let reading = ctx.choices.notice_reading;
    let mut rule = MEDIATION_NOTICE;
    if reading == NoticeReading::FiveClearWorkingDays {
        rule.period = Period { amount: 6, ..rule.period };
    }
    let mut draft = Draft::counted(ctx, &rule, meeting.date, meeting.notice_sent_on);
    draft.clock.period = MEDIATION_NOTICE.period;
    draft.clock.working.insert(1, WorkingLine::Note(Cow::Borrowed(reading.explanation())));
    if index > 0 {
        draft.clock.key = Cow::Owned(format!("{}_{}", MEDIATION_NOTICE.key, index + 1));
    }
    if count > 1 {
        draft.clock.label = Cow::Owned(format!("{} on {}", MEDIATION_NOTICE.label, dates::long(meeting.date)));
    }
    draft
}
