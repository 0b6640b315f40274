//! Finding and starting a headless Chromium (or Chrome), for the PDF and the browser test.

use std::path::{Path, PathBuf};

/// What to tell a reader who has no Chromium.
pub const INSTALL_HINT: &str = "install Chromium: on Debian or Ubuntu `sudo apt-get install chromium`, \
     on Fedora `sudo dnf install chromium`, on macOS install Google Chrome; or name the browser \
     in the environment variable BOOK_CHROMIUM";

/// The browser to use: `BOOK_CHROMIUM` if set, else the first of `chromium`,
/// `chromium-browser`, `google-chrome`, `google-chrome-stable` on the `PATH`, else Chrome's
/// usual place on macOS.
pub fn find() -> Option<PathBuf> {
    if let Some(named) = std::env::var_os("BOOK_CHROMIUM") {
        return Some(PathBuf::from(named));
    }
    let names = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ];
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in names {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    let mac = Path::new("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome");
    mac.is_file().then(|| mac.to_path_buf())
}

/// The switches for a quiet headless run with a fresh profile in `profile`: no GPU, no
/// sandbox (which needs privileges that containers and CI runners lack), and none of the
/// background connections to Google's services, which a closed network refuses.
pub fn headless_args(profile: &Path) -> Vec<String> {
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--hide-scrollbars",
        "--mute-audio",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([format!("--user-data-dir={}", profile.display())])
    .collect()
}
