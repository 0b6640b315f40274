//! The trainer's answers to inputs that cannot train as asked: a bad option, a file too small
//! to split, a test split of one class, a learning rate that makes training diverge.

use std::process::{Command, Output};

/// Runs `churn-train` from the crate's folder with `args`.
fn churn_train(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_churn-train"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const HEADER: &str = "Tenure,MonthlyCharges,SupportCalls,Age,ContractType,Churn\n";

/// A CSV of `rows` customers, all with the label `churn`, in a temporary folder.
fn csv(rows: usize, churn: u8) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("customers.csv");
    let mut text = HEADER.to_string();
    for i in 1..=rows {
        let (tenure, charges, calls, age) = (i * 5, 40 + i * 3, i % 3, 25 + i * 4);
        text += &format!("{tenure},{charges}.25,{calls},{age},Month-to-month,{churn}\n");
    }
    std::fs::write(&path, text).unwrap();
    (dir, path.display().to_string())
}

#[test]
fn bad_options_get_the_usage_error_and_code_2() {
    for args in [
        "--epochs=0",
        "--batch-size=0",
        "--lr=0",
        "--lr=-0.01",
        "--lr=inf",
        "--lr=NaN",
    ] {
        let out = churn_train(&[args]);
        assert_eq!(out.status.code(), Some(2), "{args}");
        assert!(stderr(&out).contains("invalid value"), "{args}");
        assert!(stdout(&out).is_empty(), "{args}");
    }
}

#[test]
fn zero_epochs_stops_before_any_figure_is_attempted() {
    let dir = tempfile::tempdir().unwrap();
    let figures = dir.path().join("figures");
    let out = churn_train(&["--epochs", "0", "--figures", figures.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!figures.exists());
}

#[test]
fn a_file_too_small_to_split_names_its_row_count() {
    let (_dir, path) = csv(2, 0);
    let out = churn_train(&["--data", &path]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "error: {path}: 2 customers are too few to train and test on: the test split would \
             be empty (the test split is 20% of the rows, rounded)\n"
        )
    );
    assert!(stdout(&out).is_empty());
}

#[test]
fn a_test_split_of_one_class_leaves_the_auc_undefined_not_an_error() {
    let (dir, path) = csv(10, 0);
    let figures = dir.path().join("figures");
    let out = churn_train(&[
        "--data",
        &path,
        "--epochs",
        "2",
        "--figures",
        figures.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let printed = stdout(&out);
    assert!(printed.contains("  ROC AUC    undefined (the test rows hold one class)\n"));
    assert!(printed.contains("  recall     undefined\n"));
    assert!(printed.contains("no ROC figure: the test rows hold one class\n"));
    assert!(figures.join("loss.svg").exists());
    assert!(!figures.join("roc.svg").exists());
}

#[test]
fn a_learning_rate_far_too_high_is_reported_as_divergence() {
    let out = churn_train(&["--lr", "1e300", "--epochs", "3"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: training diverged at epoch 1 (a logit became non-finite); try a smaller --lr\n"
    );
}
