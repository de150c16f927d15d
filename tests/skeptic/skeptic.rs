//! Every ```` ```rust ```` block of the book, exactly as a reader sees it.
//!
//! `build.rs` expands the chapters with mdBook's own preprocessors (so each
//! `{{#rustdoc_include}}` becomes the listing, hidden `# ` lines included)
//! and hands them to skeptic, which writes one test per block, named after
//! the chapter, its section and the block's line in the expanded chapter.
//! Each test compiles the block as a program and runs it.
//!
//! skeptic compiles blocks with edition 2021 (the newest it knows), while the
//! listings themselves build with edition 2024: every block passes under both.
//!
//! One setting matters: skeptic runs its snippets on one worker
//! (`SKEPTIC_JOBS = "1"` in `.cargo/config.toml`). skeptic 0.14's binary
//! cache marks a cached program as used by opening it for writing; a second
//! worker that starts a program at that instant hands the open file to its
//! child, and running the first program then fails with "Text file busy".
#![allow(clippy::all)]

include!(concat!(env!("OUT_DIR"), "/skeptic-tests.rs"));

#[test]
fn snippets_run_on_one_worker() {
    assert_eq!(
        std::env::var("SKEPTIC_JOBS").as_deref(),
        Ok("1"),
        "set SKEPTIC_JOBS = \"1\" in .cargo/config.toml (see this file's header)"
    );
}
