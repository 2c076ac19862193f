//! Search as you type over references, names, organisations and notes
//! (FTS5, diacritics folded so "Sian" finds "Siân"). Whatever a person
//! types becomes quoted tokens, so it can never be an FTS syntax error.

use rusqlite::Connection;

use super::{CaseSummary, ListFilter, Result, Store};

/// The FTS5 query for what was typed: each whitespace-separated token
/// quoted (inner quotes doubled), all required, the last one a prefix.
/// Tokens with no letter or digit are dropped; `None` if nothing is left.
pub fn fts_query(text: &str) -> Option<String> {
    let tokens: Vec<&str> = text
        .split_whitespace()
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .take(16)
        .collect();
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
    conn.prepare_cached("DELETE FROM case_search WHERE rowid = ?1")?
        .execute([case_id])?;
    conn.prepare_cached(
        "INSERT INTO case_search (rowid, reference, names, organisations, notes)
         SELECT c.id,
                c.reference,
                coalesce((SELECT group_concat(p.name, ' ') FROM people p WHERE p.case_id = c.id), ''),
                coalesce((SELECT group_concat(o.name, ' ') FROM organisations o
                          WHERE o.id = c.la_id OR o.id = c.icb_id), ''),
                coalesce((SELECT group_concat(n.text, ' ') FROM notes n WHERE n.case_id = c.id), '')
         FROM cases c WHERE c.id = ?1",
    )?
    .execute([case_id])?;
    Ok(())
}

impl Store {
    /// Search as you type: the cases matching `text` (names, references,
    /// LA, notes), open and closed, soonest next due first.
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<CaseSummary>> {
        self.list_cases(&ListFilter {
            search: Some(text.to_string()),
            limit: Some(limit),
            ..ListFilter::default()
        })
    }
}
