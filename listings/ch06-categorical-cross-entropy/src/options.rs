//! The options that PyTorch's `CrossEntropyLoss` puts around the plain loss: reductions, class
//! weights, ignored targets and label smoothing, and soft (probability) targets.

use ch03_softmax::{log_softmax_rows, sum_carefully};
use ndarray::{Array1, ArrayView2};

use crate::LossError;
use ch05_binary_cross_entropy::bce::sum_of_losses;

// ANCHOR: options
/// How the per-sample losses are combined.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reduction {
    /// Keep one loss per sample.
    None,
    /// Add them up.
    Sum,
    /// Average them; with class weights, a *weighted* average (see [`cross_entropy_with_options`]).
    Mean,
}

/// The settings of PyTorch's `CrossEntropyLoss`, with its defaults in [`Default`].
#[derive(Debug, Clone, PartialEq)]
pub struct CrossEntropyOptions {
    /// One weight per class (`weight=`); `None` weighs every class 1.
    pub weight: Option<Vec<f64>>,
    /// A target value whose samples count for nothing (`ignore_index=`).
    pub ignore_index: Option<usize>,
    /// `ε` in [0, 1] (`label_smoothing=`): the target becomes `(1 - ε) onehot + ε / K`, for K
    /// classes.
    pub label_smoothing: f64,
    /// `reduction=`.
    pub reduction: Reduction,
}

impl Default for CrossEntropyOptions {
    fn default() -> Self {
        CrossEntropyOptions {
            weight: None,
            ignore_index: None,
            label_smoothing: 0.0,
            reduction: Reduction::Mean,
        }
    }
}

/// The result: one loss per sample, or one number.
#[derive(Debug, Clone, PartialEq)]
pub enum Reduced {
    PerSample(Array1<f64>),
    Total(f64),
}
// ANCHOR_END: options

// ANCHOR: with_options
/// Cross-entropy from logits and class indices with PyTorch's options.
///
/// With `w` the class weights, `ε` the smoothing and `C` the number of classes, sample `n`
/// with target `t` costs
/// `l_n = (1 - ε) w_t (-ln p_nt) + (ε / K) Σ_c w_c (-ln p_nc)`, and 0 if `t` is ignored.
/// `Sum` adds the `l_n`; `Mean` divides that sum by `Σ w_t` over the samples not ignored
/// (which is N when there are no weights and nothing is ignored).
pub fn cross_entropy_with_options(
    logits: ArrayView2<f64>,
    targets: &[usize],
    options: &CrossEntropyOptions,
) -> Result<Reduced, LossError> {
    let weight = check_options(logits, targets, options)?;
    let eps = options.label_smoothing;
    let log_probs = log_softmax_rows(logits)?;

    let share = eps / weight.len() as f64;
    let mut per_sample = Array1::zeros(targets.len());
    let mut denominator = 0.0;
    for (n, &t) in targets.iter().enumerate() {
        if options.ignore_index == Some(t) {
            continue;
        }
        let row = log_probs.row(n);
        let smooth = sum_carefully(row.iter().zip(&weight).map(|(&lp, w)| cost(share * w, lp)));
        per_sample[n] = cost((1.0 - eps) * weight[t], row[t]) + smooth;
        denominator += weight[t];
    }
    reduce(per_sample, options.reduction, denominator)
}

/// The cost `c · (-ln p)` of a log-probability counted `c` times. A zero count means "not
/// counted" (smoothing off, a class weight of 0, no target probability), even when `ln p` is
/// `-inf` for a masked class, where the product would be NaN.
pub(crate) fn cost(c: f64, log_prob: f64) -> f64 {
    if c == 0.0 { 0.0 } else { c * -log_prob }
}
// ANCHOR_END: with_options

// ANCHOR: reduce
/// Combines per-sample losses as `reduction` says; `Mean` divides their sum by `denominator`.
pub fn reduce(
    per_sample: Array1<f64>,
    reduction: Reduction,
    denominator: f64,
) -> Result<Reduced, LossError> {
    Ok(match reduction {
        Reduction::None => Reduced::PerSample(per_sample),
        Reduction::Sum => Reduced::Total(sum_of_losses(per_sample.view())?),
        Reduction::Mean if denominator == 0.0 => return Err(LossError::ZeroTotalWeight),
        Reduction::Mean => Reduced::Total(sum_of_losses(per_sample.view())? / denominator),
    })
}
// ANCHOR_END: reduce

/// Checks the inputs of [`cross_entropy_with_options`] and returns the class weights (all 1
/// when none are given). Every error names what is wrong and where; the logits themselves
/// are checked by the softmax.
fn check_options(
    logits: ArrayView2<f64>,
    targets: &[usize],
    options: &CrossEntropyOptions,
) -> Result<Vec<f64>, LossError> {
    let (rows, classes) = logits.dim();
    if rows == 0 {
        return Err(LossError::EmptyBatch);
    }
    if targets.len() != rows {
        return Err(LossError::LengthMismatch {
            what: "targets",
            expected: rows,
            actual: targets.len(),
        });
    }
    let weight = check_class_options(classes, options)?;
    let ignored = |t: usize| options.ignore_index == Some(t);
    if let Some((index, &class)) = targets
        .iter()
        .enumerate()
        .find(|(_, t)| !ignored(**t) && **t >= classes)
    {
        return Err(LossError::ClassOutOfRange {
            index,
            class,
            classes,
        });
    }
    Ok(weight)
}

/// Checks the label smoothing and the class weights, and returns the weights (all 1 when none
/// are given).
fn check_class_options(
    classes: usize,
    options: &CrossEntropyOptions,
) -> Result<Vec<f64>, LossError> {
    let eps = options.label_smoothing;
    if !(0.0..=1.0).contains(&eps) {
        return Err(LossError::InvalidParameter {
            name: "label smoothing",
            value: eps,
        });
    }
    let weight = match &options.weight {
        Some(w) if w.len() != classes => {
            return Err(LossError::LengthMismatch {
                what: "class weights",
                expected: classes,
                actual: w.len(),
            });
        }
        Some(w) => w.clone(),
        None => vec![1.0; classes],
    };
    if let Some(&bad) = weight.iter().find(|w| !(w.is_finite() && **w >= 0.0)) {
        return Err(LossError::InvalidParameter {
            name: "class weight",
            value: bad,
        });
    }
    Ok(weight)
}

// ANCHOR: soft
/// Cross-entropy from logits and soft targets (one probability row per sample), averaged
/// over the N samples: `-(1/N) Σ_n Σ_c y_nc ln softmax(z_n)_c`. PyTorch accepts such targets
/// in `CrossEntropyLoss` too; a one-hot row gives the same loss as its class index.
pub fn cross_entropy_soft_targets(
    logits: ArrayView2<f64>,
    targets: ArrayView2<f64>,
) -> Result<f64, LossError> {
    match cross_entropy_soft_targets_with_options(logits, targets, &CrossEntropyOptions::default())?
    {
        Reduced::Total(loss) => Ok(loss),
        Reduced::PerSample(_) => unreachable!("the default reduction is the mean"),
    }
}

/// Soft targets with PyTorch's options: class weights, label smoothing and the reduction.
///
/// Sample `n` costs `l_n = -Σ_c w_c y'_nc ln p_nc` with the smoothed target
/// `y' = (1 - ε) y + ε / K`. Unlike class indices, `Mean` divides by N, not by a sum of
/// weights, as PyTorch does; `ignore_index` has no meaning here and is refused. A masked
/// class costs nothing unless the target gives it probability.
pub fn cross_entropy_soft_targets_with_options(
    logits: ArrayView2<f64>,
    targets: ArrayView2<f64>,
    options: &CrossEntropyOptions,
) -> Result<Reduced, LossError> {
    let weight = check_soft_targets(logits, targets, options)?;
    let eps = options.label_smoothing;
    let classes = weight.len() as f64;
    let log_probs = log_softmax_rows(logits)?;
    let per_sample: Array1<f64> = log_probs
        .rows()
        .into_iter()
        .zip(targets.rows())
        .map(|(lp, y)| {
            sum_carefully(
                lp.iter()
                    .zip(y)
                    .zip(&weight)
                    .map(|((&lp, y), w)| cost(w * ((1.0 - eps) * y + eps / classes), lp)),
            )
        })
        .collect();
    reduce(per_sample, options.reduction, logits.nrows() as f64)
}
// ANCHOR_END: soft

/// Checks soft targets against their logits and returns the class weights.
fn check_soft_targets(
    logits: ArrayView2<f64>,
    targets: ArrayView2<f64>,
    options: &CrossEntropyOptions,
) -> Result<Vec<f64>, LossError> {
    let (rows, classes) = logits.dim();
    if rows == 0 {
        return Err(LossError::EmptyBatch);
    }
    if targets.dim() != (rows, classes) {
        return Err(LossError::LengthMismatch {
            what: "target probabilities",
            expected: rows * classes,
            actual: targets.len(),
        });
    }
    if let Some(((r, c), &value)) = targets
        .indexed_iter()
        .find(|(_, y)| !(0.0..=1.0).contains(*y))
    {
        return Err(LossError::TargetOutOfRange {
            index: r * classes + c,
            value,
        });
    }
    if let Some(index) = options.ignore_index {
        return Err(LossError::InvalidParameter {
            name: "ignore_index (it applies to class indices, not to probability targets)",
            value: index as f64,
        });
    }
    check_class_options(classes, options)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cross_entropy::{
        cross_entropy_terms_with_logits, cross_entropy_with_logits, one_hot,
    };
    use approx::assert_relative_eq;
    use ndarray::array;

    fn total(r: Reduced) -> f64 {
        match r {
            Reduced::Total(v) => v,
            Reduced::PerSample(_) => panic!("expected a total"),
        }
    }

    #[test]
    fn the_defaults_are_the_plain_mean() {
        let logits = array![[2.0, 1.0, -1.0], [0.5, -0.5, 3.0], [0.0, 0.0, 0.0]];
        let targets = [0, 2, 1];
        let plain = cross_entropy_with_logits(logits.view(), &targets).unwrap();
        let with = total(
            cross_entropy_with_options(logits.view(), &targets, &CrossEntropyOptions::default())
                .unwrap(),
        );
        assert_relative_eq!(plain, with, max_relative = 1e-15);
    }

    #[test]
    fn weights_divide_by_the_weights_of_the_targets() {
        let logits = array![[2.0, 1.0, -1.0], [0.5, -0.5, 3.0]];
        let targets = [0, 2];
        let terms = cross_entropy_terms_with_logits(logits.view(), &targets).unwrap();
        let options = CrossEntropyOptions {
            weight: Some(vec![1.0, 1.0, 3.0]),
            ..Default::default()
        };
        let mean = total(cross_entropy_with_options(logits.view(), &targets, &options).unwrap());
        assert_relative_eq!(
            mean,
            (terms[0] + 3.0 * terms[1]) / 4.0,
            max_relative = 1e-15
        );
    }

    #[test]
    fn smoothing_is_a_soft_target() {
        let logits = array![[2.0, 1.0, -1.0], [0.5, -0.5, 3.0]];
        let targets = [0, 2];
        let options = CrossEntropyOptions {
            label_smoothing: 0.1,
            ..Default::default()
        };
        let smoothed =
            total(cross_entropy_with_options(logits.view(), &targets, &options).unwrap());
        let soft = one_hot(&targets, 3).unwrap().mapv(|y| 0.9 * y + 0.1 / 3.0);
        assert_relative_eq!(
            smoothed,
            cross_entropy_soft_targets(logits.view(), soft.view()).unwrap(),
            max_relative = 1e-14
        );
    }

    #[test]
    fn ignored_samples_count_for_nothing() {
        let logits = array![[2.0, 1.0, -1.0], [0.5, -0.5, 3.0]];
        let options = CrossEntropyOptions {
            ignore_index: Some(7),
            ..Default::default()
        };
        let mean = total(cross_entropy_with_options(logits.view(), &[0, 7], &options).unwrap());
        let first = cross_entropy_with_logits(logits.slice(ndarray::s![0..1, ..]), &[0]).unwrap();
        assert_relative_eq!(mean, first, max_relative = 1e-15);
        assert_eq!(
            cross_entropy_with_options(logits.view(), &[7, 7], &options),
            Err(LossError::ZeroTotalWeight)
        );
    }

    #[test]
    fn a_masked_class_costs_nothing_unless_a_target_wants_it() {
        let inf = f64::INFINITY;
        let logits = array![[2.0, 1.0, -inf], [0.5, -0.5, 3.0]];
        let plain = total(
            cross_entropy_with_options(logits.view(), &[0, 2], &CrossEntropyOptions::default())
                .unwrap(),
        );
        assert!(plain.is_finite());
        // Smoothing puts target probability on every class, the masked one too: inf, not NaN.
        let smoothed = CrossEntropyOptions {
            label_smoothing: 0.1,
            ..Default::default()
        };
        assert_eq!(
            total(cross_entropy_with_options(logits.view(), &[0, 2], &smoothed).unwrap()),
            inf
        );
        // A weight of 0 on the masked class switches it off again.
        let weighted = CrossEntropyOptions {
            weight: Some(vec![1.0, 1.0, 0.0]),
            ..smoothed
        };
        assert!(
            total(cross_entropy_with_options(logits.view(), &[0, 2], &weighted).unwrap())
                .is_finite()
        );
        // A masked target costs inf, its true value.
        assert_eq!(
            total(
                cross_entropy_with_options(logits.view(), &[2, 2], &CrossEntropyOptions::default())
                    .unwrap()
            ),
            inf
        );
    }

    #[test]
    fn soft_targets_take_weights_and_divide_by_n() {
        let logits = array![[2.0, 1.0, -1.0], [0.5, -0.5, 3.0]];
        let soft = array![[0.8, 0.2, 0.0], [0.0, 0.5, 0.5]];
        let lp = ch03_softmax::log_softmax_rows(logits.view()).unwrap();
        let w = [3.0, 1.0, 2.0];
        let options = CrossEntropyOptions {
            weight: Some(w.to_vec()),
            ..Default::default()
        };
        let expected = -(w[0] * 0.8 * lp[[0, 0]]
            + w[1] * 0.2 * lp[[0, 1]]
            + w[1] * 0.5 * lp[[1, 1]]
            + w[2] * 0.5 * lp[[1, 2]])
            / 2.0;
        let got = cross_entropy_soft_targets_with_options(logits.view(), soft.view(), &options);
        assert_relative_eq!(total(got.unwrap()), expected, max_relative = 1e-14);
        let ignoring = CrossEntropyOptions {
            ignore_index: Some(1),
            ..Default::default()
        };
        assert!(matches!(
            cross_entropy_soft_targets_with_options(logits.view(), soft.view(), &ignoring),
            Err(LossError::InvalidParameter { .. })
        ));
    }

    #[test]
    fn bad_options_are_errors() {
        let logits = array![[2.0, 1.0, -1.0]];
        let options = CrossEntropyOptions {
            weight: Some(vec![1.0, 2.0]),
            ..Default::default()
        };
        assert_eq!(
            cross_entropy_with_options(logits.view(), &[0], &options),
            Err(LossError::LengthMismatch {
                what: "class weights",
                expected: 3,
                actual: 2
            })
        );
        let options = CrossEntropyOptions {
            label_smoothing: 1.5,
            ..Default::default()
        };
        assert_eq!(
            cross_entropy_with_options(logits.view(), &[0], &options),
            Err(LossError::InvalidParameter {
                name: "label smoothing",
                value: 1.5
            })
        );
        assert_eq!(
            cross_entropy_with_options(logits.view(), &[3], &CrossEntropyOptions::default()),
            Err(LossError::ClassOutOfRange {
                index: 0,
                class: 3,
                classes: 3
            })
        );
    }
}
