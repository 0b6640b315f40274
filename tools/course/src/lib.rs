//! Teaching with the book.
//!
//! - [`exercises`]: a chapter's exercises, the stubs that replace their solutions, and putting
//!   the solutions back.
//! - [`edition`]: the student edition, a copy of the repository whose exercises are stubs and
//!   whose pages show no solutions; its tests are the grader.
//! - [`grade`]: running the tests of an edition and scoring them per chapter and per exercise.

pub mod check;
pub mod edition;
pub mod exercises;
pub mod testrun;
