//! The options of `train`. A value that cannot be an option's (a batch of no rows, a learning
//! rate of zero) is refused while the command line is read, with clap's usage message and exit
//! code 2, before any file is opened.

use std::path::PathBuf;

use ch11_churn::train::{ARTICLE_CHURN, Config};
use clap::Parser;

// ANCHOR: args
/// Train a classifier on a CSV file. One column is the label; every other column is a
/// feature, numbers as they are and categories one-hot encoded. A label of two values trains
/// a sigmoid head, more values a softmax head. The defaults are the churn article's setup.
#[derive(Parser, Debug)]
#[command(name = "train")]
pub struct Args {
    /// The CSV file, with a header line.
    #[arg(long)]
    pub data: PathBuf,
    /// The column that holds the label.
    #[arg(long)]
    pub target: String,
    /// A column of categories to one-hot encode; may be repeated. A column none of whose
    /// values is a number is found without it.
    #[arg(long)]
    pub categorical: Vec<String>,
    /// Units in the hidden layer; 0 trains logistic regression.
    #[arg(long, default_value_t = ARTICLE_CHURN.hidden)]
    pub hidden: usize,
    /// The most passes over the training rows.
    #[arg(long, default_value_t = ARTICLE_CHURN.epochs, value_parser = at_least_one)]
    pub epochs: usize,
    /// Adam's learning rate.
    #[arg(long, default_value_t = ARTICLE_CHURN.lr, value_parser = positive)]
    pub lr: f64,
    /// Rows per step.
    #[arg(long, default_value_t = ARTICLE_CHURN.batch_size, value_parser = at_least_one)]
    pub batch_size: usize,
    /// Epochs without a lower validation loss before training stops.
    #[arg(long, default_value_t = ARTICLE_CHURN.patience, value_parser = at_least_one)]
    pub patience: usize,
    /// The share of the rows held out for the final test.
    #[arg(long, default_value_t = ARTICLE_CHURN.test_fraction, value_parser = fraction)]
    pub test_fraction: f64,
    /// The share of the other rows held out to pick the epoch.
    #[arg(long, default_value_t = ARTICLE_CHURN.validation_fraction, value_parser = fraction)]
    pub validation_fraction: f64,
    /// The seed of the split, the initial weights and the order of the batches.
    #[arg(long, default_value_t = ARTICLE_CHURN.seed)]
    pub seed: u64,
    /// Write the figures (loss.svg, and roc.svg for two classes) into this folder.
    #[arg(long)]
    pub figures: Option<PathBuf>,
    /// Replace figures that exist already.
    #[arg(long)]
    pub force: bool,
}
// ANCHOR_END: args

impl Args {
    /// The run's settings.
    pub fn config(&self) -> Config {
        Config {
            hidden: self.hidden,
            epochs: self.epochs,
            lr: self.lr,
            batch_size: self.batch_size,
            patience: self.patience,
            test_fraction: self.test_fraction,
            validation_fraction: self.validation_fraction,
            seed: self.seed,
        }
    }
}

// ANCHOR: parsers
/// A count of at least 1: epochs, rows per batch, patience.
pub fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(v) if v >= 1 => Ok(v),
        _ => Err(format!("{text:?} is not a whole number of at least 1")),
    }
}

/// A learning rate: a finite number above 0.
pub fn positive(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(v),
        _ => Err(format!("{text:?} is not a positive number")),
    }
}

/// A share of the rows: strictly between 0 and 1.
pub fn fraction(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(v) if v > 0.0 && v < 1.0 => Ok(v),
        _ => Err(format!("{text:?} is not a number strictly between 0 and 1")),
    }
}
// ANCHOR_END: parsers

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_the_churn_articles_setup() {
        let args = Args::parse_from(["train", "--data", "x.csv", "--target", "y"]);
        assert_eq!(args.config(), ARTICLE_CHURN);
        assert!(args.categorical.is_empty());
    }

    #[test]
    fn categorical_may_be_repeated() {
        let args = Args::parse_from([
            "train",
            "--data=x.csv",
            "--target=y",
            "--categorical=a",
            "--categorical=b",
        ]);
        assert_eq!(args.categorical, ["a", "b"]);
    }

    #[test]
    fn values_that_cannot_be_settings_are_refused() {
        for bad in ["0", "-1", "2.5", "", "ten"] {
            assert!(at_least_one(bad).is_err(), "{bad}");
        }
        for bad in ["0", "-0.1", "NaN", "inf", "1e400", "fast"] {
            assert!(positive(bad).is_err(), "{bad}");
        }
        for bad in ["0", "1", "1.5", "-0.2", "NaN"] {
            assert!(fraction(bad).is_err(), "{bad}");
        }
        assert_eq!(at_least_one("32"), Ok(32));
        assert_eq!(positive("1e300"), Ok(1e300));
        assert_eq!(fraction("0.2"), Ok(0.2));
    }
}
