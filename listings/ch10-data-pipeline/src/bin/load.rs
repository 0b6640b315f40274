//! Reads a customers CSV (by default the chapter's) and prints its feature matrix.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ch10_data_pipeline::DataError;
use ch10_data_pipeline::customers::{CUSTOMERS_CSV, FEATURES, features, load};

// ANCHOR: main
fn run(path: &Path, name: &str) -> Result<(), DataError> {
    let customers = load(path)?;
    let (x, y) = features(&customers)?;
    println!("{name}: {} customers", customers.len());
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
    let range = |j: usize| {
        let column = x.column(j);
        let lo = column.iter().fold(f64::INFINITY, |lo, &v| lo.min(v));
        let hi = column.iter().fold(f64::NEG_INFINITY, |hi, &v| hi.max(v));
        (lo, hi)
    };
    let ((tenure_lo, tenure_hi), (charges_lo, charges_hi)) = (range(0), range(1));
    print!("Tenure from {tenure_lo:.0} to {tenure_hi:.0} months, ");
    println!("MonthlyCharges from {charges_lo:.2} to {charges_hi:.2}");
    Ok(())
}

fn main() -> ExitCode {
    // The file named on the command line, or the chapter's own, under the name a reader knows.
    let (path, name) = match std::env::args().nth(1) {
        Some(arg) => (PathBuf::from(&arg), arg),
        None => (
            PathBuf::from(CUSTOMERS_CSV),
            "data/customers.csv".to_owned(),
        ),
    };
    match run(&path, &name) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
// ANCHOR_END: main
