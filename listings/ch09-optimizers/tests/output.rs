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
fn exercises() {
    listing_test::assert_output!("optimizers-exercise-1", "optimizers-exercises", ["1"]);
    listing_test::assert_output!("optimizers-exercise-2", "optimizers-exercises", ["2"]);
    listing_test::assert_output!("optimizers-exercise-3", "optimizers-exercises", ["3"]);
    listing_test::assert_output!("optimizers-exercise-4", "optimizers-exercises", ["4"]);
}
