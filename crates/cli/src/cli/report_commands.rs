//! The export, import and report subcommands: the case log (CSV, plain or
//! pseudonymised), the full JSON export and import, the calendar of
//! clocks (ICS), the spreadsheet import and the commissioner's report.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Subcommand, ValueEnum};

use super::store_commands::{fail, today, StoreArgs};
use super::unlock_commands::Access;
use super::{date_arg, Failure};
use desk::exports::{full_json, request};
use desk::imports::csv_cases;
use desk::imports::mapping::Mapping;
use desk::reports::request::{report_bytes, ReportFormat};
use desk::reports::KpiFilter;
use desk::DeskError;

#[derive(Subcommand)]
pub enum ReportsCommand {
    /// Write the case log (csv), the pseudonymised log (pseudonymised), everything (json) or the calendar of clocks (ics).
    Export {
        #[arg(value_enum)]
        format: ExportFormat,
        /// Cases still open on or after this date.
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        from: Option<NaiveDate>,
        /// Cases opened on or before this date.
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        to: Option<NaiveDate>,
        /// One local authority, by name.
        #[arg(long, value_name = "NAME")]
        la: Option<String>,
        /// For ics: one case only (default: every open case).
        #[arg(long = "case", value_name = "REF")]
        reference: Option<String>,
        /// For ics: put the child's name in each event.
        #[arg(long)]
        with_names: bool,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Import cases from a spreadsheet (csv) or restore a full export into an empty database (json).
    #[command(subcommand)]
    Import(ImportCommand),
    /// Reports: `report kpi` is the commissioner's report.
    #[command(subcommand)]
    Report(ReportCommand),
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Pseudonymised,
    Json,
    Ics,
}

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Cases from CSV, columns mapped by the mapping file (made from the headers and saved there if it does not exist).
    Csv {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long, value_name = "FILE")]
        mapping: PathBuf,
        /// Show the first rows and every problem; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// A full export (JSON) into an empty database.
    Json {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum ReportCommand {
    /// The commissioner's report, as PDF or CSV (by the --out file's extension).
    Kpi {
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        from: NaiveDate,
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        to: NaiveDate,
        #[arg(long, value_name = "NAME")]
        la: Option<String>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// Write `--out`; a failure is bad input naming the flag.
pub(super) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes).map_err(|e| Failure::bad_input(format!("--out: cannot write {}: {e}", path.display())))
}

fn read_file(flag: &str, path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| Failure::bad_input(format!("{flag}: cannot read {}: {e}", path.display())))
}

fn check_period(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<(), Failure> {
    match (from, to) {
        (Some(f), Some(t)) if f > t => Err(Failure::bad_input(format!("--to: {t} is before --from {f}"))),
        _ => Ok(()),
    }
}

pub fn run(args: &StoreArgs, command: ReportsCommand) -> Result<(), Failure> {
    match command {
        ReportsCommand::Export { format, from, to, la, reference, with_names, out } => {
            check_period(from, to)?;
            let store = args.open(Access::Existing)?;
            let format = match format {
                ExportFormat::Csv => request::ExportFormat::Csv,
                ExportFormat::Pseudonymised => request::ExportFormat::Pseudonymised,
                ExportFormat::Json => request::ExportFormat::Json,
                ExportFormat::Ics => request::ExportFormat::Ics,
            };
            let req = request::ExportRequest { format, from, to, local_authority: la, reference, with_names };
            if let Some(notice) = req.personal_data() {
                eprintln!("{notice}");
            }
            let bytes = request::export_bytes(&store, &req, today()?).map_err(fail)?;
            write_file(&out, &bytes)
        }
        ReportsCommand::Import(ImportCommand::Json { file }) => {
            let text = read_file("FILE", &file)?;
            let mut store = args.open(Access::Create)?;
            let n = full_json::import(&mut store, &text).map_err(fail)?;
            println!("Imported {n} rows.");
            Ok(())
        }
        ReportsCommand::Import(ImportCommand::Csv { file, mapping, dry_run }) => {
            let text = read_file("FILE", &file)?;
            let map = if mapping.exists() {
                Mapping::from_json(&read_file("--mapping", &mapping)?).map_err(Failure::bad_input)?
            } else {
                let headers = desk::imports::spreadsheet::headers(&text).map_err(|e| Failure::bad_input(format!("FILE: {e}")))?;
                let guessed = Mapping::guess_from(&headers);
                std::fs::write(&mapping, guessed.to_json())
                    .map_err(|e| Failure::bad_input(format!("--mapping: cannot write {}: {e}", mapping.display())))?;
                eprintln!("No mapping file: guessed one from the headers and saved it to {}; check it.", mapping.display());
                guessed
            };
            if dry_run {
                let preview = csv_cases::preview(&text, &map, 10, today()?).map_err(Failure::bad_input)?;
                for (header, field) in &preview.mapping.columns {
                    println!(
                        "'{header}' -> {}",
                        serde_json::to_value(field).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
                    );
                }
                for row in &preview.rows {
                    let cells: Vec<String> = row.cells.iter().map(|(h, v)| format!("{h}={v}")).collect();
                    println!("row {}: {}", csv_cases::thousands(row.row), cells.join(", "));
                }
                for p in &preview.problems {
                    println!("{p}");
                }
                println!(
                    "{} rows, {} problems. Dry run: nothing was imported.",
                    csv_cases::thousands(preview.total_rows),
                    csv_cases::thousands(preview.problems.len())
                );
                return if preview.problems.is_empty() { Ok(()) } else { Err(Failure::bad_input(preview.problems[0].clone())) };
            }
            let mut store = args.open(Access::Create)?;
            let refs = csv_cases::import(&mut store, &text, &map, &args.who(), today()?).map_err(|e| match e {
                DeskError::Import(m) => Failure::bad_input(format!("{m} (nothing was imported)")),
                other => fail(other),
            })?;
            println!("Imported {} cases.", csv_cases::thousands(refs.len()));
            Ok(())
        }
        ReportsCommand::Report(ReportCommand::Kpi { from, to, la, out }) => {
            check_period(Some(from), Some(to))?;
            let format = ReportFormat::from_path(&out)
                .ok_or_else(|| Failure::bad_input(format!("--out: {} must end .pdf or .csv", out.display())))?;
            let store = args.open(Access::Existing)?;
            let filter = KpiFilter { from, to, local_authority: la };
            let bytes = report_bytes(&store, &filter, format, today()?).map_err(fail)?;
            write_file(&out, &bytes)
        }
    }
}
