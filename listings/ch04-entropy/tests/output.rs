//! Each program's output is the snapshot that the chapter shows.

#[test]
fn surprise() {
    listing_test::assert_output!("surprise");
}

#[test]
fn coin() {
    listing_test::assert_output!("coin");
}

#[test]
fn divergence() {
    listing_test::assert_output!("divergence");
}

#[test]
fn exercises_answers() {
    listing_test::assert_output!("ch04-answers");
}
