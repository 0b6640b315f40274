//! The chapter's data and the article's setup.

use std::path::Path;

use ch11_churn::TrainError;
use ch11_churn::dataset::Dataset;
use ch11_churn::table::Table;
use ch11_churn::train::{ARTICLE_CHURN, Config};

/// The chapter's copy of Fisher's data, found from the crate's folder whatever the working
/// directory.
pub const IRIS_CSV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/iris.csv");

// ANCHOR: setup
/// The Iris article's setup: 4 inputs, 10 ReLU units, 3 logits; Adam at 0.01; batches of 16;
/// 15 epochs; a fifth of the flowers for testing. The validation split and the patience are
/// the book's, as in Chapter 11.
pub const ARTICLE_IRIS: Config = Config {
    hidden: 10,
    epochs: 15,
    lr: 0.01,
    batch_size: 16,
    ..ARTICLE_CHURN
};

/// Time enough to finish learning: the same setup with up to 100 epochs, the epoch picked by
/// the validation loss.
pub const IRIS_TO_CONVERGENCE: Config = Config {
    epochs: 100,
    ..ARTICLE_IRIS
};

/// The flowers as the trainer reads them: every column a feature but `species`, the label.
pub fn iris_dataset() -> Result<Dataset, TrainError> {
    Dataset::from_table(&Table::read(Path::new(IRIS_CSV))?, "species", &[])
}
// ANCHOR_END: setup

/// The same flowers with only the features named, in that order.
///
/// # Panics
/// If a name is not a feature of `data`: the names are the chapter's own.
pub fn with_features(data: &Dataset, names: &[&str]) -> Dataset {
    let columns: Vec<usize> = names
        .iter()
        .map(|name| {
            data.features
                .iter()
                .position(|f| f == name)
                .expect("a feature")
        })
        .collect();
    Dataset {
        x: data.x.select(ndarray::Axis(1), &columns),
        features: names.iter().map(|n| n.to_string()).collect(),
        ..data.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_has_fifty_flowers_of_each_species() {
        let iris = iris_dataset().unwrap();
        assert_eq!(iris.x.dim(), (150, 4));
        assert_eq!(iris.classes, ["setosa", "versicolor", "virginica"]);
        for k in 0..3 {
            assert_eq!(iris.y.iter().filter(|&&c| c == k).count(), 50);
        }
        // Fisher's rows 35 and 38, where the UCI copy differs.
        assert_eq!(iris.x.row(34).to_vec(), [4.9, 3.1, 1.5, 0.2]);
        assert_eq!(iris.x.row(37).to_vec(), [4.9, 3.6, 1.4, 0.1]);
    }

    #[test]
    fn with_features_keeps_the_labels() {
        let iris = iris_dataset().unwrap();
        let petals = with_features(&iris, &["petal_length", "petal_width"]);
        assert_eq!(petals.x.dim(), (150, 2));
        assert_eq!(petals.x.row(0).to_vec(), [1.4, 0.2]);
        assert_eq!(petals.y, iris.y);
    }
}
