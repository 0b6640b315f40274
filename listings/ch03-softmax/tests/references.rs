//! Every value the chapter's programs print, against a high-precision reference.
//!
//! The reference strings were computed with Python's mpmath 1.3 at 50 significant digits
//! (`mp.dps = 50`; softmax as `exp(z_i) / sum(exp(z_j))`, log-sum-exp as `log(sum(exp(z_j)))`,
//! both straight from the definition, which is safe at that precision), then rounded
//! half-to-even with `decimal` to the precision the program prints.

use ch02_sigmoid::sigmoid;
use ch03_softmax::attempts::SCORES;
use ch03_softmax::temperature::{TEMPERATURES, softmax_with_temperature};
use ch03_softmax::{log_softmax_rows, logsumexp, softmax_rows};
use ndarray::{Array2, array, aview2};

fn fixed(values: impl IntoIterator<Item = f64>, decimals: usize) -> Vec<String> {
    values
        .into_iter()
        .map(|v| format!("{v:.decimals$}"))
        .collect()
}

#[test]
fn attempts() {
    assert_eq!(
        fixed(SCORES.map(libm::exp), 4),
        ["7.3891", "2.7183", "0.3679"]
    );
    assert_eq!(
        format!("{:.4}", SCORES.map(libm::exp).iter().sum::<f64>()),
        "10.4752"
    );
    let p = softmax_rows(aview2(&[SCORES])).unwrap();
    assert_eq!(fixed(p.iter().copied(), 4), ["0.7054", "0.2595", "0.0351"]);
}

#[test]
fn stable() {
    let shifted = array![[2.0, 1.0, -1.0], [12.0, 11.0, 9.0], [-98.0, -99.0, -101.0]];
    for row in softmax_rows(shifted.view()).unwrap().rows() {
        assert_eq!(
            fixed(row.iter().copied(), 6),
            ["0.705385", "0.259496", "0.035119"]
        );
    }
    let big = array![[1000.0, 999.0], [-1000.0, -1001.0]];
    for row in softmax_rows(big.view()).unwrap().rows() {
        assert_eq!(fixed(row.iter().copied(), 6), ["0.731059", "0.268941"]);
    }
    let lse = [
        array![2.0, 1.0, -1.0],
        array![1000.0, 999.0],
        array![-1000.0, -1001.0],
    ]
    .map(|z| logsumexp(z.view()).unwrap());
    assert_eq!(fixed(lse, 4), ["2.3490", "1000.3133", "-999.6867"]);
    let lp = log_softmax_rows(array![[0.0, -1000.0]].view()).unwrap();
    assert_eq!(fixed(lp.iter().copied(), 4), ["0.0000", "-1000.0000"]);
}

#[test]
fn temperature() {
    let want = [
        ["0.9820", "0.0180", "0.0000"],
        ["0.8789", "0.1189", "0.0022"],
        ["0.7054", "0.2595", "0.0351"],
        ["0.5465", "0.3315", "0.1220"],
        ["0.3780", "0.3420", "0.2800"],
    ];
    for (t, want) in TEMPERATURES.into_iter().zip(want) {
        let p = softmax_with_temperature(aview2(&[SCORES]), t).unwrap();
        assert_eq!(fixed(p.iter().copied(), 4), want, "T = {t}");
    }
}

#[test]
fn two_class() {
    let logits: Array2<f64> = array![
        [-4.0, 0.0],
        [-1.0, 0.0],
        [0.0, 0.0],
        [0.5, 0.0],
        [3.0, 0.0],
        [2.5, 0.5],
        [-7.0, -9.0]
    ];
    let want = [
        "0.017986", "0.268941", "0.500000", "0.622459", "0.952574", "0.880797", "0.880797",
    ];
    let p = softmax_rows(logits.view()).unwrap();
    assert_eq!(fixed(p.column(0).iter().copied(), 6), want);
    assert_eq!(
        fixed(logits.rows().into_iter().map(|z| sigmoid(z[0] - z[1])), 6),
        want
    );
}
