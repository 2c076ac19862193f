//! Validation at the store's door: required fields, lengths, the reference
//! format and the engine's named problems. Runs before anything is written,
//! so a rejected save changes nothing.

use chrono::NaiveDate;

use super::cases::{Appellant, AppellantRole, CallerRole, CaseInput, Closing, PersonInput};
use super::{Result, StoreError};
use law::rules::{appellant as who_may_appeal, problems};

/// The longest name (a person, an organisation, a staff member), in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 100_000;
/// The longest short text (a closing reason, a registration, an address line).
pub const MAX_TEXT_CHARS: usize = 2_000;

/// The years a case reference can carry: from 2014, when the SEND
/// regime (and so mediation under it) began, to 9999 (four digits).
pub const REFERENCE_YEARS: std::ops::RangeInclusive<i32> = 2014..=9999;

/// The highest number a reference can carry in its year: seven digits.
pub const MAX_REFERENCE_NUMBER: i64 = 9_999_999;

/// `MD-YYYY-NNNN`: the letters MD, a year in [`REFERENCE_YEARS`], and a
/// number of four to seven digits. Every reference the store gives out
/// (`cases::References::next`) is of this form.
pub fn reference(field: &str, text: &str) -> Result<()> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes.get(range).is_some_and(|b| b.iter().all(u8::is_ascii_digit));
    let ok = (12..=15).contains(&text.len())
        && text.starts_with("MD-")
        && digits(3..7)
        && bytes[7] == b'-'
        && digits(8..text.len())
        && text[3..7].parse::<i32>().is_ok_and(|y| REFERENCE_YEARS.contains(&y));
    if ok {
        Ok(())
    } else {
        Err(StoreError::bad(
            field,
            format!(
                "'{}' is not a case reference like MD-2026-0042 (MD, a year from {} to {}, and a number of four to seven digits)",
                law::calendar::dates::shorten(text),
                REFERENCE_YEARS.start(),
                REFERENCE_YEARS.end()
            ),
        ))
    }
}

/// A case's reference from before it was imported (another system's,
/// such as `OLD-001`): any text of up to 100 characters on one line.
pub const MAX_LEGACY_REFERENCE_CHARS: usize = 100;

/// Text kept exactly as typed (any script), but not empty when required,
/// not too long, and with no NUL or other control characters except
/// newlines and tabs in longer texts.
pub fn text(field: &str, value: &str, max: usize, required: bool, multiline: bool) -> Result<()> {
    if required && value.trim().is_empty() {
        return Err(StoreError::bad(field, "is required"));
    }
    let count = value.chars().count();
    if count > max {
        return Err(StoreError::bad(field, format!("is {count} characters long; the most allowed is {max}")));
    }
    if let Some(c) = value.chars().find(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t'))) {
        return Err(StoreError::bad(field, format!("contains a control character (U+{:04X})", c as u32)));
    }
    Ok(())
}

pub fn name(field: &str, value: &str, required: bool) -> Result<()> {
    text(field, value, MAX_NAME_CHARS, required, false)
}

pub fn note(field: &str, value: &str) -> Result<()> {
    text(field, value, MAX_NOTE_CHARS, true, true)
}

fn person(field: &str, p: &PersonInput, today: NaiveDate) -> Result<()> {
    name(&format!("{field}.name"), &p.name, true)?;
    date_of_birth(field, p.date_of_birth, today)
}

fn date_of_birth(field: &str, dob: Option<NaiveDate>, today: NaiveDate) -> Result<()> {
    if let Some(dob) = dob {
        if dob > today {
            return Err(StoreError::bad(
                format!("{field}.date_of_birth"),
                format!("{} is in the future", law::calendar::dates::long(dob)),
            ));
        }
        if dob < NaiveDate::from_ymd_opt(1900, 1, 1).expect("a date") {
            return Err(StoreError::bad(format!("{field}.date_of_birth"), "is before 1900"));
        }
    }
    Ok(())
}

fn appellant(a: &Appellant, today: NaiveDate) -> Result<()> {
    name("appellant.name", &a.name, true)?;
    date_of_birth("appellant", a.date_of_birth, today)?;
    if let Some(relationship) = &a.relationship {
        name("appellant.relationship", relationship, false)?;
    }
    if let Some(contact) = &a.contact {
        name("appellant.contact", contact, false)?;
    }
    Ok(())
}

/// A caller or appellant recorded as the young person must be one on the
/// date of the call: over compulsory school age and under 25.
fn young_people(input: &CaseInput, child: &PersonInput, today: NaiveDate) -> Result<()> {
    let call = input.facts.first_contact_on.or(input.opened_on).unwrap_or(today);
    if let Some(caller) = input.caller.as_ref().filter(|c| c.role == Some(CallerRole::YoungPerson)) {
        // The young person who rang is the child or young person of the case.
        let (born, fix) = match (child.date_of_birth, caller.date_of_birth) {
            (Some(born), _) => (Some(born), "child.date_of_birth"),
            (None, born) => (born, "caller.date_of_birth"),
        };
        if let Some(born) = born {
            if let Err(why) = who_may_appeal::young_person_on(born, call) {
                return Err(StoreError::bad(
                    "caller.role",
                    format!(
                        "young_person is refused: {}. Record the caller as parent or representative, or correct {fix}",
                        why.explain("the young person", born, call)
                    ),
                ));
            }
        }
    }
    if let Some(a) = input.appellant.as_ref().filter(|a| a.role == AppellantRole::YoungPerson) {
        let (born, fix) = match (a.date_of_birth, child.date_of_birth) {
            (Some(born), _) => (Some(born), "appellant.date_of_birth"),
            (None, born) => (born, "child.date_of_birth"),
        };
        if let Some(born) = born {
            if let Err(why) = who_may_appeal::young_person_on(born, call) {
                return Err(StoreError::bad(
                    "appellant.role",
                    format!(
                        "young_person is refused: {}. Record the appellant as the parent, or correct {fix}",
                        why.explain("the young person", born, call)
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Check a whole case before it is saved. The first problem found is the
/// one reported, naming its field (a JSON path in the case input).
pub fn case(input: &CaseInput, today: NaiveDate) -> Result<()> {
    case_with(input, today, false)
}

/// `case`, where `unrecorded_resolution` lets a disagreement resolution
/// case saved before the app kept its record (with no `disagreement`) be
/// updated without one.
pub(crate) fn case_with(input: &CaseInput, today: NaiveDate, unrecorded_resolution: bool) -> Result<()> {
    if let Some(r) = &input.reference {
        reference("reference", r)?;
    }
    if let Some(r) = &input.legacy_reference {
        text("legacy_reference", r, MAX_LEGACY_REFERENCE_CHARS, true, false)?;
    }
    if let Some(opened) = input.opened_on {
        if opened > today {
            return Err(StoreError::bad("opened_on", format!("{} is in the future", law::calendar::dates::long(opened))));
        }
        let (y, m, d) = law::rules::REGIME_START;
        if opened < NaiveDate::from_ymd_opt(y, m, d).expect("a date") {
            return Err(StoreError::bad(
                "opened_on",
                format!("{} is before 1 Sep 2014, when the SEND mediation rules began", law::calendar::dates::long(opened)),
            ));
        }
    }
    let child = input.child.as_ref().ok_or_else(|| StoreError::bad("child", "is required (the child or young person)"))?;
    person("child", child, today)?;
    if let Some(caller) = &input.caller {
        person("caller", caller, today)?;
        if caller.role == Some(CallerRole::Child) {
            return Err(StoreError::bad("caller.role", "must be parent, young_person or representative"));
        }
    }
    if let Some(a) = &input.appellant {
        appellant(a, today)?;
    }
    young_people(input, child, today)?;
    for (i, r) in input.representatives.iter().enumerate() {
        person(&format!("representatives[{i}]"), r, today)?;
    }
    name("local_authority", &input.local_authority, true)?;
    if let Some(icb) = &input.icb {
        name("icb", icb, true)?;
    }
    if let Some(text) = &input.note {
        note("note", text)?;
    }
    // Disagreement resolution has its own record and no decision letter;
    // a mediation case needs its decision.
    let resolution = input.facts.service == law::facts::Service::DisagreementResolution;
    match (&input.disagreement, resolution) {
        (None, true) if !unrecorded_resolution => return Err(StoreError::bad(
            "disagreement",
            "is required for disagreement resolution: its kind, the date of the request, what it is about and the other parties",
        )),
        (Some(_), false) => {
            return Err(StoreError::bad(
                "disagreement",
                "is only for disagreement resolution: set facts.service to disagreement_resolution",
            ))
        }
        (Some(d), true) => disagreement(d, today)?,
        (None, _) => {}
    }
    if !resolution && input.facts.decision.letter_dated.is_none() {
        return Err(StoreError::bad("facts.decision.letter_dated", "is required (the date on the decision letter)"));
    }
    for (i, action) in input.facts.agreement.iter().flat_map(|a| a.actions.iter()).enumerate() {
        text(&format!("facts.agreement.actions[{i}].description"), &action.description, MAX_NOTE_CHARS, false, true)?;
    }
    for (i, c) in input.facts.certificates.iter().enumerate() {
        if let Some(n) = &c.number {
            name(&format!("facts.certificates[{i}].number"), n, false)?;
        }
    }
    if let Some(p) = problems::find(&input.facts, today).into_iter().next() {
        return Err(StoreError::bad(format!("facts.{}", p.field), p.message));
    }
    Ok(())
}

/// A disagreement resolution record: what it is about, at least one
/// other party, lengths and control characters, references of linked
/// cases, then the rules' named problems (`rules::disagreement`).
pub fn disagreement(d: &law::disagreement::Disagreement, today: NaiveDate) -> Result<()> {
    text("disagreement.about", &d.about, MAX_TEXT_CHARS, true, true)?;
    if d.other_parties.is_empty() {
        return Err(StoreError::bad(
            "disagreement.other_parties",
            "name at least one other party (the school, college, early years setting, LA or ICB)",
        ));
    }
    for (i, p) in d.other_parties.iter().enumerate() {
        name(&format!("disagreement.other_parties[{i}].name"), &p.name, true)?;
        if d.other_parties[..i].iter().any(|q| q.name == p.name && q.party_type == p.party_type) {
            return Err(StoreError::bad(format!("disagreement.other_parties[{i}]"), format!("{} is listed twice", p.name)));
        }
    }
    for (i, m) in d.meetings.iter().enumerate() {
        text(&format!("disagreement.meetings[{i}].place"), &m.place, MAX_TEXT_CHARS, false, true)?;
        for (list, values) in [("attended", &m.attended), ("supporters", &m.supporters), ("reports_shared", &m.reports_shared)] {
            for (j, v) in values.iter().enumerate() {
                text(&format!("disagreement.meetings[{i}].{list}[{j}]"), v, MAX_TEXT_CHARS, true, false)?;
            }
        }
    }
    for (i, p) in d.points.iter().enumerate() {
        text(&format!("disagreement.points[{i}].point"), &p.point, MAX_TEXT_CHARS, true, true)?;
        text(&format!("disagreement.points[{i}].remains"), &p.remains, MAX_TEXT_CHARS, false, true)?;
    }
    for (i, a) in d.actions.iter().enumerate() {
        name(&format!("disagreement.actions[{i}].who"), &a.who, true)?;
        text(&format!("disagreement.actions[{i}].what"), &a.what, MAX_TEXT_CHARS, true, true)?;
    }
    for (i, r) in d.linked_cases.iter().enumerate() {
        reference(&format!("disagreement.linked_cases[{i}]"), r)?;
    }
    if let Some(p) = law::rules::disagreement::problems(d, today).into_iter().next() {
        return Err(StoreError::bad(p.field, p.message));
    }
    Ok(())
}

/// A case closed as it is loaded: a reason, and a date on or after the
/// case was opened and not in the future.
pub fn closing(c: &Closing, opened_on: NaiveDate, today: NaiveDate) -> Result<()> {
    text("closing_reason", &c.reason, MAX_TEXT_CHARS, true, true)?;
    if c.on > today {
        return Err(StoreError::bad("closed_on", format!("{} is in the future", law::calendar::dates::long(c.on))));
    }
    if c.on < opened_on {
        return Err(StoreError::bad(
            "closed_on",
            format!(
                "{} is before the case was opened ({})",
                law::calendar::dates::long(c.on),
                law::calendar::dates::long(opened_on)
            ),
        ));
    }
    Ok(())
}
