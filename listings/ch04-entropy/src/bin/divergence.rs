//! Entropy, cross-entropy and KL divergence of a true distribution and three models of it.

use ch04_entropy::{Base, cross_entropy, entropy, kl_divergence};

// ANCHOR: main
fn main() {
    // The truth: the mix of fruit a market stall sells, orange 0.7, apple 0.2, lemon 0.1.
    let p = [0.7, 0.2, 0.1];
    let models = [
        ("q = p", [0.7, 0.2, 0.1]),
        ("close", [0.6, 0.3, 0.1]),
        ("uniform", [1.0 / 3.0; 3]),
        ("far", [0.1, 0.5, 0.4]),
    ];
    let h = entropy(&p, Base::Bits).expect("a distribution");
    println!(
        "H(p) = {h:.4} bits = {:.4} nats",
        Base::Bits.convert(h, Base::Nats)
    );
    println!();
    println!("model     H(p, q)  KL(p||q)  H(p) + KL   (bits)");
    for (name, q) in models {
        let ce = cross_entropy(&p, &q, Base::Bits).expect("distributions");
        let kl = kl_divergence(&p, &q, Base::Bits).expect("distributions");
        println!("{name:8}  {ce:7.4}  {kl:8.4}  {:9.4}", h + kl);
    }
}
// ANCHOR_END: main
