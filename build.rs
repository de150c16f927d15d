//! Renders the book with mdBook's own machinery, once per change of the book.
//!
//! - `$OUT_DIR/markdown/`: every chapter after mdBook's preprocessors ran, so
//!   `{{#include}}` and `{{#rustdoc_include}}` are expanded exactly as the
//!   reader sees them (hidden `# ` lines included). skeptic turns every
//!   ```` ```rust ```` block there into a test (`tests/skeptic.rs`).
//! - `$OUT_DIR/html/`: the HTML book. `cargo run` copies it to `book/`;
//!   `tests/book.rs` checks its links and anchors.
//! - `$OUT_DIR/mdbook-report.txt`: every warning and error mdBook logged, one
//!   a line. `tests/book.rs` fails if it is not empty.
//! - `$OUT_DIR/listings.rs`: the runnable listings, for `tests/listings.rs`.
//!
//! Nothing here panics on a broken book: the tests report it and name the
//! culprit, and `cargo run` still shows the book you are working on.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

#[path = "tools/files.rs"]
mod files;

use files::files_under;
use mdbook_driver::MDBook;
use mdbook_driver::builtin_renderers::MarkdownRenderer;
use mdbook_driver::config::Config;

fn main() {
    for watched in ["book.toml", "src", "listings", "theme"] {
        println!("cargo:rerun-if-changed={watched}");
    }
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());

    tracing::subscriber::set_global_default(Collector).expect("one subscriber");

    let rendered = out.join("markdown-rendered");
    let markdown = out.join("markdown");
    let html = out.join("html");
    render(&root, &rendered, Backend::Markdown);
    render(&root, &html, Backend::Html);

    // Both renders log the same preprocessor problems: report each once.
    let mut report = String::new();
    for line in LOGGED.lock().unwrap().iter() {
        if !report.lines().any(|seen| seen == line) {
            report.push_str(line);
            report.push('\n');
        }
    }
    fs::write(out.join("mdbook-report.txt"), report).unwrap();

    let chapters = mirror_with_old_mtime(&rendered, &markdown);
    skeptic::generate_doc_tests(&chapters);
    retry_when_text_file_busy(&out);

    fs::write(out.join("listings.rs"), runnable_listings(&root)).unwrap();
}

/// Routes every skeptic test through `tests/skeptic.rs`'s `retry_when_busy`.
///
/// skeptic 0.14's binary cache opens a cached program for writing to mark it
/// used; a test thread that forks at that instant hands the open file to its
/// child, and a third thread executing that program then fails with "Text
/// file busy" (ETXTBSY). Retrying the run is the cure; the tests it wraps
/// are unchanged.
fn retry_when_text_file_busy(out: &Path) {
    let generated = fs::read_to_string(out.join("skeptic-tests.rs")).unwrap();
    let wrapped = generated
        .replace(
            "    skeptic::rt::run_test(",
            "    crate::retry_when_busy(|| skeptic::rt::run_test(",
        )
        .replace(
            "    skeptic::rt::compile_test(",
            "    crate::retry_when_busy(|| skeptic::rt::compile_test(",
        )
        .replace(", s);\n", ", s));\n");
    let target = out.join("skeptic-tests-retrying.rs");
    if fs::read_to_string(&target).ok().as_deref() != Some(wrapped.as_str()) {
        fs::write(target, wrapped).unwrap();
    }
}

enum Backend {
    Markdown,
    Html,
}

fn render(root: &Path, dest: &Path, backend: Backend) {
    let result = (|| {
        let mut config = Config::from_disk(root.join("book.toml"))?;
        config.build.build_dir = dest.to_path_buf();
        config.build.create_missing = false;
        let book = MDBook::load_with_config(root, config)?;
        match backend {
            Backend::Markdown => {
                book.execute_build_process(&MarkdownRenderer::new())
            }
            Backend::Html => book.build(),
        }
    })();
    if let Err(error) = result {
        LOGGED
            .lock()
            .unwrap()
            .push(format!("ERROR mdBook: {error:#}"));
    }
}

/// Copies the expanded chapters where skeptic reads them, dated long ago.
///
/// skeptic asks cargo to re-run this script when those files change; files
/// written during the run would look newer than the run and make cargo run it
/// on every build. Their real trigger is `src/` and `listings/`, watched above.
fn mirror_with_old_mtime(from: &Path, to: &Path) -> Vec<PathBuf> {
    let _ = fs::remove_dir_all(to);
    let mut chapters = Vec::new();
    for path in files_under(from) {
        if path.extension().is_some_and(|e| e == "md") {
            let target = to.join(path.strip_prefix(from).unwrap());
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::copy(&path, &target).unwrap();
            let file = fs::File::options().write(true).open(&target).unwrap();
            file.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(1))
                .unwrap();
            chapters.push(target);
        }
    }
    chapters
}

/// `("listings/.../listing-01-02.rs", env!("CARGO_BIN_EXE_listing-01-02")),`
/// for every listing that is a program (a `.stderr` beside it marks one that
/// must not compile instead).
fn runnable_listings(root: &Path) -> String {
    let mut code = String::from("&[\n");
    for path in files_under(&root.join("listings")) {
        let name = path.file_name().unwrap().to_string_lossy();
        if name.starts_with("listing-")
            && name.ends_with(".rs")
            && !path.with_extension("stderr").exists()
        {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let bin = name.trim_end_matches(".rs");
            writeln!(code, "    ({rel:?}, env!(\"CARGO_BIN_EXE_{bin}\")),")
                .unwrap();
        }
    }
    code.push(']');
    code
}

// mdBook reports problems through `tracing`; keep every warning and error.

static LOGGED: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Collector;

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
        LOGGED.lock().unwrap().push(line.replace('\n', " "));
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}
