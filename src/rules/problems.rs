//! Facts that contradict each other, or dates that cannot be right, named
//! so the mediator can fix them. The engine computes no clock while any is
//! present: a date from a wrong fact could cost a family its appeal.

use chrono::NaiveDate;

use super::REGIME_START;
use crate::calendar::{add_months, dates};
use crate::facts::{CaseFacts, MeetingStatus};
use crate::timeline::Problem;

/// Every dated fact, with its JSON path and its name in words.
pub fn dated_fields(facts: &CaseFacts) -> Vec<(String, &'static str, NaiveDate)> {
    let mut out: Vec<(String, &'static str, NaiveDate)> = Vec::new();
    let mut put = |path: &str, name: &'static str, d: Option<NaiveDate>| {
        if let Some(d) = d {
            out.push((path.to_string(), name, d));
        }
    };
    put(
        "decision.letter_dated",
        "Date on the letter",
        facts.decision.letter_dated,
    );
    put(
        "decision.sent_on",
        "Date the letter was sent",
        facts.decision.sent_on,
    );
    put(
        "first_contact_on",
        "Date of first contact",
        facts.first_contact_on,
    );
    put(
        "declined_on",
        "Date the family declined mediation",
        facts.declined_on,
    );
    put(
        "withdrew_on",
        "Date the family withdrew from mediation",
        facts.withdrew_on,
    );
    put(
        "family_told_la_on",
        "Date the family told the LA",
        facts.family_told_la_on,
    );
    put(
        "adviser_told_la_on",
        "Date the adviser told the LA",
        facts.adviser_told_la_on,
    );
    put(
        "la_told_icb_on",
        "Date the LA told the ICB",
        facts.la_told_icb_on,
    );
    put(
        "mediation_arranged_on",
        "Date the meeting was arranged",
        facts.mediation_arranged_on,
    );
    put(
        "cannot_arrange_notice_on",
        "Date the LA said it cannot arrange mediation",
        facts.cannot_arrange_notice_on,
    );
    put(
        "concluded_on",
        "Date the mediation concluded",
        facts.concluded_on,
    );
    put(
        "appeal_received_on",
        "Date the Tribunal received the appeal",
        facts.appeal_received_on,
    );
    for (i, m) in facts.meetings.iter().enumerate() {
        put(&format!("meetings[{i}].date"), "Meeting date", Some(m.date));
        put(
            &format!("meetings[{i}].notice_sent_on"),
            "Date notice of the meeting was sent",
            m.notice_sent_on,
        );
    }
    if let Some(a) = &facts.agreement {
        put(
            "agreement.dated",
            "Date of the written agreement",
            Some(a.dated),
        );
        put(
            "agreement.la_told_on",
            "Date the LA was told of the agreement",
            a.la_told_on,
        );
        for (i, action) in a.actions.iter().enumerate() {
            put(
                &format!("agreement.actions[{i}].agreed_due"),
                "Agreed date for the action",
                action.agreed_due,
            );
            for (s, done) in action.done_on.iter().enumerate() {
                put(
                    &format!("agreement.actions[{i}].done_on[{s}]"),
                    "Date the action was done",
                    *done,
                );
            }
        }
    }
    for (i, c) in facts.certificates.iter().enumerate() {
        put(
            &format!("certificates[{i}].issued_on"),
            "Date the certificate was issued",
            Some(c.issued_on),
        );
    }
    out
}

struct Finder {
    problems: Vec<Problem>,
}

impl Finder {
    /// `later` must be on or after `earlier`.
    fn order(
        &mut self,
        earlier: (&str, &str, Option<NaiveDate>),
        later: (&str, &str, Option<NaiveDate>),
        code: &'static str,
    ) {
        if let (Some(e), Some(l)) = (earlier.2, later.2) {
            if l < e {
                self.problems.push(Problem {
                    code,
                    field: later.0.to_string(),
                    message: format!(
                        "{} ({}) must be on or after {} ({})",
                        later.1,
                        dates::long(l),
                        earlier.1.to_lowercase(),
                        dates::long(e)
                    ),
                });
            }
        }
    }
}

pub fn find(facts: &CaseFacts, today: NaiveDate) -> Vec<Problem> {
    let mut f = Finder {
        problems: Vec::new(),
    };
    let start =
        NaiveDate::from_ymd_opt(REGIME_START.0, REGIME_START.1, REGIME_START.2).expect("a date");
    let horizon = add_months(today, 12).0;
    for (path, name, date) in dated_fields(facts) {
        if date < start {
            f.problems.push(Problem {
                code: "date_before_regime",
                field: path,
                message: format!(
                    "{name} ({}) is before 1 Sep 2014, when the SEND mediation rules began",
                    dates::long(date)
                ),
            });
        } else if date > horizon {
            f.problems.push(Problem {
                code: "date_too_far_ahead",
                field: path,
                message: format!(
                    "{name} ({}) is more than a year from today",
                    dates::long(date)
                ),
            });
        }
    }
    let d = &facts.decision;
    let sent = d.sent_on.or(d.letter_dated);
    let sent_field = if d.sent_on.is_some() {
        "decision.sent_on"
    } else {
        "decision.letter_dated"
    };
    let sent_name = if d.sent_on.is_some() {
        "The date the letter was sent"
    } else {
        "The date on the letter"
    };
    f.order(
        (
            "decision.letter_dated",
            "the date on the letter",
            d.letter_dated,
        ),
        ("decision.sent_on", "Date the letter was sent", d.sent_on),
        "sent_before_dated",
    );
    let decision = (sent_field, sent_name, sent);
    f.order(
        decision,
        (
            "first_contact_on",
            "Date of first contact",
            facts.first_contact_on,
        ),
        "contact_before_decision",
    );
    let contact = (
        "first_contact_on",
        "the date of first contact",
        facts.first_contact_on,
    );
    f.order(
        contact,
        (
            "declined_on",
            "Date the family declined mediation",
            facts.declined_on,
        ),
        "declined_before_contact",
    );
    f.order(
        contact,
        ("withdrew_on", "Date the family withdrew", facts.withdrew_on),
        "withdrew_before_contact",
    );
    f.order(
        decision,
        (
            "family_told_la_on",
            "Date the family told the LA",
            facts.family_told_la_on,
        ),
        "la_told_before_decision",
    );
    f.order(
        decision,
        (
            "adviser_told_la_on",
            "Date the adviser told the LA",
            facts.adviser_told_la_on,
        ),
        "la_told_before_decision",
    );
    let la_told = facts
        .family_told_la_on
        .into_iter()
        .chain(facts.adviser_told_la_on)
        .min();
    f.order(
        (
            "family_told_la_on",
            "the date the LA was first told",
            la_told,
        ),
        (
            "la_told_icb_on",
            "Date the LA told the ICB",
            facts.la_told_icb_on,
        ),
        "icb_before_la",
    );
    f.order(
        decision,
        (
            "cannot_arrange_notice_on",
            "Date the LA said it cannot arrange mediation",
            facts.cannot_arrange_notice_on,
        ),
        "cannot_arrange_before_decision",
    );
    for (i, c) in facts.certificates.iter().enumerate() {
        let field = format!("certificates[{i}].issued_on");
        f.order(
            contact,
            (&field, "Date the certificate was issued", Some(c.issued_on)),
            "certificate_before_contact",
        );
        f.order(
            decision,
            (&field, "Date the certificate was issued", Some(c.issued_on)),
            "certificate_before_decision",
        );
    }
    let mut first_meeting: Option<NaiveDate> = None;
    for (i, m) in facts.meetings.iter().enumerate() {
        let field = format!("meetings[{i}].date");
        if sent.is_some_and(|s| m.date < s) {
            f.problems.push(Problem {
                code: "decision_after_mediation",
                field: sent_field.into(),
                message: format!(
                    "{} ({}) is after the mediation meeting on {}",
                    sent_name,
                    dates::long(sent.unwrap()),
                    dates::long(m.date)
                ),
            });
        }
        f.order(
            contact,
            (&field, "Meeting date", Some(m.date)),
            "meeting_before_contact",
        );
        let notice_field = format!("meetings[{i}].notice_sent_on");
        if let Some(n) = m.notice_sent_on {
            if n > m.date {
                f.problems.push(Problem {
                    code: "notice_after_meeting",
                    field: notice_field,
                    message: format!(
                        "Notice of the meeting ({}) was sent after the meeting ({})",
                        dates::long(n),
                        dates::long(m.date)
                    ),
                });
            }
        }
        if m.status == MeetingStatus::Held {
            first_meeting = Some(first_meeting.map_or(m.date, |f| f.min(m.date)));
            if m.date > today {
                f.problems.push(Problem {
                    code: "held_in_future",
                    field: field.clone(),
                    message: format!(
                        "The meeting on {} is marked as held but is in the future",
                        dates::long(m.date)
                    ),
                });
            }
        }
    }
    let meeting = ("meetings", "the first meeting held", first_meeting);
    f.order(
        meeting,
        (
            "concluded_on",
            "Date the mediation concluded",
            facts.concluded_on,
        ),
        "concluded_before_meeting",
    );
    f.order(
        contact,
        (
            "concluded_on",
            "Date the mediation concluded",
            facts.concluded_on,
        ),
        "concluded_before_contact",
    );
    if let Some(a) = &facts.agreement {
        f.order(
            meeting,
            (
                "agreement.dated",
                "Date of the written agreement",
                Some(a.dated),
            ),
            "agreement_before_meeting",
        );
        f.order(
            decision,
            (
                "agreement.dated",
                "Date of the written agreement",
                Some(a.dated),
            ),
            "agreement_before_decision",
        );
        let dated = (
            "agreement.dated",
            "the date of the agreement",
            Some(a.dated),
        );
        f.order(
            dated,
            (
                "agreement.la_told_on",
                "Date the LA was told of the agreement",
                a.la_told_on,
            ),
            "la_told_before_agreement",
        );
        for (i, action) in a.actions.iter().enumerate() {
            f.order(
                dated,
                (
                    &format!("agreement.actions[{i}].agreed_due"),
                    "Agreed date for the action",
                    action.agreed_due,
                ),
                "agreed_due_before_agreement",
            );
            for (s, done) in action.done_on.iter().enumerate() {
                f.order(
                    dated,
                    (
                        &format!("agreement.actions[{i}].done_on[{s}]"),
                        "Date the action was done",
                        *done,
                    ),
                    "action_before_agreement",
                );
            }
        }
    }
    f.order(
        decision,
        (
            "appeal_received_on",
            "Date the Tribunal received the appeal",
            facts.appeal_received_on,
        ),
        "appeal_before_decision",
    );
    f.problems
}
