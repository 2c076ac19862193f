//! The case log as CSV: one row per case, for a spreadsheet.
//!
//! RFC 4180 (`csv` crate: CRLF line ends, fields with `,` `"` or line
//! breaks quoted, quotes doubled), UTF-8 with a byte-order mark so Excel
//! reads "Siân" correctly, dates as YYYY-MM-DD, a header row in plain
//! English. Formula injection: a cell that starts with `=`, `+`, `-`, `@`,
//! a tab or a carriage return is written with a leading apostrophe, so a
//! spreadsheet shows it as text rather than running it (a name such as
//! "=HYPERLINK(...)" typed into a case cannot become a formula). Dates and
//! counts never start with those characters, so no real value is changed.
//!
//! Every due date and "met" comes from the case's timeline (the engine).

use std::io::Write;

use super::pseudonymised::Pseudonymiser;
use super::{words, CaseRow};
use crate::facts::{CertificateKind, IssuedCertificate};
use crate::rules;
use crate::timeline::{Status, Timeline};

/// The byte-order mark written first.
pub const BOM: &str = "\u{feff}";

/// Make a cell safe to open in a spreadsheet (see the module notes).
pub fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// The clock that a certificate of `kind` answers.
pub fn certificate_clock(kind: CertificateKind) -> &'static str {
    match kind {
        CertificateKind::Declined => rules::CERTIFICATE_DECLINED.key,
        CertificateKind::Withdrawn => rules::CERTIFICATE_WITHDRAWN.key,
        CertificateKind::Deemed => rules::CERTIFICATE_DEEMED.key,
        CertificateKind::AfterMediation => rules::CERTIFICATE_AFTER_MEDIATION.key,
    }
}

/// "on time", "late", "voided" or "" for one certificate, from the engine's clock.
pub fn certificate_timing(cert: &IssuedCertificate, timeline: &Timeline) -> &'static str {
    if cert.voided {
        return "voided";
    }
    match timeline.clock(certificate_clock(cert.kind)) {
        Some(c) if c.met_by.as_ref().is_some_and(|m| m.date == cert.issued_on) => match c.status {
            Status::MetOnTime => "on time",
            Status::MetLate => "late",
            _ => "",
        },
        _ => "",
    }
}

/// A clock's status in words for the log.
pub fn status_words(status: Status) -> &'static str {
    match status {
        Status::Overdue => "overdue",
        Status::DueToday => "due today",
        Status::Upcoming => "not yet due",
        Status::MetLate => "met late",
        Status::MetOnTime => "met on time",
        Status::NotApplicable => "not applicable",
    }
}

/// Write the case log. With a `pseudonymiser`, names, dates of birth, free
/// text and certificate numbers are left out, the reference is replaced by
/// the pseudonym, and the child's age band replaces the date of birth.
pub fn write<W: Write>(out: W, rows: &[CaseRow], pseudonymiser: Option<&Pseudonymiser>) -> std::io::Result<()> {
    let mut out = out;
    out.write_all(BOM.as_bytes())?;
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    let certs = rows.iter().map(|r| r.facts.certificates.len()).max().unwrap_or(0).max(1);
    let named = pseudonymiser.is_none();
    let mut header: Vec<String> = Vec::new();
    header.push(if named { "Reference" } else { "Pseudonym" }.into());
    header.extend(["Status", "Opened", "Closed"].map(String::from));
    if named {
        header.extend(["Closing reason", "Child name", "Child date of birth", "Caller name"].map(String::from));
    } else {
        header.push("Child age band".into());
    }
    header.extend(
        [
            "Local authority",
            "ICB",
            "Decision",
            "Issues",
            "Route",
            "Decision letter dated",
            "Decision sent",
            "First contact",
            "Declined mediation",
            "Withdrew from mediation",
            "Family told LA",
            "Adviser told LA",
            "Mediation arranged",
            "Mediation concluded",
            "Appeal received",
            "Outcome",
            "Meetings",
        ]
        .map(String::from),
    );
    for i in 1..=certs {
        header.push(format!("Certificate {i} kind"));
        if named {
            header.push(format!("Certificate {i} number"));
        }
        header.push(format!("Certificate {i} issued"));
        header.push(format!("Certificate {i} on time or late"));
    }
    for rule in rules::CLOCKS {
        header.push(format!("{} - due", rule.label));
        header.push(format!("{} - met", rule.label));
    }
    header.push("Other clocks".into());
    w.write_record(header.iter().map(|h| defuse(h).into_owned()))?;

    let mut record: Vec<String> = Vec::with_capacity(header.len());
    for row in rows {
        record.clear();
        let f = &row.facts;
        match pseudonymiser {
            None => record.push(row.reference.clone()),
            Some(p) => record.push(p.pseudonym(&row.reference)),
        }
        record.push(row.status.clone());
        record.push(date(Some(row.opened_on)));
        record.push(date(row.closed_on));
        match pseudonymiser {
            None => {
                record.push(row.closing_reason.clone().unwrap_or_default());
                record.push(row.child_name.clone());
                record.push(date(row.child_date_of_birth));
                record.push(row.caller_name.clone().unwrap_or_default());
            }
            Some(_) => {
                let on = f.decision.sent_on.or(f.decision.letter_dated).unwrap_or(row.opened_on);
                record.push(super::pseudonymised::age_band(row.child_date_of_birth, on).to_string());
            }
        }
        record.push(row.local_authority.clone());
        record.push(row.icb.clone().unwrap_or_default());
        record.push(f.decision.kind.map(|k| words(&k)).unwrap_or_default());
        record.push(f.issues.iter().map(words).collect::<Vec<_>>().join("; "));
        record.push(words(&row.timeline.route));
        for d in [
            f.decision.letter_dated,
            f.decision.sent_on,
            f.first_contact_on,
            f.declined_on,
            f.withdrew_on,
            f.family_told_la_on,
            f.adviser_told_la_on,
            f.mediation_arranged_on,
            f.concluded_on,
            f.appeal_received_on,
        ] {
            record.push(date(d));
        }
        record.push(f.outcome.map(|o| words(&o)).unwrap_or_default());
        record.push(
            f.meetings
                .iter()
                .map(|m| {
                    let mut s = format!("{} {}", date(Some(m.date)), words(&m.status));
                    if let Some(by) = m.postponed_by {
                        s.push_str(&format!(" by {}", words(&by)));
                    }
                    s
                })
                .collect::<Vec<_>>()
                .join("; "),
        );
        for i in 0..certs {
            match f.certificates.get(i) {
                Some(c) => {
                    record.push(words(&c.kind));
                    if named {
                        record.push(c.number.clone().unwrap_or_default());
                    }
                    record.push(date(Some(c.issued_on)));
                    record.push(certificate_timing(c, &row.timeline).to_string());
                }
                None => {
                    let blanks = if named { 4 } else { 3 };
                    record.extend(std::iter::repeat_n(String::new(), blanks));
                }
            }
        }
        for rule in rules::CLOCKS {
            match row.timeline.clock(rule.key) {
                Some(c) => {
                    record.push(date(Some(c.due_date)));
                    record.push(status_words(c.status).to_string());
                }
                None => record.extend([String::new(), String::new()]),
            }
        }
        let fixed: Vec<&str> = rules::CLOCKS.iter().map(|r| r.key).collect();
        record.push(
            row.timeline
                .clocks
                .iter()
                .filter(|c| !fixed.contains(&c.key.as_ref()))
                .map(|c| format!("{}: due {}, {}", c.label, date(Some(c.due_date)), status_words(c.status)))
                .collect::<Vec<_>>()
                .join("; "),
        );
        for cell in &record {
            w.write_field(defuse(cell).as_bytes())?;
        }
        w.write_record(None::<&[u8]>)?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::defuse;

    #[test]
    fn cells_that_a_spreadsheet_would_run_get_an_apostrophe() {
        for cell in ["=1+1", "+44 161", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(defuse(cell), format!("'{cell}"));
        }
        for cell in ["Siân", "2026-03-03", "", "O'Brien", "a=b"] {
            assert_eq!(defuse(cell), cell);
        }
    }
}
