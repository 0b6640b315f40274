//! Each program's output is the snapshot that the chapter shows.

#[test]
fn load() {
    listing_test::assert_output!("load");
}

#[test]
fn load_broken_files() {
    listing_test::assert_output!("load-bad-number", "load", ["data/bad_number.csv"]);
    listing_test::assert_output!("load-bad-value", "load", ["data/bad_value.csv"]);
    listing_test::assert_output!("load-missing-column", "load", ["data/missing_column.csv"]);
    listing_test::assert_output!("load-nan", "load", ["data/nan.csv"]);
}

#[test]
fn pipeline() {
    listing_test::assert_output!("pipeline");
}

#[test]
fn fit_before_split() {
    listing_test::assert_output!("fit-before-split");
}

#[test]
fn exercise_1_answer() {
    listing_test::assert_output!("pipeline-exercise-1", "pipeline-exercises", ["1"]);
}

#[test]
fn exercise_2_answer() {
    listing_test::assert_output!("pipeline-exercise-2", "pipeline-exercises", ["2"]);
}

#[test]
fn exercise_3_answer() {
    listing_test::assert_output!("pipeline-exercise-3", "pipeline-exercises", ["3"]);
}

#[test]
fn exercise_4_answer() {
    listing_test::assert_output!("pipeline-exercise-4", "pipeline-exercises", ["4"]);
}
