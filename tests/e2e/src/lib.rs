//! Shared by the end-to-end tests: tauri-driver, a WebDriver session on the real
//! app window, and polling helpers. The tests are in `tests/`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::future::Future;
use std::path::PathBuf;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Value};

/// The app binary: `LOCATIESCOUT_APP` (e.g. a release build for benchmarks) or the debug build.
pub fn app_path() -> PathBuf {
    let p = std::env::var_os("LOCATIESCOUT_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/debug/locatiescout-app")
        });
    p.canonicalize()
        .unwrap_or_else(|_| panic!("build the app first: {}", p.display()))
}

/// Where the app runs: its working directory and the variables it must not inherit
/// (the installed app is tried as a user would start it, away from the checkout).
#[derive(Default)]
pub struct Place {
    pub cwd: Option<PathBuf>,
    pub unset: Vec<&'static str>,
}

/// tauri-driver, stopped with SIGTERM (SIGKILL leaves WebKitWebDriver on its port).
pub struct Driver(Child);

impl Driver {
    /// Starts tauri-driver with `env` added for the app (it passes its environment on).
    pub fn start(env: &[(&str, &str)]) -> Driver {
        Driver::start_in(&Place::default(), env)
    }

    /// Starts tauri-driver (and so the app) in `place`.
    pub fn start_in(place: &Place, env: &[(&str, &str)]) -> Driver {
        // The previous test's WebKitWebDriver may still be letting go of its port
        // (tauri-driver then dies with "Unable to listen … port 4445").
        for port in [4444, 4445] {
            wait_until_free(port, Duration::from_secs(20));
        }
        let mut cmd = Command::new("tauri-driver");
        if let Some(dir) = &place.cwd {
            cmd.current_dir(dir);
        }
        for var in &place.unset {
            cmd.env_remove(var);
        }
        let child = cmd
            .envs(env.iter().copied())
            .args(["--port", "4444", "--native-port", "4445"])
            .spawn()
            .expect("tauri-driver on PATH (cargo install tauri-driver --locked)");
        let started = Instant::now();
        while std::net::TcpStream::connect("127.0.0.1:4444").is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "tauri-driver did not open port 4444"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver(child)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let _ = self.0.wait();
        wait_until_free(4445, Duration::from_secs(10));
    }
}

/// Waits until nothing listens on `port` on loopback, at most `limit`.
fn wait_until_free(port: u16, limit: Duration) {
    let started = Instant::now();
    while std::net::TcpListener::bind(("127.0.0.1", port)).is_err() && started.elapsed() < limit {
        std::thread::sleep(Duration::from_millis(100));
    }
}

pub async fn wait_for<F, Fut, T>(what: &str, timeout: Duration, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let started = Instant::now();
    loop {
        if let Some(v) = probe().await {
            return v;
        }
        assert!(started.elapsed() < timeout, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

pub async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![]).await.unwrap_or(Value::Null)
}

/// Runs `checks` on a fresh window and returns what they return; the session (and
/// with it the app) is closed also when a check fails.
pub async fn run_session<F, Fut, T>(env: &[(&str, &str)], checks: F) -> T
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    run_session_in(&Place::default(), env, checks).await
}

/// [`run_session`] with the app started in `place`.
pub async fn run_session_in<F, Fut, T>(place: &Place, env: &[(&str, &str)], checks: F) -> T
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let _driver = Driver::start_in(place, env);
    let caps = json!({ "tauri:options": { "application": app_path() } });
    let client = ClientBuilder::native()
        .capabilities(caps.as_object().unwrap().clone())
        .connect("http://127.0.0.1:4444")
        .await
        .expect("WebDriver session");
    let outcome = tokio::spawn(checks(client.clone())).await;
    let _ = client.close().await;
    match outcome {
        Ok(v) => v,
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    }
}

/// Clicks the first element matching `css` (through WebDriver, like a user).
/// The list re-renders when Rust answers (ranking, stability badges), so an element
/// found a moment ago can be gone: find it again, a few times, before failing.
pub async fn click(c: &Client, css: &str) {
    let mut tries = 0;
    loop {
        // Finding can race a re-render too ("stale element"): try again, like the click.
        let el = match c.find(fantoccini::Locator::Css(css)).await {
            Ok(el) => el,
            Err(_) if tries < 10 => {
                tries += 1;
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
            Err(e) => panic!("{css}: {e}"),
        };
        // Like a user, scroll the element into view first (the side panels scroll).
        let _ = c
            .execute(
                "arguments[0].scrollIntoView({ block: 'center' }); return true",
                vec![serde_json::to_value(&el).unwrap_or(Value::Null)],
            )
            .await;
        match el.click().await {
            Ok(_) => return,
            // Not clickable yet (a dialog closing, the list redrawn on a loaded
            // machine): up to 5 s, as a user would wait for the window.
            Err(_) if tries < 50 => {
                tries += 1;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => {
                // Say what stands in the way: an open dialog, a hidden panel.
                let state = js(
                    c,
                    "return { dialogs: [...document.querySelectorAll('dialog[open]')].map((d) => d.id), \
                     message: document.getElementById('message')?.textContent ?? null, \
                     status: document.getElementById('status')?.textContent ?? null }",
                )
                .await;
                panic!("click {css}: {e:?}; {state}")
            }
        }
    }
}

/// Writes the window as a PNG to `rel`, a path from the repository root (`docs/…`).
pub async fn screenshot(c: &Client, rel: &str) {
    let png = c.screenshot().await.expect("a screenshot");
    std::fs::write(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(rel),
        png,
    )
    .expect("the screenshot written");
}
