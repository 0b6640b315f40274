//! Each program's output is the snapshot that the chapter shows.

#[test]
fn iris_train() {
    listing_test::assert_output!("iris-train");
}

#[test]
fn iris_train_help() {
    listing_test::assert_output!("iris-train-help", "iris-train", ["--help"]);
}

#[test]
fn iris_train_unknown_species() {
    listing_test::assert_output!(
        "iris-train-unknown-species",
        "iris-train",
        ["--data", "data/bad/unknown-species.csv"]
    );
}

#[test]
fn iris_train_missing_field() {
    listing_test::assert_output!(
        "iris-train-missing-field",
        "iris-train",
        ["--data", "data/bad/missing-field.csv"]
    );
}

#[test]
fn iris_train_extra_field() {
    listing_test::assert_output!(
        "iris-train-extra-field",
        "iris-train",
        ["--data", "data/bad/extra-field.csv"]
    );
}

#[test]
fn iris_train_not_a_number() {
    listing_test::assert_output!(
        "iris-train-not-a-number",
        "iris-train",
        ["--data", "data/bad/not-a-number.csv"]
    );
}

#[test]
fn iris_train_no_such_file() {
    listing_test::assert_output!(
        "iris-train-no-such-file",
        "iris-train",
        ["--data", "data/no-such-file.csv"]
    );
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
