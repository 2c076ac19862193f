//! Drives the real built app through tauri-driver and WebKitWebDriver under
//! a private Xvfb display. Each `App` has its own display, driver, ports and
//! data directory, and kills them all (as a process group) when dropped.
//! Sessions run one at a time: WebKit is heavy on a 2-core machine. The
//! keychain is off, so every app opens locked: `App::start` passes the
//! Set-up screen (a new database) or the Unlock screen (one the command
//! line set up) with the tests' passphrase before a test's own work.
#![allow(dead_code)] // not every test uses every helper

use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

/// The date the app believes is today in every test: Mon 16 Mar 2026.
pub const TODAY: &str = "2026-03-16";

/// The passphrase of every test's database: the one the command line's
/// seeds are set up with (`common::TEST_PASSPHRASE`, which a test in
/// main.rs checks is this), and the one the Set-up screen is given for a
/// new database. (The harness is also used without `common`, by
/// examples/measure_app.rs.)
pub const PASSPHRASE: &str = "four words of test";

/// One WebKit session at a time, across the tests' separate runtimes.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The workspace's root: the whole-product tests belong to the command
/// line's package, two levels down (crates/cli).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The debug build of the desktop app (`cargo build --workspace` makes it),
/// or `MEDIATION_DESK_APP` (the measurements use the release build).
pub fn app_binary() -> PathBuf {
    if let Some(app) = std::env::var_os("MEDIATION_DESK_APP") {
        return PathBuf::from(app);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| workspace_root().join("target"));
    let binary = target.join("debug").join("mediation-desk-app");
    assert!(binary.exists(), "{} is missing: run `cargo build --workspace` first (scripts/test does)", binary.display());
    binary
}

fn tool(name: &str, candidates: &[PathBuf]) -> PathBuf {
    candidates
        .iter()
        .find(|p| p.exists())
        .cloned()
        .unwrap_or_else(|| panic!("{name} is not installed (looked in {candidates:?}); scripts/test installs it"))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn wait_for_port(port: u16, limit: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

/// A process started in its own group, killed with the whole group on drop.
struct Group(Child);

impl Group {
    fn spawn(cmd: &mut Command) -> Group {
        Group(cmd.process_group(0).spawn().unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}")))
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        let pgid = self.0.id();
        let _ = Command::new("kill").args(["-s", "KILL", "--", &format!("-{pgid}")]).stderr(Stdio::null()).status();
        let _ = self.0.kill();
        // Never block for ever on a child that would not die.
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

pub struct App {
    pub client: Client,
    pub data_dir: PathBuf,
    pub display: String,
    /// The recovery code the Set-up screen showed, if the app set the
    /// database up.
    pub recovery_code: Option<String>,
    // Order matters: the driver dies before the display.
    _driver: Group,
    _display: Group,
    _guard: tokio::sync::MutexGuard<'static, ()>,
    _dir: TempDir,
}

/// A directory removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(label: &str) -> TempDir {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
        let dir = std::env::temp_dir().join(format!("md-e2e-{label}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl App {
    /// Start the app with an empty data directory, and set it up.
    pub async fn start(label: &str) -> App {
        Self::start_with(label, |_| {}).await
    }

    /// Start the app after `prepare` has filled its data directory, and
    /// pass the Set-up or Unlock screen with `PASSPHRASE`.
    pub async fn start_with(label: &str, prepare: impl FnOnce(&Path)) -> App {
        let mut app = Self::start_locked(label, prepare).await;
        app.recovery_code = app.pass_lock_screen().await;
        app
    }

    /// Start the app after `prepare` has filled its data directory, and
    /// leave it on the Set-up or Unlock screen it opens on.
    pub async fn start_locked(label: &str, prepare: impl FnOnce(&Path)) -> App {
        let guard = ONE_AT_A_TIME.lock().await;
        let dir = TempDir::new(label);
        let data_dir = dir.0.join("data");
        std::fs::create_dir_all(&data_dir).unwrap();
        prepare(&data_dir);

        // A private X display.
        let display_number = 90 + (std::process::id() % 50) as u16 + free_port() % 40;
        let display = format!(":{display_number}");
        let xvfb = tool("Xvfb", &[PathBuf::from("/usr/bin/Xvfb")]);
        let display_proc = Group::spawn(
            Command::new(xvfb)
                .args([&display, "-screen", "0", "1400x900x24", "-nolisten", "tcp"])
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        );
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{display_number}"));
        let start = Instant::now();
        while !socket.exists() && start.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(socket.exists(), "Xvfb did not start on {display}");

        let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
        let driver_bin =
            tool("tauri-driver", &[home.join(".cargo/bin/tauri-driver"), PathBuf::from("/usr/local/bin/tauri-driver")]);
        let native = tool("WebKitWebDriver", &[PathBuf::from("/usr/bin/WebKitWebDriver")]);
        let (port, native_port) = (free_port(), free_port());
        let log = std::fs::File::create(dir.0.join("driver.log")).unwrap();
        let driver = Group::spawn(
            Command::new(driver_bin)
                .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
                .arg("--native-driver")
                .arg(native)
                .env("DISPLAY", &display)
                .env("MEDIATION_DESK_DATA_DIR", &data_dir)
                .env("XDG_DATA_HOME", dir.0.join("xdg"))
                .env("XDG_CONFIG_HOME", dir.0.join("xdg-config"))
                .env("XDG_CACHE_HOME", dir.0.join("xdg-cache"))
                .env("MEDIATION_DESK_NO_NOTIFICATIONS", "1")
                // Never the machine's keychain: the app opens locked.
                .env("MEDIATION_DESK_KEYCHAIN", "off")
                // Certificates are written to disk but not opened in a PDF viewer.
                .env("MEDIATION_DESK_NO_OPEN", "1")
                .env("MEDIATION_DESK_TODAY", std::env::var("MEDIATION_DESK_TODAY").unwrap_or_else(|_| TODAY.into()))
                .env("MEDIATION_DESK_USER", "Test Mediator")
                .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
                .stdout(log.try_clone().unwrap())
                .stderr(log),
        );
        assert!(wait_for_port(port, Duration::from_secs(20)), "tauri-driver did not open port {port}");

        let caps: serde_json::Map<String, serde_json::Value> = serde_json::from_value(serde_json::json!({
            "browserName": "wry",
            "tauri:options": { "application": app_binary() }
        }))
        .unwrap();
        let url = format!("http://127.0.0.1:{port}");
        // The driver accepts connections before it is ready: retry, capped.
        let deadline = Instant::now() + Duration::from_secs(60);
        let client = loop {
            let attempt = tokio::time::timeout(
                Duration::from_secs(30),
                ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                    .capabilities(caps.clone())
                    .connect(&url),
            )
            .await;
            match attempt {
                Ok(Ok(client)) => break client,
                Ok(Err(e)) if Instant::now() < deadline => {
                    eprintln!("session not ready yet: {e}");
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                other => {
                    let log = std::fs::read_to_string(dir.0.join("driver.log")).unwrap_or_default();
                    panic!("no WebDriver session: {other:?}\ndriver log:\n{log}");
                }
            }
        };
        let app = App {
            client,
            data_dir,
            display,
            recovery_code: None,
            _driver: driver,
            _display: display_proc,
            _guard: guard,
            _dir: dir,
        };
        app.wait_for("main[data-lock-screen], main[data-ready]").await;
        app
    }

    /// Which lock screen shows ("set-up", "unlock", "recovery-code"...),
    /// or none when the app is unlocked.
    pub async fn lock_screen(&self) -> Option<String> {
        let main = self.wait_for("main[data-lock-screen], main[data-ready]").await;
        main.attr("data-lock-screen").await.unwrap_or_else(|e| panic!("the lock screen: {e}"))
    }

    /// Pass the Set-up screen (choosing `PASSPHRASE`, then keeping the
    /// recovery code, which is returned) or the Unlock screen (typing
    /// `PASSPHRASE`), and wait for Today.
    pub async fn pass_lock_screen(&self) -> Option<String> {
        let mut code = None;
        match self.lock_screen().await.as_deref() {
            Some("set-up") => {
                self.type_into("#passphrase", PASSPHRASE).await;
                self.type_into("#confirm", PASSPHRASE).await;
                self.click("#set-up").await;
                self.wait_for("main[data-lock-screen=recovery-code]").await;
                code = Some(self.text_of("#recovery-code").await);
                self.click("#code-kept").await;
                self.click("#continue").await;
            }
            Some("unlock") => self.unlock(PASSPHRASE).await,
            Some(other) => panic!("the app opened on the {other} screen"),
            None => {}
        }
        self.wait_for("main[data-ready] section[data-screen=today]").await;
        code
    }

    /// Type `passphrase` on the Unlock screen and press Unlock.
    pub async fn unlock(&self, passphrase: &str) {
        self.wait_for("main[data-lock-screen=unlock]").await;
        self.type_into("#secret", passphrase).await;
        self.click("#unlock").await;
    }

    /// Where the app writes a PDF it opens to print or preview: its
    /// private folder of temporary copies, emptied when it locks.
    pub fn printed(&self, file_name: &str) -> PathBuf {
        self.data_dir.join("open-to-print").join(file_name)
    }

    /// Wait until `css` matches (10 s at most).
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("waited for {css}: {e}"))
    }

    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("find {css}: {e}"))
    }

    /// The text a person sees in `css` (innerText: WebKitWebDriver's own
    /// element text leaves out rows placed inside a scrolling list).
    pub async fn text_of(&self, css: &str) -> String {
        self.wait_for(css).await;
        let value = self
            .client
            .execute("return document.querySelector(arguments[0]).innerText;", vec![serde_json::json!(css)])
            .await
            .unwrap_or_else(|e| panic!("text of {css}: {e}"));
        value.as_str().unwrap_or_default().trim().to_string()
    }

    pub async fn body_text(&self) -> String {
        self.text_of("body").await
    }

    /// Save a screenshot of the real window on the private display to
    /// `target/screenshots/NAME.png` (ImageMagick's `import`; WebDriver's own
    /// screenshot stalls through tauri-driver's proxy).
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let dir = workspace_root().join("target").join("screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        let status = Command::new("/usr/bin/import")
            .args(["-display", &self.display, "-window", "root"])
            .arg(&path)
            .status()
            .expect("ImageMagick's import runs (apt install imagemagick)");
        assert!(status.success(), "screenshot {name} failed");
        path
    }

    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

/// Run a whole test with a hard limit, so a stuck session fails instead of hanging CI.
pub async fn within<F: std::future::Future<Output = ()>>(seconds: u64, test: F) {
    if tokio::time::timeout(Duration::from_secs(seconds), test).await.is_err() {
        panic!("the test did not finish within {seconds} s");
    }
}

impl App {
    /// Clear a field and type into it, as a person would.
    pub async fn type_into(&self, css: &str, text: &str) {
        let field = self.wait_for(css).await;
        // Select all and delete, as a person does (WebDriver's clear fires no input event).
        field.send_keys("\u{E009}a\u{E000}\u{E003}").await.unwrap_or_else(|e| panic!("clear {css}: {e}"));
        if !text.is_empty() {
            field.send_keys(text).await.unwrap_or_else(|e| panic!("type into {css}: {e}"));
        }
    }

    /// Type a date into the three boxes of the date input `id`.
    pub async fn type_date(&self, id: &str, day: &str, month: &str, year: &str) {
        self.type_into(&format!("#{id}-day"), day).await;
        self.type_into(&format!("#{id}-month"), month).await;
        self.type_into(&format!("#{id}-year"), year).await;
    }

    pub async fn click(&self, css: &str) {
        self.wait_for(css).await.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    pub async fn select(&self, css: &str, value: &str) {
        self.wait_for(css).await.select_by_value(value).await.unwrap_or_else(|e| panic!("select {value} in {css}: {e}"));
    }

    /// Wait until the page's text contains `needle` (10 s at most).
    pub async fn wait_for_text(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let text = self.body_text().await;
            if text.contains(needle) {
                return text;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("waited for {needle:?}; the page says:\n{text}");
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// Wait until `read` gives what `done` accepts (10 s at most, like the
    /// other waits); `what` names the wait in the failure.
    pub async fn wait_until<T: std::fmt::Debug, F: std::future::Future<Output = T>>(
        &self,
        what: &str,
        mut read: impl FnMut() -> F,
        done: impl Fn(&T) -> bool,
    ) -> T {
        let start = Instant::now();
        loop {
            let value = read().await;
            if done(&value) {
                return value;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("waited for {what}; still {value:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Wait until the element `css` reads exactly `expected`.
    pub async fn wait_for_text_of(&self, css: &str, expected: &str) {
        self.wait_until(&format!("{css} to read {expected:?}"), || self.text_of(css), |text| text == expected).await;
    }

    /// Press keys on whatever has focus (WebDriver key codes: "\u{E004}" is Tab).
    pub async fn keys(&self, keys: &str) {
        let active = self.client.active_element().await.expect("an element has focus");
        active.send_keys(keys).await.unwrap_or_else(|e| panic!("keys {keys:?}: {e}"));
    }

    /// Run axe-core on the page; the serious and critical violations, as text.
    pub async fn accessibility_violations(&self) -> Vec<String> {
        let axe = std::fs::read_to_string(workspace_root().join("ui/node_modules/axe-core/axe.min.js"))
            .expect("axe-core is installed (npm ci in ui/)");
        self.client.execute(&axe, vec![]).await.expect("inject axe-core");
        let result = self
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   axe.run(document, { resultTypes: ["violations"] })
                      .then(r => done(r.violations.filter(v => v.impact === "serious" || v.impact === "critical")
                          .map(v => v.id + ": " + v.help + " (" + v.nodes.map(n => n.target.join(" ")).slice(0, 3).join(", ") + ")")))
                      .catch(e => done(["axe failed: " + e]));"#,
                vec![],
            )
            .await
            .expect("axe runs");
        serde_json::from_value(result).expect("a list of violations")
    }
}
