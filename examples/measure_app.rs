//! Measures the desktop app as a mediator meets it, with 50,000 cases:
//! cold start to the Today view painted, resident memory (the app and its
//! WebKit processes), the release binary's size, and the time from a
//! keystroke in search to the list updated.
//!
//! `cargo build --workspace --release && cargo run --release -p mediation-desk --example measure_app`
//! (needs Xvfb, WebKitWebDriver and tauri-driver, as the end-to-end tests do).

#[path = "../tests/e2e/harness.rs"]
mod harness;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn release(name: &str) -> PathBuf {
    harness::workspace_root().join("target/release").join(name)
}

/// A 50,000-case database made once by the seeded generator.
fn database() -> PathBuf {
    let dir = harness::workspace_root().join("target/measure/data");
    let db = dir.join("mediation-desk.sqlite3");
    if !db.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        let started = Instant::now();
        let status =
            Command::new(release("mediation-desk")).arg("--db").arg(&db).args(["seed", "--cases", "50000"]).status().unwrap();
        assert!(status.success());
        println!("seeded 50,000 cases in {:.1} s", started.elapsed().as_secs_f64());
    }
    dir
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

fn cold_start(data: &Path, display: &str) -> (u64, u64, Resident) {
    let started = Instant::now();
    let mut app = Command::new(release("mediation-desk-app"))
        .env("DISPLAY", display)
        .env("MEDIATION_DESK_DATA_DIR", data)
        .env("MEDIATION_DESK_NO_NOTIFICATIONS", "1")
        .env("MEDIATION_DESK_TODAY", "2026-11-22")
        .env("XDG_DATA_HOME", data.join("xdg"))
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .process_group(0)
        .spawn()
        .unwrap();
    let mut painted_ms = 0;
    for line in BufReader::new(app.stderr.take().unwrap()).lines().map_while(Result::ok) {
        if let Some(rest) = line.strip_prefix("Mediation Desk: Today painted ") {
            painted_ms = rest.split_whitespace().next().unwrap().parse().unwrap();
            break;
        }
    }
    let wall = started.elapsed().as_millis() as u64;
    std::thread::sleep(Duration::from_secs(2));
    let memory = resident(app.id());
    let _ = Command::new("kill").args(["-s", "KILL", "--", &format!("-{}", app.id())]).status();
    let _ = app.wait();
    (painted_ms, wall, memory)
}

use std::os::unix::process::CommandExt;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let data = database();
    let size = std::fs::metadata(release("mediation-desk-app")).unwrap().len();
    println!("release binary: {:.1} MB", size as f64 / 1e6);

    let display = ":131";
    let mut xvfb = Command::new("/usr/bin/Xvfb")
        .args([display, "-screen", "0", "1400x900x24", "-nolisten", "tcp"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    // Warm the file cache once, then three cold starts of the process.
    cold_start(&data, display);
    let mut runs: Vec<_> = (0..3).map(|_| cold_start(&data, display)).collect();
    let bare = bare_webkit_window(display);
    let _ = xvfb.kill();
    let _ = xvfb.wait();
    runs.sort();
    for (painted, wall, memory) in &runs {
        println!("start to Today painted: {painted} ms (wall {wall} ms); resident: {memory}");
    }
    println!("median start to Today painted: {} ms", runs[1].0);
    match bare {
        Some(memory) => println!("a bare WebKitGTK window (one static line, no script), for comparison: {memory}"),
        None => println!("a bare WebKitGTK window: not measured (needs python3-gi and gir1.2-webkit2-4.1)"),
    }

    // A keystroke in search, through the real window.
    std::env::set_var("MEDIATION_DESK_APP", release("mediation-desk-app"));
    std::env::set_var("MEDIATION_DESK_TODAY", "2026-11-22");
    let app = harness::App::start_with("measure", |dir| {
        std::fs::copy(data.join("mediation-desk.sqlite3"), dir.join("mediation-desk.sqlite3")).unwrap();
    })
    .await;
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
