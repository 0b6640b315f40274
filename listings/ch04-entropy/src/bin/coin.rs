//! The entropy of a coin that lands heads with probability `p`.

use ch04_entropy::{Base, entropy};

// ANCHOR: main
fn main() {
    println!("   p  H in bits  H in nats");
    for i in 0..=10 {
        let p = f64::from(i) / 10.0;
        let coin = [p, 1.0 - p];
        let bits = entropy(&coin, Base::Bits).expect("a distribution");
        let nats = entropy(&coin, Base::Nats).expect("a distribution");
        println!("{p:4.1}  {bits:9.4}  {nats:9.4}");
    }
}
// ANCHOR_END: main
