//! The book itself: it builds cleanly, its links hold, and it shows every listing.
//!
//! build.rs renders the book with mdBook (pinned in Cargo.lock) into `$OUT_DIR`;
//! these tests read what it wrote, plus `src/`, `listings/` and `Cargo.toml`.
//! Each failure names the file (and line) to fix.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Component, Path, PathBuf};

#[path = "../tools/files.rs"]
mod files;
use files::files_under;

const OUT_DIR: &str = env!("OUT_DIR");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// Links to the book's own repository are checked against the working tree.
const REPOSITORY_FILES: &str =
    "https://github.com/tokio-notify-in-practice/book/blob/main/";

#[test]
fn mdbook_builds_the_book_without_warnings() {
    let report =
        fs::read_to_string(Path::new(OUT_DIR).join("mdbook-report.txt"))
            .unwrap();
    assert!(
        report.is_empty(),
        "mdBook reported problems while building the book:\n{report}"
    );
}

#[test]
fn every_include_names_an_existing_file_and_anchor() {
    let mut problems = Vec::new();
    for chapter in chapters() {
        for include in &chapter.includes {
            let where_ = format!(
                "{}:{}: {{{{#{} {}}}}}",
                chapter.name, include.line, include.kind, include.spec
            );
            let Ok(text) = fs::read_to_string(&include.file) else {
                problems.push(format!("{where_}: no such file"));
                continue;
            };
            if let Some(anchor) = &include.anchor {
                let start = format!("ANCHOR: {anchor}");
                let end = format!("ANCHOR_END: {anchor}");
                let has = |marker: &str| {
                    text.lines().any(|l| l.trim_end().ends_with(marker))
                };
                if !has(&start) || !has(&end) {
                    problems.push(format!(
                        "{where_}: no anchor `{anchor}` (ANCHOR: / ANCHOR_END: pair) in that file"
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "broken includes:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_listing_file_is_shown_by_a_chapter() {
    let shown: BTreeSet<PathBuf> = chapters()
        .iter()
        .flat_map(|c| c.includes.iter().map(|i| normalize(&i.file)))
        .collect();
    let root = Path::new(ROOT);
    let unshown: Vec<String> =
        files_under(&root.join("listings"))
            .into_iter()
            .chain(files_under(&root.join("exercises")).into_iter().filter(
                |f| {
                    f.file_name()
                        .unwrap()
                        .to_string_lossy()
                        .starts_with("exercise-")
                },
            ))
            .filter(|f| matches!(extension(f), "rs" | "out" | "stderr"))
            .filter(|f| !shown.contains(&normalize(f)))
            .map(|f| f.strip_prefix(root).unwrap().display().to_string())
            .collect();
    assert!(
        unshown.is_empty(),
        "these listing files are not included by any chapter (include them, or delete them):\n{}",
        unshown.join("\n")
    );
}

#[test]
fn cargo_toml_lists_exactly_the_runnable_listings() {
    let root = Path::new(ROOT);
    let manifest = fs::read_to_string(root.join("Cargo.toml")).unwrap();
    // Each `[[bin]]` table is `name = ...` then `path = ...`.
    let mut declared = BTreeMap::new();
    for table in manifest.split("[[bin]]").skip(1) {
        let value =
            |key| table.lines().find_map(|l| toml_string(l.trim(), key));
        if let (Some(bin), Some(path)) = (value("name"), value("path"))
            && bin.starts_with("listing-")
        {
            declared.insert(bin.to_owned(), path.to_owned());
        }
    }
    let mut expected = BTreeMap::new();
    for file in files_under(&root.join("listings")) {
        let bin = file.file_stem().unwrap().to_string_lossy().into_owned();
        if bin.starts_with("listing-")
            && extension(&file) == "rs"
            && !file.with_extension("stderr").exists()
        {
            expected.insert(
                bin,
                file.strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
    }
    let mut problems = Vec::new();
    for (bin, path) in &expected {
        match declared.get(bin) {
            None => problems.push(format!(
                "{path} has no [[bin]] in Cargo.toml; add:\n[[bin]]\nname = \"{bin}\"\npath = \"{path}\"\ntest = false"
            )),
            Some(p) if p != path => problems.push(format!("[[bin]] {bin} points at {p}, expected {path}")),
            Some(_) => {}
        }
    }
    for (bin, path) in &declared {
        if !expected.contains_key(bin) {
            problems.push(format!(
                "Cargo.toml declares [[bin]] {bin} at {path}, but there is no such runnable listing"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "Cargo.toml and listings/ disagree:\n{}",
        problems.join("\n")
    );
}

#[test]
fn rust_blocks_are_tested_or_proven_not_to_compile() {
    let mut problems = Vec::new();
    let mut shown_in: BTreeMap<PathBuf, String> = BTreeMap::new();
    for chapter in chapters() {
        for block in chapter.blocks.iter().filter(|b| b.is_rust()) {
            let at = format!("{}:{}", chapter.name, block.line);
            let listing = block.includes.first().map(|i| i.file.clone());
            let must_fail = listing
                .as_ref()
                .is_some_and(|l| l.with_extension("stderr").exists());
            let marked = block.has("does_not_compile");
            if block.has("ignore") && !(marked && must_fail) {
                problems.push(format!(
                    "{at}: `ignore` skips the test; only a listing with a .stderr file, \
                     marked `does_not_compile`, may be ignored"
                ));
            }
            if marked != must_fail {
                problems.push(format!(
                    "{at}: a block is marked `rust,ignore,does_not_compile` exactly when it shows a listing with a .stderr file"
                ));
            }
            let Some(listing) = listing else {
                problems.push(format!("{at}: Rust code must come from a file under listings/ (use {{{{#rustdoc_include}}}})"));
                continue;
            };
            let stem =
                listing.file_stem().unwrap().to_string_lossy().into_owned();
            if let Some(number) = stem.strip_prefix("exercise-") {
                // An exercise (starter or solution) is checked by its tests.
                let command =
                    format!("cargo test --test exercises exercise_{number}");
                if !chapter.text.contains(&command) {
                    problems.push(format!(
                        "{at}: exercise {number} is shown without `{command}`"
                    ));
                }
                if let Some(first) =
                    shown_in.insert(normalize(&listing), at.clone())
                {
                    problems.push(format!(
                        "{at}: {stem} is already shown at {first}"
                    ));
                }
                continue;
            }
            if let Some(first) =
                shown_in.insert(normalize(&listing), at.clone())
            {
                problems.push(format!(
                    "{at}: {stem} is already shown at {first}; a listing is one block \
                     (mark several regions with the same anchor name instead)"
                ));
            }
            let (result, what) = if must_fail {
                ("stderr", "compiler error")
            } else {
                ("out", "output")
            };
            if !chapter.includes.iter().any(|i| {
                normalize(&i.file) == normalize(&listing.with_extension(result))
            }) {
                problems.push(format!(
                    "{at}: {stem} is shown without its {what} ({stem}.{result})"
                ));
            }
            let command = format!("cargo run --bin {stem}");
            if !must_fail && !chapter.text.contains(&command) {
                problems.push(format!(
                    "{at}: {stem} is shown without the command that runs it (`{command}`)"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_link_and_heading_anchor_in_the_html_resolves() {
    let html = Path::new(OUT_DIR).join("html");
    let pages: BTreeMap<PathBuf, String> = files_under(&html)
        .into_iter()
        .filter(|f| extension(f) == "html")
        .map(|f| {
            let text = fs::read_to_string(&f).unwrap();
            (normalize(&f), text)
        })
        .collect();
    assert!(pages.len() > 2, "the HTML book was not built");
    let ids: BTreeMap<&PathBuf, BTreeSet<String>> = pages
        .iter()
        .map(|(path, text)| (path, attribute_values(text, "id").collect()))
        .collect();

    let mut problems = Vec::new();
    for (page, text) in &pages {
        // The 404 page is served from the site root; its links are absolute on purpose.
        if page.ends_with("404.html") {
            continue;
        }
        let name = page
            .strip_prefix(normalize(&html))
            .unwrap()
            .display()
            .to_string();
        for link in
            attribute_values(text, "href").chain(attribute_values(text, "src"))
        {
            if link.contains("://")
                || link.starts_with("mailto:")
                || link.starts_with("javascript:")
            {
                continue;
            }
            let (file, fragment) = link.split_once('#').unwrap_or((&link, ""));
            let target = if file.is_empty() {
                page.clone()
            } else {
                normalize(&page.parent().unwrap().join(file))
            };
            if !target.exists() {
                problems.push(format!("{name}: link `{link}`: no such file"));
            } else if !fragment.is_empty() {
                match ids.get(&target) {
                    Some(known) if known.contains(fragment) => {}
                    Some(_) => problems.push(format!(
                        "{name}: link `{link}`: no heading or anchor `#{fragment}` there"
                    )),
                    None => {}
                }
            }
        }
    }
    problems.dedup();
    assert!(
        problems.is_empty(),
        "broken links in the built book:\n{}",
        problems.join("\n")
    );
}

#[test]
fn links_into_the_repository_name_files_that_exist() {
    let mut problems = Vec::new();
    for chapter in chapters() {
        for (offset, _) in chapter.text.match_indices(REPOSITORY_FILES) {
            let rest = &chapter.text[offset + REPOSITORY_FILES.len()..];
            let end = rest
                .find(|c: char| {
                    c.is_whitespace() || matches!(c, ')' | '>' | '"' | '#')
                })
                .unwrap_or(rest.len());
            let path = &rest[..end];
            if !Path::new(ROOT).join(path).exists() {
                problems.push(format!(
                    "{}: links to {path}, which is not in the repository",
                    chapter.name
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A claim links to its proof as
/// `[label]: <repository>/blob/main/tests/proofs/FILE.rs "proof: MODULE::TEST"`.
#[test]
fn every_proof_link_names_a_test_that_exists() {
    let proofs = format!("{REPOSITORY_FILES}tests/proofs/");
    let mut problems = Vec::new();
    let mut cited = 0;
    // The ledger links whole files; it is checked against the proofs below.
    for chapter in chapters().into_iter().filter(|c| c.name != LEDGER) {
        for (number, line) in chapter.text.lines().enumerate() {
            let Some(at) = line.find(&proofs) else {
                continue;
            };
            let at_line = format!("{}:{}", chapter.name, number + 1);
            let rest = &line[at + proofs.len()..];
            let file = rest
                .split(|c: char| c.is_whitespace() || c == ')')
                .next()
                .unwrap();
            let Some(title) = rest
                .split_once(" \"proof: ")
                .map(|(_, t)| t.trim_end_matches(['"', ')']))
            else {
                // Whole-file links, not proofs of one claim.
                if !["main.rs", "stress.rs"].contains(&file) {
                    problems.push(format!("{at_line}: a link to tests/proofs/{file} needs a title \"proof: MODULE::TEST\""));
                }
                continue;
            };
            let (module, test) = title.split_once("::").unwrap_or(("", title));
            if format!("{module}.rs") != file {
                problems.push(format!("{at_line}: `{title}` is not in {file}"));
                continue;
            }
            let source = fs::read_to_string(
                Path::new(ROOT).join("tests/proofs").join(file),
            )
            .unwrap_or_default();
            if !source.contains(&format!("fn {test}(")) {
                problems.push(format!(
                    "{at_line}: no test `{test}` in tests/proofs/{file} (renamed or removed?)"
                ));
            }
            cited += 1;
        }
    }
    assert!(
        cited > 0,
        "no proof links found: has the repository URL changed?"
    );
    assert!(
        problems.is_empty(),
        "proof links that prove nothing:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_reference_link_is_defined() {
    let mut problems = Vec::new();
    for chapter in chapters() {
        let mut in_code = false;
        let mut defined = BTreeSet::new();
        let mut used = Vec::new();
        for (number, line) in chapter.text.lines().enumerate() {
            if line.trim_start().starts_with("```") {
                in_code = !in_code;
                continue;
            }
            if in_code {
                continue;
            }
            if let Some(label) = line
                .strip_prefix('[')
                .and_then(|l| l.split_once("]:"))
                .map(|(l, _)| l)
            {
                defined.insert(label.to_lowercase());
                continue;
            }
            // Inline code spans are not links.
            let prose: String =
                line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
            for (at, _) in prose.match_indices("][") {
                if let Some(end) = prose[at + 2..].find(']') {
                    used.push((
                        number + 1,
                        prose[at + 2..at + 2 + end].to_lowercase(),
                    ));
                }
            }
        }
        for (number, label) in used {
            if !label.is_empty() && !defined.contains(&label) {
                problems.push(format!(
                    "{}:{number}: [..][{label}] is not defined",
                    chapter.name
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_page_loads_anything_from_the_network() {
    let html = Path::new(OUT_DIR).join("html");
    let mut problems = Vec::new();
    for file in files_under(&html) {
        let text = match extension(&file) {
            "html" | "css" | "hbs" => fs::read_to_string(&file).unwrap(),
            _ => continue,
        };
        let name = file.strip_prefix(&html).unwrap().display();
        let mut loads: Vec<String> = attribute_values(&text, "src").collect();
        // A stylesheet, icon or preload is fetched by the browser; an <a href> is not.
        for tag in text.split('<').filter(|t| t.starts_with("link ")) {
            loads.extend(attribute_values(tag, "href"));
        }
        for (at, _) in text.match_indices("url(") {
            loads.push(
                text[at + 4..].chars().take_while(|&c| c != ')').collect(),
            );
        }
        for url in loads {
            let url = url.trim_matches(['"', '\'']);
            if url.starts_with("http:")
                || url.starts_with("https:")
                || url.starts_with("//")
            {
                problems.push(format!("{name} loads {url}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "the offline book would reach the network:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_introduction_states_the_versions_in_cargo_lock() {
    let lock = fs::read_to_string(Path::new(ROOT).join("Cargo.lock")).unwrap();
    let manifest =
        fs::read_to_string(Path::new(ROOT).join("Cargo.toml")).unwrap();
    let intro = fs::read_to_string(Path::new(ROOT).join("src/introduction.md"))
        .unwrap();
    let mut rows = vec![
        ("tokio".to_owned(), locked_version(&lock, "tokio")),
        ("tokio-util".to_owned(), locked_version(&lock, "tokio-util")),
        ("mdBook".to_owned(), locked_version(&lock, "mdbook-driver")),
    ];
    let msrv = manifest
        .lines()
        .find_map(|l| toml_string(l.trim(), "rust-version"))
        .unwrap();
    rows.push(("Rust".to_owned(), format!("{msrv} or newer")));
    let missing: Vec<String> = rows
        .into_iter()
        .filter(|(what, version)| {
            !intro.contains(&format!("| {what} | {version}"))
        })
        .map(|(what, version)| format!("| {what} | {version} ..."))
        .collect();
    assert!(
        missing.is_empty(),
        "src/introduction.md's version table does not match Cargo.lock / Cargo.toml; expected rows starting:\n{}",
        missing.join("\n")
    );
}

// ---------------------------------------------------------------------------
// Reading the book's markdown.

struct Chapter {
    /// Path relative to the repository, for messages.
    name: String,
    text: String,
    includes: Vec<Include>,
    blocks: Vec<Block>,
}

struct Include {
    line: usize,
    kind: String,
    spec: String,
    file: PathBuf,
    anchor: Option<String>,
}

struct Block {
    line: usize,
    info: String,
    includes: Vec<Include>,
}

impl Block {
    fn has(&self, word: &str) -> bool {
        self.info
            .split(|c: char| c == ',' || c.is_whitespace())
            .any(|w| w == word)
    }
    fn is_rust(&self) -> bool {
        self.info
            .split(|c: char| c == ',' || c.is_whitespace())
            .next()
            == Some("rust")
    }
}

fn chapters() -> Vec<Chapter> {
    let root = Path::new(ROOT);
    files_under(&root.join("src"))
        .into_iter()
        .filter(|f| extension(f) == "md")
        .map(|file| {
            let text = fs::read_to_string(&file).unwrap();
            let dir = file.parent().unwrap();
            let includes: Vec<Include> = text
                .lines()
                .enumerate()
                .flat_map(|(i, line)| parse_includes(dir, i + 1, line))
                .collect();
            let mut blocks = Vec::new();
            let mut open: Option<(String, Block)> = None;
            for (i, line) in text.lines().enumerate() {
                let trimmed = line.trim_start();
                let fence: String =
                    trimmed.chars().take_while(|&c| c == '`').collect();
                match &mut open {
                    Some((opening, _))
                        if fence.len() >= opening.len()
                            && trimmed.trim() == fence =>
                    {
                        blocks.push(open.take().unwrap().1);
                    }
                    Some((_, block)) => {
                        block.includes.extend(parse_includes(dir, i + 1, line))
                    }
                    None if fence.len() >= 3 => {
                        let info = trimmed[fence.len()..].trim().to_owned();
                        open = Some((
                            fence,
                            Block {
                                line: i + 1,
                                info,
                                includes: Vec::new(),
                            },
                        ));
                    }
                    None => {}
                }
            }
            let name = file.strip_prefix(root).unwrap().display().to_string();
            Chapter {
                name,
                text,
                includes,
                blocks,
            }
        })
        .collect()
}

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
        // `file:anchor` names an anchor; `file:3:9` or `file::9` name lines.
        let anchor = (!selector.is_empty()
            && !selector.starts_with(|c: char| c.is_ascii_digit() || c == ':'))
        .then(|| selector.to_owned());
        found.push(Include {
            line: line_number,
            kind: kind.to_owned(),
            file: dir.join(path),
            anchor,
            spec: spec.clone(),
        });
    }
    found
}

// ---------------------------------------------------------------------------
// Small helpers.

fn extension(path: &Path) -> &str {
    path.extension().and_then(|e| e.to_str()).unwrap_or("")
}

/// `a/b/../c` -> `a/c`, without touching the disk.
fn normalize(path: &Path) -> PathBuf {
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

/// The values of every `name="..."` attribute in an HTML text, entities decoded.
fn attribute_values(html: &str, name: &str) -> impl Iterator<Item = String> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .filter_map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            rest.find('"').map(|end| rest[..end].replace("&amp;", "&"))
        })
        .collect::<Vec<_>>()
        .into_iter()
}

/// `key = "value"` -> `value`.
fn toml_string<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let value = line
        .strip_prefix(key)?
        .trim_start()
        .strip_prefix('=')?
        .trim();
    value.strip_prefix('"')?.strip_suffix('"')
}

fn locked_version(lock: &str, package: &str) -> String {
    let entry = format!("name = \"{package}\"\n");
    let at = lock
        .find(&entry)
        .unwrap_or_else(|| panic!("{package} is not in Cargo.lock"));
    let rest = &lock[at + entry.len()..];
    toml_string(rest.lines().next().unwrap().trim(), "version")
        .unwrap()
        .to_owned()
}

// ---------------------------------------------------------------------------
// The claims ledger appendix: generated from the proof links, checked here.

const LEDGER: &str = "src/appendix-claims-ledger.md";

/// Proof modules whose tests are not claims: stress runs and helpers.
const NOT_CLAIMS: [&str; 3] = ["main", "support", "stress"];

#[test]
fn every_proof_test_is_cited_and_the_claims_ledger_is_up_to_date() {
    let root = Path::new(ROOT);
    let proofs = format!("{REPOSITORY_FILES}tests/proofs/");
    // (module, test) -> places citing it, in book order.
    let mut cited: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for chapter in book_order_chapters() {
        let title = chapter
            .text
            .lines()
            .find_map(|l| l.strip_prefix("# "))
            .unwrap_or("")
            .to_owned();
        let page = chapter.name.trim_start_matches("src/").to_owned();
        let mut labels = BTreeMap::new();
        for line in chapter.text.lines() {
            if let Some((label, rest)) =
                line.strip_prefix('[').and_then(|l| l.split_once("]: "))
                && rest.starts_with(&proofs)
                && let Some((_, title)) = rest.split_once(" \"proof: ")
            {
                let (module, test) = title
                    .trim_end_matches('"')
                    .split_once("::")
                    .unwrap_or(("", ""));
                labels.insert(
                    label.to_lowercase(),
                    (module.to_owned(), test.to_owned()),
                );
            }
        }
        let mut section = String::new();
        for line in chapter.text.lines() {
            if let Some(heading) = line.strip_prefix("## ") {
                section = heading.to_owned();
            }
            for (at, _) in line.match_indices("][") {
                let label = line[at + 2..]
                    .split(']')
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                if let Some(key) = labels.get(&label) {
                    let place = if section.is_empty() {
                        format!("[{title}]({page})")
                    } else {
                        let text = section.replace('`', "");
                        format!(
                            "[{title}: {text}]({page}#{})",
                            heading_id(&text)
                        )
                    };
                    let places = cited.entry(key.clone()).or_default();
                    if !places.contains(&place) {
                        places.push(place);
                    }
                }
            }
        }
    }

    let mut ledger = String::from(
        "# Claims ledger\n\n\
         Every claim this book makes about how `Notify` behaves is proved by a test, and every \
         test below is cited by at least one claim. Each row names a test and the sections that \
         rely on it; the test's module is a file under `tests/proofs/`.\n\n\
         This page is generated from the book's proof links: after adding or moving a claim, \
         run `BLESS=1 cargo test --test book` and commit the result. `cargo test` fails when it \
         is out of date, when a cited test is renamed or removed, or when a proof test is cited \
         nowhere.\n",
    );
    let mut uncited = Vec::new();
    for file in files_under(&root.join("tests/proofs")) {
        let module = file.file_stem().unwrap().to_string_lossy().into_owned();
        if extension(&file) != "rs" || NOT_CLAIMS.contains(&module.as_str()) {
            continue;
        }
        let source = fs::read_to_string(&file).unwrap();
        ledger.push_str(&format!(
            "\n## `{module}`\n\n[`tests/proofs/{module}.rs`]({proofs}{module}.rs)\n\n| Test | Cited in |\n|---|---|\n"
        ));
        for test in test_names(&source) {
            match cited.get(&(module.clone(), test.clone())) {
                Some(places) => ledger.push_str(&format!(
                    "| `{test}` | {} |\n",
                    places.join("<br>")
                )),
                None => {
                    uncited.push(format!("tests/proofs/{module}.rs: {test}"))
                }
            }
        }
    }
    assert!(
        uncited.is_empty(),
        "proof tests that no claim in the book cites (cite them, or move them out of tests/proofs/):\n{}",
        uncited.join("\n")
    );
    let path = root.join(LEDGER);
    if std::env::var_os("BLESS").is_some() {
        fs::write(&path, &ledger).unwrap();
    }
    let current = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == ledger,
        "{LEDGER} is out of date with the book's proof links; run `BLESS=1 cargo test --test book` and commit it"
    );
}

/// The chapters in the order of SUMMARY.md, so the ledger reads like the book.
fn book_order_chapters() -> Vec<Chapter> {
    let summary =
        fs::read_to_string(Path::new(ROOT).join("src/SUMMARY.md")).unwrap();
    let order: Vec<String> = summary
        .lines()
        .filter_map(|l| {
            l.split_once("](")
                .map(|(_, rest)| rest.split(')').next().unwrap().to_owned())
        })
        .filter(|target| !target.is_empty())
        .map(|target| format!("src/{target}"))
        .collect();
    let mut chapters = chapters();
    chapters.retain(|c| order.contains(&c.name));
    chapters.sort_by_key(|c| order.iter().position(|o| *o == c.name));
    chapters
}

/// The names of the `#[test]` / `#[tokio::test]` functions in a file, in order.
fn test_names(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut attribute = false;
    for line in source.lines().map(str::trim) {
        if line.starts_with("#[test]") || line.starts_with("#[tokio::test") {
            attribute = true;
        } else if attribute
            && let Some(rest) =
                line.strip_prefix("async fn ").or(line.strip_prefix("fn "))
        {
            names.push(rest.split('(').next().unwrap().to_owned());
            attribute = false;
        }
    }
    names
}

/// mdBook 0.5's heading ids (`id_from_content` in mdbook-html).
fn heading_id(text: &str) -> String {
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

// ---------------------------------------------------------------------------
// The API history appendix, checked against the crates' own CHANGELOG.md.

#[test]
fn every_api_history_row_is_in_the_crates_changelog() {
    let page =
        fs::read_to_string(Path::new(ROOT).join("src/appendix-api-history.md"))
            .unwrap();
    let lock = fs::read_to_string(Path::new(ROOT).join("Cargo.lock")).unwrap();
    let mut problems = Vec::new();
    let mut rows = 0;
    let mut krate = "";
    let mut changelogs: BTreeMap<String, String> = BTreeMap::new();
    for line in page.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            krate = heading.trim();
            continue;
        }
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split(" | ")
            .map(str::trim)
            .collect();
        if cells.len() != 3
            || cells[1] == "Since"
            || cells[1].starts_with("---")
        {
            continue;
        }
        let (api, version, entry) = (cells[0], cells[1], cells[2]);
        let changelog =
            changelogs.entry(krate.to_owned()).or_insert_with(|| {
                changelog_of(krate, &locked_version(&lock, krate))
            });
        let section = changelog_section(changelog, version);
        rows += 1;
        if section.is_empty() {
            problems.push(format!(
                "{krate} {version} ({api}): no such release in its CHANGELOG.md"
            ));
        } else if !section.contains(entry) {
            problems.push(format!(
                "{krate} {version} ({api}): the CHANGELOG has no entry \"{entry}\" for that release"
            ));
        }
    }
    assert!(rows >= 20, "only {rows} rows read from the API history");
    assert!(
        problems.is_empty(),
        "src/appendix-api-history.md:\n{}",
        problems.join("\n")
    );
}

/// The CHANGELOG.md inside the downloaded source of `name` `version`.
fn changelog_of(name: &str, version: &str) -> String {
    let output = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--offline"])
        .current_dir(ROOT)
        .output()
        .expect("cargo metadata");
    let metadata = String::from_utf8_lossy(&output.stdout);
    let suffix = format!("{name}-{version}/Cargo.toml\"");
    let manifest = metadata
        .split("\"manifest_path\":\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap_or(0)])
        .find(|path| format!("{path}\"").ends_with(&suffix))
        .unwrap_or_else(|| {
            panic!("{name} {version} not found by cargo metadata")
        });
    let manifest = manifest.replace("\\\\", "\\");
    fs::read_to_string(Path::new(&manifest).with_file_name("CHANGELOG.md"))
        .unwrap()
}

/// The lines under `# VERSION (date)`, up to the next release heading.
fn changelog_section(changelog: &str, version: &str) -> String {
    let heading = format!("# {version} ");
    let mut lines = changelog.lines().skip_while(|l| !l.starts_with(&heading));
    let Some(first) = lines.next() else {
        return String::new();
    };
    let rest: Vec<&str> = lines.take_while(|l| !l.starts_with("# ")).collect();
    format!("{first}\n{}", rest.join("\n"))
}

// ---------------------------------------------------------------------------
// The index of reflective questions (chapter 7), generated and checked.

const QUESTIONS: &str = "src/ch07-questions.md";

#[test]
fn the_index_of_reflective_questions_is_up_to_date() {
    let mut index = String::from(
        "# Reflective questions\n\n\
         Every reflective question in the book, by chapter, each linked to the section where it \
         is asked and answered. Use them to check your understanding, or as prompts for a \
         discussion with a colleague. (This page is generated: after adding a question, run \
         `BLESS=1 cargo test --test book`.)\n",
    );
    let mut total = 0;
    for chapter in book_order_chapters() {
        let page = chapter.name.trim_start_matches("src/").to_owned();
        if page == QUESTIONS.trim_start_matches("src/") {
            continue;
        }
        let title = chapter
            .text
            .lines()
            .find_map(|l| l.strip_prefix("# "))
            .unwrap_or("")
            .to_owned();
        let mut section = String::new();
        let mut questions = Vec::new();
        for line in chapter.text.lines() {
            if let Some(heading) = line.strip_prefix("## ") {
                section = heading.replace('`', "");
            }
            let Some(summary) = line
                .strip_prefix("<summary>")
                .and_then(|l| l.strip_suffix("</summary>"))
            else {
                continue;
            };
            if summary == "Solution" {
                continue;
            }
            let text = summary.replace("<code>", "`").replace("</code>", "`");
            let text = text
                .split_once(". ")
                .filter(|(n, _)| n.parse::<u32>().is_ok())
                .map_or(text.as_str(), |(_, t)| t);
            questions
                .push(format!("1. [{text}]({page}#{})", heading_id(&section)));
        }
        if !questions.is_empty() {
            total += questions.len();
            index.push_str(&format!(
                "\n## [{title}]({page})\n\n{}\n",
                questions.join("\n")
            ));
        }
    }
    assert!(total >= 10, "only {total} reflective questions found");
    let path = Path::new(ROOT).join(QUESTIONS);
    if std::env::var_os("BLESS").is_some() {
        fs::write(&path, &index).unwrap();
    }
    assert!(
        fs::read_to_string(&path).unwrap_or_default() == index,
        "{QUESTIONS} is out of date; run `BLESS=1 cargo test --test book` and commit it"
    );
}
