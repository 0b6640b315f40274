//! Each line of the derivation of ∂BCE/∂z = σ(z) - y, checked at random points.

use ch02_sigmoid::sigmoid;
use ch05_binary_cross_entropy::bce::bce_term;
use ch05_binary_cross_entropy::{bce_with_logits, bce_with_logits_grad};
use ch07_why_cross_entropy::identity::{
    gradient_by_differences, side_by_side, slope, uniform_vector, worst_disagreement,
};
use ndarray::{Array1, aview1};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

const SEED: u64 = 7;
const POINTS: usize = 10_000;

/// A point: a logit z in [-20, 20] and a target y in [0, 1]. (0 and 1 are the labels of the
/// Bernoulli model; the algebra never uses that, so soft targets are checked too.)
type Point = (f64, f64);

fn point(rng: &mut ChaCha8Rng) -> Point {
    (rng.random_range(-20.0..=20.0), rng.random_range(0.0..=1.0))
}

// ANCHOR: lines
/// A line of the derivation: at a point, the pairs of numbers that must agree.
type Line = fn(&Point) -> Vec<(f64, f64)>;

/// The slope of the logarithms, `-y/p + (1 - y)/(1 - p)`.
fn dl_dp(p: f64, y: f64) -> f64 {
    -y / p + (1.0 - y) / (1.0 - p)
}

/// The sigmoid's slope as the chain rule first gives it, `e^-z / (1 + e^-z)²`.
fn exp_form(z: f64) -> f64 {
    libm::exp(-z) / ((1.0 + libm::exp(-z)) * (1.0 + libm::exp(-z)))
}

/// (1) against a finite difference in p, where p = σ(z) is in [0.05, 0.95]: nearer 0 or 1 the
/// logarithms curve too fast for the difference to be accurate.
fn line_1(&(z, y): &Point) -> Vec<(f64, f64)> {
    let p = sigmoid(z);
    if !(0.05..=0.95).contains(&p) {
        return vec![];
    }
    vec![(dl_dp(p, y), slope(|p| bce_term(p, y), p))]
}

/// (2) against a finite difference of the sigmoid.
fn line_2(&(z, _): &Point) -> Vec<(f64, f64)> {
    vec![(exp_form(z), slope(sigmoid, z))]
}

/// (3) the exponential form is σ(1 - σ).
fn line_3(&(z, _): &Point) -> Vec<(f64, f64)> {
    vec![(exp_form(z), sigmoid(z) * (1.0 - sigmoid(z)))]
}

/// (4) the product of the two slopes simplifies to p - y.
fn line_4(&(z, y): &Point) -> Vec<(f64, f64)> {
    let p = sigmoid(z);
    vec![(dl_dp(p, y) * p * (1.0 - p), p - y)]
}

/// (5) σ(z) - y, against a finite difference of Chapter 5's loss from logits.
fn line_5(&(z, y): &Point) -> Vec<(f64, f64)> {
    let loss = |z: f64| bce_with_logits(aview1(&[z]), aview1(&[y])).expect("a finite logit");
    vec![(sigmoid(z) - y, slope(loss, z))]
}

/// (6) Chapter 5's gradient of the mean over a batch, against finite differences.
fn line_6((logits, targets): &(Array1<f64>, Array1<f64>)) -> Vec<(f64, f64)> {
    let grad = bce_with_logits_grad(logits.view(), targets.view()).expect("a valid batch");
    let mean_loss = |z: &Array1<f64>| bce_with_logits(z.view(), targets.view()).expect("valid");
    side_by_side(&grad, &gradient_by_differences(mean_loss, logits))
}
// ANCHOR_END: lines

/// A batch of 1 to 8 logits in [-8, 8] with targets in [0, 1].
fn batch(rng: &mut ChaCha8Rng) -> (Array1<f64>, Array1<f64>) {
    let n = rng.random_range(1..=8);
    let logits = uniform_vector(rng, n, 8.0);
    let targets = Array1::from_shape_fn(n, |_| rng.random_range(0.0..=1.0));
    (logits, targets)
}

// ANCHOR: main
fn main() {
    let lines: [(&str, Line); 5] = [
        (
            "dℓ/dp = -y/p + (1 - y)/(1 - p), by differences in p",
            line_1,
        ),
        ("dσ/dz = e^-z / (1 + e^-z)², by differences", line_2),
        ("e^-z / (1 + e^-z)² = σ(z)(1 - σ(z))", line_3),
        (
            "(-y/p + (1 - y)/(1 - p)) p(1 - p) = p - y, at p = σ(z)",
            line_4,
        ),
        ("dℓ/dz = σ(z) - y, by differences", line_5),
    ];
    println!("binary cross-entropy of one sample: ℓ = -(y ln p + (1 - y) ln(1 - p)), p = σ(z)");
    println!("{POINTS} random points: z in [-20, 20], y in [0, 1]");
    println!("line  worst    identity");
    for (i, (identity, sides)) in lines.iter().enumerate() {
        let worst = worst_disagreement(SEED, POINTS, point, sides);
        println!("({})   {:<8} {identity}", i + 1, format!("{worst:.1e}"));
    }
    let worst = worst_disagreement(SEED, POINTS, batch, line_6);
    let identity = "∂BCE/∂z_i = (σ(z_i) - y_i)/N, by differences, on batches of 1 to 8";
    println!("(6)   {:<8} {identity}", format!("{worst:.1e}"));
}
// ANCHOR_END: main
