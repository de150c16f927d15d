//! mdBook, as a library, at the version pinned in Cargo.lock.
//!
//! Two outputs: the HTML book (for `cargo run` and the link checks), and the
//! chapters after mdBook's preprocessors ran, in memory, so that every
//! `{{#include}}` and `{{#rustdoc_include}}` is expanded exactly as the
//! reader sees it (for skeptic and the book checks). Every warning or error
//! mdBook reports is collected, one a line: a clean book has none.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use mdbook_driver::MDBook;
use mdbook_driver::book::BookItem;
use mdbook_driver::builtin_renderers::MarkdownRenderer;
use mdbook_driver::config::Config;

/// A chapter as mdBook hands it to a renderer.
pub struct Expanded {
    /// Relative to `src/`, e.g. `ch01-what-and-why.md`.
    pub path: PathBuf,
    /// The chapter's number as the table of contents shows it (`7`), if any.
    pub number: Option<String>,
    pub name: String,
    pub content: String,
}

/// Loads the book with its own `book.toml`, building into `build_dir`.
pub(crate) fn load(root: &Path, build_dir: &Path) -> Result<MDBook, String> {
    load_with(root, build_dir, |_| {})
}

fn load_with(
    root: &Path,
    build_dir: &Path,
    adjust: impl FnOnce(&mut Config),
) -> Result<MDBook, String> {
    let mut config = Config::from_disk(root.join("book.toml"))
        .map_err(|e| format!("ERROR book.toml: {e:#}"))?;
    adjust(&mut config);
    config.build.build_dir = build_dir.to_path_buf();
    config.build.create_missing = false;
    let mut book = MDBook::load_with_config(root, config)
        .map_err(|e| format!("ERROR mdBook: {e:#}"))?;
    book.with_preprocessor(crate::marks::Marks::new(root));
    book.with_preprocessor(crate::unshown::Unshown);
    book.with_preprocessor(crate::layout::Layout);
    book.with_preprocessor(crate::provenance::Provenance::new(root));
    Ok(book)
}

/// Renders the HTML book into `dest`; returns what mdBook reported.
pub fn html(root: &Path, dest: &Path) -> Vec<String> {
    collecting(|| {
        let book = load(root, dest)?;
        book.build().map_err(|e| format!("ERROR mdBook: {e:#}"))
    })
}

/// The HTML book for the checks (`tests/book/`): the same pages, without
/// the search index, which only a browser reads and which takes longer to
/// build than everything else (the browser tests search the reader's build).
pub fn html_for_checks(root: &Path, dest: &Path) -> Vec<String> {
    collecting(|| {
        let book = load_with(root, dest, |config| {
            config
                .set("output.html.search.enable", false)
                .expect("a boolean setting");
        })?;
        book.build().map_err(|e| format!("ERROR mdBook: {e:#}"))
    })
}

/// Every chapter after mdBook's preprocessors, in the order of SUMMARY.md
/// (draft chapters, which have no file, left out); and what mdBook reported.
pub fn expanded(root: &Path) -> (Vec<Expanded>, Vec<String>) {
    let mut chapters = Vec::new();
    let report = collecting(|| {
        let scratch = std::env::temp_dir().join("unused-build-dir");
        let book = load(root, &scratch)?;
        let (book, _) = book
            .preprocess_book(&MarkdownRenderer::new())
            .map_err(|e| format!("ERROR mdBook: {e:#}"))?;
        for item in book.iter() {
            if let BookItem::Chapter(chapter) = item
                && let Some(path) = &chapter.path
            {
                chapters.push(Expanded {
                    path: path.clone(),
                    number: chapter.number.as_ref().map(|n| {
                        n.to_string().trim_end_matches('.').to_owned()
                    }),
                    name: chapter.name.clone(),
                    content: chapter.content.clone(),
                });
            }
        }
        Ok(())
    });
    (chapters, report)
}

/// Runs `work` while collecting every warning and error mdBook logs
/// (it reports through `tracing`), each once, in order.
fn collecting(work: impl FnOnce() -> Result<(), String>) -> Vec<String> {
    let collector = Collector::default();
    let logged = collector.0.clone();
    let result = tracing::subscriber::with_default(collector, work);
    let mut lines = logged.lock().unwrap().clone();
    if let Err(error) = result {
        lines.push(error.replace('\n', " "));
    }
    let mut seen = Vec::new();
    lines.retain(|line| {
        let new = !seen.contains(line);
        seen.push(line.clone());
        new
    });
    lines
}

#[derive(Default)]
struct Collector(Arc<Mutex<Vec<String>>>);

struct Message(String);

impl tracing::field::Visit for Message {
    fn record_debug(
        &mut self,
        field: &tracing::field::Field,
        value: &dyn std::fmt::Debug,
    ) {
        if !self.0.is_empty() {
            self.0.push(' ');
        }
        if field.name() == "message" {
            write!(self.0, "{value:?}").unwrap();
        } else {
            write!(self.0, "{}={value:?}", field.name()).unwrap();
        }
    }
}

impl tracing::Subscriber for Collector {
    fn enabled(&self, metadata: &tracing::Metadata<'_>) -> bool {
        *metadata.level() <= tracing::Level::WARN
    }
    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(
        &self,
        _: &tracing::span::Id,
        _: &tracing::span::Id,
    ) {
    }
    fn event(&self, event: &tracing::Event<'_>) {
        let mut message = Message(String::new());
        event.record(&mut message);
        let line = format!(
            "{} {}: {}",
            event.metadata().level(),
            event.metadata().target(),
            message.0
        );
        self.0.lock().unwrap().push(line.replace('\n', " "));
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}
