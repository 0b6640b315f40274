//! Prints the numbers one of the chapter's exercises finds: `iris-exercises N`.

use std::process::ExitCode;

use ch11_churn::TrainError;
use ch11_churn::report::exit_code;
use ch11_churn::run::fit;
use ch11_churn::train::Config;
use ch12_iris::exercises::{
    least_certain_flower, macro_f1, mean_accuracy_with, temperature_scaling, two_heads_on_churn,
};
use ch12_iris::head::SoftmaxHead;
use ch12_iris::setup::{ARTICLE_IRIS, IRIS_TO_CONVERGENCE, iris_dataset};

// ANCHOR: main
fn main() -> ExitCode {
    let exercise = std::env::args().nth(1).unwrap_or_default();
    exit_code(match exercise.as_str() {
        "1" => one(),
        "2" => two(),
        "3" => three(),
        "4" => four(),
        "5" => five(),
        _ => Err(TrainError::Setting(format!(
            "no exercise {exercise:?}: give the number of an exercise, 1 to 5, as in \
             `iris-exercises 3`"
        ))),
    })
}
// ANCHOR_END: main

fn one() -> Result<(), TrainError> {
    let run = fit(&iris_dataset()?, &SoftmaxHead, &ARTICLE_IRIS)?;
    let m = &run.test.confusion;
    for (k, class) in run.prepared.classes.iter().enumerate() {
        println!("F1 of {class}: {:.4}", m.f1(k).unwrap_or(f64::NAN));
    }
    match macro_f1(m) {
        Some(f1) => println!("seed 42, test rows: macro F1 {f1:.4}"),
        None => println!("seed 42, test rows: no macro F1, a class has none"),
    }
    Ok(())
}

fn two() -> Result<(), TrainError> {
    let (row, species, doubt) = least_certain_flower(&iris_dataset()?)?;
    println!("least certain test flower: row {row}, a {species}, entropy {doubt:.4} nats");
    println!("largest possible, ln 3 = {:.4}", libm::log(3.0));
    Ok(())
}

fn three() -> Result<(), TrainError> {
    let iris = iris_dataset()?;
    let sepals = mean_accuracy_with(&iris, &["sepal_length", "sepal_width"])?;
    let petals = mean_accuracy_with(&iris, &["petal_length", "petal_width"])?;
    println!("seeds 0 to 9, mean test accuracy: sepals only {sepals:.4}, petals only {petals:.4}");
    Ok(())
}

fn four() -> Result<(), TrainError> {
    let (one_logit, two_logits) = two_heads_on_churn()?;
    println!(
        "churn, seed 42, test loss: sigmoid head {one_logit:.4}, softmax head {two_logits:.4}"
    );
    println!("difference {:.4}", (one_logit - two_logits).abs());
    Ok(())
}

fn five() -> Result<(), TrainError> {
    let iris = iris_dataset()?;
    let converged = Config {
        seed: 0,
        ..IRIS_TO_CONVERGENCE
    };
    for (name, config) in [
        ("at most 15 epochs (iris-train)", ARTICLE_IRIS),
        ("up to 100 epochs", converged),
    ] {
        let run = fit(&iris, &SoftmaxHead, &config)?;
        let (t, [validation, test]) = temperature_scaling(&run)?;
        let seed = config.seed;
        println!(
            "seed {seed}, {name}: kept epoch {}, temperature {t:.4}",
            run.trained.best_epoch
        );
        println!("rows                 right    loss before  after  top-class ECE before  after");
        for (rows, s) in [("validation", validation), ("test", test)] {
            let label = format!("seed {seed}, {rows}");
            println!(
                "{label:<19}  {:2} of {:2}  {:11.4}  {:6.4}  {:20.4}  {:6.4}",
                s.right, s.rows, s.loss[0], s.loss[1], s.ece[0], s.ece[1]
            );
        }
    }
    Ok(())
}
