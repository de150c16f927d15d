//! The book itself: it builds cleanly, its links hold, it shows every
//! listing as the house rules say, its generated pages are up to date, and
//! its facts match the crates it is about. One module per concern; each
//! failure names the file (and line) to fix.
//!
//! The book is read through the book tool's library (`tools/src/`): mdBook
//! renders it, pulldown-cmark parses its markdown, `toml` and `serde_json`
//! read data, syn reads the proofs.

mod citations;
mod facts;
mod generated;
mod history;
mod html;
mod links;
mod listings;
mod mutations;
mod provenance;
mod simulator;
mod tool;
mod unshown;

use std::path::PathBuf;
use std::sync::OnceLock;

use book::chapters::{self, Chapter};

fn root() -> PathBuf {
    house::root()
}

/// Every page of the book, parsed once for all the checks of this run.
fn chapters() -> &'static [Chapter] {
    static CHAPTERS: OnceLock<Vec<Chapter>> = OnceLock::new();
    CHAPTERS.get_or_init(|| chapters::all(&root()))
}

/// The HTML book, rendered once per run, and what mdBook reported.
fn rendered() -> &'static (PathBuf, Vec<String>) {
    static RENDERED: OnceLock<(PathBuf, Vec<String>)> = OnceLock::new();
    RENDERED.get_or_init(|| {
        let dest = root().join("target/book-check/html");
        let report = book::render::html_for_checks(&root(), &dest);
        (dest, report)
    })
}
