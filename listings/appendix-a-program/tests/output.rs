//! Each of the program's outputs that the appendix shows.

#[test]
fn train_help() {
    listing_test::assert_output!("train-help", "train", ["--help"]);
}

#[test]
fn train_students() {
    listing_test::assert_output!(
        "train-students",
        "train",
        [
            "--data",
            "data/students.csv",
            "--target",
            "result",
            "--lr",
            "0.01",
            "--epochs",
            "200"
        ]
    );
}

#[test]
fn train_wrong_target() {
    listing_test::assert_output!(
        "train-wrong-target",
        "train",
        ["--data", "data/students.csv", "--target", "passed"]
    );
}

#[test]
fn train_one_class() {
    listing_test::assert_output!(
        "train-one-class",
        "train",
        ["--data", "data/bad/one-class.csv", "--target", "result"]
    );
}

#[test]
fn train_not_a_number() {
    listing_test::assert_output!(
        "train-not-a-number",
        "train",
        ["--data", "data/bad/not-a-number.csv", "--target", "result"]
    );
}

#[test]
fn train_decimal_comma() {
    listing_test::assert_output!(
        "train-decimal-comma",
        "train",
        ["--data", "data/bad/decimal-comma.csv", "--target", "result"]
    );
}

#[test]
fn train_no_such_file() {
    listing_test::assert_output!(
        "train-no-such-file",
        "train",
        ["--data", "data/student.csv", "--target", "result"]
    );
}

#[test]
fn train_zero_batch() {
    listing_test::assert_output!(
        "train-zero-batch",
        "train",
        [
            "--data",
            "data/students.csv",
            "--target",
            "result",
            "--batch-size",
            "0"
        ]
    );
}

#[test]
fn train_diverged() {
    listing_test::assert_output!(
        "train-diverged",
        "train",
        [
            "--data",
            "data/students.csv",
            "--target",
            "result",
            "--lr",
            "1e300"
        ]
    );
}
