//! What every listing crate's tests share.
//!
//! - [`assert_output!`] runs one of the crate's programs and compares what it prints with the
//!   insta snapshot `tests/snapshots/<name>.snap`, the file that the book's `{{#output}}`
//!   directive shows.
//! - [`assert_figure`] compares a freshly drawn figure with the SVG committed under
//!   `src/figures/`, byte for byte.

use std::path::PathBuf;

pub use insta;
pub use insta_cmd;

/// Snapshot-tests a program of the calling crate.
///
/// `assert_output!("nudge")` runs the binary `nudge` with no arguments and names the snapshot
/// `nudge`. `assert_output!("train-small", "train", ["--epochs", "3"])` names the snapshot
/// `train-small` and runs `train --epochs 3`. The program runs with the crate's folder as its
/// working directory and with `NO_COLOR` set.
#[macro_export]
macro_rules! assert_output {
    ($program:literal) => {
        $crate::assert_output!($program, $program, [])
    };
    ($name:literal, $program:literal, [$($arg:expr),* $(,)?]) => {{
        let mut cmd = ::std::process::Command::new(env!(concat!("CARGO_BIN_EXE_", $program)));
        cmd.current_dir(env!("CARGO_MANIFEST_DIR")).env("NO_COLOR", "1");
        $( cmd.arg($arg); )*
        let mut settings = $crate::insta::Settings::clone_current();
        settings.set_snapshot_path("snapshots");
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.bind(|| {
            $crate::insta_cmd::assert_cmd_snapshot!($name, cmd);
        });
    }};
}

/// The book's `src/figures/` folder.
pub fn figures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../src/figures")
}

/// Fails unless `svg` is byte for byte the committed `src/figures/<name>.svg`.
///
/// With `UPDATE_FIGURES=1` in the environment (what `cargo book figures` sets), a figure that
/// differs or is missing is written instead. Under `CI=true` nothing is ever written.
pub fn assert_figure(name: &str, svg: &str) {
    let path = figures_dir().join(format!("{name}.svg"));
    let committed = std::fs::read_to_string(&path).ok();
    if committed.as_deref() == Some(svg) {
        return;
    }
    let update = std::env::var("UPDATE_FIGURES").is_ok_and(|v| v == "1")
        && !std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    if update {
        // Through a temporary file renamed into place: a redraw that is stopped halfway leaves
        // the old figure, never a part of the new one.
        let write = || -> std::io::Result<()> {
            let mut file = tempfile::NamedTempFile::new_in(figures_dir())?;
            std::io::Write::write_all(&mut file, svg.as_bytes())?;
            file.persist(&path)?;
            Ok(())
        };
        write().unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        eprintln!("figure updated: src/figures/{name}.svg");
        return;
    }
    match committed {
        None => panic!(
            "figure src/figures/{name}.svg does not exist yet; draw it with `cargo book figures`"
        ),
        Some(old) => panic!(
            "figure src/figures/{name}.svg differs from what the listing draws now \
             ({} bytes committed, {} bytes drawn, first difference at byte {}); \
             redraw it with `cargo book figures` and review the change",
            old.len(),
            svg.len(),
            old.bytes()
                .zip(svg.bytes())
                .take_while(|(a, b)| a == b)
                .count(),
        ),
    }
}
