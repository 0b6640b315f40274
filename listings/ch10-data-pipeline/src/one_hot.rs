//! One-hot encoding of a categorical column, with the first level dropped.

use ndarray::Array2;

use crate::error::DataError;

// ANCHOR: one_hot
/// Encodes `values` against `levels`, one column per level except the first.
///
/// A value equal to `levels[k]` (for `k >= 1`) puts a 1 in column `k - 1`; a value equal to
/// `levels[0]`, the reference level, is the row of zeros. The result has shape
/// `(values.len(), levels.len() - 1)`. A value that is not among the levels is an error that
/// names its row (0-based) and the levels.
pub fn one_hot_drop_first(values: &[&str], levels: &[&str]) -> Result<Array2<f64>, DataError> {
    if levels.is_empty() {
        return Err(DataError::NoLevels);
    }
    if let Some(k) = (1..levels.len()).find(|&k| levels[..k].contains(&levels[k])) {
        return Err(DataError::DuplicateLevel {
            level: levels[k].to_owned(),
        });
    }
    let mut encoded = Array2::zeros((values.len(), levels.len() - 1));
    for (index, value) in values.iter().enumerate() {
        match levels.iter().position(|level| level == value) {
            Some(0) => {}
            Some(k) => encoded[[index, k - 1]] = 1.0,
            None => {
                let levels = levels.iter().map(|l| l.to_string()).collect();
                return Err(DataError::UnknownLevel {
                    index,
                    value: value.to_string(),
                    levels,
                });
            }
        }
    }
    Ok(encoded)
}
// ANCHOR_END: one_hot

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    const LEVELS: [&str; 3] = ["Month-to-month", "One year", "Two year"];

    #[test]
    fn the_first_level_is_the_row_of_zeros() {
        let x = one_hot_drop_first(&["Two year", "Month-to-month", "One year"], &LEVELS).unwrap();
        assert_eq!(x, array![[0.0, 1.0], [0.0, 0.0], [1.0, 0.0]]);
    }

    #[test]
    fn every_row_has_at_most_one_one() {
        let values = ["One year", "Two year", "Two year", "Month-to-month"];
        let x = one_hot_drop_first(&values, &LEVELS).unwrap();
        assert_eq!(x.dim(), (4, 2));
        assert!(x.rows().into_iter().all(|r| r.sum() <= 1.0));
    }

    #[test]
    fn bad_levels_and_values_are_errors() {
        let err = one_hot_drop_first(&["One year", "Three year"], &LEVELS).unwrap_err();
        assert_eq!(
            err.to_string(),
            "row 1: \"Three year\" is not one of the levels [\"Month-to-month\", \"One year\", \"Two year\"]"
        );
        assert!(matches!(
            one_hot_drop_first(&["a"], &[]),
            Err(DataError::NoLevels)
        ));
        assert!(matches!(
            one_hot_drop_first(&["a"], &["a", "b", "a"]),
            Err(DataError::DuplicateLevel { .. })
        ));
        assert_eq!(one_hot_drop_first(&[], &LEVELS).unwrap().dim(), (0, 2));
    }
}
