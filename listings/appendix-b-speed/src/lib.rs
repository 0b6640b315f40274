//! Appendix B: fast, and the same bits.
//!
//! Why the order of the additions fixes a result's bits (`order`), and a check that the fast
//! path of Chapter 8's `fast` module gives the plain loops' bits on many random shapes, with
//! every kernel this CPU can run (`agreement`).

pub mod agreement;
pub mod order;
