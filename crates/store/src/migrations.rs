//! Versioned schema migrations on `PRAGMA user_version`, each applied in
//! its own transaction. Migration 1 is the first schema; never edit a
//! migration once released: add a new one.

use rusqlite::{Connection, Transaction};

use super::{Result, StoreError};

/// One step of the schema: SQL, then optional Rust for data it must compute.
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
    pub then: Option<fn(&Transaction) -> Result<()>>,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "first schema: settings, organisations, staff, cases, people, notes, history",
        sql: include_str!("sql/0001_first_schema.sql"),
        then: None,
    },
    Migration {
        version: 2,
        name: "search as you type (FTS5, diacritics folded)",
        sql: include_str!("sql/0002_search.sql"),
        then: None,
    },
    Migration {
        version: 3,
        name: "materialised pending clocks and each case's next due date",
        sql: include_str!("sql/0003_clocks.sql"),
        then: Some(super::today::clocks_not_yet_computed),
    },
    Migration {
        version: 4,
        name: "the certificate register: issued PDFs, never edited, voided with a reason",
        sql: include_str!("sql/0004_certificates.sql"),
        then: None,
    },
    Migration {
        version: 5,
        name: "the appellant a representative acts for: a party of its own, with relationship and contact",
        sql: include_str!("sql/0005_appellant.sql"),
        then: None,
    },
    Migration {
        version: 6,
        name: "each case's reference from before it was imported",
        sql: include_str!("sql/0006_legacy_reference.sql"),
        then: None,
    },
    Migration {
        version: 7,
        name: "disagreement resolution: other parties reused across cases, the case's record, no decision letter needed",
        sql: include_str!("sql/0007_disagreement_resolution.sql"),
        then: Some(super::disagreements::letter_date_optional),
    },
    Migration {
        version: 8,
        name: "retention and erasure: anonymised cases, the disposal log, who opened a case",
        sql: include_str!("sql/0008_retention.sql"),
        then: None,
    },
    Migration {
        version: 9,
        name: "an agreed action's description beside its materialised clock, out of the clock's label",
        sql: include_str!("sql/0009_clock_action_description.sql"),
        then: Some(super::today::clocks_not_yet_computed),
    },
];

/// The newest schema this app knows.
pub const LATEST: i64 = 9;

pub fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Bring the database up to `LATEST`.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, LATEST)
}

/// Apply migrations up to and including `target` (tests use this to build
/// a database at an older schema). Each runs in one transaction with its
/// `user_version` bump, so a failed migration leaves the previous schema.
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<()> {
    let current = user_version(conn)?;
    if current > LATEST {
        return Err(StoreError::TooNew { found: current, known: LATEST });
    }
    for m in MIGRATIONS.iter().filter(|m| m.version > current && m.version <= target) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        if user_version(&tx)? >= m.version {
            continue;
        }
        tx.execute_batch(m.sql).map_err(|e| StoreError::Other(format!("migration {} ({}) failed: {e}", m.version, m.name)))?;
        if let Some(then) = m.then {
            then(&tx)?;
        }
        tx.pragma_update(None, "user_version", m.version)?;
        tx.commit()?;
    }
    Ok(())
}
