//! The clock engine: case facts in, a timeline out. A pure function of the
//! facts, the calendar, the counting choices and today's date.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};

use super::{agreement, appeal, counting, exemptions, problems, thirty_days, ClockRule};
use crate::calendar::Calendar;
use crate::facts::{CaseFacts, CertificateKind, MeetingStatus, Service};
use crate::rules::choices::CountingChoices;
use crate::timeline::{Clock, Flag, MetBy, Notice, Party, Period, Route, Status, Timeline, Trigger, Unit, WorkingLine};

/// Everything a clock is computed against.
pub(crate) struct Context<'a> {
    pub cal: &'a Calendar,
    pub choices: CountingChoices,
    pub today: NaiveDate,
}

/// A clock before its flags and status are worked out.
pub(crate) struct Draft {
    pub key: Cow<'static, str>,
    pub label: Cow<'static, str>,
    pub party: Party,
    pub citation: &'static str,
    pub trigger: Trigger,
    pub period: Period,
    pub raw_date: NaiveDate,
    pub due_date: NaiveDate,
    pub adjustment: Option<&'static str>,
    pub due_by_time: Option<&'static str>,
    pub working: Vec<WorkingLine>,
    pub met_by: Option<MetBy>,
    /// Why the clock no longer applies, if it does not.
    pub not_applicable: Option<Cow<'static, str>>,
    /// The law moves nothing for this clock: flag a weekend or holiday.
    pub flag_non_working: bool,
    /// Good practice, not law: never overdue.
    pub good_practice: bool,
}

impl Draft {
    /// A clock counted plainly from its trigger by its rule's period.
    pub fn counted(ctx: &Context, rule: &ClockRule, trigger_date: NaiveDate, met: Option<NaiveDate>) -> Draft {
        let (raw, line) = counting::count(ctx.cal, rule.period, trigger_date);
        Draft {
            key: Cow::Borrowed(rule.key),
            label: Cow::Borrowed(rule.label),
            party: rule.party,
            citation: rule.citation,
            trigger: Trigger { name: Cow::Borrowed(rule.trigger), date: trigger_date },
            period: rule.period,
            raw_date: raw,
            due_date: raw,
            adjustment: None,
            due_by_time: None,
            working: {
                // Room for the usual lines: trigger, count, a note, due, met.
                let mut lines = Vec::with_capacity(6);
                lines.push(WorkingLine::Trigger { name: Cow::Borrowed(rule.trigger), date: trigger_date });
                lines.push(line);
                lines
            },
            met_by: met.map(|date| MetBy { name: Cow::Borrowed(rule.met_by), date }),
            not_applicable: None,
            flag_non_working: rule.period.unit != Unit::WorkingDays,
            good_practice: rule.good_practice.is_some(),
        }
    }

    pub fn finish(mut self, ctx: &Context) -> Clock {
        let mut flags = Vec::new();
        if self.flag_non_working && !ctx.cal.is_working_day(self.due_date) {
            let reason = ctx.cal.non_working_reason(self.due_date).expect("a closed day has a reason");
            let message = match &reason {
                crate::calendar::NonWorkingReason::Saturday => Cow::Borrowed("Falls on a Saturday"),
                crate::calendar::NonWorkingReason::Sunday => Cow::Borrowed("Falls on a Sunday"),
                crate::calendar::NonWorkingReason::Holiday(name) => Cow::Owned(format!("Falls on a holiday ({name})")),
            };
            flags.push(Flag::FallsOnNonWorkingDay { date: self.due_date, message, reason: reason.clone() });
            self.working.push(WorkingLine::FallsOn { date: self.due_date, reason });
        }
        let (first, last) = (self.trigger.date.min(self.due_date).year(), self.trigger.date.max(self.due_date).year());
        let projected: Vec<i32> = (first..=last).filter(|y| ctx.cal.is_projected(*y)).collect();
        if !projected.is_empty() {
            let years = projected.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ");
            let message = format!("Holidays for {years} are projected, not proclaimed: check this date when they are announced");
            self.working.push(WorkingLine::Note(Cow::Owned(message.clone())));
            flags.push(Flag::ProjectedHolidays { years: projected, message });
        }
        self.working.push(WorkingLine::Due { date: self.due_date, time: self.due_by_time });
        let status = match (&self.not_applicable, &self.met_by) {
            (Some(why), _) => {
                self.working.push(WorkingLine::Note(why.clone()));
                Status::NotApplicable
            }
            (None, Some(met)) if met.date <= self.due_date => Status::MetOnTime,
            (None, Some(_)) => Status::MetLate,
            (None, None) if ctx.today < self.due_date => Status::Upcoming,
            (None, None) if ctx.today == self.due_date => Status::DueToday,
            (None, None) if self.good_practice => Status::PastGoodPractice,
            (None, None) => Status::Overdue,
        };
        if let Some(met) = &self.met_by {
            self.working.push(WorkingLine::Met { name: met.name.clone(), date: met.date, on_time: met.date <= self.due_date });
        }
        let status_text = status_text(status, &self.key);
        Clock {
            key: self.key,
            label: self.label,
            party: self.party,
            party_label: self.party.label(),
            trigger: self.trigger,
            period: self.period,
            raw_date: self.raw_date,
            due_date: self.due_date,
            adjustment: self.adjustment,
            due_by_time: self.due_by_time,
            flags,
            citation: self.citation,
            working: self.working,
            met_by: self.met_by,
            status,
            status_text,
            good_practice: self.good_practice,
        }
    }
}

/// A clock's status in words: the appeal's are the Tribunal's ("out of
/// time", never "barred"); a good-practice clock's say it is not a
/// statutory limit ("Notice given late").
pub fn status_text(status: Status, clock_key: &str) -> &'static str {
    let is_appeal = clock_key == super::APPEAL.key;
    let good_practice = super::good_practice(clock_key);
    match (status, is_appeal, good_practice) {
        (Status::Overdue, true, _) => "Out of time: the Tribunal decides whether a late appeal may proceed",
        (Status::MetLate, true, _) => "Received late: the Tribunal decides whether a late appeal may proceed",
        (Status::MetLate, false, Some(words)) => words.late,
        (Status::PastGoodPractice, _, Some(words)) => words.not_recorded,
        (Status::PastGoodPractice, _, None) => "Past its good-practice date: not a statutory limit",
        (Status::Overdue, false, _) => "Overdue",
        (Status::DueToday, _, _) => "Due today",
        (Status::Upcoming, _, _) => "Upcoming",
        (Status::MetOnTime, _, _) => "Met on time",
        (Status::MetLate, false, None) => "Met late",
        (Status::NotApplicable, _, _) => "Not applicable",
    }
}

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
            draft.working.insert(1, note.clone());
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
