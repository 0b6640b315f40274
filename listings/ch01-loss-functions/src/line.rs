//! The model: a straight line through the plane of (hours, practice score).

use crate::students::Student;

// ANCHOR: line
/// The line `w_hours * hours + w_practice * practice + b = 0`. Students on the side where the
/// score is positive are predicted to pass.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    pub w_hours: f64,
    pub w_practice: f64,
    pub b: f64,
}

impl Line {
    /// The linear score of a student: how far, in score units, they are from the line.
    pub fn score(&self, student: &Student) -> f64 {
        self.w_hours * student.hours + self.w_practice * student.practice + self.b
    }

    pub fn predicts_pass(&self, student: &Student) -> bool {
        self.score(student) > 0.0
    }
}
// ANCHOR_END: line

/// The line the chapter starts from. It gets two students wrong.
pub const START: Line = Line {
    w_hours: 0.5,
    w_practice: 1.0,
    b: -8.0,
};
