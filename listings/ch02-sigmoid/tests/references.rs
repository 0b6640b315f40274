//! Every value the chapter's programs print, against a high-precision reference.
//!
//! The reference strings were computed with Python's mpmath 1.3 at 50 significant digits
//! (`mp.dps = 50`, `sigma = 1/(1+exp(-z))`, `log sigma = -log(1+exp(-z))`), then rounded
//! half-to-even with `decimal` to the precision the program prints. The program's `format!`
//! of the `f64` result must give the same string.

use ch01_loss_functions::line::{Line, START};
use ch01_loss_functions::students::Student;
use ch02_sigmoid::article::{HALF_STEP, X};
use ch02_sigmoid::pass::pass_probability;
use ch02_sigmoid::sigmoid::sigmoid_derivative;
use ch02_sigmoid::{log_sigmoid, sigmoid};

#[test]
fn curve() {
    let zs = [-6.0, -4.0, -2.0, -1.0, 0.0, 1.0, 2.0, 4.0, 6.0];
    let sig = [
        "0.002473", "0.017986", "0.119203", "0.268941", "0.500000", "0.731059", "0.880797",
        "0.982014", "0.997527",
    ];
    let slope = [
        "0.002467", "0.017663", "0.104994", "0.196612", "0.250000", "0.196612", "0.104994",
        "0.017663", "0.002467",
    ];
    for (i, z) in zs.into_iter().enumerate() {
        assert_eq!(format!("{:.6}", sigmoid(z)), sig[i], "sigmoid({z})");
        assert_eq!(
            format!("{:.6}", 1.0 - sigmoid(-z)),
            sig[i],
            "1 - sigmoid(-{z})"
        );
        assert_eq!(
            format!("{:.6}", sigmoid_derivative(z)),
            slope[i],
            "slope at {z}"
        );
    }
}

#[test]
fn nudge() {
    let passed = [
        "0.2689", "0.3100", "0.3543", "0.4013", "0.4502", "0.5000", "0.5498", "0.5987", "0.6457",
    ];
    let failed = [
        "0.6225", "0.6341", "0.6457", "0.6570", "0.6682", "0.6792", "0.6900", "0.7006", "0.7109",
    ];
    let p = Student {
        hours: 8.0,
        practice: 3.0,
        passed: true,
    };
    let f = Student {
        hours: 2.0,
        practice: 7.5,
        passed: false,
    };
    for step in 0..=8 {
        let line = Line {
            w_hours: START.w_hours + 0.025 * step as f64,
            ..START
        };
        assert_eq!(format!("{:.4}", pass_probability(&line, &p)), passed[step]);
        assert_eq!(format!("{:.4}", pass_probability(&line, &f)), failed[step]);
    }
}

#[test]
fn extremes() {
    let zs = [-1000.0, -40.0, -1e-8, 1e-8, 40.0, 1000.0];
    // sigma(-1000) = 5.0759588975e-435 is below the smallest f64 (about 4.9e-324): 0 is the
    // closest f64. log sigma(1000) = -5.0759588975e-435 likewise rounds to -0.
    let sig = [0.0, 4.2483542553e-18, 0.4999999975, 0.5000000025, 1.0, 1.0];
    let log_sig = [
        -1000.0,
        -40.0,
        -0.69314718556,
        -0.69314717556,
        -4.2483542553e-18,
        -0.0,
    ];
    for (i, z) in zs.into_iter().enumerate() {
        assert_eq!(
            format!("{:.10e}", sigmoid(z)),
            format!("{:.10e}", sig[i]),
            "sigmoid({z})"
        );
        assert_eq!(
            format!("{:.10e}", log_sigmoid(z)),
            format!("{:.10e}", log_sig[i]),
            "log_sigmoid({z})"
        );
    }
}

#[test]
fn article() {
    let sig = [
        "0.5105", "0.3406", "0.6519", "0.7771", "0.2399", "0.1957", "0.7103", "0.2353", "0.2106",
        "0.5702",
    ];
    for (x, want) in X.iter().zip(sig) {
        assert_eq!(format!("{:.4}", sigmoid(*x)), want, "sigmoid({x})");
    }
    let bounds = [
        (1.2491, "0.777135", "0.777153"),
        (-1.1535, "0.239841", "0.239859"),
    ];
    for (x, lo, hi) in bounds {
        assert_eq!(format!("{:.6}", sigmoid(x - HALF_STEP)), lo);
        assert_eq!(format!("{:.6}", sigmoid(x + HALF_STEP)), hi);
    }
}
