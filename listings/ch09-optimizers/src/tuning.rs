//! A fair race: every optimizer at its own best learning rate, on the valley as it is and
//! turned about the minimum.

use ndarray::array;

use crate::optimizer::{Adam, Momentum, Optimizer, Sgd};
use crate::problems::{VALLEY_START, valley, valley_grad};

// ANCHOR: turned
/// The valley `x²/10 + 5y²` turned by an angle about its minimum: the same shape, with its
/// long axis no longer along `x`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TurnedValley {
    cos: f64,
    sin: f64,
}

impl TurnedValley {
    pub fn new(degrees: f64) -> Self {
        let radians = degrees.to_radians();
        TurnedValley {
            cos: libm::cos(radians),
            sin: libm::sin(radians),
        }
    }

    /// A point of the turned valley, in the coordinates of the valley as it was.
    fn unturn(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (self.cos * x + self.sin * y, -self.sin * x + self.cos * y)
    }

    /// A vector of the valley as it was, turned.
    fn turn(&self, (a, b): (f64, f64)) -> (f64, f64) {
        (self.cos * a - self.sin * b, self.sin * a + self.cos * b)
    }

    pub fn height(&self, point: (f64, f64)) -> f64 {
        let (a, b) = self.unturn(point);
        valley(a, b)
    }

    /// The gradient: the valley's own, at the unturned point, turned back.
    pub fn grad(&self, point: (f64, f64)) -> (f64, f64) {
        let (a, b) = self.unturn(point);
        self.turn(valley_grad(a, b))
    }

    /// The chapter's start, turned with the valley, so every walk starts at the same height.
    pub fn start(&self) -> (f64, f64) {
        self.turn(VALLEY_START)
    }
}
// ANCHOR_END: turned

/// The heights of the points visited in `steps` steps on `valley`, the start included.
pub fn heights(opt: &mut dyn Optimizer, valley: &TurnedValley, steps: usize) -> Vec<f64> {
    let start = valley.start();
    let mut xy = array![[start.0, start.1]];
    let mut heights = vec![valley.height(start)];
    for _ in 0..steps {
        let (gx, gy) = valley.grad((xy[[0, 0]], xy[[0, 1]]));
        opt.step(&mut [&mut xy], &[array![[gx, gy]]]);
        heights.push(valley.height((xy[[0, 0]], xy[[0, 1]])));
    }
    heights
}

// ANCHOR: tune
/// A way to make an optimizer for a given learning rate.
pub type Make = fn(f64) -> Box<dyn Optimizer>;

/// The three optimizers (momentum with beta 0.9, Adam with PyTorch's defaults).
pub const OPTIMIZERS: [(&str, Make); 3] = [
    ("sgd", |lr| Box::new(Sgd { lr })),
    ("momentum", |lr| Box::new(Momentum::new(lr, 0.9))),
    ("adam", |lr| Box::new(Adam::new(lr))),
];

/// The score of a walk: the highest point among steps `from..=steps`. A walk scores well only
/// if it is low by step `from` and stays low; a diverging walk scores huge, or infinity once
/// its heights overflow.
pub fn score(heights: &[f64], from: usize) -> f64 {
    heights[from..].iter().fold(0.0, |worst, &h| {
        if h.is_nan() {
            f64::INFINITY
        } else {
            worst.max(h)
        }
    })
}

/// The learning rate among `rates` with the lowest score for `make`, and that score.
pub fn best_rate(
    make: Make,
    valley: &TurnedValley,
    rates: &[f64],
    steps: usize,
    from: usize,
) -> (f64, f64) {
    rates
        .iter()
        .map(|&lr| (lr, score(&heights(make(lr).as_mut(), valley, steps), from)))
        .fold((f64::NAN, f64::INFINITY), |best, run| {
            if run.1 < best.1 { run } else { best }
        })
}
// ANCHOR_END: tune

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problems::{VALLEY_STEPS, valley_path};

    #[test]
    fn the_valley_turned_by_zero_degrees_is_the_valley() {
        let flat = TurnedValley::new(0.0);
        assert_eq!(flat.start(), VALLEY_START);
        let path = valley_path(&mut Sgd { lr: 0.18 }, VALLEY_START, VALLEY_STEPS);
        let walked = heights(&mut Sgd { lr: 0.18 }, &flat, VALLEY_STEPS);
        for (&(x, y), h) in path.iter().zip(walked) {
            assert_eq!(valley(x, y), h);
        }
    }

    #[test]
    fn turning_keeps_heights_and_gradient_lengths() {
        let turned = TurnedValley::new(45.0);
        let p = (1.3, -0.7);
        let (a, b) = turned.unturn(p);
        approx::assert_relative_eq!(turned.height(p), valley(a, b));
        let (gx, gy) = turned.grad(p);
        let (ga, gb) = valley_grad(a, b);
        approx::assert_relative_eq!(
            libm::hypot(gx, gy),
            libm::hypot(ga, gb),
            max_relative = 1e-14
        );
        approx::assert_relative_eq!(
            turned.height(turned.start()),
            valley(-9.0, 1.5),
            max_relative = 1e-14
        );
        // The gradient matches finite differences of the turned height.
        let h = 1e-6;
        let fd = (turned.height((p.0 + h, p.1)) - turned.height((p.0 - h, p.1))) / (2.0 * h);
        approx::assert_relative_eq!(gx, fd, max_relative = 1e-7);
    }

    #[test]
    fn gradient_descent_and_momentum_do_not_notice_the_turn() {
        for (_, make) in &OPTIMIZERS[..2] {
            let flat = heights(make(0.05).as_mut(), &TurnedValley::new(0.0), 60);
            let turned = heights(make(0.05).as_mut(), &TurnedValley::new(45.0), 60);
            for (a, b) in flat.iter().zip(&turned) {
                approx::assert_relative_eq!(a, b, max_relative = 1e-9);
            }
        }
    }

    #[test]
    fn a_diverging_walk_scores_infinity() {
        let walk = heights(&mut Sgd { lr: 0.5 }, &TurnedValley::new(0.0), 60);
        assert!(score(&walk, 50) > 1e60);
        assert_eq!(score(&[1.0, f64::INFINITY, f64::NAN], 1), f64::INFINITY);
        assert_eq!(score(&[5.0, 3.0, 1.0, 2.0], 2), 2.0);
    }
}
