//! Every ```` ```rust ```` block of the book, exactly as a reader sees it.
//!
//! build.rs expands the chapters with mdBook's own preprocessors (so each
//! `{{#rustdoc_include}}` becomes the listing, hidden `# ` lines included) and
//! hands them to skeptic, which writes one test per block, named after the
//! chapter, its section and the block's line in the expanded chapter. Each test
//! compiles the block as a program and runs it.
//!
//! skeptic compiles blocks with edition 2021 (the newest it knows), while the
//! listings themselves build with edition 2024: every block passes under both.
#![allow(clippy::all)]

include!(concat!(env!("OUT_DIR"), "/skeptic-tests.rs"));
