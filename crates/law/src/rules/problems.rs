//! Facts that contradict each other, or dates that cannot be right, named
//! so the mediator can fix them. The engine computes no clock while any is
//! present: a date from a wrong fact could cost a family its appeal.

use crate::text::lower_first;
use chrono::NaiveDate;

use super::REGIME_START;
use crate::calendar::{add_months, dates};
use crate::facts::{AgreementActionKind, CaseFacts, CertificateKind, MeetingStatus, ResponsibleBody};
use crate::timeline::Problem;

/// Where a date sits in the facts: its JSON path, written out only when a
/// problem names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// A date of the case itself, by its JSON path (`decision.sent_on`, `declined_on`).
    Top(&'static str),
    /// A date of the meeting at this place in the list (`meetings[0].date`).
    Meeting(usize, &'static str),
    /// A date of the agreed action at this place in the list (`agreement.actions[0].agreed_due`).
    Action(usize, &'static str),
    /// When a stage of an agreed action was done (`agreement.actions[0].done_on[1]`).
    Done(usize, usize),
    /// The date of issue of the certificate at this place in the list (`certificates[0].issued_on`).
    Certificate(usize),
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Field::Top(path) => f.write_str(path),
            Field::Meeting(i, name) => write!(f, "meetings[{i}].{name}"),
            Field::Action(i, name) => write!(f, "agreement.actions[{i}].{name}"),
            Field::Done(i, s) => write!(f, "agreement.actions[{i}].done_on[{s}]"),
            Field::Certificate(i) => write!(f, "certificates[{i}].issued_on"),
        }
    }
}

/// A dated fact: where it is, its name in words, and its date if recorded.
type Fact = (Field, &'static str, Option<NaiveDate>);

/// Visit every dated fact with its field and its name in words.
pub fn each_date(facts: &CaseFacts, mut visit: impl FnMut(Field, &'static str, NaiveDate)) {
    let mut put = |field: Field, name: &'static str, d: Option<NaiveDate>| {
        if let Some(d) = d {
            visit(field, name, d);
        }
    };
    put(Field::Top("decision.letter_dated"), "Date on the letter", facts.decision.letter_dated);
    put(Field::Top("decision.sent_on"), "Date the letter was sent", facts.decision.sent_on);
    put(Field::Top("first_contact_on"), "Date of first contact", facts.first_contact_on);
    put(Field::Top("declined_on"), "Date the family declined mediation", facts.declined_on);
    put(Field::Top("withdrew_on"), "Date the family withdrew from mediation", facts.withdrew_on);
    put(Field::Top("family_told_la_on"), "Date the family told the LA", facts.family_told_la_on);
    put(Field::Top("adviser_told_la_on"), "Date the adviser told the LA", facts.adviser_told_la_on);
    put(Field::Top("la_told_icb_on"), "Date the LA told the ICB", facts.la_told_icb_on);
    put(Field::Top("mediation_arranged_on"), "Date the meeting was arranged", facts.mediation_arranged_on);
    put(Field::Top("cannot_arrange_notice_on"), "Date the LA said it cannot arrange mediation", facts.cannot_arrange_notice_on);
    put(Field::Top("concluded_on"), "Date the mediation concluded", facts.concluded_on);
    put(Field::Top("appeal_received_on"), "Date the Tribunal received the appeal", facts.appeal_received_on);
    for (i, m) in facts.meetings.iter().enumerate() {
        put(Field::Meeting(i, "date"), "Meeting date", Some(m.date));
        put(Field::Meeting(i, "notice_sent_on"), "Date notice of the meeting was sent", m.notice_sent_on);
    }
    if let Some(a) = &facts.agreement {
        put(Field::Top("agreement.dated"), "Date of the written agreement", Some(a.dated));
        put(Field::Top("agreement.la_told_on"), "Date the LA was told of the agreement", a.la_told_on);
        for (i, action) in a.actions.iter().enumerate() {
            put(Field::Action(i, "agreed_due"), "Agreed date for the action", action.agreed_due);
            for (s, done) in action.done_on.iter().enumerate() {
                put(Field::Done(i, s), "Date the action was done", *done);
            }
        }
    }
    for (i, c) in facts.certificates.iter().enumerate() {
        put(Field::Certificate(i), "Date the certificate was issued", Some(c.issued_on));
    }
}

/// A fact a certificate rests on: it must be recorded, and on or before
/// the certificate's date of issue. The one list both the problems below
/// and the issuing checks (`certificates::issue`) read, so a certificate
/// issued through the app can never be one the engine refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ground {
    /// Where the fact is in the case facts.
    pub field: Field,
    /// The fact in words, as a problem names it ("The date the family declined mediation").
    pub name: &'static str,
    /// What must be recorded, in running text ("a meeting held").
    pub recorded: &'static str,
    /// The fact in a few words, for "the date of issue is before ..." ("the family declined").
    pub what: &'static str,
    /// What to say when it is not recorded, after the field's name
    /// ("is required for a declined certificate (...)").
    pub missing: &'static str,
    /// The fact's date, if recorded.
    pub date: Option<NaiveDate>,
    /// The problem's code where the certificate is dated before the fact.
    pub before_code: &'static str,
    /// The problem's code where the fact is not recorded.
    pub missing_code: &'static str,
}

/// The facts a certificate of `kind` rests on: the family's words to the
/// adviser (declined, withdrawn), the arranging body's notice (deemed),
/// the mediation's conclusion and a meeting held (after mediation).
pub fn certificate_grounds(kind: CertificateKind, facts: &CaseFacts) -> Vec<Ground> {
    let top = |path: &'static str| Field::Top(path);
    match kind {
        CertificateKind::Declined => vec![Ground {
            field: top("declined_on"),
            name: "The date the family declined mediation",
            recorded: "the date the family declined mediation",
            what: "the family declined",
            missing: "is required for a declined certificate (the date the family said they do not wish to mediate)",
            date: facts.declined_on,
            before_code: "certificate_before_declined",
            missing_code: "certificate_without_declined",
        }],
        CertificateKind::Withdrawn => vec![Ground {
            field: top("withdrew_on"),
            name: "The date the family withdrew from mediation",
            recorded: "the date the family withdrew from mediation",
            what: "the family withdrew",
            missing: "is required for a withdrawn certificate (the date the family said they will not pursue mediation)",
            date: facts.withdrew_on,
            before_code: "certificate_before_withdrew",
            missing_code: "certificate_without_withdrew",
        }],
        CertificateKind::Deemed => vec![Ground {
            field: top("cannot_arrange_notice_on"),
            name: "The date the LA said it cannot arrange mediation",
            recorded: "the date the LA said it cannot arrange mediation",
            what: "the LA's notice",
            missing: "is required for a deemed certificate (the date the LA said it cannot arrange mediation within 30 days)",
            date: facts.cannot_arrange_notice_on,
            before_code: "certificate_before_cannot_arrange",
            missing_code: "certificate_without_cannot_arrange",
        }],
        CertificateKind::AfterMediation => vec![
            Ground {
                field: top("concluded_on"),
                name: "The date the mediation concluded",
                recorded: "the date the mediation concluded",
                what: "mediation concluded",
                missing: "is required for a certificate after mediation (the date mediation concluded)",
                date: facts.concluded_on,
                before_code: "certificate_before_concluded",
                missing_code: "certificate_without_concluded",
            },
            Ground {
                field: top("meetings"),
                name: "The first meeting held",
                recorded: "a meeting held",
                what: "the first meeting held",
                missing: "a certificate after mediation needs at least one meeting recorded as held",
                date: facts.first_meeting_held().map(|m| m.date),
                before_code: "certificate_before_meeting",
                missing_code: "certificate_without_meeting",
            },
        ],
    }
}

/// "A declined certificate", "A certificate after mediation".
fn certificate_words(kind: CertificateKind) -> &'static str {
    match kind {
        CertificateKind::Declined => "A declined certificate",
        CertificateKind::Withdrawn => "A withdrawn certificate",
        CertificateKind::Deemed => "A deemed certificate",
        CertificateKind::AfterMediation => "A certificate after mediation",
    }
}

struct Finder {
    problems: Vec<Problem>,
}

impl Finder {
    fn push(&mut self, code: &'static str, field: Field, message: String) {
        self.problems.push(Problem { code, field: field.to_string(), message });
    }

    /// `later` must be on or after `earlier`.
    fn order(&mut self, earlier: Fact, later: Fact, code: &'static str) {
        if let (Some(e), Some(l)) = (earlier.2, later.2) {
            if l < e {
                let message = format!(
                    "{} ({}) must be on or after {} ({})",
                    later.1,
                    dates::long(l),
                    lower_first(earlier.1),
                    dates::long(e)
                );
                self.push(code, later.0, message);
            }
        }
    }
}

/// Every contradiction in the facts and every date that cannot be right, each naming the field to fix; while there is
/// any, the case gets no clocks.
pub fn find(facts: &CaseFacts, today: NaiveDate) -> Vec<Problem> {
    let mut f = Finder { problems: Vec::new() };
    let start = NaiveDate::from_ymd_opt(REGIME_START.0, REGIME_START.1, REGIME_START.2).expect("a date");
    let horizon = add_months(today, 12).0;
    each_date(facts, |field, name, date| {
        if date < start {
            let message = format!("{name} ({}) is before 1 Sep 2014, when the SEND mediation rules began", dates::long(date));
            f.push("date_before_regime", field, message);
        } else if date > horizon {
            f.push("date_too_far_ahead", field, format!("{name} ({}) is more than a year from today", dates::long(date)));
        }
    });
    let d = &facts.decision;
    let decision: Fact = match d.sent_on {
        Some(_) => (Field::Top("decision.sent_on"), "The date the letter was sent", d.sent_on),
        None => (Field::Top("decision.letter_dated"), "The date on the letter", d.letter_dated),
    };
    let contact: Fact = (Field::Top("first_contact_on"), "The date of first contact", facts.first_contact_on);
    let top = |path: &'static str, name: &'static str, date: Option<NaiveDate>| -> Fact { (Field::Top(path), name, date) };

    f.order(
        top("decision.letter_dated", "The date on the letter", d.letter_dated),
        top("decision.sent_on", "Date the letter was sent", d.sent_on),
        "sent_before_dated",
    );
    f.order(decision, top("first_contact_on", "Date of first contact", facts.first_contact_on), "contact_before_decision");
    f.order(contact, top("declined_on", "Date the family declined mediation", facts.declined_on), "declined_before_contact");
    f.order(contact, top("withdrew_on", "Date the family withdrew", facts.withdrew_on), "withdrew_before_contact");
    f.order(
        decision,
        top("family_told_la_on", "Date the family told the LA", facts.family_told_la_on),
        "la_told_before_decision",
    );
    f.order(
        decision,
        top("adviser_told_la_on", "Date the adviser told the LA", facts.adviser_told_la_on),
        "la_told_before_decision",
    );
    let la_told = facts.family_told_la_on.into_iter().chain(facts.adviser_told_la_on).min();
    f.order(
        top("family_told_la_on", "The date the LA was first told", la_told),
        top("la_told_icb_on", "Date the LA told the ICB", facts.la_told_icb_on),
        "icb_before_la",
    );
    f.order(
        decision,
        top("cannot_arrange_notice_on", "Date the LA said it cannot arrange mediation", facts.cannot_arrange_notice_on),
        "cannot_arrange_before_decision",
    );
    let mut first_held: Option<NaiveDate> = None;
    for (i, m) in facts.meetings.iter().enumerate() {
        if let (Some(sent), true) = (decision.2, decision.2.is_some_and(|s| m.date < s)) {
            let message =
                format!("{} ({}) is after the mediation meeting on {}", decision.1, dates::long(sent), dates::long(m.date));
            f.push("decision_after_mediation", decision.0, message);
        }
        f.order(contact, (Field::Meeting(i, "date"), "Meeting date", Some(m.date)), "meeting_before_contact");
        if let Some(n) = m.notice_sent_on.filter(|n| *n > m.date) {
            let message =
                format!("Notice of the meeting ({}) was sent after the meeting ({})", dates::long(n), dates::long(m.date));
            f.push("notice_after_meeting", Field::Meeting(i, "notice_sent_on"), message);
        }
        if m.status == MeetingStatus::Held {
            first_held = Some(first_held.map_or(m.date, |f| f.min(m.date)));
            f.order(
                top("family_told_la_on", "The date the LA was first told of the wish to mediate", la_told),
                (Field::Meeting(i, "date"), "Meeting date", Some(m.date)),
                "meeting_before_la_told",
            );
            if m.date > today {
                let message = format!("The meeting on {} is marked as held but is in the future", dates::long(m.date));
                f.push("held_in_future", Field::Meeting(i, "date"), message);
            }
        }
    }
    for (i, c) in facts.certificates.iter().enumerate() {
        let issued: Fact = (Field::Certificate(i), "Date the certificate was issued", Some(c.issued_on));
        f.order(contact, issued, "certificate_before_contact");
        f.order(decision, issued, "certificate_before_decision");
        // What the certificate rests on (a voided one no longer says anything).
        if c.voided {
            continue;
        }
        for ground in certificate_grounds(c.kind, facts) {
            if ground.date.is_none() {
                let message = format!(
                    "{} was issued on {}, so {} must be recorded",
                    certificate_words(c.kind),
                    dates::long(c.issued_on),
                    ground.recorded
                );
                f.push(ground.missing_code, ground.field, message);
            }
            f.order((ground.field, ground.name, ground.date), issued, ground.before_code);
        }
    }
    let meeting: Fact = (Field::Top("meetings"), "The first meeting held", first_held);
    let concluded = top("concluded_on", "Date the mediation concluded", facts.concluded_on);
    f.order(meeting, concluded, "concluded_before_meeting");
    f.order(contact, concluded, "concluded_before_contact");
    if let Some(a) = &facts.agreement {
        let dated = top("agreement.dated", "Date of the written agreement", Some(a.dated));
        if first_held.is_none() {
            let message = format!(
                "A written mediation agreement (dated {}) needs a mediation meeting recorded as held: reg 42(1) applies only where mediation has taken place",
                dates::long(a.dated)
            );
            f.push("agreement_without_mediation", Field::Top("agreement.dated"), message);
        }
        f.order(meeting, dated, "agreement_before_meeting");
        f.order(decision, dated, "agreement_before_decision");
        let dated = top("agreement.dated", "The date of the agreement", Some(a.dated));
        f.order(
            dated,
            top("agreement.la_told_on", "Date the LA was told of the agreement", a.la_told_on),
            "la_told_before_agreement",
        );
        for (i, action) in a.actions.iter().enumerate() {
            if action.kind != AgreementActionKind::NonAppealable && action.responsible_body == Some(ResponsibleBody::Icb) {
                let message = format!(
                    "Action {}: an item the family could appeal is the local authority's to carry out (reg 42(2)); the ICB can be responsible only for an item with no right of appeal",
                    i + 1
                );
                f.push("icb_for_appealable_action", Field::Action(i, "responsible_body"), message);
            }
            f.order(
                dated,
                (Field::Action(i, "agreed_due"), "Agreed date for the action", action.agreed_due),
                "agreed_due_before_agreement",
            );
            for (s, done) in action.done_on.iter().enumerate() {
                f.order(dated, (Field::Done(i, s), "Date the action was done", *done), "action_before_agreement");
            }
        }
    }
    f.order(
        decision,
        top("appeal_received_on", "Date the Tribunal received the appeal", facts.appeal_received_on),
        "appeal_before_decision",
    );
    f.problems
}
