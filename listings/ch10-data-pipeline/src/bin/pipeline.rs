//! The whole pipeline on the chapter's customers: split, scale, and batch.

use std::path::Path;
use std::process::ExitCode;

use ch10_data_pipeline::customers::{CUSTOMERS_CSV, Customer, FEATURES, features, load};
use ch10_data_pipeline::{BatchLoader, DataError, StandardScaler, select_rows, train_test_split};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

fn ids(customers: &[Customer], rows: &[usize]) -> String {
    rows.iter()
        .map(|&i| customers[i].customer_id.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

// ANCHOR: main
fn run() -> Result<(), DataError> {
    let customers = load(Path::new(CUSTOMERS_CSV))?;
    let (x, _churn) = features(&customers)?;

    let (n, test_fraction) = (x.nrows(), 0.2);
    let split = train_test_split(n, test_fraction, &mut ChaCha8Rng::seed_from_u64(42));
    let n_test = n as f64 * test_fraction;
    let (ours, sklearn) = (split.test.len(), n_test.ceil());
    print!("{n} rows x {test_fraction} = {n_test:.1} test rows: ");
    println!("rounded to {ours} here, up to {sklearn} by scikit-learn");
    println!(
        "train ({} rows): {}",
        split.train.len(),
        ids(&customers, &split.train)
    );
    println!(
        "test  ({} rows): {}",
        split.test.len(),
        ids(&customers, &split.test)
    );

    let x_train = select_rows(x.view(), &split.train);
    let x_test = select_rows(x.view(), &split.test);
    let scaler = StandardScaler::fit(x_train.view())?;
    println!("scaler fitted on the training rows:");
    println!("  {:15} {:>9} {:>9}", "column", "mean", "std");
    for (j, name) in FEATURES.iter().enumerate() {
        println!("  {name:15} {:9.4} {:9.4}", scaler.mean[j], scaler.std[j]);
    }
    let test_scaled = scaler.transform(x_test.view());
    println!("test rows, scaled:");
    for (&i, row) in split.test.iter().zip(test_scaled.rows()) {
        let values: Vec<String> = row.iter().map(|v| format!("{v:8.4}")).collect();
        println!("  {} {}", customers[i].customer_id, values.join(" "));
    }

    let mut loader = BatchLoader::new(split.train.len(), 4);
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    for epoch in 1..=2 {
        let batches: Vec<String> = loader
            .epoch(&mut rng)
            .map(|batch| {
                let rows: Vec<usize> = batch.iter().map(|&b| split.train[b]).collect();
                format!("[{}]", ids(&customers, &rows))
            })
            .collect();
        println!("epoch {epoch}: {}", batches.join(" "));
    }
    Ok(())
}
// ANCHOR_END: main

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
