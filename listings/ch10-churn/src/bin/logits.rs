//! The article's sigmoid-then-BCELoss against the loss from logits, for a customer who stayed
//! (target 0) while the network's logit grows.

use std::process::ExitCode;

use ch10_churn::logits::{from_logits_loss_and_grad, sigmoid_f32, two_step_loss_and_grad};

// ANCHOR: main
fn main() -> ExitCode {
    println!("target 0; the logit z says 'leaves' ever more confidently");
    println!("     z   sigmoid (f32)   two-step loss   two-step grad   logits loss   logits grad");
    for z in [0.0, 2.0, 5.0, 10.0, 16.0, 17.0, 20.0, 40.0, 100.0] {
        let (Ok((loss2, grad2)), Ok((loss1, grad1))) = (
            two_step_loss_and_grad(z, 0.0),
            from_logits_loss_and_grad(z, 0.0),
        ) else {
            eprintln!("error: a loss could not be computed at z = {z}");
            return ExitCode::FAILURE;
        };
        let p = sigmoid_f32(z as f32);
        println!("{z:6.1}   {p:13.10}   {loss2:13.6}   {grad2:13.6}   {loss1:11.6}   {grad1:11.6}");
    }
    ExitCode::SUCCESS
}
// ANCHOR_END: main
