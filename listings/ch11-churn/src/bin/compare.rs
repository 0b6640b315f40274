//! The article's network against logistic regression and against the model that generated
//! the data, on the same test rows.

use std::error::Error;
use std::process::ExitCode;

use ch05_binary_cross_entropy::bce_with_logits;
use ch11_churn::compare::chapter_comparison;
use ch11_churn::metrics::{Confusion, roc_auc};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

// ANCHOR: main
fn run() -> Result<(), Box<dyn Error>> {
    let c = chapter_comparison()?;
    let y = c.y_test.to_vec();
    println!("test rows: {}", y.len());
    println!("model                        test loss  accuracy  ROC AUC");
    let rows = [
        ("6 -> 16 ReLU -> 1 (article)", &c.net.test_logits),
        ("6 -> 1 (logistic regression)", &c.baseline.test_logits),
        ("true model (generator)", &c.true_logits),
    ];
    for (name, logits) in rows {
        let scores = logits.to_vec();
        let loss = bce_with_logits(logits.view(), c.y_test.view())?;
        let accuracy = Confusion::new(&scores, &y, 0.0)?.accuracy();
        let auc = roc_auc(&scores, &y)?;
        println!("{name:<28} {loss:10.4}  {accuracy:8.4}  {auc:7.4}");
    }
    println!(
        "the floor to expect, the true model's test loss: {:.4}",
        c.true_loss
    );
    Ok(())
}
// ANCHOR_END: main
