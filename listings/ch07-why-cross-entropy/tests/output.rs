//! Each program's output is the snapshot that the chapter shows.

#[test]
fn likelihood() {
    listing_test::assert_output!("likelihood");
}

#[test]
fn empirical() {
    listing_test::assert_output!("empirical");
}

#[test]
fn bce_derivation() {
    listing_test::assert_output!("bce-derivation");
}

#[test]
fn ce_derivation() {
    listing_test::assert_output!("ce-derivation");
}

#[test]
fn saturation() {
    listing_test::assert_output!("saturation");
}

#[test]
fn convexity() {
    listing_test::assert_output!("convexity");
}

#[test]
fn gibbs() {
    listing_test::assert_output!("gibbs");
}

#[test]
fn initial_loss() {
    listing_test::assert_output!("initial-loss");
}

#[test]
fn exercise_1_answer() {
    listing_test::assert_output!("solution-1", "solution", ["1"]);
}

#[test]
fn exercise_2_answer() {
    listing_test::assert_output!("solution-2", "solution", ["2"]);
}

#[test]
fn exercise_3_answer() {
    listing_test::assert_output!("solution-3", "solution", ["3"]);
}

#[test]
fn exercise_4_answer() {
    listing_test::assert_output!("solution-4", "solution", ["4"]);
}

#[test]
fn exercise_5_answer() {
    listing_test::assert_output!("solution-5", "solution", ["5"]);
}

#[test]
fn exercise_6_answer() {
    listing_test::assert_output!("solution-6", "solution", ["6"]);
}

#[test]
fn exercise_7_answer() {
    listing_test::assert_output!("solution-7", "solution", ["7"]);
}

#[test]
fn solution_refuses_an_exercise_that_does_not_exist() {
    for args in [vec![], vec!["8"], vec!["two"]] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_solution"))
            .args(&args)
            .output()
            .expect("the program runs");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with("error: no exercise") && stderr.contains("1 to 7"),
            "{args:?}: {stderr}"
        );
    }
}
