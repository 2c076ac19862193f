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

/// What starts a clock: the recorded event the period counts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
pub struct Trigger {
    /// The event in words ("written notice of the decision sent").
    pub name: Cow<'static, str>,
    /// The day it happened: the period is counted from it.
    pub date: NaiveDate,
}

/// The recorded act that answers a clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
pub struct MetBy {
    /// The act in words ("certificate (declined) issued").
    pub name: Cow<'static, str>,
    /// The day it was done: on or before the due date is "met on time".
    pub date: NaiveDate,
}

/// Where a clock stands today: what the Today view groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The due date has passed and nothing that meets it is recorded.
    Overdue,
    /// Due today, and not yet met.
    DueToday,
    /// Due after today, and not yet met.
    Upcoming,
    /// Met, but after the due date.
    MetLate,
    /// Met on or before the due date.
    MetOnTime,
    /// The clock does not apply to this case (the working says why).
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
        /// What starts the count, in words.
        name: Cow<'static, str>,
        /// The day it happened.
        date: NaiveDate,
    },
    /// Calendar months by the corresponding-date rule.
    Months {
        /// The day counted from.
        from: NaiveDate,
        /// How many calendar months.
        months: u32,
        /// The date the months give.
        result: NaiveDate,
        /// Whether the later month has no such day, so the period ends on its last day.
        clamped: bool,
    },
    /// Calendar days, counted from the next day; a weekend or holiday moves nothing.
    Days {
        /// The day counted from.
        from: NaiveDate,
        /// How many calendar days.
        days: u32,
        /// The date the days give.
        result: NaiveDate,
    },
    /// Weeks, counted from the trigger.
    Weeks {
        /// The day counted from.
        from: NaiveDate,
        /// How many weeks.
        weeks: u32,
        /// The date the weeks give.
        result: NaiveDate,
    },
    /// Working days: every weekend day and bank holiday in between is skipped.
    WorkingDays {
        /// The day counted from.
        from: NaiveDate,
        /// How many working days.
        days: u32,
        /// Counted back before the day (the notice of a meeting), not after it.
        before: bool,
        /// The date the working days give.
        result: NaiveDate,
        /// Each weekend day and holiday the count passed over, with why.
        skipped: Vec<SkippedDay>,
    },
    /// Due at once, on the day of the trigger (e.g. continue to maintain a plan).
    Immediately {
        /// The day it is due.
        from: NaiveDate,
    },
    /// The later of two raw dates was taken.
    LaterOf {
        /// The first date, with what it is ("2 months from the decision").
        first: (Cow<'static, str>, NaiveDate),
        /// The second date, with what it is ("1 month from the certificate").
        second: (Cow<'static, str>, NaiveDate),
        /// The later of the two: the raw date.
        taken: NaiveDate,
    },
    /// A rule moved the date.
    Moved {
        /// The rule that moved it (e.g. the Tribunal's August or Christmas extension, r.12).
        rule: &'static str,
        /// The raw date before the move.
        from: NaiveDate,
        /// The date it moved to.
        to: NaiveDate,
        /// The closed days passed over on the way.
        skipped: Vec<SkippedDay>,
    },
    /// The date stands: it is a working day outside the extension periods.
    Stands {
        /// The raw date, which is also the due date.
        date: NaiveDate,
    },
    /// The date falls on a non-working day and the law moves nothing.
    FallsOn {
        /// The due date on the closed day.
        date: NaiveDate,
        /// Why the day is closed: a Saturday, a Sunday or a named holiday.
        reason: NonWorkingReason,
    },
    /// A free sentence: a setting used, a fact substituted, an agreed date.
    Note(Cow<'static, str>),
    /// The act that met the clock, and whether in time.
    Met {
        /// The act that met it, in words.
        name: Cow<'static, str>,
        /// The day it was done.
        date: NaiveDate,
        /// Whether on or before the due date.
        on_time: bool,
    },
    /// The final answer.
    Due {
        /// The due date.
        date: NaiveDate,
        /// The time of day it is due by, if any ("5pm" for the appeal).
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
    /// What must be done, in words ("Contact the mediation adviser"): fixed
    /// wording, never text the mediator typed, so it may go anywhere a clock
    /// goes (the calendar, the pseudonymised log). An agreed action's clock
    /// says which action by number ("Issue the final EHC plan (action 2)");
    /// its description is `action_description`.
    pub label: Cow<'static, str>,
    /// For an agreed action's clock: the action's description as typed on
    /// the written agreement ("Amy's speech therapy report"); none for
    /// every other clock and for an action with no description. It may name
    /// the child or their health, so the app shows it beside the label but
    /// the calendar and the pseudonymised log never write it.
    pub action_description: Option<String>,
    /// Who must act.
    pub party: Party,
    /// Who must act, in words ("Parent or young person").
    pub party_label: &'static str,
    /// What started the clock, and when.
    pub trigger: Trigger,
    /// The period the law gives, counted from the trigger.
    pub period: Period,
    /// The date the period gives, before any rule moves it.
    pub raw_date: NaiveDate,
    /// The date to act by: the raw date, unless a rule moves it (the appeal's r.12) or the parties agreed another date in
    /// writing.
    pub due_date: NaiveDate,
    /// Why the due date differs from the raw date.
    pub adjustment: Option<&'static str>,
    /// "5pm" for the appeal.
    pub due_by_time: Option<&'static str>,
    /// Warnings about the due date: it falls on a weekend or holiday, or its year's holidays are only projected.
    pub flags: Vec<Flag>,
    /// The law this clock rests on ("SEND Regs 2014 reg 33").
    pub citation: &'static str,
    /// The working, line by line, as "show working" lists it: the trigger, the count, each skipped day, any move.
    #[cfg_attr(feature = "ts", ts(as = "Vec<String>"))]
    pub working: Vec<WorkingLine>,
    /// The recorded act that answers the clock, if any.
    pub met_by: Option<MetBy>,
    /// Where the clock stands today.
    pub status: Status,
    /// The status in words ("Overdue", "Out of time: ...", "Notice given late").
    pub status_text: &'static str,
    /// Good practice, not a statutory limit (the notice of a meeting): never "overdue".
    pub good_practice: bool,
}

impl Clock {
    /// The working as sentences, one per line, as "show working" shows them.
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
    /// An appeal needs a mediation certificate first: the family must contact the adviser.
    CertificateNeeded,
    /// No certificate is needed (placement only, or health and social care only).
    Exempt,
    /// Disagreement resolution (CFA 2014 s.57): voluntary, no certificate, no statutory clock.
    DisagreementResolution,
    /// A disability discrimination claim: no mediation requirement; the app computes no deadline for it.
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
    /// A decision appealed as a whole (e.g. a refusal to assess).
    Decision(crate::facts::DecisionKind),
    /// One issue of a plan's contents (a section of the plan).
    Issue(Issue),
}

/// For one matter appealed: whether a certificate is needed before appealing, why, and on what authority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
pub struct IssueAssessment {
    /// The decision or the plan issue this is about.
    pub appealed: Appealed,
    /// The matter in words ("Section I: placement").
    pub label: &'static str,
    /// Whether an appeal about it needs a mediation certificate first.
    pub certificate_needed: bool,
    /// Why, in words a mediator can read to the family.
    pub reason: &'static str,
    /// The law or power it rests on ("Children and Families Act 2014 s.55").
    pub citation: &'static str,
}

/// A contradiction in the facts, named, with the field to fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
pub struct Problem {
    /// A stable name for the kind of contradiction.
    pub code: &'static str,
    /// The JSON path of the field to correct, e.g. `decision.sent_on`.
    pub field: String,
    /// What is wrong, in words, with what to check.
    pub message: String,
}

/// Advice the mediator should see (a prompt, or a fact that was assumed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
pub struct Notice {
    /// A stable name for the kind of advice (`sent_date_assumed`, `deemed_certificate_route`, ...).
    pub code: &'static str,
    /// The advice in words.
    pub message: String,
}

/// Everything the app shows about one case's law: its route, which matters need a certificate,
/// its clocks and any problems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(export))]
pub struct Timeline {
    /// The case's route: certificate needed, exempt, disagreement resolution, and so on.
    pub route: Route,
    /// The route in a sentence for the case header, with what needs a certificate and what does not.
    pub route_text: String,
    /// For each matter appealed, whether a certificate is needed and why.
    pub exemptions: Vec<IssueAssessment>,
    /// The clocks, in the order the case meets them. Empty when there are problems.
    pub clocks: Vec<Clock>,
    /// Contradictions in the facts; while there are any, no clocks are computed.
    pub problems: Vec<Problem>,
    /// Advice for the mediator: a prompt, or a fact that was assumed.
    pub notices: Vec<Notice>,
    /// The counting choices the clocks were computed with.
    pub choices: CountingChoices,
    /// The date the statuses were worked out against.
    pub today: NaiveDate,
    /// The key of the pending clock due soonest (what the case header shows).
    pub next_clock: Option<String>,
    /// A sentence for the case header's appeal deadline: what would move it
    /// (a certificate not yet issued), or why there is none (no appeal lies
    /// on health or social care alone).
    pub appeal_note: Option<String>,
}

impl Timeline {
    /// The clock with this key, if the case has it.
    pub fn clock(&self, key: &str) -> Option<&Clock> {
        self.clocks.iter().find(|c| c.key == key)
    }

    /// The appeal deadline clock, if the case has one.
    pub fn appeal_deadline(&self) -> Option<&Clock> {
        self.clock(crate::rules::APPEAL.key)
    }

    /// The pending clock due soonest.
    pub fn next_clock(&self) -> Option<&Clock> {
        self.clocks.iter().filter(|c| c.status.is_pending()).min_by_key(|c| c.due_date)
    }
}
