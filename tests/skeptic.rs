//! Every ```` ```rust ```` block of the book, exactly as a reader sees it.
//!
//! build.rs expands the chapters with mdBook's own preprocessors (so each
//! `{{#rustdoc_include}}` becomes the listing, hidden `# ` lines included) and
//! hands them to skeptic, which writes one test per block, named after the
//! chapter, its section and the block's line in the expanded chapter (under
//! `target/debug/build/notify-in-practice-*/out/markdown/`). Each test
//! compiles the block as a program and runs it.
//!
//! skeptic compiles blocks with edition 2021 (the newest it knows), while the
//! listings themselves build with edition 2024: every block passes under both.
#![allow(clippy::all)]

use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};

include!(concat!(env!("OUT_DIR"), "/skeptic-tests-retrying.rs"));

/// Runs one skeptic test, again if it only failed to start its program
/// because the file was busy (see `retry_when_text_file_busy` in build.rs).
fn retry_when_busy(test: impl Fn()) {
    for attempt in 1.. {
        match catch_unwind(AssertUnwindSafe(&test)) {
            Ok(()) => return,
            Err(panic) if attempt < 20 && text_file_busy(&*panic) => continue,
            Err(panic) => resume_unwind(panic),
        }
    }
}

fn text_file_busy(panic: &(dyn std::any::Any + Send)) -> bool {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("");
    message.contains("Text file busy") || message.contains("os error 26")
}
