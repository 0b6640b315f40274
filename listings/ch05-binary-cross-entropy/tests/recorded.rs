//! The book's single-precision emulation of PyTorch and Keras against what the libraries
//! themselves returned on the same inputs (`tools/reference-checks/bce_edges.out`, recorded
//! with torch 2.15 and Keras 3.15 by `bce_edges.py`).

use ch02_sigmoid::sigmoid;
use ch05_binary_cross_entropy::frameworks::{
    keras_binary_crossentropy_f32, sigmoid_f32, torch_bce_grad_f32, torch_bce_loss,
    torch_bce_loss_f32,
};
use ndarray::array;

const RECORDED: &str = include_str!("../../../tools/reference-checks/bce_edges.out");

/// The rows of the table that follows the line starting with `title`: every line of numbers
/// up to the next blank line.
fn table(title: &str) -> Vec<Vec<&'static str>> {
    RECORDED
        .lines()
        .skip_while(|l| !l.starts_with(title))
        .skip(2)
        .take_while(|l| !l.trim().is_empty())
        .map(|l| l.split_whitespace().collect())
        .collect()
}

/// The number at the end of the line that starts with `text`.
fn recorded(text: &str) -> f64 {
    let line = RECORDED
        .lines()
        .find(|l| l.starts_with(text))
        .unwrap_or_else(|| panic!("no line starting with {text:?}"));
    line.rsplit(' ').next().unwrap().parse().unwrap()
}

#[test]
fn the_float32_emulation_prints_what_pytorch_and_keras_return() {
    let rows = table("One sample, label 0, logit z, float32");
    assert_eq!(rows.len(), 12);
    for row in rows {
        let z: f32 = row[0].parse().unwrap();
        let p = sigmoid_f32(z);
        assert_eq!(format!("{p:.8}"), row[1], "torch.sigmoid({z})");
        assert_eq!(format!("{p:.8}"), row[4], "keras.ops.sigmoid({z})");
        assert_eq!(
            format!("{:.4}", torch_bce_loss_f32(p, 0.0)),
            row[2],
            "BCELoss at {z}"
        );
        assert_eq!(
            format!("{:.4}", torch_bce_grad_f32(z, 0.0)),
            row[3],
            "its gradient at {z}"
        );
        assert_eq!(
            format!("{:.4}", keras_binary_crossentropy_f32(p, 0.0)),
            row[5],
            "BinaryCrossentropy at {z}"
        );
    }
}

#[test]
fn the_float64_rule_prints_what_pytorch_returns_in_float64() {
    let rows = table("The same in float64 (torch)");
    assert_eq!(rows.len(), 12);
    for row in rows {
        let z: f64 = row[0].parse().unwrap();
        let loss = torch_bce_loss(array![sigmoid(z)].view(), array![0.0].view()).unwrap();
        assert_eq!(format!("{loss:.4}"), row[1], "BCELoss at {z} in float64");
    }
}

/// The smallest positive `f32` for which `pred` holds, by bisection on the bit patterns
/// (positive floats are ordered like their bits).
fn first_f32(pred: impl Fn(f32) -> bool) -> f32 {
    let (mut lo, mut hi) = (1.0f32.to_bits(), 1000.0f32.to_bits());
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if pred(f32::from_bits(mid)) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    f32::from_bits(hi)
}

#[test]
fn the_thresholds_are_where_the_libraries_found_them() {
    let one = first_f32(|z| sigmoid_f32(z) == 1.0);
    assert_eq!(
        f64::from(one),
        recorded("torch.sigmoid is exactly 1.0 in float32 from z =")
    );
    assert_eq!(
        f64::from(one),
        recorded("keras.ops.sigmoid is exactly 1.0 in float32 from z =")
    );
    let hundred = first_f32(|z| torch_bce_loss_f32(sigmoid_f32(z), 0.0) == 100.0);
    assert_eq!(
        f64::from(hundred),
        recorded("torch BCELoss(sigmoid(z), 0) is 100 in float32 from z =")
    );
    let cap = keras_binary_crossentropy_f32(1.0, 0.0);
    let capped = first_f32(|z| keras_binary_crossentropy_f32(sigmoid_f32(z), 0.0) == cap);
    assert_eq!(
        f64::from(capped),
        recorded("keras BinaryCrossentropy(sigmoid(z), 0) reaches its cap in float32 from z =")
    );
    // In f64 the sigmoid reaches 1 twenty logits later.
    let (mut lo, mut hi) = (1.0f64.to_bits(), 1000.0f64.to_bits());
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if sigmoid(f64::from_bits(mid)) == 1.0 {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    assert_eq!(
        f64::from_bits(hi),
        recorded("torch.sigmoid is exactly 1.0 in float64 from z =")
    );
}
