//! Opening databases: migrating one made by the first schema, refusing a
//! newer one untouched, and saying plainly when a file is damaged.

mod common;

use common::*;
use rusqlite::{params, Connection};
use store::{migrations, Store, StoreError};

#[test]
fn a_database_made_by_the_first_schema_is_migrated_with_its_data() {
    let db = TestDb::new();
    let facts = serde_json::to_string(&case("x").facts).unwrap();
    {
        let mut conn = Connection::open(db.path()).unwrap();
        migrations::migrate_to(&mut conn, 1).unwrap();
        assert_eq!(migrations::user_version(&conn).unwrap(), 1);
        conn.execute_batch(
            "INSERT INTO organisations (id, kind, name) VALUES (1, 'local_authority', 'Salford City Council');
             INSERT INTO references_used (reference, issued_at) VALUES ('MD-2026-0007', '2026-03-10T09:00:00.000Z');
             INSERT INTO settings (key, value) VALUES ('service', '{\"service_name\":\"Salford Mediation\"}');",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO cases (id, reference, status, la_id, decision_kind, letter_dated, opened_on, route, facts, created_at, updated_at)
             VALUES (1, 'MD-2026-0007', 'open', 1, 'refuse_to_assess', '2026-03-02', '2026-03-10', 'certificate_needed', ?1, 't', 't')",
            params![facts],
        )
        .unwrap();
        conn.execute_batch(
            "INSERT INTO people (case_id, part, role, name, position) VALUES (1, 'caller', 'parent', 'Gwenllïan Davies', 0);
             INSERT INTO people (case_id, part, role, name, date_of_birth, position) VALUES (1, 'child', 'child', 'Siân Davies', '2015-06-01', 0);
             INSERT INTO notes (case_id, written_at, author, text) VALUES (1, 't', 'Ann', 'Wants an interpreter (Welsh).');
             INSERT INTO history (reference, at, who, action, changes) VALUES ('MD-2026-0007', 't', 'Ann', 'created', '[]');",
        )
        .unwrap();
        // Schema 1 has no search table.
        assert!(conn.prepare("SELECT * FROM case_search").is_err());
    }
    let mut store = db.open();
    assert_eq!(migrations::user_version(&raw(&store)).unwrap(), migrations::LATEST);
    let saved = store.case("MD-2026-0007").unwrap();
    assert_eq!(saved.child.name, "Siân Davies");
    assert_eq!(saved.caller.unwrap().name, "Gwenllïan Davies");
    assert_eq!(saved.local_authority, "Salford City Council");
    assert_eq!(saved.facts, case("x").facts);
    assert_eq!(saved.notes[0].text, "Wants an interpreter (Welsh).");
    assert!(saved.next_due.is_some(), "migration 3 computed the next due date");
    assert_eq!(store.history("MD-2026-0007").unwrap().len(), 1);
    assert_eq!(store.service_settings().unwrap().service_name, "Salford Mediation");
    // Migration 2 indexed the old rows for search; migration 3 their clocks.
    assert_eq!(store.search("sian", 10).unwrap()[0].reference, "MD-2026-0007");
    assert_eq!(store.search("welsh", 10).unwrap().len(), 1);
    assert!(store.today(today(), 60).unwrap().iter().any(|i| i.reference == "MD-2026-0007"));
    // The next reference follows the migrated one, and the store still writes.
    assert_eq!(store.add_case(&case("Ewa"), "Ann", today()).unwrap(), "MD-2026-0008");
    assert!(store.integrity_check().unwrap().is_empty());
}

#[test]
fn each_migration_is_one_transaction() {
    let db = TestDb::new();
    let mut conn = Connection::open(db.path()).unwrap();
    migrations::migrate_to(&mut conn, 1).unwrap();
    // Break migration 2 in advance: a table of its name already exists.
    conn.execute_batch("CREATE TABLE case_search (x)").unwrap();
    let err = migrations::migrate(&mut conn).unwrap_err();
    assert!(err.to_string().contains("migration 2"), "{err}");
    assert_eq!(migrations::user_version(&conn).unwrap(), 1, "the failed migration left schema 1");
}

#[test]
fn a_newer_database_is_refused_and_not_changed() {
    let db = TestDb::new();
    {
        let conn = Connection::open(db.path()).unwrap();
        conn.execute_batch("CREATE TABLE future (x); INSERT INTO future VALUES (1); PRAGMA user_version = 99;").unwrap();
    }
    let before = std::fs::read(db.path()).unwrap();
    let err = open_at(db.path()).err().expect("refused");
    assert_eq!(err, StoreError::TooNew { found: 99, known: migrations::LATEST });
    let message = err.to_string();
    assert!(message.contains("newer version of Mediation Desk"), "{message}");
    assert!(message.contains("not changed"), "{message}");
    assert_eq!(std::fs::read(db.path()).unwrap(), before, "the file's bytes changed");
    let mut names: Vec<String> =
        std::fs::read_dir(db.dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, vec!["mediation-desk.sqlite3", "mediation-desk.sqlite3.lock"], "no -wal or -shm files were made");
}

#[test]
fn a_damaged_file_is_reported_plainly_with_the_newest_backups_beside_it() {
    let db = TestDb::new();
    let key = {
        let (mut store, _) = db.set_up();
        for i in 0..200 {
            store.add_case(&case(&format!("Child {i} {}", "x".repeat(100))), "Ann", today()).unwrap();
        }
        std::fs::create_dir(db.dir.path().join("backups")).unwrap();
        store.backup(&db.dir.path().join("backups").join("monday.sqlite3")).unwrap();
        store.backup(&db.dir.path().join("tuesday.sqlite3")).unwrap();
        store::keys::unlock(&db.path(), &store::Secret::passphrase(TEST_PASSPHRASE)).unwrap()
    };
    // Scribble over the middle of the file.
    let mut bytes = std::fs::read(db.path()).unwrap();
    let len = bytes.len();
    for b in &mut bytes[len / 3..len / 3 + 40_000] {
        *b = 0x5A;
    }
    std::fs::write(db.path(), &bytes).unwrap();
    let err = Store::open(db.path(), &key, today()).err().expect("refused");
    let message = err.to_string();
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    assert!(message.contains("is damaged"), "{message}");
    assert!(message.contains("tuesday.sqlite3"), "{message}");
    assert!(message.contains("monday.sqlite3"), "{message}");
    assert!(message.contains("restore"), "{message}");
    // Not changed by looking.
    assert_eq!(std::fs::read(db.path()).unwrap(), bytes);
}

#[test]
fn the_pragmas_are_set() {
    let db = TestDb::new();
    let store = db.open();
    let conn = raw(&store);
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    let fk: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    let busy: i64 = conn.query_row("PRAGMA busy_timeout", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(fk, 1);
    assert!(busy >= 1000);
    // FTS5 is compiled in (bundled SQLite).
    let fts: i64 = conn.query_row("SELECT sqlite_compileoption_used('ENABLE_FTS5')", [], |r| r.get(0)).unwrap();
    assert_eq!(fts, 1);
}

/// A database at schema 4 (before the appellant and the old reference)
/// holding one open case `reference` with the local authority `la` and
/// the people rows `people` (SQL inserts for case id 1); `check` looks at
/// the connection before anything is added.
fn schema_4_case(db: &TestDb, reference: &str, la: &str, people: &str, check: impl FnOnce(&Connection)) {
    let facts = serde_json::to_string(&case("x").facts).unwrap();
    let mut conn = Connection::open(db.path()).unwrap();
    migrations::migrate_to(&mut conn, 4).unwrap();
    check(&conn);
    conn.execute("INSERT INTO organisations (id, kind, name) VALUES (1, 'local_authority', ?1)", params![la]).unwrap();
    conn.execute("INSERT INTO references_used (reference, issued_at) VALUES (?1, 't')", params![reference]).unwrap();
    conn.execute(
        "INSERT INTO cases (id, reference, status, la_id, decision_kind, letter_dated, opened_on, route, facts, created_at, updated_at)
         VALUES (1, ?1, 'open', 1, 'refuse_to_assess', '2026-03-02', '2026-03-10', 'certificate_needed', ?2, 't', 't')",
        params![reference, facts],
    )
    .unwrap();
    conn.execute_batch(people).unwrap();
}

/// Migration 6 adds each case's reference from before it was imported:
/// a case saved under schema 4 has none, and can be given one.
#[test]
fn a_schema_4_database_gains_the_old_reference_of_each_case() {
    let db = TestDb::new();
    schema_4_case(
        &db,
        "MD-2026-0007",
        "Salford City Council",
        "INSERT INTO people (case_id, part, role, name, position) VALUES (1, 'child', 'child', 'Siân Davies', 0);",
        |conn| assert!(conn.prepare("SELECT legacy_reference FROM cases").is_err(), "schema 4 has no old reference"),
    );
    let mut store = db.open();
    assert_eq!(migrations::user_version(&raw(&store)).unwrap(), migrations::LATEST);
    assert_eq!(store.case("MD-2026-0007").unwrap().legacy_reference, None);
    let mut input = store.case("MD-2026-0007").unwrap().to_input(case("x").facts);
    input.legacy_reference = Some("SAL/2019/44".into());
    store.update_case("MD-2026-0007", &input, "Ann", today()).unwrap();
    assert_eq!(store.case("MD-2026-0007").unwrap().legacy_reference.as_deref(), Some("SAL/2019/44"));
    assert_eq!(store.search("SAL/2019/44", 10).unwrap()[0].reference, "MD-2026-0007");
    let history = store.history("MD-2026-0007").unwrap();
    assert_eq!(history.last().unwrap().changes[0]["field"], "legacy_reference");
}

#[test]
fn migration_5_keeps_every_person_and_adds_the_appellant_as_a_party_of_its_own() {
    let db = TestDb::new();
    schema_4_case(
        &db,
        "MD-2026-0003",
        "Bury Council",
        "INSERT INTO people (id, case_id, part, role, name, position) VALUES (7, 1, 'caller', 'representative', 'Roberto Advocatus', 0);
         INSERT INTO people (id, case_id, part, role, name, date_of_birth, position) VALUES (8, 1, 'child', 'child', 'Alex Quern', '2015-06-01', 0);",
        |_| {},
    );
    let mut store = db.open();
    assert_eq!(migrations::user_version(&raw(&store)).unwrap(), migrations::LATEST);
    let people: Vec<(i64, String, String)> = raw(&store)
        .prepare("SELECT id, part, name FROM people ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(people, [(7, "caller".into(), "Roberto Advocatus".into()), (8, "child".into(), "Alex Quern".into())]);
    let saved = store.case("MD-2026-0003").unwrap();
    assert_eq!(saved.appellant, None);

    let mut input = saved.to_input(saved.facts.clone());
    input.appellant = Some(store::Appellant {
        name: "Pat Quern".into(),
        role: store::AppellantRole::Parent,
        date_of_birth: None,
        relationship: Some("grandmother".into()),
        contact: Some("pat@example.org".into()),
    });
    store.update_case("MD-2026-0003", &input, "Ann", today()).unwrap();
    let row: (String, String, String) = raw(&store)
        .query_row("SELECT role, relationship, contact FROM people WHERE part = 'appellant'", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(row, ("parent".into(), "grandmother".into(), "pat@example.org".into()));
    // The appellant is the parent or the young person, and there is one a case.
    let conn = raw(&store);
    assert!(conn
        .execute("INSERT INTO people (case_id, part, role, name) VALUES (1, 'appellant', 'representative', 'X')", [])
        .is_err());
    assert!(conn.execute("INSERT INTO people (case_id, part, role, name) VALUES (1, 'appellant', 'parent', 'Y')", []).is_err());
    assert!(store.integrity_check().unwrap().is_empty());
}

/// Where the committed schema snapshot lives, and how to write it again.
const SCHEMA_SNAPSHOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/schema.sql");
const SCHEMA_SNAPSHOT_HOW: &str = "SCHEMA_SNAPSHOT_WRITE=1 cargo test --workspace --test store_migrations";

/// The schema an empty database has after every migration, as text: each
/// table, index, trigger and view from `sqlite_master` with its SQL.
fn schema_after_all_migrations() -> String {
    let db = TestDb::new();
    let mut conn = Connection::open(db.path()).unwrap();
    migrations::migrate(&mut conn).unwrap();
    assert_eq!(migrations::user_version(&conn).unwrap(), migrations::LATEST);
    let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, Option<String>>(3)?))
        })
        .unwrap()
        .collect::<rusqlite::Result<Vec<_>>>()
        .unwrap();
    let mut out = format!(
        "-- The schema after migration {} (tests/store_migrations.rs); written by\n-- {SCHEMA_SNAPSHOT_HOW}\n",
        migrations::LATEST
    );
    for (kind, name, table, sql) in rows {
        out.push_str(&format!("\n-- {kind} {name} on {table}\n"));
        match sql {
            Some(sql) => out.push_str(&format!("{};\n", sql.trim_end())),
            None => out.push_str("-- (made by SQLite, no SQL)\n"),
        }
    }
    out
}

#[test]
fn the_schema_after_all_migrations_is_the_committed_snapshot() {
    let schema = schema_after_all_migrations();
    if std::env::var_os("SCHEMA_SNAPSHOT_WRITE").is_some_and(|v| v == "1") {
        std::fs::write(SCHEMA_SNAPSHOT, &schema).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(SCHEMA_SNAPSHOT)
        .unwrap_or_else(|e| panic!("no schema snapshot at {SCHEMA_SNAPSHOT} ({e}): write it with {SCHEMA_SNAPSHOT_HOW}"))
        .replace("\r\n", "\n");
    if committed != schema {
        let (line, (want, got)) = committed
            .lines()
            .chain(std::iter::repeat("(end of file)"))
            .zip(schema.lines().chain(std::iter::repeat("(end of file)")))
            .enumerate()
            .find(|(_, (a, b))| a != b)
            .unwrap_or((0, ("", "")));
        panic!(
            "the schema after all migrations is not tests/data/schema.sql: line {} is\n  {got}\nbut the snapshot says\n  {want}\n\
             If a new migration changed the schema on purpose, write the snapshot again with {SCHEMA_SNAPSHOT_HOW} and commit it.",
            line + 1
        );
    }
}

/// Each released migration's version and the SHA-256 of its SQL file.
const RELEASED_HASHES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/released_migrations.sha256");

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Migration `version`'s SQL as released: its hash in the committed list,
/// compared with the file compiled into the app.
fn check_released(version: i64, sha256: &str) -> Result<(), String> {
    let migration = migrations::MIGRATIONS
        .iter()
        .find(|m| m.version == version)
        .ok_or_else(|| format!("migration {version} was released but is no longer in MIGRATIONS: add a new migration instead"))?;
    if sha256_hex(migration.sql.replace("\r\n", "\n").as_bytes()) != sha256 {
        return Err(format!("migration {version} was edited after release: add a new migration instead"));
    }
    Ok(())
}

fn released() -> Vec<(i64, String)> {
    std::fs::read_to_string(RELEASED_HASHES)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut parts = l.split_whitespace();
            let version =
                parts.next().and_then(|v| v.parse().ok()).unwrap_or_else(|| panic!("{RELEASED_HASHES}: bad line {l:?}"));
            let sha = parts.next().unwrap_or_else(|| panic!("{RELEASED_HASHES}: no hash on line {l:?}"));
            (version, sha.to_string())
        })
        .collect()
}

#[test]
fn no_released_migration_has_been_edited() {
    let released = released();
    let versions: Vec<i64> = released.iter().map(|(v, _)| *v).collect();
    // Migrations 1 to 7 are released; a later release adds its line.
    assert!(versions.len() >= 7, "{RELEASED_HASHES} lists migrations 1 to 7 at least");
    assert_eq!(versions, (1..=versions.len() as i64).collect::<Vec<_>>(), "each released migration listed once, in order");
    for (version, sha256) in &released {
        if let Err(message) = check_released(*version, sha256) {
            panic!("{message}");
        }
    }
}

#[test]
fn an_edited_released_migration_is_named_with_what_to_do() {
    let (version, _) = &released()[0];
    let edited = sha256_hex(b"-- the first schema, edited\n");
    assert_eq!(
        check_released(*version, &edited).unwrap_err(),
        format!("migration {version} was edited after release: add a new migration instead")
    );
}
