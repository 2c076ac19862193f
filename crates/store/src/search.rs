//! Search as you type over references (a case's own and the one it was
//! imported with), names, organisations and notes
//! (FTS5, diacritics folded so "Sian" finds "Siân"). Whatever a person
//! types becomes quoted tokens, so it can never be an FTS syntax error.

use std::collections::HashSet;

use rusqlite::Connection;

use super::{CaseSummary, ListFilter, Result, Store};

/// The FTS5 query for what was typed: each whitespace-separated token
/// quoted (inner quotes doubled), all required, the last one a prefix.
/// Tokens with no letter or digit are dropped; `None` if nothing is left.
pub fn fts_query(text: &str) -> Option<String> {
    let tokens: Vec<&str> = text.split_whitespace().filter(|t| t.chars().any(char::is_alphanumeric)).take(16).collect();
    if tokens.is_empty() {
        return None;
    }
    let last = tokens.len() - 1;
    let quoted: Vec<String> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let q = format!("\"{}\"", t.replace('"', "\"\""));
            if i == last {
                q + "*"
            } else {
                q
            }
        })
        .collect();
    Some(quoted.join(" "))
}

/// Rewrite the search row of one case from its current people,
/// organisations and notes (inside the caller's transaction).
pub(crate) fn refresh(conn: &Connection, case_id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM case_search WHERE rowid = ?1")?.execute([case_id])?;
    conn.prepare_cached(
        "INSERT INTO case_search (rowid, reference, names, organisations, notes)
         SELECT c.id,
                c.reference || coalesce(' ' || c.legacy_reference, ''),
                coalesce((SELECT group_concat(p.name, ' ') FROM people p WHERE p.case_id = c.id), ''),
                coalesce((SELECT group_concat(o.name, ' ') FROM organisations o
                          WHERE o.id = c.la_id OR o.id = c.icb_id), ''),
                coalesce((SELECT group_concat(n.text, ' ') FROM notes n WHERE n.case_id = c.id), '')
         FROM cases c WHERE c.id = ?1",
    )?
    .execute([case_id])?;
    Ok(())
}

/// Above this many matches, walk the case list in order and keep the
/// matching cases; below it, sort the matches.
const MANY_MATCHES: usize = 2_000;

/// The ids of up to `limit` cases matching the FTS query `q` and the
/// filter `conditions` (on `cases c`, with `args`), in case-list order.
/// A first letter can match most cases: then sorting every match would
/// cost more than walking the list (already in order) until `limit` match.
pub(crate) fn matching_in_order(
    conn: &Connection,
    q: &str,
    conditions: &str,
    args: &[Box<dyn rusqlite::ToSql>],
    limit: usize,
) -> Result<Vec<i64>> {
    let matched: HashSet<i64> = {
        let mut stmt = conn.prepare_cached("SELECT rowid FROM case_search WHERE case_search MATCH ?1")?;
        let rows = stmt.query_map([q], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if matched.is_empty() {
        return Ok(Vec::new());
    }
    if matched.len() <= MANY_MATCHES {
        let sql = format!(
            "SELECT c.id FROM cases c INDEXED BY cases_id_order
             WHERE c.id IN (SELECT rowid FROM case_search WHERE case_search MATCH ?){conditions}
             ORDER BY c.list_order LIMIT {limit}"
        );
        let mut all: Vec<&dyn rusqlite::ToSql> = vec![&q];
        all.extend(args.iter().map(|a| a.as_ref()));
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(all.as_slice(), |r| r.get(0))?;
        return Ok(rows.collect::<rusqlite::Result<_>>()?);
    }
    let sql = format!(
        "SELECT c.id FROM cases c INDEXED BY cases_list_order WHERE 1{conditions}
         ORDER BY c.list_order"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    let mut out = Vec::with_capacity(limit);
    while out.len() < limit {
        let Some(row) = rows.next()? else { break };
        let id: i64 = row.get(0)?;
        if matched.contains(&id) {
            out.push(id);
        }
    }
    Ok(out)
}

impl Store {
    /// Search as you type: the cases matching `text` (names, references,
    /// LA, notes), open and closed, soonest next due first.
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<CaseSummary>> {
        self.list_cases(&ListFilter { search: Some(text.to_string()), limit: Some(limit), ..ListFilter::default() })
    }
}
