//! The book's tasks, run as `cargo book <task>` (an alias in `.cargo/config.toml`).
//!
//! - `serve [ARGS]`: builds the book and serves it at http://localhost:3000, rebuilding and
//!   reloading the page when a chapter, a listing or a snapshot changes. Extra arguments go to
//!   `mdbook serve` (for example `--port 4000` or `--open`).
//! - `build [ARGS]`: writes the HTML book to `book/`.
//! - `figures`: redraws every figure under `src/figures/` from the listings that own them.
//! - `student`, `grade`, and the course's other tasks: `tools/course` (`course::tasks`).
//!
//! `serve` and `build` need the mdBook command line. The first time, this installs the version
//! the book is written for into `target/mdbook-0.5.4/` with `cargo install` (a few minutes);
//! nothing outside the project is touched.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const MDBOOK_VERSION: &str = "0.5.4";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let result = match args.first().map(String::as_str) {
        Some("serve") => mdbook(&root, "serve", &args[1..]),
        Some("build") => mdbook(&root, "build", &args[1..]),
        Some("figures") => figures(&root),
        Some(task) if course::tasks::handles(task) => {
            // The course's tasks (tools/course); `Ok(false)`: ran, and something is wanting.
            match course::tasks::run(&root, task, &args[1..]) {
                Ok(true) => Ok(()),
                Ok(false) => return ExitCode::FAILURE,
                Err(e) => Err(e),
            }
        }
        _ => {
            eprintln!(
                "usage: cargo book serve [MDBOOK-ARGS] | cargo book build | cargo book figures"
            );
            for (_, usage) in course::tasks::TASKS {
                eprintln!("       cargo book {usage}");
            }
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
}

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

fn run(mut cmd: Command, what: &str) -> Result<(), String> {
    let status = cmd
        .status()
        .map_err(|e| format!("cannot start {what}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}

/// The pinned mdBook command line, installed into `target/` on first use.
fn mdbook_binary(root: &Path) -> Result<PathBuf, String> {
    let install_root = target_dir(root).join(format!("mdbook-{MDBOOK_VERSION}"));
    let binary = install_root.join("bin").join(if cfg!(windows) {
        "mdbook.exe"
    } else {
        "mdbook"
    });
    if binary.is_file() {
        return Ok(binary);
    }
    eprintln!(
        "installing mdbook {MDBOOK_VERSION} into {} (once; it takes a few minutes)",
        install_root.display()
    );
    let mut install = cargo();
    install
        .args([
            "install",
            "mdbook",
            "--version",
            MDBOOK_VERSION,
            "--locked",
            "--root",
        ])
        .arg(&install_root)
        .arg("--target-dir")
        .arg(target_dir(root).join("mdbook-build"));
    run(install, "cargo install mdbook")?;
    Ok(binary)
}

fn mdbook(root: &Path, command: &str, extra: &[String]) -> Result<(), String> {
    let binary = mdbook_binary(root)?;
    // The book's preprocessor runs as `cargo run -q -p mdbook-listings`; build it now so the first
    // page load does not wait for it.
    let mut build = cargo();
    build
        .current_dir(root)
        .args(["build", "-q", "-p", "mdbook-listings"]);
    run(build, "building the book's preprocessor")?;

    let mut cmd = Command::new(binary);
    cmd.current_dir(root).arg(command).args(extra);
    run(cmd, &format!("mdbook {command}"))
}

/// Runs every listing's figure tests with `UPDATE_FIGURES=1`, which writes the figures that
/// differ from what the listings draw.
fn figures(root: &Path) -> Result<(), String> {
    let mut cmd = cargo();
    cmd.current_dir(root)
        .args(["test", "-q", "--workspace", "--test", "figures"])
        .env("UPDATE_FIGURES", "1")
        .env_remove("CI");
    run(cmd, "redrawing the figures")?;
    eprintln!("figures are up to date; review the changes with `git diff --stat src/figures`");
    Ok(())
}
