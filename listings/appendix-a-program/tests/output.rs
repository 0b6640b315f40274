//! The program's outputs that the appendix shows; its messages for bad input are the
//! corpus's (`tests/corpus.rs`).

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
