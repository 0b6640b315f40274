//! Compares the fast path with the plain loops, output by output, on every kernel this CPU
//! can run, and prints how many outputs differ in any bit.

use appendix_b_speed::agreement::{
    binary_losses, categorical_losses, element_wise, exp_and_log1p, one_pass, products,
};

// ANCHOR: main
fn main() {
    let products = products(500, 7);
    println!(
        "matrix products: {} cases, {} outputs, {} differ in any bit",
        products.cases, products.outputs, products.differing
    );
    let (exp, log1p) = exp_and_log1p(200_000, 8);
    for (name, a) in [("exp", exp), ("log1p", log1p)] {
        println!(
            "{name}: {} arguments, {} differ from libm in any bit",
            a.outputs, a.differing
        );
    }
    let passes = element_wise(300, 10);
    println!(
        "bias, ReLU and the way back through it: {} cases, {} outputs, {} differ in any bit",
        passes.cases, passes.outputs, passes.differing
    );
    let passes = one_pass(100, 12);
    println!(
        "one pass each way, churn network: {} cases, {} outputs, {} differ in any bit",
        passes.cases, passes.outputs, passes.differing
    );
    let losses = binary_losses(200, 9);
    println!(
        "binary cross-entropy and its gradient: {} batches, {} outputs, {} differ in any bit",
        losses.cases, losses.outputs, losses.differing
    );
    let losses = categorical_losses(200, 11);
    println!(
        "categorical cross-entropy and its gradient: {} batches, {} outputs, {} differ in any bit",
        losses.cases, losses.outputs, losses.differing
    );
}
// ANCHOR_END: main
