//! Appendix A: from listing to program.
//!
//! The `train` program reads any CSV, chooses the head from the label's values, and runs the
//! trainer of Chapters 11 and 12. What a program needs beyond the chapters' code lives here:
//! its options (`cli`), its files (`files`), and a CSV of the reader's own kind to try it on
//! (`students`).

pub mod cli;
pub mod files;
pub mod students;
