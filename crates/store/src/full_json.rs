//! The full export of the database as JSON, and the matching import into
//! an empty database.
//!
//! Generic over tables: every user table is exported (not `sqlite_*`, not
//! a virtual table such as the search index, nor its shadow tables
//! `<name>_*`), so a table added by a later migration is included with no
//! change here. Tables are in name order, rows in the order of their
//! columns; values keep their SQLite type (integer, real, text, null;
//! a BLOB as `{"base64": "..."}`). No timestamp is written, so export,
//! import into an empty database and export again give identical bytes.
//! The import refuses a database that holds any row (besides the store's
//! own `clocks_computed_by` setting, which it replaces), or a different
//! schema version; it runs in one transaction, checks foreign keys at the
//! end, and rebuilds the search index from the imported cases.
//!
//! A case whose reference is not one this app gives (`validate::reference`:
//! another system's `OLD-001`, put in the file by hand or by a script) is
//! given the next `MD-YYYY-NNNN` of the year it was opened and keeps the
//! old one as its `legacy_reference`; every row that names it by reference
//! (its history, certificates and clocks) names the new one, and its
//! history records the change.

use std::collections::HashMap;

use base64::Engine;
use chrono::NaiveDate;
use rusqlite::types::{Value as Sql, ValueRef};
use rusqlite::Connection;
use serde_json::{json, Map, Value};

use crate::cases::References;
use crate::{check_reference, history, now_stamp, Result, Store, StoreError};

/// Who the history names for a reference the import gave.
pub const IMPORT_WHO: &str = "full JSON import";

/// What the file says it is.
pub const FORMAT: &str = "mediation-desk-full-export";

/// The settings row the store writes itself when it opens (see `store::today`).
const STORE_MARK: &str = "clocks_computed_by";

fn schema_version(conn: &rusqlite::Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// The user tables to export, in name order.
pub fn tables(conn: &rusqlite::Connection) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")?;
    let all: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get::<_, Option<String>>(1)?.unwrap_or_default())))?
        .collect::<rusqlite::Result<_>>()?;
    let virtual_tables: Vec<&str> = all
        .iter()
        .filter(|(_, sql)| sql.trim_start().to_ascii_uppercase().starts_with("CREATE VIRTUAL TABLE"))
        .map(|(n, _)| n.as_str())
        .collect();
    Ok(all
        .iter()
        .filter(|(name, _)| !virtual_tables.iter().any(|v| name == v || name.starts_with(&format!("{v}_"))))
        .map(|(name, _)| name.clone())
        .collect())
}

fn columns(conn: &rusqlite::Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("SELECT name FROM pragma_table_info('{}') ORDER BY cid", table.replace('\'', "''")))?;
    let names = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Everything in the database as JSON text (pretty, with a final newline).
pub fn export(store: &Store) -> Result<String> {
    let conn = store.connection();
    let mut out_tables = Vec::new();
    for table in tables(conn)? {
        let cols = columns(conn, &table)?;
        let order: Vec<String> = (1..=cols.len()).map(|i| i.to_string()).collect();
        let sql = format!(
            "SELECT {} FROM {} ORDER BY {}",
            cols.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", "),
            quote(&table),
            order.join(", ")
        );
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        let mut out_rows = Vec::new();
        while let Some(r) = rows.next()? {
            let mut row = Vec::with_capacity(cols.len());
            for i in 0..cols.len() {
                row.push(match r.get_ref(i)? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(n) => json!(n),
                    ValueRef::Real(x) => json!(x),
                    ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(b) => json!({ "base64": base64::engine::general_purpose::STANDARD.encode(b) }),
                });
            }
            out_rows.push(Value::Array(row));
        }
        let mut t = Map::new();
        t.insert("name".into(), Value::String(table));
        t.insert("columns".into(), json!(cols));
        t.insert("rows".into(), Value::Array(out_rows));
        out_tables.push(Value::Object(t));
    }
    let doc = json!({ "format": FORMAT, "schema_version": schema_version(conn)?, "tables": out_tables });
    let mut text = serde_json::to_string_pretty(&doc)?;
    text.push('\n');
    Ok(text)
}

fn bad(message: impl Into<String>) -> StoreError {
    StoreError::bad("import", message)
}

fn to_sql(value: &Value, table: &str, column: &str) -> Result<Sql> {
    Ok(match value {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Sql::Integer(i),
            None => Sql::Real(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => Sql::Text(s.clone()),
        Value::Object(map) => match map.get("base64").and_then(Value::as_str) {
            Some(b) => Sql::Blob(
                base64::engine::general_purpose::STANDARD
                    .decode(b)
                    .map_err(|e| bad(format!("{table}.{column}: the base64 cannot be read ({e})")))?,
            ),
            None => return Err(bad(format!("{table}.{column}: an object value must be {{\"base64\": ...}}"))),
        },
        Value::Array(_) => return Err(bad(format!("{table}.{column}: a value cannot be a list"))),
    })
}

/// Restore a full export into this database, which must be empty.
/// Returns the number of rows written.
pub fn import(store: &mut Store, text: &str) -> Result<usize> {
    let doc: Value = serde_json::from_str(text).map_err(|e| bad(format!("not valid JSON ({e})")))?;
    if doc.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(bad(format!("not a Mediation Desk full export (\"format\" is not \"{FORMAT}\")")));
    }
    let version = doc.get("schema_version").and_then(Value::as_i64).ok_or_else(|| bad("\"schema_version\" is missing"))?;
    let known = tables(store.connection())?;
    {
        let conn = store.connection();
        let ours = schema_version(conn)?;
        if version != ours {
            return Err(bad(format!(
                "the export has schema version {version} but this database has {ours}; import it with the version of Mediation Desk that made it"
            )));
        }
        for table in &known {
            // The store's own note of which engine computed the clocks is
            // written on opening; it does not make a database non-empty.
            let skip = if table == "settings" { format!(" WHERE key <> '{STORE_MARK}'") } else { String::new() };
            let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {}{skip}", quote(table)), [], |r| r.get(0))?;
            if n > 0 {
                return Err(bad(format!(
                    "the database is not empty (table {table} has {n} rows); a full export is imported only into a new, empty database"
                )));
            }
        }
    }
    let mut list = doc.get("tables").and_then(Value::as_array).cloned().ok_or_else(|| bad("\"tables\" is missing"))?;
    let tx = store.connection().unchecked_transaction()?;
    tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    tx.execute(&format!("DELETE FROM settings WHERE key = '{STORE_MARK}'"), [])?;
    // The references ever given first: a new one follows the highest.
    let mut written = 0;
    let is_used = |t: &Value| table_name(t) == Some("references_used");
    for t in list.iter().filter(|t| is_used(t)) {
        written += insert_table(&tx, &known, t)?;
    }
    let given = new_references(&tx, &mut list)?;
    for t in list.iter().filter(|t| !is_used(t)) {
        written += insert_table(&tx, &known, t)?;
    }
    for (old, new) in &given {
        let changes = json!([
            {"field": "reference", "before": old, "after": new},
            {"field": "legacy_reference", "before": null, "after": old},
        ]);
        history::append(&tx, new, IMPORT_WHO, history::HistoryAction::ReferenceGiven, &changes)?;
    }
    let ids: Vec<i64> = tx.prepare("SELECT id FROM cases")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    for id in ids {
        crate::search::refresh(&tx, id)?;
    }
    tx.commit()?;
    Ok(written)
}

fn table_name(t: &Value) -> Option<&str> {
    t.get("name").and_then(Value::as_str)
}

fn table_columns(t: &Value) -> Vec<String> {
    serde_json::from_value(t.get("columns").cloned().unwrap_or(Value::Null)).unwrap_or_default()
}

/// Insert one table of the export; returns the rows written.
fn insert_table(tx: &Connection, known: &[String], t: &Value) -> Result<usize> {
    let name = table_name(t).ok_or_else(|| bad("a table has no \"name\""))?;
    if !known.iter().any(|k| k == name) {
        return Err(bad(format!("the export has a table {name} this database does not have")));
    }
    let cols: Vec<String> = serde_json::from_value(t.get("columns").cloned().unwrap_or(Value::Null))
        .map_err(|_| bad(format!("{name}: \"columns\" must be a list of names")))?;
    let ours = columns(tx, name)?;
    if cols != ours {
        return Err(bad(format!("{name}: the columns {cols:?} are not this database's {ours:?}")));
    }
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        quote(name),
        cols.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", "),
        vec!["?"; cols.len()].join(", ")
    );
    let mut stmt = tx.prepare(&sql)?;
    let mut written = 0;
    for (i, row) in t.get("rows").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let values = row
            .as_array()
            .filter(|v| v.len() == cols.len())
            .ok_or_else(|| bad(format!("{name} row {}: must be a list of {} values", i + 1, cols.len())))?;
        let params: Vec<Sql> = values.iter().zip(&cols).map(|(v, c)| to_sql(v, name, c)).collect::<Result<_>>()?;
        stmt.execute(rusqlite::params_from_iter(params))?;
        written += 1;
    }
    Ok(written)
}

/// Give each case in `list` whose reference this app would not give a new
/// one (recorded in `references_used`, already imported), keep the old one
/// as its `legacy_reference`, and make every row that names the old one by
/// reference name the new one. Returns (old, new) for each.
fn new_references(tx: &Connection, list: &mut [Value]) -> Result<Vec<(String, String)>> {
    let mut given: Vec<(String, String)> = Vec::new();
    let mut refs = References::default();
    for t in list.iter_mut().filter(|t| table_name(t) == Some("cases")) {
        let cols = table_columns(t);
        let at = |name: &str| cols.iter().position(|c| c == name);
        let (Some(r), Some(o), Some(l)) = (at("reference"), at("opened_on"), at("legacy_reference")) else { continue };
        let rows = t.get_mut("rows").and_then(Value::as_array_mut).into_iter().flatten();
        for (i, row) in rows.enumerate() {
            // A row of the wrong shape is refused when it is inserted.
            let Some(row) = row.as_array_mut().filter(|row| row.len() == cols.len()) else { continue };
            let Some(old) = row[r].as_str().map(str::to_string) else { continue };
            if check_reference("reference", &old).is_ok() {
                continue;
            }
            let at_row = format!("cases row {} ({})", i + 1, law::calendar::dates::shorten(&old));
            if !row[l].is_null() {
                return Err(bad(format!(
                    "{at_row}: the reference is not one this app gives, and the case already has a legacy_reference to keep it in"
                )));
            }
            let opened = row[o]
                .as_str()
                .and_then(|text| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
                .ok_or_else(|| bad(format!("{at_row}: opened_on is not a date")))?;
            let new = refs.next(tx, opened).map_err(|e| bad(format!("{at_row}: {e}")))?;
            tx.execute("INSERT INTO references_used (reference, issued_at) VALUES (?1, ?2)", [&new, &now_stamp()])?;
            refs.issued(&new);
            row[r] = Value::String(new.clone());
            row[l] = Value::String(old.clone());
            // The case list's order key ends with the reference.
            if let Some(c) = at("list_order") {
                if let Some(start) = row[c].as_str().and_then(|order| order.strip_suffix(old.as_str())).map(str::to_string) {
                    row[c] = Value::String(format!("{start}{new}"));
                }
            }
            given.push((old, new));
        }
    }
    let new_of: HashMap<&str, &str> = given.iter().map(|(old, new)| (old.as_str(), new.as_str())).collect();
    for t in list.iter_mut().filter(|t| !matches!(table_name(t), Some("cases" | "references_used"))) {
        let Some(r) = table_columns(t).iter().position(|c| c == "reference") else { continue };
        for row in t.get_mut("rows").and_then(Value::as_array_mut).into_iter().flatten() {
            if let Some(cell) = row.as_array_mut().and_then(|row| row.get_mut(r)) {
                if let Some(new) = cell.as_str().and_then(|old| new_of.get(old)) {
                    *cell = Value::String(new.to_string());
                }
            }
        }
    }
    Ok(given)
}
