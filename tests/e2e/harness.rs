//! End-to-end harness: serves `dist/` on 127.0.0.1, starts ChromeDriver in its own process group
//! (killed as a group on drop, so no Chromium is leaked), and opens a headless Chromium session.

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The built site (`LOSS_LAB_DIST` names another build, e.g. an older one to compare timings with).
fn dist_dir() -> PathBuf {
    std::env::var_os("LOSS_LAB_DIST").map(PathBuf::from).unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("dist"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// Serves `dist/` over HTTP/1.0 on a loopback port, one thread per connection; returns the base URL.
fn serve_dist() -> String {
    let dist = dist_dir();
    assert!(dist.join("index.html").exists(), "dist/ is not built: run `cargo xtask test` (it runs trunk build --release first)");
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let port = listener.local_addr().expect("local address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dist = dist.clone();
            std::thread::spawn(move || respond(stream, &dist));
        }
    });
    format!("http://127.0.0.1:{port}")
}

fn respond(mut stream: TcpStream, dist: &Path) {
    let mut request_line = String::new();
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Drain the headers.
    let mut header = String::new();
    while reader.read_line(&mut header).map(|n| n > 2).unwrap_or(false) {
        header.clear();
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let relative = if path == "/" { "index.html" } else { path.trim_start_matches('/') };
    let file = dist.join(relative);
    let safe = !relative.contains("..");
    let (status, body, kind) = match std::fs::read(&file) {
        Ok(body) if safe => ("200 OK", body, content_type(&file)),
        _ => ("404 Not Found", b"not found".to_vec(), "text/plain"),
    };
    let head = format!("HTTP/1.0 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// ChromeDriver in its own process group.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start() -> Driver {
        let port = free_port();
        let binary = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let child = Command::new(binary)
            .arg(format!("--port={port}"))
            .args(std::env::var("E2E_DRIVER_LOG").ok().map(|p| format!("--log-path={p}")))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("start chromedriver (apt-get install chromium-driver)");
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(20), "chromedriver did not start listening");
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The negative pid names the whole group: ChromeDriver and every Chromium it started.
        kill_process_group(self.child.id());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

unsafe extern "C" {
    /// POSIX `kill(2)`, from the C library std already links (no extra crate, no `kill` binary needed).
    fn kill(pid: i32, signal: i32) -> i32;
}

/// Sends SIGKILL to a whole process group.
fn kill_process_group(leader: u32) {
    const SIGKILL: i32 = 9;
    if let Ok(pid) = i32::try_from(leader) {
        // SAFETY: kill(2) with a negative pid only signals that process group; no memory is touched.
        unsafe {
            kill(-pid, SIGKILL);
        }
    }
}

/// A browser session on the served site.
pub struct Browser {
    pub client: Client,
    pub base: String,
    driver: Option<Driver>,
    profile: PathBuf,
}

/// Options for a session.
pub struct Options {
    pub width: u32,
    pub height: u32,
    pub device_scale_factor: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options { width: 1280, height: 1000, device_scale_factor: 1.0 }
    }
}

impl Browser {
    pub async fn start() -> Browser {
        Browser::start_with(Options::default()).await
    }

    pub async fn start_with(options: Options) -> Browser {
        let base = serve_dist();
        let driver = Driver::start();
        let profile = std::env::temp_dir().join(format!("loss-lab-e2e-{}-{}", std::process::id(), driver.port));
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-quic",
                    format!("--window-size={},{}", options.width, options.height),
                    format!("--force-device-scale-factor={}", options.device_scale_factor),
                    format!("--user-data-dir={}", profile.display()),
                ]
            }),
        );
        caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .expect("a WebDriver session in headless Chromium");
        Browser { client, base, driver: Some(driver), profile }
    }

    /// Opens `#{route}` and waits until the app has mounted the page with `data-testid=page_testid`.
    pub async fn open(&self, route: &str, page_testid: &str) -> Result<(), Box<dyn std::error::Error>> {
        self.client.goto(&format!("{}/#{route}", self.base)).await?;
        self.wait_for_testid(page_testid).await?;
        // Effects run asynchronously: give them a tick (two animation frames).
        self.settle().await?;
        Ok(())
    }

    pub async fn wait_for_testid(&self, testid: &str) -> Result<fantoccini::elements::Element, Box<dyn std::error::Error>> {
        let selector = format!("[data-testid='{testid}']");
        Ok(self.client.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(&selector)).await?)
    }

    pub async fn by_testid(&self, testid: &str) -> Result<fantoccini::elements::Element, Box<dyn std::error::Error>> {
        Ok(self.client.find(Locator::Css(&format!("[data-testid='{testid}']"))).await?)
    }

    pub async fn text_of(&self, testid: &str) -> Result<String, Box<dyn std::error::Error>> {
        Ok(self.by_testid(testid).await?.text().await?)
    }

    /// Waits (up to 5 s) until `location.hash` satisfies `ok`, and returns it. The page writes its
    /// URL once a slider has settled (about 150 ms), not on every step.
    pub async fn wait_for_hash(&self, ok: impl Fn(&str) -> bool) -> Result<String, Box<dyn std::error::Error>> {
        let started = std::time::Instant::now();
        loop {
            let hash = self.js("return location.hash;").await?.as_str().unwrap_or_default().to_string();
            if ok(&hash) || started.elapsed() > Duration::from_secs(5) {
                return Ok(hash);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits for two animation frames, so pending effects and redraws are done.
    pub async fn settle(&self) -> Result<(), Box<dyn std::error::Error>> {
        self.client
            .execute_async(
                "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![],
            )
            .await?;
        Ok(())
    }

    pub async fn js(&self, script: &str) -> Result<Value, Box<dyn std::error::Error>> {
        Ok(self.client.execute(script, vec![]).await?)
    }

    /// The element with `testid` (a canvas) scrolled to the middle of the window: its CSS size.
    pub async fn show_canvas(&self, testid: &str) -> Result<(f64, f64), Box<dyn std::error::Error>> {
        let size = self
            .js(&format!(
                "const c = document.querySelector(\"[data-testid='{testid}']\"); c.scrollIntoView({{block: 'center'}}); return [c.clientWidth, c.clientHeight];"
            ))
            .await?;
        let size: Vec<f64> = serde_json::from_value(size)?;
        self.settle().await?;
        Ok((size[0], size[1]))
    }

    /// A fingerprint of a canvas's pixels (changes when anything drawn changes).
    pub async fn canvas_fingerprint(&self, testid: &str) -> Result<String, Box<dyn std::error::Error>> {
        let script = format!(
            "const c = document.querySelector(\"[data-testid='{testid}']\"); const d = c.toDataURL(); \
             let h = 0; for (let i = 0; i < d.length; i++) {{ h = (h * 31 + d.charCodeAt(i)) | 0; }} return d.length + ':' + h;"
        );
        Ok(self.js(&script).await?.as_str().unwrap_or_default().to_string())
    }

    /// Browser console entries at level SEVERE (errors) since the last call.
    pub async fn console_errors(&self) -> Result<Vec<String>, Box<dyn std::error::Error>> {
        let logs = self.client.issue_cmd(BrowserLog).await?;
        let entries = logs.as_array().cloned().unwrap_or_default();
        Ok(entries
            .iter()
            .filter(|e| e.get("level").and_then(Value::as_str) == Some("SEVERE"))
            .map(|e| e.get("message").and_then(Value::as_str).unwrap_or_default().to_string())
            .collect())
    }

    /// The visible text of the whole page.
    pub async fn page_text(&self) -> Result<String, Box<dyn std::error::Error>> {
        Ok(self.js("return document.body.innerText;").await?.as_str().unwrap_or_default().to_string())
    }

    /// A Chrome DevTools Protocol command, through ChromeDriver (`goog/cdp/execute`).
    pub async fn cdp(&self, cmd: &str, params: Value) -> Result<Value, Box<dyn std::error::Error>> {
        Ok(self.client.issue_cmd(Cdp { cmd: cmd.to_string(), params }).await?)
    }

    /// Ends the WebDriver session; dropping the `Browser` then stops every process it started.
    pub async fn close(self) -> TestResult {
        self.client.clone().close().await?;
        Ok(())
    }
}

/// Chromium helpers (crashpad, zygotes) can leave ChromeDriver's process group; they all carry the
/// session's unique profile folder on their command line.
fn kill_leftovers(profile: &Path) {
    let _ = Command::new("pkill").args(["-KILL", "-f", &profile.display().to_string()]).status();
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Also on a failed test (the session was not closed): no Chromium may outlive the test.
        drop(self.driver.take());
        kill_leftovers(&self.profile);
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// ChromeDriver's log endpoint (`POST /session/{id}/se/log {"type": "browser"}`).
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/se/log", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "type": "browser" }).to_string()))
    }
}

/// ChromeDriver's DevTools endpoint (`POST /session/{id}/goog/cdp/execute {"cmd", "params"}`).
#[derive(Debug)]
struct Cdp {
    cmd: String,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/goog/cdp/execute", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "cmd": self.cmd, "params": self.params }).to_string()))
    }
}

/// Parses a number as the page prints it (typographic minus, ∞).
pub fn parse_shown_number(text: &str) -> f64 {
    let text = text.trim().replace('−', "-");
    match text.as_str() {
        "∞" => f64::INFINITY,
        "-∞" => f64::NEG_INFINITY,
        other => other.parse().unwrap_or_else(|_| panic!("not a number on the page: {other:?}")),
    }
}
