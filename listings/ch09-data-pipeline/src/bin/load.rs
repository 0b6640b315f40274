//! Reads a customers CSV (by default the chapter's) and prints its feature matrix.

use std::path::PathBuf;
use std::process::ExitCode;

use ch09_data_pipeline::DataError;
use ch09_data_pipeline::customers::{FEATURES, features, load};

// ANCHOR: main
fn run(path: PathBuf) -> Result<(), DataError> {
    let customers = load(&path)?;
    let (x, y) = features(&customers)?;
    println!("{}: {} customers", path.display(), customers.len());
    println!(
        "id   {:>8} {:>15} {:>9} {:>9}  churn",
        FEATURES[0], FEATURES[1], FEATURES[2], FEATURES[3]
    );
    for ((c, row), churn) in customers.iter().zip(x.rows()).zip(&y) {
        println!(
            "{:4} {:8.0} {:15.2} {:9.0} {:9.0}  {churn:5.0}",
            c.customer_id, row[0], row[1], row[2], row[3]
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "data/customers.csv".to_owned());
    match run(PathBuf::from(path)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
// ANCHOR_END: main
