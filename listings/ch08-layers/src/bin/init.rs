//! Builds the networks of both trainers and prints each layer's shape and initial range.

use ch08_layers::Network;
use ch08_layers::worked::{CHURN_SIZES, IRIS_SIZES};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

// ANCHOR: main
fn main() {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    for (name, sizes) in [("churn", CHURN_SIZES), ("iris", IRIS_SIZES)] {
        let network = Network::new(&sizes, &mut rng);
        println!(
            "{name} network {sizes:?}: {} parameters",
            network.n_params()
        );
        println!("  layer  w shape   b shape   bound    smallest  largest");
        for (l, layer) in network.layers.iter().enumerate() {
            let values = layer.w.iter().chain(layer.b.iter());
            let (lo, hi) = values.fold((f64::MAX, f64::MIN), |(lo, hi), &v| (lo.min(v), hi.max(v)));
            let bound = 1.0 / (layer.fan_in() as f64).sqrt();
            let (w, b) = (
                format!("{:?}", layer.w.dim()),
                format!("{:?}", layer.b.dim()),
            );
            println!("  {l:5}  {w:8}  {b:8}  {bound:.4}  {lo:8.4}  {hi:7.4}");
        }
    }
}
// ANCHOR_END: main
