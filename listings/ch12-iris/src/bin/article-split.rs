//! The article's setup on the article's own test split, from ten seeds.

use std::path::Path;
use std::process::ExitCode;

use ch12_iris::article_split::over_seeds_on_article_split;
use ch12_iris::data::{IRIS_CSV, Iris};
use ch12_iris::report::seed_table;

fn main() -> ExitCode {
    match article_split() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

// ANCHOR: main
fn article_split() -> Result<(), Box<dyn std::error::Error>> {
    let iris = Iris::load(Path::new(IRIS_CSV))?;
    let results = over_seeds_on_article_split(&iris, 0..10)?;
    println!("scikit-learn's random_state=42 split: 120 training, 30 test flowers");
    print!("{}", seed_table(&results));
    Ok(())
}
// ANCHOR_END: main
