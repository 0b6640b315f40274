//! The options that PyTorch's `BCELoss` and `BCEWithLogitsLoss` put around binary
//! cross-entropy: a weight per sample, a weight for the positive class, and the reduction.

use ch02_sigmoid::log_sigmoid;
use ch05_binary_cross_entropy::LossError;
use ndarray::{Array1, ArrayView1, Zip};

use crate::options::{Reduced, Reduction, cost, reduce};

// ANCHOR: binary_options
/// The settings of PyTorch's binary losses, with their defaults in [`Default`].
#[derive(Debug, Clone, PartialEq)]
pub struct BinaryOptions {
    /// One weight per sample (`weight=`); `None` weighs every sample 1.
    pub weight: Option<Vec<f64>>,
    /// The weight of the positive term, `y ln p` (`pos_weight=`): above 1 a missed positive
    /// costs more, which helps when positives are rare. PyTorch offers it with logits only.
    pub pos_weight: f64,
    /// `reduction=`. `Mean` divides by N, whatever the weights.
    pub reduction: Reduction,
}

impl Default for BinaryOptions {
    fn default() -> Self {
        BinaryOptions {
            weight: None,
            pos_weight: 1.0,
            reduction: Reduction::Mean,
        }
    }
}

/// Binary cross-entropy from logits with PyTorch's options: sample `n` costs
/// `l_n = -w_n (pos_weight · y_n ln σ(z_n) + (1 - y_n) ln σ(-z_n))`.
pub fn bce_with_logits_options(
    logits: ArrayView1<f64>,
    targets: ArrayView1<f64>,
    options: &BinaryOptions,
) -> Result<Reduced, LossError> {
    let weight = check_binary(logits, targets, options)?;
    if let Some(index) = logits.iter().position(|z| !z.is_finite()) {
        return Err(LossError::NonFinite { index });
    }
    let per_sample = Zip::from(logits)
        .and(targets)
        .and(&weight)
        .map_collect(|&z, &y, &w| {
            let positive = options.pos_weight * y;
            w * (cost(positive, log_sigmoid(z)) + cost(1.0 - y, log_sigmoid(-z)))
        });
    // From finite logits every loss is finite: an infinite one is a weight that overflowed it.
    if per_sample.iter().any(|l| l.is_infinite()) {
        return Err(LossError::Overflow {
            what: "the weighted loss of a sample",
        });
    }
    reduce(per_sample, options.reduction, logits.len() as f64)
}

/// Binary cross-entropy from probabilities with the same options (`BCELoss` has `weight` and
/// `reduction`): `l_n = -w_n (pos_weight · y_n ln p_n + (1 - y_n) ln(1 - p_n))`. A sample of
/// weight 0 costs 0, even when its probability makes the unweighted loss infinite.
pub fn bce_with_options(
    probs: ArrayView1<f64>,
    targets: ArrayView1<f64>,
    options: &BinaryOptions,
) -> Result<Reduced, LossError> {
    let weight = check_binary(probs, targets, options)?;
    if let Some((index, &value)) = probs
        .iter()
        .enumerate()
        .find(|(_, p)| !(0.0..=1.0).contains(*p))
    {
        return Err(LossError::ProbabilityOutOfRange { index, value });
    }
    let per_sample = Zip::from(probs)
        .and(targets)
        .and(&weight)
        .map_collect(|&p, &y, &w| {
            let positive = options.pos_weight * y;
            let loss = cost(positive, libm::log(p)) + cost(1.0 - y, libm::log1p(-p));
            if w == 0.0 { 0.0 } else { w * loss }
        });
    reduce(per_sample, options.reduction, probs.len() as f64)
}
// ANCHOR_END: binary_options

/// Checks what both binary losses need and returns the sample weights (all 1 when none are
/// given).
fn check_binary(
    predictions: ArrayView1<f64>,
    targets: ArrayView1<f64>,
    options: &BinaryOptions,
) -> Result<Array1<f64>, LossError> {
    let n = predictions.len();
    if n == 0 {
        return Err(LossError::EmptyBatch);
    }
    if targets.len() != n {
        return Err(LossError::LengthMismatch {
            what: "targets",
            expected: n,
            actual: targets.len(),
        });
    }
    if let Some((index, &value)) = targets
        .iter()
        .enumerate()
        .find(|(_, y)| !(0.0..=1.0).contains(*y))
    {
        return Err(LossError::TargetOutOfRange { index, value });
    }
    let pw = options.pos_weight;
    if !(pw.is_finite() && pw >= 0.0) {
        return Err(LossError::InvalidParameter {
            name: "pos_weight",
            value: pw,
        });
    }
    let weight = match &options.weight {
        Some(w) if w.len() != n => {
            return Err(LossError::LengthMismatch {
                what: "sample weights",
                expected: n,
                actual: w.len(),
            });
        }
        Some(w) => Array1::from(w.clone()),
        None => Array1::ones(n),
    };
    if let Some(&bad) = weight.iter().find(|w| !(w.is_finite() && **w >= 0.0)) {
        return Err(LossError::InvalidParameter {
            name: "sample weight",
            value: bad,
        });
    }
    Ok(weight)
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use ch05_binary_cross_entropy::{bce, bce_with_logits};
    use ndarray::array;

    fn total(r: Reduced) -> f64 {
        match r {
            Reduced::Total(v) => v,
            Reduced::PerSample(_) => panic!("expected a total"),
        }
    }

    #[test]
    fn the_defaults_are_the_plain_losses() {
        let z = array![-2.0, 0.3, 4.0, 1.5];
        let y = array![1.0, 0.0, 1.0, 0.25];
        let options = BinaryOptions::default();
        assert_eq!(
            total(bce_with_logits_options(z.view(), y.view(), &options).unwrap()),
            bce_with_logits(z.view(), y.view()).unwrap()
        );
        let p = z.mapv(ch02_sigmoid::sigmoid);
        assert_relative_eq!(
            total(bce_with_options(p.view(), y.view(), &options).unwrap()),
            bce(p.view(), y.view()).unwrap(),
            max_relative = 1e-15
        );
    }

    #[test]
    fn weights_scale_samples_and_the_mean_still_divides_by_n() {
        let z = array![-2.0, 0.3];
        let y = array![1.0, 0.0];
        let plain =
            ch05_binary_cross_entropy::bce::bce_with_logits_terms(z.view(), y.view()).unwrap();
        let options = BinaryOptions {
            weight: Some(vec![3.0, 0.5]),
            ..Default::default()
        };
        assert_relative_eq!(
            total(bce_with_logits_options(z.view(), y.view(), &options).unwrap()),
            (3.0 * plain[0] + 0.5 * plain[1]) / 2.0,
            max_relative = 1e-15
        );
        let options = BinaryOptions {
            pos_weight: 4.0,
            reduction: Reduction::None,
            ..Default::default()
        };
        let Reduced::PerSample(terms) =
            bce_with_logits_options(z.view(), y.view(), &options).unwrap()
        else {
            panic!("expected one loss per sample")
        };
        assert_relative_eq!(terms[0], 4.0 * plain[0], max_relative = 1e-15);
        assert_eq!(terms[1], plain[1]);
    }

    #[test]
    fn a_switched_off_sample_is_never_nan() {
        // p = 0 for a positive costs inf; with weight 0 the sample is not counted at all.
        let options = BinaryOptions {
            weight: Some(vec![0.0, 1.0]),
            ..Default::default()
        };
        let loss = bce_with_options(array![0.0, 0.5].view(), array![1.0, 1.0].view(), &options);
        assert_relative_eq!(total(loss.unwrap()), std::f64::consts::LN_2 / 2.0);
        // pos_weight 0 switches the positive term off, even where it is -inf.
        let options = BinaryOptions {
            pos_weight: 0.0,
            ..Default::default()
        };
        let loss = bce_with_options(array![0.0].view(), array![1.0].view(), &options);
        assert_eq!(total(loss.unwrap()), 0.0);
    }

    #[test]
    fn overflowing_sums_and_bad_options_are_errors() {
        let huge = array![f64::MAX, f64::MAX];
        let zeros = array![0.0, 0.0];
        let overflow = Err(LossError::Overflow {
            what: "the sum of the per-sample losses",
        });
        assert_eq!(
            bce_with_logits_options(huge.view(), zeros.view(), &BinaryOptions::default()),
            overflow
        );
        let options = BinaryOptions {
            pos_weight: -1.0,
            ..Default::default()
        };
        assert_eq!(
            bce_with_logits_options(zeros.view(), zeros.view(), &options),
            Err(LossError::InvalidParameter {
                name: "pos_weight",
                value: -1.0
            })
        );
        let options = BinaryOptions {
            weight: Some(vec![1.0]),
            ..Default::default()
        };
        assert_eq!(
            bce_with_options(zeros.view(), zeros.view(), &options),
            Err(LossError::LengthMismatch {
                what: "sample weights",
                expected: 2,
                actual: 1
            })
        );
        assert_eq!(
            bce_with_logits_options(
                array![0.0, f64::NAN].view(),
                zeros.view(),
                &BinaryOptions::default()
            ),
            Err(LossError::NonFinite { index: 1 })
        );
    }
}
