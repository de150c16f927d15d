//! What kind of fact each claim is.
//!
//! Every proof test says, in one doc line, what kind of fact it proves:
//!
//! - `/// Fact: documented(ID)` (or `documented(ID, ID2)`): tokio's (or
//!   tokio-util's) documentation promises it; each ID names a `[[quote]]` of
//!   `data/documented.toml`, words that occur in a doc comment of the pinned
//!   source;
//! - `/// Fact: observed`: the pinned release does it, and the test proves
//!   it, but nothing promises it: it may change;
//! - `/// Fact: internal`: how tokio does it today; never something to build on.
//!
//! A proof of a listing's own behaviour carries the kind of the tokio
//! behaviour its result rests on. The chapters show the kind with
//! `{{#documented ID}}` (the quote and a link to the docs), `{{#observed}}`
//! and `{{#internal}}` (rendered by `marks.rs`); the checks are in
//! `tests/book/facts.rs`.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

pub const QUOTES: &str = "data/documented.toml";

/// What a proof test proves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fact {
    Documented(Vec<String>),
    Observed,
    Internal,
}

impl Fact {
    /// Reads what follows `Fact:` in a test's doc line.
    pub fn parse(text: &str) -> Result<Fact, String> {
        let text = text.trim().trim_end_matches('.');
        match text {
            "observed" => return Ok(Fact::Observed),
            "internal" => return Ok(Fact::Internal),
            _ => {}
        }
        let ids = text
            .strip_prefix("documented(")
            .and_then(|rest| rest.strip_suffix(')'))
            .ok_or_else(|| {
                format!(
                    "`Fact: {text}`: expected `documented(ID)`, `observed` or `internal`"
                )
            })?;
        let ids: Vec<String> = ids
            .split(',')
            .map(|id| id.trim().to_owned())
            .filter(|id| !id.is_empty())
            .collect();
        if ids.is_empty() {
            return Err(format!("`Fact: {text}`: documented by which quote?"));
        }
        Ok(Fact::Documented(ids))
    }

    /// `documented`, `observed` or `internal`.
    pub fn word(&self) -> &'static str {
        match self {
            Fact::Documented(_) => "documented",
            Fact::Observed => "observed",
            Fact::Internal => "internal",
        }
    }
}

/// One `[[quote]]` of `data/documented.toml`.
#[derive(Clone, Debug)]
pub struct Quote {
    pub id: String,
    /// `tokio` or `tokio-util`.
    pub krate: String,
    /// Relative to the crate's root: `src/sync/notify.rs`.
    pub file: String,
    /// The words, as the doc comment has them (markdown and all).
    pub text: String,
    /// The docs.rs address of the item, at the pinned version.
    pub docs: String,
}

/// The quotes, by id.
pub fn quotes(root: &Path) -> Result<BTreeMap<String, Quote>, String> {
    let text = fs::read_to_string(root.join(QUOTES))
        .map_err(|e| format!("{QUOTES}: {e}"))?;
    let table: toml::Table =
        text.parse().map_err(|e| format!("{QUOTES}: {e}"))?;
    let mut quotes = BTreeMap::new();
    let entries = table
        .get("quote")
        .and_then(|q| q.as_array())
        .cloned()
        .unwrap_or_default();
    for (i, entry) in entries.iter().enumerate() {
        let field = |name: &str| -> Result<String, String> {
            entry
                .get(name)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
                .ok_or_else(|| {
                    format!("{QUOTES}: quote #{}: no `{name}`", i + 1)
                })
        };
        let quote = Quote {
            id: field("id")?,
            krate: field("crate")?,
            file: field("file")?,
            text: field("text")?,
            docs: field("docs")?,
        };
        if quotes.insert(quote.id.clone(), quote.clone()).is_some() {
            return Err(format!(
                "{QUOTES}: two quotes have the id `{}`",
                quote.id
            ));
        }
    }
    Ok(quotes)
}

/// (module, test) -> what its `Fact:` line says (`None`: it has none, or
/// one that does not parse; `tests/book/facts.rs` reports which).
pub fn of_tests(
    root: &Path,
) -> BTreeMap<(String, String), Result<Fact, String>> {
    let mut facts = BTreeMap::new();
    for (module, file) in crate::generated::proof_modules(root) {
        if crate::generated::NOT_CLAIMS.contains(&module.as_str()) {
            continue;
        }
        let source = fs::read_to_string(&file).unwrap_or_default();
        for test in crate::rust::tests_in(&source, &house::relative(&file)) {
            let fact = match &test.fact {
                Some(text) => Fact::parse(text),
                None => Err("no `/// Fact: ...` line".to_owned()),
            };
            facts.insert((module.clone(), test.name), fact);
        }
    }
    facts
}

/// The doc comments of a Rust source file, as one string with every run of
/// whitespace folded to one space: `///` and `//!` lines, without their
/// markers. A quote must occur in this.
pub fn doc_text(source: &str) -> String {
    let mut docs = String::new();
    for line in source.lines() {
        let line = line.trim_start();
        let Some(rest) = line
            .strip_prefix("///")
            .or_else(|| line.strip_prefix("//!"))
        else {
            continue;
        };
        // `////` is a plain comment, not documentation.
        if rest.starts_with('/') {
            continue;
        }
        docs.push_str(rest);
        docs.push(' ');
    }
    fold(&docs)
}

/// Every run of whitespace as one space, trimmed.
pub fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The version of a package in `Cargo.lock` (`tokio` -> `1.54.1`).
pub fn locked_version(root: &Path, package: &str) -> Option<String> {
    let lock: toml::Table = fs::read_to_string(root.join("Cargo.lock"))
        .ok()?
        .parse()
        .ok()?;
    lock.get("package")?
        .as_array()?
        .iter()
        .find(|p| p.get("name").and_then(|n| n.as_str()) == Some(package))?
        .get("version")?
        .as_str()
        .map(str::to_owned)
}
