//! Each program's output is the snapshot that the chapter shows.

#[test]
fn generate() {
    listing_test::assert_output!("generate");
}

#[test]
fn logits() {
    listing_test::assert_output!("logits");
}

#[test]
fn churn_train() {
    listing_test::assert_output!("churn-train");
}

#[test]
fn compare() {
    listing_test::assert_output!("compare");
}
