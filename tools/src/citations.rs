//! `data/citations.toml`: the real-world sites chapter 8 cites, and the
//! online check of them (`cargo run -- check-citations`, see [`online`]).

use std::path::Path;

use toml::{Table, Value};

pub struct Pattern(pub Table);
pub struct Site(pub Table);

fn text<'a>(table: &'a Table, key: &str) -> &'a str {
    table.get(key).and_then(Value::as_str).unwrap_or("")
}

impl Pattern {
    pub fn get(&self, key: &str) -> &str {
        text(&self.0, key)
    }
    pub fn sites(&self) -> Vec<Site> {
        match self.0.get("site") {
            Some(Value::Array(sites)) => sites
                .iter()
                .filter_map(|s| s.as_table().cloned().map(Site))
                .collect(),
            _ => Vec::new(),
        }
    }
    /// Whether the grep.app recipe is a regular expression
    /// (`grep_app_regexp = true`); a literal otherwise.
    pub fn grep_app_regexp(&self) -> bool {
        self.0
            .get("grep_app_regexp")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }
    /// The grep.app search page for the pattern's recipe, in Rust files: the
    /// language is its only filter, so the link means the same whatever
    /// grep.app does with a path filter or with two filters at once.
    pub fn grep_app_link(&self) -> String {
        let regexp = if self.grep_app_regexp() {
            "&regexp=true"
        } else {
            ""
        };
        format!(
            "https://grep.app/search?q={}{regexp}&filter%5Blang%5D%5B0%5D=Rust",
            encode(self.get("grep_app"))
        )
    }
    /// The Sourcegraph search page for the pattern's recipe.
    pub fn sourcegraph_link(&self) -> String {
        format!(
            "https://sourcegraph.com/search?q={}",
            encode(self.get("sourcegraph"))
        )
    }
}

/// The two engines a recipe is written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    GrepApp,
    Sourcegraph,
}

impl Engine {
    pub const ALL: [Engine; 2] = [Engine::GrepApp, Engine::Sourcegraph];
    /// The key of the pattern's recipe, and of a site's `found_by` entry.
    pub fn key(self) -> &'static str {
        match self {
            Engine::GrepApp => "grep_app",
            Engine::Sourcegraph => "sourcegraph",
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Engine::GrepApp => "grep.app",
            Engine::Sourcegraph => "Sourcegraph",
        }
    }
}

impl Site {
    pub fn get(&self, key: &str) -> &str {
        text(&self.0, key)
    }
    /// The identifiers the note names, which occur in the cited lines.
    pub fn idents(&self) -> Vec<&str> {
        match self.0.get("idents") {
            Some(Value::Array(idents)) => {
                idents.iter().filter_map(Value::as_str).collect()
            }
            _ => Vec::new(),
        }
    }
    /// `found_by = { grep_app = LINE, sourcegraph = LINE }`: the line (as
    /// numbered at the commit, inside `lines`) where the pattern's recipe
    /// for that engine matches this site; no entry for an engine whose
    /// recipe does not find the site.
    pub fn found_by(&self, engine: Engine) -> Option<usize> {
        let line = self.0.get("found_by")?.get(engine.key())?;
        line.as_integer().and_then(|n| usize::try_from(n).ok())
    }
    /// Every key of `found_by`, to catch a misspelt engine.
    pub fn found_by_keys(&self) -> Vec<String> {
        match self.0.get("found_by") {
            Some(Value::Table(t)) => t.keys().cloned().collect(),
            _ => Vec::new(),
        }
    }
    /// `lines = "START-END"`, 1-based and inclusive.
    pub fn line_range(&self) -> Option<(usize, usize)> {
        let (start, end) = self.get("lines").split_once('-')?;
        let (start, end) = (start.parse().ok()?, end.parse().ok()?);
        (0 < start && start <= end).then_some((start, end))
    }
    /// `https://github.com/OWNER/REPO/blob/COMMIT/PATH#LSTART-LEND`.
    pub fn permalink(&self) -> String {
        let lines = self.get("lines");
        let (start, end) = lines.split_once('-').unwrap_or((lines, lines));
        format!(
            "https://github.com/{}/blob/{}/{}#L{start}-L{end}",
            self.get("repo"),
            self.get("commit"),
            self.get("path")
        )
    }
}

/// Every pattern, in the file's order. Panics if the file is not TOML.
pub fn patterns(root: &Path) -> Vec<Pattern> {
    let data = std::fs::read_to_string(root.join("data/citations.toml"))
        .expect("data/citations.toml");
    parse(&data).expect("data/citations.toml is not valid TOML")
}

/// The patterns of a citations file's text.
pub fn parse(data: &str) -> Result<Vec<Pattern>, String> {
    let table: Table = data.parse().map_err(|e| format!("{e}"))?;
    Ok(match table.get("pattern") {
        Some(Value::Array(patterns)) => patterns
            .iter()
            .filter_map(|p| p.as_table().cloned().map(Pattern))
            .collect(),
        _ => Vec::new(),
    })
}

/// Listing 8-9, the grep.app client: its URL encoding builds the chapter's
/// search links, so the book and the client encode alike.
#[path = "../../listings/ch08-real-world/listing-08-09.rs"]
#[allow(dead_code)]
pub mod grep_app;
pub use grep_app::encode;

/// The online check (`cargo run -- check-citations`, weekly): see
/// [`online`].
pub mod online;
