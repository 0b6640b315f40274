//! Each program's output is the snapshot that the chapter shows.

#[test]
fn iris_train() {
    listing_test::assert_output!("iris-train");
}

#[test]
fn iris_seeds() {
    listing_test::assert_output!("iris-seeds");
}

#[test]
fn article_split() {
    listing_test::assert_output!("article-split");
}

#[test]
fn iris_leak() {
    listing_test::assert_output!("iris-leak");
}

#[test]
fn iris_petals() {
    listing_test::assert_output!("iris-petals");
}
