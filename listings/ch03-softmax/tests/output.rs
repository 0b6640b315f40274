//! Each program's output is the snapshot that the chapter shows.

#[test]
fn attempts() {
    listing_test::assert_output!("attempts");
}

#[test]
fn stable() {
    listing_test::assert_output!("stable");
}

#[test]
fn temperature() {
    listing_test::assert_output!("temperature");
}

#[test]
fn two_class() {
    listing_test::assert_output!("two-class");
}

#[test]
fn errors() {
    listing_test::assert_output!("errors");
}

#[test]
fn exercises_answers() {
    listing_test::assert_output!("ch03-answers");
}

#[test]
fn masking() {
    listing_test::assert_output!("masking");
}

#[test]
fn ulps() {
    listing_test::assert_output!("ulps");
}
