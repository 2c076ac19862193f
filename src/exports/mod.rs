//! Exports of the case store: the case log (CSV) and its pseudonymised
//! variant, the full JSON export, and the calendar of clocks (ICS). This
//! file reads the cases once, in bulk, with each case's timeline from the
//! engine (`rules::timeline`): no date here is computed any other way.

pub mod csv_log;
pub mod full_json;
pub mod ics;
pub mod pseudonymised;
pub mod request;

use chrono::NaiveDate;
use rusqlite::params_from_iter;

use crate::facts::CaseFacts;
use crate::store::{Result, Store};
use crate::timeline::Timeline;

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

/// One case as the exports read it, with its timeline on `today`.
#[derive(Debug, Clone)]
pub struct CaseRow {
    pub reference: String,
    pub status: String,
    pub closing_reason: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub opened_on: NaiveDate,
    pub local_authority: String,
    pub icb: Option<String>,
    pub child_name: String,
    pub child_date_of_birth: Option<NaiveDate>,
    pub caller_name: Option<String>,
    pub facts: CaseFacts,
    pub timeline: Timeline,
}

/// The cases matching `filter`, by reference, each with its timeline on `today`.
pub fn load_cases(store: &Store, filter: &CaseFilter, today: NaiveDate) -> Result<Vec<CaseRow>> {
    load_where(store, filter, today, true, &|_, _, _| true)
}

/// As `load_cases`, keeping only the cases `keep(facts, opened_on,
/// closed_on)` accepts (before their timelines are computed), and without
/// names unless `names`. The timelines are computed on every core.
pub fn load_where(
    store: &Store,
    filter: &CaseFilter,
    today: NaiveDate,
    names: bool,
    keep: &(dyn Fn(&CaseFacts, NaiveDate, Option<NaiveDate>) -> bool + Sync),
) -> Result<Vec<CaseRow>> {
    let (cal, choices) = (store.calendar()?, store.choices()?);
    let mut sql = String::from(
        "SELECT c.reference, c.status, c.closing_reason, c.closed_on, c.opened_on, la.name, icb.name, c.facts, c.id
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
    sql.push_str(" ORDER BY c.reference");
    let conn = store.connection();
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(args.iter()))?;
    // Read the rows (SQLite, one thread), then parse the facts and compute
    // the timelines in parallel.
    let mut raw: Vec<(CaseRow, String)> = Vec::new();
    let mut ids: Vec<i64> = Vec::new();
    while let Some(r) = rows.next()? {
        ids.push(r.get(8)?);
        raw.push((
            CaseRow {
                reference: r.get(0)?,
                status: r.get(1)?,
                closing_reason: r.get(2)?,
                closed_on: r.get(3)?,
                opened_on: r.get(4)?,
                local_authority: r.get(5)?,
                icb: r.get(6)?,
                child_name: String::new(),
                child_date_of_birth: None,
                caller_name: None,
                facts: CaseFacts::default(),
                timeline: empty_timeline(today),
            },
            r.get(7)?,
        ));
    }
    if names {
        add_names(store, &ids, &mut raw)?;
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let chunk = raw.len().div_ceil(threads).max(1);
    let done: Vec<Result<Vec<CaseRow>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = raw
            .chunks_mut(chunk)
            .map(|part| {
                let (cal, choices) = (&cal, &choices);
                scope.spawn(move || {
                    let mut out = Vec::with_capacity(part.len());
                    for (row, text) in part.iter_mut() {
                        let facts: CaseFacts = serde_json::from_str(text)?;
                        if !keep(&facts, row.opened_on, row.closed_on) {
                            continue;
                        }
                        let mut row = std::mem::replace(row, CaseRow::placeholder(today));
                        row.timeline = crate::rules::timeline(&facts, cal, choices, today);
                        row.facts = facts;
                        out.push(row);
                    }
                    Ok(out)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a timeline thread panicked")).collect()
    });
    let mut out = Vec::with_capacity(raw.len());
    for part in done {
        out.extend(part?);
    }
    Ok(out)
}

/// The child's name and date of birth and the caller's name, for each of
/// the rows (one pass over the people table: faster than a lookup a case).
fn add_names(store: &Store, ids: &[i64], raw: &mut [(CaseRow, String)]) -> Result<()> {
    let index: std::collections::HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut stmt = store.connection().prepare(
        "SELECT case_id, part, name, date_of_birth FROM people WHERE part IN ('child', 'caller')
         ORDER BY case_id, part, position DESC",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(&i) = index.get(&r.get::<_, i64>(0)?) else { continue };
        // Ordered by position, last first: the first person of each part is written last.
        let row = &mut raw[i].0;
        if r.get::<_, String>(1)? == "child" {
            row.child_name = r.get(2)?;
            row.child_date_of_birth = r.get(3)?;
        } else {
            row.caller_name = Some(r.get(2)?);
        }
    }
    Ok(())
}

/// A timeline with nothing in it (a placeholder until the engine's is computed).
fn empty_timeline(today: NaiveDate) -> Timeline {
    Timeline {
        route: crate::timeline::Route::NotYetKnown,
        route_text: String::new(),
        exemptions: Vec::new(),
        clocks: Vec::new(),
        problems: Vec::new(),
        notices: Vec::new(),
        choices: crate::rules::choices::CountingChoices::default(),
        today,
        next_clock: None,
    }
}

impl CaseRow {
    fn placeholder(today: NaiveDate) -> CaseRow {
        CaseRow {
            reference: String::new(),
            status: String::new(),
            closing_reason: None,
            closed_on: None,
            opened_on: today,
            local_authority: String::new(),
            icb: None,
            child_name: String::new(),
            child_date_of_birth: None,
            caller_name: None,
            facts: CaseFacts::default(),
            timeline: empty_timeline(today),
        }
    }
}

/// A word for an enum value: its snake_case JSON name with spaces
/// ("refuse_to_assess" becomes "refuse to assess").
pub fn words<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s.replace('_', " "),
        _ => String::new(),
    }
}
