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
//! - `{{#documented ID}}`, `{{#observed}}`, `{{#internal}}`: what kind of
//!   fact a statement is (see `facts.rs`): a small label, and for a
//!   documented one the quote from tokio's docs (`data/documented.toml`)
//!   with a link to them.
//!
//! Each mark carries the kind of fact its test proves (a class and its
//! tooltip). On the pages of Part I (the introduction and the chapters
//! before the "Reference" part) marks are hidden unless the reader shows
//! them (the ✓ button that `theme/head.hbs` adds to the menu bar; the
//! choice is kept): there the text is for learning, and the page ends with
//! a one-line note that says where its proofs are.
//!
//! The claims ledger and the checks read the same directives from the
//! markdown (`chapters.rs`).

use std::collections::BTreeMap;

use mdbook_driver::book::{Book, BookItem};

use crate::facts::{Fact, Quote};
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
    /// What kind of fact each proof test proves.
    pub facts: BTreeMap<(String, String), Fact>,
    /// The documented quotes, by id.
    pub quotes: BTreeMap<String, Quote>,
    /// The pinned tokio version, for "observed in tokio X".
    pub tokio: String,
    /// The pinned tokio-util version, for `{{#observed tokio-util}}`.
    pub tokio_util: String,
}

/// The directives that label a statement's kind of fact.
pub const LABELS: [&str; 3] = ["documented", "observed", "internal"];

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
            facts: crate::facts::of_tests(root)
                .into_iter()
                .filter_map(|(key, fact)| Some((key, fact.ok()?)))
                .collect(),
            quotes: crate::facts::quotes(root).unwrap_or_default(),
            tokio: crate::facts::locked_version(root, "tokio")
                .unwrap_or_else(|| "?".to_owned()),
            tokio_util: crate::facts::locked_version(root, "tokio-util")
                .unwrap_or_else(|| "?".to_owned()),
        }
    }

    /// `text` with every directive expanded, for a page `depth` folders
    /// below `src/`; `core` for a page of Part I.
    pub fn expand(&self, text: &str, depth: usize, core: bool) -> String {
        let to_root = "../".repeat(depth);
        let marks = find(text).len();
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for (range, kind, module, test) in find(text) {
            out.push_str(&text[last..range.start]);
            let (class, sign) = match kind {
                Kind::Proof => ("proof-mark", "✓"),
                Kind::Replay => ("replay-mark", "↻"),
            };
            let what = kind.word();
            let fact = self
                .facts
                .get(&(module.clone(), test.clone()))
                .map_or("unlabelled", Fact::word);
            let core_class = if core { " core-mark" } else { "" };
            out.push_str(&format!(
                "<sup class=\"{class} fact-{fact}{core_class}\"><a href=\"{to_root}proofs/{module}.html#{test}\" \
                 title=\"{what} ({fact}): {module}::{test}\" aria-label=\"{what} ({fact}): {module}::{test}\">{sign}</a></sup>"
            ));
            last = range.end;
        }
        out.push_str(&text[last..]);
        if core && marks > 0 {
            out.push_str(&format!(
                "\n\n<p class=\"proof-note\"><span class=\"screen-only\">Every claim on this page is \
                 proven by a test: the ✓ button in the menu bar shows their marks, and the \
                 </span><span class=\"print-only\">Every claim on this page is proven by a test; the \
                 </span><a href=\"{to_root}appendix-claims-ledger.html\">claims ledger</a> lists them \
                 all.</p>\n"
            ));
        }
        let out = self.expand_labels(&out, &to_root);
        self.expand_sources(&out)
    }

    /// `{{#documented ID}}`, `{{#observed}}`, `{{#internal}}`.
    fn expand_labels(&self, text: &str, to_root: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        let about =
            format!("{to_root}appendix-proofs.html#three-kinds-of-fact");
        while let Some(start) = rest.find("{{#") {
            let after = &rest[start + 3..];
            let Some(end) = after.find("}}") else { break };
            let spec = after[..end].trim();
            let (name, arg) = spec.split_once(' ').unwrap_or((spec, ""));
            if !LABELS.contains(&name) {
                out.push_str(&rest[..start + 3]);
                rest = after;
                continue;
            }
            out.push_str(&rest[..start]);
            let tokio = &self.tokio;
            match name {
                // `{{#observed}}` is about tokio; `{{#observed tokio-util}}`
                // about tokio-util.
                "observed" if arg.trim().is_empty() => out.push_str(&format!(
                    "<a class=\"fact-tag fact-observed\" href=\"{about}\" title=\"Observed in tokio \
                     {tokio}: a test proves it on this release; tokio does not promise it, and it may \
                     change\">observed in {tokio}</a>"
                )),
                "observed" if arg.trim() == "tokio-util" => out.push_str(&format!(
                    "<a class=\"fact-tag fact-observed\" href=\"{about}\" title=\"Observed in \
                     tokio-util {util}: a test proves it on this release; tokio-util does not promise \
                     it, and it may change\">observed in tokio-util {util}</a>",
                    util = self.tokio_util
                )),
                "observed" => out.push_str(&format!(
                    "{{{{#observed {arg}: only `tokio-util` or nothing}}}}"
                )),
                "internal" => out.push_str(&format!(
                    "<a class=\"fact-tag fact-internal\" href=\"{about}\" title=\"Internal: how tokio \
                     {tokio} does it today; never build on it\">internal</a>"
                )),
                _ => match self.quotes.get(arg.trim()) {
                    Some(quote) => out.push_str(&format!(
                        "<a class=\"fact-tag fact-documented\" href=\"{about}\" title=\"Documented: \
                         {} promises it in its documentation\">documented</a> “{}” ([{} docs]({}))",
                        quote.krate,
                        display_quote(&quote.text),
                        quote.krate,
                        quote.docs
                    )),
                    None => out.push_str(&format!(
                        "{{{{#documented {arg}: no such quote in data/documented.toml}}}}"
                    )),
                },
            }
            rest = &after[end + 2..];
        }
        out.push_str(rest);
        out
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

fn sub_expand(marks: &Marks, item: &mut BookItem, core: bool) {
    if let BookItem::Chapter(chapter) = item {
        let depth = chapter
            .path
            .as_ref()
            .map_or(0, |p| p.components().count().saturating_sub(1));
        chapter.content = marks.expand(&chapter.content, depth, core);
        for sub in chapter.sub_items.iter_mut() {
            sub_expand(marks, sub, core);
        }
    }
}

/// A doc comment's words as inline markdown of this book: intra-doc links
/// (`` [`notify_one()`] ``) lose their brackets, whose targets live in
/// tokio's docs.
pub fn display_quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find(']') {
            Some(close)
                if !after[..close].contains('[')
                    && !after[close + 1..].starts_with('(') =>
            {
                out.push_str(&after[..close]);
                rest = &after[close + 1..];
                // A reference-style `[text][label]`: drop the label too.
                if rest.starts_with('[')
                    && let Some(label_end) = rest.find(']')
                {
                    rest = &rest[label_end + 1..];
                }
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    crate::facts::fold(&out)
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
        // Part I: every page before the "Reference" part title.
        let mut core = true;
        for item in book.items.iter_mut() {
            if let BookItem::PartTitle(title) = item
                && title.trim() == "Reference"
            {
                core = false;
            }
            if let BookItem::Chapter(chapter) = item {
                let depth = chapter
                    .path
                    .as_ref()
                    .map_or(0, |p| p.components().count().saturating_sub(1));
                let is_core = core && chapter.path.is_some();
                chapter.content = self.expand(&chapter.content, depth, is_core);
                for sub in chapter.sub_items.iter_mut() {
                    sub_expand(self, sub, core);
                }
            }
        }
        Ok(book)
    }
}
