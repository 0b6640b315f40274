//! The article's sigmoid-then-BCELoss against the loss from logits, for a customer who stayed
//! (target 0) while the network's logit grows.

use std::process::ExitCode;

use ch05_binary_cross_entropy::LossError;
use ch11_churn::logits::{from_logits_loss_and_grad, sigmoid_f32, two_step_loss_and_grad};
use ch11_churn::report::exit_code;

fn main() -> ExitCode {
    exit_code(table())
}

// ANCHOR: main
fn table() -> Result<(), LossError> {
    println!("target 0; the logit z says 'leaves' ever more confidently");
    println!("     z   sigmoid (f32)   two-step loss   two-step grad   logits loss   logits grad");
    for z in [0.0, 2.0, 5.0, 10.0, 16.0, 17.0, 20.0, 40.0, 100.0] {
        let (loss2, grad2) = two_step_loss_and_grad(z, 0.0)?;
        let (loss1, grad1) = from_logits_loss_and_grad(z, 0.0)?;
        let p = sigmoid_f32(z as f32);
        println!("{z:6.1}   {p:13.10}   {loss2:13.6}   {grad2:13.6}   {loss1:11.6}   {grad1:11.6}");
    }
    Ok(())
}
// ANCHOR_END: main
