//! The chapter's trainer: the Iris article's setup on Fisher's flowers.

use std::process::ExitCode;

use ch11_churn::run::print_run;
use ch12_iris::head::SoftmaxHead;
use ch12_iris::setup::{ARTICLE_IRIS, iris_dataset};

// ANCHOR: main
fn main() -> ExitCode {
    print_run(iris_dataset(), &SoftmaxHead, &ARTICLE_IRIS)
}
// ANCHOR_END: main
