//! The case store's subcommands: cases, the Today view, setting up the
//! encrypted database and its passphrase, backup, restore, check, and
//! loading generated cases (`seed`).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use super::engine_commands::read_input;
use super::unlock_commands::{self, Access};
use super::Failure;
use desk::calendar::dates;
use desk::case_view::CaseViews;
use desk::generator;
use desk::store::{self, CaseInput, ListFilter, Store, TodayItem};
use desk::DeskError;

/// Options every store command shares.
#[derive(Args)]
pub struct StoreArgs {
    /// The database file (default: mediation-desk.sqlite3 in $MEDIATION_DESK_DATA_DIR, else in the app's data folder, $XDG_DATA_HOME/uk.mediationdesk.app or ~/.local/share/uk.mediationdesk.app). It is encrypted: the passphrase comes from $MEDIATION_DESK_PASSPHRASE (or $MEDIATION_DESK_RECOVERY_CODE), else the keychain, else it is asked.
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Who is making the change, for the history (default: $MEDIATION_DESK_USER, else the OS user).
    #[arg(long = "as", global = true, value_name = "NAME")]
    as_user: Option<String>,
}

#[derive(Subcommand)]
pub enum StoreCommand {
    /// Add, change, show, list and close cases.
    #[command(subcommand)]
    Case(CaseCommand),
    /// Create a new encrypted database (or encrypt one from before encryption) and show its recovery code once.
    Init,
    /// The cases due for disposal under the retention policy; anonymise them; the disposal log.
    #[command(subcommand)]
    Retention(super::retention_commands::RetentionCommand),
    /// Everything held about one person (a parent, a young person) in one zip file, others' data redacted.
    SubjectAccess {
        /// The person's name, as recorded.
        #[arg(long, value_name = "NAME")]
        name: String,
        /// Where to write the zip file.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Choose a new passphrase, unlocking with the current one or the recovery code ($MEDIATION_DESK_NEW_PASSPHRASE, else asked).
    Passphrase,
    /// Every pending clock of the open cases: overdue, due today, this week, later.
    Today {
        /// Show clocks due within this many days (overdue ones always).
        #[arg(long, default_value = "30", value_name = "N", allow_hyphen_values = true)]
        days: String,
        #[arg(long)]
        json: bool,
    },
    /// Write an encrypted backup of the whole database to PATH (it opens with this database's passphrase or recovery code).
    Backup {
        #[arg(value_name = "PATH")]
        path: PathBuf,
    },
    /// Replace the database with the backup at PATH (the old file is kept beside it); a backup from another database needs its passphrase ($MEDIATION_DESK_BACKUP_PASSPHRASE, else asked).
    Restore {
        #[arg(value_name = "PATH")]
        path: PathBuf,
    },
    /// Check the database file for damage.
    Check,
    /// Load N generated cases (for demonstrations and benchmarks).
    Seed {
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        cases: String,
        #[arg(long, default_value = "1", value_name = "S", allow_hyphen_values = true)]
        seed: String,
    },
    /// Save generated cases one by one, printing each reference once saved (crash tests).
    #[command(hide = true)]
    CrashWriter {
        #[arg(long, default_value = "1000000")]
        cases: usize,
        #[arg(long, default_value = "1")]
        seed: u64,
    },
}

#[derive(Subcommand)]
pub enum CaseCommand {
    /// Add a case from JSON (FILE, or - for standard input); prints its reference.
    Add {
        #[arg(value_name = "FILE")]
        file: String,
    },
    /// Replace a case's details with the JSON in FILE (- for standard input).
    Update {
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(value_name = "FILE")]
        file: String,
    },
    /// The case as JSON, with its timeline today and its history.
    Show {
        #[arg(value_name = "REF")]
        reference: String,
    },
    /// The cases, soonest next due clock first.
    List {
        /// Open cases only.
        #[arg(long)]
        open: bool,
        /// Search names, references, LA and notes.
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Close a case.
    Close {
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Add a note to a case.
    Note {
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(value_name = "TEXT")]
        text: String,
    },
    /// Anonymise a closed case on a person's request (the reason is logged; give no names in it).
    Erase {
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Who opened a case, and when.
    Access {
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(long)]
        json: bool,
    },
    /// The history of a case: who changed what, when.
    History {
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(long)]
        json: bool,
    },
}

/// The store's or the application's error, as the command line reports it.
pub(super) fn fail(err: impl Into<DeskError>) -> Failure {
    Failure::from(err.into())
}

pub(super) use super::out;

pub(super) fn json<T: serde::Serialize>(value: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(value).map(|s| s + "\n").map_err(|e| Failure::other(format!("cannot write JSON: {e}")))
}

/// Today's date (`MEDIATION_DESK_TODAY=YYYY-MM-DD` overrides it, for tests).
pub(super) fn today() -> Result<NaiveDate, Failure> {
    dates::today().map_err(Failure::from)
}

impl StoreArgs {
    pub(super) fn path(&self) -> PathBuf {
        self.db.clone().unwrap_or_else(store::default_path)
    }

    pub(super) fn who(&self) -> String {
        self.as_user.clone().or_else(store::current_user).unwrap_or_else(|| "unknown user".into())
    }

    /// Unlock and open the database; `access` says what to do where there
    /// is none (`unlock_commands::open`).
    pub(super) fn open(&self, access: Access) -> Result<Store, Failure> {
        unlock_commands::open(&self.path(), access)
    }
}

/// A whole number from 0 to `max`; anything else is refused naming the
/// flag and the range.
fn number<T>(name: &str, text: &str, max: T) -> Result<T, Failure>
where
    T: TryFrom<i128> + PartialOrd + std::fmt::Display + Copy,
{
    let n: i128 = text
        .trim()
        .parse()
        .map_err(|_| Failure::bad_input(format!("{name}: '{}' is not a whole number", dates::shorten(text))))?;
    match T::try_from(n) {
        Ok(n) if n <= max => Ok(n),
        _ => Err(Failure::bad_input(format!("{name}: {n} is outside 0 to {max}"))),
    }
}

pub fn run(args: &StoreArgs, command: StoreCommand) -> Result<(), Failure> {
    match command {
        StoreCommand::Case(c) => case(args, c),
        StoreCommand::Init => unlock_commands::init(args),
        StoreCommand::Retention(command) => super::retention_commands::retention(args, command),
        StoreCommand::SubjectAccess { name, out: path } => super::retention_commands::subject_access(args, &name, &path),
        StoreCommand::Passphrase => unlock_commands::change_passphrase(args),
        StoreCommand::Today { days, json: as_json } => {
            let days: u32 = number("--days", &days, 3660)?;
            let store = args.open(Access::Existing)?;
            let today = today()?;
            let items = store.today(today, days).map_err(fail)?;
            if as_json {
                out(&json(&items)?)
            } else {
                let targets = store.today_targets(today, days).map_err(fail)?;
                out(&(today_text(&items, today) + &targets_text(&targets)))
            }
        }
        StoreCommand::Backup { path } => {
            let store = args.open(Access::Existing)?;
            store.backup(&path).map_err(fail)?;
            let count = store.count_cases(false).map_err(fail)?;
            out(&format!("Backup written to {} ({count} cases)\n", path.display()))
        }
        StoreCommand::Restore { path } => unlock_commands::restore(args, &path),
        StoreCommand::Check => {
            let store = args.open(Access::Existing)?;
            let problems = store.integrity_check().map_err(fail)?;
            if !problems.is_empty() {
                return Err(Failure::other(format!(
                    "the database {} is damaged: {}",
                    store.path().display(),
                    problems.join("; ")
                )));
            }
            let (all, open) = (store.count_cases(false).map_err(fail)?, store.count_cases(true).map_err(fail)?);
            out(&format!("ok: {} is sound ({all} cases, {open} open)\n", store.path().display()))
        }
        StoreCommand::Seed { cases, seed } => {
            let count: usize = number("--cases", &cases, 1_000_000)?;
            let seed: u64 = number("--seed", &seed, u64::MAX)?;
            let mut store = args.open(Access::Create)?;
            let today = today()?;
            let items: Vec<(CaseInput, Option<store::Closing>)> =
                generator::cases(seed, count, today).into_iter().map(|g| generator::generated_input(g, true)).collect();
            let started = std::time::Instant::now();
            let refs = store.load(&items, &args.who(), today).map_err(fail)?;
            out(&format!("Loaded {} cases in {:.1} s\n", refs.len(), started.elapsed().as_secs_f64()))
        }
        StoreCommand::CrashWriter { cases, seed } => {
            let mut store = args.open(Access::Create)?;
            let today = today()?;
            let who = args.who();
            // Generate in small batches so the first save comes at once.
            let mut saved = 0;
            for batch in 0u64.. {
                let seed = seed.wrapping_mul(1_000_003).wrapping_add(batch);
                for g in generator::cases(seed, 20, today) {
                    if saved == cases {
                        return Ok(());
                    }
                    let (input, _) = generator::generated_input(g, false);
                    let reference = store.add_case(&input, &who, today).map_err(fail)?;
                    out(&format!("{reference}\n"))?;
                    saved += 1;
                }
            }
            Ok(())
        }
    }
}

fn case(args: &StoreArgs, command: CaseCommand) -> Result<(), Failure> {
    match command {
        CaseCommand::Add { file } => {
            let text = read_input(&file)?;
            let input = CaseInput::from_json(&text).map_err(fail)?;
            let mut store = args.open(Access::Create)?;
            let reference = store.add_case(&input, &args.who(), today()?).map_err(fail)?;
            out(&format!("{reference}\n"))
        }
        CaseCommand::Update { reference, file } => {
            let text = read_input(&file)?;
            let input = CaseInput::from_json(&text).map_err(fail)?;
            let mut store = args.open(Access::Existing)?;
            store.update_case(&reference, &input, &args.who(), today()?).map_err(fail)?;
            out(&format!("{reference}\n"))
        }
        CaseCommand::Show { reference } => {
            let store = args.open(Access::Existing)?;
            let view = store.case_view(&reference, today()?).map_err(fail)?;
            store.record_access(&reference, &args.who()).map_err(fail)?;
            out(&json(&view)?)
        }
        CaseCommand::List { open, search, json: as_json } => {
            let store = args.open(Access::Existing)?;
            let rows = store.list_cases(&ListFilter { open_only: open, search, ..ListFilter::default() }).map_err(fail)?;
            if as_json {
                return out(&json(&rows)?);
            }
            let mut text = String::new();
            for r in &rows {
                text.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}\t{}\n",
                    r.reference,
                    r.status,
                    r.next_due.map(dates::long).unwrap_or_else(|| "-".into()),
                    r.child,
                    r.local_authority,
                    r.route
                ));
            }
            out(&text)
        }
        CaseCommand::Close { reference, reason } => {
            let mut store = args.open(Access::Existing)?;
            store.close_case(&reference, &reason, &args.who(), today()?).map_err(fail)?;
            out(&format!("{reference} closed\n"))
        }
        CaseCommand::Note { reference, text } => {
            let mut store = args.open(Access::Existing)?;
            store.add_note(&reference, &text, &args.who()).map_err(fail)?;
            out(&format!("{reference}\n"))
        }
        CaseCommand::Erase { reference, reason } => super::retention_commands::erase(args, &reference, &reason),
        CaseCommand::Access { reference, json: as_json } => super::retention_commands::access(args, &reference, as_json),
        CaseCommand::History { reference, json: as_json } => {
            let store = args.open(Access::Existing)?;
            store.case(&reference).map_err(fail)?;
            let entries = store.history(&reference).map_err(fail)?;
            if as_json {
                return out(&json(&entries)?);
            }
            let mut text = String::new();
            for e in &entries {
                text.push_str(&format!("{}  {}  {}\n", e.at, e.who, e.action));
                for change in e.changes.as_array().into_iter().flatten() {
                    text.push_str(&format!(
                        "    {}: {} -> {}\n",
                        change["field"].as_str().unwrap_or("?"),
                        short_json(&change["before"]),
                        short_json(&change["after"])
                    ));
                }
            }
            out(&text)
        }
    }
}

fn short_json(v: &serde_json::Value) -> String {
    let text = match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    dates::shorten(&text)
}

/// The service's own targets for disagreement resolution, after the
/// clocks: said plainly not to be the law. Nothing when there are none.
fn targets_text(items: &[store::TargetItem]) -> String {
    if items.is_empty() {
        return String::new();
    }
    let mut text = format!("\nThe service's own targets, not the law ({})\n", items.len());
    for i in items {
        text.push_str(&format!("  {}  {}  {}  ({})\n", dates::long(i.due_date), i.reference, i.target, i.status_text));
    }
    text
}

/// The Today view in words, grouped.
fn today_text(items: &[TodayItem], today: NaiveDate) -> String {
    let mut text = format!("Today: {}\n", dates::long(today));
    for (group, heading) in [("overdue", "Overdue"), ("due_today", "Due today"), ("this_week", "This week"), ("later", "Later")] {
        let rows: Vec<&TodayItem> = items.iter().filter(|i| i.group == group).collect();
        text.push_str(&format!("\n{heading} ({})\n", rows.len()));
        for i in rows {
            let due = match &i.due_by_time {
                Some(time) => format!("by {time} on {}", dates::long(i.due_date)),
                None => dates::long(i.due_date),
            };
            text.push_str(&format!("  {due}  {}  {}  ({})\n", i.reference, i.clock, i.party));
        }
    }
    text
}
