//! Running a workspace's tests and reading what each test did.
//!
//! One `cargo test --workspace --no-fail-fast --message-format json` runs everything. Cargo's
//! JSON messages name the package of each test executable (and report compile errors by
//! package); its `Running` and `Doc-tests` lines say which executable the results that follow
//! come from; libtest's lines say how each test ended, and its failure section holds the panic
//! message, of which only the first line is kept: a grader shows no panic traces.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

/// How a test ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    Failed,
    Ignored,
}

/// One test's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestResult {
    /// The package, `ch01-loss-functions`.
    pub package: String,
    /// The test as libtest names it, `exercises::tests::exercise_1_x`.
    pub name: String,
    pub outcome: Outcome,
    /// For a failure, the first line of its panic message.
    pub reason: Option<String>,
}

/// A whole run.
#[derive(Debug, Clone, Default)]
pub struct Run {
    pub results: Vec<TestResult>,
    /// Packages that did not compile, with the first error.
    pub build_errors: BTreeMap<String, String>,
    /// Lines of output that told of a problem outside any test (a test binary that crashed).
    pub problems: Vec<String>,
}

impl Run {
    /// The results of one package.
    pub fn of<'a>(&'a self, package: &'a str) -> impl Iterator<Item = &'a TestResult> + 'a {
        self.results.iter().filter(move |r| r.package == package)
    }
}

/// The package name in a cargo package id: `path+file:///p/ch01-x#0.1.0` (the folder's name)
/// or `path+file:///p/tools/x#name@0.1.0`, or the older `name 0.1.0 (path+file:///p)`.
fn package_name(id: &str) -> String {
    if let Some((path, rest)) = id.split_once('#') {
        match rest.split_once('@') {
            Some((name, _)) => name.to_string(),
            None => path.rsplit('/').next().unwrap_or(path).to_string(),
        }
    } else {
        id.split_whitespace().next().unwrap_or(id).to_string()
    }
}

/// What is known of the test executable whose output is being read.
#[derive(Default)]
struct Executable {
    package: Option<String>,
    /// Where its results start in `Run::results`.
    first: usize,
    /// The failure message being read: the test's name and its lines.
    message: Option<(String, Vec<String>)>,
    /// The first line of each failed test's message.
    reasons: BTreeMap<String, Option<String>>,
    /// Inside libtest's closing list of failed tests.
    in_list: bool,
    listed: Vec<String>,
}

impl Executable {
    fn end_message(&mut self) {
        if let Some((name, lines)) = self.message.take() {
            self.reasons.insert(name, reason(&lines));
        }
    }

    /// Reconciles what was read with libtest's own account: a line of output that a test
    /// wrote straight to the terminal can break a `test NAME ... FAILED` line, but the closing
    /// list of failures and the counts still say what happened.
    fn finish(&mut self, run: &mut Run, summary: Option<&str>) {
        self.end_message();
        let Some(package) = self.package.clone() else {
            return;
        };
        for name in std::mem::take(&mut self.listed) {
            let known = run.results[self.first..]
                .iter_mut()
                .find(|r| r.name == name);
            match known {
                Some(r) => r.outcome = Outcome::Failed,
                None => run.results.push(TestResult {
                    package: package.clone(),
                    name,
                    outcome: Outcome::Failed,
                    reason: None,
                }),
            }
        }
        for r in &mut run.results[self.first..] {
            if r.outcome == Outcome::Failed && r.reason.is_none() {
                r.reason = self.reasons.get(&r.name).cloned().flatten();
            }
        }
        // `test result: FAILED. 4 passed; 2 failed; 1 ignored; ...`
        if let Some(summary) = summary {
            let count = |what: &str| -> usize {
                summary
                    .split(';')
                    .filter_map(|part| part.trim().rsplit_once(' '))
                    .find(|(_, w)| *w == what)
                    .and_then(|(n, _)| n.rsplit(' ').next()?.parse().ok())
                    .unwrap_or(0)
            };
            let stated = count("passed") + count("failed") + count("ignored");
            let read = run.results.len() - self.first;
            if read != stated {
                run.problems.push(format!(
                    "{package}: libtest counted {stated} tests in one executable, {read} were read"
                ));
            }
        }
        *self = Executable {
            first: run.results.len(),
            ..Executable::default()
        };
    }
}

/// Reads the combined output of `cargo test --message-format json` (standard output and error
/// in one stream, in order).
pub fn parse(output: impl Iterator<Item = String>) -> Run {
    let mut run = Run::default();
    // Executable file name -> package; library crate name -> package (for doc tests).
    let mut executables: BTreeMap<String, String> = BTreeMap::new();
    let mut libraries: BTreeMap<String, String> = BTreeMap::new();
    let mut here = Executable::default();

    for line in output {
        if line.starts_with('{') {
            let Ok(msg) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            let package = msg["package_id"].as_str().map(package_name);
            match msg["reason"].as_str() {
                Some("compiler-artifact") => {
                    let Some(package) = package else { continue };
                    if let Some(exe) = msg["executable"].as_str() {
                        let file = Path::new(exe)
                            .file_name()
                            .map(|f| f.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        executables.insert(file, package.clone());
                    }
                    let target = &msg["target"];
                    let is_lib = target["kind"]
                        .as_array()
                        .is_some_and(|k| k.iter().any(|k| k == "lib"));
                    if is_lib && let Some(name) = target["name"].as_str() {
                        libraries.insert(name.replace('-', "_"), package);
                    }
                }
                Some("compiler-message") if msg["message"]["level"] == "error" => {
                    let Some(package) = package else { continue };
                    let text = msg["message"]["message"].as_str().unwrap_or("error");
                    let span = msg["message"]["spans"]
                        .as_array()
                        .and_then(|s| s.iter().find(|s| s["is_primary"] == true))
                        .map(|s| {
                            format!(
                                " ({}:{})",
                                s["file_name"].as_str().unwrap_or("?"),
                                s["line_start"]
                            )
                        })
                        .unwrap_or_default();
                    run.build_errors
                        .entry(package)
                        .or_insert_with(|| format!("error: {text}{span}"));
                }
                _ => {}
            }
            continue;
        }
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("Running ") {
            here.finish(&mut run, None);
            // `Running tests/output.rs (target/debug/deps/output-0123abcd)`
            let exe = rest
                .rsplit_once('(')
                .map(|(_, e)| e.trim_end_matches(')'))
                .unwrap_or(rest);
            let file = Path::new(exe)
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            here.package = executables.get(&file).cloned();
            if here.package.is_none() {
                run.problems
                    .push(format!("no package known for the test executable {exe}"));
            }
        } else if let Some(name) = trimmed.strip_prefix("Doc-tests ") {
            here.finish(&mut run, None);
            here.package = libraries
                .get(name.trim())
                .cloned()
                .or_else(|| Some(name.trim().replace('_', "-")));
        } else if line.starts_with("test result:") {
            here.finish(&mut run, Some(&line));
        } else if let Some(name) = line
            .strip_prefix("---- ")
            .and_then(|l| l.strip_suffix(" stdout ----"))
        {
            here.end_message();
            here.in_list = false;
            here.message = Some((name.to_string(), Vec::new()));
        } else if line == "failures:" {
            here.end_message();
            here.in_list = true;
        } else if here.in_list {
            if let Some(name) = line.strip_prefix("    ")
                && !name.trim().is_empty()
            {
                here.listed.push(name.trim().to_string());
            }
        } else if let Some((_, lines)) = &mut here.message {
            lines.push(line.clone());
        } else if let Some(rest) = line.strip_prefix("test ")
            && let Some((name, outcome)) = rest.rsplit_once(" ... ")
            && !name.is_empty()
        {
            let outcome = match outcome.trim() {
                "ok" => Outcome::Passed,
                "FAILED" => Outcome::Failed,
                o if o.starts_with("ignored") => Outcome::Ignored,
                _ => continue,
            };
            if let Some(package) = &here.package {
                run.results.push(TestResult {
                    package: package.clone(),
                    name: name.to_string(),
                    outcome,
                    reason: None,
                });
            }
        } else if trimmed.contains("process didn't exit successfully") && trimmed.contains("signal")
        {
            // A test binary that crashed rather than reported.
            run.problems.push(trimmed.to_string());
        }
    }
    here.finish(&mut run, None);
    run
}

/// The first line of a failed test's panic message.
fn reason(lines: &[String]) -> Option<String> {
    let at = lines
        .iter()
        .position(|l| l.starts_with("thread '") && l.contains("panicked at"))?;
    let first = lines[at + 1..]
        .iter()
        .find(|l| !l.trim().is_empty())?
        .trim()
        .to_string();
    let mut short: String = first.chars().take(160).collect();
    if short.len() < first.len() {
        short.push('…');
    }
    Some(short)
}

/// Runs `cargo test --workspace --no-fail-fast` in `dir`, building into `target_dir`, and reads
/// the results. `env` is added to the environment of cargo and the tests.
pub fn run_workspace(
    dir: &Path,
    target_dir: &Path,
    extra_args: &[&str],
    env: &[(&str, &str)],
) -> Result<Run, String> {
    let mut args = vec!["--workspace"];
    args.extend_from_slice(extra_args);
    let mut env = env.to_vec();
    let target = target_dir.to_string_lossy();
    env.push(("CARGO_TARGET_DIR", &target));
    run_tests(dir, &args, &env)
}

/// Runs `cargo test --no-fail-fast ARGS` in `dir` and reads the results.
pub fn run_tests(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Result<Run, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let (reader, writer) = std::io::pipe().map_err(|e| format!("cannot make a pipe: {e}"))?;
    let writer2 = writer
        .try_clone()
        .map_err(|e| format!("cannot share a pipe: {e}"))?;
    let mut cmd = Command::new(cargo);
    cmd.current_dir(dir)
        .args([
            "test",
            "--no-fail-fast",
            "--message-format",
            "json",
            "--color",
            "never",
        ])
        .args(args)
        .env("RUST_BACKTRACE", "0")
        .env("CARGO_TERM_COLOR", "never")
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(writer2);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot run cargo test: {e}"))?;
    // The pipe's writing ends now belong to the child alone, so reading ends when it exits.
    drop(cmd);
    let lines = BufReader::new(reader).lines().map_while(Result::ok);
    let run = parse(lines);
    child
        .wait()
        .map_err(|e| format!("cargo test did not finish: {e}"))?;
    Ok(run)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTPUT: &str = r#"{"reason":"compiler-artifact","package_id":"path+file:///w/listings/ch01-x#0.1.0","manifest_path":"/w/listings/ch01-x/Cargo.toml","target":{"kind":["lib"],"crate_types":["lib"],"name":"ch01_x","src_path":"/w/listings/ch01-x/src/lib.rs"},"profile":{"test":true},"executable":"/t/debug/deps/ch01_x-aaaa","fresh":true}
{"reason":"compiler-artifact","package_id":"path+file:///w/listings/ch01-x#0.1.0","target":{"kind":["lib"],"name":"ch01_x"},"profile":{"test":false},"executable":null,"fresh":true}
{"reason":"compiler-artifact","package_id":"path+file:///w/listings/ch01-x#0.1.0","target":{"kind":["test"],"name":"output"},"profile":{"test":true},"executable":"/t/debug/deps/output-bbbb","fresh":true}
{"reason":"compiler-artifact","package_id":"path+file:///w/listings/ch02-y#ch02-why@0.1.0","target":{"kind":["test"],"name":"output"},"profile":{"test":true},"executable":"/t/debug/deps/output-cccc","fresh":true}
{"reason":"compiler-message","package_id":"path+file:///w/listings/ch03-z#0.1.0","message":{"level":"error","message":"mismatched types","spans":[{"file_name":"src/exercises.rs","line_start":12,"is_primary":true}]}}
{"reason":"build-finished","success":true}
     Running unittests src/lib.rs (/t/debug/deps/ch01_x-aaaa)

running 3 tests
test exercises::tests::exercise_1_a ... ok
test exercises::tests::exercise_2_b ... FAILED
test other ... ignored, slow

failures:

---- exercises::tests::exercise_2_b stdout ----

thread 'exercises::tests::exercise_2_b' (123) panicked at src/exercises.rs:10:5:
not yet implemented: exercise 2
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace


failures:
    exercises::tests::exercise_2_b

test result: FAILED. 1 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.00s

error: test failed, to rerun pass `-p ch01-x --lib`
     Running tests/output.rs (/t/debug/deps/output-bbbb)

running 1 test
test nudge ... ok

test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s

     Running tests/output.rs (/t/debug/deps/output-cccc)

running 1 test
test exercise_1_answers ... FAILED

failures:

---- exercise_1_answers stdout ----

thread 'exercise_1_answers' (9) panicked at /r/insta/src/runtime.rs:1:1:
snapshot assertion for 'ch02-answers' failed in line 12
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace

failures:
    exercise_1_answers

test result: FAILED. 0 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s

   Doc-tests ch01_x

running 1 test
test src/lib.rs - f (line 3) ... ok

test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
"#;

    #[test]
    fn results_are_read_per_package_with_the_first_line_of_each_failure() {
        let run = parse(OUTPUT.lines().map(str::to_string));
        let got: Vec<(&str, &str, Outcome, Option<&str>)> = run
            .results
            .iter()
            .map(|r| {
                (
                    r.package.as_str(),
                    r.name.as_str(),
                    r.outcome,
                    r.reason.as_deref(),
                )
            })
            .collect();
        use Outcome::*;
        assert_eq!(
            got,
            [
                ("ch01-x", "exercises::tests::exercise_1_a", Passed, None),
                (
                    "ch01-x",
                    "exercises::tests::exercise_2_b",
                    Failed,
                    Some("not yet implemented: exercise 2")
                ),
                ("ch01-x", "other", Ignored, None),
                ("ch01-x", "nudge", Passed, None),
                (
                    "ch02-why",
                    "exercise_1_answers",
                    Failed,
                    Some("snapshot assertion for 'ch02-answers' failed in line 12")
                ),
                ("ch01-x", "src/lib.rs - f (line 3)", Passed, None),
            ]
        );
        assert_eq!(
            run.build_errors["ch03-z"],
            "error: mismatched types (src/exercises.rs:12)"
        );
        assert!(run.problems.is_empty(), "{:?}", run.problems);
    }

    #[test]
    fn a_result_line_broken_by_other_output_is_recovered_from_the_failure_list() {
        let text = OUTPUT.replace(
            "test exercises::tests::exercise_2_b ... FAILED",
            "test exercises::tests::exercise_2_b ... INFO building the book\nFAILED",
        );
        let run = parse(text.lines().map(str::to_string));
        let r = run
            .results
            .iter()
            .find(|r| r.name == "exercises::tests::exercise_2_b")
            .expect("recovered");
        assert_eq!(r.outcome, Outcome::Failed);
        assert_eq!(r.reason.as_deref(), Some("not yet implemented: exercise 2"));
        assert!(run.problems.is_empty(), "{:?}", run.problems);
        // A result that cannot be read at all is a problem, not a silence.
        let text = OUTPUT.replace("test other ... ignored, slow\n", "");
        let run = parse(text.lines().map(str::to_string));
        assert!(
            run.problems[0].contains("counted 3 tests"),
            "{:?}",
            run.problems
        );
    }

    #[test]
    fn package_ids_in_every_form() {
        assert_eq!(
            package_name("path+file:///w/listings/ch01-x#0.1.0"),
            "ch01-x"
        );
        assert_eq!(
            package_name("path+file:///w/tools/c#course@0.1.0"),
            "course"
        );
        assert_eq!(
            package_name("registry+https://github.com/rust-lang/crates.io-index#syn@2.0.1"),
            "syn"
        );
        assert_eq!(package_name("course 0.1.0 (path+file:///w)"), "course");
    }
}
