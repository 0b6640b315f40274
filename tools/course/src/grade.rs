//! `cargo book grade`: the score of a student edition, per chapter and per exercise.
//!
//! It runs the tests of the listing crates (`cargo test`, captured) and reads them by name:
//! exercise N of a chapter is passed when every test of its crate named `exercise_N_...`
//! passes, and those named `exercises_...` (which need all of the chapter's exercises) are
//! scored as one more line. A failure is shown by the first line of its message, never by a
//! panic trace; a chapter that does not compile is shown by its first error.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::exercises::{TestOwner, exercise_of_test, regions};
use crate::testrun::{Outcome, Run, TestResult};

/// One exercise's grade.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExerciseGrade {
    pub owner: TestOwner,
    pub tests: usize,
    /// The first failing test and why, if any failed.
    pub failure: Option<String>,
}

impl ExerciseGrade {
    pub fn passed(&self) -> bool {
        self.tests > 0 && self.failure.is_none()
    }
}

/// One chapter's grades.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChapterGrade {
    pub crate_name: String,
    pub title: String,
    pub exercises: Vec<ExerciseGrade>,
    /// The first compile error, if the crate does not compile.
    pub build_error: Option<String>,
    /// Tests outside the exercises that fail: the student changed more than an exercise.
    pub other_failures: Vec<String>,
}

impl ChapterGrade {
    /// (passed, out of) over the chapter's exercises, `exercises_` tests not counted.
    pub fn score(&self) -> (usize, usize) {
        let numbered = self
            .exercises
            .iter()
            .filter(|e| matches!(e.owner, TestOwner::Exercise(_)));
        let (mut passed, mut total) = (0, 0);
        for e in numbered {
            total += 1;
            passed += usize::from(e.passed());
        }
        (passed, total)
    }
}

/// The chapter titles of `src/SUMMARY.md`, by page stem (`ch01-loss-functions`).
pub fn titles(summary: &str) -> BTreeMap<String, String> {
    summary
        .lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix("- [")?;
            let (title, link) = rest.split_once("](")?;
            let stem = link.strip_suffix(".md)")?;
            Some((stem.to_string(), title.to_string()))
        })
        .collect()
}

/// Grades the crates `crates` (listing crates with exercises) of the repository at `root`
/// from a run of their tests.
pub fn grade(root: &Path, crates: &[String], run: &Run) -> Result<Vec<ChapterGrade>, String> {
    let summary = std::fs::read_to_string(root.join("src/SUMMARY.md")).unwrap_or_default();
    let titles = titles(&summary);
    let mut grades = Vec::new();
    for crate_name in crates {
        let path = root
            .join("listings")
            .join(crate_name)
            .join("src/exercises.rs");
        let code =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let numbers: Vec<u32> = regions(&code)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .iter()
            .map(|r| r.number)
            .collect();
        let results: Vec<&TestResult> = run.of(crate_name).collect();
        let mut owners: Vec<TestOwner> = numbers.iter().map(|&n| TestOwner::Exercise(n)).collect();
        if results
            .iter()
            .any(|r| exercise_of_test(&r.name) == Some(TestOwner::AllExercises))
        {
            owners.push(TestOwner::AllExercises);
        }
        let exercises = owners
            .into_iter()
            .map(|owner| {
                let mine: Vec<&&TestResult> = results
                    .iter()
                    .filter(|r| exercise_of_test(&r.name) == Some(owner))
                    .collect();
                let failure = mine.iter().find(|r| r.outcome == Outcome::Failed).map(|r| {
                    let name = r.name.rsplit("::").next().unwrap_or(&r.name);
                    match r.reason.as_deref() {
                        Some(reason) if reason.starts_with("not yet implemented") => {
                            format!("{name}: the solution is still the stub, `todo!()`")
                        }
                        Some(reason) => format!("{name}: {reason}"),
                        None => name.to_string(),
                    }
                });
                ExerciseGrade {
                    owner,
                    tests: mine.len(),
                    failure,
                }
            })
            .collect();
        let other_failures = results
            .iter()
            .filter(|r| exercise_of_test(&r.name).is_none() && r.outcome == Outcome::Failed)
            .map(|r| r.name.clone())
            .collect();
        grades.push(ChapterGrade {
            crate_name: crate_name.clone(),
            title: titles.get(crate_name).cloned().unwrap_or_default(),
            exercises,
            build_error: run.build_errors.get(crate_name).cloned(),
            other_failures,
        });
    }
    Ok(grades)
}

/// The report a student reads.
pub fn report(grades: &[ChapterGrade]) -> String {
    let mut out = String::new();
    let (mut passed, mut total) = (0, 0);
    for g in grades {
        let (p, t) = g.score();
        passed += p;
        total += t;
        let number = g
            .crate_name
            .strip_prefix("ch")
            .and_then(|r| r.get(..2))
            .and_then(|n| n.parse::<u32>().ok())
            .map_or(String::new(), |n| format!("Chapter {n}, "));
        let _ = writeln!(out, "{number}{} ({}): {p} of {t}", g.title, g.crate_name);
        if let Some(error) = &g.build_error {
            let _ = writeln!(out, "  does not compile: {error}");
        }
        for e in &g.exercises {
            let label = match e.owner {
                TestOwner::Exercise(n) => format!("exercise {n}"),
                TestOwner::AllExercises => "all exercises together".to_string(),
            };
            let verdict = if e.passed() {
                format!(
                    "passed ({} test{})",
                    e.tests,
                    if e.tests == 1 { "" } else { "s" }
                )
            } else if let Some(f) = &e.failure {
                format!("not yet: {f}")
            } else if g.build_error.is_some() {
                "not graded: the chapter does not compile".to_string()
            } else {
                "no test ran".to_string()
            };
            let _ = writeln!(out, "  {label:<12} {verdict}");
        }
        if !g.other_failures.is_empty() {
            let _ = writeln!(
                out,
                "  note: {} of the chapter's other tests fail ({}); they passed before your \
                 changes, so a change reaches beyond the exercises",
                g.other_failures.len(),
                g.other_failures.join(", ")
            );
        }
    }
    let _ = writeln!(
        out,
        "\nScore: {passed} of {total} exercises\n{passed} passed, {} failed",
        total - passed
    );
    out
}

/// The listing crates of the repository at `root` that have exercises, or those whose name
/// starts with one of `only` (`ch01`, `ch11-churn`).
pub fn crates_with_exercises(root: &Path, only: &[String]) -> Result<Vec<String>, String> {
    let dir = root.join("listings");
    let mut crates: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("ch") && dir.join(name).join("src/exercises.rs").is_file())
        .filter(|name| only.is_empty() || only.iter().any(|o| name.starts_with(o.as_str())))
        .collect();
    crates.sort();
    if crates.is_empty() {
        return Err(format!(
            "no chapter with exercises matches {}",
            only.join(", ")
        ));
    }
    Ok(crates)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(package: &str, name: &str, outcome: Outcome, reason: Option<&str>) -> TestResult {
        TestResult {
            package: package.into(),
            name: name.into(),
            outcome,
            reason: reason.map(str::to_string),
        }
    }

    #[test]
    fn a_report_scores_each_exercise_by_its_tests() {
        let dir = tempfile::tempdir().unwrap();
        let code = "// ANCHOR: exercise_1\npub fn a() {}\n// ANCHOR_END: exercise_1\n// ANCHOR: exercise_2\npub fn b() {}\n// ANCHOR_END: exercise_2\n";
        for name in ["ch01-x", "ch02-y"] {
            let src = dir.path().join("listings").join(name).join("src");
            std::fs::create_dir_all(&src).unwrap();
            std::fs::write(src.join("exercises.rs"), code).unwrap();
        }
        std::fs::create_dir_all(dir.path().join("src")).unwrap();
        std::fs::write(
            dir.path().join("src/SUMMARY.md"),
            "- [The X](ch01-x.md)\n- [Why](ch02-y.md)\n",
        )
        .unwrap();
        use Outcome::*;
        let mut run = Run {
            results: vec![
                r("ch01-x", "exercises::tests::exercise_1_a", Passed, None),
                r("ch01-x", "exercise_1_answers", Passed, None),
                r(
                    "ch01-x",
                    "exercises::tests::exercise_2_b",
                    Failed,
                    Some("not yet implemented: exercise 2"),
                ),
                r(
                    "ch01-x",
                    "exercises_answers",
                    Failed,
                    Some("snapshot assertion failed"),
                ),
                r("ch01-x", "nudge", Failed, Some("differs")),
            ],
            ..Run::default()
        };
        run.build_errors.insert(
            "ch02-y".into(),
            "error: mismatched types (src/exercises.rs:2)".into(),
        );
        let crates = crates_with_exercises(dir.path(), &[]).unwrap();
        assert_eq!(crates, ["ch01-x", "ch02-y"]);
        let grades = grade(dir.path(), &crates, &run).unwrap();
        assert_eq!(grades[0].score(), (1, 2));
        assert_eq!(grades[1].score(), (0, 2));
        let text = report(&grades);
        for wanted in [
            "Chapter 1, The X (ch01-x): 1 of 2\n",
            "  exercise 1   passed (2 tests)\n",
            "  exercise 2   not yet: exercise_2_b: the solution is still the stub, `todo!()`\n",
            "  all exercises together not yet: exercises_answers: snapshot assertion failed\n",
            "note: 1 of the chapter's other tests fail (nudge)",
            "Chapter 2, Why (ch02-y): 0 of 2\n  does not compile: error: mismatched types",
            "  exercise 1   not graded: the chapter does not compile\n",
            "\nScore: 1 of 4 exercises\n1 passed, 3 failed\n",
        ] {
            assert!(text.contains(wanted), "{wanted:?} in\n{text}");
        }
        assert!(!text.contains("panicked"));
        assert_eq!(
            crates_with_exercises(dir.path(), &["ch02".into()]).unwrap(),
            ["ch02-y"]
        );
        assert!(crates_with_exercises(dir.path(), &["ch09".into()]).is_err());
    }
}
