//! A small client of the Chrome DevTools Protocol, over one WebSocket to the browser, with a
//! session per page ("flattened" sessions): enough to open pages, wait for them and their
//! fonts, evaluate JavaScript in them, collect what they log, take screenshots and print. It
//! serves `cargo book pdf` and the browser test.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::websocket::WebSocket;

pub type Result<T> = std::result::Result<T, String>;

/// A headless browser and the socket that drives it. Dropping it stops the browser.
pub struct Browser {
    child: Child,
    socket: WebSocket,
    next_id: u64,
    /// Events received while waiting for answers, oldest first.
    events: Vec<Value>,
    profile: PathBuf,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

impl Browser {
    /// Starts `binary` headless with a fresh profile in `profile`, and connects to it.
    pub fn launch(binary: &Path, args: Vec<String>, profile: PathBuf) -> Result<Browser> {
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile).map_err(|e| e.to_string())?;
        let log =
            std::fs::File::create(profile.with_extension("log")).map_err(|e| e.to_string())?;
        let child = Command::new(binary)
            .args(args)
            .arg("--remote-debugging-port=0")
            .arg("--window-size=1280,900")
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
        // The browser writes the port it chose, and the browser's WebSocket path, here.
        let port_file = profile.join("DevToolsActivePort");
        let started = Instant::now();
        let text = loop {
            if let Ok(text) = std::fs::read_to_string(&port_file)
                && text.lines().count() >= 2
            {
                break text;
            }
            if started.elapsed() > Duration::from_secs(60) {
                return Err(format!(
                    "{} wrote no DevToolsActivePort within a minute",
                    binary.display()
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let mut lines = text.lines();
        let port = lines.next().unwrap_or("").trim();
        let path = lines.next().unwrap_or("").trim();
        let stream = TcpStream::connect(format!("127.0.0.1:{port}")).map_err(|e| e.to_string())?;
        let socket = WebSocket::connect(stream, &format!("127.0.0.1:{port}"), path)
            .map_err(|e| format!("WebSocket handshake with the browser: {e}"))?;
        socket
            .set_timeout(Duration::from_secs(120))
            .map_err(|e| e.to_string())?;
        Ok(Browser {
            child,
            socket,
            next_id: 0,
            events: Vec::new(),
            profile,
        })
    }

    /// Sends one command (to a page's session, or to the browser) and waits for its answer.
    pub fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Result<Value> {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = session {
            message["sessionId"] = json!(s);
        }
        self.socket
            .send(&message.to_string())
            .map_err(|e| format!("{method}: {e}"))?;
        loop {
            let received = self.read()?;
            if received["id"] == json!(id) {
                if let Some(error) = received.get("error") {
                    return Err(format!("{method}: {error}"));
                }
                return Ok(received["result"].clone());
            }
            if received.get("method").is_some() {
                self.events.push(received);
            }
        }
    }

    fn read(&mut self) -> Result<Value> {
        let text = self
            .socket
            .receive()
            .map_err(|e| format!("reading from the browser: {e}"))?;
        serde_json::from_str(&text).map_err(|e| e.to_string())
    }

    /// Waits for the event `method` of `session`, keeping every other event for later.
    pub fn wait_for_event(&mut self, session: &str, method: &str, seconds: u64) -> Result<Value> {
        let started = Instant::now();
        loop {
            let at = self
                .events
                .iter()
                .position(|e| e["sessionId"] == json!(session) && e["method"] == json!(method));
            if let Some(at) = at {
                return Ok(self.events.remove(at));
            }
            if started.elapsed() > Duration::from_secs(seconds) {
                return Err(format!("no {method} within {seconds} s"));
            }
            let received = self.read()?;
            if received.get("method").is_some() {
                self.events.push(received);
            }
        }
    }

    /// Takes the events received so far for `session`.
    pub fn take_events(&mut self, session: &str) -> Vec<Value> {
        let (mine, others) = std::mem::take(&mut self.events)
            .into_iter()
            .partition(|e| e["sessionId"] == json!(session));
        self.events = others;
        mine
    }

    /// Opens a tab of `width` × `height` CSS pixels and returns its session.
    pub fn new_page(&mut self, width: u32, height: u32) -> Result<Page> {
        let target = self.call(None, "Target.createTarget", json!({ "url": "about:blank" }))?;
        let target_id = target["targetId"].clone();
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target_id, "flatten": true }),
        )?;
        let session = attached["sessionId"]
            .as_str()
            .ok_or("no session id")?
            .to_string();
        for domain in ["Page.enable", "Runtime.enable", "Log.enable"] {
            self.call(Some(&session), domain, json!({}))?;
        }
        self.call(
            Some(&session),
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }),
        )?;
        Ok(Page { session })
    }
}

/// One tab.
pub struct Page {
    pub session: String,
}

impl Page {
    /// Runs `script` in every document this tab loads from now on, before the page's own.
    pub fn run_first(&self, browser: &mut Browser, script: &str) -> Result<()> {
        browser.call(
            Some(&self.session),
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": script }),
        )?;
        Ok(())
    }

    /// Loads `url` and waits for its load event and its fonts.
    pub fn open(&self, browser: &mut Browser, url: &str) -> Result<()> {
        browser.take_events(&self.session);
        let navigated =
            browser.call(Some(&self.session), "Page.navigate", json!({ "url": url }))?;
        if let Some(error) = navigated.get("errorText") {
            return Err(format!("cannot load {url}: {error}"));
        }
        browser.wait_for_event(&self.session, "Page.loadEventFired", 60)?;
        self.eval(browser, "document.fonts.ready.then(() => true)")?;
        Ok(())
    }

    /// Evaluates `expression` (awaiting a promise) and returns its value as JSON.
    pub fn eval(&self, browser: &mut Browser, expression: &str) -> Result<Value> {
        let result = browser.call(
            Some(&self.session),
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        )?;
        if let Some(details) = result.get("exceptionDetails") {
            return Err(format!("`{expression}` threw: {details}"));
        }
        Ok(result["result"]["value"].clone())
    }

    /// Waits until `condition` is true in the page, checking every 50 ms.
    pub fn wait_until(&self, browser: &mut Browser, condition: &str, seconds: u64) -> Result<()> {
        let started = Instant::now();
        loop {
            if self.eval(browser, condition)? == json!(true) {
                return Ok(());
            }
            if started.elapsed() > Duration::from_secs(seconds) {
                return Err(format!("`{condition}` still false after {seconds} s"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Console errors, uncaught exceptions and error log entries since the last call.
    pub fn errors(&self, browser: &mut Browser) -> Vec<String> {
        browser
            .take_events(&self.session)
            .into_iter()
            .filter_map(|e| {
                let p = &e["params"];
                match e["method"].as_str()? {
                    "Runtime.consoleAPICalled" if p["type"] == "error" || p["type"] == "assert" => {
                        Some(format!("console.{}: {}", p["type"], p["args"]))
                    }
                    "Runtime.exceptionThrown" => Some(format!(
                        "uncaught: {}",
                        p["exceptionDetails"]["exception"]["description"]
                    )),
                    "Log.entryAdded" if p["entry"]["level"] == "error" => Some(format!(
                        "{}: {} {}",
                        p["entry"]["source"], p["entry"]["text"], p["entry"]["url"]
                    )),
                    _ => None,
                }
            })
            .collect()
    }

    /// The page printed to PDF, with an outline (bookmarks) made from its headings.
    pub fn print_to_pdf(&self, browser: &mut Browser) -> Result<Vec<u8>> {
        let printed = browser.call(
            Some(&self.session),
            "Page.printToPDF",
            json!({
                "printBackground": true,
                "generateDocumentOutline": true,
                "displayHeaderFooter": false,
            }),
        )?;
        base64(printed["data"].as_str().unwrap_or(""))
    }

    /// A PNG of what the window shows, for a person to look at.
    pub fn screenshot(&self, browser: &mut Browser, file: &Path) -> Result<()> {
        let shot = browser.call(
            Some(&self.session),
            "Page.captureScreenshot",
            json!({ "format": "png", "captureBeyondViewport": false }),
        )?;
        let data = base64(shot["data"].as_str().unwrap_or(""))?;
        std::fs::write(file, data).map_err(|e| e.to_string())
    }
}

fn base64(text: &str) -> Result<Vec<u8>> {
    let value = |c: u8| -> Result<u32> {
        Ok(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return Err(format!("not base64: {}", c as char)),
        } as u32)
    };
    let bytes: Vec<u8> = text.bytes().filter(|&c| c != b'=').collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let got = chunk.len() * 6 / 8;
        out.extend_from_slice(&n.to_be_bytes()[1..1 + got]);
    }
    Ok(out)
}
