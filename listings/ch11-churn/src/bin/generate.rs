//! Draws the synthetic churn data set. Prints a summary; writes the CSV only when given `--out`,
//! and never over an existing file unless given `--force`.

use std::path::PathBuf;
use std::process::ExitCode;

use ch11_churn::cli::at_least_one;
use ch11_churn::synth::{CONTRACT_LEVELS, DATA_ROWS, DATA_SEED, generate, to_csv, true_logit};
use clap::Parser;

/// Draw the chapter's synthetic churn customers from their documented logistic model.
#[derive(Parser)]
#[command(name = "generate")]
struct Args {
    /// Number of customers.
    #[arg(long, default_value_t = DATA_ROWS, value_parser = at_least_one)]
    rows: usize,
    /// Seed of the random stream.
    #[arg(long, default_value_t = DATA_SEED)]
    seed: u64,
    /// Write the CSV to this path (by default nothing is written).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Overwrite the file given by --out if it exists.
    #[arg(long)]
    force: bool,
}

// ANCHOR: main
fn main() -> ExitCode {
    let args = Args::parse();
    if let Some(path) = args.out.as_ref().filter(|p| p.exists() && !args.force) {
        eprintln!(
            "error: {} exists; pass --force to overwrite it",
            path.display()
        );
        return ExitCode::FAILURE;
    }
    let customers = generate(args.rows, args.seed);
    let csv = to_csv(&customers);

    let n = customers.len() as f64;
    let churned = customers.iter().filter(|c| c.churn == 1.0).count();
    let mean_p = customers
        .iter()
        .map(|c| 1.0 / (1.0 + libm::exp(-true_logit(c))))
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
        // A level that no customer drew has no churn rate.
        let rate = match group.len() {
            0 => "-".to_string(),
            n => format!(
                "{:.3}",
                group.iter().map(|c| c.churn).sum::<f64>() / n as f64
            ),
        };
        println!(
            "  {level:<15} {:5} customers, churn rate {rate}",
            group.len()
        );
    }
    println!("first rows:");
    for line in csv.lines().take(4) {
        println!("  {line}");
    }

    let Some(path) = args.out else {
        return ExitCode::SUCCESS;
    };
    if let Err(e) = std::fs::write(&path, csv) {
        eprintln!("error: cannot write {}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    println!("wrote {}", path.display());
    ExitCode::SUCCESS
}
// ANCHOR_END: main
