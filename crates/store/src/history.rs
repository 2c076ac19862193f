//! The append-only history: every change to a case (and to the settings)
//! with when, who and each field's value before and after. Nothing here
//! updates or deletes a row, and SQLite triggers refuse it anyway.

use rusqlite::{params, Connection};
use serde::Serialize;
use serde_json::{Map, Value};
use ts_rs::TS;

use super::{now_stamp, Result, Store};

/// The `reference` history rows about the settings carry.
pub const SETTINGS: &str = "(settings)";

/// What a history entry records; stored (and shown in `HistoryEntry`) by
/// its serde name, `note_added`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum HistoryAction {
    Created,
    Updated,
    NoteAdded,
    Closed,
    Deleted,
    ReferenceGiven,
    CertificateIssued,
    CertificateReissued,
    CertificateVoided,
    ExemptionLetterWritten,
    RecordOfOutcomeWritten,
    SettingsSaved,
    StaffSaved,
    Anonymised,
}

impl HistoryAction {
    pub const ALL: [HistoryAction; 14] = [
        HistoryAction::Created,
        HistoryAction::Updated,
        HistoryAction::NoteAdded,
        HistoryAction::Closed,
        HistoryAction::Deleted,
        HistoryAction::ReferenceGiven,
        HistoryAction::CertificateIssued,
        HistoryAction::CertificateReissued,
        HistoryAction::CertificateVoided,
        HistoryAction::ExemptionLetterWritten,
        HistoryAction::RecordOfOutcomeWritten,
        HistoryAction::SettingsSaved,
        HistoryAction::StaffSaved,
        HistoryAction::Anonymised,
    ];

    /// The action in running text, as a case's history lists it.
    pub fn words(self) -> &'static str {
        match self {
            HistoryAction::Created => "created",
            HistoryAction::Updated => "updated",
            HistoryAction::NoteAdded => "note added",
            HistoryAction::Closed => "closed",
            HistoryAction::Deleted => "deleted",
            HistoryAction::ReferenceGiven => "reference given",
            HistoryAction::CertificateIssued => "certificate issued",
            HistoryAction::CertificateReissued => "certificate reissued",
            HistoryAction::CertificateVoided => "certificate voided",
            HistoryAction::ExemptionLetterWritten => "exemption letter written",
            HistoryAction::RecordOfOutcomeWritten => "record of outcome written",
            HistoryAction::SettingsSaved => "settings saved",
            HistoryAction::StaffSaved => "staff saved",
            HistoryAction::Anonymised => "anonymised",
        }
    }
}

/// One entry of a case's history.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    pub at: String,
    pub who: String,
    /// A `HistoryAction`'s name: `created`, `updated`, `note_added`, `closed`,
    /// `deleted`, `settings_saved`, ...
    pub action: String,
    /// A list of `{ "field", "before", "after" }`.
    pub changes: Value,
}

pub(crate) fn append(conn: &Connection, reference: &str, who: &str, action: HistoryAction, changes: &Value) -> Result<()> {
    conn.prepare_cached("INSERT INTO history (reference, at, who, action, changes) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![reference, now_stamp(), who, law::serde_names::name_of(action), serde_json::to_string(changes)?])?;
    Ok(())
}

/// Field-level differences between two JSON values, as a list of
/// `{ "field": "child.name", "before": ..., "after": ... }`. Objects are
/// compared key by key; arrays element by element (a shorter array's
/// missing elements are `null`).
pub fn diff(before: &Value, after: &Value) -> Value {
    let mut out = Vec::new();
    // A new (or removed) record: one entry per top-level field.
    let empty = Value::Object(Map::new());
    let (before, after) = match (before, after) {
        (Value::Null, Value::Object(_)) => (&empty, after),
        (Value::Object(_), Value::Null) => (before, &empty),
        _ => (before, after),
    };
    walk("", before, after, &mut out);
    Value::Array(out)
}

fn walk(path: &str, before: &Value, after: &Value, out: &mut Vec<Value>) {
    if before == after {
        return;
    }
    let join = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    match (before, after) {
        // Something whole appeared or went (a new case, an agreement
        // added): one entry, not one per leaf.
        (Value::Null, Value::Object(_) | Value::Array(_)) | (Value::Object(_) | Value::Array(_), Value::Null)
            if !path.is_empty() =>
        {
            out.push(change(path, before, after));
        }
        (Value::Object(b), Value::Object(a)) => {
            let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                walk(&join(key), b.get(key).unwrap_or(&Value::Null), a.get(key).unwrap_or(&Value::Null), out);
            }
        }
        (Value::Array(b), Value::Array(a)) => {
            for i in 0..b.len().max(a.len()) {
                walk(&format!("{path}[{i}]"), b.get(i).unwrap_or(&Value::Null), a.get(i).unwrap_or(&Value::Null), out);
            }
        }
        _ => out.push(change(path, before, after)),
    }
}

/// Drop the `null` members of objects, at any depth: an absent optional
/// fact reads back the same, and the stored JSON is about half the size.
pub(crate) fn compact(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(compact);
        }
        Value::Array(items) => items.iter_mut().for_each(compact),
        _ => {}
    }
}

fn change(path: &str, before: &Value, after: &Value) -> Value {
    let (mut before, mut after) = (before.clone(), after.clone());
    compact(&mut before);
    compact(&mut after);
    let mut change = Map::new();
    change.insert("field".into(), Value::String(if path.is_empty() { ".".into() } else { path.into() }));
    change.insert("before".into(), before);
    change.insert("after".into(), after);
    Value::Object(change)
}

pub(crate) fn read(conn: &Connection, reference: &str) -> Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare_cached("SELECT at, who, action, changes FROM history WHERE reference = ?1 ORDER BY id")?;
    let rows = stmt.query_map([reference], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (at, who, action, changes) = row?;
        out.push(HistoryEntry { at, who, action, changes: serde_json::from_str(&changes)? });
    }
    Ok(out)
}

impl Store {
    /// The history of a case (or of the settings: `history::SETTINGS`),
    /// oldest first. Kept after the case is deleted.
    pub fn history(&self, reference: &str) -> Result<Vec<HistoryEntry>> {
        read(&self.conn, reference)
    }
}
