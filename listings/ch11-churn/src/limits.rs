//! What the trainer accepts, stated once. The reader checks the text against Chapter 10's
//! limits (the length of a line, the size of the file, the number of fields) as it reads; the table, the dataset and the run check the rest before they allocate,
//! so that no file and no setting can make the program panic, run out of memory, or print a
//! result that means nothing.

use std::ops::RangeInclusive;

pub use ch10_data_pipeline::text::{MAX_ABS_VALUE, MAX_FIELDS, MAX_FILE_BYTES, MAX_LINE_BYTES};

use crate::error::TrainError;

// ANCHOR: limits
/// The most classes a label may have. A column with more values is a measurement, not a class.
pub const MAX_CLASSES: usize = 100;
/// The fewest rows of a class: one for each split. A class with fewer is most often a typing
/// mistake in one label (`Iris-setsoa`), which would otherwise become a class of its own.
pub const MIN_CLASS_ROWS: usize = 3;
/// The longest class name, in characters: every class heads a column of the report.
pub const MAX_CLASS_NAME: usize = 100;
/// The most numbers in one matrix, 2^24 (128 MiB of `f64`): the features of every row, the
/// weights of a layer, the outputs of a layer for every row.
pub const MAX_VALUES: usize = 1 << 24;
/// How far a validation or test value may lie from the training rows' mean, in their standard
/// deviations. No training value can lie further than √(n − 1) of them for n rows (Samuelson's
/// inequality), about 2,048 for the most rows a table can hold; a value 10,000 away is one the
/// network never saw anything like, most often a typing mistake, and it would make its loss
/// as large as it likes.
pub const MAX_SPREADS: f64 = 1e4;
// ANCHOR_END: limits

// ANCHOR: settings
/// Units in the hidden layer (0: logistic regression).
pub const HIDDEN: RangeInclusive<usize> = 0..=1024;
/// Passes over the training rows.
pub const EPOCHS: RangeInclusive<usize> = 1..=100_000;
/// Rows per step.
pub const BATCH_SIZE: RangeInclusive<usize> = 1..=65_536;
/// Epochs without a lower validation loss before training stops.
pub const PATIENCE: RangeInclusive<usize> = 1..=100_000;
/// The largest learning rate; any rate above 0 up to it is accepted. Rates far smaller
/// already diverge: the limit only keeps the number printable.
pub const MAX_LR: f64 = 1e6;
// ANCHOR_END: settings

// ANCHOR: network
/// Fails unless a network of layer `sizes` fits in memory for splits of up to `rows` rows:
/// every weight matrix, and every layer's outputs for all the rows of a split at once (the
/// loss before training, the validation and test scores), hold at most [`MAX_VALUES`] numbers.
pub fn check_network(rows: usize, sizes: &[usize]) -> Result<(), TrainError> {
    let last = sizes.len().saturating_sub(1);
    for (layer, pair) in sizes.windows(2).enumerate() {
        let (inputs, units) = (pair[0], pair[1]);
        let numbers = inputs.max(rows).saturating_mul(units);
        if numbers <= MAX_VALUES {
            continue;
        }
        let remedy = if layer + 1 < last {
            format!("at most {} hidden units fit", MAX_VALUES / inputs.max(rows))
        } else if rows >= inputs {
            format!("at most {} rows fit", MAX_VALUES / units)
        } else {
            format!("at most {} features fit", MAX_VALUES / units)
        };
        let network: Vec<String> = sizes.iter().map(usize::to_string).collect();
        return Err(TrainError::Setting(format!(
            "the network {} is too large for a split of {rows} rows: a layer of {units} units \
             would hold {numbers} numbers (weights, or outputs for every row), more than the \
             {MAX_VALUES} this program allocates; {remedy}",
            network.join(" -> ")
        )));
    }
    Ok(())
}
// ANCHOR_END: network

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_training_value_can_lie_as_far_as_the_limit() {
        // Samuelson: |x - mean| <= std * sqrt(n - 1). The most rows a table holds is
        // MAX_FIELDS / 2 (a label and one feature).
        let n = (MAX_FIELDS / 2) as f64;
        assert!((n - 1.0).sqrt() < 2_048.0);
        assert!((n - 1.0).sqrt() < MAX_SPREADS);
        // And the bound is reached: one value apart from n - 1 equal ones.
        let rows = 50;
        let x: Vec<f64> = (0..rows).map(|i| if i == 0 { 1.0 } else { 0.0 }).collect();
        let mean = x.iter().sum::<f64>() / rows as f64;
        let std = (x.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / rows as f64).sqrt();
        let spreads = (x[0] - mean) / std;
        approx::assert_relative_eq!(spreads, ((rows - 1) as f64).sqrt(), max_relative = 1e-12);
    }

    #[test]
    fn the_largest_values_cannot_overflow_a_scaler() {
        // The sum of the squares of every value of a column, at the largest magnitude.
        let sum_of_squares = MAX_ABS_VALUE * MAX_ABS_VALUE * MAX_FIELDS as f64;
        assert!(sum_of_squares < 1e40 && sum_of_squares.is_finite());
    }

    #[test]
    fn networks_too_large_for_memory_are_refused_before_they_are_made() {
        assert!(check_network(5000, &[6, 16, 1]).is_ok());
        assert!(check_network(1_000_000, &[6, 16, 1]).is_ok());
        let e = check_network(20_000, &[6, 1024, 1])
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "invalid setting: the network 6 -> 1024 -> 1 is too large for a split of 20000 \
             rows: a layer of 1024 units would hold 20480000 numbers (weights, or outputs for \
             every row), more than the 16777216 this program allocates; at most 838 hidden \
             units fit"
        );
        assert!(check_network(20_000, &[6, 838, 1]).is_ok());
        let e = check_network(200_000, &[6, 16, 100])
            .unwrap_err()
            .to_string();
        assert!(e.ends_with("; at most 167772 rows fit"), "{e}");
        let e = check_network(10, &[20_000, 1024, 2])
            .unwrap_err()
            .to_string();
        assert!(e.ends_with("; at most 838 hidden units fit"), "{e}");
        assert!(check_network(usize::MAX, &[usize::MAX, usize::MAX]).is_err());
    }
}
