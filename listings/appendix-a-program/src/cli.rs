//! The options of `train`. Every number has a range, the trainer's own (`ch11_churn::limits`),
//! stated in the help; a value outside it (a batch of no rows, a learning rate of zero, a
//! million hidden units) is refused while the command line is read, with clap's usage message
//! and exit code 2, before any file is opened.

use std::ops::RangeInclusive;
use std::path::PathBuf;

use ch11_churn::limits::{BATCH_SIZE, EPOCHS, HIDDEN, MAX_LR, PATIENCE};
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
    /// Units in the hidden layer, 0 to 1024; 0 trains logistic regression.
    #[arg(long, default_value_t = ARTICLE_CHURN.hidden, value_parser = count(HIDDEN))]
    pub hidden: usize,
    /// The most passes over the training rows, 1 to 100000.
    #[arg(long, default_value_t = ARTICLE_CHURN.epochs, value_parser = count(EPOCHS))]
    pub epochs: usize,
    /// Adam's learning rate, above 0 and at most 1e6.
    #[arg(long, default_value_t = ARTICLE_CHURN.lr, value_parser = rate)]
    pub lr: f64,
    /// Rows per step, 1 to 65536.
    #[arg(long, default_value_t = ARTICLE_CHURN.batch_size, value_parser = count(BATCH_SIZE))]
    pub batch_size: usize,
    /// Epochs without a lower validation loss before training stops, 1 to 100000.
    #[arg(long, default_value_t = ARTICLE_CHURN.patience, value_parser = count(PATIENCE))]
    pub patience: usize,
    /// The share of the rows held out for the final test, strictly between 0 and 1.
    #[arg(long, default_value_t = ARTICLE_CHURN.test_fraction, value_parser = fraction)]
    pub test_fraction: f64,
    /// The share of the other rows held out to pick the epoch, strictly between 0 and 1.
    #[arg(long, default_value_t = ARTICLE_CHURN.validation_fraction, value_parser = fraction)]
    pub validation_fraction: f64,
    /// The seed of the split, the initial weights and the order of the batches, any whole
    /// number from 0 to 2^64 - 1.
    #[arg(long, default_value_t = ARTICLE_CHURN.seed, value_parser = seed)]
    pub seed: u64,
    /// Write the figures (loss.svg, and roc.svg for two classes) into this folder, made if
    /// need be once training has succeeded.
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
/// A whole number within `range`: hidden units, epochs, rows per batch, patience.
pub fn count(range: RangeInclusive<usize>) -> impl Fn(&str) -> Result<usize, String> + Clone {
    move |text| match text.parse::<usize>() {
        Ok(v) if range.contains(&v) => Ok(v),
        _ => Err(format!(
            "{text:?} is not a whole number from {} to {}",
            range.start(),
            range.end()
        )),
    }
}

/// A learning rate: a number above 0 and at most `MAX_LR`.
pub fn rate(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(v) if v > 0.0 && v <= MAX_LR => Ok(v),
        _ => Err(format!(
            "{text:?} is not a number above 0 and at most {MAX_LR:e}"
        )),
    }
}

/// A seed: any whole number that fits in 64 bits.
pub fn seed(text: &str) -> Result<u64, String> {
    text.parse::<u64>()
        .map_err(|_| format!("{text:?} is not a whole number from 0 to {}", u64::MAX))
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
    use clap::CommandFactory;

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
        let epochs = count(EPOCHS);
        for bad in [
            "0",
            "-1",
            "2.5",
            "",
            "ten",
            "100001",
            "99999999999999999999999",
        ] {
            assert!(epochs(bad).is_err(), "{bad}");
        }
        for bad in ["0", "-0.1", "NaN", "inf", "1e400", "fast", "1.5e6"] {
            assert!(rate(bad).is_err(), "{bad}");
        }
        for bad in ["0", "1", "1.5", "-0.2", "NaN"] {
            assert!(fraction(bad).is_err(), "{bad}");
        }
        for bad in ["-1", "4.2", "18446744073709551616"] {
            assert!(seed(bad).is_err(), "{bad}");
        }
        assert_eq!(seed("18446744073709551615"), Ok(u64::MAX));
        assert_eq!(epochs("32"), Ok(32));
        assert_eq!(epochs("100000"), Ok(100_000));
        assert_eq!(count(HIDDEN)("0"), Ok(0));
        assert_eq!(rate("1e6"), Ok(1e6));
        assert_eq!(rate("1e-300"), Ok(1e-300));
        assert_eq!(fraction("0.2"), Ok(0.2));
    }

    #[test]
    fn the_help_states_the_ranges_the_trainer_checks() {
        let help = Args::command().render_long_help().to_string();
        for (option, range) in [
            ("hidden", &HIDDEN),
            ("epochs", &EPOCHS),
            ("batch-size", &BATCH_SIZE),
            ("patience", &PATIENCE),
        ] {
            let stated = format!("{} to {}", range.start(), range.end());
            let text = help.split(&format!("--{option} ")).nth(1).unwrap();
            let text = text.split("--").next().unwrap();
            assert!(text.contains(&stated), "--{option}: {text}");
        }
        assert!(help.contains(&format!("at most {MAX_LR:e}")));
        // And every value the help allows is a setting the trainer accepts.
        let widest = Args::parse_from([
            "train",
            "--data=x",
            "--target=y",
            "--hidden=1024",
            "--epochs=100000",
            "--lr=1e6",
            "--batch-size=65536",
            "--patience=100000",
        ]);
        assert!(widest.config().check().is_ok());
    }
}
