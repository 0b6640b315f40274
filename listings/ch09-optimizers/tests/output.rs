//! Each program's output is the snapshot that the chapter shows.

#[test]
fn first_steps() {
    listing_test::assert_output!("first-steps");
}

#[test]
fn valley() {
    listing_test::assert_output!("valley");
}
