//! Each program's output is the snapshot that the chapter shows.

#[test]
fn generate() {
    listing_test::assert_output!("generate");
}

#[test]
fn generate_refuses_to_overwrite() {
    // The committed file exists, so this must fail without touching it.
    listing_test::assert_output!("generate-refuses", "generate", ["--out", "data/churn.csv"]);
}

#[test]
fn logits() {
    listing_test::assert_output!("logits");
}

#[test]
fn train() {
    listing_test::assert_output!("train");
}

#[test]
fn train_help() {
    listing_test::assert_output!("train-help", "train", ["--help"]);
}

#[test]
fn train_baseline() {
    listing_test::assert_output!("train-baseline", "train", ["--hidden", "0"]);
}

#[test]
fn compare() {
    listing_test::assert_output!("compare");
}

#[test]
fn train_unknown_contract() {
    listing_test::assert_output!(
        "train-unknown-contract",
        "train",
        ["--data", "data/bad/unknown-contract.csv"]
    );
}

#[test]
fn train_missing_column() {
    listing_test::assert_output!(
        "train-missing-column",
        "train",
        ["--data", "data/bad/missing-column.csv"]
    );
}

#[test]
fn train_nan() {
    listing_test::assert_output!("train-nan", "train", ["--data", "data/bad/nan.csv"]);
}
