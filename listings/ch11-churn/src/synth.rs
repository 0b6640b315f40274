//! A synthetic churn data set drawn from a logistic model that the reader can read.
//!
//! The source article trains on a churn CSV that is not available. Instead of guessing at its
//! contents, the chapter draws customers from a documented model with a fixed seed. Because the
//! model that produced the labels is known, the chapter can also say how low any model's loss
//! could go on these customers.

use std::fmt::Write as _;
use std::path::Path;

use ch02_sigmoid::sigmoid;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::TrainError;
use crate::dataset::Dataset;
use crate::table::Table;

/// The committed data set, found from the crate's folder whatever the working directory.
pub const CHURN_CSV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/churn.csv");

/// The churn data as the chapter reads it: the label `Churn`, `ContractType` a category.
pub fn churn_dataset() -> Result<Dataset, TrainError> {
    let table = Table::read(Path::new(CHURN_CSV))?;
    Dataset::from_table(&table, "Churn", &["ContractType"])
}

/// The seed of the committed `data/churn.csv`.
pub const DATA_SEED: u64 = 2024;
/// The number of customers in the committed `data/churn.csv`.
pub const DATA_ROWS: usize = 5000;

/// The contract types as the CSV spells them, in the order the one-hot encoding uses: the
/// first is the reference level that gets no column of its own.
pub const CONTRACT_LEVELS: [&str; 3] = ["Month-to-month", "One year", "Two year"];

/// A contract type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contract {
    MonthToMonth,
    OneYear,
    TwoYear,
}

impl Contract {
    /// The contract as the CSV spells it.
    pub fn as_str(self) -> &'static str {
        CONTRACT_LEVELS[self as usize]
    }
}

/// The header of the CSV, in column order.
pub const HEADER: [&str; 6] = [
    "Tenure",
    "MonthlyCharges",
    "SupportCalls",
    "Age",
    "ContractType",
    "Churn",
];

// ANCHOR: customer
/// One row of the churn CSV, whose columns are [`HEADER`].
#[derive(Debug, Clone, PartialEq)]
pub struct Customer {
    /// Months since the customer signed up.
    pub tenure: f64,
    /// The monthly bill, in currency units with two decimals.
    pub monthly_charges: f64,
    /// Calls to customer support in the last year.
    pub support_calls: f64,
    /// Age in years.
    pub age: f64,
    pub contract_type: Contract,
    /// 1 if the customer left, 0 if they stayed.
    pub churn: f64,
}
// ANCHOR_END: customer

// ANCHOR: true_logit
/// The log-odds of leaving under the model that generated the data.
///
/// Short tenure, a high bill and many support calls push a customer out; a longer contract
/// holds them. Age acts through a curve (the youngest and the oldest leave most), which a
/// straight logistic regression cannot follow and a hidden layer can.
pub fn true_logit(c: &Customer) -> f64 {
    let contract = match c.contract_type {
        Contract::MonthToMonth => 0.0,
        Contract::OneYear => -1.0,
        Contract::TwoYear => -2.0,
    };
    -0.2 - 0.035 * c.tenure
        + 0.03 * (c.monthly_charges - 70.0)
        + 0.5 * c.support_calls
        + 0.0008 * (c.age - 45.0).powi(2)
        + contract
}
// ANCHOR_END: true_logit

// ANCHOR: generate
/// Draws `n` customers from the generating model with the given seed.
///
/// Every value is rounded to what the CSV prints (whole months, years and calls, bills to the
/// cent) *before* the label is drawn, so the true model applied to the CSV gives exactly the
/// probabilities the labels were drawn from.
pub fn generate(n: usize, seed: u64) -> Vec<Customer> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut u = move || rng.random::<f64>();
    (0..n)
        .map(|_| {
            // Half the customers are on month-to-month contracts, a quarter on each of the others.
            let c = u();
            let contract = if c < 0.5 {
                Contract::MonthToMonth
            } else if c < 0.75 {
                Contract::OneYear
            } else {
                Contract::TwoYear
            };
            let tenure = 1.0 + (u() * 72.0).floor(); // 1 to 72 months
            let monthly_charges = (2000.0 + (u() * 10_000.0).floor()) / 100.0; // 20.00 to 119.99
            let support_calls = (0..8).filter(|_| u() < 0.15).count() as f64; // binomial(8, 0.15)
            let age = 18.0 + (u() * 63.0).floor(); // 18 to 80 years
            let mut customer = Customer {
                tenure,
                monthly_charges,
                support_calls,
                age,
                contract_type: contract,
                churn: 0.0,
            };
            let p = sigmoid(true_logit(&customer));
            customer.churn = if u() < p { 1.0 } else { 0.0 };
            customer
        })
        .collect()
}
// ANCHOR_END: generate

/// The customers as CSV text, header first, each value at a fixed number of decimals so that
/// the bytes are the same on every machine.
pub fn to_csv(customers: &[Customer]) -> String {
    let mut out = HEADER.join(",");
    out.push('\n');
    for c in customers {
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "{:.0},{:.2},{:.0},{:.0},{},{:.0}",
            c.tenure,
            c.monthly_charges,
            c.support_calls,
            c.age,
            c.contract_type.as_str(),
            c.churn
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_draws_the_same_customers() {
        assert_eq!(generate(50, 7), generate(50, 7));
        assert_ne!(generate(50, 7), generate(50, 8));
    }

    #[test]
    fn values_stay_in_their_documented_ranges() {
        for c in generate(2000, DATA_SEED) {
            assert!((1.0..=72.0).contains(&c.tenure), "{c:?}");
            assert!((20.0..=119.99).contains(&c.monthly_charges), "{c:?}");
            assert!((0.0..=8.0).contains(&c.support_calls), "{c:?}");
            assert!((18.0..=80.0).contains(&c.age), "{c:?}");
            assert!(c.churn == 0.0 || c.churn == 1.0, "{c:?}");
        }
    }

    #[test]
    fn printed_values_read_back_exactly() {
        // The true model must see the same numbers in the CSV as at generation time.
        for c in generate(500, 3) {
            let printed = format!("{:.2}", c.monthly_charges);
            assert_eq!(printed.parse::<f64>().unwrap(), c.monthly_charges);
        }
    }

    #[test]
    fn the_label_rate_follows_the_model() {
        // Over many customers, the share who leave matches the mean predicted probability.
        let customers = generate(20_000, 11);
        let n = customers.len() as f64;
        let observed = customers.iter().map(|c| c.churn).sum::<f64>() / n;
        let expected = customers
            .iter()
            .map(|c| sigmoid(true_logit(c)))
            .sum::<f64>()
            / n;
        assert!(
            (observed - expected).abs() < 0.01,
            "{observed} vs {expected}"
        );
    }

    #[test]
    fn contracts_spell_their_levels() {
        assert_eq!(Contract::MonthToMonth.as_str(), "Month-to-month");
        assert_eq!(Contract::TwoYear.as_str(), "Two year");
    }
}
