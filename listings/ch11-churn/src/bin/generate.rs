//! Draws the synthetic churn customers and prints a summary of them; with `--csv`, prints the
//! CSV itself instead, which is how `data/churn.csv` was written (to a new name first, so that
//! a run stopped halfway leaves no cut-short file where the chapter reads it):
//! `cargo run -p ch11-churn --bin generate -- --csv > churn.csv.new && mv churn.csv.new listings/ch11-churn/data/churn.csv`.

use std::process::ExitCode;

use ch02_sigmoid::sigmoid;
use ch11_churn::synth::{CONTRACT_LEVELS, DATA_ROWS, DATA_SEED, generate, to_csv, true_logit};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !(args.is_empty() || args == ["--csv"]) {
        eprintln!("usage: generate [--csv]");
        return ExitCode::from(2);
    }
    // ANCHOR: csv
    let customers = generate(DATA_ROWS, DATA_SEED);
    let csv = to_csv(&customers);
    if args == ["--csv"] {
        print!("{csv}");
        return ExitCode::SUCCESS;
    }
    // ANCHOR_END: csv
    let n = customers.len() as f64;
    let churned = customers.iter().filter(|c| c.churn == 1.0).count();
    let mean_p = customers
        .iter()
        .map(|c| sigmoid(true_logit(c)))
        .sum::<f64>()
        / n;
    println!(
        "customers: {}  churned: {churned} ({:.1}%)",
        customers.len(),
        100.0 * churned as f64 / n
    );
    println!("mean churn probability under the true model: {mean_p:.4}");
    for level in CONTRACT_LEVELS {
        let group: Vec<_> = customers
            .iter()
            .filter(|c| c.contract_type.as_str() == level)
            .collect();
        let rate = group.iter().map(|c| c.churn).sum::<f64>() / group.len() as f64;
        println!(
            "  {level:<15} {:5} customers, churn rate {rate:.3}",
            group.len()
        );
    }
    println!("first rows:");
    for line in csv.lines().take(4) {
        println!("  {line}");
    }
    ExitCode::SUCCESS
}
