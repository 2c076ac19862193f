//! People and organisations: a case's parties (caller, the appellant a
//! representative acts for, child or young person, representatives), the
//! local authorities and ICBs reused across cases, and the service's staff.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{history, validate, Result, Store, StoreError};
use law::people::{AppellantRole, CallerRole};

/// Organisation kinds as stored.
pub(crate) const LOCAL_AUTHORITY: &str = "local_authority";
pub(crate) const ICB: &str = "icb";

/// The id of the organisation named `name` of `kind`, added if new.
pub(crate) fn organisation_id(conn: &Connection, kind: &str, name: &str) -> Result<i64> {
    let found: Option<i64> = conn
        .prepare_cached("SELECT id FROM organisations WHERE kind = ?1 AND name = ?2")?
        .query_row(params![kind, name], |r| r.get(0))
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    conn.prepare_cached("INSERT INTO organisations (kind, name) VALUES (?1, ?2)")?.execute(params![kind, name])?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn organisation_name(conn: &Connection, id: i64) -> Result<String> {
    Ok(conn.prepare_cached("SELECT name FROM organisations WHERE id = ?1")?.query_row([id], |r| r.get(0))?)
}

/// The parties of a case as stored.
pub(crate) struct Parties {
    pub caller: Option<PersonRecord>,
    pub appellant: Option<Appellant>,
    pub child: PersonRecord,
    pub representatives: Vec<PersonRecord>,
}

pub(crate) fn write_parties(conn: &Connection, case_id: i64, parties: &Parties) -> Result<()> {
    conn.prepare_cached("DELETE FROM people WHERE case_id = ?1")?.execute([case_id])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO people (case_id, part, role, name, date_of_birth, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    if let Some(c) = &parties.caller {
        insert.execute(params![case_id, "caller", c.role.name(), c.name, c.date_of_birth, 0])?;
    }
    if let Some(a) = &parties.appellant {
        conn.prepare_cached(
            "INSERT INTO people (case_id, part, role, name, date_of_birth, position, relationship, contact)
             VALUES (?1, 'appellant', ?2, ?3, ?4, 0, ?5, ?6)",
        )?
        .execute(params![case_id, a.role.name(), a.name, a.date_of_birth, a.relationship, a.contact])?;
    }
    insert.execute(params![case_id, "child", "child", parties.child.name, parties.child.date_of_birth, 0])?;
    for (i, r) in parties.representatives.iter().enumerate() {
        insert.execute(params![case_id, "representative", "representative", r.name, r.date_of_birth, i as i64])?;
    }
    Ok(())
}

pub(crate) fn read_parties(conn: &Connection, case_id: i64) -> Result<Parties> {
    let mut stmt = conn.prepare_cached(
        "SELECT part, role, name, date_of_birth, relationship, contact FROM people WHERE case_id = ?1
         ORDER BY part, position, id",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<NaiveDate>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
        ))
    })?;
    let (mut caller, mut appellant, mut child, mut representatives) = (None, None, None, Vec::new());
    for row in rows {
        let (part, role, name, date_of_birth, relationship, contact) = row?;
        if part == "appellant" {
            appellant = Some(Appellant { name, role: AppellantRole::from_name(&role), date_of_birth, relationship, contact });
            continue;
        }
        let person = PersonRecord { name, role: CallerRole::from_name(&role), date_of_birth };
        match part.as_str() {
            "caller" => caller = Some(person),
            "child" => child = Some(person),
            _ => representatives.push(person),
        }
    }
    let child = child.ok_or_else(|| StoreError::Other(format!("case {case_id} has no child recorded (damaged data)")))?;
    Ok(Parties { caller, appellant, child, representatives })
}

/// The appellant a representative acts for (docs/case-json.md): the
/// parent or young person whose right the appeal is. Left out when the
/// caller is the parent or the young person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct Appellant {
    pub name: String,
    /// `parent` or `young_person`.
    pub role: AppellantRole,
    #[serde(default)]
    pub date_of_birth: Option<NaiveDate>,
    /// To the child, in words ("grandmother"), for a parent.
    #[serde(default)]
    pub relationship: Option<String>,
    /// A phone number or email address.
    #[serde(default)]
    pub contact: Option<String>,
}

/// A person as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonRecord {
    pub name: String,
    pub role: CallerRole,
    #[serde(default)]
    pub date_of_birth: Option<NaiveDate>,
}

pub use law::people::StaffRole;

/// One of the service's people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StaffMember {
    pub name: String,
    pub role: StaffRole,
    #[serde(default)]
    pub registration: Option<String>,
}

impl Store {
    /// Add or replace (by name) a member of staff.
    pub fn save_staff(&mut self, member: &StaffMember, who: &str) -> Result<()> {
        validate::name("who", who, true)?;
        validate::name("name", &member.name, true)?;
        if let Some(reg) = &member.registration {
            validate::name("registration", reg, false)?;
        }
        let tx = self.begin()?;
        let before: Option<StaffMember> = staff_by_name(&tx, &member.name)?;
        tx.execute(
            "INSERT INTO staff (name, role, registration) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO UPDATE SET role = excluded.role, registration = excluded.registration",
            params![member.name, member.role.name(), member.registration],
        )?;
        let changes = history::diff(&serde_json::to_value(&before)?, &serde_json::to_value(member)?);
        history::append(&tx, history::SETTINGS, who, history::HistoryAction::StaffSaved, &changes)?;
        tx.commit()?;
        Ok(())
    }

    /// The service's staff, by name.
    pub fn staff(&self) -> Result<Vec<StaffMember>> {
        all_staff(&self.conn)
    }

    /// The names of the local authorities (or ICBs) known, for pick lists.
    pub fn organisations(&self, icb: bool) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT name FROM organisations WHERE kind = ?1 ORDER BY name")?;
        let rows = stmt.query_map([if icb { ICB } else { LOCAL_AUTHORITY }], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

pub(crate) fn all_staff(conn: &Connection) -> Result<Vec<StaffMember>> {
    let mut stmt = conn.prepare_cached("SELECT name, role, registration FROM staff ORDER BY name")?;
    let rows = stmt.query_map([], staff_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn staff_row(r: &rusqlite::Row) -> rusqlite::Result<StaffMember> {
    let role: String = r.get(1)?;
    Ok(StaffMember {
        name: r.get(0)?,
        role: law::serde_names::from_name(&role).unwrap_or(StaffRole::Adviser),
        registration: r.get(2)?,
    })
}

pub(crate) fn staff_by_name(conn: &Connection, name: &str) -> Result<Option<StaffMember>> {
    Ok(conn.query_row("SELECT name, role, registration FROM staff WHERE name = ?1", [name], staff_row).optional()?)
}
