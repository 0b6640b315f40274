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
    listing_test::assert_output!("churn-train");
}

#[test]
fn train_help() {
    listing_test::assert_output!("churn-train-help", "churn-train", ["--help"]);
}

#[test]
fn train_baseline() {
    listing_test::assert_output!("churn-train-baseline", "churn-train", ["--hidden", "0"]);
}

#[test]
fn compare() {
    listing_test::assert_output!("compare");
}

#[test]
fn train_unknown_contract() {
    listing_test::assert_output!(
        "churn-train-unknown-contract",
        "churn-train",
        ["--data", "data/bad/unknown-contract.csv"]
    );
}

#[test]
fn train_missing_column() {
    listing_test::assert_output!(
        "churn-train-missing-column",
        "churn-train",
        ["--data", "data/bad/missing-column.csv"]
    );
}

#[test]
fn train_nan() {
    listing_test::assert_output!(
        "churn-train-nan",
        "churn-train",
        ["--data", "data/bad/nan.csv"]
    );
}

#[test]
fn train_diverged() {
    listing_test::assert_output!("churn-train-diverged", "churn-train", ["--lr", "1e300"]);
}

#[test]
fn train_zero_batch() {
    listing_test::assert_output!(
        "churn-train-zero-batch",
        "churn-train",
        ["--batch-size", "0"]
    );
}
