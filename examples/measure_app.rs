//! Measures the desktop app as a mediator meets it, with 50,000 cases in
//! its encrypted database: the app opens on the Unlock screen (the
//! keychain is off, as on a machine without one), so each cold start is
//! measured in two parts, by the app's own clock:
//!
//! - process start to the Unlock screen painted;
//! - Unlock pressed (the passphrase typed through WebDriver, as the
//!   end-to-end tests do) to the Today view painted: the passphrase's key
//!   derivation (Argon2id), opening and checking the database, and Today's
//!   first paint;
//!
//! then resident memory 2 s after Today painted (the app and its WebKit
//! processes), the release binary's size, and the time from a keystroke in
//! search to the list updated. Today's automatic backup is already made in
//! each copy of the database, so it does not run during the measurement.
//!
//! `cargo build --workspace --release --examples && target/release/examples/measure_app`
//! (needs Xvfb, WebKitWebDriver and tauri-driver, as the end-to-end tests do).

#[path = "../tests/e2e/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The date the app believes is today while it is measured.
const TODAY: &str = "2026-11-22";

fn release(name: &str) -> PathBuf {
    harness::workspace_root().join("target/release").join(name)
}

/// The command line, on the measured database, with the tests' passphrase.
fn cli(db: &Path) -> Command {
    let mut cmd = Command::new(release("mediation-desk"));
    cmd.arg("--db")
        .arg(db)
        .env("MEDIATION_DESK_PASSPHRASE", harness::PASSPHRASE)
        .env("MEDIATION_DESK_KEYCHAIN", "off")
        .env("MEDIATION_DESK_TODAY", TODAY);
    cmd
}

/// A 50,000-case encrypted database made once by the seeded generator
/// (under the tests' passphrase), with today's automatic backup beside it.
/// A plain database left by an earlier version of this script is encrypted.
fn database() -> PathBuf {
    let dir = harness::workspace_root().join("target/measure/data");
    let db = dir.join("mediation-desk.sqlite3");
    if !db.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        let started = Instant::now();
        let status = cli(&db).args(["seed", "--cases", "50000"]).status().unwrap();
        assert!(status.success(), "seeding failed");
        println!("seeded 50,000 cases in {:.1} s", started.elapsed().as_secs_f64());
    } else if !key_file(&dir).exists() {
        let status = cli(&db).arg("check").status().unwrap();
        assert!(status.success(), "encrypting the plain database from before failed");
    }
    let backup = daily_backup(&dir);
    if !backup.exists() {
        std::fs::create_dir_all(backup.parent().unwrap()).unwrap();
        let status = cli(&db).arg("backup").arg(&backup).stdout(Stdio::null()).status().unwrap();
        assert!(status.success(), "the backup failed");
    }
    dir
}

fn key_file(dir: &Path) -> PathBuf {
    dir.join("mediation-desk.sqlite3.key")
}

fn daily_backup(dir: &Path) -> PathBuf {
    dir.join("backups").join(format!("mediation-desk-{TODAY}.mdbackup"))
}

/// Fill an app's data folder from the measured one: a copy of the
/// database and its key file, and a link to today's backup.
fn prepare(from: &Path, to: &Path) {
    std::fs::copy(from.join("mediation-desk.sqlite3"), to.join("mediation-desk.sqlite3")).unwrap();
    std::fs::copy(key_file(from), key_file(to)).unwrap();
    let backup = daily_backup(to);
    std::fs::create_dir_all(backup.parent().unwrap()).unwrap();
    if std::fs::hard_link(daily_backup(from), &backup).is_err() {
        std::fs::copy(daily_backup(from), &backup).unwrap();
    }
}

/// The app's process for the data folder `data` (started by the WebDriver).
fn app_process(data: &Path) -> Option<u32> {
    let binary = release("mediation-desk-app").canonicalize().ok()?;
    let wanted = format!("MEDIATION_DESK_DATA_DIR={}", data.display());
    std::fs::read_dir("/proc").ok()?.flatten().find_map(|entry| {
        let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
        let exe = std::fs::read_link(entry.path().join("exe")).ok()?;
        let environ = std::fs::read(entry.path().join("environ")).ok()?;
        let ours = exe == binary && environ.split(|b| *b == 0).any(|v| v == wanted.as_bytes());
        ours.then_some(pid)
    })
}

/// Resident memory of a process tree, in kB.
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Resident {
    /// The top process alone (VmRSS), as `ps` and a system monitor show it.
    top_rss: u64,
    /// Every process below it too (WebKit's web and network processes),
    /// a shared page (the WebKit library is mapped in all three) counted
    /// once, split between the processes that share it (PSS).
    all_pss: u64,
    /// Of that, the processes' own memory (heaps, JavaScript, the page).
    private: u64,
    /// Of that, pages of shared libraries and binaries (WebKitGTK,
    /// JavaScriptCore, Mesa's LLVM): code, shared with any other program
    /// using them and dropped by the kernel when memory is short.
    files: u64,
}

fn resident(pid: u32) -> Resident {
    let field = |file: &str, name: &str| -> u64 {
        std::fs::read_to_string(file)
            .ok()
            .and_then(|s| s.lines().find(|l| l.starts_with(name)).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()))
            .unwrap_or(0)
    };
    let mut all = vec![pid];
    let mut i = 0;
    while i < all.len() {
        let children = std::fs::read_to_string(format!("/proc/{}/task/{}/children", all[i], all[i])).unwrap_or_default();
        all.extend(children.split_whitespace().filter_map(|c| c.parse::<u32>().ok()));
        i += 1;
    }
    let sum = |name: &str| all.iter().map(|p| field(&format!("/proc/{p}/smaps_rollup"), name)).sum();
    Resident {
        top_rss: field(&format!("/proc/{pid}/status"), "VmRSS:"),
        all_pss: sum("Pss:"),
        private: sum("Pss_Anon:") + sum("Pss_Shmem:"),
        files: sum("Pss_File:"),
    }
}

impl std::fmt::Display for Resident {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "main process {} MB (RSS); with WebKit's processes {} MB (PSS: {} MB their own memory, {} MB shared library code)",
            self.top_rss / 1024,
            self.all_pss / 1024,
            self.private / 1024,
            self.files / 1024
        )
    }
}

/// The same figures for a bare WebKitGTK window with one static line and no
/// script (`scripts/lib/bare_webkit_window.py`): the floor under any app on
/// the system webview. None if python3-gi or WebKit's typelib is missing.
fn bare_webkit_window(display: &str) -> Option<Resident> {
    let script = harness::workspace_root().join("scripts/lib/bare_webkit_window.py");
    let mut window = Command::new("/usr/bin/python3")
        .arg(script)
        .env("DISPLAY", display)
        .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .ok()?;
    std::thread::sleep(Duration::from_secs(4));
    let running = window.try_wait().ok()?.is_none();
    let figures = resident(window.id());
    let _ = Command::new("kill").args(["-s", "KILL", "--", &format!("-{}", window.id())]).status();
    let _ = window.wait();
    running.then_some(figures)
}

/// A figure the page keeps on <html> (`data-...`), once it is there.
async fn figure(app: &harness::App, name: &str) -> u64 {
    let script = format!("return document.documentElement.dataset.{name} || ''");
    let read = || {
        let (client, script) = (app.client.clone(), script.clone());
        async move { client.execute(&script, vec![]).await.unwrap() }
    };
    let value = app.wait_until(name, read, |v| v.as_str().is_some_and(|s| !s.is_empty())).await;
    value.as_str().unwrap().parse().unwrap()
}

/// One cold start: process start to the Unlock screen painted, Unlock
/// pressed to Today painted (both by the app's clock), and resident memory
/// 2 s after Today painted.
async fn cold_start(data: &Path) -> (u64, u64, Resident) {
    let app = harness::App::start_locked("measure-start", |dir| prepare(data, dir)).await;
    assert_eq!(app.lock_screen().await.as_deref(), Some("unlock"));
    let unlock_painted = figure(&app, "unlockPaintedMs").await;
    app.unlock(harness::PASSPHRASE).await;
    app.wait_for("main[data-ready] section[data-screen=today]").await;
    let to_today = figure(&app, "unlockedToTodayMs").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let memory = app_process(&app.data_dir).map(resident).unwrap_or_default();
    app.close().await;
    (to_today, unlock_painted, memory)
}

use std::os::unix::process::CommandExt;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // The harness starts the app with this as today.
    std::env::set_var("MEDIATION_DESK_TODAY", TODAY);
    std::env::set_var("MEDIATION_DESK_APP", release("mediation-desk-app"));
    let data = database();
    let size = std::fs::metadata(release("mediation-desk-app")).unwrap().len();
    println!("release binary: {:.1} MB", size as f64 / 1e6);

    // Warm the file cache once, then three cold starts of the process.
    cold_start(&data).await;
    let mut runs = Vec::new();
    for _ in 0..3 {
        runs.push(cold_start(&data).await);
    }
    runs.sort();
    for (to_today, unlock_painted, memory) in &runs {
        println!("start to Unlock screen painted: {unlock_painted} ms; Unlock pressed to Today painted: {to_today} ms; resident: {memory}");
    }
    println!("median Unlock pressed to Today painted: {} ms", runs[1].0);
    let mut unlock: Vec<u64> = runs.iter().map(|r| r.1).collect();
    unlock.sort();
    println!("median start to Unlock screen painted: {} ms", unlock[1]);

    let display = ":131";
    let mut xvfb = Command::new("/usr/bin/Xvfb")
        .args([display, "-screen", "0", "1400x900x24", "-nolisten", "tcp"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let bare = bare_webkit_window(display);
    let _ = xvfb.kill();
    let _ = xvfb.wait();
    match bare {
        Some(memory) => println!("a bare WebKitGTK window (one static line, no script), for comparison: {memory}"),
        None => println!("a bare WebKitGTK window: not measured (needs python3-gi and gir1.2-webkit2-4.1)"),
    }

    // A keystroke in search, through the real window.
    let app = harness::App::start_with("measure", |dir| prepare(&data, dir)).await;
    app.click("#nav-cases").await;
    app.select("#filter-status", "all").await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let mut times = Vec::new();
    let mut typed = String::new();
    for key in ["s", "i", "a", "n", " ", "j", "o"] {
        typed.push_str(key);
        let before = app.client.execute("return document.getElementById('case-count').dataset.ms || ''", vec![]).await.unwrap();
        app.wait_for("#case-search").await.send_keys(key).await.unwrap();
        let start = Instant::now();
        let ms = loop {
            let now = app.client.execute("return document.getElementById('case-count').dataset.ms || ''", vec![]).await.unwrap();
            if now != before || start.elapsed() > Duration::from_secs(5) {
                break now.as_str().unwrap_or("").parse::<u64>().unwrap_or(0);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        let count = app.text_of("#case-count").await;
        println!("typed {typed:?}: list updated in {ms} ms ({count} cases)");
        times.push(ms);
    }
    times.sort();
    println!("keystroke to list updated: median {} ms, worst {} ms", times[times.len() / 2], times[times.len() - 1]);
    app.close().await;
}
