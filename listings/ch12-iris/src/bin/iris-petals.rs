//! Trains on the two petal measurements only and scores the result.

use std::path::Path;
use std::process::ExitCode;

use ch12_iris::data::{IRIS_CSV, Iris};
use ch12_iris::petals::petal_run;
use ch12_iris::report::confusion_table;

fn main() -> ExitCode {
    match petals() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

// ANCHOR: main
fn petals() -> Result<(), Box<dyn std::error::Error>> {
    let iris = Iris::load(Path::new(IRIS_CSV))?;
    let result = petal_run(&iris)?;
    let eval = result.evaluate_test()?;
    let last = result.history.last().ok_or("no epochs")?;
    println!("petal length and width only, seed 42, 2 -> 10 ReLU -> 3");
    println!(
        "final train loss {:.4}, test loss {:.4}, test accuracy {:.4}",
        last.train,
        eval.loss,
        eval.confusion.accuracy()
    );
    println!();
    print!("{}", confusion_table(&eval.confusion));
    Ok(())
}
// ANCHOR_END: main
