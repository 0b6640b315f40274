//! The soundness of a student edition, judged from a run of its tests.
//!
//! In the edition every exercise's solution is a stub. The edition is sound when:
//!
//! 1. everything compiles;
//! 2. every test that belongs to an exercise (named `exercise_N_...`, or `exercises_...` for
//!    all of a chapter's exercises together) fails: no stub passes an exercise;
//! 3. every exercise has at least one such test;
//! 4. every other test passes: the stubs break nothing but their exercises. A test that fails
//!    here without an exercise's name is a test of a solution under another name (the snapshot
//!    test of a program that prints an answer, say): the rule is to name it after its exercise.
//!
//! With the solutions put back the edition is the book itself, byte for byte
//! ([`crate::edition::Edition::restore`]), and the book's own suite is what passes there.

use crate::edition::ChapterExercises;
use crate::exercises::{TestOwner, exercise_of_test};
use crate::testrun::{Outcome, Run};

/// What the check found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub exercises: usize,
    /// Tests of exercises, each failing in the edition as it must.
    pub exercise_tests: usize,
    /// Every other test, passing (or ignored).
    pub other_tests: usize,
    pub problems: Vec<String>,
}

/// Judges a run of the edition's tests.
pub fn evaluate(chapters: &[ChapterExercises], run: &Run) -> Report {
    let mut report = Report::default();
    for (package, error) in &run.build_errors {
        report.problems.push(format!(
            "{package} does not compile in the student edition: {error}"
        ));
    }
    report.problems.extend(run.problems.iter().cloned());
    for r in &run.results {
        let chapter = chapters.iter().find(|c| c.crate_name == r.package);
        let owner = chapter.and_then(|_| exercise_of_test(&r.name));
        let failed = r.outcome == Outcome::Failed;
        match (chapter, owner) {
            (Some(c), Some(TestOwner::Exercise(n))) if !c.exercises.contains(&n) => {
                report.problems.push(format!(
                    "{}: test `{}` is named after exercise {n}, which the chapter does not have \
                     (its exercises: {:?})",
                    r.package, r.name, c.exercises
                ));
            }
            (Some(_), Some(_)) if !failed => report.problems.push(format!(
                "{}: test `{}` passes with the stub in place, so it cannot tell a solution from \
                 none: make it call the solution and check what it returns",
                r.package, r.name
            )),
            (Some(_), Some(_)) => report.exercise_tests += 1,
            (_, None) if failed => report.problems.push(format!(
                "{}: test `{}` fails in the student edition ({}) but belongs to no exercise. If it \
                 runs a solution (a program that prints an exercise's answer, say), name it \
                 `exercise_N_...` after that exercise, or `exercises_...` if it needs them all; \
                 otherwise it must not depend on a solution",
                r.package,
                r.name,
                r.reason.as_deref().unwrap_or("no message")
            )),
            _ => report.other_tests += 1,
        }
    }
    for c in chapters {
        for &n in &c.exercises {
            report.exercises += 1;
            let tests = run
                .of(&c.crate_name)
                .filter(|r| exercise_of_test(&r.name) == Some(TestOwner::Exercise(n)))
                .count();
            if tests == 0 && !run.build_errors.contains_key(&c.crate_name) {
                report.problems.push(format!(
                    "{}: exercise {n} has no test named `exercise_{n}_...`, so nothing grades it",
                    c.crate_name
                ));
            }
        }
        if run.of(&c.crate_name).next().is_none() && !run.build_errors.contains_key(&c.crate_name) {
            report
                .problems
                .push(format!("{}: no test of the crate ran", c.crate_name));
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testrun::TestResult;

    fn result(package: &str, name: &str, outcome: Outcome) -> TestResult {
        TestResult {
            package: package.into(),
            name: name.into(),
            outcome,
            reason: Some("not yet implemented: exercise 1".into()),
        }
    }

    fn chapters() -> Vec<ChapterExercises> {
        vec![ChapterExercises {
            crate_name: "ch01-x".into(),
            exercises: vec![1, 2],
        }]
    }

    #[test]
    fn a_sound_edition_fails_exactly_its_exercises() {
        use Outcome::*;
        let run = Run {
            results: vec![
                result("ch01-x", "exercises::tests::exercise_1_a", Failed),
                result("ch01-x", "exercise_2_answers", Failed),
                result("ch01-x", "exercises_answers", Failed),
                result("ch01-x", "nudge", Passed),
                result("book", "every_page_is_in_the_summary", Passed),
            ],
            ..Run::default()
        };
        let r = evaluate(&chapters(), &run);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert_eq!((r.exercises, r.exercise_tests, r.other_tests), (2, 3, 2));
    }

    #[test]
    fn every_way_of_being_unsound_is_named() {
        use Outcome::*;
        let run = Run {
            results: vec![
                result("ch01-x", "exercises::tests::exercise_1_a", Passed),
                result("ch01-x", "answers", Failed),
                result("ch01-x", "exercise_3_x", Failed),
                result("book", "every_page_is_in_the_summary", Failed),
            ],
            ..Run::default()
        };
        let problems = evaluate(&chapters(), &run).problems.join("\n");
        for wanted in [
            "`exercises::tests::exercise_1_a` passes with the stub",
            "`answers` fails in the student edition (not yet implemented: exercise 1) but belongs to no exercise",
            "named after exercise 3, which the chapter does not have",
            "exercise 2 has no test",
            "book: test `every_page_is_in_the_summary` fails",
        ] {
            assert!(problems.contains(wanted), "{wanted}\n{problems}");
        }
    }
}
