//! The identities of the loss library, on random inputs: a seeded property suite.
//!
//! The reference set (`reference.rs`) checks the last bits on chosen inputs; these tests check
//! that what the chapters derive holds wherever proptest looks: the softmax sums to 1, the
//! log-softmax is the logarithm of the softmax, every gradient is the slope of its loss, the
//! two routes to binary cross-entropy agree, KL is never negative and no loss is. The seed is
//! fixed, so every run draws the same inputs.

use ch02_sigmoid::sigmoid::sigmoid_derivative;
use ch02_sigmoid::{log_sigmoid, sigmoid, softplus};
use ch03_softmax::{log_softmax_rows, logsumexp, softmax_rows};
use ch04_entropy::{Base, cross_entropy, entropy, kl_divergence};
use ch05_binary_cross_entropy::{bce, bce_with_logits, bce_with_logits_grad};
use ch06_categorical_cross_entropy::options::{
    CrossEntropyOptions, Reduced, Reduction, cross_entropy_soft_targets, cross_entropy_with_options,
};
use ch06_categorical_cross_entropy::{
    categorical_cross_entropy, cross_entropy_with_logits, cross_entropy_with_logits_grad,
};
use ndarray::{Array1, Array2};
use proptest::prelude::*;
use proptest::test_runner::{RngAlgorithm, RngSeed};

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(20_261_201),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A logit: mostly ordinary, sometimes large, sometimes a masked class (-inf).
fn logit() -> impl Strategy<Value = f64> {
    prop_oneof![
        6 => -20.0..20.0_f64,
        2 => -800.0..800.0_f64,
        1 => Just(f64::NEG_INFINITY),
    ]
}

/// A batch of 1 to 4 rows of 2 to 5 logits, each row with at least one class not masked.
fn logits() -> impl Strategy<Value = Array2<f64>> {
    (1..5_usize, 2..6_usize)
        .prop_flat_map(|(rows, classes)| {
            (
                proptest::collection::vec(logit(), rows * classes),
                Just((rows, classes)),
            )
        })
        .prop_map(|(mut values, (rows, classes))| {
            for r in 0..rows {
                if values[r * classes..(r + 1) * classes]
                    .iter()
                    .all(|z| z.is_infinite())
                {
                    values[r * classes] = 0.0;
                }
            }
            Array2::from_shape_vec((rows, classes), values).unwrap()
        })
}

/// A distribution of 2 to 6 outcomes whose entries add up to exactly 1: each is a multiple of
/// 2^-30, cut from the unit interval at random points.
fn distribution() -> impl Strategy<Value = Vec<f64>> {
    proptest::collection::vec(0..(1u32 << 30), 1..6).prop_map(|mut cuts| {
        cuts.push(0);
        cuts.push(1 << 30);
        cuts.sort_unstable();
        cuts.windows(2)
            .map(|w| f64::from(w[1] - w[0]) / f64::from(1u32 << 30))
            .collect()
    })
}

/// A target class of each row that is not masked.
fn open_targets(logits: &Array2<f64>, picks: &[usize]) -> Vec<usize> {
    logits
        .rows()
        .into_iter()
        .zip(picks)
        .map(|(row, &pick)| {
            let open: Vec<usize> = (0..row.len()).filter(|&j| row[j].is_finite()).collect();
            open[pick % open.len()]
        })
        .collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn softmax_rows_sum_to_one(z in logits()) {
        let p = softmax_rows(z.view()).unwrap();
        for row in p.rows() {
            prop_assert!((row.sum() - 1.0).abs() <= 4.0 * f64::EPSILON, "{row}");
            prop_assert!(row.iter().all(|p| (0.0..=1.0).contains(p)));
        }
    }

    #[test]
    fn log_softmax_is_the_log_of_the_softmax(z in logits()) {
        let p = softmax_rows(z.view()).unwrap();
        let lp = log_softmax_rows(z.view()).unwrap();
        for (&l, &q) in lp.iter().zip(&p) {
            if q >= f64::MIN_POSITIVE {
                let ln_q = libm::log(q);
                // ln of a probability with 2 ulps of error is off by 2 ulps of 1, absolutely.
                prop_assert!((l - ln_q).abs() <= 3.0 * f64::EPSILON * (1.0 + l.abs()), "{l} {ln_q}");
            } else {
                // Where the probability underflows, the log-probability is still finite (or
                // -inf for a masked class) and far below ln(MIN_POSITIVE).
                prop_assert!(l < -700.0);
            }
        }
    }

    #[test]
    fn the_gradient_of_cross_entropy_is_its_slope(
        values in proptest::collection::vec(-6.0..6.0_f64, 12),
        picks in proptest::collection::vec(0..4_usize, 3),
    ) {
        let z = Array2::from_shape_vec((3, 4), values).unwrap();
        let grad = cross_entropy_with_logits_grad(z.view(), &picks).unwrap();
        let h = 1e-5;
        for ((i, j), g) in grad.indexed_iter() {
            let (mut up, mut down) = (z.clone(), z.clone());
            up[[i, j]] += h;
            down[[i, j]] -= h;
            let fd = (cross_entropy_with_logits(up.view(), &picks).unwrap()
                - cross_entropy_with_logits(down.view(), &picks).unwrap())
                / (2.0 * h);
            prop_assert!((g - fd).abs() < 1e-8, "({i}, {j}): {g} vs {fd}");
        }
    }

    #[test]
    fn the_gradients_of_the_binary_losses_and_the_sigmoid_are_their_slopes(
        zs in proptest::collection::vec(-12.0..12.0_f64, 1..6),
        ys in proptest::collection::vec(0.0..=1.0_f64, 6),
    ) {
        let z = Array1::from(zs);
        let y = Array1::from(ys[..z.len()].to_vec());
        let grad = bce_with_logits_grad(z.view(), y.view()).unwrap();
        let h = 1e-5;
        for i in 0..z.len() {
            let (mut up, mut down) = (z.clone(), z.clone());
            up[i] += h;
            down[i] -= h;
            let fd = (bce_with_logits(up.view(), y.view()).unwrap()
                - bce_with_logits(down.view(), y.view()).unwrap())
                / (2.0 * h);
            prop_assert!((grad[i] - fd).abs() < 1e-8, "{i}: {} vs {fd}", grad[i]);
            let fd = (sigmoid(z[i] + h) - sigmoid(z[i] - h)) / (2.0 * h);
            prop_assert!((sigmoid_derivative(z[i]) - fd).abs() < 1e-9);
            // softplus' = sigmoid, and (ln sigmoid)' = sigmoid(-z).
            let fd = (softplus(z[i] + h) - softplus(z[i] - h)) / (2.0 * h);
            prop_assert!((sigmoid(z[i]) - fd).abs() < 1e-9);
            let fd = (log_sigmoid(z[i] + h) - log_sigmoid(z[i] - h)) / (2.0 * h);
            prop_assert!((sigmoid(-z[i]) - fd).abs() < 1e-9);
        }
    }

    #[test]
    fn the_slopes_of_logsumexp_are_the_softmax(
        values in proptest::collection::vec(-30.0..30.0_f64, 2..6),
    ) {
        let z = Array1::from(values);
        let p = softmax_rows(z.view().insert_axis(ndarray::Axis(0))).unwrap();
        let h = 1e-5;
        for j in 0..z.len() {
            let (mut up, mut down) = (z.clone(), z.clone());
            up[j] += h;
            down[j] -= h;
            let fd = (logsumexp(up.view()).unwrap() - logsumexp(down.view()).unwrap()) / (2.0 * h);
            prop_assert!((p[[0, j]] - fd).abs() < 1e-8);
        }
    }

    #[test]
    fn binary_cross_entropy_from_logits_and_from_probabilities_agree(
        z in -30.0..30.0_f64,
        y in 0.0..=1.0_f64,
    ) {
        // Rounding sigmoid(z) to an f64 moves ln(1 - p) by about e^z ulps (and ln p by e^-z):
        // that is all the difference there may be.
        let from_logit = bce_with_logits(Array1::from(vec![z]).view(), Array1::from(vec![y]).view()).unwrap();
        let from_prob = bce(Array1::from(vec![sigmoid(z)]).view(), Array1::from(vec![y]).view()).unwrap();
        let tolerance = 8.0 * f64::EPSILON * (1.0 + libm::exp(z.abs())) * from_logit.max(1.0);
        prop_assert!((from_logit - from_prob).abs() <= tolerance, "{from_logit} vs {from_prob}");
    }

    #[test]
    fn kl_is_never_negative_and_zero_only_for_the_same_distribution(
        p in distribution(),
        q in distribution(),
    ) {
        prop_assert_eq!(kl_divergence(&p, &p, Base::Nats).unwrap(), 0.0);
        if p.len() == q.len() {
            let kl = kl_divergence(&p, &q, Base::Bits).unwrap();
            prop_assert!(kl >= 0.0, "{kl}");
            if p != q {
                prop_assert!(kl > 0.0);
            }
        }
    }

    #[test]
    fn no_loss_is_negative(
        z in logits(),
        picks in proptest::collection::vec(0..5_usize, 4),
        p in distribution(),
        q in distribution(),
        smoothing in 0.0..=1.0_f64,
    ) {
        let targets = open_targets(&z, &picks);
        prop_assert!(cross_entropy_with_logits(z.view(), &targets).unwrap() >= 0.0);
        let options = CrossEntropyOptions {
            label_smoothing: smoothing,
            reduction: Reduction::None,
            ..CrossEntropyOptions::default()
        };
        if let Reduced::PerSample(losses) = cross_entropy_with_options(z.view(), &targets, &options).unwrap() {
            // inf where smoothing puts target probability on a masked class, never NaN.
            prop_assert!(losses.iter().all(|&l| l >= 0.0));
        }
        let soft = softmax_rows(z.view()).unwrap();
        prop_assert!(cross_entropy_soft_targets(z.view(), soft.view()).unwrap() >= 0.0);
        prop_assert!(categorical_cross_entropy(soft.view(), soft.view()).unwrap() >= 0.0);
        prop_assert!(entropy(&p, Base::Bans).unwrap() >= 0.0);
        if p.len() == q.len() {
            prop_assert!(cross_entropy(&p, &q, Base::Bits).unwrap() >= 0.0);
        }
        let zs = Array1::from(p.iter().map(|v| 40.0 * v - 20.0).collect::<Vec<_>>());
        let ys = Array1::from(p.clone());
        prop_assert!(bce_with_logits(zs.view(), ys.view()).unwrap() >= 0.0);
        prop_assert!(bce(ys.view(), ys.view()).unwrap() >= 0.0);
    }
}
