//! Trains on the two petal measurements only and scores the result.

use std::process::ExitCode;

use ch11_churn::TrainError;
use ch11_churn::report::exit_code;
use ch12_iris::petals::petal_run;
use ch12_iris::setup::iris_dataset;

fn main() -> ExitCode {
    exit_code(petals())
}

// ANCHOR: main
fn petals() -> Result<(), TrainError> {
    let run = petal_run(&iris_dataset()?)?;
    let (test, m) = (&run.test, &run.test.confusion);
    println!("petal length and width only, seed 42, 2 -> 10 ReLU -> 3, at most 100 epochs");
    println!(
        "kept epoch {}; test loss {:.4}, test accuracy {:.4}",
        run.trained.best_epoch,
        test.loss,
        m.accuracy()
    );
    println!("confusion matrix: a row per true species, a column per predicted species");
    for (j, species) in run.prepared.classes.iter().enumerate() {
        let counts: Vec<String> = (0..3).map(|k| format!("{:3}", m.count(j, k))).collect();
        println!("{species:12} {}", counts.join(" "));
    }
    Ok(())
}
// ANCHOR_END: main
