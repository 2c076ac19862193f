//! Exports of the case store: the case log (CSV) and its pseudonymised
//! variant, the full JSON export, and the calendar of clocks (ICS). This
//! file reads the cases once, in bulk, with each case's timeline from the
//! engine (`rules::timeline`): no date here is computed any other way.

pub mod csv_log;
pub mod disagreement_columns;
pub mod ics;
pub mod pseudonymised;
pub mod request;
pub mod subject_access;

use chrono::NaiveDate;

use crate::facts::CaseFacts;
use crate::store::{Store, StoreError, StoredCase};
use crate::timeline::Timeline;
use crate::Result;

pub use crate::store::full_json;
pub use crate::store::CaseFilter;

/// One case as the exports read it, with its timeline on `today`.
#[derive(Debug, Clone)]
pub struct CaseRow {
    /// The case reference, such as MD-2026-0042.
    pub reference: String,
    /// Its reference in the system it was imported from, if any.
    pub legacy_reference: Option<String>,
    /// "open" or "closed".
    pub status: String,
    /// Why the case was closed, if it is.
    pub closing_reason: Option<String>,
    /// The date the case was closed, if it is.
    pub closed_on: Option<NaiveDate>,
    /// The date the case was opened.
    pub opened_on: NaiveDate,
    /// The local authority of the case.
    pub local_authority: String,
    /// The integrated care board, where one is involved.
    pub icb: Option<String>,
    /// The child or young person's name.
    pub child_name: String,
    /// The child or young person's date of birth, if recorded.
    pub child_date_of_birth: Option<NaiveDate>,
    /// The name of the person who called, if recorded.
    pub caller_name: Option<String>,
    /// The parent or young person who may appeal, as a certificate would
    /// name them (`rules::appellant::named`); none while a representative's
    /// appellant is not recorded.
    pub appellant_name: Option<String>,
    /// The facts of the case as recorded.
    pub facts: CaseFacts,
    /// The case's clocks, route and deadlines, computed by the engine on the day of the export.
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
    let stored = store.stored_cases(filter, names)?;
    let text = stored.text;
    let stored = stored.cases;

    // Batches of consecutive cases, taken in turn by the threads.
    let mut batches: Vec<(usize, Vec<StoredCase>)> = Vec::with_capacity(stored.len().div_ceil(BATCH));
    let mut cases = stored.into_iter();
    loop {
        let batch: Vec<StoredCase> = cases.by_ref().take(BATCH).collect();
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
                            let facts: CaseFacts = serde_json::from_str(&text[case.facts.clone()]).map_err(StoreError::from)?;
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

/// A word for an enum value: its snake_case JSON name with spaces
/// ("refuse_to_assess" becomes "refuse to assess").
pub fn words<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s.replace('_', " "),
        _ => String::new(),
    }
}
