//! Teaching with the book.
//!
//! - [`exercises`]: a chapter's exercises, the stubs that replace their solutions, and putting
//!   the solutions back.
//! - [`edition`]: the student edition, a copy of the repository whose exercises are stubs and
//!   whose pages show no solutions; its tests are the grader.
//! - [`testrun`]: running a workspace's tests and reading each test's result.
//! - [`check`]: whether a student edition is sound, judged from a run of its tests.
//! - [`grade`]: the score of a student edition per chapter and per exercise.
//! - [`gift`]: the quizzes in GIFT, for an LMS.
//! - [`html`], [`slides`], [`release`]: the instructor edition, slides with speaker notes, and
//!   versioned releases.
//! - [`tasks`]: the `cargo book` tasks of the course.

pub mod check;
pub mod edition;
pub mod exercises;
pub mod gift;
pub mod grade;
pub mod html;
pub mod release;
pub mod rules;
pub mod slides;
pub mod tasks;
pub mod testrun;
