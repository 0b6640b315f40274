//! The empirical distribution of a data set's labels.

use ch05_binary_cross_entropy::LossError;

// ANCHOR: shares
/// The share of the samples in each of `classes` classes: the empirical distribution, which
/// puts probability `1/N` on every sample, read off for the labels alone.
pub fn label_shares(targets: &[usize], classes: usize) -> Result<Vec<f64>, LossError> {
    if targets.is_empty() {
        return Err(LossError::EmptyBatch);
    }
    if let Some((index, &class)) = targets.iter().enumerate().find(|(_, y)| **y >= classes) {
        return Err(LossError::ClassOutOfRange {
            index,
            class,
            classes,
        });
    }
    let n = targets.len() as f64;
    Ok((0..classes)
        .map(|k| targets.iter().filter(|&&y| y == k).count() as f64 / n)
        .collect())
}
// ANCHOR_END: shares

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_of_the_three_containers() {
        // An orange and two lemons.
        assert_eq!(
            label_shares(&[0, 2, 2], 3).unwrap(),
            vec![1.0 / 3.0, 0.0, 2.0 / 3.0]
        );
    }

    #[test]
    fn no_samples_or_a_class_out_of_range_is_an_error() {
        assert_eq!(label_shares(&[], 3), Err(LossError::EmptyBatch));
        assert_eq!(
            label_shares(&[0, 3], 3),
            Err(LossError::ClassOutOfRange {
                index: 1,
                class: 3,
                classes: 3
            })
        );
    }
}
