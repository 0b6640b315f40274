//! `train` is the chapters' trainer: on the churn file and on the Iris file, with the chapters'
//! settings, it prints exactly what `churn-train` and `iris-train` print, character for
//! character (their committed snapshots, which their own crates test against the programs).

use std::process::Command;

/// The standard output recorded in a chapter's snapshot.
fn chapter_stdout(snapshot: &str) -> String {
    let path = format!("{}/../{snapshot}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let after = text.split("----- stdout -----\n").nth(1).unwrap();
    after
        .split("----- stderr -----")
        .next()
        .unwrap()
        .to_string()
}

/// What `train` prints with `args`, run from this crate's folder.
fn train(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_train"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // An insta snapshot ends the stdout with one blank line before the stderr marker.
    String::from_utf8(out.stdout).unwrap() + "\n"
}

#[test]
fn on_the_churn_file_train_prints_what_churn_train_prints() {
    let printed = train(&[
        "--data",
        "../ch11-churn/data/churn.csv",
        "--target",
        "Churn",
        "--categorical",
        "ContractType",
    ]);
    let expected = chapter_stdout("ch11-churn/tests/snapshots/churn-train.snap");
    assert_eq!(printed, expected);
}

#[test]
fn on_the_iris_file_train_prints_what_iris_train_prints() {
    let printed = train(&[
        "--data",
        "../ch12-iris/data/iris.csv",
        "--target",
        "species",
        "--hidden",
        "10",
        "--lr",
        "0.01",
        "--batch-size",
        "16",
        "--epochs",
        "15",
    ]);
    let expected = chapter_stdout("ch12-iris/tests/snapshots/iris-train.snap");
    assert_eq!(printed, expected);
}

#[test]
fn without_categorical_the_contract_column_is_found_and_the_run_is_the_same() {
    let named = train(&[
        "--data=../ch11-churn/data/churn.csv",
        "--target=Churn",
        "--categorical=ContractType",
    ]);
    let found = train(&["--data=../ch11-churn/data/churn.csv", "--target=Churn"]);
    let (named, found): (Vec<&str>, Vec<&str>) = (named.lines().collect(), found.lines().collect());
    assert_eq!(named.len(), found.len());
    let differ: Vec<(&str, &str)> = named
        .iter()
        .zip(&found)
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (*a, *b))
        .collect();
    assert_eq!(
        differ,
        [(
            "  `ContractType`: named categorical, one-hot encoded; levels Month-to-month, One year, Two year; Month-to-month is the row of zeros",
            "  `ContractType`: not a number, so one-hot encoded; levels Month-to-month, One year, Two year; Month-to-month is the row of zeros"
        )]
    );
}
