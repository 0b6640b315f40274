//! `cargo book <task>`: see [`HELP`].

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use book_tasks::{build, pdf, root, server, target_dir, watch};

const HELP: &str = "\
cargo book: read, print and check the book

USAGE:
    cargo book <TASK> [OPTIONS]

TASKS:
    serve [--port N] [--open]
        Build the book and serve it at http://localhost:3000 (or port N). Editing a chapter,
        a listing, a snapshot or book.toml rebuilds it, and open pages reload. The live
        panels are compiled to WebAssembly in the background and appear when ready.
        --open also opens the book in your browser.

    build [--dest DIR]
        Write the HTML book, with the live panels' WebAssembly, to book/ (or DIR), ready to
        publish as static files.

    pdf [--output FILE]
        Print the whole book to one PDF, with its math and figures, using headless Chromium
        or Chrome (default: target/cross-entropy-verified.pdf).

    figures
        Redraw every figure under src/figures/ from the listing that draws it; review the
        changes with `git diff --stat src/figures`.

    student DIR
        Write the student edition to DIR: every exercise's solution replaced by a stub, its
        tests kept as the grader, the pages without solutions.

    grade [CHAPTER...]
        In a student edition: score the exercises, per chapter and per exercise.

    quizzes [FILE]
        Export the quizzes in GIFT, the format Moodle and other LMSs import.

    plan [MINUTES]
        Minutes per chapter, and a course plan in sessions of MINUTES (default 90).

    slides [DIR]
        A slide deck per chapter, with speaker notes, built from the pages
        (default: target/slides).

    instructor [DIR]
        The book with every solution and note for instructors open
        (default: target/book-instructor).

    release [--pdf FILE]
        The archives of this version (HTML, instructor and student editions, sources,
        slides, quizzes, the PDF) in target/book-release.

    help
        Print this help (also --help, -h).

Run every test with `cargo test --workspace`.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = root();
    let result = match args.first().map(String::as_str) {
        None | Some("help" | "--help" | "-h") => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Some(task) => run(&root, task, &args[1..]),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(e)) => {
            eprintln!("error: {e}\n\n{HELP}");
            ExitCode::from(2)
        }
        Err(Failure::Task(e)) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

enum Failure {
    /// A mistyped task or option: the usage is printed and the exit code is 2.
    Usage(String),
    Task(String),
}

impl From<String> for Failure {
    fn from(e: String) -> Self {
        Failure::Task(e)
    }
}

/// Options of the form `--name VALUE` or bare `--flag`, checked against what the task takes.
struct Options<'a> {
    task: &'a str,
    args: &'a [String],
}

impl<'a> Options<'a> {
    fn check(&self, with_value: &[&str], flags: &[&str]) -> Result<(), Failure> {
        let mut i = 0;
        while i < self.args.len() {
            let a = self.args[i].as_str();
            if with_value.contains(&a) {
                if i + 1 >= self.args.len() {
                    return Err(Failure::Usage(format!("`{a}` needs a value")));
                }
                i += 2;
            } else if flags.contains(&a) {
                i += 1;
            } else {
                return Err(Failure::Usage(format!(
                    "`cargo book {}` takes no `{a}`",
                    self.task
                )));
            }
        }
        Ok(())
    }

    fn value(&self, name: &str) -> Option<&'a str> {
        self.args
            .iter()
            .position(|a| a == name)
            .and_then(|i| self.args.get(i + 1))
            .map(String::as_str)
    }

    fn flag(&self, name: &str) -> bool {
        self.args.iter().any(|a| a == name)
    }
}

fn run(root: &Path, task: &str, args: &[String]) -> Result<(), Failure> {
    let options = Options { task, args };
    match task {
        "serve" => {
            options.check(&["--port"], &["--open"])?;
            let port = match options.value("--port") {
                None => 3000,
                Some(p) => p.parse().map_err(|_| {
                    Failure::Usage(format!("--port: `{p}` is not a port number (0 to 65535)"))
                })?,
            };
            Ok(serve(root, port, options.flag("--open"))?)
        }
        "build" => {
            options.check(&["--dest"], &[])?;
            let dest = match options.value("--dest") {
                Some(d) => PathBuf::from(d),
                None => root.join("book"),
            };
            let built = build::book(root, &dest, false)?;
            for w in &built.warnings {
                eprintln!("warning: {w}");
            }
            eprintln!(
                "the book is in {} (live panels: {}, {} bytes)",
                dest.display(),
                build::WASM_IN_BOOK,
                built.wasm_bytes
            );
            Ok(())
        }
        "pdf" => {
            options.check(&["--output"], &[])?;
            let output = match options.value("--output") {
                Some(o) => PathBuf::from(o),
                None => target_dir(root).join("cross-entropy-verified.pdf"),
            };
            let bytes = pdf::print(root, &output)?;
            eprintln!("printed the book to {} ({bytes} bytes)", output.display());
            Ok(())
        }
        "figures" => {
            options.check(&[], &[])?;
            Ok(figures(root)?)
        }
        // The course's tasks (tools/course): the student edition, grading, quizzes, the plan,
        // slides, the instructor edition and the release. `Ok(false)`: ran, and something is
        // wanting (an exercise not yet solved).
        _ if course::tasks::handles(task) => match course::tasks::run(root, task, args) {
            Ok(true) => Ok(()),
            Ok(false) => Err(Failure::Task(
                "not everything passed (see above)".to_string(),
            )),
            Err(e) => Err(Failure::Task(e)),
        },
        _ => Err(Failure::Usage(format!("no task `{task}`"))),
    }
}

/// Builds and serves the book, then rebuilds it on every edit. The HTML is built in process in
/// a second or two; the panels' WebAssembly is compiled by a nested cargo on a background
/// thread, so the first page answers before it is ready. A later run starts by serving the
/// last run's book at once, and reloads the page when the fresh build is in.
fn serve(root: &Path, port: u16, open: bool) -> Result<(), String> {
    let started = Instant::now();
    let mut watch = watch::Watch::new(vec![
        root.join("src"),
        root.join("listings"),
        root.join("book.toml"),
        root.join("tools/panels"),
    ]);
    let serve_dir = target_dir(root).join("serve");
    let builds = previous_builds(&serve_dir);
    let last = builds
        .last()
        .map(|&(generation, ref dir)| (generation, dir.clone()));
    for (_, dir) in &builds[..builds.len().saturating_sub(1)] {
        let _ = std::fs::remove_dir_all(dir);
    }
    let mut generation = last.as_ref().map_or(0, |(g, _)| g + 1);
    let fresh = serve_dir.join(generation.to_string());
    let site = match &last {
        Some((_, dir)) => server::Site::new(dir.clone(), true),
        None => {
            build_into(root, &fresh)?;
            server::Site::new(fresh.clone(), true)
        }
    };
    let addr =
        server::start(SocketAddr::from(([127, 0, 0, 1], port)), site.clone()).map_err(|e| {
            format!(
                "cannot serve on port {port} ({e}); try `--port {}`",
                port.wrapping_add(1)
            )
        })?;
    let url = format!("http://localhost:{}/", addr.port());
    eprintln!(
        "serving the book at {url} ({:.1} s after the start; Ctrl-C stops)",
        started.elapsed().as_secs_f64()
    );
    if open {
        open_in_browser(&url);
    }
    let mut previous: Option<PathBuf> = None;
    if let Some((_, old)) = last {
        // The last run's book is on screen; build this run's and swap it in, with the last
        // run's panels until this run's are compiled.
        eprintln!("(that is the last run's book; rebuilding)");
        match build_into(root, &fresh) {
            Ok(()) => {
                let _ = build::install_panels(&old.join(build::WASM_IN_BOOK), &fresh);
                site.replace(fresh);
                previous = Some(old);
                eprintln!("rebuilt after {:.1} s", started.elapsed().as_secs_f64());
            }
            Err(e) => eprintln!("error: {e}\n(still serving the last good build)"),
        }
    }

    let (done, finished) = mpsc::channel();
    let build_panels = |quiet: bool| {
        let done = done.clone();
        let root = root.to_path_buf();
        std::thread::spawn(move || {
            let _ = done.send(build::panels_wasm(&root, quiet));
        });
    };
    eprintln!("compiling the live panels to WebAssembly in the background");
    build_panels(false);
    let (mut panels_building, mut panels_stale) = (true, false);
    let mut wasm: Option<PathBuf> = None;
    loop {
        std::thread::sleep(Duration::from_millis(300));
        while let Ok(result) = finished.try_recv() {
            panels_building = false;
            match result {
                Ok(path) => {
                    match build::install_panels(&path, &site.dir()) {
                        Ok(bytes) => eprintln!("the live panels are ready ({bytes} bytes)"),
                        Err(e) => eprintln!("warning: {e}"),
                    }
                    wasm = Some(path);
                    site.changed();
                }
                Err(e) => eprintln!("warning: {e}; the book is served without its live panels"),
            }
            if panels_stale {
                panels_stale = false;
                panels_building = true;
                build_panels(true);
            }
        }
        let mut changes = watch.changes();
        if changes.is_empty() {
            continue;
        }
        // An editor may write a file in several steps: take in the rest of the save.
        std::thread::sleep(Duration::from_millis(150));
        changes.extend(watch.changes());
        let shown: Vec<String> = changes
            .iter()
            .take(3)
            .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
            .collect();
        eprintln!("changed: {}; rebuilding", shown.join(", "));
        generation += 1;
        let dir = serve_dir.join(generation.to_string());
        let t = Instant::now();
        match build_into(root, &dir) {
            Ok(()) => {
                if let Some(w) = &wasm {
                    let _ = build::install_panels(w, &dir);
                }
                let old = site.dir();
                site.replace(dir);
                // Keep the last folder a little longer for pages still loading from it.
                if let Some(older) = previous.replace(old) {
                    let _ = std::fs::remove_dir_all(older);
                }
                eprintln!("rebuilt in {:.1} s", t.elapsed().as_secs_f64());
            }
            Err(e) => eprintln!("error: {e}\n(still serving the last good build)"),
        }
        if changes.iter().any(|p| affects_panels(root, p)) {
            if panels_building {
                panels_stale = true;
            } else {
                panels_building = true;
                build_panels(true);
            }
        }
    }
}

/// Marks a build in `target/serve/` as complete, so a later run may show it.
const COMPLETE: &str = ".complete";

/// Builds the HTML into `dir`, printing mdBook's warnings.
fn build_into(root: &Path, dir: &Path) -> Result<(), String> {
    for w in build::html(root, dir)? {
        eprintln!("warning: {w}");
    }
    std::fs::write(dir.join(COMPLETE), "").map_err(|e| format!("{}: {e}", dir.display()))
}

/// The books earlier runs of `serve` left in `serve_dir`, numbered, oldest first.
fn previous_builds(serve_dir: &Path) -> Vec<(u64, PathBuf)> {
    let mut builds: Vec<(u64, PathBuf)> = std::fs::read_dir(serve_dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| {
                    let generation = e.file_name().to_str()?.parse().ok()?;
                    Some((generation, e.path()))
                })
                .filter(|(_, dir)| dir.join(COMPLETE).is_file())
                .collect()
        })
        .unwrap_or_default();
    builds.sort();
    builds
}

/// Whether an edit can change the panels' WebAssembly: the code of a listing or of the panels.
fn affects_panels(root: &Path, path: &Path) -> bool {
    let code = path
        .extension()
        .is_some_and(|e| e == "rs" || e == "toml" || e == "csv");
    code && (path.starts_with(root.join("listings")) || path.starts_with(root.join("tools/panels")))
}

fn open_in_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        Command::new("open").arg(url).status()
    } else if cfg!(windows) {
        Command::new("cmd").args(["/C", "start", url]).status()
    } else {
        Command::new("xdg-open").arg(url).status()
    };
    if !opener.is_ok_and(|s| s.success()) {
        eprintln!("could not open a browser; open {url} yourself");
    }
}

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Runs every listing's figure tests with `UPDATE_FIGURES=1`, which writes the figures that
/// differ from what the listings draw.
fn figures(root: &Path) -> Result<(), String> {
    let status = cargo()
        .current_dir(root)
        .args(["test", "-q", "--workspace", "--test", "figures"])
        .env("UPDATE_FIGURES", "1")
        .env_remove("CI")
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!("redrawing the figures failed ({status})"));
    }
    eprintln!("figures are up to date; review the changes with `git diff --stat src/figures`");
    Ok(())
}
