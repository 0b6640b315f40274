//! The article's ten inputs, their sigmoid at four decimals, and the article's own values.

use ch02_sigmoid::article::{ARTICLE_SIGMOID, HALF_STEP, X};
use ch02_sigmoid::sigmoid;

// ANCHOR: main
fn main() {
    println!("      x  sigmoid  article");
    let mut differs = Vec::new();
    for (i, &x) in X.iter().enumerate() {
        let ours = format!("{:.4}", sigmoid(x));
        let theirs = ARTICLE_SIGMOID.get(i).map(|v| format!("{v:.4}"));
        let verdict = match &theirs {
            None => "not printed by the article",
            Some(t) if *t == ours => "same",
            Some(_) => "DIFFERS",
        };
        if verdict == "DIFFERS" {
            differs.push(x);
        }
        println!(
            "{x:7.4}   {ours}   {:6}  {verdict}",
            theirs.as_deref().unwrap_or("-")
        );
    }

    // A value displayed at four decimals as x was somewhere in [x - 0.00005, x + 0.00005].
    println!();
    println!("  shown  true x lies in           so sigmoid lies in");
    for x in differs {
        let (lo, hi) = (x - HALF_STEP, x + HALF_STEP);
        println!(
            "{x:7.4}  {lo:8.5} to {hi:8.5}    {:.6} to {:.6}",
            sigmoid(lo),
            sigmoid(hi)
        );
    }
}
// ANCHOR_END: main
