//! What `train` does with a table, without the program around it, on random tables of two to
//! four classes: the head the program would pick, a short run, the report. Each gives a run
//! or an error that names the file, never a panic.

use ch11_churn::dataset::Dataset;
use ch11_churn::run::run;
use ch11_churn::table::Table;
use ch11_churn::train::{ARTICLE_CHURN, Config};
use ch12_iris::head::head_for;
use proptest::prelude::*;

const QUICK: Config = Config {
    hidden: 3,
    epochs: 3,
    batch_size: 5,
    ..ARTICLE_CHURN
};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_tables_train_and_report_or_say_why(
        rows in proptest::collection::vec(
            (
                prop::sample::select(vec!["a", "b", "c", "d"]),
                -1e6f64..1e6,
                prop::sample::select(vec!["u", "v", "w"]),
            ),
            0..60,
        ),
        lr in prop::sample::select(vec![1e-3, 0.1, 10.0, 1e6]),
        seed in 0u64..8,
    ) {
        let mut text = String::from("label,x,c\n");
        for (label, x, c) in &rows {
            text += &format!("{label},{x},{c}\n");
        }
        let data = match Table::parse("fuzz.csv", &text)
            .and_then(|table| Dataset::from_table(&table, "label", &[]))
        {
            Ok(data) => data,
            Err(e) => {
                prop_assert!(e.to_string().starts_with("fuzz.csv"), "{}", e);
                return Ok(());
            }
        };
        let head = head_for(data.classes.len());
        let mut printed = String::new();
        let config = Config { lr, seed, ..QUICK };
        match run(&data, head, &config, &mut |t| printed += t, &mut |_| {}) {
            Ok(r) => {
                prop_assert!(r.test.loss.is_finite());
                prop_assert!(printed.contains("test rows the model is least sure about"));
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}
