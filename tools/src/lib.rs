//! The book tool's library: everything that reads the book as a whole.
//!
//! `cargo run` (src/main.rs) renders and opens the book; `cargo run -- bless`
//! rewrites the generated files; the book's checks (`tests/book/`) and the
//! skeptic test crate (`tests/skeptic/`) read the book through these modules.

pub mod bundle;
pub mod chapters;
pub mod citations;
pub mod day_one;
pub mod facts;
pub mod generated;
pub mod layout;
pub mod marks;
pub mod mutants;
pub mod pdf;
pub mod provenance;
pub mod recipes;
pub mod render;
pub mod rust;
pub mod unshown;
pub mod zip;
