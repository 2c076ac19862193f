//! `certificate issue|show|void|reissue|list` and `letter exemption`: the
//! certificate register over the store (`store::certificates`).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Subcommand, ValueEnum};

use super::report_commands::write_file;
use super::store_commands::{fail, json, out, today, StoreArgs};
use super::unlock_commands::Access;
use super::{date_arg, Failure};
use desk::calendar::dates;
use desk::certificates::CertificateWorkflow;
use desk::facts::{CertificateKind, Issue};
use desk::store::{CertificateFilter, IssueOptions, IssuedRecord, StoreError};
use desk::DeskError;

#[derive(Clone, Copy, ValueEnum)]
pub enum KindArg {
    Declined,
    Withdrawn,
    Deemed,
    AfterMediation,
}

impl KindArg {
    fn kind(self) -> CertificateKind {
        match self {
            KindArg::Declined => CertificateKind::Declined,
            KindArg::Withdrawn => CertificateKind::Withdrawn,
            KindArg::Deemed => CertificateKind::Deemed,
            KindArg::AfterMediation => CertificateKind::AfterMediation,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum IssueArg {
    NeedsB,
    ProvisionF,
    PlacementI,
    Health,
    SocialCare,
}

impl IssueArg {
    fn issue(self) -> Issue {
        match self {
            IssueArg::NeedsB => Issue::NeedsB,
            IssueArg::ProvisionF => Issue::ProvisionF,
            IssueArg::PlacementI => Issue::PlacementI,
            IssueArg::Health => Issue::Health,
            IssueArg::SocialCare => Issue::SocialCare,
        }
    }
}

#[derive(Subcommand)]
pub enum CertificateCommand {
    /// Issue a certificate for a case; prints its number (a warning on stderr when late).
    Issue {
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(long, value_enum)]
        kind: KindArg,
        /// The date of issue (default: today).
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        date: Option<NaiveDate>,
        /// The adviser or mediator issuing it (default: the only one recorded).
        #[arg(long = "by", value_name = "STAFF_NAME")]
        by: Option<String>,
        /// After mediation: an issue that was resolved (repeat for more).
        #[arg(long, value_enum, value_name = "ISSUE")]
        resolved: Vec<IssueArg>,
        /// Write the PDF here.
        #[arg(long, value_name = "FILE.pdf")]
        out: Option<PathBuf>,
        /// Render with PREVIEW in place of the number: nothing is saved, no number is used.
        #[arg(long)]
        preview: bool,
    },
    /// The stored PDF of a certificate (to --out, else to standard output), checked against its SHA-256.
    Show {
        #[arg(value_name = "NUMBER")]
        number: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: Option<PathBuf>,
    },
    /// Void a certificate (it is kept, with the reason).
    Void {
        #[arg(value_name = "NUMBER")]
        number: String,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Issue a new certificate replacing a voided one; prints the new number.
    Reissue {
        #[arg(value_name = "NUMBER")]
        number: String,
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        date: Option<NaiveDate>,
        #[arg(long, value_name = "FILE.pdf")]
        out: Option<PathBuf>,
    },
    /// The register: number, case, kind, issued, late, voided, replaces.
    List {
        /// Only this case's certificates.
        #[arg(long = "case", value_name = "REF")]
        reference: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum LetterCommand {
    /// The letter for a case that needs no certificate (placement only; health and social care only).
    Exemption {
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// The date of the letter (default: today).
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        date: Option<NaiveDate>,
        /// The staff member who signs it.
        #[arg(long = "by", value_name = "STAFF_NAME")]
        by: Option<String>,
    },
    /// The record of outcome of a disagreement resolution case: the points and what was agreed, never what was said.
    RecordOfOutcome {
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// The date of the record (default: today).
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        date: Option<NaiveDate>,
    },
}

/// The application's error, with its date of issue (`date`) named as the
/// flag that gave it.
fn fail_dated(err: DeskError) -> Failure {
    match err {
        DeskError::Store(StoreError::BadInput { field, message }) if field == "date" => fail(StoreError::bad("--date", message)),
        other => fail(other),
    }
}

/// Say a certificate was issued: its number on stdout, a late warning on
/// stderr, and its PDF written to `path`. The certificate is committed
/// before the file is written, so a file that cannot be written is not a
/// failure to issue: it says the certificate WAS issued and how to print
/// it again (exit 1, the number still on stdout).
fn issued(record: &IssuedRecord, path: Option<&Path>) -> Result<(), Failure> {
    if let Some(late) = &record.late {
        eprintln!("warning: {} {}", record.number, late.message);
    }
    out(&format!("{}\n", record.number))?;
    if let Some(path) = path {
        if let Err(failure) = write_file(path, &record.pdf) {
            let why = failure.message.strip_prefix("--out: ").unwrap_or(&failure.message);
            return Err(Failure::other(format!(
                "certificate {number} WAS issued and is in the register, but its PDF was not written ({why}); print it again with: mediation-desk certificate show {number} --out FILE.pdf",
                number = record.number
            )));
        }
    }
    Ok(())
}

pub fn certificate(args: &StoreArgs, command: CertificateCommand) -> Result<(), Failure> {
    match command {
        CertificateCommand::Issue { reference, kind, date, by, resolved, out: path, preview } => {
            let date = match date {
                Some(d) => d,
                None => today()?,
            };
            let options = IssueOptions { issued_by: by, resolved: resolved.into_iter().map(IssueArg::issue).collect() };
            let mut store = args.open(Access::Existing)?;
            if preview {
                let record = store.preview_certificate(&reference, kind.kind(), date, &options).map_err(fail_dated)?;
                let path = path.ok_or_else(|| Failure::bad_input("--out: a preview needs a file to write to"))?;
                write_file(&path, &record.pdf)?;
                if let Some(late) = &record.late {
                    eprintln!("warning: would be {}", late.message);
                }
                return out(&format!("preview written to {} (nothing issued)\n", path.display()));
            }
            let record =
                store.issue_certificate(&reference, kind.kind(), date, &options, &args.who(), today()?).map_err(fail_dated)?;
            issued(&record, path.as_deref())
        }
        CertificateCommand::Show { number, out: path } => {
            let store = args.open(Access::Existing)?;
            let pdf = store.certificate_pdf(&number).map_err(fail)?;
            match path {
                Some(path) => {
                    write_file(&path, &pdf)?;
                    let record = store.certificate(&number).map_err(fail)?;
                    out(&format!("{number} written to {} (sha256 {})\n", path.display(), record.sha256))
                }
                None => {
                    use std::io::Write;
                    let mut stdout = std::io::stdout().lock();
                    stdout
                        .write_all(&pdf)
                        .and_then(|_| stdout.flush())
                        .map_err(|e| Failure::other(format!("cannot write the output: {e}")))
                }
            }
        }
        CertificateCommand::Void { number, reason } => {
            let mut store = args.open(Access::Existing)?;
            store.void_certificate(&number, &reason, &args.who(), today()?).map_err(fail)?;
            out(&format!("{number} voided\n"))
        }
        CertificateCommand::Reissue { number, date, out: path } => {
            let date = match date {
                Some(d) => d,
                None => today()?,
            };
            let mut store = args.open(Access::Existing)?;
            let record = store.reissue_certificate(&number, date, &args.who(), today()?).map_err(fail_dated)?;
            issued(&record, path.as_deref())
        }
        CertificateCommand::List { reference, json: as_json } => {
            let store = args.open(Access::Existing)?;
            let rows = store.certificates(&CertificateFilter { reference, ..CertificateFilter::default() }).map_err(fail)?;
            if as_json {
                return out(&json(&rows)?);
            }
            let mut text = String::new();
            for r in &rows {
                let late = match (r.late, r.due_on) {
                    (true, Some(due)) => format!("late (due {})", dates::long(due)),
                    _ => "on time".into(),
                };
                let voided = match (&r.voided_at, &r.void_reason) {
                    (Some(at), Some(reason)) => format!("voided {}: {}", &at[..10.min(at.len())], dates::shorten(reason)),
                    _ => "in force".into(),
                };
                let replaces = r.replaces.as_deref().map(|n| format!("replaces {n}")).unwrap_or_else(|| "-".into());
                text.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                    r.number, r.reference, r.kind, r.issued_on, late, voided, replaces
                ));
            }
            out(&text)
        }
    }
}

pub fn letter(args: &StoreArgs, command: LetterCommand) -> Result<(), Failure> {
    match command {
        LetterCommand::Exemption { reference, out: path, date, by } => {
            let date = match date {
                Some(d) => d,
                None => today()?,
            };
            let mut store = args.open(Access::Existing)?;
            let pdf = store.exemption_letter(&reference, date, by.as_deref(), &args.who(), today()?).map_err(fail_dated)?;
            write_file(&path, &pdf)?;
            out(&format!("exemption letter for {reference} written to {}\n", path.display()))
        }
        LetterCommand::RecordOfOutcome { reference, out: path, date } => {
            let today = today()?;
            let date = date.unwrap_or(today);
            if date > today {
                return Err(Failure::bad_input(format!("--date: {} is in the future", desk::calendar::dates::long(date))));
            }
            let mut store = args.open(Access::Existing)?;
            let pdf = store.record_of_outcome(&reference, date, &args.who()).map_err(fail)?;
            write_file(&path, &pdf)?;
            out(&format!("record of outcome for {reference} written to {}\n", path.display()))
        }
    }
}
