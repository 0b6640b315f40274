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
