//! The source article's ten-value example: `torch.sigmoid` of ten normal draws.

// ANCHOR: data
/// The ten inputs, as the article prints them (rounded to four decimals by PyTorch's display).
#[rustfmt::skip]
pub const X: [f64; 10] = [
     0.0421, -0.6606,  0.6276,  1.2491, -1.1535, // the first five
    -1.4137,  0.8967, -1.1786, -1.3214,  0.2828, // and the last five
];

/// The sigmoid values the article prints: only nine, its output stops before the tenth.
#[rustfmt::skip]
pub const ARTICLE_SIGMOID: [f64; 9] = [
     0.5105,  0.3406,  0.6519,  0.7772,  0.2398, // the sigmoid of the first five
     0.1957,  0.7103,  0.2353,  0.2106,          // and of the next four
];

/// Half a unit in the fourth decimal: a value displayed as `x` lies within this of `x`.
pub const HALF_STEP: f64 = 0.00005;
// ANCHOR_END: data
