//! Building the book: the HTML in process, the live panels' WebAssembly with a nested cargo.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use mdbook_driver::MDBook;
use mdbook_listings::Listings;
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

/// The WebAssembly target the panels are compiled for.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Where the panels' module goes in the built book; `src/panels/panels.js` loads it from there.
pub const WASM_IN_BOOK: &str = "panels/panels.wasm";

/// Builds the HTML book into `out`, which is emptied first, with the book's preprocessor in
/// process (no mdBook command line needed). Returns what mdBook warned about.
pub fn html(root: &Path, out: &Path) -> Result<Vec<String>, String> {
    let mut book = MDBook::load(root).map_err(|e| format!("cannot load the book: {e:#}"))?;
    book.config
        .set("build.build-dir", out.to_string_lossy().as_ref())
        .map_err(|e| format!("{e:#}"))?;
    book.with_preprocessor(Listings);
    let warnings = Arc::new(Mutex::new(Vec::new()));
    let subscriber = tracing_subscriber::registry().with(Warnings(warnings.clone()));
    tracing::subscriber::with_default(subscriber, || book.build())
        .map_err(|e| format!("the book does not build: {e:#}"))?;
    let warnings = warnings.lock().map(|w| w.clone()).unwrap_or_default();
    Ok(warnings)
}

/// Keeps the text of every warning or error that mdBook logs.
struct Warnings(Arc<Mutex<Vec<String>>>);

impl<S: tracing::Subscriber> Layer<S> for Warnings {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if *event.metadata().level() > tracing::Level::WARN {
            return;
        }
        struct Message(String);
        impl tracing::field::Visit for Message {
            fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
                if field.name() == "message" {
                    self.0 = format!("{value:?}");
                }
            }
        }
        let mut message = Message(String::new());
        event.record(&mut message);
        if let Ok(mut w) = self.0.lock() {
            w.push(message.0);
        }
    }
}

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Makes sure the WebAssembly target is installed, installing it with rustup if it is not.
pub fn ensure_wasm_target() -> Result<(), String> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let sysroot = Command::new(&rustc)
        .args(["--print", "sysroot"])
        .output()
        .map_err(|e| format!("cannot run rustc: {e}"))?;
    let sysroot = PathBuf::from(String::from_utf8_lossy(&sysroot.stdout).trim());
    if sysroot
        .join("lib/rustlib")
        .join(WASM_TARGET)
        .join("lib")
        .is_dir()
    {
        return Ok(());
    }
    eprintln!(
        "installing the {WASM_TARGET} target for the live panels (once): rustup target add {WASM_TARGET}"
    );
    let added = Command::new("rustup")
        .args(["target", "add", WASM_TARGET])
        .status();
    match added {
        Ok(status) if status.success() => Ok(()),
        _ => Err(format!(
            "the live panels need Rust's {WASM_TARGET} target; install it with \
             `rustup target add {WASM_TARGET}`"
        )),
    }
}

/// Compiles `tools/panels` to WebAssembly (the `panels` profile: small, no debug information)
/// and returns the module's path. It uses a target folder of its own, `target/wasm`, so that it
/// never waits on the lock of a `cargo test` running in `target/`.
pub fn panels_wasm(root: &Path, quiet: bool) -> Result<PathBuf, String> {
    ensure_wasm_target()?;
    let target = crate::target_dir(root).join("wasm");
    let mut cmd = cargo();
    cmd.current_dir(root)
        .args(["build", "-p", "panels", "--profile", "panels", "--target"])
        .arg(WASM_TARGET)
        .arg("--target-dir")
        .arg(&target)
        .env_remove("CARGO_TARGET_DIR");
    if quiet {
        cmd.arg("-q").stdout(Stdio::null());
    }
    let status = cmd.status().map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!(
            "compiling the live panels to WebAssembly failed ({status})"
        ));
    }
    let wasm = target.join(WASM_TARGET).join("panels").join("panels.wasm");
    let bytes = fs::read(&wasm).map_err(|e| format!("cargo built no {}: {e}", wasm.display()))?;
    if let Some(module) = foreign_import(&bytes) {
        return Err(format!(
            "{} imports from `{module}`, which the page does not provide, so no panel would \
             start: a listing crate the panels use depends on JavaScript bindings (plotters \
             is the usual one: make it a native-only dependency, as the chapters do)",
            wasm.display()
        ));
    }
    Ok(wasm)
}

/// The page gives the module one import module, `panels` (see `src/panels/worker.js`); the
/// name of any other module the compiled code imports from, such as wasm-bindgen's.
fn foreign_import(wasm: &[u8]) -> Option<String> {
    ["__wbindgen_placeholder__", "__wbindgen_externref_xform__"]
        .into_iter()
        .find(|m| wasm.windows(m.len()).any(|w| w == m.as_bytes()))
        .map(str::to_string)
}

/// Copies the panels' module into a built book; returns its size in bytes.
pub fn install_panels(wasm: &Path, out: &Path) -> Result<u64, String> {
    let dest = out.join(WASM_IN_BOOK);
    if let Some(dir) = dest.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::copy(wasm, &dest).map_err(|e| format!("{}: {e}", dest.display()))
}

/// What [`book`] built.
#[derive(Debug)]
pub struct Built {
    pub warnings: Vec<String>,
    /// The size of the panels' WebAssembly module in bytes.
    pub wasm_bytes: u64,
}

/// The whole book into `out`: the HTML and the panels, as `cargo book build` and the browser
/// test build it.
pub fn book(root: &Path, out: &Path, quiet: bool) -> Result<Built, String> {
    let wasm = panels_wasm(root, quiet)?;
    let warnings = html(root, out)?;
    let wasm_bytes = install_panels(&wasm, out)?;
    Ok(Built {
        warnings,
        wasm_bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::foreign_import;

    #[test]
    fn a_module_with_wasm_bindgen_imports_is_refused() {
        let ours = b"\0asm\x01\0\0\0\x02\x10\x01\x06panels\x0bpanels_emit\0\0".as_slice();
        assert_eq!(foreign_import(ours), None);
        let theirs = [ours, b"\x18__wbindgen_placeholder__\x14__wbindgen_describe"].concat();
        assert_eq!(
            foreign_import(&theirs).as_deref(),
            Some("__wbindgen_placeholder__")
        );
    }
}
