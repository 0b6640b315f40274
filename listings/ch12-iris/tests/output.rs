//! Each program's output is the snapshot that the chapter shows.

#[test]
fn iris_train() {
    listing_test::assert_output!("iris-train");
}

#[test]
fn iris_seeds() {
    listing_test::assert_output!("iris-seeds");
}

#[test]
fn article_split() {
    listing_test::assert_output!("article-split");
}

#[test]
fn iris_leak() {
    listing_test::assert_output!("iris-leak");
}

#[test]
fn iris_petals() {
    listing_test::assert_output!("iris-petals");
}

#[test]
fn exercise_1_answer() {
    listing_test::assert_output!("iris-exercise-1", "iris-exercises", ["1"]);
}

#[test]
fn exercise_2_answer() {
    listing_test::assert_output!("iris-exercise-2", "iris-exercises", ["2"]);
}

#[test]
fn exercise_3_answer() {
    listing_test::assert_output!("iris-exercise-3", "iris-exercises", ["3"]);
}

#[test]
fn exercise_4_answer() {
    listing_test::assert_output!("iris-exercise-4", "iris-exercises", ["4"]);
}

#[test]
fn exercise_5_answer() {
    listing_test::assert_output!("iris-exercise-5", "iris-exercises", ["5"]);
}

#[test]
fn the_answers_program_refuses_an_exercise_that_does_not_exist() {
    for args in [vec![], vec!["6"], vec!["two"]] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_iris-exercises"))
            .args(&args)
            .output()
            .expect("the program runs");
        assert!(!out.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("no exercise"), "{stderr}");
    }
}
