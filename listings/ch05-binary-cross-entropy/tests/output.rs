//! Each program's output is the snapshot that the chapter shows.

#[test]
fn students() {
    listing_test::assert_output!("students");
}

#[test]
fn underflow() {
    listing_test::assert_output!("underflow");
}

#[test]
fn reading() {
    listing_test::assert_output!("reading");
}

#[test]
fn edges() {
    listing_test::assert_output!("edges");
}

#[test]
fn bce_gradcheck() {
    listing_test::assert_output!("bce-gradcheck");
}

#[test]
fn frameworks() {
    listing_test::assert_output!("frameworks");
}

#[test]
fn exercises_answers() {
    listing_test::assert_output!("ch05-answers");
}
