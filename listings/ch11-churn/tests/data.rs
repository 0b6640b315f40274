//! The committed data set is what the generator writes, and every broken file in `data/bad/`
//! is rejected with a message that says where.

use std::path::Path;

use ch11_churn::data::load;
use ch11_churn::synth::{DATA_ROWS, DATA_SEED, generate, to_csv};

#[test]
fn the_committed_csv_is_the_generators_output_byte_for_byte() {
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/churn.csv")).unwrap();
    let generated = to_csv(&generate(DATA_ROWS, DATA_SEED));
    assert!(
        committed == generated,
        "data/churn.csv differs from the generator's output; regenerate it"
    );
}

#[test]
fn the_committed_csv_reads_back_as_the_generated_customers() {
    let read = load(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/churn.csv"
    )))
    .unwrap();
    assert_eq!(read, generate(DATA_ROWS, DATA_SEED));
}

fn error(name: &str) -> String {
    // Relative to the crate folder, as a reader would type it.
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).unwrap();
    load(Path::new(&format!("data/bad/{name}")))
        .unwrap_err()
        .to_string()
}

#[test]
fn every_broken_file_names_file_line_and_column() {
    let cases = [
        (
            "missing-column.csv",
            "data/bad/missing-column.csv: the header has no column `SupportCalls`",
        ),
        (
            "bad-value.csv",
            "data/bad/bad-value.csv, line 4, column `MonthlyCharges`: cannot read \"65.4O\"",
        ),
        (
            "unknown-contract.csv",
            "data/bad/unknown-contract.csv, line 3, column `ContractType`: unknown contract type \"Three year\"",
        ),
        (
            "nan.csv",
            "data/bad/nan.csv, line 3, column `MonthlyCharges`: \"NaN\" is not a finite number",
        ),
        (
            "bad-label.csv",
            "data/bad/bad-label.csv, line 3, column `Churn`: a label is 0 or 1, not 2",
        ),
        (
            "empty.csv",
            "data/bad/empty.csv: no data rows: the file is empty or holds only its header",
        ),
    ];
    for (file, expected) in cases {
        let message = error(file);
        assert!(message.starts_with(expected), "{file}: {message}");
    }
}
