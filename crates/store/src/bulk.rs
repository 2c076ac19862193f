//! The bulk reads the exports and the commissioner's report make: every
//! case's columns in one pass, the facts of all of them end to end in one
//! string (parsed later, on every core, by the caller), and the names of
//! the people in one pass over the people table. Nothing here computes a
//! clock: the caller runs the law over what is read.

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;
use rusqlite::params_from_iter;

use crate::{AppellantRole, CallerRole, Result, Store};
use law::disagreement::Disagreement;

/// Which cases an export or report covers.
#[derive(Debug, Clone, Default)]
pub struct CaseFilter {
    /// Cases still open on or after this date (closed on or after it, or not closed).
    pub from: Option<NaiveDate>,
    /// Cases opened on or before this date.
    pub to: Option<NaiveDate>,
    /// One local authority, by its exact name.
    pub local_authority: Option<String>,
    /// Open cases only.
    pub open_only: bool,
    /// One case, by reference.
    pub reference: Option<String>,
}

/// The columns of one case as read, before its facts are parsed.
#[derive(Debug, Clone)]
pub struct StoredCase {
    pub id: i64,
    pub reference: String,
    pub legacy_reference: Option<String>,
    pub status: String,
    pub closing_reason: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub opened_on: NaiveDate,
    pub local_authority: String,
    pub icb: Option<String>,
    /// Empty unless names were asked for.
    pub child_name: String,
    pub child_date_of_birth: Option<NaiveDate>,
    pub caller_name: Option<String>,
    pub caller_role: CallerRole,
    /// The appellant as recorded, with their role.
    pub appellant: Option<(String, AppellantRole)>,
    pub disagreement: Option<Disagreement>,
    /// Where its facts (JSON) are in [`StoredCases::text`].
    pub facts: Range<usize>,
}

/// The cases read in bulk: their columns, by reference, and the facts of
/// all of them end to end in one string.
#[derive(Debug, Clone, Default)]
pub struct StoredCases {
    pub text: String,
    pub cases: Vec<StoredCase>,
}

/// One case as the commissioner's report reads it.
#[derive(Debug, Clone)]
pub struct ReportCase {
    pub id: i64,
    pub reference: String,
    /// Its local authority's id (see [`Store::organisation_names`]).
    pub la_id: i64,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    /// The facts' `appeal_received_on`, read without parsing them.
    pub appeal_received_on: Option<NaiveDate>,
    /// A disagreement resolution case (not mediation).
    pub is_disagreement: bool,
    /// Where its facts (JSON) are in [`ReportCases::text`].
    pub facts: Range<usize>,
}

/// The cases the report reads, and the facts of all of them in one string.
#[derive(Debug, Clone, Default)]
pub struct ReportCases {
    pub text: String,
    pub cases: Vec<ReportCase>,
}

impl Store {
    /// The cases matching `filter`, in the order of their references, with
    /// the child's, the caller's and the appellant's names if `names`.
    pub fn stored_cases(&self, filter: &CaseFilter, names: bool) -> Result<StoredCases> {
        let mut sql = String::from(
            "SELECT c.reference, c.status, c.closing_reason, c.closed_on, c.opened_on, la.name, icb.name, c.facts, c.id,
                    c.legacy_reference
             FROM cases c JOIN organisations la ON la.id = c.la_id LEFT JOIN organisations icb ON icb.id = c.icb_id
             WHERE 1",
        );
        let mut args: Vec<String> = Vec::new();
        if let Some(from) = filter.from {
            sql.push_str(" AND (c.closed_on IS NULL OR c.closed_on >= ?)");
            args.push(from.to_string());
        }
        if let Some(to) = filter.to {
            sql.push_str(" AND c.opened_on <= ?");
            args.push(to.to_string());
        }
        if let Some(la) = &filter.local_authority {
            sql.push_str(" AND la.name = ?");
            args.push(la.clone());
        }
        if filter.open_only {
            sql.push_str(" AND c.status = 'open'");
        }
        if let Some(reference) = &filter.reference {
            sql.push_str(" AND c.reference = ?");
            args.push(reference.clone());
        }
        // In the table's order (no ORDER BY: reading by the reference's index
        // visits the table in a random order, twice as slow), sorted by
        // reference below. References are unique, and Rust orders strings
        // byte by byte as SQLite's BINARY collation does: the same order.
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params_from_iter(args.iter()))?;
        let mut text = String::new();
        let mut stored: Vec<StoredCase> = Vec::new();
        while let Some(r) = rows.next()? {
            let start = text.len();
            text.push_str(r.get_ref(7)?.as_str().map_err(rusqlite::Error::from)?);
            stored.push(StoredCase {
                id: r.get(8)?,
                reference: r.get(0)?,
                legacy_reference: r.get(9)?,
                status: r.get(1)?,
                closing_reason: r.get(2)?,
                closed_on: r.get(3)?,
                opened_on: r.get(4)?,
                local_authority: r.get(5)?,
                icb: r.get(6)?,
                child_name: String::new(),
                child_date_of_birth: None,
                caller_name: None,
                caller_role: CallerRole::Parent,
                appellant: None,
                disagreement: None,
                facts: start..text.len(),
            });
        }
        let mut records = self.disagreements()?;
        for case in &mut stored {
            case.disagreement = records.remove(&case.id);
        }
        stored.sort_unstable_by(|a, b| a.reference.cmp(&b.reference));
        if names {
            self.add_names(&mut stored)?;
        }
        Ok(StoredCases { text, cases: stored })
    }

    /// The child's name and date of birth, the caller's name and role and the
    /// appellant's, for each of the cases (one pass over the people table:
    /// faster than a lookup a case).
    fn add_names(&self, cases: &mut [StoredCase]) -> Result<()> {
        let index: HashMap<i64, usize> = cases.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
        let mut stmt = self.conn.prepare(
            "SELECT case_id, part, name, date_of_birth, role FROM people WHERE part IN ('child', 'caller', 'appellant')
             ORDER BY case_id, part, position DESC",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let Some(&i) = index.get(&r.get::<_, i64>(0)?) else { continue };
            // Ordered by position, last first: the first person of each part is written last.
            let case = &mut cases[i];
            let role = || -> rusqlite::Result<String> { r.get(4) };
            match r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)? {
                "child" => {
                    case.child_name = r.get(2)?;
                    case.child_date_of_birth = r.get(3)?;
                }
                "caller" => {
                    case.caller_name = Some(r.get(2)?);
                    case.caller_role = CallerRole::from_name(&role()?);
                }
                _ => case.appellant = Some((r.get(2)?, AppellantRole::from_name(&role()?))),
            }
        }
        Ok(())
    }

    /// Every organisation's name by its id (local authorities, ICBs).
    pub fn organisation_names(&self) -> Result<HashMap<i64, String>> {
        let mut stmt = self.conn.prepare("SELECT id, name FROM organisations")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every case that could count in a report to `to`: opened by then (of
    /// the local authority named, if any). The report picks its own cases
    /// by date from these.
    pub fn report_cases(&self, to: NaiveDate, local_authority: Option<&str>) -> Result<ReportCases> {
        let mut sql = String::from(
            "SELECT la_id, opened_on, closed_on, facts, id, reference, json_extract(facts, '$.appeal_received_on'),
                    disagreement IS NOT NULL
             FROM cases WHERE opened_on <= ?1",
        );
        let mut args: Vec<String> = vec![to.to_string()];
        if let Some(la) = local_authority {
            sql.push_str(" AND la_id IN (SELECT id FROM organisations WHERE name = ?2)");
            args.push(la.to_string());
        }
        let mut out = ReportCases::default();
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params_from_iter(args.iter()))?;
        while let Some(r) = rows.next()? {
            let start = out.text.len();
            out.text.push_str(r.get_ref(3)?.as_str().map_err(rusqlite::Error::from)?);
            out.cases.push(ReportCase {
                la_id: r.get(0)?,
                opened_on: r.get(1)?,
                closed_on: r.get(2)?,
                facts: start..out.text.len(),
                id: r.get(4)?,
                reference: r.get(5)?,
                appeal_received_on: r.get(6)?,
                is_disagreement: r.get(7)?,
            });
        }
        Ok(out)
    }
}
