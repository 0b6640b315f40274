//! A small static HTTP server for the built book, on `std::net`: GET and HEAD, one thread per
//! connection, one request per connection. WebAssembly must be fetched over HTTP (not
//! `file://`), which is why `cargo book serve`, the PDF and the browser test all use it.
//!
//! With live reload on, every HTML page it serves gets a few lines of script that ask
//! `/__reload` for the book's version once a second and reload the page when it changes.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// What the server serves: a folder, which may be swapped for a freshly built one.
#[derive(Debug)]
pub struct Site {
    dir: RwLock<PathBuf>,
    version: AtomicU64,
    live_reload: bool,
}

const RELOAD_PATH: &str = "/__reload";

const RELOAD_SCRIPT: &str = "<script>(function () {\n\
    // Added by `cargo book serve`: reload when the book is rebuilt.\n\
    let seen = null;\n\
    setInterval(function () {\n\
        fetch(\"/__reload\", { cache: \"no-store\" }).then(function (r) { return r.text(); }).then(function (v) {\n\
            if (seen === null) { seen = v; } else if (v !== seen) { location.reload(); }\n\
        }, function () {});\n\
    }, 1000);\n\
})();</script>\n";

impl Site {
    pub fn new(dir: PathBuf, live_reload: bool) -> Arc<Site> {
        Arc::new(Site {
            dir: RwLock::new(dir),
            version: AtomicU64::new(1),
            live_reload,
        })
    }

    /// The folder being served.
    pub fn dir(&self) -> PathBuf {
        self.dir.read().map(|d| d.clone()).unwrap_or_default()
    }

    /// Serves `dir` from now on, and tells open pages to reload.
    pub fn replace(&self, dir: PathBuf) {
        if let Ok(mut d) = self.dir.write() {
            *d = dir;
        }
        self.changed();
    }

    /// Tells open pages to reload (the folder's content changed).
    pub fn changed(&self) {
        self.version.fetch_add(1, Ordering::SeqCst);
    }
}

/// Listens on `addr` and serves `site` from a background thread; returns the address bound
/// (ask for port 0 to get a free one).
pub fn start(addr: SocketAddr, site: Arc<Site>) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind(addr)?;
    let bound = listener.local_addr()?;
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let site = site.clone();
            std::thread::spawn(move || {
                let _ = respond(stream, &site);
            });
        }
    });
    Ok(bound)
}

fn respond(mut stream: TcpStream, site: &Site) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Read and ignore the headers; a GET has no body worth reading.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 && header.len() < 64 * 1024 {
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    if method != "GET" && method != "HEAD" {
        return send(
            &mut stream,
            method,
            405,
            "text/plain",
            b"only GET and HEAD\n",
        );
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if site.live_reload && path == RELOAD_PATH {
        let version = site.version.load(Ordering::SeqCst).to_string();
        return send(&mut stream, method, 200, "text/plain", version.as_bytes());
    }
    let dir = site.dir();
    let Some(file) = resolve(&dir, path) else {
        return not_found(&mut stream, method, &dir, site);
    };
    let mut body = Vec::new();
    match std::fs::File::open(&file).and_then(|mut f| f.read_to_end(&mut body)) {
        Ok(_) => {}
        Err(_) => return not_found(&mut stream, method, &dir, site),
    }
    let kind = content_type(&file);
    if site.live_reload && kind.starts_with("text/html") {
        body = with_reload_script(body);
    }
    send(&mut stream, method, 200, kind, &body)
}

fn not_found(stream: &mut TcpStream, method: &str, dir: &Path, site: &Site) -> std::io::Result<()> {
    let page = std::fs::read(dir.join("404.html")).unwrap_or_else(|_| b"not found\n".to_vec());
    let page = if site.live_reload {
        with_reload_script(page)
    } else {
        page
    };
    send(stream, method, 404, "text/html; charset=utf-8", &page)
}

/// The file a URL path names inside `dir`: percent-decoded, never outside `dir`, a folder's
/// `index.html` for a folder.
pub fn resolve(dir: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let mut file = dir.join(relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "wasm" => "application/wasm",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn with_reload_script(mut page: Vec<u8>) -> Vec<u8> {
    let at = page
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(page.len());
    page.splice(at..at, RELOAD_SCRIPT.bytes());
    page
}

fn send(
    stream: &mut TcpStream,
    method: &str,
    status: u16,
    kind: &str,
    body: &[u8],
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// Fetches `path` from a server on this machine: the status and the body. For the tests and
/// for `cargo book serve`'s own check that it answers.
pub fn get(addr: SocketAddr, path: &str) -> std::io::Result<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("no end of headers"))?;
    let head = String::from_utf8_lossy(&response[..split]);
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other("no status"))?;
    Ok((status, response[split + 4..].to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serves_files_folders_and_404s_and_nothing_outside() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub dir")).unwrap();
        std::fs::write(dir.path().join("index.html"), "<body>home</body>").unwrap();
        std::fs::write(dir.path().join("sub dir/index.html"), "<body>sub</body>").unwrap();
        std::fs::write(dir.path().join("m.wasm"), [0u8, 97, 115, 109]).unwrap();
        std::fs::write(dir.path().join("404.html"), "<body>missing</body>").unwrap();
        let site = Site::new(dir.path().to_path_buf(), true);
        let addr = start("127.0.0.1:0".parse().unwrap(), site.clone()).unwrap();

        let (status, body) = get(addr, "/").unwrap();
        assert_eq!(status, 200);
        let body = String::from_utf8(body).unwrap();
        assert!(body.starts_with("<body>home<script>"), "{body}");
        assert!(body.ends_with("</script>\n</body>"), "{body}");
        assert_eq!(get(addr, "/sub%20dir/").unwrap().0, 200);
        assert_eq!(get(addr, "/m.wasm?x=1").unwrap().1, [0u8, 97, 115, 109]);
        let (status, body) = get(addr, "/../etc/passwd").unwrap();
        assert_eq!(status, 404);
        assert!(String::from_utf8_lossy(&body).contains("missing"));
        assert_eq!(get(addr, "/nope.html").unwrap().0, 404);

        let (_, v1) = get(addr, RELOAD_PATH).unwrap();
        site.changed();
        let (_, v2) = get(addr, RELOAD_PATH).unwrap();
        assert_ne!(v1, v2);
    }

    #[test]
    fn paths_stay_inside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.html"), "a").unwrap();
        assert!(resolve(dir.path(), "/a.html").is_some());
        assert!(resolve(dir.path(), "/%2e%2e/a.html").is_none());
        assert!(resolve(dir.path(), "/%zz").is_none());
        assert_eq!(content_type(Path::new("x.wasm")), "application/wasm");
    }
}
