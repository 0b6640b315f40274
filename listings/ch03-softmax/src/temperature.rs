//! Temperature: dividing the logits before the softmax makes it sharper or flatter.

use ndarray::{Array2, ArrayView2};

use crate::softmax::{SoftmaxError, softmax_rows};

/// The temperatures the chapter compares, in its table and its figure.
pub const TEMPERATURES: [f64; 5] = [0.25, 0.5, 1.0, 2.0, 10.0];

// ANCHOR: temperature
/// The softmax of `logits / t` for every row. Below 1 the largest logit takes more of the
/// probability, above 1 the distribution flattens towards uniform; `t = 1` is the plain softmax.
///
/// Each logit is divided by `t` in `f64`, one rounding each, as every framework does; the
/// softmax of those quotients is then within 2 ulps of exact (`tools/reference-checks/exact`).
/// `t` must be finite and positive: at 0 the division is undefined, and a negative `t` would
/// reverse the order of the classes. A `t` so small that a finite logit divided by it
/// overflows is reported as the temperature's fault, not the logit's.
pub fn softmax_with_temperature(
    logits: ArrayView2<f64>,
    t: f64,
) -> Result<Array2<f64>, SoftmaxError> {
    if !(t.is_finite() && t > 0.0) {
        return Err(SoftmaxError::BadTemperature { t });
    }
    let tempered = &logits / t;
    let overflow = logits
        .indexed_iter()
        .zip(&tempered)
        .find(|((_, z), zt)| z.is_finite() && zt.is_infinite());
    if let Some((((row, column), &logit), _)) = overflow {
        return Err(SoftmaxError::TemperatureOverflow {
            t,
            row,
            column,
            logit,
        });
    }
    softmax_rows(tempered.view())
}
// ANCHOR_END: temperature

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn temperature_one_is_the_softmax_and_bad_temperatures_are_errors() {
        let z = array![[2.0, 1.0, -1.0]];
        assert_eq!(
            softmax_with_temperature(z.view(), 1.0),
            softmax_rows(z.view())
        );
        for t in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(matches!(
                softmax_with_temperature(z.view(), t),
                Err(SoftmaxError::BadTemperature { .. })
            ));
        }
        assert_eq!(
            softmax_with_temperature(z.view(), 1e-308),
            Err(SoftmaxError::TemperatureOverflow {
                t: 1e-308,
                row: 0,
                column: 0,
                logit: 2.0
            })
        );
        // A masked class stays masked at any temperature.
        let masked = array![[2.0, f64::NEG_INFINITY]];
        assert_eq!(
            softmax_with_temperature(masked.view(), 0.5).unwrap(),
            array![[1.0, 0.0]]
        );
    }

    #[test]
    fn a_higher_temperature_flattens() {
        let z = array![[2.0, 1.0, -1.0]];
        let top = |t| softmax_with_temperature(z.view(), t).unwrap()[[0, 0]];
        assert!(top(0.5) > top(1.0) && top(1.0) > top(2.0) && top(2.0) > 1.0 / 3.0);
    }
}
