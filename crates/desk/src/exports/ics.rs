//! The calendar of clocks (iCalendar, RFC 5545): one all-day event per
//! pending clock of the chosen cases, to import into Outlook or Google.
//!
//! Each event's UID is `<reference>-<clock key>@mediation-desk`, the same
//! in every export, so importing a later export updates the events (a
//! calendar matches by UID) rather than adding copies. SEQUENCE is the
//! number of minutes since 2024-01-01 at export time, so a later export
//! always has the higher SEQUENCE and wins; DTSTAMP is the export time.
//! An event carries the case reference, the clock's label (fixed wording:
//! an agreed action is "action 2", never its description), the dates, who
//! must act, the rule and the local authority: never text the mediator
//! typed. No child's name is written unless asked for (`with_names`), and
//! no caller's name at all. Lines end CRLF and are folded at 75 octets, never
//! inside a UTF-8 character.

use chrono::{DateTime, NaiveDate, Utc};

use super::CaseRow;

/// Options for the calendar.
#[derive(Debug, Clone, Copy)]
pub struct IcsOptions {
    /// Put the child's name in the event summary.
    pub with_names: bool,
    /// The export time (DTSTAMP and SEQUENCE).
    pub now: DateTime<Utc>,
}

/// Escape TEXT (RFC 5545 3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(ch),
        }
    }
    out
}

/// One content line, folded at 75 octets, with CRLF.
fn line(out: &mut String, text: &str) {
    let mut count = 0;
    for ch in text.chars() {
        let len = ch.len_utf8();
        if count + len > 75 {
            out.push_str("\r\n ");
            count = 1;
        }
        out.push(ch);
        count += len;
    }
    out.push_str("\r\n");
}

fn ics_date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// The calendar of the pending clocks of `rows`.
pub fn calendar(rows: &[CaseRow], options: IcsOptions) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Mediation Desk//Statutory clocks//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    let stamp = options.now.format("%Y%m%dT%H%M%SZ").to_string();
    let epoch = NaiveDate::from_ymd_opt(2024, 1, 1).expect("a date").and_hms_opt(0, 0, 0).expect("a time").and_utc();
    let sequence = (options.now - epoch).num_minutes().max(0);
    for row in rows {
        for clock in row.timeline.clocks.iter().filter(|c| c.status.is_pending()) {
            line(&mut out, "BEGIN:VEVENT");
            line(&mut out, &format!("UID:{}-{}@mediation-desk", row.reference, clock.key));
            line(&mut out, &format!("DTSTAMP:{stamp}"));
            line(&mut out, &format!("SEQUENCE:{sequence}"));
            line(&mut out, &format!("DTSTART;VALUE=DATE:{}", ics_date(clock.due_date)));
            line(&mut out, &format!("DTEND;VALUE=DATE:{}", ics_date(clock.due_date.succ_opt().unwrap_or(clock.due_date))));
            let mut summary = format!("{}: {}", row.reference, clock.label);
            if options.with_names && !row.child_name.is_empty() {
                summary.push_str(&format!(" ({})", row.child_name));
            }
            line(&mut out, &format!("SUMMARY:{}", escape(&summary)));
            let mut description = format!(
                "{}\nWho must act: {}\nRule: {} ({})\nStarts from: {}, {}",
                clock.label,
                clock.party_label,
                clock.period,
                clock.citation,
                clock.trigger.name,
                clock.trigger.date.format("%Y-%m-%d")
            );
            if let Some(time) = clock.due_by_time {
                description.push_str(&format!("\nDue by {time}"));
            }
            description.push_str(&format!("\nLocal authority: {}", row.local_authority));
            line(&mut out, &format!("DESCRIPTION:{}", escape(&description)));
            line(&mut out, "TRANSP:TRANSPARENT");
            line(&mut out, "END:VEVENT");
        }
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_never_inside_a_character() {
        let mut out = String::new();
        let text = format!("SUMMARY:{}", "Siân Gwenllïan Łukasz ".repeat(12));
        line(&mut out, &text);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{l}");
        }
        // Unfolding (drop CRLF + one space) gives the line back.
        assert_eq!(out.replace("\r\n ", "").trim_end_matches("\r\n"), text);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
