//! Each program's output is the snapshot that the chapter shows.

#[test]
fn nudge() {
    listing_test::assert_output!("nudge");
}

#[test]
fn descend() {
    listing_test::assert_output!("descend");
}

#[test]
fn exercises_answers() {
    listing_test::assert_output!("ch01-answers");
}
