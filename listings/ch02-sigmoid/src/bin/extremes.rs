//! Naive and stable sigmoid and log-sigmoid side by side, far out in the tails and near zero.

use ch02_sigmoid::sigmoid::{naive_log_sigmoid, naive_sigmoid};
use ch02_sigmoid::{log_sigmoid, sigmoid};

// ANCHOR: main
fn main() {
    // Where e^z leaves the range of an f64: above ln(largest f64) it is infinite, and a little
    // below ln(smallest positive f64) it rounds to 0.
    println!("e^z overflows to inf above z = {:.4}", libm::log(f64::MAX));
    println!(
        "e^z underflows to 0 a little below z = {:.4}",
        libm::log(f64::from_bits(1))
    );
    println!();

    let zs: [f64; 6] = [-1000.0, -40.0, -1e-8, 1e-8, 40.0, 1000.0];
    // Whole numbers as they are, the tiny ones in exponent form.
    let show = |z: f64| {
        if z.abs() >= 1.0 {
            format!("{z:.0}")
        } else {
            format!("{z:e}")
        }
    };

    println!("     z        1/(1+e^-z)      e^z/(1+e^z)    stable sigmoid");
    for z in zs {
        let other_naive = libm::exp(z) / (1.0 + libm::exp(z));
        println!(
            "{:>6}  {:16.10e}  {other_naive:16.10e}  {:16.10e}",
            show(z),
            naive_sigmoid(z),
            sigmoid(z)
        );
    }

    println!();
    println!("     z    ln(1/(1+e^-z))       log_sigmoid");
    for z in zs {
        println!(
            "{:>6}  {:16.10e}  {:16.10e}",
            show(z),
            naive_log_sigmoid(z),
            log_sigmoid(z)
        );
    }
}
// ANCHOR_END: main
