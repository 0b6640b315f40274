//! Every loss and activation function of Chapters 2 to 6 against its exact value.
//!
//! `reference.tsv` holds a few hundred inputs per function with the correctly rounded `f64` of
//! the exact result, written by `make_reference.py` (mpmath, thousands of bits). This test
//! computes each case with the book's function and measures the distance in ulps: how many
//! `f64` values lie between the book's result and the correctly rounded one (0: the book's
//! result is the correctly rounded one). Every case must be within the function's bound. The
//! test prints the worst case of every function (`cargo test -p exactness -- --nocapture`).

use std::collections::BTreeMap;
use std::fmt::Display;

use ch02_sigmoid::sigmoid::sigmoid_derivative;
use ch02_sigmoid::{log_sigmoid, sigmoid, softplus};
use ch03_softmax::temperature::softmax_with_temperature;
use ch03_softmax::{log_softmax_rows, logsumexp, softmax_rows};
use ch04_entropy::{Base, cross_entropy, entropy, kl_divergence, surprise};
use ch05_binary_cross_entropy::bce::bce_with_logits_terms;
use ch05_binary_cross_entropy::likelihood::negative_log_likelihood;
use ch05_binary_cross_entropy::{bce, bce_terms, bce_with_logits, bce_with_logits_grad};
use ch06_categorical_cross_entropy::binary_options::{
    BinaryOptions, bce_with_logits_options, bce_with_options,
};
use ch06_categorical_cross_entropy::hinge::logistic;
use ch06_categorical_cross_entropy::options::{
    CrossEntropyOptions, Reduced, Reduction, cross_entropy_soft_targets,
    cross_entropy_soft_targets_with_options, cross_entropy_with_options,
};
use ch06_categorical_cross_entropy::{
    categorical_cross_entropy, cross_entropy_terms_with_logits, cross_entropy_with_logits,
    cross_entropy_with_logits_grad,
};
use ndarray::{Array1, Array2};

const REFERENCE: &str = include_str!("../reference.tsv");

/// The bound of every function, in ulps: 2 for every loss and activation; 4 for the KL
/// divergence, whose terms cancel when `q` is close to `p`; 3 for the two gradients, whose
/// entries are a probability (itself up to 2 ulps off) minus the target, divided by N: one
/// rounding more.
fn bound(function: &str) -> u64 {
    match function {
        "kl_divergence" => 4,
        "bce_with_logits_grad" | "cross_entropy_with_logits_grad" => 3,
        _ => 2,
    }
}

/// The size that an error is measured against, for the two results whose last bits are not
/// within reach of `f64` arithmetic; `None` for every other result, whose error is measured
/// in ulps of the result itself.
///
/// - The log-sum-exp is `m + ln_1p(rest)`: where the two terms cancel (the result less than
///   half of `|m|`; three logits of -1.1, say) the result is small and `ln_1p(rest)` would need
///   more digits than an `f64` has. Its error is measured in ulps of the largest logit `m` there.
/// - The gradient `(σ(z) - y) / N` for a soft target `y` cancels where `σ(z)` is close to `y`
///   (the result less than half of `y / N`). Its error is measured in ulps of `y / N` there.
fn scale_of(case: &Case, i: usize, want: f64) -> Option<f64> {
    match case.function {
        "logsumexp" => {
            let m = list(case.args[0])
                .into_iter()
                .fold(f64::NEG_INFINITY, f64::max);
            (m.abs() > 2.0 * want.abs()).then_some(m.abs())
        }
        "bce_with_logits_grad" => {
            let y = list(case.args[1]);
            let size = y[i] / y.len() as f64;
            let soft = 0.0 < y[i] && y[i] < 1.0;
            (soft && size > 2.0 * want.abs()).then_some(size)
        }
        _ => None,
    }
}

/// One line of the reference set.
struct Case<'a> {
    line: usize,
    function: &'a str,
    tag: &'a str,
    args: Vec<&'a str>,
    /// The correctly rounded result, flattened; empty when the exact result is finite but
    /// above `f64::MAX`, which the book must report as an overflow.
    expected: Vec<f64>,
}

fn number(s: &str) -> f64 {
    s.parse()
        .unwrap_or_else(|_| panic!("`{s}` is not a number"))
}

fn list(s: &str) -> Vec<f64> {
    s.split(',').map(number).collect()
}

fn matrix(s: &str) -> Array2<f64> {
    let rows: Vec<Vec<f64>> = s.split(';').map(list).collect();
    let cols = rows[0].len();
    Array2::from_shape_vec((rows.len(), cols), rows.concat()).expect("a rectangular matrix")
}

fn classes(s: &str) -> Vec<usize> {
    s.split(',')
        .map(|c| c.parse().expect("a class index"))
        .collect()
}

fn base(s: &str) -> Base {
    match s {
        "bits" => Base::Bits,
        "nats" => Base::Nats,
        "bans" => Base::Bans,
        _ => panic!("unknown base {s}"),
    }
}

fn parse(text: &str) -> Vec<Case<'_>> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.is_empty())
        .map(|(n, l)| {
            let fields: Vec<&str> = l.split('\t').collect();
            let arrow = fields.iter().position(|f| *f == "=>").expect("an => field");
            Case {
                line: n + 1,
                function: fields[0],
                tag: fields[1],
                args: fields[2..arrow].to_vec(),
                expected: match fields[arrow + 1] {
                    "overflow" => Vec::new(),
                    result => result.split([',', ';']).map(number).collect(),
                },
            }
        })
        .collect()
}

/// The book's result for one case, flattened like the expected result (or the error it
/// returned); `None` for a function this test does not know.
fn evaluate(case: &Case) -> Option<Result<Vec<f64>, String>> {
    let a = &case.args;
    let vector = |i: usize| Array1::from(list(a[i]));
    let row = || Array2::from_shape_vec((1, list(a[0]).len()), list(a[0])).unwrap();
    let scalar = |f: fn(f64) -> f64| Ok(vec![f(number(a[0]))]);
    Some(match case.function {
        "sigmoid" => scalar(sigmoid),
        "sigmoid_derivative" => scalar(sigmoid_derivative),
        "softplus" => scalar(softplus),
        "log_sigmoid" => scalar(log_sigmoid),
        "logistic" => scalar(logistic),
        "logsumexp" => one(logsumexp(vector(0).view())),
        "softmax_rows" => all(softmax_rows(row().view())),
        "log_softmax_rows" => all(log_softmax_rows(row().view())),
        "softmax_with_temperature" => all(softmax_with_temperature(row().view(), number(a[1]))),
        "surprise" => Ok(vec![surprise(number(a[0]), base(a[1]))]),
        "entropy" => one(entropy(&list(a[0]), base(a[1]))),
        "cross_entropy" => one(cross_entropy(&list(a[0]), &list(a[1]), base(a[2]))),
        "kl_divergence" => one(kl_divergence(&list(a[0]), &list(a[1]), base(a[2]))),
        "negative_log_likelihood" => Ok(vec![negative_log_likelihood(&list(a[0]), number(a[1]))]),
        "bce" => one(bce(vector(0).view(), vector(1).view())),
        "bce_terms" => all(bce_terms(vector(0).view(), vector(1).view())),
        "bce_with_logits" => one(bce_with_logits(vector(0).view(), vector(1).view())),
        "bce_with_logits_terms" => all(bce_with_logits_terms(vector(0).view(), vector(1).view())),
        "bce_with_logits_grad" => all(bce_with_logits_grad(vector(0).view(), vector(1).view())),
        "bce_options" | "bce_with_logits_options" => {
            let options = BinaryOptions {
                weight: optional_list(a[2]),
                pos_weight: number(a[3]),
                reduction: reduction(a[4]),
            };
            let (x, y) = (vector(0), vector(1));
            reduced(if case.function == "bce_options" {
                bce_with_options(x.view(), y.view(), &options)
            } else {
                bce_with_logits_options(x.view(), y.view(), &options)
            })
        }
        "categorical_cross_entropy" => one(categorical_cross_entropy(
            matrix(a[0]).view(),
            matrix(a[1]).view(),
        )),
        "cross_entropy_terms_with_logits" => all(cross_entropy_terms_with_logits(
            matrix(a[0]).view(),
            &classes(a[1]),
        )),
        "cross_entropy_with_logits" => one(cross_entropy_with_logits(
            matrix(a[0]).view(),
            &classes(a[1]),
        )),
        "cross_entropy_with_logits_grad" => all(cross_entropy_with_logits_grad(
            matrix(a[0]).view(),
            &classes(a[1]),
        )),
        "cross_entropy_with_options" => {
            let options = CrossEntropyOptions {
                weight: optional_list(a[2]),
                label_smoothing: number(a[3]),
                reduction: reduction(a[4]),
                ignore_index: (a[5] != "-").then(|| a[5].parse().expect("a class index")),
            };
            reduced(cross_entropy_with_options(
                matrix(a[0]).view(),
                &classes(a[1]),
                &options,
            ))
        }
        "cross_entropy_soft_targets" => one(cross_entropy_soft_targets(
            matrix(a[0]).view(),
            matrix(a[1]).view(),
        )),
        "cross_entropy_soft_targets_with_options" => {
            let options = CrossEntropyOptions {
                weight: optional_list(a[2]),
                label_smoothing: number(a[3]),
                reduction: reduction(a[4]),
                ignore_index: None,
            };
            reduced(cross_entropy_soft_targets_with_options(
                matrix(a[0]).view(),
                matrix(a[1]).view(),
                &options,
            ))
        }
        _ => return None,
    })
}

/// A result of one number.
fn one<E: Display>(r: Result<f64, E>) -> Result<Vec<f64>, String> {
    r.map(|v| vec![v]).map_err(|e| e.to_string())
}

/// A result of many numbers, in the order of the reference set (row by row).
fn all<T: IntoIterator<Item = f64>, E: Display>(r: Result<T, E>) -> Result<Vec<f64>, String> {
    r.map(|v| v.into_iter().collect())
        .map_err(|e| e.to_string())
}

/// A result that is one number per sample or one total.
fn reduced<E: Display>(r: Result<Reduced, E>) -> Result<Vec<f64>, String> {
    r.map(|r| match r {
        Reduced::PerSample(v) => v.to_vec(),
        Reduced::Total(v) => vec![v],
    })
    .map_err(|e| e.to_string())
}

fn optional_list(s: &str) -> Option<Vec<f64>> {
    (s != "-").then(|| list(s))
}

fn reduction(s: &str) -> Reduction {
    match s {
        "none" => Reduction::None,
        "sum" => Reduction::Sum,
        "mean" => Reduction::Mean,
        _ => panic!("unknown reduction {s}"),
    }
}

/// A position on the line of `f64` values, in order: consecutive values differ by 1, and
/// `-0.0` and `0.0` are the same point.
fn ordinal(x: f64) -> i128 {
    let bits = x.to_bits() as i64;
    i128::from(if bits < 0 { i64::MIN - bits } else { bits })
}

/// The distance in ulps between the book's result and the correctly rounded one.
fn ulps(got: f64, want: f64) -> u64 {
    if got == want {
        return 0;
    }
    if !got.is_finite() || !want.is_finite() {
        return u64::MAX;
    }
    u64::try_from((ordinal(got) - ordinal(want)).abs()).unwrap_or(u64::MAX)
}

/// The gap between `x > 0` and the next larger `f64`.
fn ulp(x: f64) -> f64 {
    f64::from_bits(x.to_bits() + 1) - x
}

#[test]
fn every_function_is_within_its_ulp_bound_of_the_exact_value() {
    let cases = parse(REFERENCE);
    // function -> (cases, worst distance, the worst case's description)
    let mut worst: BTreeMap<&str, (usize, u64, String)> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut overflows = 0;
    // function -> (results measured against a larger scale, their worst ulps of the result)
    let mut relaxed: BTreeMap<&str, (usize, u64)> = BTreeMap::new();
    for case in &cases {
        let Some(result) = evaluate(case) else {
            problems.push(format!(
                "line {}: unknown function {}",
                case.line, case.function
            ));
            continue;
        };
        let got = match (result, case.expected.is_empty()) {
            (Err(e), true) if e.contains("overflows") => {
                overflows += 1;
                continue;
            }
            (Ok(got), false) => got,
            (Ok(got), true) => {
                problems.push(format!(
                    "line {}: {} returns {got:?} where the exact value overflows f64",
                    case.line, case.function
                ));
                continue;
            }
            (Err(e), _) => {
                problems.push(format!("line {}: {} fails: {e}", case.line, case.function));
                continue;
            }
        };
        assert_eq!(got.len(), case.expected.len(), "line {}", case.line);
        let (d, i) = got
            .iter()
            .zip(&case.expected)
            .enumerate()
            .map(|(i, (g, w))| match scale_of(case, i, *w) {
                Some(scale) => {
                    // Kept to be printed: how far off that is in ulps of the result itself.
                    let raw = relaxed.entry(case.function).or_insert((0, 0));
                    raw.0 += 1;
                    raw.1 = raw.1.max(ulps(*g, *w));
                    ((g - w).abs() / ulp(scale)).ceil() as u64
                }
                None => ulps(*g, *w),
            })
            .enumerate()
            .map(|(i, d)| (d, i))
            .max()
            .unwrap();
        let entry = worst.entry(case.function).or_insert((0, 0, String::new()));
        entry.0 += 1;
        if d >= entry.1 && (d > entry.1 || entry.2.is_empty()) {
            entry.1 = d;
            entry.2 = format!(
                "line {} ({}): {} -> got {:?}, exact {:?}",
                case.line,
                case.tag,
                case.args.join(" "),
                got[i],
                case.expected[i]
            );
        }
        if d > bound(case.function) {
            problems.push(format!(
                "line {}: {} {} is {d} ulps from the exact value (bound {})",
                case.line,
                case.function,
                case.args.join(" "),
                bound(case.function)
            ));
        }
    }
    println!("function                                  cases  worst ulps  worst case");
    for (function, (n, d, at)) in &worst {
        println!("{function:40} {n:6}  {d:10}  {at}");
    }
    for (function, (n, raw)) in &relaxed {
        println!(
            "{function}: {n} results measured against a larger scale (see scale_of); in ulps \
             of the result itself they are up to {raw} off"
        );
    }
    println!("{overflows} cases whose exact value is above f64::MAX are reported as overflows");
    assert!(overflows > 0, "the reference set has no overflow case");
    assert!(
        problems.is_empty(),
        "{} cases outside their bound:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_distance_counts_the_doubles_in_between() {
    assert_eq!(ulps(1.0, 1.0), 0);
    assert_eq!(ulps(1.0, 1.0f64.next_up()), 1);
    assert_eq!(ulps(1.0f64.next_down(), 1.0f64.next_up()), 2);
    assert_eq!(ulps(-0.0, 0.0), 0);
    assert_eq!(ulps(-5e-324, 5e-324), 2);
    assert_eq!(ulps(f64::INFINITY, f64::MAX), u64::MAX);
    assert_eq!(ulp(1.0), f64::EPSILON);
    // A result one double away from the exact one would be caught by a bound of 0.
    let cases = parse(REFERENCE);
    let exact = cases
        .iter()
        .find(|c| c.function == "log_softmax_rows" && c.args == ["1000.0,1000.0,1000.0"])
        .expect("the chapter's example is in the reference set");
    assert_eq!(ulps(exact.expected[0].next_up(), exact.expected[0]), 1);
}
