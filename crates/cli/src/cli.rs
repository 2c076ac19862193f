//! Parsing and dispatch for the `mediation-desk` binary. Bad input exits 2
//! with one line on stderr naming the argument and the problem; any other
//! failure exits 1.

mod certificate_commands;
mod engine_commands;
mod report_commands;
mod retention_commands;
mod settings_commands;
mod store_commands;
mod unlock_commands;

use std::ffi::OsString;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use desk::calendar::{dates, govuk, Calendar};
use desk::rules::choices::{
    AppealCertificateReading, AppealExtensionReading, CountingChoices, NoticeReading, ThirtyDaysMeaning, ThirtyDaysStart,
};
use desk::{DeskError, LawError};

/// Exit codes.
pub const BAD_INPUT: i32 = 2;
pub const FAILURE: i32 = 1;

/// An error with the exit code it means.
pub struct Failure {
    pub code: i32,
    pub message: String,
}

/// Write `text` to standard output, all of it or an error.
pub fn out(text: &str) -> Result<(), Failure> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
        .map_err(|e| Failure::other(format!("cannot write the output: {e}")))
}

impl Failure {
    pub fn bad_input(message: impl Into<String>) -> Failure {
        Failure { code: BAD_INPUT, message: message.into() }
    }
    pub fn other(message: impl Into<String>) -> Failure {
        Failure { code: FAILURE, message: message.into() }
    }
}

/// The application's errors (the store's among them), the one place they
/// become exit codes: bad input exits 2, anything else 1.
impl From<DeskError> for Failure {
    fn from(err: DeskError) -> Failure {
        if err.is_bad_input() {
            Failure::bad_input(err.to_string())
        } else {
            Failure::other(err.to_string())
        }
    }
}

/// What the law refuses here (a date, a count, facts as JSON, `today`) is
/// always input the command was given: exit 2.
impl From<LawError> for Failure {
    fn from(err: LawError) -> Failure {
        Failure::bad_input(err.to_string())
    }
}

#[derive(Parser)]
#[command(name = "mediation-desk", version, about = "Statutory clocks and case records for SEND mediation in England")]
pub struct Cli {
    /// A GOV.UK bank-holidays.json whose England-and-Wales dates replace the built-in ones for the years it covers.
    #[arg(long, global = true, value_name = "FILE")]
    bank_holidays: Option<PathBuf>,
    #[command(flatten)]
    store: store_commands::StoreArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The England-and-Wales holidays of YEAR, one YYYY-MM-DD a line.
    Holidays {
        #[arg(value_name = "YEAR", allow_negative_numbers = true)]
        year: String,
    },
    /// The date N working days after DATE (before it, for negative N).
    AddWorkingDays {
        #[arg(value_name = "DATE", value_parser = date_arg)]
        date: NaiveDate,
        #[arg(value_name = "N", allow_negative_numbers = true)]
        n: String,
    },
    /// The last day the Tribunal must receive the appeal.
    AppealDeadline {
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        decision_sent: NaiveDate,
        /// The date of issue of a mediation certificate (repeat it for each one the family was given).
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        certificate_issued: Vec<NaiveDate>,
        /// Which certificate the month counts from, where there is more than one.
        #[arg(long, value_enum, default_value = "first-certificate")]
        appeal_certificate: AppealCertificateArg,
        /// Print the working after the date.
        #[arg(long)]
        explain: bool,
    },
    /// Case facts as JSON in (FILE, or - for standard input); the timeline as JSON out.
    Timeline {
        #[arg(value_name = "FILE")]
        file: String,
        /// The date statuses are judged against (default: today).
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        today: Option<NaiveDate>,
        #[command(flatten)]
        choices: ChoiceArgs,
    },
    #[command(flatten)]
    Store(store_commands::StoreCommand),
    /// Issue, print, void and re-issue mediation certificates; the register.
    #[command(subcommand)]
    Certificate(certificate_commands::CertificateCommand),
    /// Letters (the exemption letter for a case that needs no certificate).
    #[command(subcommand)]
    Letter(certificate_commands::LetterCommand),
    /// The service's details and certificate numbering.
    #[command(subcommand)]
    Settings(settings_commands::SettingsCommand),
    /// The mediation advisers and mediators who issue certificates.
    #[command(subcommand)]
    Staff(settings_commands::StaffCommand),
    #[command(flatten)]
    Reports(report_commands::ReportsCommand),
}

#[derive(clap::Args)]
pub struct ChoiceArgs {
    /// When the 30 days start.
    #[arg(long, value_enum, default_value = "earlier-date")]
    thirty_days_from: StartArg,
    /// Whether the meeting must be held or only arranged by day 30.
    #[arg(long, value_enum, default_value = "held")]
    thirty_days_means: MeaningArg,
    /// How the 5-working-day notice is counted.
    #[arg(long, value_enum, default_value = "five-working-days-before")]
    notice: NoticeArg,
    /// Whether rule 12(3)(a) also extends a date that rule 12(2) carried into August or 25 Dec–1 Jan.
    #[arg(long, value_enum, default_value = "where-the-time-ends")]
    appeal_extension: ExtensionArg,
    /// Which certificate the appeal's month counts from, where the family holds more than one.
    #[arg(long, value_enum, default_value = "first-certificate")]
    appeal_certificate: AppealCertificateArg,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum AppealCertificateArg {
    FirstCertificate,
    LatestInForce,
}

impl AppealCertificateArg {
    fn reading(self) -> AppealCertificateReading {
        match self {
            AppealCertificateArg::FirstCertificate => AppealCertificateReading::FirstCertificate,
            AppealCertificateArg::LatestInForce => AppealCertificateReading::LatestInForce,
        }
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExtensionArg {
    WhereTheTimeEnds,
    AlsoAfterNextWorkingDay,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum StartArg {
    EarlierDate,
    FamilyNotice,
    AdviserNotice,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum MeaningArg {
    Held,
    Arranged,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum NoticeArg {
    FiveWorkingDaysBefore,
    FiveClearWorkingDays,
}

impl ChoiceArgs {
    pub fn choices(&self) -> CountingChoices {
        CountingChoices {
            thirty_days_start: match self.thirty_days_from {
                StartArg::EarlierDate => ThirtyDaysStart::EarlierDate,
                StartArg::FamilyNotice => ThirtyDaysStart::FamilyNotice,
                StartArg::AdviserNotice => ThirtyDaysStart::AdviserNotice,
            },
            thirty_days_meaning: match self.thirty_days_means {
                MeaningArg::Held => ThirtyDaysMeaning::Held,
                MeaningArg::Arranged => ThirtyDaysMeaning::Arranged,
            },
            notice_reading: match self.notice {
                NoticeArg::FiveWorkingDaysBefore => NoticeReading::FiveWorkingDaysBefore,
                NoticeArg::FiveClearWorkingDays => NoticeReading::FiveClearWorkingDays,
            },
            appeal_extension: match self.appeal_extension {
                ExtensionArg::WhereTheTimeEnds => AppealExtensionReading::WhereTheTimeEnds,
                ExtensionArg::AlsoAfterNextWorkingDay => AppealExtensionReading::AlsoAfterNextWorkingDay,
            },
            appeal_certificate: self.appeal_certificate.reading(),
        }
    }
}

pub(crate) fn date_arg(text: &str) -> Result<NaiveDate, LawError> {
    dates::parse(text)
}

/// One line from clap's message: "error: invalid value '31/02/2025' for '<DATE>': ...".
fn one_line(err: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue};
    if err.kind() == clap::error::ErrorKind::ValueValidation {
        let context = |kind| match err.get(kind) {
            Some(ContextValue::String(s)) => Some(s.clone()),
            _ => None,
        };
        if let (Some(arg), Some(problem)) = (context(ContextKind::InvalidArg), std::error::Error::source(err)) {
            // The problem already quotes the value, shortened.
            return dates::shorten_line(&format!("error: {arg}: {problem}"));
        }
    }
    let rendered = err.to_string();
    let mut parts = Vec::new();
    for line in rendered.lines() {
        let line = line.trim();
        if line.starts_with("Usage:") || line.starts_with("For more information") {
            break;
        }
        if !line.is_empty() {
            parts.push(line.to_string());
        }
    }
    dates::shorten_line(&parts.join(" "))
}

pub fn run(args: Vec<OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            use clap::error::ErrorKind;
            return match err.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = err.print();
                    if err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                        BAD_INPUT
                    } else {
                        0
                    }
                }
                _ => {
                    eprintln!("{}", one_line(&err));
                    BAD_INPUT
                }
            };
        }
    };
    match dispatch(cli) {
        Ok(()) => 0,
        Err(failure) => {
            eprintln!("error: {}", failure.message);
            failure.code
        }
    }
}

fn calendar(cli: &Cli) -> Result<Calendar, Failure> {
    let cal = Calendar::built_in();
    let Some(path) = &cli.bank_holidays else {
        return Ok(cal);
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::bad_input(format!("--bank-holidays: cannot read {}: {e}", path.display())))?;
    let imported = govuk::parse(&text).map_err(|e| Failure::bad_input(format!("--bank-holidays: {e}")))?;
    Ok(cal.with_imported(&imported))
}

fn dispatch(cli: Cli) -> Result<(), Failure> {
    let cal = calendar(&cli)?;
    match cli.command {
        Command::Holidays { year } => engine_commands::holidays(&cal, &year),
        Command::AddWorkingDays { date, n } => engine_commands::add_working_days(&cal, date, &n),
        Command::AppealDeadline { decision_sent, certificate_issued, appeal_certificate, explain } => {
            let choices = CountingChoices { appeal_certificate: appeal_certificate.reading(), ..CountingChoices::default() };
            engine_commands::appeal_deadline(&cal, decision_sent, &certificate_issued, &choices, explain)
        }
        Command::Timeline { file, today, choices } => engine_commands::timeline(&cal, &file, today, &choices.choices()),
        Command::Store(command) => store_commands::run(&cli.store, command),
        Command::Certificate(command) => certificate_commands::certificate(&cli.store, command),
        Command::Letter(command) => certificate_commands::letter(&cli.store, command),
        Command::Settings(command) => settings_commands::settings(&cli.store, command),
        Command::Staff(command) => settings_commands::staff(&cli.store, command),
        Command::Reports(command) => report_commands::run(&cli.store, command),
    }
}
