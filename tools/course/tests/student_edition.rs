//! The student edition is sound: generated from this repository, every stubbed exercise fails
//! its tests and every other test passes; with the solutions put back it is this repository,
//! byte for byte.
//!
//! The edition is written to `target/student-edition/repo` and built in
//! `target/student-edition/target`, both kept between runs: files whose content did not change
//! are not rewritten, so a second run rebuilds only what changed.

use std::path::{Path, PathBuf};
use std::time::Instant;

use course::edition::{Edition, read_written, repository_files};
use course::{check, testrun};
use mdbook_listings::edition::Marker;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn the_student_edition_fails_every_stub_and_passes_everything_else() {
    let root = root();
    if Marker::read(&root).expect("a readable marker").is_some() {
        eprintln!("this is the student edition: the edition check runs in the book it came from");
        return;
    }
    let started = Instant::now();
    let files = repository_files(&root).expect("the repository's files");
    let edition = Edition::of(&files).expect("the student edition");

    // `target/`, found from the folder Cargo gives the tests for scratch files.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target/tmp is in target/")
        .join("student-edition");
    let dir = target.join("repo");
    let changed = edition.write(&dir).expect("the edition is written");

    // With the solutions and notes put back, the edition is the book, byte for byte.
    let written = read_written(&dir).expect("the edition reads back");
    let restored = edition.restore(&written).expect("the solutions go back");
    for (path, bytes) in &files {
        assert!(
            restored.get(path) == Some(bytes),
            "{path}: the edition with its solutions put back differs from the book"
        );
    }
    assert_eq!(
        restored.len(),
        files.len(),
        "the restored edition has files the book has not"
    );

    let run = testrun::run_workspace(
        &dir,
        &target.join("target"),
        &["--locked", "--offline"],
        &[("CI", "true"), ("INSTA_UPDATE", "no")],
    )
    .expect("cargo test runs in the edition");
    let report = check::evaluate(&edition.chapters, &run);
    eprintln!(
        "student edition: {} files ({changed} rewritten), {} exercises in {} chapters; \
         {} exercise tests fail with the stubs, {} other tests pass; {:.1} s",
        edition.files.len(),
        report.exercises,
        edition.chapters.len(),
        report.exercise_tests,
        report.other_tests,
        started.elapsed().as_secs_f64()
    );
    assert!(
        report.problems.is_empty(),
        "the student edition is not sound:\n  {}",
        report.problems.join("\n  ")
    );

    // The grader reads the same run: nothing is passed yet, every exercise is shown as its
    // stub, and no panic trace reaches the student.
    let crates: Vec<String> = edition
        .chapters
        .iter()
        .map(|c| c.crate_name.clone())
        .collect();
    let grades = course::grade::grade(&dir, &crates, &run).expect("the edition grades");
    let text = course::grade::report(&grades);
    let total = report.exercises;
    assert!(
        text.ends_with(&format!(
            "Score: 0 of {total} exercises\n0 passed, {total} failed\n"
        )),
        "{text}"
    );
    let not_yet = text
        .lines()
        .filter(|l| l.starts_with("  exercise ") && l.contains(" not yet: "))
        .count();
    assert_eq!(not_yet, total, "{text}");
    assert!(
        text.contains("the solution is still the stub, `todo!()`"),
        "{text}"
    );
    assert!(
        !text.contains("panicked") && !text.contains("RUST_BACKTRACE"),
        "{text}"
    );
}
