//! The book's tasks, run as `cargo book <task>` (an alias in `.cargo/config.toml`), and the
//! pieces the book's browser and PDF tests share with them.
//!
//! - [`build`]: the HTML book, built in process with the mdBook library (`mdbook-driver`) and
//!   the book's preprocessor, exactly as `tests/book.rs` builds it; and the live panels'
//!   WebAssembly (`tools/panels`), compiled by a nested cargo into its own target folder.
//! - [`server`]: a small static HTTP server, with live reload for `cargo book serve`.
//! - [`watch`]: notices edits to the chapters, the listings and `book.toml`.
//! - [`chromium`]: finds a Chromium or Chrome to print with and to test in; [`cdp`] drives it
//!   over a [`websocket`].
//! - [`pdf`]: the print edition, one PDF of the whole book.

pub mod build;
pub mod cdp;
pub mod chromium;
pub mod pdf;
pub mod server;
pub mod watch;
pub mod websocket;

use std::path::{Path, PathBuf};

/// The book's root folder, where `book.toml` is.
pub fn root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.join("../..")
        .canonicalize()
        .unwrap_or_else(|_| here.join("../.."))
}

/// Cargo's target folder: `CARGO_TARGET_DIR` when set, else `target/` in the book's root.
pub fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
}
