//! Runs the tiny network forward and backward on one sample and prints every step.

use ch02_sigmoid::sigmoid;
use ch08_layers::worked::{tiny_network, tiny_sample};
use ch08_layers::{matmul, relu};
use ndarray::{Array2, Axis};

fn show(name: &str, a: &Array2<f64>) {
    let rows: Vec<String> = a
        .rows()
        .into_iter()
        .map(|r| {
            r.iter()
                .map(|v| format!("{v:8.4}"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    println!("{name:<28} [{}]", rows.join(" ;"));
}

// ANCHOR: main
fn main() {
    let network = tiny_network();
    let (hidden, output) = (&network.layers[0], &network.layers[1]);
    let (x, y) = tiny_sample();

    println!("forward");
    show("x", &x);
    let z1 = hidden.forward(x.view());
    show("z1 = x w1 + b1", &z1);
    let a1 = relu(z1.view());
    show("a1 = relu(z1)", &a1);
    let z2 = output.forward(a1.view());
    show("z2 = a1 w2 + b2 (logit)", &z2);
    let p = sigmoid(z2[[0, 0]]);
    println!("{:<28} {p:.4}", "p = sigmoid(z2)");
    println!("{:<28} {:.4}", "loss = -ln p  (y = 1)", -libm::log(p));

    println!("backward");
    let delta2 = Array2::from_elem((1, 1), p - y);
    show("dL/dz2 = p - y", &delta2);
    show("grad_w2 = a1^T dL/dz2", &matmul(a1.t(), delta2.view()));
    show(
        "grad_b2 = sum of dL/dz2",
        &delta2.sum_axis(Axis(0)).insert_axis(Axis(0)),
    );
    let da1 = matmul(delta2.view(), output.w.t());
    show("dL/da1 = dL/dz2 w2^T", &da1);
    let delta1 = &da1 * &z1.mapv(|z| if z > 0.0 { 1.0 } else { 0.0 });
    show("dL/dz1 = dL/da1 * [z1 > 0]", &delta1);
    show("grad_w1 = x^T dL/dz1", &matmul(x.t(), delta1.view()));
    show(
        "grad_b1 = sum of dL/dz1",
        &delta1.sum_axis(Axis(0)).insert_axis(Axis(0)),
    );
}
// ANCHOR_END: main
