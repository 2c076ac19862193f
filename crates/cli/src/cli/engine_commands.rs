//! The engine's subcommands: holidays, working days, the appeal deadline,
//! and a case's timeline.

use std::io::Read;

use chrono::{Datelike, NaiveDate};

use super::Failure;
use desk::calendar::{self, dates, Calendar};
use desk::facts::{CaseFacts, CertificateKind, IssuedCertificate};
use desk::rules::bank_holidays::{FIRST_YEAR, LAST_YEAR};
use desk::rules::{self, choices::CountingChoices};

use super::out;

fn year_arg(text: &str) -> Result<i32, Failure> {
    let year: i32 =
        text.trim().parse().map_err(|_| Failure::bad_input(format!("YEAR: '{}' is not a year", dates::shorten(text))))?;
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Err(Failure::bad_input(format!(
            "YEAR: {year} is outside {FIRST_YEAR}–{LAST_YEAR}, the years this app has holidays for"
        )));
    }
    Ok(year)
}

fn in_range(name: &str, date: NaiveDate) -> Result<(), Failure> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        return Err(Failure::bad_input(format!(
            "{name}: {date} is outside {FIRST_YEAR}–{LAST_YEAR}, the years this app has holidays for"
        )));
    }
    Ok(())
}

pub fn holidays(cal: &Calendar, year: &str) -> Result<(), Failure> {
    let year = year_arg(year)?;
    let text: String = cal.holidays(year).iter().map(|h| format!("{}\n", dates::iso(h.date))).collect();
    out(&text)
}

pub fn add_working_days(cal: &Calendar, date: NaiveDate, n: &str) -> Result<(), Failure> {
    in_range("DATE", date)?;
    let max = calendar::MAX_WORKING_DAYS;
    let n: i128 = n
        .trim()
        .parse()
        .map_err(|_| Failure::bad_input(format!("N: '{}' is not a whole number of working days", dates::shorten(n))))?;
    let n = i32::try_from(n).ok().filter(|n| n.unsigned_abs() <= max.unsigned_abs()).ok_or_else(|| {
        Failure::bad_input(format!(
            "N: {} is outside -{max} to {max}, the working days this command counts",
            dates::shorten(&n.to_string())
        ))
    })?;
    let result = cal.checked_working_days_after(date, n).map_err(|e| Failure::bad_input(format!("N: {e}")))?;
    in_range("the result", result)?;
    out(&format!("{}\n", dates::iso(result)))
}

pub fn appeal_deadline(
    cal: &Calendar,
    sent: NaiveDate,
    certificates: &[NaiveDate],
    choices: &CountingChoices,
    explain: bool,
) -> Result<(), Failure> {
    in_range("--decision-sent", sent)?;
    for &c in certificates {
        in_range("--certificate-issued", c)?;
        if c < sent {
            return Err(Failure::bad_input(format!(
                "--certificate-issued: {} is before the decision was sent ({})",
                dates::long(c),
                dates::long(sent)
            )));
        }
    }
    let facts = CaseFacts {
        decision: desk::facts::Decision { sent_on: Some(sent), ..Default::default() },
        // The certificates stand for any kind: each rests on the family's
        // word to the adviser, taken as given on or before the first.
        declined_on: certificates.iter().min().copied(),
        certificates: certificates
            .iter()
            .map(|&c| IssuedCertificate { kind: CertificateKind::Declined, issued_on: c, number: None, voided: false })
            .collect(),
        ..CaseFacts::default()
    };
    // Judged on the latest date given: nothing here is "ahead of today".
    let judged_on = certificates.iter().copied().max().unwrap_or(sent).max(sent);
    let timeline = rules::timeline(&facts, cal, choices, judged_on);
    if let Some(p) = timeline.problems.first() {
        let flag = if p.field.starts_with("certificates") { "--certificate-issued" } else { "--decision-sent" };
        return Err(Failure::bad_input(format!("{flag}: {}", p.message)));
    }
    let clock = timeline.appeal_deadline().ok_or_else(|| Failure::other("no appeal deadline was computed"))?;
    let mut text = format!("{}\n", dates::iso(clock.due_date));
    if explain {
        for line in clock.working_text() {
            text.push_str(&line);
            text.push('\n');
        }
        text.push_str(&format!("Citation: {}\n", clock.citation));
    }
    out(&text)
}

pub fn read_input(file: &str) -> Result<String, Failure> {
    let mut text = String::new();
    if file == "-" {
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Failure::bad_input(format!("FILE: cannot read standard input: {e}")))?;
    } else {
        text = std::fs::read_to_string(file)
            .map_err(|e| Failure::bad_input(format!("FILE: cannot read {}: {e}", dates::shorten(file))))?;
    }
    Ok(text)
}

pub fn timeline(cal: &Calendar, file: &str, today: Option<NaiveDate>, choices: &CountingChoices) -> Result<(), Failure> {
    let text = read_input(file)?;
    let facts: CaseFacts = desk::facts::from_json(&text).map_err(Failure::from)?;
    let today = match today {
        Some(day) => day,
        None => desk::calendar::dates::today().map_err(Failure::from)?,
    };
    let timeline = rules::timeline(&facts, cal, choices, today);
    let json = serde_json::to_string_pretty(&timeline).map_err(|e| Failure::other(format!("cannot write the timeline: {e}")))?;
    out(&format!("{json}\n"))
}
