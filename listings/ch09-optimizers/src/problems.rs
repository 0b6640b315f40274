//! Two small problems to watch the optimizers on: a parabola in one variable, and a long,
//! narrow valley in two.

use ndarray::{Array2, array};

use crate::optimizer::Optimizer;

// ANCHOR: parabola
/// `f(w) = (w − 3)²`, lowest at `w = 3`, and its derivative `2(w − 3)`.
pub fn parabola(w: f64) -> f64 {
    (w - 3.0) * (w - 3.0)
}

pub fn parabola_grad(w: f64) -> f64 {
    2.0 * (w - 3.0)
}

/// The values of `w` after each of `steps` steps from `w = 0`.
pub fn parabola_path(opt: &mut dyn Optimizer, steps: usize) -> Vec<f64> {
    let mut w = array![[0.0]];
    (0..steps)
        .map(|_| {
            let grad = w.mapv(parabola_grad);
            opt.step(&mut [&mut w], &[grad]);
            w[[0, 0]]
        })
        .collect()
}
// ANCHOR_END: parabola

// ANCHOR: valley
/// A valley fifty times steeper across (`y`) than along (`x`):
/// `f(x, y) = x²/10 + 5y²`, lowest at the origin.
pub fn valley(x: f64, y: f64) -> f64 {
    x * x / 10.0 + 5.0 * y * y
}

pub fn valley_grad(x: f64, y: f64) -> (f64, f64) {
    (x / 5.0, 10.0 * y)
}

/// Every position visited in `steps` steps from `start`, the start included.
pub fn valley_path(opt: &mut dyn Optimizer, start: (f64, f64), steps: usize) -> Vec<(f64, f64)> {
    let mut xy: Array2<f64> = array![[start.0, start.1]];
    let mut path = vec![start];
    for _ in 0..steps {
        let (gx, gy) = valley_grad(xy[[0, 0]], xy[[0, 1]]);
        opt.step(&mut [&mut xy], &[array![[gx, gy]]]);
        path.push((xy[[0, 0]], xy[[0, 1]]));
    }
    path
}
// ANCHOR_END: valley

/// Where the walks on the valley start, and how many steps they take.
pub const VALLEY_START: (f64, f64) = (-9.0, 1.5);
pub const VALLEY_STEPS: usize = 60;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gradients_match_finite_differences() {
        let h = 1e-6;
        let fd = (parabola(1.3 + h) - parabola(1.3 - h)) / (2.0 * h);
        approx::assert_relative_eq!(parabola_grad(1.3), fd, max_relative = 1e-8);
        let (gx, gy) = valley_grad(2.0, -0.4);
        approx::assert_relative_eq!(
            gx,
            (valley(2.0 + h, -0.4) - valley(2.0 - h, -0.4)) / (2.0 * h),
            max_relative = 1e-7
        );
        approx::assert_relative_eq!(
            gy,
            (valley(2.0, -0.4 + h) - valley(2.0, -0.4 - h)) / (2.0 * h),
            max_relative = 1e-7
        );
    }

    #[test]
    fn a_valley_path_has_one_point_per_step_plus_the_start() {
        let path = valley_path(&mut crate::Sgd { lr: 0.1 }, VALLEY_START, 5);
        assert_eq!(path.len(), 6);
        assert_eq!(path[0], VALLEY_START);
    }
}
