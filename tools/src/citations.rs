//! `data/citations.toml`: the real-world sites chapter 8 cites.

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
}

impl Site {
    pub fn get(&self, key: &str) -> &str {
        text(&self.0, key)
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
    let table: Table =
        data.parse().expect("data/citations.toml is not valid TOML");
    match table.get("pattern") {
        Some(Value::Array(patterns)) => patterns
            .iter()
            .filter_map(|p| p.as_table().cloned().map(Pattern))
            .collect(),
        _ => Vec::new(),
    }
}
