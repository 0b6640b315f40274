//! No input panics the trainer. Random bytes, and random text made of what CSV files are made
//! of, go through the reader; random tables of tricky values go through the dataset and a
//! short run. Each gives a result or an error that names the text, never a panic. Cheap
//! enough for every test run: a few hundred cases, each a few milliseconds.

use ch11_churn::dataset::Dataset;
use ch11_churn::head::BinaryHead;
use ch11_churn::run::fit;
use ch11_churn::table::Table;
use ch11_churn::train::{ARTICLE_CHURN, Config};
use proptest::prelude::*;

/// What every table the reader returns must be.
fn well_formed(table: &Table) -> Result<(), TestCaseError> {
    prop_assert!(!table.header.is_empty());
    prop_assert!(!table.rows.is_empty());
    prop_assert_eq!(table.rows.len(), table.lines.len());
    for row in &table.rows {
        prop_assert_eq!(row.len(), table.header.len());
        prop_assert!(row.iter().all(|f| !f.contains(['\n', '\r'])));
    }
    // Lines grow, and the header's line comes first.
    prop_assert!(table.lines.windows(2).all(|w| w[0] < w[1]));
    prop_assert!(table.lines[0] >= 2);
    Ok(())
}

/// Mostly a value that reads, now and then one that does not.
fn sometimes(
    good: &'static [&'static str],
    bad: &'static [&'static str],
) -> BoxedStrategy<&'static str> {
    prop_oneof![
        99 => prop::sample::select(good),
        1 => prop::sample::select(bad),
    ]
    .boxed()
}

fn label() -> BoxedStrategy<&'static str> {
    sometimes(&["p", "q"], &["", "NA", "r"])
}

fn number() -> BoxedStrategy<&'static str> {
    let good = &["1", "-2.5", "0", "3", "1e15", "-7e14", "0.001", "42"];
    sometimes(good, &["1e300", "NaN", "x", "", "inf"])
}

fn category() -> BoxedStrategy<&'static str> {
    sometimes(&["u", "v", "w"], &["", "3"])
}

/// A short run, small enough to be cheap, on whatever the dataset is.
const QUICK: Config = Config {
    hidden: 2,
    epochs: 2,
    batch_size: 4,
    ..ARTICLE_CHURN
};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_bytes_give_a_table_or_an_error_naming_the_file(
        bytes in proptest::collection::vec(any::<u8>(), 0..300)
    ) {
        match Table::from_bytes("fuzz.csv", &bytes) {
            Ok(table) => well_formed(&table)?,
            Err(e) => prop_assert!(e.to_string().starts_with("fuzz.csv"), "{}", e),
        }
    }

    #[test]
    fn csv_like_text_gives_a_table_or_an_error_naming_the_file(
        text in "[ab0-9.,\"\r\n \t;e+\\-\u{feff}\u{0}]{0,200}"
    ) {
        match Table::parse("fuzz.csv", &text) {
            Ok(table) => {
                well_formed(&table)?;
                let target = table.header[0].clone();
                if let Err(e) = Dataset::from_table(&table, &target, &[]) {
                    prop_assert!(e.to_string().starts_with("fuzz.csv"), "{}", e);
                }
            }
            Err(e) => prop_assert!(e.to_string().starts_with("fuzz.csv"), "{}", e),
        }
    }

    #[test]
    fn tables_of_tricky_values_train_or_say_why(
        rows in proptest::collection::vec((label(), number(), category()), 0..40),
        seed in 0u64..4,
    ) {
        let mut text = String::from("y,a,b\n");
        for (y, a, b) in &rows {
            text += &format!("{y},{a},{b}\n");
        }
        let table = match Table::parse("fuzz.csv", &text) {
            Ok(table) => table,
            Err(e) => {
                prop_assert!(e.to_string().starts_with("fuzz.csv"), "{}", e);
                return Ok(());
            }
        };
        let data = match Dataset::from_table(&table, "y", &[]) {
            Ok(data) => data,
            Err(e) => {
                prop_assert!(e.to_string().starts_with("fuzz.csv"), "{}", e);
                return Ok(());
            }
        };
        prop_assert!(data.x.iter().all(|v| v.is_finite() && v.abs() <= 1e15));
        if data.classes.len() == 2 {
            match fit(&data, &BinaryHead, &Config { seed, ..QUICK }) {
                Ok(run) => prop_assert!(run.test.loss.is_finite()),
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }
    }
}
