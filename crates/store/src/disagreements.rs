//! Disagreement resolution cases in the store (migration 7): the other
//! parties, organisations of a type named once and reused across cases
//! (`other_parties`), each case's parties in order with their answers
//! (`case_other_parties`), and the rest of the record as JSON in
//! `cases.disagreement`. Also: the service's targets on Today, and the
//! record of outcome.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use super::{cases, history, settings, today, validate, Result, Store, StoreError};
use law::disagreement::{Disagreement, KnownParty, OtherParty, PartyAnswer, PartyResponse, PartyType};
use law::facts::Service;
use law::rules::disagreement_status::DisagreementStatus;
use law::timeline::Status;

/// Migration 7's step in Rust: `cases.letter_dated` may be empty (a
/// disagreement resolution case has no decision letter). SQLite cannot
/// drop a NOT NULL constraint with ALTER TABLE, and rebuilding the table
/// would copy every case; removing a NOT NULL constraint changes nothing
/// stored, so the table's definition is edited in place, as SQLite's
/// documentation describes (ALTER TABLE, "making other kinds of table
/// schema changes"): in this migration's transaction, with the schema
/// version bumped and the result checked.
pub(crate) fn letter_date_optional(tx: &Transaction) -> Result<()> {
    let sql: String = tx.query_row("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'cases'", [], |r| r.get(0))?;
    let (old, new) = ("letter_dated   TEXT NOT NULL,", "letter_dated   TEXT,");
    if !sql.contains(old) {
        return Err(StoreError::Other("migration 7: the cases table's letter_dated column is not as migration 1 made it".into()));
    }
    let version: i64 = tx.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
    tx.execute_batch("PRAGMA writable_schema = ON")?;
    let edited =
        tx.execute("UPDATE sqlite_schema SET sql = ?1 WHERE type = 'table' AND name = 'cases'", [sql.replacen(old, new, 1)]);
    tx.execute_batch(&format!("PRAGMA schema_version = {}; PRAGMA writable_schema = OFF;", version + 1))?;
    edited?;
    let problems: Vec<String> =
        tx.prepare("PRAGMA quick_check")?.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<_>>()?;
    if problems != ["ok"] {
        return Err(StoreError::Other(format!("migration 7: the database check failed: {}", problems.join("; "))));
    }
    Ok(())
}

/// The id of the organisation `name` of `party_type`, added if new.
fn other_party_id(conn: &Connection, party_type: PartyType, name: &str) -> Result<i64> {
    let found: Option<i64> = conn
        .prepare_cached("SELECT id FROM other_parties WHERE type = ?1 AND name = ?2")?
        .query_row(params![party_type.as_str(), name], |r| r.get(0))
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    conn.prepare_cached("INSERT INTO other_parties (type, name) VALUES (?1, ?2)")?.execute(params![party_type.as_str(), name])?;
    Ok(conn.last_insert_rowid())
}

fn answer_name(answer: PartyAnswer) -> &'static str {
    match answer {
        PartyAnswer::Agreed => "agreed",
        PartyAnswer::Refused => "refused",
    }
}

/// The record as stored in `cases.disagreement`: without its parties and
/// its `null` members.
fn stored_json(d: &Disagreement) -> Result<String> {
    let mut value = serde_json::to_value(d)?;
    if let Value::Object(map) = &mut value {
        map.remove("other_parties");
    }
    history::compact(&mut value);
    Ok(serde_json::to_string(&value)?)
}

/// The record read back: its JSON and its parties.
fn from_stored(json: &str, parties: Vec<OtherParty>) -> Result<Disagreement> {
    let mut value: Value = serde_json::from_str(json)?;
    if let Value::Object(map) = &mut value {
        map.insert("other_parties".into(), serde_json::to_value(parties)?);
    }
    Ok(serde_json::from_value(value)?)
}

/// Write a case's record (or clear it, for a mediation case) inside the
/// caller's transaction.
pub(crate) fn write(conn: &Connection, case_id: i64, d: Option<&Disagreement>) -> Result<()> {
    conn.prepare_cached("DELETE FROM case_other_parties WHERE case_id = ?1")?.execute([case_id])?;
    let json = d.map(stored_json).transpose()?;
    conn.prepare_cached("UPDATE cases SET disagreement = ?2 WHERE id = ?1")?.execute(params![case_id, json])?;
    let Some(d) = d else { return Ok(()) };
    let mut insert = conn.prepare_cached(
        "INSERT INTO case_other_parties (case_id, position, party_id, answer, answered_on) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, p) in d.other_parties.iter().enumerate() {
        let id = other_party_id(conn, p.party_type, &p.name)?;
        let response = p.response.as_ref();
        insert.execute(params![case_id, i as i64, id, response.map(|r| answer_name(r.answer)), response.map(|r| r.on)])?;
    }
    Ok(())
}

fn party_row(r: &rusqlite::Row, first: usize) -> rusqlite::Result<OtherParty> {
    let party_type: String = r.get(first + 1)?;
    let answer: Option<String> = r.get(first + 2)?;
    let on: Option<NaiveDate> = r.get(first + 3)?;
    Ok(OtherParty {
        name: r.get(first)?,
        party_type: PartyType::parse(&party_type).unwrap_or(PartyType::LocalAuthority),
        response: match (answer.as_deref(), on) {
            (Some("agreed"), Some(on)) => Some(PartyResponse { answer: PartyAnswer::Agreed, on }),
            (Some("refused"), Some(on)) => Some(PartyResponse { answer: PartyAnswer::Refused, on }),
            _ => None,
        },
    })
}

/// A case's record, if it is a disagreement resolution case.
pub(crate) fn read(conn: &Connection, case_id: i64) -> Result<Option<Disagreement>> {
    let json: Option<String> =
        conn.prepare_cached("SELECT disagreement FROM cases WHERE id = ?1")?.query_row([case_id], |r| r.get(0))?;
    let Some(json) = json else { return Ok(None) };
    let mut stmt = conn.prepare_cached(
        "SELECT o.name, o.type, cp.answer, cp.answered_on FROM case_other_parties cp
         JOIN other_parties o ON o.id = cp.party_id WHERE cp.case_id = ?1 ORDER BY cp.position",
    )?;
    let parties = stmt.query_map([case_id], |r| party_row(r, 0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some(from_stored(&json, parties)?))
}

/// Every disagreement resolution case's record by case id, read in two
/// passes (for the exports and the report, which read every case).
pub(crate) fn read_all(conn: &Connection) -> Result<HashMap<i64, Disagreement>> {
    let mut parties: HashMap<i64, Vec<OtherParty>> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT cp.case_id, o.name, o.type, cp.answer, cp.answered_on FROM case_other_parties cp
             JOIN other_parties o ON o.id = cp.party_id ORDER BY cp.case_id, cp.position",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            parties.entry(r.get(0)?).or_default().push(party_row(r, 1)?);
        }
    }
    let mut out = HashMap::new();
    let mut stmt = conn.prepare("SELECT id, disagreement FROM cases WHERE disagreement IS NOT NULL")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let json: String = r.get(1)?;
        out.insert(id, from_stored(&json, parties.remove(&id).unwrap_or_default())?);
    }
    Ok(out)
}

/// The other cases a record links to must exist, be mediation cases (not
/// disagreement resolution) and be about the same child.
pub(crate) fn check_links(conn: &Connection, own: Option<&str>, child: &str, d: &Disagreement) -> Result<()> {
    for (i, reference) in d.linked_cases.iter().enumerate() {
        let field = format!("disagreement.linked_cases[{i}]");
        if Some(reference.as_str()) == own {
            return Err(StoreError::bad(
                field,
                format!("{reference} is this case: link a mediation or appeal case of the same child"),
            ));
        }
        let found: Option<(i64, Option<String>)> = conn
            .prepare_cached("SELECT id, disagreement FROM cases WHERE reference = ?1")?
            .query_row([reference], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((id, other)) = found else {
            return Err(StoreError::bad(field, format!("No case has the reference {reference}")));
        };
        if other.is_some() {
            return Err(StoreError::bad(
                field,
                format!("{reference} is another disagreement resolution case: link a mediation or appeal case"),
            ));
        }
        let other_child: String = conn
            .prepare_cached("SELECT name FROM people WHERE case_id = ?1 AND part = 'child' LIMIT 1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .unwrap_or_default();
        let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
        if !same(&other_child, child) {
            return Err(StoreError::bad(
                field,
                format!("{reference} is about {other_child}, not {child}: link only a case of the same child"),
            ));
        }
    }
    Ok(())
}

/// The service's targets for disagreement resolution, on Today: pending
/// ones only, labelled as the service's own standard, never the law.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TargetItem {
    pub due_date: NaiveDate,
    /// `overdue` (past the target), `due_today` or `upcoming`.
    pub status: &'static str,
    /// In the service's words: "Past the service's target", ...
    pub status_text: &'static str,
    /// `overdue`, `due_today`, `this_week` or `later`, as Today groups clocks.
    pub group: &'static str,
    pub reference: String,
    pub target_key: String,
    pub target: String,
    pub child: String,
    /// "The service's own target, not a statutory limit".
    pub standard: &'static str,
}

impl Store {
    /// Every disagreement resolution case's record, by case id.
    pub fn disagreements(&self) -> Result<HashMap<i64, Disagreement>> {
        read_all(&self.conn)
    }

    /// The organisations known as other parties, for the pick list.
    pub fn other_parties(&self) -> Result<Vec<KnownParty>> {
        let mut stmt = self.conn.prepare("SELECT name, type FROM other_parties ORDER BY name, type")?;
        let rows = stmt.query_map([], |r| {
            let party_type: String = r.get(1)?;
            Ok(KnownParty { name: r.get(0)?, party_type: PartyType::parse(&party_type).unwrap_or(PartyType::LocalAuthority) })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Save a case's disagreement resolution record (its events, outcome,
    /// links), keeping everything else.
    pub fn save_disagreement(&mut self, reference: &str, d: Disagreement, who: &str, today: NaiveDate) -> Result<()> {
        let record = self.case(reference)?;
        if record.facts.service != Service::DisagreementResolution {
            return Err(StoreError::bad("disagreement", format!("{reference} is a mediation case, not disagreement resolution")));
        }
        let mut input = record.to_input(record.facts.clone());
        input.disagreement = Some(d);
        self.update_case(reference, &input, who, today)
    }

    /// Where a disagreement resolution case stands on `today`: its events,
    /// contradictions and the service's targets. `None` for other cases.
    pub fn disagreement_status(&self, d: Option<&Disagreement>, today: NaiveDate) -> Result<Option<DisagreementStatus>> {
        let Some(d) = d else { return Ok(None) };
        Ok(Some(law::rules::disagreement_status::status(d, &self.service_targets()?, &self.calendar()?, today)))
    }

    /// The service's targets of every open disagreement resolution case
    /// due by `today + days` (past ones always), soonest first.
    pub fn today_targets(&self, today: NaiveDate, days: u32) -> Result<Vec<TargetItem>> {
        let targets = self.service_targets()?;
        if !targets.enabled {
            return Ok(Vec::new());
        }
        let cal = self.calendar()?;
        let until = law::calendar::add_days(today, days as i64);
        let cases: Vec<(i64, String, String)> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT c.id, c.reference,
                        coalesce((SELECT name FROM people p WHERE p.case_id = c.id AND p.part = 'child' LIMIT 1), '')
                 FROM cases c INDEXED BY cases_open_disagreements
                 WHERE c.disagreement IS NOT NULL AND c.status = 'open'",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut out = Vec::new();
        for (id, reference, child) in cases {
            let Some(d) = read(&self.conn, id)? else { continue };
            for t in law::rules::service_targets::targets(&d, &targets, &cal, today) {
                if !t.status.is_pending() || t.due_date > until && t.status != Status::Overdue {
                    continue;
                }
                let (status, group) = today::classify(t.due_date, today);
                out.push(TargetItem {
                    due_date: t.due_date,
                    status,
                    status_text: t.status_text,
                    group,
                    reference: reference.clone(),
                    target_key: t.key.to_string(),
                    target: t.label.clone(),
                    child: child.clone(),
                    standard: t.standard,
                });
            }
        }
        out.sort_by(|a, b| (a.due_date, &a.reference, &a.target_key).cmp(&(b.due_date, &b.reference, &b.target_key)));
        Ok(out)
    }

    /// The record of outcome of a disagreement resolution case, dated
    /// `dated`, as the drafter renders it from the case and the service's
    /// details; recorded in the case's history with the PDF's SHA-256.
    pub fn record_of_outcome_with(
        &mut self,
        reference: &str,
        dated: NaiveDate,
        who: &str,
        draft: &dyn Fn(&cases::CaseRecord, &settings::ServiceSettings) -> Result<Vec<u8>>,
    ) -> Result<Vec<u8>> {
        validate::name("who", who, true)?;
        let tx = self.begin()?;
        let case = cases::read_record(&tx, cases::case_id(&tx, reference)?)?;
        let service = settings::service_in(&tx)?;
        let pdf = draft(&case, &service)?;
        let digest = crate::certificates::sha256_hex(&pdf);
        history::append(
            &tx,
            reference,
            who,
            history::HistoryAction::RecordOfOutcomeWritten,
            &serde_json::json!([
                {"field": "record_of_outcome.dated", "before": null, "after": dated},
                {"field": "record_of_outcome.sha256", "before": null, "after": digest},
            ]),
        )?;
        tx.commit()?;
        Ok(pdf)
    }
}
