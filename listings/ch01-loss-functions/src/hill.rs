//! Gradient descent as a walk down a hill.

// ANCHOR: hill
/// The height of the hill at `(x, y)`: a bowl, steeper along `y` than along `x`, whose lowest
/// point is the origin.
pub fn height(x: f64, y: f64) -> f64 {
    x * x / 4.0 + y * y
}

/// The slope of the hill at `(x, y)`: the partial derivatives of `height`.
pub fn gradient(x: f64, y: f64) -> (f64, f64) {
    (x / 2.0, 2.0 * y)
}
// ANCHOR_END: hill

// ANCHOR: descend
/// Walks `steps` steps downhill from `start`, each step `lr` times the slope, against it.
/// Returns every position visited, the start included.
pub fn descend(start: (f64, f64), lr: f64, steps: usize) -> Vec<(f64, f64)> {
    let mut path = vec![start];
    let (mut x, mut y) = start;
    for _ in 0..steps {
        let (dx, dy) = gradient(x, y);
        x -= lr * dx;
        y -= lr * dy;
        path.push((x, y));
    }
    path
}
// ANCHOR_END: descend

/// Where the chapter's walk starts, and how long its steps are.
pub const START: (f64, f64) = (-4.0, 2.5);
pub const LR: f64 = 0.4;
pub const STEPS: usize = 10;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gradient_matches_a_finite_difference() {
        let (x, y, h) = (1.3, -0.7, 1e-6);
        let (dx, dy) = gradient(x, y);
        let fd_x = (height(x + h, y) - height(x - h, y)) / (2.0 * h);
        let fd_y = (height(x, y + h) - height(x, y - h)) / (2.0 * h);
        approx::assert_relative_eq!(dx, fd_x, max_relative = 1e-8);
        approx::assert_relative_eq!(dy, fd_y, max_relative = 1e-8);
    }

    #[test]
    fn every_step_goes_down() {
        let path = descend(START, LR, STEPS);
        assert_eq!(path.len(), STEPS + 1);
        for pair in path.windows(2) {
            assert!(height(pair[1].0, pair[1].1) < height(pair[0].0, pair[0].1));
        }
    }
}
