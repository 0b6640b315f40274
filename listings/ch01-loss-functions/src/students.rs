//! The class: two numbers per student, and whether the student passed.

/// One student: hours spent studying, the score on a practice exam (out of 10), and the
/// outcome of the real exam.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Student {
    pub hours: f64,
    pub practice: f64,
    pub passed: bool,
}

// ANCHOR: class
/// Fourteen students, seven who passed and seven who failed.
// One student per line, as a table: rustfmt would spread each over five.
#[rustfmt::skip]
pub const CLASS: [Student; 14] = [
    Student { hours: 6.0, practice: 7.0, passed: true },
    Student { hours: 7.0, practice: 5.0, passed: true },
    Student { hours: 8.0, practice: 6.0, passed: true },
    Student { hours: 5.0, practice: 8.0, passed: true },
    Student { hours: 9.0, practice: 4.0, passed: true },
    Student { hours: 4.0, practice: 7.5, passed: true },
    Student { hours: 8.0, practice: 3.0, passed: true },
    Student { hours: 2.0, practice: 3.0, passed: false },
    Student { hours: 3.0, practice: 5.0, passed: false },
    Student { hours: 1.0, practice: 6.0, passed: false },
    Student { hours: 4.0, practice: 4.0, passed: false },
    Student { hours: 5.0, practice: 2.0, passed: false },
    Student { hours: 6.0, practice: 3.0, passed: false },
    Student { hours: 2.0, practice: 7.5, passed: false },
];
// ANCHOR_END: class
