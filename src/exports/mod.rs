//! Exports of the case store: the case log (CSV) and its pseudonymised
//! variant, the full JSON export, and the calendar of clocks (ICS). This
//! file reads the cases once, in bulk, with each case's timeline from the
//! engine (`rules::timeline`): no date here is computed any other way.

pub mod csv_log;
pub mod disagreement_columns;
pub mod full_json;
pub mod ics;
pub mod pseudonymised;
pub mod request;

use chrono::NaiveDate;
use rusqlite::params_from_iter;

use crate::facts::CaseFacts;
use crate::store::{AppellantRole, CallerRole, Result, Store};
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
    /// Its reference in the system it was imported from, if any.
    pub legacy_reference: Option<String>,
    pub status: String,
    pub closing_reason: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub opened_on: NaiveDate,
    pub local_authority: String,
    pub icb: Option<String>,
    pub child_name: String,
    pub child_date_of_birth: Option<NaiveDate>,
    pub caller_name: Option<String>,
    /// The parent or young person who may appeal, as a certificate would
    /// name them (`rules::appellant::named`); none while a representative's
    /// appellant is not recorded.
    pub appellant_name: Option<String>,
    pub facts: CaseFacts,
    pub timeline: Timeline,
    /// A disagreement resolution case's record.
    pub disagreement: Option<crate::disagreement::Disagreement>,
}

/// The cases matching `filter`, by reference, each with its timeline on `today`.
/// The timelines are computed on every core.
pub fn load_cases(store: &Store, filter: &CaseFilter, today: NaiveDate) -> Result<Vec<CaseRow>> {
    let parts = each_case(store, filter, today, true, &|_, _, _| true, &Vec::new, &|rows: &mut Vec<CaseRow>, row| {
        rows.push(row);
        Ok(())
    })?;
    let mut out = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for part in parts {
        out.extend(part);
    }
    Ok(out)
}

/// The columns of one case as read, before its facts are parsed.
struct Stored {
    id: i64,
    reference: String,
    legacy_reference: Option<String>,
    status: String,
    closing_reason: Option<String>,
    closed_on: Option<NaiveDate>,
    opened_on: NaiveDate,
    local_authority: String,
    icb: Option<String>,
    child_name: String,
    child_date_of_birth: Option<NaiveDate>,
    caller_name: Option<String>,
    caller_role: CallerRole,
    /// The appellant as recorded, with their role.
    appellant: Option<(String, AppellantRole)>,
    disagreement: Option<crate::disagreement::Disagreement>,
    /// Where its facts (JSON) are in the text of all the facts.
    facts: std::ops::Range<usize>,
}

/// How many cases a thread takes at a time: small enough that a thread
/// slowed by other work on the machine leaves the rest to the others.
const BATCH: usize = 256;

/// The cases matching `filter` that `keep(facts, opened_on, closed_on)`
/// accepts (before their timelines are computed; names read only if
/// `names`), each
/// with its timeline on `today`, handed to `each` one at a time on every
/// core and dropped there: no more than a batch of timelines is held at
/// once on each thread. The cases are taken in batches of consecutive
/// cases (by reference); each batch is given its own `start()`, and the
/// batches' values are returned in order, so what `each` writes into them,
/// read in order, is in the order of the references.
pub(crate) fn each_case<S: Send>(
    store: &Store,
    filter: &CaseFilter,
    today: NaiveDate,
    names: bool,
    keep: &(dyn Fn(&CaseFacts, NaiveDate, Option<NaiveDate>) -> bool + Sync),
    start: &(dyn Fn() -> S + Sync),
    each: &(dyn Fn(&mut S, CaseRow) -> Result<()> + Sync),
) -> Result<Vec<S>> {
    let (cal, choices) = (store.calendar()?, store.choices()?);
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
    let conn = store.connection();
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(args.iter()))?;
    // The facts of all the cases, end to end in one string.
    let mut text = String::new();
    let mut stored: Vec<Stored> = Vec::new();
    while let Some(r) = rows.next()? {
        let start = text.len();
        text.push_str(r.get_ref(7)?.as_str().map_err(rusqlite::Error::from)?);
        stored.push(Stored {
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
    let mut records = store.disagreements()?;
    for case in &mut stored {
        case.disagreement = records.remove(&case.id);
    }
    stored.sort_unstable_by(|a, b| a.reference.cmp(&b.reference));
    if names {
        add_names(store, &mut stored)?;
    }

    // Batches of consecutive cases, taken in turn by the threads.
    let mut batches: Vec<(usize, Vec<Stored>)> = Vec::with_capacity(stored.len().div_ceil(BATCH));
    let mut cases = stored.into_iter();
    loop {
        let batch: Vec<Stored> = cases.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            break;
        }
        batches.push((batches.len(), batch));
    }
    let count = batches.len();
    let queue = std::sync::Mutex::new(batches.into_iter());
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8).min(count.max(1));
    let (text, cal, choices, queue) = (&text, &cal, &choices, &queue);
    let done: Vec<Result<Vec<(usize, S)>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(move || {
                    let mut out = Vec::new();
                    loop {
                        let next = queue.lock().unwrap_or_else(std::sync::PoisonError::into_inner).next();
                        let Some((index, batch)) = next else { break };
                        let mut value = start();
                        for case in batch {
                            let facts: CaseFacts = serde_json::from_str(&text[case.facts.clone()])?;
                            if !keep(&facts, case.opened_on, case.closed_on) {
                                continue;
                            }
                            let timeline = crate::rules::timeline(&facts, cal, choices, today);
                            let parties = crate::rules::appellant::Parties {
                                caller: case.caller_name.as_deref().map(|name| (name, case.caller_role)),
                                appellant: case.appellant.as_ref().map(|(name, role)| (name.as_str(), *role)),
                                child_name: &case.child_name,
                                child_date_of_birth: case.child_date_of_birth,
                                call_date: facts.first_contact_on.unwrap_or(case.opened_on),
                            };
                            let appellant_name = crate::rules::appellant::named(&parties).ok().map(|n| n.appellant);
                            let row = CaseRow {
                                reference: case.reference,
                                legacy_reference: case.legacy_reference,
                                status: case.status,
                                closing_reason: case.closing_reason,
                                closed_on: case.closed_on,
                                opened_on: case.opened_on,
                                local_authority: case.local_authority,
                                icb: case.icb,
                                child_name: case.child_name,
                                child_date_of_birth: case.child_date_of_birth,
                                caller_name: case.caller_name,
                                appellant_name,
                                facts,
                                timeline,
                                disagreement: case.disagreement,
                            };
                            each(&mut value, row)?;
                        }
                        out.push((index, value));
                    }
                    Ok(out)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a timeline thread panicked")).collect()
    });
    let mut parts: Vec<(usize, S)> = Vec::with_capacity(count);
    for part in done {
        parts.extend(part?);
    }
    parts.sort_unstable_by_key(|(index, _)| *index);
    Ok(parts.into_iter().map(|(_, value)| value).collect())
}

/// The child's name and date of birth, the caller's name and role and the
/// appellant's, for each of the cases (one pass over the people table:
/// faster than a lookup a case).
fn add_names(store: &Store, cases: &mut [Stored]) -> Result<()> {
    let index: std::collections::HashMap<i64, usize> = cases.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let mut stmt = store.connection().prepare(
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

/// A word for an enum value: its snake_case JSON name with spaces
/// ("refuse_to_assess" becomes "refuse to assess").
pub fn words<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s.replace('_', " "),
        _ => String::new(),
    }
}
