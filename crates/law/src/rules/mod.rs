//! The law, in one place. Every statutory clock is a `ClockRule` here, as
//! data with its citation beside it, and `timeline` is the only function in
//! the app that turns case facts into due dates. A correction to the law is
//! an edit in this module. Source: `../shared/spec/statutory-clocks.md`.

pub mod agreement;
pub mod appeal;
pub mod appellant;
pub mod bank_holidays;
pub mod choices;
mod counting;
pub mod disagreement;
pub mod disagreement_status;
mod draft;
mod engine;
pub mod exemptions;
pub mod letter;
pub mod period;
pub mod problems;
pub mod retention;
pub mod service_targets;
pub mod thirty_days;

pub use period::{Party, Period, Unit};

pub use draft::status_text;
pub use engine::timeline;

/// The version of the rules' answers. Bump it in the same commit as any
/// change that alters a clock's key, label, party, due date or status for
/// some case: a rule, a counting choice's default, the built-in bank
/// holidays, the engine. The store keeps the number it computed its
/// materialised clocks with (`case_clocks`) and recomputes them when it
/// opens a database marked with another. `tests/rules_version.rs` holds the
/// engine's answers for a fixed set of generated cases under this number
/// and fails if they change while it does not (rewrite the golden file with
/// `RULES_GOLDEN_WRITE=1` after bumping it).
pub const RULES_VERSION: u32 = 2;

/// A statutory clock: who must do what, by when, and on what authority.
#[derive(Debug, Clone, Copy)]
pub struct ClockRule {
    /// Stable name of the clock (`contact_adviser`, `appeal`): what the store and the screens know it by.
    pub key: &'static str,
    /// What must be done, in words ("Contact the mediation adviser").
    pub label: &'static str,
    /// Who must act.
    pub party: Party,
    /// How long: the amount and the unit the law counts in.
    pub period: Period,
    /// What starts the clock.
    pub trigger: &'static str,
    /// The recorded act that meets it.
    pub met_by: &'static str,
    /// The law the clock rests on, shown beside it.
    pub citation: &'static str,
    /// Set for a clock that is good practice, not law: it is never
    /// "overdue", and its words say so.
    pub good_practice: Option<GoodPractice>,
}

/// The words of a good-practice clock (statutory-clocks.md: the notice of
/// the meeting is guidance from the Code of Practice, not a regulation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoodPractice {
    /// Met after its date.
    pub late: &'static str,
    /// Its date has passed with nothing recorded.
    pub not_recorded: &'static str,
}

/// The good-practice words of the clock `key` (`mediation_notice`,
/// `mediation_notice_2`, ...), or `None` for a statutory clock.
pub fn good_practice(key: &str) -> Option<&'static GoodPractice> {
    CLOCKS.iter().find_map(|rule| {
        let rest = key.strip_prefix(rule.key)?;
        let numbered =
            rest.is_empty() || rest.strip_prefix('_').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if numbered {
            rule.good_practice.as_ref()
        } else {
            None
        }
    })
}

const fn after(amount: u32, unit: Unit) -> Period {
    Period { amount, unit, before: false }
}

/// Reg 33: the family must contact the mediation adviser within 2 months
/// after written notice of the decision was sent. [V]
pub const CONTACT_ADVISER: ClockRule = ClockRule {
    key: "contact_adviser",
    label: "Contact the mediation adviser",
    party: Party::ParentOrYoungPerson,
    period: after(2, Unit::Months),
    trigger: "written notice of the decision sent",
    met_by: "first contact with the mediation adviser",
    citation: "SEND Regs 2014 reg 33",
    good_practice: None,
};

/// Reg 34: a certificate within 3 working days of being told the family
/// does not wish to mediate. [V heading; S text]
pub const CERTIFICATE_DECLINED: ClockRule = ClockRule {
    key: "certificate_declined",
    label: "Issue the certificate (mediation declined)",
    party: Party::MediationAdviser,
    period: after(3, Unit::WorkingDays),
    trigger: "the family said they do not wish to mediate",
    met_by: "certificate (declined) issued",
    citation: "SEND Regs 2014 reg 34",
    good_practice: None,
};

/// Reg 34: the same where the family chose mediation and then withdrew. [S]
pub const CERTIFICATE_WITHDRAWN: ClockRule = ClockRule {
    key: "certificate_withdrawn",
    label: "Issue the certificate (mediation withdrawn)",
    party: Party::MediationAdviser,
    period: after(3, Unit::WorkingDays),
    trigger: "the family said they will not pursue mediation",
    met_by: "certificate (withdrawn) issued",
    citation: "SEND Regs 2014 reg 34",
    good_practice: None,
};

/// The LA tells each ICB the mediation issues within 3 working days of
/// learning that health care is in issue. [S: IPSEA]
pub const ICB_NOTIFIED: ClockRule = ClockRule {
    key: "icb_notified",
    label: "Tell the ICB the mediation issues (health care)",
    party: Party::LocalAuthority,
    period: after(3, Unit::WorkingDays),
    trigger: "the family told the LA the mediation issues include health care",
    met_by: "LA told the ICB",
    citation: "SEND Regs 2014, mediation regulations (regs 32–42) [secondary source: IPSEA, The mediation process]",
    good_practice: None,
};

/// Mediation within 30 days; who arranges and from when: `thirty_days`. [S]
pub const MEDIATION_HELD: ClockRule = ClockRule {
    key: "mediation_held",
    label: "Hold the mediation meeting",
    party: Party::ArrangingBody,
    period: after(30, Unit::Days),
    trigger: "the LA was told the family wants mediation",
    met_by: "mediation meeting held",
    citation: "SEND Regs 2014, mediation regulations (regs 32–42) [secondary source: IPSEA, The mediation process]",
    good_practice: None,
};

/// Notice of the meeting, 5 working days before it: good practice from the
/// Code of Practice, not a regulation, so never a statutory "overdue". [S]
pub const MEDIATION_NOTICE: ClockRule = ClockRule {
    key: "mediation_notice",
    label: "Give notice of the mediation meeting",
    party: Party::ArrangingBody,
    period: Period { amount: 5, unit: Unit::WorkingDays, before: true },
    trigger: "the mediation meeting",
    met_by: "notice of the meeting sent",
    citation: "SEND Code of Practice 0–25 (2015) ch.11 [secondary source]: good practice, not a regulation",
    good_practice: Some(GoodPractice {
        late: "Notice given late",
        not_recorded: "Notice not yet recorded as given: good practice, not a statutory limit",
    }),
};

/// A deemed certificate within 3 working days of the arranging body saying
/// it cannot arrange mediation within 30 days. [S]
pub const CERTIFICATE_DEEMED: ClockRule = ClockRule {
    key: "certificate_deemed",
    label: "Issue the certificate (mediation not arranged within 30 days)",
    party: Party::MediationAdviser,
    period: after(3, Unit::WorkingDays),
    trigger: "the arranging body said it cannot arrange mediation within 30 days",
    met_by: "certificate (deemed) issued",
    citation: "SEND Regs 2014, mediation regulations (regs 32–42) [secondary source: IPSEA, The mediation process]",
    good_practice: None,
};

/// The mediator's certificate within 3 working days of the mediation's
/// conclusion. [S]
pub const CERTIFICATE_AFTER_MEDIATION: ClockRule = ClockRule {
    key: "certificate_after_mediation",
    label: "Issue the certificate (after mediation)",
    party: Party::Mediator,
    period: after(3, Unit::WorkingDays),
    trigger: "mediation concluded",
    met_by: "certificate (after mediation) issued",
    citation: "SEND Regs 2014, mediation regulations (regs 32–42) [secondary source]",
    good_practice: None,
};

/// The clock that issuing a certificate of `kind` answers.
pub fn certificate_clock(kind: crate::facts::CertificateKind) -> &'static str {
    use crate::facts::CertificateKind;
    match kind {
        CertificateKind::Declined => CERTIFICATE_DECLINED.key,
        CertificateKind::Withdrawn => CERTIFICATE_WITHDRAWN.key,
        CertificateKind::Deemed => CERTIFICATE_DEEMED.key,
        CertificateKind::AfterMediation => CERTIFICATE_AFTER_MEDIATION.key,
    }
}

/// The appeal: `appeal` applies HESC rules 20(1)(c) and 12. [V]
pub const APPEAL: ClockRule = ClockRule {
    key: "appeal",
    label: "Appeal to the SEND Tribunal",
    party: Party::ParentOrYoungPerson,
    period: after(2, Unit::Months),
    trigger: "written notice of the decision sent",
    met_by: "appeal received by the Tribunal",
    citation: "Tribunal Procedure (First-tier Tribunal) (HESC Chamber) Rules 2008 r.20(1)(c) and r.12",
    good_practice: None,
};

/// Where the LA was not a party to the agreement, the commissioning body
/// tells it within 1 week. [V]
pub const ICB_TELLS_LA: ClockRule = ClockRule {
    key: "icb_tells_la",
    label: "Tell the LA of the mediation agreement",
    party: Party::CommissioningBody,
    period: after(1, Unit::Weeks),
    trigger: "written mediation agreement dated",
    met_by: "LA told of the agreement",
    citation: "SEND Regs 2014 reg 42(4)",
    good_practice: None,
};

/// Every fixed clock, in the order a case meets them (agreement actions are
/// listed per action type in `agreement`).
pub const CLOCKS: &[&ClockRule] = &[
    &CONTACT_ADVISER,
    &CERTIFICATE_DECLINED,
    &CERTIFICATE_WITHDRAWN,
    &ICB_NOTIFIED,
    &MEDIATION_HELD,
    &MEDIATION_NOTICE,
    &CERTIFICATE_DEEMED,
    &CERTIFICATE_AFTER_MEDIATION,
    &APPEAL,
    &ICB_TELLS_LA,
];

/// The first date the SEND mediation regime applied (SEND Regs 2014 came
/// into force on 1 September 2014).
pub const REGIME_START: (i32, u32, u32) = (2014, 9, 1);
