//! The appeal deadline. HESC Rules 2008 r.20(1)(c) [V]: the appeal must be
//! received within 2 months after written notice of the decision was sent,
//! or within 1 month from the date of issue of the mediation certificate if
//! that is later. Rule 12(2) [V]: a time ending on a non-working day is met
//! on the next working day. Rule 12(3)(a) [V]: in SEN cases a time ending
//! from 25 December to 1 January, or in August, runs to the first working
//! day after 1 January or 31 August. Rule 12(1): by 5pm [S].

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};

use super::engine::{Context, Draft};
use super::{counting, APPEAL};
use crate::calendar::{Calendar, SkippedDay};
use crate::facts::IssuedCertificate;
use crate::timeline::{Period, Trigger, Unit, WorkingLine};

pub const RULE_12_2: &str =
    "Rule 12(2): a time ending on a day that is not a working day is met on the next working day";
pub const RULE_12_3_CHRISTMAS: &str = "Rule 12(3)(a): a time ending from 25 December to 1 January runs to the first working day after 1 January";
pub const RULE_12_3_AUGUST: &str =
    "Rule 12(3)(a): a time ending in August runs to the first working day after 31 August";
pub const BY_TIME: &str = "5pm";
const CERTIFICATE_TRIGGER: &str = "mediation certificate issued";

/// The due date the rules give for a raw date, with the rule that moved it
/// and the days passed over.
pub fn adjust(
    cal: &Calendar,
    raw: NaiveDate,
) -> (NaiveDate, Option<&'static str>, Vec<SkippedDay>) {
    let (month, day) = (raw.month(), raw.day());
    let christmas_year = if month == 12 && day >= 25 {
        Some(raw.year() + 1)
    } else if month == 1 && day == 1 {
        Some(raw.year())
    } else {
        None
    };
    let (start, rule) = if let Some(year) = christmas_year {
        (
            NaiveDate::from_ymd_opt(year, 1, 2).expect("2 January"),
            Some(RULE_12_3_CHRISTMAS),
        )
    } else if month == 8 {
        (
            NaiveDate::from_ymd_opt(raw.year(), 9, 1).expect("1 September"),
            Some(RULE_12_3_AUGUST),
        )
    } else if !cal.is_working_day(raw) {
        (raw, Some(RULE_12_2))
    } else {
        return (raw, None, Vec::new());
    };
    let next = cal.next_working_day_from(start);
    (next.result, rule, next.skipped)
}

/// The appeal deadline alone (for bulk work and property tests).
pub fn deadline(
    cal: &Calendar,
    decision_sent: NaiveDate,
    certificate_issued: Option<NaiveDate>,
) -> NaiveDate {
    let (from_decision, _) = crate::calendar::add_months(decision_sent, 2);
    let raw = certificate_issued.map_or(from_decision, |c| {
        from_decision.max(crate::calendar::add_months(c, 1).0)
    });
    adjust(cal, raw).0
}

pub(crate) fn draft(
    ctx: &Context,
    decision_sent: NaiveDate,
    sent_note: &Option<WorkingLine>,
    certificate: Option<&IssuedCertificate>,
    received_on: Option<NaiveDate>,
) -> Draft {
    let mut draft = Draft::counted(ctx, &APPEAL, decision_sent, received_on);
    if let Some(note) = sent_note {
        draft.working.insert(1, note.clone());
    }
    if let Some(cert) = certificate {
        let period = Period {
            amount: 1,
            unit: Unit::Months,
            before: false,
        };
        let (from_cert, line) = counting::count(ctx.cal, period, cert.issued_on);
        draft.working.push(WorkingLine::Trigger {
            name: Cow::Borrowed(CERTIFICATE_TRIGGER),
            date: cert.issued_on,
        });
        draft.working.push(line);
        let from_decision = draft.raw_date;
        let taken = from_decision.max(from_cert);
        draft.working.push(WorkingLine::LaterOf {
            first: (Cow::Borrowed("2 months from the decision"), from_decision),
            second: (Cow::Borrowed("1 month from the certificate"), from_cert),
            taken,
        });
        if from_cert > from_decision {
            draft.trigger = Trigger {
                name: Cow::Borrowed(CERTIFICATE_TRIGGER),
                date: cert.issued_on,
            };
            draft.period = period;
        }
        draft.raw_date = taken;
    }
    let (due, rule, skipped) = adjust(ctx.cal, draft.raw_date);
    match rule {
        Some(rule) => draft.working.push(WorkingLine::Moved {
            rule,
            from: draft.raw_date,
            to: due,
            skipped,
        }),
        None => draft.working.push(WorkingLine::Stands { date: due }),
    }
    draft.due_date = due;
    draft.adjustment = rule;
    draft.due_by_time = Some(BY_TIME);
    draft.flag_non_working = false;
    draft.is_appeal = true;
    draft
}
