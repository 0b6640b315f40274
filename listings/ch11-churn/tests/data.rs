//! The committed data set is what the generator writes, and the trainer reads it back as the
//! generator's customers.

use ch11_churn::synth::churn_dataset;
use ch11_churn::synth::{CHURN_CSV, DATA_ROWS, DATA_SEED, generate, to_csv};

#[test]
fn the_committed_csv_is_the_generators_output_byte_for_byte() {
    let committed = std::fs::read_to_string(CHURN_CSV).unwrap();
    let generated = to_csv(&generate(DATA_ROWS, DATA_SEED));
    assert!(
        committed == generated,
        "data/churn.csv differs from the generator's output; regenerate it with \
         `cargo run -p ch11-churn --bin generate -- --csv > churn.csv.new && \
         mv churn.csv.new listings/ch11-churn/data/churn.csv`"
    );
}

#[test]
fn the_trainer_reads_the_generated_customers() {
    let data = churn_dataset().unwrap();
    let customers = generate(DATA_ROWS, DATA_SEED);
    assert_eq!(
        data.features[4..],
        ["ContractType_One year", "ContractType_Two year"]
    );
    assert_eq!(data.classes, ["0", "1"]);
    for (i, c) in customers.iter().enumerate() {
        let contract = [0.0, 1.0, 2.0][c.contract_type as usize];
        let one_hot = [
            (contract == 1.0) as u8 as f64,
            (contract == 2.0) as u8 as f64,
        ];
        let expected = [
            c.tenure,
            c.monthly_charges,
            c.support_calls,
            c.age,
            one_hot[0],
            one_hot[1],
        ];
        assert_eq!(data.x.row(i).to_vec(), expected, "row {i}");
        assert_eq!(data.y[i] as f64, c.churn, "row {i}");
    }
}

#[test]
fn the_generator_refuses_an_option_it_does_not_know() {
    for args in [&["--out", "churn.csv"][..], &["--csv", "--csv"], &["csv"]] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_generate"))
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "usage: generate [--csv]\n"
        );
    }
}
