//! How long a clock runs and who must act: the units the law counts in
//! (calendar months, working days, days, weeks), a period of them, and the
//! party who must act before it runs out. Each rule (`rules::ClockRule`)
//! is made of these; the timeline shows them.

use serde::Serialize;

/// The party who must act before a clock runs out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// The parent or young person: contact the adviser, appeal.
    ParentOrYoungPerson,
    /// The mediation adviser: issue a declined, withdrawn or deemed certificate.
    MediationAdviser,
    /// The local authority.
    LocalAuthority,
    /// The integrated care board (ICB), for health.
    Icb,
    /// The LA, or the ICB(s) where only health care is in issue.
    ArrangingBody,
    /// The mediator: issue the certificate after mediation.
    Mediator,
    /// The LA or ICB bound by a mediation agreement.
    CommissioningBody,
}

impl Party {
    /// The party in words, as the clock lists show it ("Parent or young person").
    pub fn label(self) -> &'static str {
        match self {
            Party::ParentOrYoungPerson => "Parent or young person",
            Party::MediationAdviser => "Mediation adviser",
            Party::LocalAuthority => "Local authority",
            Party::Icb => "Integrated care board",
            Party::ArrangingBody => "Arranging body (LA or ICB)",
            Party::Mediator => "Mediator",
            Party::CommissioningBody => "Commissioning body (LA or ICB)",
        }
    }
}

/// What the law counts a period in (statutory-clocks.md section 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Working days: weekends, Christmas Day, Good Friday and bank holidays are skipped.
    WorkingDays,
    /// Calendar days, counted from the next day; a weekend or holiday moves nothing.
    Days,
    /// Calendar weeks.
    Weeks,
    /// Calendar months, by the corresponding-date rule (*Dodds v Walker*).
    Months,
    /// At once: due on the trigger date.
    Immediately,
}

/// How long a clock runs: an amount of a unit, after (or, for a meeting's notice, before) its trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
pub struct Period {
    /// How many units ("2" of "2 months").
    pub amount: u32,
    /// What is counted: working days, days, weeks or months.
    pub unit: Unit,
    /// Counted backwards from the trigger (the meeting notice).
    pub before: bool,
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (one, many) = match self.unit {
            Unit::WorkingDays => ("working day", "working days"),
            Unit::Days => ("day", "days"),
            Unit::Weeks => ("week", "weeks"),
            Unit::Months => ("month", "months"),
            Unit::Immediately => return f.write_str("immediately"),
        };
        let word = if self.amount == 1 { one } else { many };
        write!(f, "{} {} {}", self.amount, word, if self.before { "before" } else { "after" })
    }
}
