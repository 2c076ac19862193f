//! The clock engine: case facts in, a timeline out. A pure function of the
//! facts, the calendar, the counting choices and today's date.

use std::borrow::Cow;

use chrono::NaiveDate;

use super::draft::{Context, Draft};
use super::{agreement, appeal, exemptions, problems, thirty_days};
use crate::calendar::Calendar;
use crate::facts::{CaseFacts, CertificateKind, MeetingStatus, Service};
use crate::rules::choices::CountingChoices;
use crate::timeline::{Clock, Notice, Route, Status, Timeline, WorkingLine};

/// The timeline of one case. Contradictory facts give named problems and no
/// clocks: a date computed from a wrong fact is worse than none.
pub fn timeline(facts: &CaseFacts, cal: &Calendar, choices: &CountingChoices, today: NaiveDate) -> Timeline {
    let ctx = Context { cal, choices: *choices, today };
    let (route, route_text, exemptions) = exemptions::assess(facts);
    let problems = problems::find(facts, today);
    let mut notices: Vec<Notice> = super::letter::notice(facts).into_iter().collect();
    let mut clocks = Vec::new();
    let statutory = facts.service == Service::MediationAdvice;
    if statutory && problems.is_empty() {
        clocks = clocks_of(&ctx, facts, route, &mut notices);
    }
    let appeal_note = if statutory && problems.is_empty() { appeal_note(facts, route, &ctx, &clocks) } else { None };
    let mut timeline = Timeline {
        route,
        route_text,
        exemptions,
        clocks,
        problems,
        notices,
        choices: *choices,
        today,
        next_clock: None,
        appeal_note,
    };
    timeline.next_clock = timeline.next_clock().map(|c| c.key.to_string());
    timeline
}

/// The case header's sentence about the appeal deadline: none lies on
/// health or social care alone; or, while a case that needs a certificate
/// has none the month could count from, the date from which one would
/// move the deadline.
fn appeal_note(facts: &CaseFacts, route: Route, ctx: &Context, clocks: &[Clock]) -> Option<String> {
    if exemptions::no_appeal_lies(facts) {
        return Some(exemptions::NO_APPEAL.to_string());
    }
    let clock = clocks.iter().find(|c| c.key == super::APPEAL.key)?;
    let counted = appeal::counted_certificate(facts, ctx.choices.appeal_certificate);
    if route != Route::CertificateNeeded || counted.is_some() || !clock.status.is_pending() {
        return None;
    }
    let from = appeal::certificate_moves_from(ctx.cal, ctx.choices.appeal_extension, clock.raw_date, clock.due_date);
    Some(format!(
        "A mediation certificate issued on or after {} would move this deadline to 1 month from its date of issue",
        crate::calendar::dates::long(from)
    ))
}

fn clocks_of(ctx: &Context, facts: &CaseFacts, route: Route, notices: &mut Vec<Notice>) -> Vec<Clock> {
    let mut clocks = Vec::with_capacity(8);
    let decision = decision_sent(facts, notices);

    if let Some((sent, note)) = &decision {
        let mut draft = Draft::counted(ctx, &super::CONTACT_ADVISER, *sent, facts.first_contact_on);
        if let Some(note) = note {
            draft.clock.working.insert(1, note.clone());
        }
        if route == Route::Exempt {
            draft.not_applicable =
                Some(Cow::Borrowed("No mediation certificate is needed for this appeal, so contacting the adviser is optional"));
        }
        clocks.push(draft.finish(ctx));
    }
    let certificate = |kind| facts.certificate_of_kind(kind).map(|c| c.issued_on);
    if let Some(on) = facts.declined_on {
        clocks.push(Draft::counted(ctx, &super::CERTIFICATE_DECLINED, on, certificate(CertificateKind::Declined)).finish(ctx));
    }
    if let Some(on) = facts.withdrew_on {
        clocks.push(Draft::counted(ctx, &super::CERTIFICATE_WITHDRAWN, on, certificate(CertificateKind::Withdrawn)).finish(ctx));
    }
    if let (true, Some(on)) = (facts.health_in_issue(), facts.family_told_la_on) {
        clocks.push(Draft::counted(ctx, &super::ICB_NOTIFIED, on, facts.la_told_icb_on).finish(ctx));
    }
    if let Some(draft) = thirty_days::draft(ctx, facts) {
        let clock = draft.finish(ctx);
        let deemed_recorded = facts.cannot_arrange_notice_on.is_some() || certificate(CertificateKind::Deemed).is_some();
        if clock.status == Status::Overdue && !deemed_recorded {
            notices.push(Notice {
                code: "deemed_certificate_route",
                message: format!(
                    "No meeting was held by day 30 ({}): when the arranging body says it cannot arrange mediation in time, record that date and issue a deemed certificate",
                    crate::calendar::dates::long(clock.due_date)
                ),
            });
        }
        clocks.push(clock);
    }
    let noticed: Vec<_> =
        facts.meetings.iter().filter(|m| matches!(m.status, MeetingStatus::Planned | MeetingStatus::Held)).collect();
    for (i, meeting) in noticed.iter().enumerate() {
        clocks.push(thirty_days::notice_draft(ctx, meeting, i, noticed.len()).finish(ctx));
    }
    if let Some(on) = facts.cannot_arrange_notice_on {
        clocks.push(Draft::counted(ctx, &super::CERTIFICATE_DEEMED, on, certificate(CertificateKind::Deemed)).finish(ctx));
    }
    if let Some(on) = facts.concluded_on {
        clocks.push(
            Draft::counted(ctx, &super::CERTIFICATE_AFTER_MEDIATION, on, certificate(CertificateKind::AfterMediation))
                .finish(ctx),
        );
    }
    if let Some(agreement) = &facts.agreement {
        agreement::drafts(ctx, agreement, &mut |d| clocks.push(d.finish(ctx)));
    }
    // No appeal lies on health or social care alone (CFA 2014 s.51): no
    // appeal clock, and the timeline's `appeal_note` says why.
    if let (Some((sent, note)), false) = (&decision, exemptions::no_appeal_lies(facts)) {
        clocks.push(appeal::draft(ctx, facts, *sent, note).finish(ctx));
    }
    clocks
}

/// The date the law runs from: the date the decision was sent, or the date
/// on the letter where that is all that is recorded (said so in a note).
fn decision_sent(facts: &CaseFacts, notices: &mut Vec<Notice>) -> Option<(NaiveDate, Option<WorkingLine>)> {
    match (facts.decision.sent_on, facts.decision.letter_dated) {
        (Some(sent), _) => Some((sent, None)),
        (None, Some(dated)) => {
            let text = "The date the letter was sent is not recorded: the date on the letter is used instead";
            notices.push(Notice { code: "sent_date_assumed", message: text.into() });
            Some((dated, Some(WorkingLine::Note(Cow::Borrowed(text)))))
        }
        (None, None) => {
            notices.push(Notice {
                code: "no_decision_date",
                message: "No decision date is recorded: the adviser-contact and appeal clocks start once it is".into(),
            });
            None
        }
    }
}
