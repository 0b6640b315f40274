//! The rule that ties a program's snapshot to the exercise whose answer it prints.
//!
//! A program that calls the chapter's solutions (its source names the `exercises` module, as a
//! `chNN-answers` program that prints each exercise's number does) fails in the student
//! edition until the student has solved them. Its snapshot test is therefore part of the
//! grading: the test must be named after its exercise, `exercise_N_...`, or `exercises_...`
//! when the program needs all of the chapter's exercises. Then the grader counts it for that
//! exercise, and the edition check knows that it must fail with the stubs.

use std::path::Path;

use syn::visit::Visit;

/// The snapshot tests (`assert_output!`) of a crate's `tests/*.rs`: `(file, test function,
/// program)`.
pub fn snapshot_tests(crate_dir: &Path) -> Result<Vec<(String, String, String)>, String> {
    let mut found = Vec::new();
    let tests_dir = crate_dir.join("tests");
    let Ok(entries) = std::fs::read_dir(&tests_dir) else {
        return Ok(found);
    };
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    for file in files {
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let parsed = syn::parse_file(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        let name = file
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        for item in &parsed.items {
            let syn::Item::Fn(f) = item else { continue };
            let is_test = f.attrs.iter().any(|a| a.path().is_ident("test"));
            if !is_test {
                continue;
            }
            let mut v = Outputs(Vec::new());
            v.visit_block(&f.block);
            for program in v.0 {
                found.push((name.clone(), f.sig.ident.to_string(), program));
            }
        }
    }
    Ok(found)
}

/// Collects the program of every `assert_output!` invocation.
struct Outputs(Vec<String>);

impl<'ast> Visit<'ast> for Outputs {
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if mac
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "assert_output")
        {
            let literals: Vec<String> = mac
                .tokens
                .clone()
                .into_iter()
                .filter_map(|t| match t {
                    proc_macro2::TokenTree::Literal(l) => {
                        syn::parse_str::<syn::LitStr>(&l.to_string())
                            .ok()
                            .map(|s| s.value())
                    }
                    _ => None,
                })
                .collect();
            // `assert_output!("program")` or `assert_output!("snapshot", "program", [args])`.
            if let Some(program) = literals.get(1).or(literals.first()) {
                self.0.push(program.clone());
            }
        }
        syn::visit::visit_macro(self, mac);
    }
}

/// Whether a program's source calls the chapter's solutions.
pub fn calls_solutions(source: &str) -> bool {
    source
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .any(|code| code.contains("exercises::"))
}

/// Every snapshot test of the listing crates under `root/listings` that runs a program calling
/// the solutions without being named after an exercise.
pub fn answer_programs_are_graded(root: &Path) -> Result<Vec<String>, String> {
    let mut problems = Vec::new();
    let listings = root.join("listings");
    let mut crates: Vec<_> = std::fs::read_dir(&listings)
        .map_err(|e| format!("{}: {e}", listings.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.join("Cargo.toml").is_file())
        .collect();
    crates.sort();
    for dir in crates {
        let crate_name = dir
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let mut tests = snapshot_tests(&dir)?;
        // A test that snapshots one program several times (once per exercise) is named once.
        tests.dedup();
        for (file, test, program) in tests {
            let source = dir.join("src/bin").join(format!("{program}.rs"));
            let source = if source.is_file() {
                source
            } else {
                dir.join("src/main.rs")
            };
            let text = std::fs::read_to_string(&source).unwrap_or_default();
            let graded = crate::exercises::exercise_of_test(&test).is_some();
            if calls_solutions(&text) && !graded {
                problems.push(format!(
                    "listings/{crate_name}/tests/{file}: `{test}` snapshots `{program}`, which \
                     calls the chapter's solutions, so it grades them: name the test \
                     `exercise_N_...` after the one exercise it runs, or `exercises_...` if it \
                     runs them all (one test per exercise grades each on its own)"
                ));
            }
        }
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_of_an_answers_program_must_be_named_after_its_exercise() {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path().join("listings/ch01-x");
        std::fs::create_dir_all(c.join("src/bin")).unwrap();
        std::fs::create_dir_all(c.join("tests")).unwrap();
        std::fs::write(c.join("Cargo.toml"), "").unwrap();
        std::fs::write(
            c.join("src/bin/ch01-answers.rs"),
            "fn main() {\n    ch01_x::exercises::print_answers();\n}\n",
        )
        .unwrap();
        std::fs::write(
            c.join("src/bin/nudge.rs"),
            "// Not exercises::anything.\nfn main() {}\n",
        )
        .unwrap();
        std::fs::write(
            c.join("tests/output.rs"),
            "#[test]\nfn nudge() {\n    listing_test::assert_output!(\"nudge\");\n}\n\n\
             #[test]\nfn answers() {\n    listing_test::assert_output!(\"ch01-answers\");\n}\n\n\
             #[test]\nfn exercise_2_answer() {\n    listing_test::assert_output!(\"answer-2\", \"ch01-answers\", [\"2\"]);\n}\n\n\
             #[test]\nfn all() {\n    listing_test::assert_output!(\"a-1\", \"ch01-answers\", [\"1\"]);\n    listing_test::assert_output!(\"a-2\", \"ch01-answers\", [\"2\"]);\n}\n",
        )
        .unwrap();
        let tests = snapshot_tests(&c).unwrap();
        assert_eq!(
            tests
                .iter()
                .map(|(_, t, p)| (t.as_str(), p.as_str()))
                .collect::<Vec<_>>(),
            [
                ("nudge", "nudge"),
                ("answers", "ch01-answers"),
                ("exercise_2_answer", "ch01-answers"),
                ("all", "ch01-answers"),
                ("all", "ch01-answers")
            ]
        );
        let problems = answer_programs_are_graded(dir.path()).unwrap();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("`answers` snapshots `ch01-answers`"));
        assert!(problems[1].contains("`all` snapshots"));
    }
}
