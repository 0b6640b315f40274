//! Hinge loss against cross-entropy, both as functions of the margin `m = y f(x)` with
//! labels `y` in {-1, +1}.

use ch02_sigmoid::softplus;

// ANCHOR: hinge
/// The 0-1 loss: 1 for a mistake (a margin of 0 or less), 0 otherwise. The three losses here
/// take any margin but NaN.
pub fn zero_one(margin: f64) -> f64 {
    if margin <= 0.0 { 1.0 } else { 0.0 }
}

/// The hinge loss of support vector machines: `max(0, 1 - m)`. Zero once the margin
/// passes 1, however much further it goes.
pub fn hinge(margin: f64) -> f64 {
    (1.0 - margin).max(0.0)
}

/// Binary cross-entropy written in the margin: with `p = σ(f)` and `y` in {-1, +1}, the loss
/// `-ln σ(m) = ln(1 + e^(-m))`, in nats. Never exactly zero, always smooth.
pub fn logistic(margin: f64) -> f64 {
    softplus(-margin)
}
// ANCHOR_END: hinge

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn the_margin_form_is_binary_cross_entropy() {
        for (f, y01) in [(1.3, 1.0), (-0.4, 0.0), (2.0, 0.0)] {
            let y_pm = 2.0 * y01 - 1.0;
            let bce = ch05_binary_cross_entropy::bce_with_logits(
                ndarray::array![f].view(),
                ndarray::array![y01].view(),
            )
            .unwrap();
            assert_relative_eq!(logistic(y_pm * f), bce, max_relative = 1e-14);
        }
    }

    #[test]
    fn both_bound_the_zero_one_loss_from_above_in_bits() {
        for i in -40..=40 {
            let m = f64::from(i) / 10.0;
            assert!(hinge(m) >= zero_one(m));
            assert!(logistic(m) / std::f64::consts::LN_2 >= zero_one(m));
        }
    }
}
