//! The chapter's trainer: the churn article's setup on the committed data.

use std::process::ExitCode;

use ch11_churn::head::BinaryHead;
use ch11_churn::run::print_run;
use ch11_churn::synth::churn_dataset;
use ch11_churn::train::ARTICLE_CHURN;

// ANCHOR: main
fn main() -> ExitCode {
    print_run(churn_dataset(), &BinaryHead, &ARTICLE_CHURN)
}
// ANCHOR_END: main
