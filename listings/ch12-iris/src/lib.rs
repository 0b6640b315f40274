//! Chapter 12: the Iris classifier.
//!
//! Fisher's 150 flowers, three species, four measurements each, trained by Chapter 11's
//! trainer. What is new is the head for three classes (`head`); the rest of the crate is the
//! chapter's experiments: the data and the article's setup (`setup`), the scaler's leak
//! (`leak`), the spread over seeds (`seeds`), the article's own split (`article_split`) and a
//! model of the petals whose decisions can be drawn (`petals`).

pub mod article_split;
pub mod exercises;
#[cfg(not(target_arch = "wasm32"))]
pub mod figures;
pub mod head;
pub mod leak;
pub mod petals;
pub mod seeds;
pub mod setup;
