//! Trains the article's setup from ten seeds and prints the spread of the test accuracy.

use std::path::Path;
use std::process::ExitCode;

use ch12_iris::data::{IRIS_CSV, Iris};
use ch12_iris::report::seed_table;
use ch12_iris::seeds::over_seeds;
use ch12_iris::train::Config;

// ANCHOR: main
fn main() -> ExitCode {
    match seeds() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn seeds() -> Result<(), Box<dyn std::error::Error>> {
    let iris = Iris::load(Path::new(IRIS_CSV))?;
    let results = over_seeds(&iris, &Config::ARTICLE, 0..10)?;
    print!("{}", seed_table(&results));
    Ok(())
}
// ANCHOR_END: main
