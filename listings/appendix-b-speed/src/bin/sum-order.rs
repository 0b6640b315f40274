//! Prints how the order of additions, and one rounding fewer, change a result's bits.

use appendix_b_speed::order::{how_often, three_ways, twice_and_once};

// ANCHOR: main
fn main() {
    let (left, right) = three_ways();
    println!("(0.1 + 0.2) + 0.3 = {left:.17}");
    println!("0.1 + (0.2 + 0.3) = {right:.17}");
    let x = 1.0 + 2f64.powi(-30);
    let (twice, once) = twice_and_once(x, x, -1.0);
    println!("x = 1 + 2^-30: x * x - 1 rounded twice {twice:e}, once (FMA) {once:e}");
    let (trials, m) = (10_000, 16);
    let (lanes, fused) = how_often(trials, m, 2024);
    println!("random dot products of length {m}, {trials} trials:");
    println!("  added in 8 lanes instead of in order: {lanes} differ in their bits");
    println!("  a * b + c rounded once instead of twice: {fused} differ in their bits");
}
// ANCHOR_END: main
