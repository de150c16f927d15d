//! The book's own markup, expanded by a preprocessor that runs inside
//! mdBook (registered in `render.rs`):
//!
//! - `{{#proof module::test}}`: a small mark after a claim, linking to the
//!   test that proves it, on its proof page (`src/proofs/module.md`); the
//!   tooltip names the test.
//! - `{{#replay module::test}}`: the same for a claim that a test can only
//!   replay step by step, not prove (a gap between two plain calls that no
//!   deterministic test can reach); it looks different on purpose.
//! - `{{#source path}}` / `{{#source path:FIRST:LAST}}`: the address of a
//!   file (and lines) of this repository at the commit the book was built
//!   from, for "view on GitHub" links.
//!
//! The claims ledger and the checks read the same directives from the
//! markdown (`chapters.rs`).

use mdbook_driver::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

/// What kind of evidence a mark points to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A deterministic test that fails if the claim is false.
    Proof,
    /// A step-by-step replay: evidence, not proof.
    Replay,
}

impl Kind {
    pub fn word(self) -> &'static str {
        match self {
            Kind::Proof => "proof",
            Kind::Replay => "replay",
        }
    }
}

/// One `{{#proof ...}}` or `{{#replay ...}}` in a text: (byte range, kind,
/// module, test).
pub fn find(text: &str) -> Vec<(std::ops::Range<usize>, Kind, String, String)> {
    let mut found = Vec::new();
    for kind in [Kind::Proof, Kind::Replay] {
        let open = format!("{{{{#{} ", kind.word());
        for (start, _) in text.match_indices(&open) {
            let rest = &text[start + open.len()..];
            let Some(end) = rest.find("}}") else { continue };
            let name = rest[..end].trim();
            let (module, test) = name.split_once("::").unwrap_or(("", name));
            found.push((
                start..start + open.len() + end + 2,
                kind,
                module.to_owned(),
                test.to_owned(),
            ));
        }
    }
    found.sort_by_key(|(range, ..)| range.start);
    found
}

/// The preprocessor.
pub struct Marks {
    /// `https://github.com/OWNER/REPO`.
    pub repository: String,
    /// The commit the book is built from, or `main` outside a checkout.
    pub commit: String,
}

impl Marks {
    pub fn new(root: &std::path::Path) -> Marks {
        let commit = std::process::Command::new("git")
            .args(["rev-parse", "HEAD"])
            .current_dir(root)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .unwrap_or_else(|| "main".to_owned());
        Marks {
            repository: crate::generated::repository(root),
            commit,
        }
    }

    /// `text` with every directive expanded, for a page `depth` folders
    /// below `src/`.
    pub fn expand(&self, text: &str, depth: usize) -> String {
        let to_root = "../".repeat(depth);
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for (range, kind, module, test) in find(text) {
            out.push_str(&text[last..range.start]);
            let (class, sign) = match kind {
                Kind::Proof => ("proof-mark", "✓"),
                Kind::Replay => ("replay-mark", "↻"),
            };
            let what = kind.word();
            out.push_str(&format!(
                "<sup class=\"{class}\"><a href=\"{to_root}proofs/{module}.html#{test}\" \
                 title=\"{what}: {module}::{test}\" aria-label=\"{what}: {module}::{test}\">{sign}</a></sup>"
            ));
            last = range.end;
        }
        out.push_str(&text[last..]);
        self.expand_sources(&out)
    }

    fn expand_sources(&self, text: &str) -> String {
        let open = "{{#source ";
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find(open) {
            let after = &rest[start + open.len()..];
            let Some(end) = after.find("}}") else { break };
            out.push_str(&rest[..start]);
            let spec = after[..end].trim();
            let mut parts = spec.split(':');
            let path = parts.next().unwrap_or("");
            let lines = match (parts.next(), parts.next()) {
                (Some(a), Some(b)) => format!("#L{a}-L{b}"),
                (Some(a), None) => format!("#L{a}"),
                _ => String::new(),
            };
            out.push_str(&format!(
                "{}/blob/{}/{path}{lines}",
                self.repository, self.commit
            ));
            rest = &after[end + 2..];
        }
        out.push_str(rest);
        out
    }
}

impl Preprocessor for Marks {
    fn name(&self) -> &str {
        "notify-book-marks"
    }

    fn run(
        &self,
        _: &PreprocessorContext,
        mut book: Book,
    ) -> mdbook_driver::errors::Result<Book> {
        book.for_each_mut(|item| {
            if let BookItem::Chapter(chapter) = item {
                let depth = chapter
                    .path
                    .as_ref()
                    .map_or(0, |p| p.components().count().saturating_sub(1));
                chapter.content = self.expand(&chapter.content, depth);
            }
        });
        Ok(book)
    }
}
