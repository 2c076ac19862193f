//! Helpers shared by the whole-product tests: running the
//! `mediation-desk` binary as a person types it, and everything the
//! application's tests use.
#![allow(dead_code)]

#[path = "../../crates/desk/tests/common/mod.rs"]
mod desk_common;
#[allow(unused_imports)]
pub use desk_common::*;

/// Run `mediation-desk [--db DB] ARGS` as a person types it: today is
/// 2026-04-07 and no MEDIATION_DESK_USER is set, unless `env` says
/// otherwise; `stdin` is written and closed (none: closed at once).
pub fn mediation_desk(
    db: Option<&std::path::Path>,
    args: &[&str],
    stdin: Option<&str>,
    env: &[(&str, &str)],
) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mediation-desk"));
    if let Some(db) = db {
        cmd.arg("--db").arg(db);
    }
    cmd.args(args)
        .env("MEDIATION_DESK_TODAY", "2026-04-07")
        .env_remove("MEDIATION_DESK_USER")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("mediation-desk runs");
    let mut input = child.stdin.take().expect("stdin is piped");
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).expect("mediation-desk reads its input");
    }
    drop(input);
    child.wait_with_output().expect("mediation-desk ends")
}
