//! Kept only as long as it should be, from the command line: the cases due
//! for disposal under the retention policy and disposing of them (after a
//! confirmation), erasing one case on a person's request, the disposal
//! log, who opened a case, and a person's subject access export.

use std::path::Path;

use clap::Subcommand;

use super::store_commands::{fail, json, out, today, StoreArgs};
use super::unlock_commands::Access;
use super::Failure;
use desk::store::DisposalKind;

#[derive(Subcommand)]
pub enum RetentionCommand {
    /// The closed cases due for disposal under the retention policy.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Anonymise every case due for disposal (names, dates of birth, notes, free text, certificate PDFs; counts kept).
    Apply {
        /// Confirm: without it, the cases are listed and nothing changes.
        #[arg(long)]
        yes: bool,
    },
    /// The disposal log: what was disposed of, when, by whom and why (no personal data).
    Log {
        #[arg(long)]
        json: bool,
    },
}

pub fn retention(args: &StoreArgs, command: RetentionCommand) -> Result<(), Failure> {
    let today = today()?;
    match command {
        RetentionCommand::List { json: as_json } => {
            let store = args.open(Access::Existing)?;
            let due = store.disposals_due(today).map_err(fail)?;
            if as_json {
                return out(&json(&due)?);
            }
            let policy = store.retention_policy().map_err(fail)?;
            let mut text = format!(
                "Retention: closed cases are kept {} years after closing{}.\n",
                policy.years_after_closing,
                if policy.until_25th_birthday { ", or until the child's 25th birthday if later" } else { "" }
            );
            if due.is_empty() {
                text.push_str("No case is due for disposal.\n");
            }
            for d in &due {
                text.push_str(&format!(
                    "{}  closed {}  due {}  {}\n",
                    d.reference, d.closed_on, d.dispose_from, d.local_authority
                ));
            }
            out(&text)
        }
        RetentionCommand::Apply { yes } => {
            let mut store = args.open(Access::Existing)?;
            let due = store.disposals_due(today).map_err(fail)?;
            if !yes {
                return out(&format!(
                    "{} cases are due for disposal; nothing was changed. Run `mediation-desk retention apply --yes` to anonymise them.\n",
                    due.len()
                ));
            }
            let references: Vec<String> = due.iter().map(|d| d.reference.clone()).collect();
            if let (_, Some(refused)) = store.dispose_due(&references, &args.who(), today) {
                return Err(fail(refused));
            }
            out(&format!("{} cases anonymised; the disposal log records each.\n", due.len()))
        }
        RetentionCommand::Log { json: as_json } => {
            let store = args.open(Access::Existing)?;
            let log = store.disposal_log().map_err(fail)?;
            if as_json {
                return out(&json(&log)?);
            }
            let mut text = String::new();
            for d in &log {
                let why = match d.why {
                    DisposalKind::Retention => "retention",
                    DisposalKind::Request => "request",
                };
                text.push_str(&format!(
                    "{}  {}  {}  {why}: {}  ({} certificate PDFs destroyed)\n",
                    d.disposed_at, d.reference, d.who, d.reason, d.certificates
                ));
            }
            out(&text)
        }
    }
}

/// Erase one closed case on a person's request, with a reason.
pub fn erase(args: &StoreArgs, reference: &str, reason: &str) -> Result<(), Failure> {
    let mut store = args.open(Access::Existing)?;
    let disposal = store.dispose(reference, DisposalKind::Request, reason, &args.who(), today()?).map_err(fail)?;
    out(&format!(
        "{} anonymised on request ({} certificate PDFs destroyed); the disposal log records it.\n",
        disposal.reference, disposal.certificates
    ))
}

/// Who opened a case, newest first.
pub fn access(args: &StoreArgs, reference: &str, as_json: bool) -> Result<(), Failure> {
    let store = args.open(Access::Existing)?;
    store.case(reference).map_err(fail)?;
    let log = store.access_log(reference).map_err(fail)?;
    if as_json {
        return out(&json(&log)?);
    }
    out(&log.iter().map(|a| format!("{}  {}\n", a.at, a.who)).collect::<String>())
}

/// A person's subject access export, written to `path` (a zip file).
pub fn subject_access(args: &StoreArgs, name: &str, path: &Path) -> Result<(), Failure> {
    let store = args.open(Access::Existing)?;
    let bytes = desk::exports::subject_access::export(&store, name, today()?).map_err(fail)?;
    eprintln!("{}", desk::exports::subject_access::WARNING);
    desk::files::write_whole(path, &bytes).map_err(fail)?;
    out(&format!("Subject access export for {} written to {}\n", name.trim(), path.display()))
}
