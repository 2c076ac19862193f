//! Helpers shared by the whole-product tests: running the
//! `mediation-desk` binary as a person types it, and everything the
//! application's tests use.
#![allow(dead_code)]

#[path = "../../crates/desk/tests/common/mod.rs"]
mod desk_common;
#[allow(unused_imports)]
pub use desk_common::*;

use std::path::Path;
use std::process::Command;

/// The environment every run of the binary gets: the tests' passphrase
/// (`TEST_PASSPHRASE`) and no keychain, so nothing is asked and nothing
/// of the machine's is used.
pub const CLI_ENV: [(&str, &str); 2] = [("MEDIATION_DESK_PASSPHRASE", TEST_PASSPHRASE), ("MEDIATION_DESK_KEYCHAIN", "off")];

/// The key file the tests' databases are set up with: the tests' key
/// (`test_key()`) wrapped under `TEST_PASSPHRASE` and a recovery code,
/// made once per test binary (Argon2id costs a second), with that code.
fn test_key_file() -> &'static (store::keys::KeyFile, String) {
    static FILE: std::sync::OnceLock<(store::keys::KeyFile, String)> = std::sync::OnceLock::new();
    FILE.get_or_init(|| {
        let (file, code) = store::keys::KeyFile::create(&test_key(), TEST_PASSPHRASE).expect("a key file");
        (file, code.as_str().to_string())
    })
}

/// The recovery code of the databases `set_up_for_cli` sets up.
pub fn test_recovery_code() -> String {
    test_key_file().1.clone()
}

/// Set up the database at `db` as `mediation-desk init` would, but under
/// the tests' key: the command line then unlocks it with
/// `TEST_PASSPHRASE`, and the tests open it directly (`TestDb::open`,
/// `raw`) with `test_key()`. Does nothing if it is set up already.
pub fn set_up_for_cli(db: &Path) {
    let path = store::keys::key_file_path(db);
    if !path.exists() {
        std::fs::create_dir_all(db.parent().expect("a folder")).expect("the data folder");
        test_key_file().0.write(&path).expect("the key file is written");
    }
}

/// The binary with the tests' environment (`CLI_ENV`), today 2026-04-07
/// and no MEDIATION_DESK_USER.
pub fn cli_command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mediation-desk"));
    cmd.env("MEDIATION_DESK_TODAY", "2026-04-07").env_remove("MEDIATION_DESK_USER").envs(CLI_ENV);
    for name in ["MEDIATION_DESK_RECOVERY_CODE", "MEDIATION_DESK_BACKUP_PASSPHRASE", "MEDIATION_DESK_NEW_PASSPHRASE"] {
        cmd.env_remove(name);
    }
    cmd
}

/// Run `mediation-desk [--db DB] ARGS` as a person types it: today is
/// 2026-04-07, no MEDIATION_DESK_USER is set, the passphrase is
/// `TEST_PASSPHRASE` and there is no keychain, unless `env` says
/// otherwise; `stdin` is written and closed (none: closed at once). A `db`
/// not yet there is set up first (`set_up_for_cli`).
pub fn mediation_desk(
    db: Option<&std::path::Path>,
    args: &[&str],
    stdin: Option<&str>,
    env: &[(&str, &str)],
) -> std::process::Output {
    if let Some(db) = db {
        if !db.exists() {
            set_up_for_cli(db);
        }
    }
    mediation_desk_as_is(db, args, stdin, env, &[])
}

/// As `mediation_desk`, but the database is left as it is (not set up),
/// and the variables named in `unset` are removed.
pub fn mediation_desk_as_is(
    db: Option<&std::path::Path>,
    args: &[&str],
    stdin: Option<&str>,
    env: &[(&str, &str)],
    unset: &[&str],
) -> std::process::Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut cmd = cli_command();
    if let Some(db) = db {
        cmd.arg("--db").arg(db);
    }
    cmd.args(args).envs(env.iter().copied()).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    for name in unset {
        cmd.env_remove(name);
    }
    let mut child = cmd.spawn().expect("mediation-desk runs");
    let mut input = child.stdin.take().expect("stdin is piped");
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).expect("mediation-desk reads its input");
    }
    drop(input);
    child.wait_with_output().expect("mediation-desk ends")
}

/// Make at `path` a plain (unencrypted) database as the version before
/// encryption left it: `cases` generated cases (seed `seed`), the newest
/// schema, no application id. The cases are saved through the store into
/// an encrypted file, which SQLCipher then exports to a plain one.
/// Returns the references, in order.
pub fn plain_database(path: &Path, cases: usize, seed: u64) -> Vec<String> {
    let work = tempfile::tempdir().expect("a temporary folder");
    let encrypted = work.path().join("made.sqlite3");
    let mut store = open_at(&encrypted).expect("the store opens");
    let items: Vec<_> =
        desk::generator::cases(seed, cases, today()).into_iter().map(|g| desk::generator::generated_input(g, true)).collect();
    store.load(&items, "The version before", today()).expect("the cases are saved");
    drop(store);
    let conn = raw_at(&encrypted);
    conn.execute("ATTACH DATABASE ?1 AS plain KEY ''", [path.to_str().expect("a UTF-8 path")]).expect("attached");
    conn.query_row("SELECT sqlcipher_export('plain')", [], |_| Ok(())).expect("exported");
    conn.execute_batch(&format!(
        "PRAGMA plain.user_version = {}; PRAGMA plain.application_id = 0; DETACH DATABASE plain;",
        store::migrations::LATEST
    ))
    .expect("the plain copy is finished");
    let references: Vec<String> = conn
        .prepare("SELECT reference FROM cases ORDER BY reference")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    drop(conn);
    let plain = rusqlite::Connection::open(path).expect("the plain file opens without a key");
    plain.execute("INSERT INTO case_search(case_search) VALUES ('rebuild')", []).expect("its search index rebuilt");
    let problems: String = plain.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(problems, "ok");
    assert!(store::encryption::is_plain(path));
    references
}
