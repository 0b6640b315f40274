//! Convexity, checked: the logistic loss in its logit, categorical cross-entropy in its logits,
//! and logistic regression in its weights.

use ch02_sigmoid::sigmoid::sigmoid_derivative;
use ch05_binary_cross_entropy::bce_with_logits;
use ch07_why_cross_entropy::identity::{
    along, disagreement, jacobian_by_differences, second_slope, side_by_side, uniform_vector,
    worst_disagreement,
};
use ch07_why_cross_entropy::jacobian::{curvature, softmax, softmax_jacobian, times};
use ch07_why_cross_entropy::logistic::{self, hessian, small_data};
use ndarray::{Array1, aview1};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

const SEED: u64 = 7;
const POINTS: usize = 2_000;
const SAMPLES: usize = 20;

// ANCHOR: logit
fn logit() {
    let loss = |z: f64, y: f64| bce_with_logits(aview1(&[z]), aview1(&[y])).expect("finite");
    let worst = worst_disagreement(
        SEED,
        POINTS,
        |rng| (rng.random_range(-10.0..=10.0), rng.random_range(0.0..=1.0)),
        |&(z, y)| vec![(sigmoid_derivative(z), second_slope(|z| loss(z, y), z))],
    );
    println!("binary cross-entropy in its logit, {POINTS} random points");
    println!("(1)  {worst:.1e}  ℓ''(z) = σ(z)(1 - σ(z)), by a second difference");
}
// ANCHOR_END: logit

// ANCHOR: logits
fn logits() {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let (mut worst_hv, mut worst_variance) = (0.0_f64, 0.0_f64);
    let (mut smallest, mut along_ones) = (f64::INFINITY, 0.0_f64);
    for _ in 0..POINTS {
        // K logits in [-5, 5], a class y, and a direction v in [-1, 1]^K.
        let k = rng.random_range(2..=6);
        let (z, y) = (uniform_vector(&mut rng, k, 5.0), rng.random_range(0..k));
        let v = uniform_vector(&mut rng, k, 1.0);
        let p = softmax(&z).expect("finite logits");
        let h = softmax_jacobian(&p);

        // (2) H v is the rate of change of the gradient p - onehot(y) along v.
        let gradient = |z: &Array1<f64>| {
            let mut g = softmax(z).expect("finite logits");
            g[y] -= 1.0;
            g
        };
        for (a, b) in side_by_side(&times(&h, &v), &along(gradient, &z, &v)) {
            worst_hv = worst_hv.max(disagreement(a, b));
        }
        // (3) vᵀ H v is the variance of the v_k when k is drawn with probabilities p_k.
        let mean: f64 = p.iter().zip(&v).map(|(p, v)| p * v).sum();
        let mean_square: f64 = p.iter().zip(&v).map(|(p, v)| p * v * v).sum();
        let variance = mean_square - mean * mean;
        worst_variance = worst_variance.max(disagreement(curvature(&h, &v), variance));

        smallest = smallest.min(curvature(&h, &v));
        let h_ones = times(&h, &Array1::ones(k));
        along_ones = h_ones.iter().fold(along_ones, |m, x| m.max(x.abs()));
    }
    println!("categorical cross-entropy in its logits, {POINTS} random points and directions");
    println!("(2)  {worst_hv:.1e}  H v with H = diag(p) - p pᵀ, by differences of the gradient");
    println!("(3)  {worst_variance:.1e}  vᵀ H v = Σ p_k v_k² - (Σ p_k v_k)², a variance");
    println!("smallest vᵀ H v: {smallest:.1e}");
    println!("largest entry of H 1 (the all-ones direction): {along_ones:.1e}");
}
// ANCHOR_END: logits

// ANCHOR: weights
fn weights() {
    let data = small_data(SAMPLES, SEED);
    let loss = |w: &Array1<f64>| logistic::loss(&data, w).expect("valid data");
    let gradient = |w: &Array1<f64>| logistic::gradient(&data, w).expect("valid data");
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let (mut worst_h, mut worst_sum) = (0.0_f64, 0.0_f64);
    let (mut smallest, mut chord_gap) = (f64::INFINITY, f64::NEG_INFINITY);
    for _ in 0..POINTS {
        // Two weights a and b in [-3, 3]³, a direction v in [-1, 1]³, a fraction t.
        let (a, b) = (
            uniform_vector(&mut rng, 3, 3.0),
            uniform_vector(&mut rng, 3, 3.0),
        );
        let v = uniform_vector(&mut rng, 3, 1.0);
        let t: f64 = rng.random_range(0.0..=1.0);

        // (4) the Hessian is the Jacobian of the gradient.
        let h = hessian(&data, &a);
        for (x, y) in side_by_side(&h, &jacobian_by_differences(gradient, &a)) {
            worst_h = worst_h.max(disagreement(x, y));
        }
        // (5) vᵀ H v is a mean of squares weighted by σ(1 - σ): (1/N) Σ_i σ'(z_i) (x_i · v)².
        let squares: f64 = data
            .inputs
            .rows()
            .into_iter()
            .zip(&logistic::logits(&data, &a))
            .map(|(x, z)| {
                let along_v = x.dot(&v);
                sigmoid_derivative(*z) * along_v * along_v
            })
            .sum();
        let n = data.inputs.nrows() as f64;
        worst_sum = worst_sum.max(disagreement(curvature(&h, &v), squares / n));
        smallest = smallest.min(curvature(&h, &v));
        // The definition of convexity: between a and b, the loss stays below the chord.
        let between = loss(&(&a * t + &b * (1.0 - t)));
        chord_gap = chord_gap.max(between - (t * loss(&a) + (1.0 - t) * loss(&b)));
    }
    println!("logistic regression in its weights: {SAMPLES} samples, 2 features and a bias");
    println!("(4)  {worst_h:.1e}  H = Xᵀ diag(σ(1 - σ)) X / N, by differences of the gradient");
    println!("(5)  {worst_sum:.1e}  vᵀ H v = (1/N) Σ_i σ(z_i)(1 - σ(z_i)) (x_i · v)²");
    println!("smallest vᵀ H v over {POINTS} random weights and directions: {smallest:.1e}");
    println!("largest L(t a + (1 - t) b) - (t L(a) + (1 - t) L(b)): {chord_gap:.1e}");
}
// ANCHOR_END: weights

fn main() {
    logit();
    println!();
    logits();
    println!();
    weights();
}
