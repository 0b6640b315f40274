//! Each program's output is the snapshot that the chapter shows.

#[test]
fn init() {
    listing_test::assert_output!("init");
}

#[test]
fn backprop() {
    listing_test::assert_output!("backprop");
}

#[test]
fn gradcheck() {
    listing_test::assert_output!("gradcheck");
}

#[test]
fn exercise_1_answer() {
    listing_test::assert_output!("layers-exercise-1", "layers-exercises", ["1"]);
}

#[test]
fn exercise_2_answer() {
    listing_test::assert_output!("layers-exercise-2", "layers-exercises", ["2"]);
}

#[test]
fn exercise_3_answer() {
    listing_test::assert_output!("layers-exercise-3", "layers-exercises", ["3"]);
}

#[test]
fn exercise_4_answer() {
    listing_test::assert_output!("layers-exercise-4", "layers-exercises", ["4"]);
}
