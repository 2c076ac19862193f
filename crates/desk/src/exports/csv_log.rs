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
//!
//! "Other clocks" gives each clock not in a column of its own (an agreed
//! action's) by its label, due date and status; the named log adds an
//! agreed action's description in quotes after the label, the
//! pseudonymised log never does (it is free text).

use std::io::Write;

use chrono::{Datelike, NaiveDate};

use super::pseudonymised::Pseudonymiser;
use super::{words, CaseFilter, CaseRow};
use crate::facts::IssuedCertificate;
use crate::rules;
use crate::store::Store;
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

/// "on time", "late", "voided" or "" for one certificate, from the engine's clock.
pub fn certificate_timing(cert: &IssuedCertificate, timeline: &Timeline) -> &'static str {
    if cert.voided {
        return "voided";
    }
    match timeline.clock(rules::certificate_clock(cert.kind)) {
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
        Status::PastGoodPractice => "not recorded (good practice, not a statutory limit)",
    }
}

/// The header row: the certificates' columns `certs` times.
fn header(certs: usize, named: bool) -> Vec<String> {
    let mut header: Vec<String> = Vec::new();
    header.push(if named { "Reference" } else { "Pseudonym" }.into());
    if named {
        header.push("Old reference".into());
    }
    header.extend(["Status", "Opened", "Closed"].map(String::from));
    if named {
        header.extend(["Closing reason", "Child name", "Child date of birth", "Caller name", "Appellant name"].map(String::from));
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
    header.extend(super::disagreement_columns::header(named).iter().map(|h| h.to_string()));
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
    header
}

/// The columns of one certificate.
fn certificate_columns(named: bool) -> usize {
    if named {
        4
    } else {
        3
    }
}

/// Rows of the log, written (on one thread) as CSV bytes. The number of
/// certificate columns is the most any row of the whole log has, known only
/// when every row is written: so each row is written with its own
/// certificates, and where they end is kept, for the empty columns of the
/// ones it lacks to be put in when the rows are joined (`write_rows`).
#[derive(Default)]
pub(crate) struct Rows {
    bytes: Vec<u8>,
    /// For each row, where its certificates' columns end in `bytes` and how
    /// many certificates it has.
    gaps: Vec<(usize, usize)>,
}

impl Rows {
    fn with_capacity(bytes: usize, rows: usize) -> Rows {
        Rows { bytes: Vec::with_capacity(bytes), gaps: Vec::with_capacity(rows) }
    }

    /// Write the row of one case (see `write`).
    pub(crate) fn push(&mut self, row: &CaseRow, pseudonymiser: Option<&Pseudonymiser>) {
        let f = &row.facts;
        let mut line = Line { out: &mut self.bytes, cells: 0 };
        match pseudonymiser {
            None => {
                line.cell(&row.reference);
                line.cell(row.legacy_reference.as_deref().unwrap_or_default());
            }
            Some(p) => line.cell(&p.pseudonym(&row.reference)),
        }
        line.cell(&row.status);
        line.date(Some(row.opened_on));
        line.date(row.closed_on);
        match pseudonymiser {
            None => {
                line.cell(row.closing_reason.as_deref().unwrap_or_default());
                line.cell(&row.child_name);
                line.date(row.child_date_of_birth);
                line.cell(row.caller_name.as_deref().unwrap_or_default());
                line.cell(row.appellant_name.as_deref().unwrap_or_default());
            }
            Some(_) => {
                let on = f.decision.sent_on.or(f.decision.letter_dated).unwrap_or(row.opened_on);
                line.cell(super::pseudonymised::age_band(row.child_date_of_birth, on));
            }
        }
        line.cell(&row.local_authority);
        line.cell(row.icb.as_deref().unwrap_or_default());
        line.with(|out| {
            if let Some(kind) = &f.decision.kind {
                put_words(out, kind);
            }
        });
        line.with(|out| {
            for (i, issue) in f.issues.iter().enumerate() {
                if i > 0 {
                    out.extend_from_slice(b"; ");
                }
                put_words(out, issue);
            }
        });
        line.with(|out| put_words(out, &row.timeline.route));
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
            line.date(d);
        }
        line.with(|out| {
            if let Some(outcome) = &f.outcome {
                put_words(out, outcome);
            }
        });
        line.with(|out| {
            for (i, m) in f.meetings.iter().enumerate() {
                if i > 0 {
                    out.extend_from_slice(b"; ");
                }
                put_date(out, m.date);
                out.push(b' ');
                put_words(out, &m.status);
                if let Some(by) = &m.postponed_by {
                    out.extend_from_slice(b" by ");
                    put_words(out, by);
                }
            }
        });
        for cell in super::disagreement_columns::cells(row.disagreement.as_ref(), pseudonymiser, row.timeline.today) {
            line.cell(&cell);
        }
        for c in &f.certificates {
            line.with(|out| put_words(out, &c.kind));
            if pseudonymiser.is_none() {
                line.cell(c.number.as_deref().unwrap_or_default());
            }
            line.date(Some(c.issued_on));
            line.cell(certificate_timing(c, &row.timeline));
        }
        let gap = (line.out.len(), f.certificates.len());
        for rule in rules::CLOCKS {
            match row.timeline.clock(rule.key) {
                Some(c) => {
                    line.date(Some(c.due_date));
                    line.cell(status_words(c.status));
                }
                None => {
                    line.cell("");
                    line.cell("");
                }
            }
        }
        line.with(|out| {
            let others = row.timeline.clocks.iter().filter(|c| !rules::CLOCKS.iter().any(|r| r.key == c.key));
            for (i, c) in others.enumerate() {
                if i > 0 {
                    out.extend_from_slice(b"; ");
                }
                out.extend_from_slice(c.label.as_bytes());
                // An agreed action's description is free text: the named log
                // only.
                if let (None, Some(description)) = (pseudonymiser, &c.action_description) {
                    out.extend_from_slice(b" \"");
                    out.extend_from_slice(description.as_bytes());
                    out.push(b'"');
                }
                out.extend_from_slice(b": due ");
                put_date(out, c.due_date);
                out.extend_from_slice(b", ");
                out.extend_from_slice(status_words(c.status).as_bytes());
            }
        });
        line.out.extend_from_slice(b"\r\n");
        self.gaps.push(gap);
    }
}

/// One row being written: cells separated by commas, each defused (see
/// `defuse`) and quoted as the `csv` crate quotes (RFC 4180: a cell with a
/// comma, a quote or a line break in quotes, its quotes doubled).
struct Line<'a> {
    out: &'a mut Vec<u8>,
    cells: usize,
}

impl Line<'_> {
    /// A cell whose text `write` puts at the end of the row.
    fn with(&mut self, write: impl FnOnce(&mut Vec<u8>)) {
        if self.cells > 0 {
            self.out.push(b',');
        }
        self.cells += 1;
        let start = self.out.len();
        write(self.out);
        seal(self.out, start);
    }

    fn cell(&mut self, text: &str) {
        self.with(|out| out.extend_from_slice(text.as_bytes()));
    }

    fn date(&mut self, d: Option<NaiveDate>) {
        self.with(|out| {
            if let Some(d) = d {
                put_date(out, d);
            }
        });
    }
}

/// Defuse and quote the cell that starts at `start` and ends `out`.
fn seal(out: &mut Vec<u8>, start: usize) {
    if matches!(out.get(start), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')) {
        out.insert(start, b'\'');
    }
    if out[start..].iter().any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n')) {
        let text = out.split_off(start);
        out.reserve(text.len() + 2);
        out.push(b'"');
        for &b in &text {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    }
}

/// A date as `NaiveDate` displays it (YYYY-MM-DD), without formatting machinery.
fn put_date(out: &mut Vec<u8>, d: NaiveDate) {
    let (year, month, day) = (d.year(), d.month(), d.day());
    if (0..=9999).contains(&year) {
        let year = year as u32;
        out.extend_from_slice(&[
            b'0' + (year / 1000) as u8,
            b'0' + (year / 100 % 10) as u8,
            b'0' + (year / 10 % 10) as u8,
            b'0' + (year % 10) as u8,
            b'-',
            b'0' + (month / 10) as u8,
            b'0' + (month % 10) as u8,
            b'-',
            b'0' + (day / 10) as u8,
            b'0' + (day % 10) as u8,
        ]);
    } else {
        // A signed year: as chrono writes it.
        let _ = write!(out, "{d}");
    }
}

/// `words(value)` put at the end of `out`, without making a `String` on
/// the way: the JSON string the value serializes to, underscores as
/// spaces; nothing if it is not a string.
fn put_words<T: serde::Serialize>(out: &mut Vec<u8>, value: &T) {
    let start = out.len();
    if serde_json::to_writer(&mut *out, value).is_err() || out.get(start) != Some(&b'"') {
        out.truncate(start);
        return;
    }
    if out[start..].contains(&b'\\') {
        // Escaped characters: as `words` does it.
        let text = words(value);
        out.truncate(start);
        out.extend_from_slice(text.as_bytes());
        return;
    }
    // Without its quotes, underscores as spaces.
    let end = out.len() - 1;
    out.copy_within(start + 1..end, start);
    out.truncate(end - 1);
    for b in &mut out[start..] {
        if *b == b'_' {
            *b = b' ';
        }
    }
}

/// The byte-order mark, the header and the rows, in order, each row given
/// the empty certificate columns it lacks.
fn write_rows<W: Write>(mut out: W, parts: &[Rows], named: bool) -> std::io::Result<()> {
    let certs = parts.iter().flat_map(|p| p.gaps.iter().map(|&(_, n)| n)).max().unwrap_or(0).max(1);
    out.write_all(BOM.as_bytes())?;
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    w.write_record(header(certs, named).iter().map(|h| defuse(h).into_owned()))?;
    out.write_all(&w.into_inner().map_err(|e| e.into_error())?)?;
    let columns = certificate_columns(named);
    let blanks = vec![b','; certs * columns];
    for part in parts {
        let mut from = 0;
        for &(at, n) in &part.gaps {
            out.write_all(&part.bytes[from..at])?;
            out.write_all(&blanks[..(certs - n) * columns])?;
            from = at;
        }
        out.write_all(&part.bytes[from..])?;
    }
    out.flush()
}

/// Write the case log. With a `pseudonymiser`, names, dates of birth, free
/// text (the closing reason, an agreed action's description, what a
/// disagreement is about) and certificate numbers are left out, the reference is replaced by
/// the pseudonym, and the child's age band replaces the date of birth.
pub fn write<W: Write>(out: W, rows: &[CaseRow], pseudonymiser: Option<&Pseudonymiser>) -> std::io::Result<()> {
    let mut part = Rows::default();
    for row in rows {
        part.push(row, pseudonymiser);
    }
    write_rows(out, &[part], pseudonymiser.is_none())
}

/// The case log (as `write` writes it) of the cases matching `filter`,
/// with clocks judged on `today`, straight from the store: the same bytes
/// as `write` over `exports::load_cases` (tested), but on every core each
/// case's row is written as soon as its timeline is computed, and the
/// timeline dropped, instead of every case being loaded first.
pub fn export(
    store: &Store,
    filter: &CaseFilter,
    today: NaiveDate,
    pseudonymiser: Option<&Pseudonymiser>,
) -> crate::Result<Vec<u8>> {
    let parts = super::each_case(
        store,
        filter,
        today,
        true,
        &|_, _, _| true,
        &|| Rows::with_capacity(super::BATCH * 512, super::BATCH),
        &|rows: &mut Rows, row| {
            rows.push(&row, pseudonymiser);
            Ok(())
        },
    )?;
    let mut bytes = Vec::with_capacity(parts.iter().map(|p| p.bytes.len()).sum::<usize>() + (64 << 10));
    write_rows(&mut bytes, &parts, pseudonymiser.is_none())
        .map_err(|e| crate::DeskError::Write(format!("cannot write the export: {e}")))?;
    Ok(bytes)
}

/// The pseudonymised log of the cases matching `filter` (clocks judged on
/// `today`), straight from the store (`export`), with a fresh
/// random key.
pub fn export_pseudonymised(store: &crate::store::Store, filter: &CaseFilter, today: NaiveDate) -> crate::Result<Vec<u8>> {
    let p = Pseudonymiser::random().map_err(|e| crate::DeskError::Write(format!("cannot write the export: {e}")))?;
    export(store, filter, today, Some(&p))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::{defuse, put_date, put_words, Line};
    use crate::exports::words;
    use crate::facts::{CertificateKind, DecisionKind, Issue, MeetingStatus, Outcome, PostponedBy};
    use crate::timeline::Route;

    /// A row as the `csv` crate writes it, each cell defused (how the log
    /// was first written).
    fn by_the_csv_crate(cells: &[String]) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
        w.write_record(cells.iter().map(|c| defuse(c).into_owned())).unwrap();
        w.into_inner().unwrap()
    }

    fn by_line(cells: &[String]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut line = Line { out: &mut out, cells: 0 };
        for cell in cells {
            line.cell(cell);
        }
        out.extend_from_slice(b"\r\n");
        out
    }

    proptest! {
        #[test]
        fn a_row_is_quoted_and_defused_as_the_csv_crate_does_it(
            cells in prop::collection::vec(prop_oneof![
                any::<String>(),
                "[=+@\t\r\n,\" a'-]{0,6}",
            ], 2..8)
        ) {
            prop_assert_eq!(by_line(&cells), by_the_csv_crate(&cells));
        }
    }

    #[test]
    fn awkward_rows_are_written_as_the_csv_crate_writes_them() {
        for cells in [
            vec!["", ""],
            vec!["=1+1", "a,b"],
            vec!["\"", "\r\n"],
            vec!["Siân \"Ted\", Jr", "-\n"],
            vec!["\tx", "@", "+", "plain"],
        ] {
            let cells: Vec<String> = cells.into_iter().map(String::from).collect();
            assert_eq!(by_line(&cells), by_the_csv_crate(&cells), "{cells:?}");
        }
    }

    #[test]
    fn dates_are_written_as_chrono_displays_them() {
        let mut dates = vec![NaiveDate::MIN, NaiveDate::MAX];
        for (y, m, d) in
            [(-1, 1, 1), (0, 1, 1), (9, 2, 3), (99, 12, 31), (999, 7, 4), (2026, 4, 7), (9999, 12, 31), (10000, 1, 1)]
        {
            dates.push(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        }
        let mut d = NaiveDate::from_ymd_opt(2015, 12, 25).unwrap();
        for _ in 0..800 {
            dates.push(d);
            d = d.succ_opt().unwrap();
        }
        for d in dates {
            let mut out = Vec::new();
            put_date(&mut out, d);
            assert_eq!(String::from_utf8(out).unwrap(), d.to_string());
        }
    }

    fn put(value: &impl serde::Serialize) -> String {
        let mut out = b"before ".to_vec();
        put_words(&mut out, value);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn words_are_written_as_words_gives_them() {
        fn check<T: serde::Serialize>(values: &[T]) {
            for v in values {
                assert_eq!(put(v), format!("before {}", words(v)));
            }
        }
        check(&[
            DecisionKind::RefuseToAssess,
            DecisionKind::RefuseToReassess,
            DecisionKind::RefuseToIssuePlan,
            DecisionKind::PlanContents,
            DecisionKind::RefuseToAmendAfterReview,
            DecisionKind::CeaseToMaintain,
        ]);
        check(&[Issue::NeedsB, Issue::ProvisionF, Issue::PlacementI, Issue::Health, Issue::SocialCare]);
        check(&[
            Route::CertificateNeeded,
            Route::Exempt,
            Route::DisagreementResolution,
            Route::DisabilityDiscrimination,
            Route::NotYetKnown,
        ]);
        check(&[Outcome::Agreed, Outcome::PartlyAgreed, Outcome::NotAgreed, Outcome::Withdrawn]);
        check(&[PostponedBy::LocalAuthority, PostponedBy::Family, PostponedBy::Icb, PostponedBy::Mediator, PostponedBy::Other]);
        check(&[CertificateKind::Declined, CertificateKind::Withdrawn, CertificateKind::Deemed, CertificateKind::AfterMediation]);
        check(&[MeetingStatus::Planned, MeetingStatus::Held, MeetingStatus::Postponed, MeetingStatus::Cancelled]);
        // Not a string: nothing, as `words` gives.
        check(&[None::<Route>]);
        check(&[1, 2]);
        check(&[vec!["a_b"]]);
        // Escaped characters, underscores.
        check(&["a_b \"c\" \\ d\u{1}e", "", "_", "Siân_Jones"]);
    }

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
