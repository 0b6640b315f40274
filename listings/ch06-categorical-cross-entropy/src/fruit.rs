//! The source article's three fruit containers.

// ANCHOR: fruit
/// The classes, in column order.
pub const FRUITS: [&str; 3] = ["orange", "apple", "lemon"];

/// The model's probabilities for each container (one row per container A, B, C).
pub const PREDICTED: [[f64; 3]; 3] = [[0.7, 0.2, 0.1], [0.3, 0.4, 0.3], [0.1, 0.5, 0.4]];

/// What each container really holds: an orange, a lemon, a lemon.
pub const CORRECT: [usize; 3] = [0, 2, 2];
// ANCHOR_END: fruit
