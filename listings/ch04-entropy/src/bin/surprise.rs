//! The surprise of outcomes of different probabilities, in the three units.

use ch04_entropy::{Base, surprise};

// ANCHOR: main
fn main() {
    println!("      p      bits      nats      bans");
    for p in [1.0, 0.9, 0.5, 0.25, 0.1, 0.01, 0.001] {
        println!(
            "{p:7}  {:8.4}  {:8.4}  {:8.4}",
            surprise(p, Base::Bits),
            surprise(p, Base::Nats),
            surprise(p, Base::Bans)
        );
    }
    println!();
    println!(
        "1 nat = {:.4} bits, 1 ban = {:.4} bits, 1 ban = {:.4} nats",
        Base::Nats.convert(1.0, Base::Bits),
        Base::Bans.convert(1.0, Base::Bits),
        Base::Bans.convert(1.0, Base::Nats)
    );
}
// ANCHOR_END: main
