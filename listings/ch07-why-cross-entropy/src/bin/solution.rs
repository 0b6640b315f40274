//! The numbers the chapter's exercises find: `solution N` prints those of exercise N.

use std::process::ExitCode;

use ch07_why_cross_entropy::exercises::{
    bce_pos_weight_grad, best_constant, check_focal_grad, check_pos_weight_grad, focal_grad,
    initial_loss, jensen_and_entropy, shifted_by_hand, steepest_squared_error,
};

// ANCHOR: main
fn main() -> ExitCode {
    let exercise = std::env::args().nth(1).unwrap_or_default();
    let printed = match exercise.as_str() {
        "1" => one(),
        "2" => two(),
        "3" => three(),
        "4" => four(),
        "5" => five(),
        "6" => six(),
        "7" => seven(),
        _ => Err(format!(
            "no exercise {exercise:?}: give the number of an exercise, 1 to 7, as in `solution 3`"
        )),
    };
    match printed {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
// ANCHOR_END: main

fn one() -> Result<(), String> {
    let targets = [1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0];
    let (best, loss, h) = best_constant(&targets).map_err(|e| e.to_string())?;
    println!("labels 1 0 1 1 0 1 1 0: best constant p {best}, mean loss there {loss:.6}");
    println!("entropy of the share of ones, H(0.625) = {h:.6}");
    Ok(())
}

fn two() -> Result<(), String> {
    println!(
        "slope at z = 0, y = 1, w = 3: {}",
        bce_pos_weight_grad(0.0, 1.0, 3.0)
    );
    println!(
        "worst disagreement with a finite difference: {:.1e}",
        check_pos_weight_grad()
    );
    Ok(())
}

fn three() -> Result<(), String> {
    let (focal_0, focal_3) = (focal_grad(0.0, 1.0, 2.0), focal_grad(3.0, 1.0, 2.0));
    let (ce_0, ce_3) = (focal_grad(0.0, 1.0, 0.0), focal_grad(3.0, 1.0, 0.0));
    println!("label 1, slope at z = 0 and at z = 3");
    println!("focal loss, γ = 2:     {focal_0:.6}  {focal_3:.6e}");
    println!("cross-entropy, γ = 0:  {ce_0:.6}  {ce_3:.6e}");
    println!(
        "at z = 3 cross-entropy's slope is {:.0} times the focal loss's",
        ce_3 / focal_3
    );
    println!(
        "worst disagreement with a finite difference: {:.1e}",
        check_focal_grad()
    );
    Ok(())
}

fn four() -> Result<(), String> {
    let (by_hand, library, sum) =
        shifted_by_hand(&[1000.0, 1002.0, 999.0], 0).map_err(|e| e.to_string())?;
    println!(
        "logits 1000 1002 999, class 0: by hand {by_hand:.6}, cross_entropy_with_logits {library:.6}"
    );
    println!("sum of the gradient's entries: {sum:.1e}");
    Ok(())
}

fn five() -> Result<(), String> {
    let (gap, excess, worst) = jensen_and_entropy().map_err(|e| e.to_string())?;
    println!("10000 random pairs: smallest Jensen gap {gap:.1e}");
    println!("largest H(p) - ln K {excess:.1e}");
    println!("H(p) + KL(p||uniform) = ln K, worst disagreement {worst:.1e}");
    Ok(())
}

fn six() -> Result<(), String> {
    let (z, slope) = steepest_squared_error();
    println!("steepest squared error, label 1: z = {z:.3}, slope {slope:.6}");
    println!("-ln 2 = {:.3}", -libm::log(2.0));
    Ok(())
}

fn seven() -> Result<(), String> {
    println!("ln 3 = {:.4}", libm::log(3.0));
    for scale in [0.01, 0.1, 1.0, 3.0] {
        let loss = initial_loss(scale, 7).map_err(|e| e.to_string())?;
        println!("weights in [-{scale}, {scale}]: initial loss {loss:.4}");
    }
    Ok(())
}
