//! The article's ten inputs, their sigmoid at four decimals, and the article's own values.

use ch02_sigmoid::article::{ARTICLE_SIGMOID, HALF_STEP, X};
use ch02_sigmoid::sigmoid;

// ANCHOR: main
fn main() {
    println!("      x  sigmoid  article");
    let (mut same, mut differs) = (0, Vec::new());
    for (i, &x) in X.iter().enumerate() {
        let ours = format!("{:.4}", sigmoid(x));
        let theirs = ARTICLE_SIGMOID.get(i).map(|v| format!("{v:.4}"));
        let verdict = match &theirs {
            None => "not printed by the article",
            Some(t) if *t == ours => "same",
            Some(_) => "DIFFERS",
        };
        match verdict {
            "same" => same += 1,
            "DIFFERS" => differs.push(x),
            _ => {}
        }
        println!(
            "{x:7.4}   {ours}   {:6}  {verdict}",
            theirs.as_deref().unwrap_or("-")
        );
    }
    println!(
        "the same in {same} of the {} values the article prints",
        ARTICLE_SIGMOID.len()
    );

    // A value displayed at four decimals as x was somewhere in [x - 0.00005, x + 0.00005].
    println!();
    for x in differs {
        let (lo, hi) = (x - HALF_STEP, x + HALF_STEP);
        println!("shown as {x:.4}: lowest x {lo:.5}, highest x {hi:.5}");
        println!(
            "shown as {x:.4}: lowest sigmoid {:.6}, highest sigmoid {:.6}",
            sigmoid(lo),
            sigmoid(hi)
        );
    }
}
// ANCHOR_END: main
