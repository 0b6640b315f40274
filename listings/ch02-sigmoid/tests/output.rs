//! Each program's output is the snapshot that the chapter shows.

#[test]
fn curve() {
    listing_test::assert_output!("curve");
}

#[test]
fn nudge_probabilities() {
    listing_test::assert_output!("nudge-probabilities");
}

#[test]
fn extremes() {
    listing_test::assert_output!("extremes");
}

#[test]
fn article() {
    listing_test::assert_output!("article");
}

#[test]
fn exercises_answers() {
    listing_test::assert_output!("ch02-answers");
}
