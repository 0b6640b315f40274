//! What can be wrong with the input of a loss.

use ch03_softmax::SoftmaxError;

// ANCHOR: error
/// Why a loss could not be computed. Every variant says what is wrong and where.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum LossError {
    /// A mean over no samples is undefined.
    #[error("empty batch: there are no samples to average over")]
    EmptyBatch,
    /// Two inputs that must describe the same samples have different sizes.
    #[error("length mismatch: {what} has {actual} entries, expected {expected}")]
    LengthMismatch {
        what: &'static str,
        expected: usize,
        actual: usize,
    },
    /// A probability outside [0, 1], or NaN.
    #[error("probability out of range at index {index}: {value} is not in [0, 1]")]
    ProbabilityOutOfRange { index: usize, value: f64 },
    /// A target outside [0, 1], or NaN.
    #[error("target out of range at index {index}: {value} is not in [0, 1]")]
    TargetOutOfRange { index: usize, value: f64 },
    /// A logit that is infinite or NaN.
    #[error("non-finite logit at index {index}")]
    NonFinite { index: usize },
    /// A loss whose exact value is finite but too large for an `f64`: absurd logits or weights.
    #[error("{what} overflows: its exact value is finite but above f64::MAX")]
    Overflow { what: &'static str },
    // The variants below come with Chapter 6: class indices, rows of logits and options.
    // ANCHOR_END: error
    /// A class index that names no column of the logits.
    #[error(
        "class out of range at row {index}: class {class}, but there are only {classes} classes"
    )]
    ClassOutOfRange {
        index: usize,
        class: usize,
        classes: usize,
    },
    /// Logits with zero columns: there is no class to predict.
    #[error("no classes: the logits have zero columns")]
    NoClasses,
    /// Rows of logits that have no softmax; Chapter 3's error says which logit and why.
    #[error(transparent)]
    Softmax(#[from] SoftmaxError),
    /// A setting of a loss outside the range where it means something.
    #[error("invalid {name}: {value}")]
    InvalidParameter { name: &'static str, value: f64 },
    /// A weighted mean whose weights add up to zero (every target ignored, or weight zero).
    #[error("the weights of the batch add up to zero: the weighted mean is undefined")]
    ZeroTotalWeight,
}
