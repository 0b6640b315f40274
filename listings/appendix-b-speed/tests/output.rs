//! Each program's output is the snapshot that the appendix shows.

#[test]
fn sum_order() {
    listing_test::assert_output!("sum-order");
}

#[test]
fn same_bits() {
    listing_test::assert_output!("same-bits");
}
