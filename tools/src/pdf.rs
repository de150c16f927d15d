//! The PDF: mdBook's print page, dressed as a book and printed by headless
//! Chromium from the command line.
//!
//! Chromium does the hard parts: page numbers in the footer (CSS `@page`
//! margin boxes, theme/reader.css), folded answers printed open (CSS
//! `::details-content`), bookmarks from the headings
//! (`--generate-pdf-document-outline`), a tagged PDF. This module adds what
//! the print page lacks, in a copy of it (`target/pdf/print.html`, whose
//! `<base>` is the book, so book/ stays as mdBook wrote it):
//!
//! - a title page: title, description, the versions the book is tested
//!   against, the mdBook that rendered it, the date and commit of the build;
//! - part headings ("Part I: Learn"), and an `aria-level` on every heading,
//!   so the bookmarks nest part > chapter > section (Chromium builds the
//!   outline from the accessibility tree's heading levels);
//! - a table of contents whose entries link to the headings, with page
//!   numbers. Chromium cannot compute those (no `target-counter()`), so the
//!   book is printed twice: the first PDF's named destinations (one per
//!   linked heading) give each heading's page, which the second print writes
//!   in. Those are read from the PDF itself, not with poppler, so that
//!   `cargo run -- --pdf` needs nothing but Rust and Chromium;
//! - the paper size (`@page { size: A4 }`, or Letter).
//!
//! Chromium's own chatter on stderr (D-Bus, the Debian wrapper script) is
//! captured and shown only when printing fails.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use mdbook_driver::book::BookItem;

/// The paper to print on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paper {
    A4,
    Letter,
}

impl Paper {
    fn css(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        }
    }
}

/// What printing produced.
pub struct Printed {
    pub pages: usize,
    /// How many times Chromium printed the book (2 when the page numbers of
    /// the table of contents settled at once).
    pub passes: usize,
    /// The browser used.
    pub browser: String,
}

/// Prints the book in `book_dir` (built by mdBook) to `pdf`.
pub fn print(
    root: &Path,
    book_dir: &Path,
    pdf: &Path,
    paper: Paper,
) -> io::Result<Printed> {
    let browser = find_chromium()?;
    let print_page = fs::read_to_string(book_dir.join("print.html"))?;
    let outline = outline(root)?;
    let facts = TitleFacts::gather(root);
    let work = root.join("target").join("pdf");
    fs::create_dir_all(&work)?;
    if let Some(parent) = pdf.parent() {
        fs::create_dir_all(parent)?;
    }
    let page = work.join("print.html");
    let profile = work.join("chromium-profile");

    let mut numbers: BTreeMap<String, usize> = BTreeMap::new();
    let mut passes = 0;
    loop {
        passes += 1;
        let (html, ids) =
            dress(&print_page, book_dir, &outline, &facts, &numbers, paper)
                .map_err(io::Error::other)?;
        fs::write(&page, html)?;
        chromium_print(&browser, &profile, &page, pdf)?;
        let bytes = fs::read(pdf)?;
        let document = PdfFile::parse(&bytes).map_err(|e| {
            io::Error::other(format!(
                "cannot read the page numbers back from {}: {e}",
                pdf.display()
            ))
        })?;
        let found = document.destination_pages();
        let wanted: BTreeMap<String, usize> = ids
            .iter()
            .filter_map(|id| found.get(id).map(|&p| (id.clone(), p)))
            .collect();
        if wanted == numbers || passes == 4 {
            let missing: Vec<&str> = ids
                .iter()
                .filter(|id| !found.contains_key(*id))
                .map(String::as_str)
                .collect();
            if !missing.is_empty() {
                return Err(io::Error::other(format!(
                    "the PDF has no page for these headings of the table of contents: {}",
                    missing.join(", ")
                )));
            }
            let _ = fs::remove_file(&page);
            return Ok(Printed {
                pages: document.page_count(),
                passes,
                browser,
            });
        }
        numbers = wanted;
    }
}

fn find_chromium() -> io::Result<String> {
    let chosen = std::env::var("CHROMIUM").ok();
    chosen
        .iter()
        .map(String::as_str)
        .chain(["chromium", "google-chrome", "chromium-browser", "chrome"])
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .map(str::to_owned)
        .ok_or_else(|| {
            io::Error::other(
                "no Chromium found: set CHROMIUM, or install chromium",
            )
        })
}

fn chromium_print(
    browser: &str,
    profile: &Path,
    page: &Path,
    pdf: &Path,
) -> io::Result<()> {
    let _ = fs::remove_file(pdf);
    let output = Command::new(browser)
        .args([
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(page))
        .output()?;
    if !output.status.success() || !pdf.exists() {
        return Err(io::Error::other(format!(
            "{browser} exited with {}; what it said:\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    Ok(())
}

/// `file:///...` for an absolute path, with the characters a URL cannot
/// hold escaped.
fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut url = String::from("file://");
    if !text.starts_with('/') {
        url.push('/');
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'/'
            | b'-'
            | b'_'
            | b'.'
            | b'~'
            | b':' => url.push(byte as char),
            _ => write!(url, "%{byte:02X}").unwrap(),
        }
    }
    url
}

// ---------------------------------------------------------------------------
// The book's structure: parts and chapters, in the order of the print page.

/// One chapter of the print page.
#[derive(Debug)]
pub struct OutlineChapter {
    /// Which part it is in (index into `parts`), if any.
    pub part: Option<usize>,
    /// 0 for a chapter, 1 for a sub-chapter, ...
    pub depth: usize,
    /// "7" as the table of contents numbers it.
    pub number: Option<String>,
}

#[derive(Debug, Default)]
pub struct Outline {
    pub parts: Vec<String>,
    pub chapters: Vec<OutlineChapter>,
}

fn outline(root: &Path) -> io::Result<Outline> {
    let scratch = std::env::temp_dir().join("unused-build-dir");
    let book = crate::render::load(root, &scratch).map_err(io::Error::other)?;
    let mut outline = Outline::default();
    for item in book.iter() {
        match item {
            BookItem::PartTitle(title) => outline.parts.push(title.clone()),
            BookItem::Chapter(chapter) if chapter.path.is_some() => {
                outline.chapters.push(OutlineChapter {
                    part: outline.parts.len().checked_sub(1),
                    depth: chapter.parent_names.len(),
                    number: chapter.number.as_ref().map(|n| {
                        n.to_string().trim_end_matches('.').to_owned()
                    }),
                })
            }
            _ => {}
        }
    }
    Ok(outline)
}

fn roman(n: usize) -> String {
    const NUMERALS: [(usize, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

// ---------------------------------------------------------------------------
// The title page's facts.

pub struct TitleFacts {
    pub title: String,
    pub description: String,
    /// ("tokio", "1.54.1"), ...
    pub versions: Vec<(String, String)>,
    pub date: String,
    pub commit: Option<String>,
}

impl TitleFacts {
    pub fn gather(root: &Path) -> TitleFacts {
        let config: toml::Table = fs::read_to_string(root.join("book.toml"))
            .ok()
            .and_then(|t| t.parse().ok())
            .unwrap_or_default();
        let book = |key: &str| {
            config
                .get("book")
                .and_then(|b| b.get(key))
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_owned()
        };
        let lock: toml::Table = fs::read_to_string(root.join("Cargo.lock"))
            .ok()
            .and_then(|t| t.parse().ok())
            .unwrap_or_default();
        let version_of = |name: &str| {
            lock.get("package")
                .and_then(|p| p.as_array())
                .into_iter()
                .flatten()
                .filter(|p| {
                    p.get("name").and_then(|n| n.as_str()) == Some(name)
                })
                .filter_map(|p| p.get("version").and_then(|v| v.as_str()))
                .map(str::to_owned)
                .next_back()
                .unwrap_or_else(|| "?".to_owned())
        };
        let commit = Command::new("git")
            .args(["rev-parse", "--short=10", "HEAD"])
            .current_dir(root)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
        TitleFacts {
            title: book("title"),
            description: book("description"),
            versions: ["tokio", "tokio-util", "mdbook-driver"]
                .iter()
                .map(|n| (n.to_string(), version_of(n)))
                .collect(),
            date: today(),
            commit,
        }
    }
}

/// Today's date (UTC), `YYYY-MM-DD`, or `SOURCE_DATE_EPOCH`'s.
fn today() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    let (y, m, d) = civil_from_days((seconds / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

// ---------------------------------------------------------------------------
// Dressing the print page.

/// The separator mdBook puts between chapters on the print page.
const PAGE_BREAK: &str =
    r#"<div style="break-before: page; page-break-before: always;"></div>"#;

/// A heading tag found in a chapter's HTML.
struct Heading {
    /// Byte range of the opening tag `<hN id="...">`.
    tag: std::ops::Range<usize>,
    level: usize,
    id: String,
    /// Its content, as HTML (without the header link around it).
    html: String,
}

fn headings(html: &str) -> Vec<Heading> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = html[at..].find("<h") {
        let start = at + offset;
        at = start + 2;
        let level = match html.as_bytes().get(start + 2) {
            Some(d @ b'1'..=b'6') => (d - b'0') as usize,
            _ => continue,
        };
        if !matches!(html.as_bytes().get(start + 3), Some(b' ' | b'>')) {
            continue;
        }
        let Some(tag_end) = html[start..].find('>').map(|e| start + e + 1)
        else {
            break;
        };
        let tag = &html[start..tag_end];
        let id = tag
            .split_once(" id=\"")
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(id, _)| id.to_owned())
            .unwrap_or_default();
        let close = format!("</h{level}>");
        let Some(end) = html[tag_end..].find(&close).map(|e| tag_end + e)
        else {
            continue;
        };
        let mut inner = &html[tag_end..end];
        if inner.starts_with("<a class=\"header\"")
            && let Some(open_end) = inner.find('>')
            && inner.ends_with("</a>")
        {
            inner = &inner[open_end + 1..inner.len() - 4];
        }
        found.push(Heading {
            tag: start..tag_end,
            level,
            id,
            html: inner.to_owned(),
        });
    }
    found
}

/// The print page with a title page, a table of contents (with `numbers`:
/// page by heading id, where known), part headings, heading levels for the
/// outline, and the paper size; and the ids its table of contents links to.
pub fn dress(
    print_page: &str,
    book_dir: &Path,
    outline: &Outline,
    facts: &TitleFacts,
    numbers: &BTreeMap<String, usize>,
    paper: Paper,
) -> Result<(String, Vec<String>), String> {
    let open = print_page
        .find("<main>")
        .ok_or("the print page has no <main>")?
        + "<main>".len();
    let close = print_page
        .rfind("</main>")
        .ok_or("the print page has no </main>")?;
    let content = &print_page[open..close];
    let chunks: Vec<&str> = content.split(PAGE_BREAK).collect();
    let structured = chunks.len() == outline.chapters.len();

    let mut toc = String::new();
    let mut body = String::new();
    let mut ids = Vec::new();
    let mut part_seen = None;
    let page_of = |id: &str| {
        numbers
            .get(id)
            .map_or_else(|| "000".to_owned(), ToString::to_string)
    };
    let mut entry = |class: &str, id: &str, label: &str, html: &str| {
        ids.push(id.to_owned());
        let page = page_of(id);
        let hidden = if numbers.contains_key(id) {
            ""
        } else {
            " toc-unknown"
        };
        let number = if label.is_empty() {
            String::new()
        } else {
            format!("<span class=\"toc-number\">{label}</span> ")
        };
        writeln!(
            toc,
            "<li class=\"{class}\"><a href=\"#{id}\"><span class=\"toc-title\">{number}{html}</span>\
             <span class=\"toc-leader\"></span><span class=\"toc-page{hidden}\">{page}</span></a></li>"
        )
        .unwrap();
    };

    for (i, chunk) in chunks.iter().enumerate() {
        let chapter = structured.then(|| &outline.chapters[i]);
        let part = chapter.and_then(|c| c.part);
        if i > 0 {
            body.push_str(PAGE_BREAK);
        }
        if let Some(part) = part
            && part_seen != Some(part)
        {
            part_seen = Some(part);
            let id = format!("pdf-part-{}", part + 1);
            let title = escape(&outline.parts[part]);
            let numeral = roman(part + 1);
            write!(
                body,
                "<section class=\"pdf-part-page\"><h1 id=\"{id}\" class=\"pdf-part\">\
                 Part {numeral}: {title}</h1></section>{PAGE_BREAK}"
            )
            .unwrap();
            entry("toc-part", &id, &format!("Part {numeral}"), &title);
        }
        // Levels: a chapter's h1 sits one below its part, and a
        // sub-chapter's one below its chapter.
        let shift = part.map_or(0, |_| 1) + chapter.map_or(0, |c| c.depth);
        let mut last = 0;
        let mut first_h1 = true;
        for heading in headings(chunk) {
            body.push_str(&chunk[last..heading.tag.end - 1]);
            let level = (heading.level + shift).min(6);
            if shift > 0 {
                write!(body, " aria-level=\"{level}\"").unwrap();
            }
            body.push('>');
            last = heading.tag.end;
            if heading.id.is_empty() {
                continue;
            }
            let number =
                chapter.and_then(|c| c.number.clone()).unwrap_or_default();
            let sub = chapter.is_some_and(|c| c.depth > 0);
            if heading.level == 1 && first_h1 {
                first_h1 = false;
                let label = if number.is_empty() {
                    String::new()
                } else {
                    format!("{number}.")
                };
                let class = if sub {
                    "toc-chapter toc-sub"
                } else {
                    "toc-chapter"
                };
                entry(class, &heading.id, &label, &heading.html);
            } else if heading.level == 2 && !sub {
                entry("toc-section", &heading.id, "", &heading.html);
            }
        }
        body.push_str(&chunk[last..]);
    }

    let versions: Vec<String> = facts
        .versions
        .iter()
        .map(|(name, version)| {
            let name = if name == "mdbook-driver" {
                "mdBook"
            } else {
                name
            };
            format!("<span class=\"pdf-version\">{name}&nbsp;{version}</span>")
        })
        .collect();
    let (tested, rendered) =
        versions.split_at(versions.len().saturating_sub(1));
    let commit = facts
        .commit
        .as_ref()
        .map(|c| format!(", from commit <code>{}</code>", escape(c)))
        .unwrap_or_default();
    let title_page = format!(
        "<section class=\"pdf-title-page\">\
         <p class=\"pdf-title\">{title}</p>\
         <p class=\"pdf-subtitle\">{description}</p>\
         <p class=\"pdf-facts\">Every listing compiled, run and tested against {tested}.<br>\
         Rendered with {rendered} on {date}{commit}.</p>\
         </section>{PAGE_BREAK}\
         <nav class=\"pdf-toc\" aria-labelledby=\"pdf-contents\"><h1 id=\"pdf-contents\">Contents</h1>\
         <ol>\n{toc}</ol></nav>{PAGE_BREAK}",
        title = escape(&facts.title),
        description = escape(&facts.description),
        tested = tested.join(", "),
        rendered = rendered.join(""),
        date = facts.date,
    );

    let head_extra = format!(
        "<base href=\"{}/\">\n<style>@page {{ size: {}; }}</style>\n",
        file_url(book_dir),
        paper.css()
    );
    let head = print_page
        .find("<head>")
        .ok_or("the print page has no <head>")?
        + "<head>".len();
    let mut out = String::with_capacity(print_page.len() + toc.len() * 2);
    out.push_str(&print_page[..head]);
    out.push('\n');
    out.push_str(&head_extra);
    out.push_str(&print_page[head..open]);
    // The class lets the stylesheet tell the PDF from a reader's printout.
    out.push_str(&title_page);
    out.push_str(&body);
    out.push_str(&print_page[close..]);
    Ok((
        out.replacen("<html lang=", "<html data-pdf=\"\" lang=", 1),
        ids,
    ))
}

// ---------------------------------------------------------------------------
// Reading the PDF Chromium wrote (Skia's writer: a classic cross-reference
// table, dictionaries in plain text).

pub struct PdfFile<'a> {
    bytes: &'a [u8],
    /// Offset of each object, by number.
    offsets: BTreeMap<u32, usize>,
    root: u32,
}

impl<'a> PdfFile<'a> {
    pub fn parse(bytes: &'a [u8]) -> Result<PdfFile<'a>, String> {
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        let tail = String::from_utf8_lossy(tail);
        let start = tail
            .rfind("startxref")
            .and_then(|at| tail[at + 9..].split_whitespace().next())
            .and_then(|n| n.parse::<usize>().ok())
            .ok_or("no startxref")?;
        let xref = bytes.get(start..).ok_or("startxref beyond the end")?;
        let text =
            String::from_utf8_lossy(&xref[..xref.len().min(64 * 1024 * 1024)]);
        let mut lines = text.lines();
        if lines.next().map(str::trim) != Some("xref") {
            return Err("no classic cross-reference table".into());
        }
        let mut offsets = BTreeMap::new();
        let mut root = None;
        while let Some(line) = lines.next() {
            let line = line.trim();
            if line.starts_with("trailer") {
                let rest: String = std::iter::once(line)
                    .chain(lines.by_ref().take(20))
                    .collect::<Vec<_>>()
                    .join(" ");
                root = reference_after(&rest, "/Root");
                break;
            }
            let mut words = line.split_whitespace();
            let (Some(first), Some(count)) = (words.next(), words.next())
            else {
                continue;
            };
            let (Ok(first), Ok(count)) =
                (first.parse::<u32>(), count.parse::<u32>())
            else {
                continue;
            };
            for n in 0..count {
                let entry =
                    lines.next().ok_or("short cross-reference table")?;
                let mut parts = entry.split_whitespace();
                let offset = parts.next().and_then(|o| o.parse::<usize>().ok());
                let kind = parts.nth(1);
                if let (Some(offset), Some("n")) = (offset, kind) {
                    offsets.insert(first + n, offset);
                }
            }
        }
        Ok(PdfFile {
            bytes,
            offsets,
            root: root.ok_or("no /Root in the trailer")?,
        })
    }

    /// The text of object `n` up to its stream or `endobj`.
    fn object(&self, n: u32) -> Option<String> {
        let start = *self.offsets.get(&n)?;
        let rest = self.bytes.get(start..)?;
        let end = find(rest, b"endobj").unwrap_or(rest.len());
        let end = find(&rest[..end], b"stream").unwrap_or(end);
        Some(String::from_utf8_lossy(&rest[..end]).into_owned())
    }

    /// The page objects, in order.
    fn pages(&self) -> Vec<u32> {
        let mut pages = Vec::new();
        let Some(catalog) = self.object(self.root) else {
            return pages;
        };
        let mut stack: Vec<u32> =
            reference_after(&catalog, "/Pages").into_iter().collect();
        let mut seen = 0;
        // Depth first, keeping the order of /Kids.
        while let Some(node) = stack.pop() {
            seen += 1;
            if seen > 1_000_000 {
                break;
            }
            let Some(text) = self.object(node) else {
                continue;
            };
            if text.contains("/Type /Pages") {
                let kids = text
                    .split_once("/Kids")
                    .and_then(|(_, rest)| rest.split_once('['))
                    .and_then(|(_, rest)| rest.split_once(']'))
                    .map(|(kids, _)| references(kids))
                    .unwrap_or_default();
                stack.extend(kids.into_iter().rev());
            } else {
                pages.push(node);
            }
        }
        pages
    }

    pub fn page_count(&self) -> usize {
        self.pages().len()
    }

    /// The 1-based page of every named destination (Chromium makes one for
    /// each element that a link in the document points to, named by its id).
    pub fn destination_pages(&self) -> BTreeMap<String, usize> {
        let page_numbers: BTreeMap<u32, usize> = self
            .pages()
            .into_iter()
            .enumerate()
            .map(|(i, p)| (p, i + 1))
            .collect();
        let mut found = BTreeMap::new();
        let Some(catalog) = self.object(self.root) else {
            return found;
        };
        let Some(dests) =
            reference_after(&catalog, "/Dests").and_then(|d| self.object(d))
        else {
            return found;
        };
        // `/name [P 0 R /XYZ x y 0]`, one after another.
        let mut rest = dests.as_str();
        while let Some(at) = rest.find('/') {
            rest = &rest[at + 1..];
            let name_end = rest
                .find(|c: char| c.is_whitespace() || "[]<>()/{}%".contains(c))
                .unwrap_or(rest.len());
            let name = decode_name(&rest[..name_end]);
            let after = rest[name_end..].trim_start();
            if let Some(array) = after.strip_prefix('[')
                && let Some(page) =
                    references(array.split(']').next().unwrap_or(""))
                        .first()
                        .and_then(|p| page_numbers.get(p))
            {
                found.insert(name, *page);
            }
            rest = &rest[name_end..];
        }
        found
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `N 0 R` after `key` in a dictionary's text.
fn reference_after(text: &str, key: &str) -> Option<u32> {
    let mut rest = text;
    while let Some(at) = rest.find(key) {
        rest = &rest[at + key.len()..];
        // Not a longer name (`/Pages` when looking for `/Page`).
        if rest.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            continue;
        }
        return references(rest).first().copied();
    }
    None
}

/// Every `N G R` in a text, in order.
fn references(text: &str) -> Vec<u32> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i + 2 < words.len() {
        if words[i + 2].starts_with('R')
            && words[i + 1].parse::<u32>().is_ok()
            && let Ok(n) = words[i].trim_start_matches('[').parse::<u32>()
        {
            found.push(n);
            i += 3;
        } else {
            i += 1;
        }
    }
    found
}

/// A PDF name's text, with its `#xx` escapes decoded.
fn decode_name(name: &str) -> String {
    let bytes = name.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'#'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&name[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_numerals() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_419), (2025, 11, 27));
        assert_eq!(roman(2), "II");
        assert_eq!(roman(14), "XIV");
    }

    #[test]
    fn names_and_references() {
        assert_eq!(decode_name("the-pain"), "the-pain");
        assert_eq!(decode_name("gr#C3#BCn"), "grün");
        assert_eq!(references("[8 0 R /XYZ 6 782.6 0]"), [8]);
        assert_eq!(
            reference_after(
                "<</Type /Catalog /Pages 13 0 R /Dests 14 0 R>>",
                "/Dests"
            ),
            Some(14)
        );
    }

    #[test]
    fn a_small_skia_like_pdf_gives_its_destination_pages() {
        let objects = [
            "<</Type /Catalog /Pages 2 0 R /Dests 5 0 R>>",
            "<</Type /Pages /Count 2 /Kids [3 0 R 4 0 R]>>",
            "<</Type /Page /Parent 2 0 R>>",
            "<</Type /Page /Parent 2 0 R>>",
            "<</intro [3 0 R /XYZ 6 700 0]\n/the-pain [4 0 R /XYZ 6 500 0]>>",
        ];
        let mut pdf = String::from("%PDF-1.4\n");
        let mut offsets = Vec::new();
        for (i, object) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf.push_str(&format!("{} 0 obj\n{object}\nendobj\n", i + 1));
        }
        let xref = pdf.len();
        pdf.push_str(&format!(
            "xref\n0 {}\n0000000000 65535 f \n",
            objects.len() + 1
        ));
        for offset in offsets {
            pdf.push_str(&format!("{offset:010} 00000 n \n"));
        }
        pdf.push_str(&format!(
            "trailer\n<</Size 6 /Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n"
        ));
        let file = PdfFile::parse(pdf.as_bytes()).unwrap();
        assert_eq!(file.page_count(), 2);
        let pages = file.destination_pages();
        assert_eq!(pages.get("intro"), Some(&1));
        assert_eq!(pages.get("the-pain"), Some(&2));
    }

    #[test]
    fn headings_are_found_with_their_ids_and_content() {
        let html = "<h1 id=\"a\"><a class=\"header\" href=\"#a\">A <code>b</code></a></h1><p>x</p><h2 id=\"c\">C</h2><hr>";
        let found = headings(html);
        assert_eq!(found.len(), 2);
        assert_eq!(
            (found[0].level, &*found[0].id, &*found[0].html),
            (1, "a", "A <code>b</code>")
        );
        assert_eq!((found[1].level, &*found[1].id), (2, "c"));
    }
}
