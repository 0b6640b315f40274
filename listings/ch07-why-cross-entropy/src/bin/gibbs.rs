//! KL(p||q) ≥ 0: the inequality ln x ≤ x - 1 that the proof rests on, the proof's one step,
//! and the divergence itself, on random distributions.

use ch04_entropy::{Base, kl_divergence};
use ch07_why_cross_entropy::identity::random_distribution;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

const SEED: u64 = 7;
const PAIRS: usize = 10_000;

// ANCHOR: main
fn main() {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let gap = |x: f64| (x - 1.0) - libm::log(x);
    let smallest_gap = (0..PAIRS)
        .map(|_| gap(rng.random_range(1e-6..=5.0)))
        .fold(f64::INFINITY, f64::min);
    println!(
        "ln x ≤ x - 1: smallest (x - 1) - ln x over {PAIRS} random x in (0, 5]: {smallest_gap:.1e}"
    );
    println!("at x = 1 it is {}", gap(1.0));

    let (mut smallest_term, mut smallest_kl) = (f64::INFINITY, f64::INFINITY);
    let (mut zero, mut negative, mut zero_with_itself) = (0, 0, 0);
    for _ in 0..PAIRS {
        let k = rng.random_range(2..=6);
        let mut p = random_distribution(&mut rng, k);
        if rng.random_range(0..4) == 0 {
            // A quarter of the p give one outcome no probability at all.
            p[rng.random_range(0..k)] = 0.0;
            let sum: f64 = p.iter().sum();
            p.iter_mut().for_each(|x| *x /= sum);
        }
        let q = random_distribution(&mut rng, k);
        // The proof's step, term by term: p_i ln(q_i/p_i) ≤ p_i (q_i/p_i - 1) = q_i - p_i.
        for (&pi, &qi) in p.iter().zip(&q).filter(|(pi, _)| **pi > 0.0) {
            smallest_term = smallest_term.min((qi - pi) - pi * libm::log(qi / pi));
        }
        let kl = kl_divergence(&p, &q, Base::Nats).expect("distributions");
        smallest_kl = smallest_kl.min(kl);
        zero += usize::from(kl == 0.0);
        negative += usize::from(kl < 0.0);
        let kl_with_itself = kl_divergence(&p, &p, Base::Nats).expect("a distribution");
        zero_with_itself += usize::from(kl_with_itself == 0.0);
    }
    println!();
    println!("{PAIRS} random pairs p, q with K from 2 to 6 (a quarter of the p with a zero):");
    println!("smallest (q_i - p_i) - p_i ln(q_i/p_i) over the terms: {smallest_term:.1e}");
    println!("smallest KL(p||q): {smallest_kl:.1e} nats");
    println!("pairs with KL(p||q) = 0: {zero}, below 0: {negative}");
    println!("KL(p||p) = 0 for {zero_with_itself} of the {PAIRS} p");

    // One more p, and a q that moves towards it: KL falls like ε² and stays above 0.
    let k = 4;
    let p = random_distribution(&mut rng, k);
    println!();
    println!("q = (1 - ε) p + ε (uniform), for one random p with K = {k}");
    println!("      ε   KL(p||q)");
    for eps in [0.1, 0.01, 0.001, 0.0001] {
        let q: Vec<f64> = p
            .iter()
            .map(|&pi| (1.0 - eps) * pi + eps / k as f64)
            .collect();
        let kl = kl_divergence(&p, &q, Base::Nats).expect("distributions");
        println!("{eps:7}   {kl:.3e}");
    }
}
// ANCHOR_END: main
