//! How the HTML book presents what the chapters write, added by a
//! preprocessor that runs inside mdBook after `{{#include}}` and the marks
//! (registered in `render.rs`, for the HTML renderer only: skeptic and the
//! checks read the chapters without it).
//!
//! - Every listing (`<span class="caption">Listing N-M: ...</span>` after its
//!   code block) is wrapped in `<div class="listing" id="listing-N-M">`,
//!   from its code to its output, so a link lands on the code, the offline
//!   play button can name the listing (theme/head.hbs) and the output block
//!   carries a visible label ("Output", or "Compiler error" under code that
//!   must not compile).
//! - Every mention of "Listing N-M" (or "Listings N-M and N-M") in the prose
//!   becomes a link to that listing, on whichever page it is. A mention of a
//!   listing that no caption names is reported as a warning, which fails
//!   the build's check.
//! - Every table is wrapped in `<div class="book-table KIND">`, where KIND
//!   says how it should give way on a narrow screen and in print
//!   (theme/reader.css): `table-stack` (two columns: each row becomes a
//!   block), `table-key` (a long identifier in the first column: it gets a
//!   line of its own), `table-numeric` (figures: they never wrap; the table
//!   scrolls, first column fixed), `table-wide` (the rest: scrolls, first
//!   column fixed).
//! - The answer folded under a question (`<details><summary>question`)
//!   starts with a label, "Answer", shown only in print, where every folded
//!   section is open (a "Solution" needs none). A question's mentions of
//!   listings are linked just below it, not inside the `<summary>` (a link
//!   there would be a control inside a control).
//! - A link inside a heading moves to a "See ..." line under it: mdBook
//!   makes every heading a link to itself, and a link inside that one would
//!   leave it empty (a link with no name, for a screen reader).
//! - Long identifiers in inline code get break opportunities (`<wbr>`)
//!   after `_`, `::`, `/` and `.`, so they wrap between words, not inside
//!   them.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use mdbook_driver::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// The preprocessor.
pub struct Layout;

impl Preprocessor for Layout {
    fn name(&self) -> &str {
        "notify-book-layout"
    }

    fn supports_renderer(
        &self,
        renderer: &str,
    ) -> mdbook_driver::errors::Result<bool> {
        Ok(renderer == "html")
    }

    fn run(
        &self,
        _: &PreprocessorContext,
        mut book: Book,
    ) -> mdbook_driver::errors::Result<Book> {
        let index = listing_index(&book);
        book.for_each_mut(|item| {
            if let BookItem::Chapter(chapter) = item
                && let Some(path) = chapter.path.clone()
            {
                let (content, problems) =
                    transform(&chapter.content, &path, &index);
                for problem in problems {
                    tracing::warn!("{}: {problem}", path.display());
                }
                chapter.content = content;
            }
        });
        Ok(book)
    }
}

/// A listing's number, `(N, M)` of "Listing N-M".
pub type Number = (u32, u32);

/// Which page (relative to `src/`) shows each listing, from the captions.
pub fn listing_index(book: &Book) -> BTreeMap<Number, PathBuf> {
    let mut index = BTreeMap::new();
    for item in book.iter() {
        if let BookItem::Chapter(chapter) = item
            && let Some(path) = &chapter.path
        {
            for (number, _) in captions(&chapter.content) {
                index.entry(number).or_insert_with(|| path.clone());
            }
        }
    }
    index
}

const CAPTION: &str = "<span class=\"caption\">";

/// Every `<span class="caption">Listing N-M:` in a text: the number and the
/// byte range of `Listing N-M`.
pub fn captions(text: &str) -> Vec<(Number, Range<usize>)> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices(CAPTION) {
        let start = at + CAPTION.len();
        if let Some(mention) = mention_at(text, start)
            && let [(number, _)] = mention.numbers[..]
            && text[mention.end..].starts_with(':')
        {
            found.push((number, start..mention.end));
        }
    }
    found
}

/// A "Listing N-M" or "Listings N-M and N-M" in prose.
#[derive(Debug, PartialEq)]
pub struct Mention {
    /// Each number and the byte range of its text (`7-10`).
    pub numbers: Vec<(Number, Range<usize>)>,
    pub end: usize,
}

/// Reads `N-M` at `at`; returns the number and where it ends.
fn number_at(text: &str, at: usize) -> Option<(Number, usize)> {
    let digits = |from: usize| {
        let n = text[from..].bytes().take_while(u8::is_ascii_digit).count();
        (1..=3).contains(&n).then_some(from + n)
    };
    let dash = digits(at)?;
    if text.as_bytes().get(dash) != Some(&b'-') {
        return None;
    }
    let end = digits(dash + 1)?;
    // Not a longer token such as `3-1-2` or `3-1a`.
    let next = text[end..].chars().next();
    if next.is_some_and(|c| c.is_alphanumeric() || c == '_')
        || (next == Some('-')
            && text[end + 1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    Some((
        (
            text[at..dash].parse().ok()?,
            text[dash + 1..end].parse().ok()?,
        ),
        end,
    ))
}

/// The mention that starts at `at` (at the `L` of `Listing`), if any.
pub fn mention_at(text: &str, at: usize) -> Option<Mention> {
    let rest = &text[at..];
    let word = if rest.starts_with("Listings") {
        "Listings"
    } else if rest.starts_with("Listing") {
        "Listing"
    } else {
        return None;
    };
    if text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
    {
        return None;
    }
    let after = at + word.len();
    let space = text[after..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\n')
        .count();
    if space == 0 {
        return None;
    }
    let first = after + space;
    let (number, mut end) = number_at(text, first)?;
    let mut numbers = vec![(number, first..end)];
    if word == "Listings" {
        // More numbers: ", N-M", " and N-M", " or N-M", " to N-M", "–N-M".
        loop {
            let tail = &text[end..];
            let skip = [", and ", ", or ", ", ", " and ", " or ", " to ", "–"]
                .iter()
                .find_map(|sep| {
                    // A space in the separator is any run of spaces and
                    // line breaks (a list item's wrapped line is indented).
                    let mut n = 0;
                    for b in sep.chars() {
                        if b == ' ' {
                            let run = tail[n..]
                                .chars()
                                .take_while(|c| *c == ' ' || *c == '\n')
                                .count();
                            if run == 0 {
                                return None;
                            }
                            n += run;
                        } else if tail[n..].starts_with(b) {
                            n += b.len_utf8();
                        } else {
                            return None;
                        }
                    }
                    Some(n)
                });
            let Some(skip) = skip else { break };
            let Some((number, next_end)) = number_at(text, end + skip) else {
                break;
            };
            numbers.push((number, end + skip..next_end));
            end = next_end;
        }
    }
    Some(Mention { numbers, end })
}

/// The id of a listing's anchor.
pub fn anchor((n, m): Number) -> String {
    format!("listing-{n}-{m}")
}

/// `to` (relative to `src/`) as a link from a page at `from`.
fn relative_link(from: &Path, to: &Path) -> String {
    let depth = from.parent().map_or(0, |p| {
        p.components()
            .filter(|c| matches!(c, Component::Normal(_)))
            .count()
    });
    let mut link = "../".repeat(depth);
    link.push_str(&to.to_string_lossy().replace('\\', "/"));
    link
}

/// The link from the page `from` to listing `number` on the page `to`.
fn listing_href(from: &Path, to: &Path, number: Number) -> String {
    if from == to {
        format!("#{}", anchor(number))
    } else {
        format!("{}#{}", relative_link(from, to), anchor(number))
    }
}

fn options() -> Options {
    // As mdBook parses (mdbook-markdown), so that blocks match.
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Edit {
    /// Insert text at a point (ordered after replacements at that point).
    Insert,
    Replace,
}

/// Where the prose is: not code, not a link, not a heading, not a tag.
#[derive(Default)]
struct State {
    code: usize,
    link: usize,
    heading: usize,
    /// Inside `<summary>`: where it opened, and its prose so far.
    summary: Option<(usize, Vec<Range<usize>>)>,
    /// Every summary: (where `<summary>` starts, its prose, where
    /// `</summary>` ends).
    summaries: Vec<(usize, Vec<Range<usize>>, usize)>,
}

impl State {
    fn prose(&self) -> bool {
        self.code == 0 && self.link == 0 && self.heading == 0
    }

    /// Follows the tags of a piece of raw HTML; returns the byte ranges
    /// (offset by `base`) of the text between tags that is prose.
    fn html(&mut self, html: &str, base: usize) -> Vec<Range<usize>> {
        let mut prose = Vec::new();
        let mut at = 0;
        while at < html.len() {
            if html[at..].starts_with("<!--") {
                at = html[at..].find("-->").map_or(html.len(), |e| at + e + 3);
                continue;
            }
            if html[at..].starts_with('<') {
                let end =
                    html[at..].find('>').map_or(html.len(), |e| at + e + 1);
                let tag = &html[at..end];
                let name: String = tag
                    .trim_start_matches(['<', '/'])
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                let closing = tag.starts_with("</");
                let self_closing = tag.ends_with("/>");
                let delta = |n: &mut usize| {
                    if closing {
                        *n = n.saturating_sub(1)
                    } else if !self_closing {
                        *n += 1
                    }
                };
                match name.as_str() {
                    "summary" if closing => {
                        if let Some((open, prose)) = self.summary.take() {
                            self.summaries.push((open, prose, base + end));
                        }
                    }
                    "summary" => self.summary = Some((base + at, Vec::new())),
                    "a" => delta(&mut self.link),
                    "code" | "pre" | "script" | "style" | "kbd" => {
                        delta(&mut self.code)
                    }
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        delta(&mut self.heading)
                    }
                    _ => {}
                }
                at = end;
                continue;
            }
            let end = html[at..].find('<').map_or(html.len(), |e| at + e);
            if self.prose() {
                // A link inside a <summary> would be a control inside a
                // control; its mentions are linked after it instead.
                match &mut self.summary {
                    Some((_, inside)) => inside.push(base + at..base + end),
                    None => prose.push(base + at..base + end),
                }
            }
            at = end;
        }
        prose
    }
}

struct CodeBlock {
    range: Range<usize>,
    info: String,
    /// Starts a line, outside any list or quote: it can be wrapped.
    wrappable: bool,
}

/// The chapter `text` (of the page `path`, relative to `src/`) as the HTML
/// book shows it; and the problems found (mentions of unknown listings).
pub fn transform(
    text: &str,
    path: &Path,
    index: &BTreeMap<Number, PathBuf>,
) -> (String, Vec<String>) {
    let mut edits: Vec<(usize, Edit, usize, String)> = Vec::new();
    let mut problems = Vec::new();
    let mut state = State::default();
    let mut prose: Vec<Range<usize>> = Vec::new();
    let mut blocks: Vec<CodeBlock> = Vec::new();
    let mut containers = 0usize;
    let mut paragraphs: Vec<Range<usize>> = Vec::new();
    let mut table: Option<(usize, Vec<Vec<String>>, bool)> = None;
    let mut cell: Option<usize> = None;
    let mut heading_links: Vec<(Range<usize>, Range<usize>, String)> =
        Vec::new();
    let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);

    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                state.code += 1;
                let start = line_start(range.start);
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                blocks.push(CodeBlock {
                    range: range.clone(),
                    info,
                    wrappable: containers == 0
                        && start == range.start
                        && table.is_none(),
                });
            }
            Event::End(TagEnd::CodeBlock) => state.code -= 1,
            Event::Start(Tag::Link { dest_url, .. }) => {
                state.link += 1;
                if state.heading > 0
                    && let Some(open) = text[range.clone()].rfind("](")
                    && text[range.clone()].starts_with('[')
                {
                    heading_links.push((
                        range.clone(),
                        range.start + 1..range.start + open,
                        dest_url.to_string(),
                    ));
                }
            }
            Event::Start(Tag::Image { .. }) => state.link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => state.link -= 1,
            Event::Start(Tag::Heading { .. }) => state.heading += 1,
            Event::End(TagEnd::Heading(_)) => {
                state.heading -= 1;
                // mdBook makes a heading a link to itself; a link inside it
                // would leave that one empty (a link with no name). The link
                // moves to a line of its own under the heading.
                if !heading_links.is_empty() {
                    let mut see = Vec::new();
                    for (link, inner, url) in heading_links.drain(..) {
                        edits.push((
                            link.start,
                            Edit::Replace,
                            link.end,
                            text[inner.clone()].to_owned(),
                        ));
                        see.push(format!("[{}]({url})", &text[inner]));
                    }
                    let newline = if text[..range.end].ends_with('\n') {
                        ""
                    } else {
                        "\n"
                    };
                    edits.push((
                        range.end,
                        Edit::Insert,
                        range.end,
                        format!("{newline}\nSee {}.\n\n", see.join(", ")),
                    ));
                }
            }
            Event::Start(
                Tag::List(_) | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_),
            ) => containers += 1,
            Event::End(
                TagEnd::List(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => containers -= 1,
            Event::Start(Tag::Paragraph) => paragraphs.push(range.clone()),
            Event::Start(Tag::Table(_)) => {
                let start = line_start(range.start);
                table = Some((
                    range.start,
                    Vec::new(),
                    containers == 0 && start == range.start,
                ));
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                if let Some((_, rows, _)) = &mut table {
                    rows.push(Vec::new());
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(range.start),
            Event::End(TagEnd::TableCell) => {
                if let (Some(start), Some((_, rows, _))) =
                    (cell.take(), &mut table)
                    && let Some(row) = rows.last_mut()
                {
                    row.push(text[start..range.end].to_owned());
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some((start, rows, wrappable)) = table.take()
                    && wrappable
                {
                    let kind = table_kind(&rows);
                    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
                    edits.push((
                        start,
                        Edit::Insert,
                        start,
                        format!(
                            "<div class=\"book-table {kind} columns-{columns}\">\n\n"
                        ),
                    ));
                    edits.push((
                        range.end,
                        Edit::Insert,
                        range.end,
                        "\n\n</div>\n\n".to_owned(),
                    ));
                }
            }
            Event::Code(code) => {
                if let Some(html) = breakable_code(&code)
                    && text[range.clone()].contains(&*code)
                {
                    edits.push((range.start, Edit::Replace, range.end, html));
                }
            }
            Event::Text(_) | Event::SoftBreak if state.prose() => {
                prose.push(range);
            }
            // The events of an HTML block are its lines; their text is the
            // source's, so offsets hold.
            Event::Html(html) | Event::InlineHtml(html)
                if text[range.clone()] == *html =>
            {
                prose.extend(state.html(&html, range.start));
            }
            _ => {}
        }
    }

    // Listings: wrap each from its code to its output.
    let own: BTreeMap<usize, Number> = captions(text)
        .into_iter()
        .map(|(number, range)| (range.start, number))
        .collect();
    for (&caption_at, &number) in &own {
        let id = anchor(number);
        let caption_start = caption_at - CAPTION.len();
        let before = text[..caption_start].trim_end();
        let code = blocks.iter().find(|b| {
            b.range.end <= caption_start
                && text[..b.range.end].trim_end() == before
        });
        let Some(code) = code.filter(|c| c.wrappable) else {
            // No code block to wrap: the caption itself is the anchor.
            edits.push((
                caption_start,
                Edit::Replace,
                caption_at,
                format!("<span class=\"caption\" id=\"{id}\">"),
            ));
            continue;
        };
        let mut end = paragraphs
            .iter()
            .find(|p| p.contains(&caption_start))
            .map_or(caption_start, |p| p.end);
        if let Some(run) = paragraphs.iter().find(|p| {
            p.start >= end
                && text[end..p.start].trim().is_empty()
                && text[p.start..p.end].contains("class=\"listing-run\"")
        }) {
            end = run.end;
        }
        if let Some(output) = blocks.iter().find(|b| {
            b.range.start >= end
                && text[end..b.range.start].trim().is_empty()
                && b.wrappable
                && b.info.split([' ', ',']).next() == Some("text")
        }) {
            let label = if code.info.contains("does_not_compile") {
                "Compiler error"
            } else {
                "Output"
            };
            edits.push((
                output.range.start,
                Edit::Insert,
                output.range.start,
                format!("<div class=\"listing-output\">\n<p class=\"output-label\">{label}</p>\n\n"),
            ));
            edits.push((
                output.range.end,
                Edit::Insert,
                output.range.end,
                "\n\n</div>".to_owned(),
            ));
            end = output.range.end;
        }
        edits.push((
            code.range.start,
            Edit::Insert,
            code.range.start,
            format!("<div class=\"listing\" id=\"{id}\">\n\n"),
        ));
        edits.push((end, Edit::Insert, end, "\n\n</div>\n\n".to_owned()));
        // A hand-made anchor with the same id would now be a duplicate.
        let hand = format!("<a id=\"{id}\"></a>");
        if let Some(at) = text.find(&hand) {
            edits.push((at, Edit::Replace, at + hand.len(), String::new()));
        }
    }

    // Folded questions: in print their answer is marked as one, and the
    // listings a question mentions are linked just after it.
    for (open, inside, end) in std::mem::take(&mut state.summaries) {
        let question = &text[open..end];
        let mut after = String::new();
        if !question
            .trim_start_matches("<summary>")
            .trim_start()
            .starts_with("Solution")
        {
            after.push_str("<p class=\"fold-label\">Answer</p>");
        }
        let mut links = Vec::new();
        for range in &inside {
            for (offset, _) in text[range.clone()].match_indices("Listing") {
                if let Some(mention) = mention_at(text, range.start + offset)
                    && mention.end <= range.end
                {
                    for (number, _) in &mention.numbers {
                        match index.get(number) {
                            Some(page) => links.push(format!(
                                "<a href=\"{}\" class=\"listing-ref\">Listing {}-{}</a>",
                                listing_href(path, page, *number),
                                number.0,
                                number.1
                            )),
                            None => problems.push(format!(
                                "mentions Listing {}-{}, but no caption names it",
                                number.0, number.1
                            )),
                        }
                    }
                }
            }
        }
        if !links.is_empty() {
            let _ = write!(
                after,
                "<p class=\"fold-refs\">See {}.</p>",
                links.join(", ")
            );
        }
        if !after.is_empty() {
            edits.push((end, Edit::Insert, end, after));
        }
    }

    // Mentions: merge adjacent prose ranges, then find "Listing N-M".
    prose.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for range in prose {
        match merged.last_mut() {
            // Ranges one line break apart are one paragraph (a wrapped
            // line's indentation is in neither).
            Some(last)
                if range.start <= last.end
                    || text[last.end..range.start]
                        .chars()
                        .all(|c| c == ' ' || c == '\n')
                        && text[last.end..range.start]
                            .matches('\n')
                            .count()
                            <= 1 =>
            {
                last.end = last.end.max(range.end)
            }
            _ => merged.push(range),
        }
    }
    for range in merged {
        let slice = &text[range.clone()];
        for (offset, _) in slice.match_indices("Listing") {
            let at = range.start + offset;
            if own.contains_key(&at) {
                continue;
            }
            let Some(mention) = mention_at(text, at) else {
                continue;
            };
            if mention.end > range.end {
                continue;
            }
            let single = mention.numbers.len() == 1
                && !text[at..].starts_with("Listings");
            for (i, (number, span)) in mention.numbers.iter().enumerate() {
                let Some(page) = index.get(number) else {
                    problems.push(format!(
                        "mentions Listing {}-{}, but no caption names it",
                        number.0, number.1
                    ));
                    continue;
                };
                let href = listing_href(path, page, *number);
                let start = if single && i == 0 { at } else { span.start };
                edits.push((
                    start,
                    Edit::Insert,
                    start,
                    format!("<a href=\"{href}\" class=\"listing-ref\">"),
                ));
                edits.push((
                    span.end,
                    Edit::Replace,
                    span.end,
                    "</a>".to_owned(),
                ));
            }
        }
    }

    (apply(text, edits), problems)
}

/// Applies edits `(start, kind, end, replacement)`; inserts at the same
/// point keep their order.
fn apply(text: &str, mut edits: Vec<(usize, Edit, usize, String)>) -> String {
    // A closing `</a>` (Replace of an empty range) at a point goes before
    // an opening one inserted there.
    edits.sort_by(|a, b| {
        a.0.cmp(&b.0).then_with(|| {
            let rank = |e: &(usize, Edit, usize, String)| match e.1 {
                Edit::Replace if e.0 == e.2 => 0,
                Edit::Insert => 1,
                Edit::Replace => 2,
            };
            rank(a).cmp(&rank(b))
        })
    });
    let mut out = String::with_capacity(text.len() + edits.len() * 40);
    let mut at = 0;
    for (start, _, end, replacement) in edits {
        if start < at {
            // Overlaps an earlier edit: keep the earlier one.
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(&replacement);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// What a reader sees of a markdown table cell: link texts without their
/// addresses, no markup.
fn visible(cell: &str) -> String {
    let mut out = String::new();
    let mut rest = cell.trim_matches(['|', ' ']);
    while let Some(at) = rest.find("](") {
        out.push_str(&rest[..at]);
        rest = &rest[at + 2..];
        rest = rest.find(')').map_or("", |end| &rest[end + 1..]);
    }
    out.push_str(rest);
    out.replace("<br>", " ")
        .chars()
        .filter(|c| !matches!(c, '`' | '[' | ']' | '*'))
        .collect()
}

/// How a table gives way (see the module's documentation).
fn table_kind(rows: &[Vec<String>]) -> &'static str {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let body = rows.get(1..).unwrap_or_default();
    let longest_word = |cell: &str| {
        visible(cell)
            .split_whitespace()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0)
    };
    let rest: Vec<String> = body
        .iter()
        .flat_map(|row| row.iter().skip(1).map(|c| visible(c)))
        .collect();
    let numeric = rest
        .iter()
        .filter(|c| c.trim().starts_with(|ch: char| ch.is_ascii_digit()))
        .count();
    if !rest.is_empty() && numeric * 2 > rest.len() {
        "table-numeric"
    } else if columns <= 2 {
        "table-stack"
    } else if body
        .iter()
        .any(|row| row.first().is_some_and(|c| longest_word(c) > 32))
    {
        "table-key"
    } else {
        "table-wide"
    }
}

/// Inline code long enough to overflow a phone, as HTML with a break
/// opportunity after each `_`, `/` and `.`, and before each `::`; `None`
/// for short code (left as it is).
pub fn breakable_code(code: &str) -> Option<String> {
    if code.chars().count() <= 24 {
        return None;
    }
    let mut html = String::from("<code>");
    let mut chars = code.chars().peekable();
    let mut previous = ' ';
    while let Some(c) = chars.next() {
        let hump = c.is_ascii_uppercase() && previous.is_ascii_lowercase();
        if hump || (c == ':' && chars.peek() == Some(&':') && previous != ':') {
            html.push_str("<wbr>");
        }
        match c {
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '&' => html.push_str("&amp;"),
            '"' => html.push_str("&quot;"),
            // As entities, so that smart punctuation leaves them alone:
            // `--test` must not become an en dash, `'static` no curly quote.
            '-' => html.push_str("&#45;"),
            '\'' => html.push_str("&#39;"),
            _ => html.push(c),
        }
        if matches!(c, '_' | '/' | '.') && chars.peek().is_some() {
            html.push_str("<wbr>");
        }
        previous = c;
    }
    html.push_str("</code>");
    html.contains("<wbr>").then_some(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> BTreeMap<Number, PathBuf> {
        [
            ((3, 11), "ch03.md"),
            ((7, 9), "ch07.md"),
            ((7, 10), "ch07.md"),
        ]
        .into_iter()
        .map(|(n, p)| (n, PathBuf::from(p)))
        .collect()
    }

    #[test]
    fn mentions_become_links_and_captions_anchors() {
        let text = "See Listing 3-11, and Listings 7-9 and\n  7-10.\n\n\
                    ```rust\nfn main() {} // Listing 3-11\n```\n\n\
                    <span class=\"caption\">Listing 3-11: A worker (`l.rs`)</span>\n\n\
                    <span class=\"listing-run\">Run it: `cargo run --bin listing-03-11`</span>\n\n\
                    ```text\nhello\n```\n\n[Listing 3-11](x.md) `Listing 3-11`\n";
        let (out, problems) = transform(text, Path::new("ch03.md"), &index());
        assert!(problems.is_empty(), "{problems:?}");
        assert!(out.starts_with(
            "See <a href=\"#listing-3-11\" class=\"listing-ref\">Listing 3-11</a>, and Listings \
             <a href=\"ch07.md#listing-7-9\" class=\"listing-ref\">7-9</a> and\n  \
             <a href=\"ch07.md#listing-7-10\" class=\"listing-ref\">7-10</a>."
        ), "{out}");
        assert!(out.contains("<div class=\"listing\" id=\"listing-3-11\">\n\n```rust\nfn main() {} // Listing 3-11\n```"), "{out}");
        assert!(out.contains("<div class=\"listing-output\">\n<p class=\"output-label\">Output</p>\n\n```text\nhello\n```\n\n</div>\n\n</div>"), "{out}");
        assert!(out.contains("[Listing 3-11](x.md) `Listing 3-11`"), "{out}");
        assert!(
            out.contains("<span class=\"caption\">Listing 3-11: A worker"),
            "{out}"
        );
    }

    #[test]
    fn an_unknown_listing_is_a_problem() {
        let (_, problems) =
            transform("Listing 4-2 shows it.", Path::new("a/b.md"), &index());
        assert_eq!(problems, ["mentions Listing 4-2, but no caption names it"]);
        let (out, _) = transform(
            "As Listing 3-11 does.",
            Path::new("proofs/b.md"),
            &index(),
        );
        assert!(out.contains("href=\"../ch03.md#listing-3-11\""), "{out}");
    }

    #[test]
    fn html_blocks_link_their_text_but_not_their_tags_or_code() {
        let text = "<details>\n<summary>3. Listing 3-11's workers</summary>\n\n\
                    <code>Listing 3-11</code> <a href=\"#x\">Listing 3-11</a>\n\n</details>\n";
        let (out, _) = transform(text, Path::new("ch03.md"), &index());
        assert_eq!(out.matches("listing-ref").count(), 1, "{out}");
    }

    #[test]
    fn long_identifiers_break_after_underscores() {
        assert_eq!(breakable_code("short_one"), None);
        assert_eq!(
            breakable_code("a_picked_waiter::is_dropped<T>").unwrap(),
            "<code>a_<wbr>picked_<wbr>waiter<wbr>::is_<wbr>dropped&lt;T&gt;</code>"
        );
    }
}
