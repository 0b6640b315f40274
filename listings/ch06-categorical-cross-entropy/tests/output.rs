//! Each program's output is the snapshot that the chapter shows.

#[test]
fn fruit() {
    listing_test::assert_output!("fruit");
}

#[test]
fn tensor() {
    listing_test::assert_output!("tensor");
}

#[test]
fn ce_gradcheck() {
    listing_test::assert_output!("ce-gradcheck");
}

#[test]
fn options() {
    listing_test::assert_output!("options");
}

#[test]
fn hinge() {
    listing_test::assert_output!("hinge");
}

#[test]
fn exercises_answers() {
    listing_test::assert_output!("ch06-answers");
}

#[test]
fn binary_options() {
    listing_test::assert_output!("binary-options");
}
