//! Each program's output is the snapshot that the chapter shows.

#[test]
fn likelihood() {
    listing_test::assert_output!("likelihood");
}
