//! The article's network against logistic regression and against the model that generated
//! the data, on the same test rows.

use std::process::ExitCode;

use ch05_binary_cross_entropy::bce_with_logits;
use ch10_churn::compare::chapter_comparison;
use ch10_churn::metrics::{Confusion, roc_auc};

// ANCHOR: main
fn main() -> ExitCode {
    let c = match chapter_comparison() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let y = c.y_test.as_slice().unwrap_or_default();
    println!("test rows: {}", y.len());
    println!("model                        test loss  accuracy  ROC AUC");
    let rows = [
        ("6 -> 16 ReLU -> 1 (article)", &c.net.test_logits),
        ("6 -> 1 (logistic regression)", &c.baseline.test_logits),
        ("true model (generator)", &c.true_logits),
    ];
    for (name, logits) in rows {
        let scores = logits.as_slice().unwrap_or_default();
        let (Ok(loss), Ok(confusion), Ok(auc)) = (
            bce_with_logits(logits.view(), c.y_test.view()),
            Confusion::new(scores, y, 0.0),
            roc_auc(scores, y),
        ) else {
            eprintln!("error: cannot score {name}");
            return ExitCode::FAILURE;
        };
        println!(
            "{name:<28} {loss:10.4}  {:8.4}  {auc:7.4}",
            confusion.accuracy()
        );
    }
    println!(
        "the floor to expect, the true model's test loss: {:.4}",
        c.true_loss
    );
    ExitCode::SUCCESS
}
// ANCHOR_END: main
