//! Each program's output is the snapshot that the chapter shows.

#[test]
fn first_steps() {
    listing_test::assert_output!("first-steps");
}

#[test]
fn valley() {
    listing_test::assert_output!("valley");
}

#[test]
fn valley_tuned() {
    listing_test::assert_output!("valley-tuned");
}

#[test]
fn exercise_1_answer() {
    listing_test::assert_output!("optimizers-exercise-1", "optimizers-exercises", ["1"]);
}

#[test]
fn exercise_2_answer() {
    listing_test::assert_output!("optimizers-exercise-2", "optimizers-exercises", ["2"]);
}

#[test]
fn exercise_3_answer() {
    listing_test::assert_output!("optimizers-exercise-3", "optimizers-exercises", ["3"]);
}

#[test]
fn exercise_4_answer() {
    listing_test::assert_output!("optimizers-exercise-4", "optimizers-exercises", ["4"]);
}
