//! [`prepare`](crate::prepare::prepare) without a second copy of the data: the dataset is
//! taken by value, its rows are put in the order of the splits and scaled where they are, and
//! the splits are cut off its end one by one, so that the memory holds about one copy of the
//! rows at any time instead of two. The result is exactly `prepare`'s, errors included: the
//! same draws of the generator, the same floating point operations in the same order.

use ch10_data_pipeline::{StandardScaler, shuffle};
use ndarray::{Array2, ArrayView2};
use rand_chacha::ChaCha8Rng;

use crate::dataset::Dataset;
use crate::error::TrainError;
use crate::limits::MAX_SPREADS;
use crate::prepare::{Prepared, Rows, Samples, scaler_error, too_few};
use crate::train::Config;

/// `prepare(&data, config, rng)`, consuming `data`.
pub fn prepare_owned(
    mut data: Dataset,
    config: &Config,
    rng: &mut ChaCha8Rng,
) -> Result<Prepared, TrainError> {
    let n = data.y.len();
    let rows = draw(n, config, rng).map_err(|e| too_few(&data, config, e))?;
    let (n_train, n_validation) = (rows.train.len(), rows.validation.len());
    // Row `k` of the splits, in order: the training rows, then the validation and test rows.
    let source = |k: usize| {
        if k < n_train {
            rows.train[k]
        } else if k < n_train + n_validation {
            rows.validation[k - n_train]
        } else {
            rows.test[k - n_train - n_validation]
        }
    };
    let x = std::mem::replace(&mut data.x, Array2::zeros((0, 0)));
    let width = x.ncols();
    let mut values = row_major(x);
    let mut y = std::mem::take(&mut data.y);
    gather(&mut values, &mut y, width, source);

    let train = view(&values, n_train, width);
    let scaler = StandardScaler::fit(train).map_err(|e| scaler_error(&data, &rows, e))?;
    let divisors: Vec<f64> = (scaler.std.iter())
        .map(|&s| if s == 0.0 { 1.0 } else { s })
        .collect();
    let scaled = |v: f64, j: usize| (v - scaler.mean[j]) / divisors[j];
    // `check_spread`: the first far value in the file's order, read before it is scaled.
    let far = (n_train..n)
        .flat_map(|k| (0..width).map(move |j| (k, j)))
        .filter(|&(k, j)| scaled(values[k * width + j], j).abs() > MAX_SPREADS)
        .min_by_key(|&(k, j)| (source(k), j));
    if let Some((k, j)) = far {
        let (row, value) = (source(k), values[k * width + j]);
        return Err(TrainError::Field {
            file: data.file.clone(),
            line: data.lines[row],
            column: data.features[j].clone(),
            message: format!(
                "{value} lies {:.1e} standard deviations from the training rows' mean, \
                 further than any training value can: the network never saw anything like it \
                 (a typing mistake?)",
                scaled(value, j).abs()
            ),
        });
    }
    for row in values.chunks_exact_mut(width.max(1)) {
        for (j, v) in row.iter_mut().enumerate() {
            *v = scaled(*v, j);
        }
    }
    let classes = std::mem::take(&mut data.classes);
    drop(data);

    // Cut the test rows off the end, then the validation rows, giving the memory back each time.
    let test = cut(&mut values, &mut y, n_train + n_validation, width);
    let validation = cut(&mut values, &mut y, n_train, width);
    let train = cut(&mut values, &mut y, 0, width);
    Ok(Prepared {
        train,
        validation,
        test,
        rows,
        scaler,
        classes,
    })
}

/// `Rows::draw`, with the same draws of `rng` and the same rows, but without the spare
/// capacity and the intermediate copies of Chapter 10's `train_test_split`.
fn draw(n: usize, config: &Config, rng: &mut ChaCha8Rng) -> Result<Rows, TrainError> {
    let mut order: Vec<usize> = (0..n).collect();
    shuffle(&mut order, rng);
    let n_test = (n as f64 * config.test_fraction).round() as usize;
    let rest = &order[n_test..];
    let mut inner: Vec<usize> = (0..rest.len()).collect();
    shuffle(&mut inner, rng);
    let n_validation = (rest.len() as f64 * config.validation_fraction).round() as usize;
    for i in inner.iter_mut() {
        *i = rest[*i];
    }
    order.truncate(n_test);
    order.shrink_to_fit();
    let validation: Vec<usize> = inner.drain(..n_validation).collect();
    inner.shrink_to_fit();
    Rows {
        train: inner,
        validation,
        test: order,
    }
    .none_empty()
}

/// The numbers of `x` row after row, without a copy when they are already so.
fn row_major(x: Array2<f64>) -> Vec<f64> {
    if !x.is_standard_layout() {
        return x.iter().copied().collect();
    }
    let len = x.len();
    let (mut values, offset) = x.into_raw_vec_and_offset();
    let start = offset.unwrap_or(0);
    if start != 0 || values.len() != len {
        values = values[start..start + len].to_vec();
    }
    values
}

// ANCHOR: gather
/// Puts row `source(k)` of `values` (rows of `width`) and of `y` in place `k`, for every `k`,
/// following each cycle of the permutation with one row held aside.
fn gather(values: &mut [f64], y: &mut [usize], width: usize, source: impl Fn(usize) -> usize) {
    let n = y.len();
    let mut placed = vec![false; n];
    let mut held = vec![0.0; width];
    for start in 0..n {
        if placed[start] {
            continue;
        }
        held.copy_from_slice(&values[start * width..(start + 1) * width]);
        let held_y = y[start];
        let mut k = start;
        loop {
            placed[k] = true;
            let from = source(k);
            if from == start {
                values[k * width..(k + 1) * width].copy_from_slice(&held);
                y[k] = held_y;
                break;
            }
            values.copy_within(from * width..(from + 1) * width, k * width);
            y[k] = y[from];
            k = from;
        }
    }
}
// ANCHOR_END: gather

fn view(values: &[f64], rows: usize, width: usize) -> ArrayView2<'_, f64> {
    ArrayView2::from_shape((rows, width), &values[..rows * width])
        .expect("the rows are within the values")
}

/// The rows from `first` on, as samples of their own; `values` and `y` keep the rows before.
fn cut(values: &mut Vec<f64>, y: &mut Vec<usize>, first: usize, width: usize) -> Samples {
    let (x, labels) = if first == 0 {
        (std::mem::take(values), std::mem::take(y))
    } else {
        let tail = (values.split_off(first * width), y.split_off(first));
        values.shrink_to_fit();
        y.shrink_to_fit();
        tail
    };
    let rows = labels.len();
    Samples {
        x: Array2::from_shape_vec((rows, width), x).expect("the rows are whole"),
        y: labels,
    }
}
