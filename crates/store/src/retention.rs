//! Kept only as long as it should be: the retention policy (a setting),
//! the closed cases due for disposal under it, and anonymising a case, at
//! the end of its retention or on a person's request. Anonymising removes
//! names, dates of birth, contact details, notes, the free text of its
//! facts and record, the values its history recorded, and its
//! certificates' PDFs; it keeps what the reports count (LA, decision,
//! route, outcome, dates) and the register's numbers, so figures and
//! numbering stay whole. Each disposal is logged with no personal data.
//! Who opened a case, and when, is recorded beside its history.

use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use law::rules::retention::{self, RetentionPolicy};

use super::{cases, history, now_stamp, settings, validate, Result, Store, StoreError};

const POLICY: &str = "retention_policy";

/// What a placeholder name reads once a case is anonymised.
pub const ERASED: &str = "(erased)";

/// A closed case whose retention has ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DisposalDue {
    pub reference: String,
    pub local_authority: String,
    pub closed_on: NaiveDate,
    /// The first day it was due for disposal.
    pub dispose_from: NaiveDate,
}

/// Why a case was anonymised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum DisposalKind {
    /// Its retention period ended.
    Retention,
    /// A person asked for their data to be erased.
    Request,
}

/// One line of the disposal log: no personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Disposal {
    pub reference: String,
    pub disposed_at: String,
    pub who: String,
    pub why: DisposalKind,
    pub reason: String,
    /// How many certificate PDFs were destroyed.
    pub certificates: i64,
}

/// One opening of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CaseAccess {
    pub at: String,
    pub who: String,
}

/// The reason the disposal log gives for a case whose retention ended.
pub const RETENTION_ENDED: &str = "Retention period ended";

/// The longest reason a disposal may give.
pub const MAX_REASON_CHARS: usize = 200;

impl Store {
    /// The retention policy (the defaults until one is saved).
    pub fn retention_policy(&self) -> Result<RetentionPolicy> {
        Ok(settings::get_in(self.connection(), POLICY)?.unwrap_or_default())
    }

    /// Save the retention policy (recorded in the settings' history).
    pub fn set_retention_policy(&mut self, policy: &RetentionPolicy, who: &str) -> Result<()> {
        validate::name("who", who, true)?;
        if !retention::YEARS.contains(&policy.years_after_closing) {
            return Err(StoreError::bad(
                "years_after_closing",
                format!(
                    "is {}; choose from {} to {} years",
                    policy.years_after_closing,
                    retention::YEARS.start(),
                    retention::YEARS.end()
                ),
            ));
        }
        let before = self.retention_policy()?;
        let tx = self.begin()?;
        settings::put_in(&tx, POLICY, policy)?;
        let changes = history::diff(&serde_json::json!({ POLICY: before }), &serde_json::json!({ POLICY: policy }));
        history::append(&tx, history::SETTINGS, who, history::HistoryAction::SettingsSaved, &changes)?;
        tx.commit()?;
        Ok(())
    }

    /// The closed, not yet anonymised cases due for disposal on `today`,
    /// longest overdue first.
    pub fn disposals_due(&self, today: NaiveDate) -> Result<Vec<DisposalDue>> {
        let policy = self.retention_policy()?;
        let mut stmt = self.connection().prepare(
            "SELECT c.reference, o.name, c.closed_on,
                    (SELECT p.date_of_birth FROM people p WHERE p.case_id = c.id AND p.part = 'child')
             FROM cases c JOIN organisations o ON o.id = c.la_id
             WHERE c.status = 'closed' AND c.disposed_on IS NULL AND c.closed_on IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, NaiveDate>(2)?, r.get::<_, Option<NaiveDate>>(3)?))
        })?;
        let mut due = Vec::new();
        for row in rows {
            let (reference, local_authority, closed_on, born) = row?;
            if let Some(from) = retention::dispose_from(closed_on, born, &policy) {
                if from <= today {
                    due.push(DisposalDue { reference, local_authority, closed_on, dispose_from: from });
                }
            }
        }
        due.sort_by(|a, b| a.dispose_from.cmp(&b.dispose_from).then_with(|| a.reference.cmp(&b.reference)));
        Ok(due)
    }

    /// Anonymise the closed case `reference` (see the module's account of
    /// what goes and what stays), in one transaction, and log it. For
    /// `DisposalKind::Retention` the case must be due on `today`.
    pub fn dispose(&mut self, reference: &str, why: DisposalKind, reason: &str, who: &str, today: NaiveDate) -> Result<Disposal> {
        validate::name("who", who, true)?;
        validate::text("reason", reason, MAX_REASON_CHARS, true, true)?;
        let record = self.case(reference)?;
        let disposed_on: Option<NaiveDate> =
            self.connection().query_row("SELECT disposed_on FROM cases WHERE reference = ?1", [reference], |r| r.get(0))?;
        if let Some(on) = disposed_on {
            return Err(StoreError::bad("reference", format!("{reference} was already anonymised on {on}")));
        }
        if record.status != "closed" {
            return Err(StoreError::bad("reference", format!("{reference} is open: close it first, then anonymise it")));
        }
        if why == DisposalKind::Retention && !self.disposals_due(today)?.iter().any(|d| d.reference == reference) {
            return Err(StoreError::bad(
                "reference",
                format!("{reference} is not yet due for disposal under the retention policy"),
            ));
        }
        let tx = self.begin()?;
        let id = cases::case_id(&tx, reference)?;
        tx.execute(
            "UPDATE people SET name = ?2, date_of_birth = NULL, relationship = NULL, contact = NULL WHERE case_id = ?1",
            params![id, ERASED],
        )?;
        tx.execute("DELETE FROM notes WHERE case_id = ?1", [id])?;
        tx.execute("DELETE FROM case_clocks WHERE case_id = ?1", [id])?;
        let mut facts = record.facts.clone();
        law::anonymise::case_facts(&mut facts);
        let disagreement = record.disagreement.clone().map(|mut d| {
            law::anonymise::disagreement(&mut d);
            d
        });
        tx.execute(
            "UPDATE cases SET facts = ?2, disagreement = ?3, closing_reason = ?4, disposed_on = ?5, updated_at = ?6 WHERE id = ?1",
            params![
                id,
                serde_json::to_string(&facts)?,
                disagreement.as_ref().map(serde_json::to_string).transpose()?,
                ERASED,
                today,
                now_stamp()
            ],
        )?;
        tx.execute("UPDATE case_search SET names = '', notes = '' WHERE rowid = ?1", [id])?;
        tx.execute("UPDATE history SET changes = '[]' WHERE reference = ?1 AND changes <> '[]'", [reference])?;
        let certificates = tx.execute(
            "UPDATE certificates SET pdf = x'', resolved = '[]' WHERE reference = ?1 AND length(pdf) > 0",
            [reference],
        )?;
        let disposal = Disposal {
            reference: reference.to_string(),
            disposed_at: now_stamp(),
            who: who.to_string(),
            why,
            reason: reason.trim().to_string(),
            certificates: certificates as i64,
        };
        tx.execute(
            "INSERT INTO disposals (reference, disposed_at, who, why, reason, certificates) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                disposal.reference,
                disposal.disposed_at,
                disposal.who,
                law::serde_names::name_of(why),
                disposal.reason,
                disposal.certificates
            ],
        )?;
        history::append(&tx, reference, who, history::HistoryAction::Anonymised, &serde_json::json!([]))?;
        tx.commit()?;
        Ok(disposal)
    }

    /// Anonymise, at the end of their retention, the cases `references`
    /// (those the person confirmed from `disposals_due`), each in its own
    /// transaction, in order; the first refused (no longer due, say) stops
    /// the rest. Returns what was done, and the refusal if there was one.
    pub fn dispose_due(&mut self, references: &[String], who: &str, today: NaiveDate) -> (Vec<Disposal>, Option<StoreError>) {
        let mut done = Vec::new();
        for reference in references {
            match self.dispose(reference, DisposalKind::Retention, RETENTION_ENDED, who, today) {
                Ok(disposal) => done.push(disposal),
                Err(err) => return (done, Some(err)),
            }
        }
        (done, None)
    }

    /// The disposal log, newest first.
    pub fn disposal_log(&self) -> Result<Vec<Disposal>> {
        let mut stmt = self
            .connection()
            .prepare("SELECT reference, disposed_at, who, why, reason, certificates FROM disposals ORDER BY id DESC")?;
        let rows = stmt.query_map([], |r| {
            let why: String = r.get(3)?;
            Ok(Disposal {
                reference: r.get(0)?,
                disposed_at: r.get(1)?,
                who: r.get(2)?,
                why: if why == "request" { DisposalKind::Request } else { DisposalKind::Retention },
                reason: r.get(4)?,
                certificates: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Record that `who` opened the case `reference` now. The record is
    /// written without waiting for the disk (it is a log of looking, not a
    /// change a person could lose), so opening a case stays quick.
    pub fn record_access(&self, reference: &str, who: &str) -> Result<()> {
        validate::name("who", who, true)?;
        let conn = self.connection();
        conn.execute_batch("PRAGMA synchronous = NORMAL")?;
        let written = conn
            .prepare_cached("INSERT INTO case_access (reference, at, who) VALUES (?1, ?2, ?3)")
            .and_then(|mut s| s.execute(params![reference, now_stamp(), who]));
        conn.execute_batch("PRAGMA synchronous = FULL")?;
        written?;
        Ok(())
    }

    /// Who opened the case `reference`, newest first.
    pub fn access_log(&self, reference: &str) -> Result<Vec<CaseAccess>> {
        let mut stmt =
            self.connection().prepare_cached("SELECT at, who FROM case_access WHERE reference = ?1 ORDER BY id DESC")?;
        let rows = stmt.query_map([reference], |r| Ok(CaseAccess { at: r.get(0)?, who: r.get(1)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// A case that names a person, and the part they have in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PersonInCase {
    pub reference: String,
    /// "caller", "child", "appellant" or "representative".
    pub part: String,
}

impl Store {
    /// The cases that name a person `name` (exactly, ignoring case and the
    /// spaces around it), with their part in each: who a subject access
    /// request is about. Anonymised cases name nobody.
    pub fn cases_naming(&self, name: &str) -> Result<Vec<PersonInCase>> {
        let wanted = name.trim().to_lowercase();
        if wanted.is_empty() {
            return Err(StoreError::bad("name", "is empty: give the name of the person who asked"));
        }
        let mut stmt = self.connection().prepare(
            "SELECT c.reference, p.part, p.name FROM people p JOIN cases c ON c.id = p.case_id
             WHERE c.disposed_on IS NULL ORDER BY c.id, p.id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
        let mut found = Vec::new();
        for row in rows {
            let (reference, part, person) = row?;
            if person.trim().to_lowercase() == wanted {
                found.push(PersonInCase { reference, part });
            }
        }
        Ok(found)
    }
}
