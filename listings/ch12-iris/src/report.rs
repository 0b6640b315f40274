//! Printing a scored model: accuracy, confusion matrix, precision and recall, probabilities.

use std::fmt::Write;

use crate::metrics::ConfusionMatrix;
use crate::seeds::{SeedResult, mean_min_max};
use crate::species::Species;
use crate::train::Evaluation;

fn name(class: usize) -> &'static str {
    Species::from_index(class).map_or("?", Species::name)
}

// ANCHOR: confusion_table
/// The confusion matrix as a table: one row per true species, one column per prediction.
pub fn confusion_table(m: &ConfusionMatrix) -> String {
    let mut out = String::new();
    let _ = write!(out, "{:12}", "true \\ pred");
    for p in 0..m.classes() {
        let _ = write!(out, "{:>12}", name(p));
    }
    out.push('\n');
    for a in 0..m.classes() {
        let _ = write!(out, "{:12}", name(a));
        for p in 0..m.classes() {
            let _ = write!(out, "{:>12}", m.count(a, p));
        }
        out.push('\n');
    }
    out
}
// ANCHOR_END: confusion_table

/// Precision and recall per species, at 4 decimals; a dash where the ratio is 0/0.
pub fn precision_recall_table(m: &ConfusionMatrix) -> String {
    let show = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.4}"));
    let mut out = format!("{:12}{:>11}{:>9}\n", "species", "precision", "recall");
    for c in 0..m.classes() {
        let _ = writeln!(
            out,
            "{:12}{:>11}{:>9}",
            name(c),
            show(m.precision(c)),
            show(m.recall(c))
        );
    }
    out
}

/// The test accuracy, the confusion matrix, precision and recall, and the predicted
/// probabilities of the first `shown` test flowers, whose file rows are `rows`.
pub fn print_evaluation(eval: &Evaluation, rows: &[usize], shown: usize) {
    let m = &eval.confusion;
    let correct: usize = (0..m.classes()).map(|c| m.count(c, c)).sum();
    println!(
        "test loss {:.4}, test accuracy {:.4} ({correct} of {})",
        eval.loss,
        m.accuracy(),
        m.total()
    );
    println!();
    print!("{}", confusion_table(m));
    println!();
    print!("{}", precision_recall_table(m));
    println!();
    let shown = shown.min(rows.len());
    println!("predicted probabilities of the first {shown} test flowers");
    println!(
        "{:>4}  {:12}{:>8}{:>12}{:>11}  predicted",
        "row", "species", "setosa", "versicolor", "virginica"
    );
    for (i, &row) in rows.iter().enumerate().take(shown) {
        let target = eval.targets[i];
        let p = eval.probs.row(i);
        // Rows count from 1 like the data lines after the header.
        println!(
            "{:>4}  {:12}{:>8.4}{:>12.4}{:>11.4}  {}",
            row + 1,
            name(target),
            p[0],
            p[1],
            p[2],
            name(eval.predicted[i])
        );
    }
}

/// One line per seed, then the mean, smallest and largest test accuracy: the table that
/// `iris-seeds` and `article-split` print.
pub fn seed_table(results: &[SeedResult]) -> String {
    let mut out = String::from("seed  final train loss  test loss  test accuracy\n");
    for r in results {
        let _ = writeln!(
            out,
            "{:4}  {:16.4}  {:9.4}  {:13.4}",
            r.seed, r.final_train_loss, r.test_loss, r.test_accuracy
        );
    }
    let accuracies: Vec<f64> = results.iter().map(|r| r.test_accuracy).collect();
    if let Some((mean, min, max)) = mean_min_max(&accuracies) {
        let _ = writeln!(
            out,
            "test accuracy over {} seeds: mean {mean:.4}, min {min:.4}, max {max:.4}",
            results.len()
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_line_up_and_show_dashes_for_undefined_ratios() {
        let m = ConfusionMatrix::new(&[0, 0, 1], &[0, 1, 1], 3).unwrap();
        let table = confusion_table(&m);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 4);
        assert!(lines.iter().all(|l| l.len() == lines[0].len()), "{table}");
        assert!(
            lines[2].starts_with("versicolor") && lines[2].ends_with("1           1           0"),
            "{table}"
        );
        let pr = precision_recall_table(&m);
        assert!(pr.contains("setosa           0.5000   1.0000"), "{pr}");
        assert!(pr.contains("virginica             -        -"), "{pr}");
    }
}
