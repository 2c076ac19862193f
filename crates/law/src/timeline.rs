//! What the clock engine hands out: a case's timeline of clocks, each with
//! its due date, status and the working a person can check, plus the
//! route, the exemption reasoning and any contradictions in the facts.
//! These are plain data; the law that fills them is in `rules`.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use crate::calendar::{dates, NonWorkingReason, SkippedDay};
use crate::facts::Issue;
use crate::rules::choices::CountingChoices;

pub use crate::rules::period::{Party, Period, Unit};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
pub struct Trigger {
    pub name: Cow<'static, str>,
    pub date: NaiveDate,
}

/// The recorded act that answers a clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
pub struct MetBy {
    pub name: Cow<'static, str>,
    pub date: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Overdue,
    DueToday,
    Upcoming,
    MetLate,
    MetOnTime,
    NotApplicable,
    /// A good-practice date (the notice of a meeting) has passed with
    /// nothing recorded: not a statutory limit, so never "overdue", and no
    /// longer pending (it leaves Today and the case header's next clock).
    PastGoodPractice,
}

impl Status {
    /// Whether someone still has to act by a date.
    pub fn is_pending(self) -> bool {
        matches!(self, Status::Overdue | Status::DueToday | Status::Upcoming)
    }
}

/// Something a person should notice about a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Flag {
    /// The date falls on a weekend or holiday and the law moves nothing.
    FallsOnNonWorkingDay {
        /// The due date that falls on the closed day.
        date: NaiveDate,
        /// Why the day is closed: a Saturday, a Sunday or a named holiday.
        reason: NonWorkingReason,
        /// The warning shown beside the date ("Falls on a Sunday").
        message: Cow<'static, str>,
    },
    /// Holidays for a year the count touched are projected from the rules.
    ProjectedHolidays {
        /// The years whose bank holidays are projected from the rules, not proclaimed.
        years: Vec<i32>,
        /// The warning shown beside the date: check it when those holidays are announced.
        message: String,
    },
}

/// One line of the working, kept as data and written out in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkingLine {
    /// The trigger and its date.
    Trigger {
        name: Cow<'static, str>,
        date: NaiveDate,
    },
    /// Calendar months by the corresponding-date rule.
    Months {
        from: NaiveDate,
        months: u32,
        result: NaiveDate,
        clamped: bool,
    },
    Days {
        from: NaiveDate,
        days: u32,
        result: NaiveDate,
    },
    Weeks {
        from: NaiveDate,
        weeks: u32,
        result: NaiveDate,
    },
    WorkingDays {
        from: NaiveDate,
        days: u32,
        before: bool,
        result: NaiveDate,
        skipped: Vec<SkippedDay>,
    },
    Immediately {
        from: NaiveDate,
    },
    /// The later of two raw dates was taken.
    LaterOf {
        first: (Cow<'static, str>, NaiveDate),
        second: (Cow<'static, str>, NaiveDate),
        taken: NaiveDate,
    },
    /// A rule moved the date.
    Moved {
        rule: &'static str,
        from: NaiveDate,
        to: NaiveDate,
        skipped: Vec<SkippedDay>,
    },
    /// The date stands: it is a working day outside the extension periods.
    Stands {
        date: NaiveDate,
    },
    /// The date falls on a non-working day and the law moves nothing.
    FallsOn {
        date: NaiveDate,
        reason: NonWorkingReason,
    },
    /// A free sentence: a setting used, a fact substituted, an agreed date.
    Note(Cow<'static, str>),
    /// The act that met the clock, and whether in time.
    Met {
        name: Cow<'static, str>,
        date: NaiveDate,
        on_time: bool,
    },
    /// The final answer.
    Due {
        date: NaiveDate,
        time: Option<&'static str>,
    },
}

fn skipped_list(skipped: &[SkippedDay]) -> String {
    skipped
        .iter()
        .map(|s| format!("{} {} skipped", dates::short(s.date), skipped_reason(&s.reason)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn skipped_reason(reason: &NonWorkingReason) -> String {
    match reason {
        NonWorkingReason::Holiday(name) => name.to_string(),
        NonWorkingReason::Saturday | NonWorkingReason::Sunday => "weekend".into(),
    }
}

impl std::fmt::Display for WorkingLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use dates::long;
        match self {
            WorkingLine::Trigger { name, date } => {
                write!(f, "Starts from: {name}, {}", long(*date))
            }
            WorkingLine::Months { from, months, result, clamped } => {
                let unit = if *months == 1 { "month" } else { "months" };
                if *clamped {
                    write!(
                        f,
                        "{months} {unit} after {}: {} {} has no day {}, so the period ends on the last day of that month = {}",
                        long(*from),
                        dates::month_name(chrono::Datelike::month(result)),
                        chrono::Datelike::year(result),
                        chrono::Datelike::day(from),
                        long(*result)
                    )
                } else {
                    write!(f, "{months} {unit} after {} (the same date in the later month) = {}", long(*from), long(*result))
                }
            }
            WorkingLine::Days { from, days, result } => {
                write!(f, "{days} days after {} (calendar days, counted from the next day) = {}", long(*from), long(*result))
            }
            WorkingLine::Weeks { from, weeks, result } => {
                let unit = if *weeks == 1 { "week" } else { "weeks" };
                write!(f, "{weeks} {unit} after {} = {}", long(*from), long(*result))
            }
            WorkingLine::WorkingDays { from, days, before, result, skipped } => {
                let side = if *before { "before" } else { "after" };
                let unit = if *days == 1 { "working day" } else { "working days" };
                if skipped.is_empty() {
                    write!(f, "{days} {unit} {side} {}: no weekend or holiday in between = {}", long(*from), long(*result))
                } else {
                    write!(f, "{days} {unit} {side} {}: {} = {}", long(*from), skipped_list(skipped), long(*result))
                }
            }
            WorkingLine::Immediately { from } => write!(f, "Due at once: {}", long(*from)),
            WorkingLine::LaterOf { first, second, taken } => {
                write!(f, "The later of {} ({}) and {} ({}) = {}", first.0, long(first.1), second.0, long(second.1), long(*taken))
            }
            WorkingLine::Moved { rule, from, to, skipped } => {
                if skipped.is_empty() {
                    write!(f, "{rule}: {} moves to {}", long(*from), long(*to))
                } else {
                    write!(f, "{rule}: {} moves to {} ({})", long(*from), long(*to), skipped_list(skipped))
                }
            }
            WorkingLine::Stands { date } => {
                write!(f, "{} is a working day and no extension applies: the date stands", long(*date))
            }
            WorkingLine::FallsOn { date, reason } => write!(
                f,
                "{} falls on a {}: the regulations move nothing, so the date stands",
                long(*date),
                match reason {
                    NonWorkingReason::Holiday(name) => format!("holiday ({name})"),
                    other => other.to_string(),
                }
            ),
            WorkingLine::Note(text) => f.write_str(text),
            WorkingLine::Met { name, date, on_time } => {
                write!(f, "Met {}: {name} on {}", if *on_time { "on time" } else { "late" }, long(*date))
            }
            WorkingLine::Due { date, time: Some(time) } => write!(f, "Due: by {time} on {}", long(*date)),
            WorkingLine::Due { date, time: None } => write!(f, "Due: {}", long(*date)),
        }
    }
}

/// A working line crosses the IPC boundary as the sentence it reads as.
impl Serialize for WorkingLine {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// One statutory clock of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
pub struct Clock {
    /// Stable: `appeal`, `contact_adviser`, `agreement_action_2_final`, ...
    pub key: Cow<'static, str>,
    pub label: Cow<'static, str>,
    pub party: Party,
    pub party_label: &'static str,
    pub trigger: Trigger,
    pub period: Period,
    pub raw_date: NaiveDate,
    pub due_date: NaiveDate,
    /// Why the due date differs from the raw date.
    pub adjustment: Option<&'static str>,
    /// "5pm" for the appeal.
    pub due_by_time: Option<&'static str>,
    pub flags: Vec<Flag>,
    pub citation: &'static str,
    #[cfg_attr(feature = "ts", ts(as = "Vec<String>"))]
    pub working: Vec<WorkingLine>,
    pub met_by: Option<MetBy>,
    pub status: Status,
    /// The status in words ("Overdue", "Out of time: ...", "Notice given late").
    pub status_text: &'static str,
    /// Good practice, not a statutory limit (the notice of a meeting): never "overdue".
    pub good_practice: bool,
}

impl Clock {
    pub fn working_text(&self) -> Vec<String> {
        self.working.iter().map(|l| l.to_string()).collect()
    }
}

/// The case's route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Route {
    CertificateNeeded,
    Exempt,
    DisagreementResolution,
    DisabilityDiscrimination,
    /// Not enough is recorded yet to say (no decision kind or no issues).
    NotYetKnown,
}

/// What is being appealed, for the exemption reasoning: the decision
/// itself, or one issue of a plan's contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Appealed {
    Decision(crate::facts::DecisionKind),
    Issue(Issue),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
pub struct IssueAssessment {
    pub appealed: Appealed,
    pub label: &'static str,
    pub certificate_needed: bool,
    pub reason: &'static str,
    pub citation: &'static str,
}

/// A contradiction in the facts, named, with the field to fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
pub struct Problem {
    pub code: &'static str,
    /// The JSON path of the field to correct, e.g. `decision.sent_on`.
    pub field: String,
    pub message: String,
}

/// Advice the mediator should see (a prompt, or a fact that was assumed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
pub struct Notice {
    pub code: &'static str,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
pub struct Timeline {
    pub route: Route,
    pub route_text: String,
    /// For each matter appealed, whether a certificate is needed and why.
    pub exemptions: Vec<IssueAssessment>,
    /// The clocks, in the order the case meets them. Empty when there are problems.
    pub clocks: Vec<Clock>,
    pub problems: Vec<Problem>,
    pub notices: Vec<Notice>,
    /// The counting choices the clocks were computed with.
    pub choices: CountingChoices,
    pub today: NaiveDate,
    /// The key of the pending clock due soonest (what the case header shows).
    pub next_clock: Option<String>,
    /// A sentence for the case header's appeal deadline: what would move it
    /// (a certificate not yet issued), or why there is none (no appeal lies
    /// on health or social care alone).
    pub appeal_note: Option<String>,
}

impl Timeline {
    pub fn clock(&self, key: &str) -> Option<&Clock> {
        self.clocks.iter().find(|c| c.key == key)
    }

    pub fn appeal_deadline(&self) -> Option<&Clock> {
        self.clock(crate::rules::APPEAL.key)
    }

    /// The pending clock due soonest.
    pub fn next_clock(&self) -> Option<&Clock> {
        self.clocks.iter().filter(|c| c.status.is_pending()).min_by_key(|c| c.due_date)
    }
}
