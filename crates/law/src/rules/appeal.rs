//! The appeal deadline. HESC Rules 2008 r.20(1)(c) [V]: the appeal must be
//! received within 2 months after written notice of the decision was sent,
//! or within 1 month from the date of issue of the mediation certificate if
//! that is later. Rule 12(2) [V]: a time ending on a non-working day is met
//! on the next working day. Rule 12(3)(a) [V]: in SEN cases a time ending
//! from 25 December to 1 January, or in August, runs to the first working
//! day after 1 January or 31 August. Rule 12(1): by 5pm [S].
//!
//! Disputed [D]: whether 12(3)(a) also applies where 12(2) carries a time
//! that ended on a non-working day into August or 25 Dec–1 Jan. The default
//! follows the spec's algorithm (12(3)(a) only where the time itself ends in
//! the period: the earlier, safer date); `AppealExtensionReading` offers the
//! other reading.
//!
//! Disputed [D]: which certificate "the mediation certificate" is where a
//! family holds more than one. The default counts from the first one the
//! family was given (voided or not: the earlier, safer date);
//! `AppealCertificateReading` offers the latest one in force. The working
//! names both dates where they differ.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};

use super::choices::{AppealCertificateReading, AppealExtensionReading};
use super::draft::{Context, Draft};
use super::{counting, APPEAL};
use crate::calendar::{Calendar, SkippedDay};
use crate::facts::{CaseFacts, IssuedCertificate};
use crate::timeline::{Period, Trigger, Unit, WorkingLine};

/// The words shown when HESC Rules r.12(2) moves the appeal deadline off a weekend or holiday.
pub const RULE_12_2: &str = "Rule 12(2): a time ending on a day that is not a working day is met on the next working day";
/// The words shown when r.12(3)(a) moves a deadline ending from 25 December to 1 January.
pub const RULE_12_3_CHRISTMAS: &str =
    "Rule 12(3)(a): a time ending from 25 December to 1 January runs to the first working day after 1 January";
/// The words shown when r.12(3)(a) moves a deadline ending in August.
pub const RULE_12_3_AUGUST: &str = "Rule 12(3)(a): a time ending in August runs to the first working day after 31 August";
/// The words shown, under the setting that allows it, when r.12(2) carries the deadline into August or 25 Dec–1 Jan and
/// r.12(3)(a) then moves it on.
pub const RULE_12_2_THEN_12_3: &str =
    "Rule 12(2) then rule 12(3)(a): the next working day falls in an extension period, so the time runs to the first working day after it";
/// The time of day the appeal is due by: "by 5pm on ..." (r.12(1)).
pub const BY_TIME: &str = "5pm";
const CERTIFICATE_TRIGGER: &str = "mediation certificate issued";

/// Whether one of rule 12(3)(a)'s periods contains `date` (any day in
/// August, or 25 December to 1 January): the day after the period, and
/// the rule's words.
fn extension_period(date: NaiveDate) -> Option<(NaiveDate, &'static str)> {
    let (month, day) = (date.month(), date.day());
    if month == 12 && day >= 25 {
        Some((NaiveDate::from_ymd_opt(date.year() + 1, 1, 2).expect("2 January"), RULE_12_3_CHRISTMAS))
    } else if month == 1 && day == 1 {
        Some((NaiveDate::from_ymd_opt(date.year(), 1, 2).expect("2 January"), RULE_12_3_CHRISTMAS))
    } else if month == 8 {
        Some((NaiveDate::from_ymd_opt(date.year(), 9, 1).expect("1 September"), RULE_12_3_AUGUST))
    } else {
        None
    }
}

/// The due date the rules give for a raw date, with the rule that moved it
/// and the days passed over.
pub fn adjust(
    cal: &Calendar,
    raw: NaiveDate,
    reading: AppealExtensionReading,
) -> (NaiveDate, Option<&'static str>, Vec<SkippedDay>) {
    if let Some((start, rule)) = extension_period(raw) {
        let next = cal.next_working_day_from(start);
        return (next.result, Some(rule), next.skipped);
    }
    if cal.is_working_day(raw) {
        return (raw, None, Vec::new());
    }
    let next = cal.next_working_day_from(raw);
    if reading == AppealExtensionReading::AlsoAfterNextWorkingDay {
        if let Some((start, _)) = extension_period(next.result) {
            let mut skipped = next.skipped;
            let further = cal.next_working_day_from(start);
            skipped.extend(further.skipped);
            return (further.result, Some(RULE_12_2_THEN_12_3), skipped);
        }
    }
    (next.result, Some(RULE_12_2), next.skipped)
}

/// The appeal deadline alone (for bulk work and property tests): the later
/// of the decision sent + 2 months and the certificate issued + 1 month
/// (Tribunal Procedure Rules 2008 r.20(1)(c)), moved by r.12(3)(a) out of
/// August and 25 Dec–1 Jan, else by r.12(2) to the next working day.
///
/// The examples of statutory-clocks.md section 3:
///
/// ```
/// use chrono::NaiveDate;
/// use law::rules::appeal::deadline;
/// use law::rules::choices::AppealExtensionReading;
/// use law::Calendar;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let (cal, reading) = (Calendar::built_in(), AppealExtensionReading::default());
/// // Sun 1 Feb 2026, no certificate: Wed 1 Apr 2026 (plain)
/// assert_eq!(deadline(&cal, reading, d(2026, 2, 1), None), d(2026, 4, 1));
/// // with a certificate on Fri 20 Mar 2026: Mon 20 Apr 2026 (the later date)
/// assert_eq!(deadline(&cal, reading, d(2026, 2, 1), Some(d(2026, 3, 20))), d(2026, 4, 20));
/// // Tue 10 Mar 2026: raw Sun 10 May, due Mon 11 May 2026 (r.12(2) weekend)
/// assert_eq!(deadline(&cal, reading, d(2026, 3, 10), None), d(2026, 5, 11));
/// // Fri 6 Feb 2026: raw Easter Monday 6 Apr, due Tue 7 Apr 2026 (r.12(2))
/// assert_eq!(deadline(&cal, reading, d(2026, 2, 6), None), d(2026, 4, 7));
/// // Wed 1 Oct 2025, certificate Sat 29 Nov 2025: raw Mon 29 Dec, due Fri 2 Jan 2026 (r.12(3)(a))
/// assert_eq!(deadline(&cal, reading, d(2025, 10, 1), Some(d(2025, 11, 29))), d(2026, 1, 2));
/// ```
pub fn deadline(
    cal: &Calendar,
    reading: AppealExtensionReading,
    decision_sent: NaiveDate,
    certificate_issued: Option<NaiveDate>,
) -> NaiveDate {
    let (from_decision, _) = crate::calendar::add_months(decision_sent, 2);
    let raw = certificate_issued.map_or(from_decision, |c| from_decision.max(crate::calendar::add_months(c, 1).0));
    adjust(cal, raw, reading).0
}

/// The certificate the month counts from under `reading`: the first one
/// the family was given (voided or not), or the latest one in force.
pub fn counted_certificate(facts: &CaseFacts, reading: AppealCertificateReading) -> Option<&IssuedCertificate> {
    match reading {
        AppealCertificateReading::FirstCertificate => facts.certificates.iter().min_by_key(|c| c.issued_on),
        AppealCertificateReading::LatestInForce => facts.certificate_in_force(),
    }
}

/// The first date of issue from which a certificate would move the
/// deadline: its month ends after `raw` (the 2 months from the decision)
/// and, with rules 12(2) and 12(3)(a) applied, after `due`. Both rules
/// only ever move a later date to a later or equal one, so every later
/// date of issue moves it too.
pub fn certificate_moves_from(cal: &Calendar, reading: AppealExtensionReading, raw: NaiveDate, due: NaiveDate) -> NaiveDate {
    let mut issued = crate::calendar::add_months(raw, -1).0;
    loop {
        let ends = crate::calendar::add_months(issued, 1).0;
        if ends > raw && adjust(cal, ends, reading).0 > due {
            return issued;
        }
        issued = issued.succ_opt().expect("a date within range");
    }
}

/// Where the two readings of "the mediation certificate" count from
/// different dates, a sentence naming both (the Tribunal decides).
fn both_certificates(facts: &CaseFacts) -> Option<String> {
    let first = counted_certificate(facts, AppealCertificateReading::FirstCertificate)?;
    let latest = counted_certificate(facts, AppealCertificateReading::LatestInForce);
    match latest {
        Some(latest) if latest.issued_on == first.issued_on => None,
        Some(latest) => Some(format!(
            "The family holds more than one certificate: the first they were given was issued on {}, the latest in force on {}. Rule 20(1)(c) says \"the mediation certificate\" without saying which: the Tribunal decides which date it accepts",
            crate::calendar::dates::long(first.issued_on),
            crate::calendar::dates::long(latest.issued_on)
        )),
        None => Some(format!(
            "The first certificate the family was given (issued on {}) was voided and none is in force: the Tribunal decides whether it accepts that certificate's date",
            crate::calendar::dates::long(first.issued_on)
        )),
    }
}

pub(crate) fn draft(ctx: &Context, facts: &CaseFacts, decision_sent: NaiveDate, sent_note: &Option<WorkingLine>) -> Draft {
    let certificate = counted_certificate(facts, ctx.choices.appeal_certificate);
    let mut draft = Draft::counted(ctx, &APPEAL, decision_sent, facts.appeal_received_on);
    if let Some(note) = sent_note {
        draft.clock.working.insert(1, note.clone());
    }
    if let Some(cert) = certificate {
        let period = Period { amount: 1, unit: Unit::Months, before: false };
        let (from_cert, line) = counting::count(ctx.cal, period, cert.issued_on);
        draft.clock.working.push(WorkingLine::Trigger { name: Cow::Borrowed(CERTIFICATE_TRIGGER), date: cert.issued_on });
        draft.clock.working.push(line);
        let from_decision = draft.clock.raw_date;
        let taken = from_decision.max(from_cert);
        draft.clock.working.push(WorkingLine::LaterOf {
            first: (Cow::Borrowed("2 months from the decision"), from_decision),
            second: (Cow::Borrowed("1 month from the certificate"), from_cert),
            taken,
        });
        if from_cert > from_decision {
            draft.clock.trigger = Trigger { name: Cow::Borrowed(CERTIFICATE_TRIGGER), date: cert.issued_on };
            draft.clock.period = period;
        }
        draft.clock.raw_date = taken;
    }
    if let Some(both) = both_certificates(facts) {
        draft.clock.working.push(WorkingLine::Note(Cow::Owned(both)));
        draft.clock.working.push(WorkingLine::Note(Cow::Borrowed(ctx.choices.appeal_certificate.explanation())));
    }
    let reading = ctx.choices.appeal_extension;
    let (due, rule, skipped) = adjust(ctx.cal, draft.clock.raw_date, reading);
    match rule {
        Some(rule) => draft.clock.working.push(WorkingLine::Moved { rule, from: draft.clock.raw_date, to: due, skipped }),
        None => draft.clock.working.push(WorkingLine::Stands { date: due }),
    }
    // Where the two readings of rule 12 give different dates, say which was used.
    let other = match reading {
        AppealExtensionReading::WhereTheTimeEnds => AppealExtensionReading::AlsoAfterNextWorkingDay,
        AppealExtensionReading::AlsoAfterNextWorkingDay => AppealExtensionReading::WhereTheTimeEnds,
    };
    if adjust(ctx.cal, draft.clock.raw_date, other).0 != due {
        draft.clock.working.push(WorkingLine::Note(Cow::Borrowed(reading.explanation())));
    }
    draft.clock.due_date = due;
    draft.clock.adjustment = rule;
    draft.clock.due_by_time = Some(BY_TIME);
    draft.flag_non_working = false;
    draft
}
