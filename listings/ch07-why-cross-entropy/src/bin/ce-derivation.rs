//! Each line of the derivation of ∂CE/∂z = softmax(z) - onehot(y), checked at random points,
//! along both routes: through the softmax Jacobian, and through the log-sum-exp.

use ch03_softmax::logsumexp;
use ch06_categorical_cross_entropy::{
    cross_entropy_with_logits, cross_entropy_with_logits_grad, one_hot,
};
use ch07_why_cross_entropy::identity::{
    gradient_by_differences, jacobian_by_differences, side_by_side, uniform_vector,
    worst_disagreement,
};
use ch07_why_cross_entropy::jacobian::{softmax, softmax_jacobian};
use ndarray::{Array1, Array2, Axis};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

const SEED: u64 = 7;
const POINTS: usize = 2_000;

/// A point: 2 to 6 logits in [-5, 5], and a class y.
type Point = (Array1<f64>, usize);

fn point(rng: &mut ChaCha8Rng) -> Point {
    let k = rng.random_range(2..=6);
    (uniform_vector(rng, k, 5.0), rng.random_range(0..k))
}

// ANCHOR: lines
/// A line of the derivation: at a point, the pairs of numbers that must agree.
type Line = fn(&Point) -> Vec<(f64, f64)>;

fn p(z: &Array1<f64>) -> Array1<f64> {
    softmax(z).expect("finite logits")
}

fn lse(z: &Array1<f64>) -> f64 {
    logsumexp(z.view()).expect("finite logits")
}

/// `onehot(y)` with `k` entries: `[k = y]` for every k.
fn onehot(k: usize, y: usize) -> Array1<f64> {
    one_hot(&[y], k).expect("y < k").row(0).to_owned()
}

/// (1) the Jacobian, against finite differences of the softmax.
fn line_1((z, _): &Point) -> Vec<(f64, f64)> {
    side_by_side(&softmax_jacobian(&p(z)), &jacobian_by_differences(p, z))
}

/// (2) the quotient rule's fraction is p_i([i = j] - p_j).
fn line_2((z, _): &Point) -> Vec<(f64, f64)> {
    let (e, k) = (z.mapv(libm::exp), z.len());
    let s = e.sum();
    let bracket = |i: usize, j: usize| if i == j { 1.0 } else { 0.0 };
    let quotient = Array2::from_shape_fn((k, k), |(i, j)| {
        (bracket(i, j) * e[i] * s - e[i] * e[j]) / (s * s)
    });
    side_by_side(&quotient, &softmax_jacobian(&p(z)))
}

/// (3) each row of the Jacobian sums to zero.
fn line_3((z, _): &Point) -> Vec<(f64, f64)> {
    let row_sums = softmax_jacobian(&p(z)).sum_axis(Axis(1));
    side_by_side(&row_sums, &Array1::zeros(z.len()))
}

/// (4) the chain rule: row y of the Jacobian over -p_y, against finite differences of -ln p_y.
fn line_4((z, y): &Point) -> Vec<(f64, f64)> {
    let probs = p(z);
    let chain = softmax_jacobian(&probs).row(*y).mapv(|d| -d / probs[*y]);
    let nll = |z: &Array1<f64>| -libm::log(p(z)[*y]);
    side_by_side(&chain, &gradient_by_differences(nll, z))
}

/// (5) the chain rule's product simplifies to p - onehot(y).
fn line_5((z, y): &Point) -> Vec<(f64, f64)> {
    let (probs, target) = (p(z), onehot(z.len(), *y));
    let chain = (&target - &probs) * (-(1.0 / probs[*y]) * probs[*y]);
    side_by_side(&chain, &(&probs - &target))
}

/// (6) the negative log-probability is the log-sum-exp minus the target's logit.
fn line_6((z, y): &Point) -> Vec<(f64, f64)> {
    vec![(-libm::log(p(z)[*y]), lse(z) - z[*y])]
}

/// (7) the slopes of the log-sum-exp are the softmax, against finite differences.
fn line_7((z, _): &Point) -> Vec<(f64, f64)> {
    side_by_side(&p(z), &gradient_by_differences(lse, z))
}

/// (8) Chapter 6's gradient of the mean over a batch, against finite differences of its loss
/// in all the logits of the batch at once.
fn line_8((logits, targets): &(Array2<f64>, Vec<usize>)) -> Vec<(f64, f64)> {
    let grad = cross_entropy_with_logits_grad(logits.view(), targets).expect("a valid batch");
    let mean_loss = |flat: &Array1<f64>| {
        let z = flat.to_shape(logits.dim()).expect("one logit per entry");
        cross_entropy_with_logits(z.view(), targets).expect("a valid batch")
    };
    let flat = Array1::from_iter(logits.iter().copied());
    let grad = Array1::from_iter(grad.iter().copied());
    side_by_side(&grad, &gradient_by_differences(mean_loss, &flat))
}
// ANCHOR_END: lines

/// A batch: 1 to 4 rows of 2 to 6 logits in [-5, 5], and a class per row.
fn batch(rng: &mut ChaCha8Rng) -> (Array2<f64>, Vec<usize>) {
    let (rows, k) = (rng.random_range(1..=4), rng.random_range(2..=6));
    let logits = Array2::from_shape_fn((rows, k), |_| rng.random_range(-5.0..=5.0));
    let targets = (0..rows).map(|_| rng.random_range(0..k)).collect();
    (logits, targets)
}

// ANCHOR: main
fn main() {
    let lines: [(&str, Line); 7] = [
        ("∂p_i/∂z_j = p_i([i = j] - p_j), by differences", line_1),
        (
            "([i = j] e^z_i S - e^z_i e^z_j) / S² = p_i([i = j] - p_j)",
            line_2,
        ),
        ("Σ_j ∂p_i/∂z_j = 0", line_3),
        (
            "∂(-ln p_y)/∂z_k = -(1/p_y) ∂p_y/∂z_k, by differences",
            line_4,
        ),
        ("-(1/p_y) p_y([y = k] - p_k) = p_k - [k = y]", line_5),
        ("-ln p_y = logsumexp(z) - z_y", line_6),
        ("∂logsumexp/∂z_k = p_k, by differences", line_7),
    ];
    println!("categorical cross-entropy of one sample: ℓ = -ln p_y, p = softmax(z)");
    println!("{POINTS} random points: K from 2 to 6, logits in [-5, 5], y a random class");
    println!("line  worst    identity");
    for (i, (identity, sides)) in lines.iter().enumerate() {
        let worst = worst_disagreement(SEED, POINTS, point, sides);
        println!("({})   {:<8} {identity}", i + 1, format!("{worst:.1e}"));
    }
    let worst = worst_disagreement(SEED, POINTS, batch, line_8);
    let identity = "∂CE/∂z_i = (softmax(z_i) - onehot(y_i))/N, by differences, on batches";
    println!("(8)   {:<8} {identity}", format!("{worst:.1e}"));
}
// ANCHOR_END: main
