//! The final score: a trained network on rows it never trained on.

use ch08_layers::Network;
use ndarray::Array2;

use crate::error::TrainError;
use crate::head::Head;
use crate::metrics::{ConfusionMatrix, predict, roc_auc};
use crate::prepare::Samples;

// ANCHOR: evaluation
/// What a trained network does on a set of rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// The mean loss, as in training.
    pub loss: f64,
    /// The probability of every class, one row per sample.
    pub probs: Array2<f64>,
    pub predicted: Vec<usize>,
    pub confusion: ConfusionMatrix,
    /// The accuracy of a model that always answers `majority`, the most common class of the
    /// training rows: the bar any model must clear.
    pub majority: usize,
    pub majority_accuracy: f64,
    /// With two classes, the area under the ROC curve of the probability of class 1.
    pub roc_auc: Option<f64>,
}

/// Scores `net` on `samples`. `train_targets` are the classes the model was trained on.
pub fn evaluate(
    head: &dyn Head,
    net: &Network,
    samples: &Samples,
    train_targets: &[usize],
    classes: usize,
) -> Result<Evaluation, TrainError> {
    let logits = net.logits(samples.x.view())?;
    let loss = head.loss(logits.view(), &samples.y)?;
    let probs = head.probs(logits.view());
    let predicted = predict(probs.view());
    let confusion = ConfusionMatrix::new(&samples.y, &predicted, classes);

    let majority = most_common(train_targets, classes);
    let always = vec![majority; samples.y.len()];
    let majority_accuracy = ConfusionMatrix::new(&samples.y, &always, classes).accuracy();
    let roc_auc = match classes {
        2 => {
            let scored: Vec<(f64, bool)> = (0..samples.y.len())
                .map(|i| (probs[[i, 1]], samples.y[i] == 1))
                .collect();
            roc_auc(&scored)
        }
        _ => None,
    };
    Ok(Evaluation {
        loss,
        probs,
        predicted,
        confusion,
        majority,
        majority_accuracy,
        roc_auc,
    })
}
// ANCHOR_END: evaluation

/// The class that occurs most often in `targets`, the lower one on a tie.
pub fn most_common(targets: &[usize], classes: usize) -> usize {
    let mut counts = vec![0; classes];
    for &t in targets {
        counts[t] += 1;
    }
    (0..classes).fold(0, |best, k| if counts[k] > counts[best] { k } else { best })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_common_class_wins_and_ties_go_low() {
        assert_eq!(most_common(&[1, 0, 1, 2], 3), 1);
        assert_eq!(most_common(&[2, 0], 3), 0);
    }
}
