//! The book's markdown, as written (before mdBook expands anything), read
//! with pulldown-cmark: code blocks and what they include, links, reference
//! definitions, sections and folded answers, each with its line.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use pulldown_cmark::{
    BrokenLink, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag,
    TagEnd,
};

/// One page under `src/`.
#[derive(Clone)]
pub struct Chapter {
    /// Absolute path of the markdown file.
    pub path: PathBuf,
    /// `src/ch01-what-and-why.md`, for messages.
    pub name: String,
    /// `ch01-what-and-why.md`, as pages link to each other.
    pub page: String,
    /// Its number in the table of contents (`"7"`), if it has one.
    pub number: Option<String>,
    /// The first `# ` heading.
    pub title: String,
    pub text: String,
    pub blocks: Vec<Block>,
    /// Every `{{#include}}` / `{{#rustdoc_include}}`, in or out of a block.
    pub includes: Vec<Include>,
    /// Reference definitions, by lower-cased label.
    pub definitions: BTreeMap<String, Definition>,
    /// Every link in the prose.
    pub links: Vec<Link>,
    /// `[text][label]` whose label is defined nowhere: (line, label).
    pub undefined: Vec<(usize, String)>,
    /// Every `<summary>` of a folded section: the question or "Solution".
    pub summaries: Vec<Summary>,
    /// Every `{{#proof ...}}` / `{{#replay ...}}` mark.
    pub marks: Vec<Mark>,
}

/// A claim's mark: the test that proves (or replays) it.
#[derive(Clone)]
pub struct Mark {
    pub line: usize,
    /// The `## ` section it is in ("" before the first).
    pub section: String,
    pub kind: crate::marks::Kind,
    pub module: String,
    pub test: String,
}

#[derive(Clone)]
pub struct Block {
    pub line: usize,
    pub info: String,
    pub includes: Vec<Include>,
}

impl Block {
    fn words(&self) -> impl Iterator<Item = &str> {
        self.info
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|w| !w.is_empty())
    }
    /// The info string names this attribute (`ignore`, `does_not_compile`).
    pub fn has(&self, word: &str) -> bool {
        self.words().any(|w| w == word)
    }
    pub fn is_rust(&self) -> bool {
        self.words().next() == Some("rust")
    }
}

#[derive(Clone)]
pub struct Include {
    pub line: usize,
    /// `include` or `rustdoc_include`.
    pub kind: String,
    /// What follows the kind, as written.
    pub spec: String,
    /// The file, absolute and normalised.
    pub file: PathBuf,
    /// `file.rs:anchor` names an anchor; line ranges do not.
    pub anchor: Option<String>,
}

#[derive(Clone)]
pub struct Definition {
    pub line: usize,
    pub url: String,
    pub title: String,
}

#[derive(Clone)]
pub struct Link {
    pub line: usize,
    /// The `## ` section it is in ("" before the first).
    pub section: String,
    pub url: String,
    pub title: String,
    /// The label of a reference link (`[text][label]`), lower-cased.
    pub label: Option<String>,
}

#[derive(Clone)]
pub struct Summary {
    pub line: usize,
    pub section: String,
    pub text: String,
}

/// The pages of the book in the order of SUMMARY.md, then every other page
/// under `src/` (the 404 page), in file order.
///
/// Parsed once per state of the sources: the checks and the generators ask
/// for the chapters many times in one run, and the answer only changes when
/// a file under `src/` (or `book.toml`) does, which this notices by size and
/// modification time.
pub fn all(root: &Path) -> Vec<Chapter> {
    use std::sync::Mutex;
    type Stamp = Vec<(PathBuf, u64, Option<std::time::SystemTime>)>;
    static PARSED: Mutex<Option<(PathBuf, Stamp, Vec<Chapter>)>> =
        Mutex::new(None);
    let stamp: Stamp = house::files_under(&root.join("src"))
        .into_iter()
        .chain([root.join("book.toml")])
        .map(|f| {
            let meta = fs::metadata(&f).ok();
            let len = meta.as_ref().map_or(0, |m| m.len());
            let modified = meta.and_then(|m| m.modified().ok());
            (f, len, modified)
        })
        .collect();
    let mut parsed = PARSED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((at, seen, chapters)) = parsed.as_ref()
        && at == root
        && *seen == stamp
    {
        return chapters.clone();
    }
    let chapters = parse_all(root);
    *parsed = Some((root.to_path_buf(), stamp, chapters.clone()));
    chapters
}

/// The pages of the book in the order of SUMMARY.md, then every other page
/// under `src/` (the 404 page), in file order.
fn parse_all(root: &Path) -> Vec<Chapter> {
    let mut numbered: Vec<(PathBuf, Option<String>)> = Vec::new();
    if let Ok(book) = crate::render::load(root, &std::env::temp_dir()) {
        for item in book.iter() {
            if let mdbook_driver::book::BookItem::Chapter(chapter) = item
                && let Some(path) = &chapter.path
            {
                let number = chapter
                    .number
                    .as_ref()
                    .map(|n| n.to_string().trim_end_matches('.').to_owned());
                numbered.push((root.join("src").join(path), number));
            }
        }
    }
    let mut pages: Vec<(PathBuf, Option<String>)> = numbered.clone();
    for file in house::files_under(&root.join("src")) {
        if file.extension().is_some_and(|e| e == "md")
            && !file.ends_with("SUMMARY.md")
            && !pages.iter().any(|(p, _)| *p == file)
        {
            pages.push((file, None));
        }
    }
    pages
        .into_iter()
        .map(|(path, number)| read(root, &path, number))
        .collect()
}

/// Only the pages listed in SUMMARY.md, in its order.
pub fn in_summary(root: &Path) -> Vec<Chapter> {
    let summary = fs::read_to_string(root.join("src/SUMMARY.md")).unwrap();
    all(root)
        .into_iter()
        .filter(|c| summary.contains(&format!("]({})", c.page)))
        .collect()
}

pub fn read(root: &Path, path: &Path, number: Option<String>) -> Chapter {
    let text = fs::read_to_string(path).unwrap_or_default();
    let dir = path.parent().unwrap();
    let line_of = line_index(&text);

    let includes: Vec<Include> = text
        .lines()
        .enumerate()
        .flat_map(|(i, line)| parse_includes(dir, i + 1, line))
        .collect();

    let mut undefined = Vec::new();
    let mut callback = |broken: BrokenLink| {
        // `[text]` alone is plain text when nothing defines it; only
        // `[text][label]` and `[label][]` promise a definition.
        use pulldown_cmark::LinkType::{Collapsed, Reference};
        if !matches!(broken.link_type, Reference | Collapsed) {
            return None;
        }
        undefined.push((
            line_of(broken.span.start),
            broken.reference.to_lowercase(),
        ));
        None
    };
    let parser = Parser::new_with_broken_link_callback(
        &text,
        Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH,
        Some(&mut callback),
    );
    let definitions: BTreeMap<String, Definition> = parser
        .reference_definitions()
        .iter()
        .map(|(label, def)| {
            (
                label.to_lowercase(),
                Definition {
                    line: line_of(def.span.start),
                    url: def.dest.to_string(),
                    title: def
                        .title
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                },
            )
        })
        .collect();

    let mut title = String::new();
    let mut section = String::new();
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut blocks = Vec::new();
    let mut open_block: Option<Block> = None;
    let mut links = Vec::new();
    let mut summaries = Vec::new();
    // (offset, heading) of every `## `, for placing marks in their section.
    let mut sections: Vec<(usize, String)> = Vec::new();
    let mut heading_start = 0;
    for (event, range) in parser.into_offset_iter() {
        let line = line_of(range.start);
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level, String::new()));
                heading_start = range.start;
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = heading.take() {
                    match level {
                        HeadingLevel::H1 if title.is_empty() => title = text,
                        HeadingLevel::H2 => {
                            sections.push((heading_start, text.clone()));
                            section = text;
                        }
                        _ => {}
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = &mut heading {
                    text.push_str(&t);
                }
                if let Some(block) = &mut open_block {
                    let first = block.line + 1;
                    for (i, l) in t.lines().enumerate() {
                        block.includes.extend(parse_includes(
                            dir,
                            first + i,
                            l,
                        ));
                    }
                }
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                open_block = Some(Block {
                    line,
                    info: info.to_string(),
                    includes: Vec::new(),
                });
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(open_block.take()),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                use pulldown_cmark::LinkType::*;
                let label =
                    matches!(link_type, Reference | Collapsed | Shortcut)
                        .then(|| id.to_lowercase());
                links.push(Link {
                    line,
                    section: section.clone(),
                    url: dest_url.to_string(),
                    title: title.to_string(),
                    label,
                });
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for (i, l) in html.lines().enumerate() {
                    if let Some(summary) = l
                        .trim()
                        .strip_prefix("<summary>")
                        .and_then(|l| l.strip_suffix("</summary>"))
                    {
                        summaries.push(Summary {
                            line: line + i,
                            section: section.clone(),
                            text: summary.to_owned(),
                        });
                    }
                }
            }
            _ => {}
        }
    }

    let marks = crate::marks::find(&text)
        .into_iter()
        .map(|(range, kind, module, test)| Mark {
            line: line_of(range.start),
            section: sections
                .iter()
                .rev()
                .find(|(at, _)| *at < range.start)
                .map(|(_, s)| s.clone())
                .unwrap_or_default(),
            kind,
            module,
            test,
        })
        .collect();
    let page = path
        .strip_prefix(root.join("src"))
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    Chapter {
        name: format!("src/{page}"),
        page,
        path: path.to_path_buf(),
        number,
        title,
        text,
        blocks,
        includes,
        definitions,
        links,
        undefined,
        summaries,
        marks,
    }
}

/// Byte offset -> 1-based line number.
fn line_index(text: &str) -> impl Fn(usize) -> usize + use<> {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    move |offset| starts.partition_point(|&s| s <= offset)
}

/// mdBook's `{{#include path:selector}}` and `{{#rustdoc_include ...}}`.
/// (mdBook's own parser is private to its preprocessor; this reads only
/// the two forms the book uses.)
fn parse_includes(dir: &Path, line_number: usize, line: &str) -> Vec<Include> {
    let mut found = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find("{{#") {
        let after = &rest[start + 3..];
        let Some(end) = after.find("}}") else { break };
        let body = after[..end].trim();
        rest = &after[end + 2..];
        let (kind, spec) =
            body.split_once(char::is_whitespace).unwrap_or((body, ""));
        if kind != "include" && kind != "rustdoc_include" {
            continue;
        }
        let spec = spec.trim().to_owned();
        let (path, selector) = spec.split_once(':').unwrap_or((&spec, ""));
        let anchor = (!selector.is_empty()
            && !selector.starts_with(|c: char| c.is_ascii_digit() || c == ':'))
        .then(|| selector.to_owned());
        found.push(Include {
            line: line_number,
            kind: kind.to_owned(),
            file: normalize(&dir.join(path)),
            anchor,
            spec: spec.clone(),
        });
    }
    found
}

/// `a/b/../c` -> `a/c`, without touching the disk.
pub fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// mdBook 0.5's heading ids (`id_from_content` in mdbook-html).
pub fn heading_id(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c)
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}
