//! Each program's output is the snapshot that the chapter shows.

#[test]
fn generate() {
    listing_test::assert_output!("generate");
}

#[test]
fn logits() {
    listing_test::assert_output!("logits");
}

#[test]
fn churn_train() {
    listing_test::assert_output!("churn-train");
}

#[test]
fn compare() {
    listing_test::assert_output!("compare");
}

#[test]
fn squared_error() {
    listing_test::assert_output!("squared-error");
}

#[test]
fn bowl() {
    listing_test::assert_output!("bowl");
}

#[test]
fn valleys() {
    listing_test::assert_output!("valleys");
}

#[test]
fn calibration() {
    listing_test::assert_output!("calibration");
}

#[test]
fn exercise_1_answer() {
    listing_test::assert_output!("churn-exercise-1", "churn-exercises", ["1"]);
}

#[test]
fn exercise_2_answer() {
    listing_test::assert_output!("churn-exercise-2", "churn-exercises", ["2"]);
}

#[test]
fn exercise_3_answer() {
    listing_test::assert_output!("churn-exercise-3", "churn-exercises", ["3"]);
}

#[test]
fn exercise_4_answer() {
    listing_test::assert_output!("churn-exercise-4", "churn-exercises", ["4"]);
}

#[test]
fn exercise_5_answer() {
    listing_test::assert_output!("churn-exercise-5", "churn-exercises", ["5"]);
}

#[test]
fn exercise_6_answer() {
    listing_test::assert_output!("churn-exercise-6", "churn-exercises", ["6"]);
}

#[test]
fn exercise_7_answer() {
    listing_test::assert_output!("churn-exercise-7", "churn-exercises", ["7"]);
}

#[test]
fn the_answers_program_refuses_an_exercise_that_does_not_exist() {
    for args in [vec![], vec!["8"], vec!["two"]] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_churn-exercises"))
            .args(&args)
            .output()
            .expect("the program runs");
        assert!(!out.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("no exercise"), "{stderr}");
    }
}
