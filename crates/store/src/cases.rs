//! Cases: the input format (`CaseInput`, documented in docs/case-json.md),
//! what is stored and shown (`CaseRecord`, `CaseView`), and adding,
//! updating, closing, deleting and listing them, each in one transaction.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::people::{self, Parties, ICB, LOCAL_AUTHORITY};
use super::{disagreements, history, now_stamp, search, today, validate, Result, Store, StoreError};
use law::calendar::Calendar;
use law::facts::CaseFacts;
use law::rules::choices::CountingChoices;
use law::timeline::Timeline;

pub use crate::people::{Appellant, PersonRecord};
pub use law::people::{AppellantRole, CallerRole};

/// A person as typed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct PersonInput {
    pub name: String,
    /// For the caller only: `parent` (the default), `young_person` or `representative`.
    #[serde(default)]
    pub role: Option<CallerRole>,
    #[serde(default)]
    pub date_of_birth: Option<NaiveDate>,
}

/// An organisation given by name (local authority or ICB).
pub type OrganisationInput = String;

/// A case as typed in (`case add`, `case update`): see docs/case-json.md.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default, TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct CaseInput {
    /// `MD-YYYY-NNNN`; leave out to be given the next one.
    #[serde(default)]
    pub reference: Option<String>,
    /// The case's reference in the system it came from (`OLD-001`), kept
    /// beside its own when past cases are imported.
    #[serde(default)]
    pub legacy_reference: Option<String>,
    /// The date the case was opened (default: today).
    #[serde(default)]
    pub opened_on: Option<NaiveDate>,
    /// Who rang.
    #[serde(default)]
    pub caller: Option<PersonInput>,
    /// The parent or young person a representative acts for (may be left
    /// out when the caller is the parent or the young person).
    #[serde(default)]
    pub appellant: Option<Appellant>,
    /// The child or young person. Required.
    #[serde(default)]
    pub child: Option<PersonInput>,
    #[serde(default)]
    pub representatives: Vec<PersonInput>,
    /// The local authority's name. Required.
    #[serde(default)]
    pub local_authority: OrganisationInput,
    /// The ICB's name, where health care is in issue.
    #[serde(default)]
    pub icb: Option<OrganisationInput>,
    /// A note to add with this save (notes are never replaced).
    #[serde(default)]
    pub note: Option<String>,
    /// The facts the clock engine reads (`CaseFacts`, docs/timeline-json.md).
    #[serde(default)]
    pub facts: CaseFacts,
    /// A disagreement resolution case's record (with `facts.service` set
    /// to `disagreement_resolution`): docs/case-json.md.
    #[serde(default)]
    pub disagreement: Option<law::disagreement::Disagreement>,
}

/// How a loaded case was closed (`Store::load`): the date and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closing {
    pub on: NaiveDate,
    pub reason: String,
}

impl CaseInput {
    /// Read a case from JSON; the error names the field.
    pub fn from_json(text: &str) -> Result<CaseInput> {
        let input: CaseInput = law::json_input::read(text).map_err(law::LawError::from)?;
        Ok(input)
    }
}

/// A note on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NoteRecord {
    pub written_at: String,
    pub author: String,
    pub text: String,
}

/// A case as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CaseRecord {
    pub reference: String,
    /// Its reference in the system it was imported from, if any.
    #[serde(default)]
    pub legacy_reference: Option<String>,
    /// `open` or `closed`.
    pub status: String,
    pub closing_reason: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub opened_on: NaiveDate,
    /// The engine's route when last saved (`certificate_needed`, `exempt`, ...).
    pub route: String,
    pub local_authority: String,
    pub icb: Option<String>,
    pub caller: Option<PersonRecord>,
    /// The parent or young person the caller acts for, if recorded.
    pub appellant: Option<Appellant>,
    pub child: PersonRecord,
    pub representatives: Vec<PersonRecord>,
    pub facts: CaseFacts,
    /// A disagreement resolution case's record (none for mediation).
    pub disagreement: Option<law::disagreement::Disagreement>,
    /// The soonest pending clock's due date.
    pub next_due: Option<NaiveDate>,
    pub notes: Vec<NoteRecord>,
    pub created_at: String,
    pub updated_at: String,
}

impl CaseRecord {
    /// This case as input again, with `facts` in place of its own.
    pub fn to_input(&self, facts: CaseFacts) -> CaseInput {
        let person = |p: &PersonRecord, role: Option<CallerRole>| PersonInput {
            name: p.name.clone(),
            role,
            date_of_birth: p.date_of_birth,
        };
        CaseInput {
            reference: Some(self.reference.clone()),
            legacy_reference: self.legacy_reference.clone(),
            opened_on: Some(self.opened_on),
            caller: self.caller.as_ref().map(|p| person(p, Some(p.role))),
            appellant: self.appellant.clone(),
            child: Some(person(&self.child, None)),
            representatives: self.representatives.iter().map(|p| person(p, None)).collect(),
            local_authority: self.local_authority.clone(),
            icb: self.icb.clone(),
            note: None,
            facts,
            disagreement: self.disagreement.clone(),
        }
    }

    /// The case's people as the law of who may appeal reads them, with the
    /// date of the call (the first contact, else the day the case was opened).
    pub fn parties(&self) -> law::rules::appellant::Parties<'_> {
        law::rules::appellant::Parties {
            caller: self.caller.as_ref().map(|c| (c.name.as_str(), c.role)),
            appellant: self.appellant.as_ref().map(|a| (a.name.as_str(), a.role)),
            child_name: &self.child.name,
            child_date_of_birth: self.child.date_of_birth,
            call_date: self.facts.first_contact_on.unwrap_or(self.opened_on),
        }
    }

    /// The fields a person edits, as JSON, for the history's before/after.
    fn tracked(&self) -> Value {
        let mut v = serde_json::to_value(self).unwrap_or(Value::Null);
        if let Value::Object(map) = &mut v {
            for key in ["notes", "created_at", "updated_at", "next_due"] {
                map.remove(key);
            }
        }
        v
    }
}

/// One row of the case list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CaseSummary {
    pub reference: String,
    pub status: String,
    pub route: String,
    pub child: String,
    pub caller: Option<String>,
    pub local_authority: String,
    pub decision_kind: Option<String>,
    pub opened_on: NaiveDate,
    pub next_due: Option<NaiveDate>,
}

/// Filters for the case list.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub open_only: bool,
    /// Search as you type: names, references, LA, notes.
    pub search: Option<String>,
    pub local_authority: Option<String>,
    pub decision_kind: Option<String>,
    /// The engine's route: `certificate_needed`, `exempt`, ...
    pub route: Option<String>,
    /// Closed cases only.
    pub closed_only: bool,
    /// At most this many rows (default 200).
    pub limit: Option<usize>,
}

/// The case list's search box and filters as the Cases screen sends them:
/// empty means "any".
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct CaseListQuery {
    pub search: Option<String>,
    /// `open`, `closed` or `all`.
    pub status: String,
    pub local_authority: Option<String>,
    pub decision_kind: Option<String>,
    pub route: Option<String>,
    pub limit: Option<usize>,
}

impl From<CaseListQuery> for ListFilter {
    fn from(query: CaseListQuery) -> ListFilter {
        let given = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
        ListFilter {
            open_only: query.status == "open",
            closed_only: query.status == "closed",
            search: given(query.search),
            local_authority: given(query.local_authority),
            decision_kind: given(query.decision_kind),
            route: given(query.route),
            limit: query.limit,
        }
    }
}

/// The facts as stored: JSON without its `null` members.
pub(crate) fn facts_json(facts: &CaseFacts) -> Result<String> {
    let mut value = serde_json::to_value(facts)?;
    history::compact(&mut value);
    Ok(serde_json::to_string(&value)?)
}

pub(crate) fn route_name(timeline: &Timeline) -> String {
    law::serde_names::name_of(timeline.route)
}

fn decision_name(facts: &CaseFacts) -> Option<String> {
    facts.decision.kind.map(law::serde_names::name_of)
}

fn record(input: &PersonInput, default_role: CallerRole) -> PersonRecord {
    PersonRecord { name: input.name.clone(), role: input.role.unwrap_or(default_role), date_of_birth: input.date_of_birth }
}

/// The highest reference number ever issued in `year` (0 if none), among
/// the references of the form the store gives (`validate::reference`; an
/// older version took up to twelve digits by hand, which are ignored:
/// they can never be the same text as one given now).
fn highest_reference(conn: &Connection, year: i32) -> Result<i64> {
    let highest: Option<i64> = conn
        .prepare_cached(
            "SELECT max(CAST(substr(reference, 9) AS INTEGER)) FROM references_used
             WHERE reference >= ?1 AND reference < ?2 AND length(reference) <= 15",
        )?
        .query_row(params![format!("MD-{year:04}-"), format!("MD-{year:04}.")], |r| r.get(0))?;
    Ok(highest.unwrap_or(0).clamp(0, validate::MAX_REFERENCE_NUMBER))
}

/// The highest reference number issued in each year, for the saves of one
/// transaction: read from the store once per year, then kept up to date
/// with each reference inserted. (Reading it for every case scanned all
/// the year's references each time: most of a 5,000-row import.)
#[derive(Default)]
pub(crate) struct References {
    highest: HashMap<i32, i64>,
}

impl References {
    /// The next free reference of the year a case opened on `opened_on`:
    /// one more than the highest ever issued. Always one that
    /// `validate::reference` accepts; an error naming the field when the
    /// year cannot carry a reference or its numbers are used up.
    pub(crate) fn next(&mut self, conn: &Connection, opened_on: NaiveDate) -> Result<String> {
        let year = opened_on.year();
        if !validate::REFERENCE_YEARS.contains(&year) {
            return Err(StoreError::bad(
                "opened_on",
                format!(
                    "a case opened on {} cannot be given a reference: references run from {} (when the SEND rules began) to {}",
                    law::calendar::dates::iso(opened_on),
                    validate::REFERENCE_YEARS.start(),
                    validate::REFERENCE_YEARS.end()
                ),
            ));
        }
        let highest = match self.highest.get(&year) {
            Some(n) => *n,
            None => {
                let n = highest_reference(conn, year)?;
                self.highest.insert(year, n);
                n
            }
        };
        if highest >= validate::MAX_REFERENCE_NUMBER {
            return Err(StoreError::bad(
                "reference",
                format!(
                    "the references of {year} are used up: MD-{year:04}-{highest} has been given, and a reference has at most seven digits; give this case an unused reference of {year} yourself"
                ),
            ));
        }
        let reference = format!("MD-{year:04}-{:04}", highest + 1);
        debug_assert!(validate::reference("reference", &reference).is_ok(), "{reference}");
        Ok(reference)
    }

    /// `reference` (validated: `MD-YYYY-NNNN`) has been inserted.
    pub(crate) fn issued(&mut self, reference: &str) {
        let year = reference.get(3..7).and_then(|y| y.parse::<i32>().ok());
        let number = reference.get(8..).and_then(|n| n.parse::<i64>().ok()).filter(|n| *n <= validate::MAX_REFERENCE_NUMBER);
        if let (Some(year), Some(number)) = (year, number) {
            if let Some(highest) = self.highest.get_mut(&year) {
                *highest = (*highest).max(number);
            }
        }
    }
}

/// Everything one save needs besides the input.
pub(crate) struct SaveContext<'a> {
    pub cal: &'a Calendar,
    pub choices: CountingChoices,
    pub today: NaiveDate,
    pub who: &'a str,
}

/// Insert a new, validated case inside `tx`; returns its reference.
pub(crate) fn insert(tx: &Transaction, input: &CaseInput, ctx: &SaveContext, refs: &mut References) -> Result<String> {
    let opened_on = input.opened_on.unwrap_or(ctx.today);
    let reference = match &input.reference {
        Some(r) => {
            let used: bool = tx
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM references_used WHERE reference = ?1)")?
                .query_row([r], |row| row.get(0))?;
            if used {
                return Err(StoreError::bad(
                    "reference",
                    format!("{r} has been given to a case already (references are never reused)"),
                ));
            }
            r.clone()
        }
        None => refs.next(tx, opened_on)?,
    };
    let now = now_stamp();
    tx.prepare_cached("INSERT INTO references_used (reference, issued_at) VALUES (?1, ?2)")?.execute(params![reference, now])?;
    refs.issued(&reference);
    let la_id = people::organisation_id(tx, LOCAL_AUTHORITY, &input.local_authority)?;
    let icb_id = match &input.icb {
        Some(name) => Some(people::organisation_id(tx, ICB, name)?),
        None => None,
    };
    let timeline = law::rules::timeline(&input.facts, ctx.cal, &ctx.choices, ctx.today);
    let facts_text = facts_json(&input.facts)?;
    tx.prepare_cached(
        "INSERT INTO cases (reference, status, la_id, icb_id, decision_kind, letter_dated,
                            opened_on, route, facts, created_at, updated_at, legacy_reference)
         VALUES (?1, 'open', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)",
    )?
    .execute(params![
        reference,
        la_id,
        icb_id,
        decision_name(&input.facts),
        input.facts.decision.letter_dated,
        opened_on,
        route_name(&timeline),
        facts_text,
        now,
        input.legacy_reference
    ])?;
    let case_id = tx.last_insert_rowid();
    let parties = parties_of(input);
    people::write_parties(tx, case_id, &parties)?;
    if let Some(d) = &input.disagreement {
        disagreements::check_links(tx, None, &parties.child.name, d)?;
    }
    disagreements::write(tx, case_id, input.disagreement.as_ref())?;
    if let Some(text) = &input.note {
        add_note_row(tx, case_id, ctx.who, text)?;
    }
    today::write_clocks(tx, case_id, &timeline)?;
    search::refresh(tx, case_id)?;
    // What was just written (`read_record` would read back the same).
    let after = CaseRecord {
        reference: reference.clone(),
        legacy_reference: input.legacy_reference.clone(),
        status: "open".into(),
        closing_reason: None,
        closed_on: None,
        opened_on,
        route: route_name(&timeline),
        local_authority: input.local_authority.clone(),
        icb: input.icb.clone(),
        caller: parties.caller,
        appellant: parties.appellant,
        child: parties.child,
        representatives: parties.representatives,
        facts: input.facts.clone(),
        disagreement: input.disagreement.clone(),
        next_due: timeline.next_clock().map(|c| c.due_date),
        notes: Vec::new(),
        created_at: now.clone(),
        updated_at: now,
    };
    let mut changes = history::diff(&Value::Null, &after.tracked());
    if let (Some(text), Value::Array(list)) = (&input.note, &mut changes) {
        list.push(serde_json::json!({"field": "note", "before": null, "after": text}));
    }
    history::append(tx, &reference, ctx.who, history::HistoryAction::Created, &changes)?;
    Ok(reference)
}

/// Certificates issued through the register change only by voiding or
/// re-issuing: an update must carry them through unchanged.
fn keeps_registered_certificates(conn: &Connection, before: &CaseFacts, after: &CaseFacts) -> Result<()> {
    let mut registered = conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM certificates WHERE number = ?1)")?;
    let mut is_registered = |c: &law::facts::IssuedCertificate| -> Result<bool> {
        match &c.number {
            Some(n) => Ok(registered.query_row([n], |r| r.get(0))?),
            None => Ok(false),
        }
    };
    for c in &before.certificates {
        if is_registered(c)? && !after.certificates.contains(c) {
            return Err(StoreError::bad(
                "facts.certificates",
                format!(
                    "certificate {} is in the register: keep it in the facts unchanged (it changes only by certificate void or reissue)",
                    c.number.as_deref().unwrap_or("")
                ),
            ));
        }
    }
    for c in &after.certificates {
        if is_registered(c)? && !before.certificates.contains(c) {
            return Err(StoreError::bad(
                "facts.certificates",
                format!(
                    "certificate {} is in the register: it is added to a case only by issuing it",
                    c.number.as_deref().unwrap_or("")
                ),
            ));
        }
    }
    Ok(())
}

fn parties_of(input: &CaseInput) -> Parties {
    Parties {
        caller: input.caller.as_ref().map(|c| record(c, CallerRole::Parent)),
        appellant: input.appellant.clone(),
        child: record(input.child.as_ref().expect("validated: a child"), CallerRole::Child),
        representatives: input.representatives.iter().map(|r| record(r, CallerRole::Representative)).collect(),
    }
}

/// Close the case `reference` on `on` with `reason`.
fn close_in(tx: &Connection, reference: &str, reason: &str, who: &str, on: NaiveDate) -> Result<()> {
    let (id, status, old_reason, old_closed_on): (i64, String, Option<String>, Option<NaiveDate>) = tx
        .prepare_cached("SELECT id, status, closing_reason, closed_on FROM cases WHERE reference = ?1")?
        .query_row([reference], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?
        .ok_or_else(|| StoreError::NotFound { reference: reference.to_string() })?;
    if status == "closed" {
        return Err(StoreError::bad("reference", format!("{reference} is already closed")));
    }
    // A closed case has no clocks in the Today view and no next due date.
    tx.prepare_cached(
        "UPDATE cases SET status = 'closed', closing_reason = ?2, closed_on = ?3, updated_at = ?4,
                          next_due = NULL, list_order = '2|' || reference
         WHERE id = ?1",
    )?
    .execute(params![id, reason, on, now_stamp()])?;
    tx.prepare_cached("DELETE FROM case_clocks WHERE case_id = ?1")?.execute([id])?;
    // Only these three fields change.
    let changes = history::diff(
        &serde_json::json!({"status": status, "closing_reason": old_reason, "closed_on": old_closed_on}),
        &serde_json::json!({"status": "closed", "closing_reason": reason, "closed_on": on}),
    );
    history::append(tx, reference, who, history::HistoryAction::Closed, &changes)?;
    Ok(())
}

fn add_note_row(conn: &Connection, case_id: i64, who: &str, text: &str) -> Result<()> {
    conn.prepare_cached("INSERT INTO notes (case_id, written_at, author, text) VALUES (?1, ?2, ?3, ?4)")?.execute(params![
        case_id,
        now_stamp(),
        who,
        text
    ])?;
    Ok(())
}

pub(crate) fn case_id(conn: &Connection, reference: &str) -> Result<i64> {
    conn.prepare_cached("SELECT id FROM cases WHERE reference = ?1")?
        .query_row([reference], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound { reference: reference.to_string() })
}

pub(crate) fn read_record(conn: &Connection, case_id: i64) -> Result<CaseRecord> {
    #[allow(clippy::type_complexity)]
    let row: (
        String,
        String,
        Option<String>,
        Option<NaiveDate>,
        NaiveDate,
        String,
        i64,
        Option<i64>,
        String,
        Option<NaiveDate>,
        String,
        String,
        Option<String>,
    ) = conn
        .prepare_cached(
            "SELECT reference, status, closing_reason, closed_on, opened_on, route, la_id, icb_id,
                    facts, next_due, created_at, updated_at, legacy_reference
             FROM cases WHERE id = ?1",
        )?
        .query_row([case_id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
                r.get(11)?,
                r.get(12)?,
            ))
        })?;
    let parties = people::read_parties(conn, case_id)?;
    let mut notes_stmt = conn.prepare_cached("SELECT written_at, author, text FROM notes WHERE case_id = ?1 ORDER BY id")?;
    let notes = notes_stmt
        .query_map([case_id], |r| Ok(NoteRecord { written_at: r.get(0)?, author: r.get(1)?, text: r.get(2)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(CaseRecord {
        reference: row.0,
        legacy_reference: row.12,
        status: row.1,
        closing_reason: row.2,
        closed_on: row.3,
        opened_on: row.4,
        route: row.5,
        local_authority: people::organisation_name(conn, row.6)?,
        icb: match row.7 {
            Some(id) => Some(people::organisation_name(conn, id)?),
            None => None,
        },
        caller: parties.caller,
        appellant: parties.appellant,
        child: parties.child,
        representatives: parties.representatives,
        facts: serde_json::from_str(&row.8)?,
        disagreement: disagreements::read(conn, case_id)?,
        next_due: row.9,
        notes,
        created_at: row.10,
        updated_at: row.11,
    })
}

impl Store {
    pub(crate) fn begin(&mut self) -> Result<Transaction<'_>> {
        Ok(self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    }

    /// Add a case; returns its reference. Validated first: a refused case
    /// writes nothing.
    pub fn add_case(&mut self, input: &CaseInput, who: &str, today: NaiveDate) -> Result<String> {
        validate::name("who", who, true)?;
        validate::case(input, today)?;
        let (cal, choices) = (self.calendar()?, self.choices()?);
        let tx = self.begin()?;
        let ctx = SaveContext { cal: &cal, choices, today, who };
        let reference = insert(&tx, input, &ctx, &mut References::default())?;
        tx.commit()?;
        Ok(reference)
    }

    /// Load cases in one transaction (seeding, importing): all or none.
    /// Each with a `Closing` is closed at once, on its date (on or after
    /// the case was opened, not after `today`) and with its reason, as an
    /// old case that has finished.
    pub fn load(&mut self, items: &[(CaseInput, Option<Closing>)], who: &str, today: NaiveDate) -> Result<Vec<String>> {
        validate::name("who", who, true)?;
        for (i, (input, closing)) in items.iter().enumerate() {
            validate::case(input, today)
                .and_then(|()| match closing {
                    Some(c) => validate::closing(c, input.opened_on.unwrap_or(today), today),
                    None => Ok(()),
                })
                .map_err(|e| match e {
                    StoreError::BadInput { field, message } => {
                        StoreError::BadInput { field: format!("cases[{i}].{field}"), message }
                    }
                    other => other,
                })?;
        }
        let (cal, choices) = (self.calendar()?, self.choices()?);
        let tx = self.begin()?;
        let ctx = SaveContext { cal: &cal, choices, today, who };
        let mut refs = Vec::with_capacity(items.len());
        let mut issued = References::default();
        for (input, closing) in items {
            let reference = insert(&tx, input, &ctx, &mut issued)?;
            if let Some(c) = closing {
                close_in(&tx, &reference, &c.reason, who, c.on)?;
            }
            refs.push(reference);
        }
        tx.commit()?;
        Ok(refs)
    }

    /// Save edited facts, keeping the case's people and organisations.
    pub fn update_facts(&mut self, reference: &str, facts: CaseFacts, who: &str, today: NaiveDate) -> Result<()> {
        let record = self.case(reference)?;
        let input = record.to_input(facts);
        self.update_case(reference, &input, who, today)
    }

    /// Replace a case's people, organisations and facts with `input`
    /// (notes are added, never replaced). Records each changed field.
    pub fn update_case(&mut self, reference: &str, input: &CaseInput, who: &str, today: NaiveDate) -> Result<()> {
        validate::name("who", who, true)?;
        // A case saved by an older version may have a reference this one
        // would not give; it can still be updated.
        if let Err(e) = validate::reference("reference", reference) {
            if case_id(&self.conn, reference).is_err() {
                return Err(e);
            }
        }
        if let Some(r) = &input.reference {
            if r != reference {
                return Err(StoreError::bad(
                    "reference",
                    format!("the file is for {r}, not {reference}; a reference cannot be changed"),
                ));
            }
        }
        // A disagreement resolution case saved before its record was kept
        // (by an earlier version) can still be corrected without one.
        let unrecorded = input.disagreement.is_none()
            && input.facts.service == law::facts::Service::DisagreementResolution
            && disagreements::read(&self.conn, case_id(&self.conn, reference)?)?.is_none();
        validate::case_with(input, today, unrecorded)?;
        let (cal, choices) = (self.calendar()?, self.choices()?);
        let tx = self.begin()?;
        let id = case_id(&tx, reference)?;
        let before = read_record(&tx, id)?;
        keeps_registered_certificates(&tx, &before.facts, &input.facts)?;
        let la_id = people::organisation_id(&tx, LOCAL_AUTHORITY, &input.local_authority)?;
        let icb_id = match &input.icb {
            Some(name) => Some(people::organisation_id(&tx, ICB, name)?),
            None => None,
        };
        let timeline = law::rules::timeline(&input.facts, &cal, &choices, today);
        tx.prepare_cached(
            "UPDATE cases SET la_id = ?2, icb_id = ?3, decision_kind = ?4, letter_dated = ?5,
                              opened_on = ?6, route = ?7, facts = ?8, updated_at = ?9, legacy_reference = ?10
             WHERE id = ?1",
        )?
        .execute(params![
            id,
            la_id,
            icb_id,
            decision_name(&input.facts),
            input.facts.decision.letter_dated,
            input.opened_on.unwrap_or(before.opened_on),
            route_name(&timeline),
            facts_json(&input.facts)?,
            now_stamp(),
            input.legacy_reference
        ])?;
        let parties = parties_of(input);
        people::write_parties(&tx, id, &parties)?;
        if let Some(d) = &input.disagreement {
            disagreements::check_links(&tx, Some(reference), &parties.child.name, d)?;
        }
        disagreements::write(&tx, id, input.disagreement.as_ref())?;
        if let Some(text) = &input.note {
            add_note_row(&tx, id, who, text)?;
        }
        if before.status == "open" {
            today::write_clocks(&tx, id, &timeline)?;
        }
        search::refresh(&tx, id)?;
        let after = read_record(&tx, id)?;
        let mut changes = history::diff(&before.tracked(), &after.tracked());
        if let (Some(text), Value::Array(list)) = (&input.note, &mut changes) {
            list.push(serde_json::json!({"field": "note", "before": null, "after": text}));
        }
        if changes.as_array().is_some_and(|l| !l.is_empty()) {
            history::append(&tx, reference, who, history::HistoryAction::Updated, &changes)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Add a note to a case.
    pub fn add_note(&mut self, reference: &str, text: &str, who: &str) -> Result<()> {
        validate::name("who", who, true)?;
        validate::note("note", text)?;
        let tx = self.begin()?;
        let id = case_id(&tx, reference)?;
        add_note_row(&tx, id, who, text)?;
        search::refresh(&tx, id)?;
        history::append(
            &tx,
            reference,
            who,
            history::HistoryAction::NoteAdded,
            &serde_json::json!([{"field": "note", "before": null, "after": text}]),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Close an open case with a reason.
    pub fn close_case(&mut self, reference: &str, reason: &str, who: &str, today: NaiveDate) -> Result<()> {
        validate::name("who", who, true)?;
        validate::text("closing_reason", reason, validate::MAX_TEXT_CHARS, true, true)?;
        let tx = self.begin()?;
        close_in(&tx, reference, reason, who, today)?;
        tx.commit()?;
        Ok(())
    }

    /// Delete a case and its people and notes (the retention rule). Its
    /// reference is never issued again, and its history stays.
    pub fn delete_case(&mut self, reference: &str, who: &str) -> Result<()> {
        validate::name("who", who, true)?;
        let tx = self.begin()?;
        let id = case_id(&tx, reference)?;
        tx.execute("DELETE FROM case_search WHERE rowid = ?1", [id])?;
        tx.execute("DELETE FROM cases WHERE id = ?1", [id])?;
        history::append(&tx, reference, who, history::HistoryAction::Deleted, &serde_json::json!([]))?;
        tx.commit()?;
        Ok(())
    }

    /// A case as stored.
    pub fn case(&self, reference: &str) -> Result<CaseRecord> {
        read_record(&self.conn, case_id(&self.conn, reference)?)
    }

    /// The engine's timeline for `facts` on `today`, with this store's
    /// bank holidays and counting choices.
    pub fn timeline_for(&self, facts: &CaseFacts, today: NaiveDate) -> Result<Timeline> {
        Ok(law::rules::timeline(facts, &self.calendar()?, &self.choices()?, today))
    }

    /// The case list, sorted by next due clock (cases with none last),
    /// then reference.
    pub fn list_cases(&self, filter: &ListFilter) -> Result<Vec<CaseSummary>> {
        let limit = filter.limit.unwrap_or(200);
        // The filters besides search, on the cases table `c`.
        let mut conditions = String::new();
        let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
        if filter.open_only {
            // `list_order` starts with 0 or 1 for open cases, 2 for closed.
            conditions.push_str(" AND c.list_order < '2'");
        }
        if let Some(la) = &filter.local_authority {
            conditions.push_str(" AND c.la_id = (SELECT id FROM organisations WHERE kind = 'local_authority' AND name = ?)");
            args.push(Box::new(la.clone()));
        }
        if let Some(kind) = &filter.decision_kind {
            conditions.push_str(" AND c.decision_kind = ?");
            args.push(Box::new(kind.clone()));
        }
        if let Some(route) = &filter.route {
            conditions.push_str(" AND c.route = ?");
            args.push(Box::new(route.clone()));
        }
        if filter.closed_only {
            conditions.push_str(" AND c.list_order >= '2'");
        }
        let query = match filter.search.as_deref().map(|t| (t, search::fts_query(t))) {
            Some((_, Some(q))) => Some(q),
            Some((text, None)) if !text.trim().is_empty() => return Ok(Vec::new()),
            _ => None,
        };
        let ids: Vec<i64> = match query {
            None => {
                let sql = format!(
                    "SELECT c.id FROM cases c INDEXED BY cases_list_order WHERE 1{conditions}
                     ORDER BY c.list_order LIMIT {limit}"
                );
                let mut stmt = self.conn.prepare_cached(&sql)?;
                let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            }
            Some(q) => search::matching_in_order(&self.conn, &q, &conditions, &args, limit)?,
        };
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let id_list = ids.iter().map(|id| id.to_string()).collect::<Vec<_>>().join(",");
        let sql = format!(
            "SELECT c.reference, c.status, c.route,
                    (SELECT name FROM people p WHERE p.case_id = c.id AND p.part = 'child' LIMIT 1),
                    (SELECT name FROM people p WHERE p.case_id = c.id AND p.part = 'caller' LIMIT 1),
                    (SELECT name FROM organisations o WHERE o.id = c.la_id),
                    c.decision_kind, c.opened_on, c.next_due
             FROM cases c WHERE c.id IN ({id_list})
             ORDER BY c.list_order"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| {
            Ok(CaseSummary {
                reference: r.get(0)?,
                status: r.get(1)?,
                route: r.get(2)?,
                child: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                caller: r.get(4)?,
                local_authority: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                decision_kind: r.get(6)?,
                opened_on: r.get(7)?,
                next_due: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many cases there are (open only, if asked).
    pub fn count_cases(&self, open_only: bool) -> Result<i64> {
        let sql = if open_only { "SELECT count(*) FROM cases WHERE status = 'open'" } else { "SELECT count(*) FROM cases" };
        Ok(self.conn.query_row(sql, [], |r| r.get(0))?)
    }
}
