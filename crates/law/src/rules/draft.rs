//! A clock in the making, shared by the engine and the rules that build
//! clocks (`thirty_days`, `appeal`, `agreement`). A rule starts a `Draft`
//! from its `ClockRule` with `Draft::counted`, then changes what the law
//! says for its case: the key, label or party, the trigger, the dates and
//! why they moved, the working, what met it, and whether it applies at all.
//! `Draft::finish` then works out what follows from those against the
//! `Context`: the flags (a due date on a closed day, projected holidays),
//! the status and its words (`status_text`), and the closing lines of the
//! working.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};

use super::{counting, ClockRule};
use crate::calendar::{Calendar, NonWorkingReason};
use crate::rules::choices::CountingChoices;
use crate::timeline::{Clock, Flag, MetBy, Status, Trigger, Unit, WorkingLine};

/// Everything a clock is computed against.
pub(crate) struct Context<'a> {
    pub cal: &'a Calendar,
    pub choices: CountingChoices,
    pub today: NaiveDate,
}

/// A clock before its flags and status are worked out: the `Clock` a rule
/// has decided, plus the two facts `finish` needs that a clock does not
/// carry. Until `finish`, `clock.flags` is empty, `clock.status` and
/// `clock.status_text` are placeholders, and `clock.party_label` is that
/// of the rule's party (a rule may change the party): `finish` sets them.
pub(crate) struct Draft {
    pub clock: Clock,
    /// Why the clock no longer applies, if it does not.
    pub not_applicable: Option<Cow<'static, str>>,
    /// The law moves nothing for this clock: flag a weekend or holiday.
    pub flag_non_working: bool,
}

impl Draft {
    /// A clock counted plainly from its trigger by its rule's period.
    pub fn counted(ctx: &Context, rule: &ClockRule, trigger_date: NaiveDate, met: Option<NaiveDate>) -> Draft {
        let (raw, line) = counting::count(ctx.cal, rule.period, trigger_date);
        let clock = Clock {
            key: Cow::Borrowed(rule.key),
            label: Cow::Borrowed(rule.label),
            action_description: None,
            party: rule.party,
            party_label: rule.party.label(),
            trigger: Trigger { name: Cow::Borrowed(rule.trigger), date: trigger_date },
            period: rule.period,
            raw_date: raw,
            due_date: raw,
            adjustment: None,
            due_by_time: None,
            flags: Vec::new(),
            citation: rule.citation,
            working: {
                // Room for the usual lines: trigger, count, a note, due, met.
                let mut lines = Vec::with_capacity(6);
                lines.push(WorkingLine::Trigger { name: Cow::Borrowed(rule.trigger), date: trigger_date });
                lines.push(line);
                lines
            },
            met_by: met.map(|date| MetBy { name: Cow::Borrowed(rule.met_by), date }),
            // Placeholders: `finish` works these out.
            status: Status::Upcoming,
            status_text: "",
            good_practice: rule.good_practice.is_some(),
        };
        Draft { clock, not_applicable: None, flag_non_working: rule.period.unit != Unit::WorkingDays }
    }

    pub fn finish(self, ctx: &Context) -> Clock {
        let Draft { mut clock, not_applicable, flag_non_working } = self;
        if flag_non_working && !ctx.cal.is_working_day(clock.due_date) {
            let reason = ctx.cal.non_working_reason(clock.due_date).expect("a closed day has a reason");
            let message = match &reason {
                NonWorkingReason::Saturday => Cow::Borrowed("Falls on a Saturday"),
                NonWorkingReason::Sunday => Cow::Borrowed("Falls on a Sunday"),
                NonWorkingReason::Holiday(name) => Cow::Owned(format!("Falls on a holiday ({name})")),
            };
            clock.flags.push(Flag::FallsOnNonWorkingDay { date: clock.due_date, message, reason: reason.clone() });
            clock.working.push(WorkingLine::FallsOn { date: clock.due_date, reason });
        }
        let (first, last) = (clock.trigger.date.min(clock.due_date).year(), clock.trigger.date.max(clock.due_date).year());
        let projected: Vec<i32> = (first..=last).filter(|y| ctx.cal.is_projected(*y)).collect();
        if !projected.is_empty() {
            let years = projected.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ");
            let message = format!("Holidays for {years} are projected, not proclaimed: check this date when they are announced");
            clock.working.push(WorkingLine::Note(Cow::Owned(message.clone())));
            clock.flags.push(Flag::ProjectedHolidays { years: projected, message });
        }
        clock.working.push(WorkingLine::Due { date: clock.due_date, time: clock.due_by_time });
        let status = match (not_applicable, &clock.met_by) {
            (Some(why), _) => {
                clock.working.push(WorkingLine::Note(why));
                Status::NotApplicable
            }
            (None, Some(met)) if met.date <= clock.due_date => Status::MetOnTime,
            (None, Some(_)) => Status::MetLate,
            (None, None) if ctx.today < clock.due_date => Status::Upcoming,
            (None, None) if ctx.today == clock.due_date => Status::DueToday,
            (None, None) if clock.good_practice => Status::PastGoodPractice,
            (None, None) => Status::Overdue,
        };
        if let Some(met) = &clock.met_by {
            clock.working.push(WorkingLine::Met { name: met.name.clone(), date: met.date, on_time: met.date <= clock.due_date });
        }
        clock.party_label = clock.party.label();
        clock.status = status;
        clock.status_text = status_text(status, &clock.key);
        clock
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
