//! What can be wrong with the input of a loss.

// ANCHOR: error
/// Why a loss could not be computed. Every variant says what is wrong and where.
///
/// Chapter 6 reuses this type for the categorical losses, so it also has the variants that
/// only a batch of class indices can trigger.
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
    /// A class index that names no column of the logits.
    #[error(
        "class out of range at row {index}: class {class}, but there are only {classes} classes"
    )]
    ClassOutOfRange {
        index: usize,
        class: usize,
        classes: usize,
    },
    /// A logit that is infinite or NaN, in a batch of single logits.
    #[error("non-finite logit at index {index}")]
    NonFinite { index: usize },
    /// A logit that is infinite or NaN, in a batch of rows of logits.
    #[error("non-finite logit at row {row}, column {column}")]
    NonFiniteLogit { row: usize, column: usize },
    /// Logits with zero columns: there is no class to predict.
    #[error("no classes: the logits have zero columns")]
    NoClasses,
    /// A setting of a loss outside the range where it means something.
    #[error("invalid {name}: {value}")]
    InvalidParameter { name: &'static str, value: f64 },
    /// A weighted mean whose weights add up to zero (every target ignored, or weight zero).
    #[error("the weights of the batch add up to zero: the weighted mean is undefined")]
    ZeroTotalWeight,
}
// ANCHOR_END: error
