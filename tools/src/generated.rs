//! Every file that is generated from other files, in one place.
//!
//! `cargo run -- bless` writes them; the book's tests (`tests/book/`) only
//! compare, and fail with the command to run when one is out of date.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::chapters::{self, Chapter, heading_id};
use crate::citations;
use crate::marks::Kind;

/// A generated file and what it should contain.
pub struct Generated {
    pub path: PathBuf,
    pub contents: String,
}

/// Every generated file, and the problems found while generating them
/// (a proof test cited nowhere, a pattern with no table, ...).
pub fn all(root: &Path) -> (Vec<Generated>, Vec<String>) {
    let mut problems = Vec::new();
    let mut files = vec![Generated {
        path: root.join(LISTINGS_MANIFEST),
        contents: listings_manifest(root),
    }];
    let (pages, ledger_problems) = claims_ledger(root);
    problems.extend(ledger_problems);
    files.extend(pages);
    files.push(Generated {
        path: root.join(QUESTIONS),
        contents: question_index(root),
    });
    files.extend(starters(root));
    let (client, client_problems) = grep_app_client(root);
    problems.extend(client_problems);
    files.push(Generated {
        path: root.join(GREP_APP_CLIENT),
        contents: client,
    });
    let (chapter, chapter_problems) = real_world_tables(root);
    problems.extend(chapter_problems);
    files.push(Generated {
        path: root.join(REAL_WORLD),
        contents: chapter,
    });
    match crate::day_one::introduction(root) {
        Ok(contents) => files.push(Generated {
            path: root.join(crate::day_one::INTRODUCTION),
            contents,
        }),
        Err(problem) => problems.push(problem),
    }
    (files, problems)
}

/// The files among `all` whose contents on disk differ, relative names.
pub fn stale(root: &Path) -> Vec<String> {
    all(root)
        .0
        .into_iter()
        .filter(|g| {
            fs::read_to_string(&g.path).ok().as_ref() != Some(&g.contents)
        })
        .map(|g| house::relative(&g.path))
        .collect()
}

// ---------------------------------------------------------------------------
// listings/Cargo.toml: one program per runnable listing.

pub const LISTINGS_MANIFEST: &str = "listings/Cargo.toml";
const BEGIN: &str = "# BEGIN GENERATED";
const END: &str = "] # END GENERATED";

fn listings_manifest(root: &Path) -> String {
    let current = fs::read_to_string(root.join(LISTINGS_MANIFEST)).unwrap();
    let (Some(begin), Some(end)) = (current.find(BEGIN), current.find(END))
    else {
        panic!("{LISTINGS_MANIFEST} lost its `{BEGIN}` / `{END}` lines");
    };
    let header_end = begin + current[begin..].find("bin = [\n").unwrap() + 8;
    let mut out = current[..header_end].to_owned();
    for listing in house::listings().iter().filter(|l| !l.must_not_compile) {
        let path = listing.relative();
        let path = path.trim_start_matches("listings/");
        out.push_str(&format!(
            "    {{ name = \"{}\", path = \"{path}\", test = false }},\n",
            listing.name
        ));
    }
    out.push_str(&current[end..]);
    out
}

// ---------------------------------------------------------------------------
// The claims ledger and the proof pages: every proof test, what it proves,
// and the places that cite it.

pub const LEDGER: &str = "src/appendix-claims-ledger.md";
pub const PROOF_PAGES: &str = "src/proofs";
/// Proof modules whose tests are not claims: helpers and stress runs (the
/// stress runs are supporting evidence, shown but not required to be cited).
pub const NOT_CLAIMS: [&str; 3] = ["main", "support", "stress"];

/// The repository, as `book.toml` names it (`git-repository-url`).
pub fn repository(root: &Path) -> String {
    let config: toml::Table = fs::read_to_string(root.join("book.toml"))
        .unwrap()
        .parse()
        .expect("book.toml is not TOML");
    config["output"]["html"]["git-repository-url"]
        .as_str()
        .expect("book.toml: output.html.git-repository-url")
        .to_owned()
}

/// The proof modules with a page: `tests/proofs/*.rs` minus the helpers.
pub fn proof_modules(root: &Path) -> Vec<(String, PathBuf)> {
    house::files_under(&root.join("tests/proofs"))
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "rs"))
        .map(|f| (f.file_stem().unwrap().to_string_lossy().into_owned(), f))
        .filter(|(module, _)| !["main", "support"].contains(&module.as_str()))
        .collect()
}

/// (module, test) -> (kind, places citing it), in book order.
type Citations = BTreeMap<(String, String), (Vec<Kind>, Vec<String>)>;

fn citations(root: &Path) -> Citations {
    let mut cited = Citations::new();
    for chapter in chapters::in_summary(root) {
        for mark in &chapter.marks {
            let (kinds, places) = cited
                .entry((mark.module.clone(), mark.test.clone()))
                .or_default();
            let place = place(&chapter, &mark.section, "");
            if !kinds.contains(&mark.kind) {
                kinds.push(mark.kind);
            }
            if !places.contains(&place) {
                places.push(place);
            }
        }
    }
    cited
}

/// (module, test) -> the kinds of mark that cite it.
pub fn mark_kinds(root: &Path) -> BTreeMap<(String, String), Vec<Kind>> {
    citations(root)
        .into_iter()
        .map(|(key, (kinds, _))| (key, kinds))
        .collect()
}

/// The ledger, the proof pages, and every proof test cited nowhere.
fn claims_ledger(root: &Path) -> (Vec<Generated>, Vec<String>) {
    let cited = citations(root);
    let facts = crate::facts::of_tests(root);
    let catches = crate::mutants::caught_by_test(root);
    let breaks: BTreeMap<String, String> = crate::mutants::catalogue(root)
        .unwrap_or_default()
        .into_iter()
        .map(|m| (m.id, m.breaks))
        .collect();
    let mut ledger = String::from(
        "# Claims ledger\n\n\
         Every claim this book makes about how `Notify` and `CancellationToken` behave carries a \
         mark, and this page lists them all, by the test behind each one (see [How this book \
         proves things](appendix-proofs.md) for the mechanics):\n\n\
         - **proof** (✓): a deterministic test that fails if the claim is false. A proof of a \
         listing runs that listing's own code; the *Catches* column names the mutations of that \
         code (from `data/mutations.toml`) that the test is known to catch, because `cargo run -- \
         mutants` applies each one and checks that the test fails. A proof about tokio itself \
         (a rule of chapter 7) tests tokio and catches no mutation of ours.\n\
         - **replay** (↻): where the gap lies between two plain calls, which no deterministic \
         test can pause, a test walks through the same steps in the unlucky order, on the \
         listing's own types. Evidence, not proof.\n\
         - **stress**: the correct patterns run 10,000 times on a multi-thread runtime, under a \
         deadline. They support the replays; they cannot prove the absence of a race.\n\n\
         The *Fact* column says what kind of fact each test proves ([three kinds of \
         fact](appendix-proofs.md#three-kinds-of-fact)): *documented* (with the quote's id in \
         `data/documented.toml`), *observed* in the pinned release, or *internal*.\n\n\
         This page is generated from the book's marks: after adding or moving a claim, run \
         `cargo run -- bless` and commit the result. `cargo test` fails when it is out of date, \
         when a mark names a test that does not exist, when a proof test is cited nowhere, or \
         when a proof of listing code is named by no mutation.\n",
    );
    let mut pages = Vec::new();
    let mut problems = Vec::new();
    for (module, file) in proof_modules(root) {
        let source = fs::read_to_string(&file).unwrap();
        let relative = house::relative(&file);
        let tests = crate::rust::tests_in(&source, &relative);
        let claims = !NOT_CLAIMS.contains(&module.as_str());
        let stress = module == "stress";
        if claims || stress {
            ledger.push_str(&format!(
                "\n## [`{module}`](proofs/{module}.md)\n\n| Test | Kind | Fact | Catches | Cited in |\n|---|---|---|---|---|\n"
            ));
        }
        let doc: Vec<&str> = source
            .lines()
            .map_while(|l| l.strip_prefix("//!"))
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect();
        let mut page = format!(
            "# Proofs: `{module}`\n\n{}\n\nThese tests run with `cargo test -p listings --test proofs {module}::`. \
             The file at the commit this book was built from: [`{relative}`]({{{{#source {relative}}}}}).\n",
            doc.join("\n").trim()
        );
        for test in tests {
            let key = (module.clone(), test.name.clone());
            let citing = cited.get(&key);
            let caught: &[String] = catches
                .get(&format!("{module}::{}", test.name))
                .map_or(&[], Vec::as_slice);
            let caught_cell = if caught.is_empty() {
                if source.contains("listing_") {
                    "".to_owned()
                } else {
                    "(tests tokio itself)".to_owned()
                }
            } else {
                caught
                    .iter()
                    .map(|id| format!("`{id}`"))
                    .collect::<Vec<_>>()
                    .join("<br>")
            };
            // A stress test names the claims it supports: `/// Supports: m::t`.
            let supports: Vec<String> = source
                .lines()
                .skip(test.first_line.saturating_sub(1))
                .take(test.last_line + 1 - test.first_line)
                .filter_map(|l| l.trim().strip_prefix("/// Supports:"))
                .flat_map(|l| l.split(','))
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty())
                .collect();
            if stress {
                let links: Vec<String> = supports
                    .iter()
                    .map(|t| {
                        let (m, n) = t.split_once("::").unwrap_or(("", t));
                        format!("supports [`{t}`](proofs/{m}.md#{n})")
                    })
                    .collect();
                ledger.push_str(&format!(
                    "| [`{}`](proofs/{module}.md#{}) | stress |  |  | {} |\n",
                    test.name,
                    test.name,
                    links.join("<br>")
                ));
            } else if claims {
                let fact_cell = match facts.get(&key) {
                    Some(Ok(crate::facts::Fact::Documented(ids))) => format!(
                        "documented: {}",
                        ids.iter()
                            .map(|id| format!("`{id}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    Some(Ok(fact)) => fact.word().to_owned(),
                    _ => "(no label)".to_owned(),
                };
                match citing {
                    Some((kinds, places)) => ledger.push_str(&format!(
                        "| [`{}`](proofs/{module}.md#{}) | {} | {fact_cell} | {caught_cell} | {} |\n",
                        test.name,
                        test.name,
                        kinds.iter().map(|k| k.word()).collect::<Vec<_>>().join(", "),
                        places.join("<br>")
                    )),
                    None => problems.push(format!(
                        "{relative}: {} is cited by no claim in the book (cite it, or move it out of tests/proofs/)",
                        test.name
                    )),
                }
            }
            page.push_str(&format!("\n## `{}`\n\n", test.name));
            if let Some((kinds, places)) = citing {
                let places: Vec<String> =
                    places.iter().map(|p| p.replace("](", "](../")).collect();
                page.push_str(&format!(
                    "{} for: {}\n\n",
                    if kinds.contains(&Kind::Proof) {
                        "Proof"
                    } else {
                        "Replay"
                    },
                    places.join(", ")
                ));
            }
            match facts.get(&key) {
                Some(Ok(crate::facts::Fact::Documented(ids))) => {
                    page.push_str(&format!(
                        "Kind of fact: {}.\n\n",
                        ids.iter()
                            .map(|id| format!("{{{{#documented {id}}}}}"))
                            .collect::<Vec<_>>()
                            .join("; ")
                    ))
                }
                Some(Ok(fact)) => page.push_str(&format!(
                    "Kind of fact: {{{{#{}}}}}.\n\n",
                    fact.word()
                )),
                _ => {}
            }
            if !supports.is_empty() {
                let links: Vec<String> = supports
                    .iter()
                    .map(|t| {
                        let (m, n) = t.split_once("::").unwrap_or(("", t));
                        format!("[`{t}`]({m}.md#{n})")
                    })
                    .collect();
                page.push_str(&format!(
                    "Stress, supporting: {}\n\n",
                    links.join(", ")
                ));
            }
            if !caught.is_empty() {
                page.push_str("Catches these mutations of the listing (`cargo run -- mutants`):\n\n");
                for id in caught {
                    page.push_str(&format!(
                        "- `{id}`: breaks \"{}\"\n",
                        breaks.get(id).map_or("", String::as_str)
                    ));
                }
                page.push('\n');
            }
            page.push_str(&format!(
                "```rs\n{{{{#include ../../{relative}:{}:{}}}}}\n```\n\n[Source]({{{{#source {relative}:{}:{}}}}})\n",
                test.first_line, test.last_line, test.first_line, test.last_line
            ));
        }
        pages.push(Generated {
            path: root.join(PROOF_PAGES).join(format!("{module}.md")),
            contents: page,
        });
    }
    // Every mark names a test that exists.
    for ((module, test), (_, places)) in &cited {
        let file = root.join("tests/proofs").join(format!("{module}.rs"));
        let exists = fs::read_to_string(&file).ok().is_some_and(|source| {
            crate::rust::tests_in(&source, module)
                .iter()
                .any(|t| t.name == *test)
        });
        if !exists {
            problems.push(format!(
                "`{module}::{test}`, cited in {}, is not a test in tests/proofs/{module}.rs (renamed or removed?)",
                places.join(", ")
            ));
        }
    }
    let summary =
        fs::read_to_string(root.join("src/SUMMARY.md")).unwrap_or_default();
    for page in &pages {
        let name = house::relative(&page.path);
        let link = name.trim_start_matches("src/");
        if !summary.contains(&format!("]({link})")) {
            problems.push(format!(
                "src/SUMMARY.md does not list the proof page {link}"
            ));
        }
    }
    pages.push(Generated {
        path: root.join(LEDGER),
        contents: ledger,
    });
    (pages, problems)
}

/// `[Chapter title: Section](page#section)`.
fn place(chapter: &Chapter, section: &str, _: &str) -> String {
    if section.is_empty() {
        format!("[{}]({})", chapter.title, chapter.page)
    } else {
        let text = section.replace('`', "");
        format!(
            "[{}: {text}]({}#{})",
            chapter.title,
            chapter.page,
            heading_id(&text)
        )
    }
}

// ---------------------------------------------------------------------------
// The index of reflective questions.

pub const QUESTIONS: &str = "src/appendix-questions.md";

fn question_index(root: &Path) -> String {
    let mut index = String::from(
        "# Reflective questions\n\n\
         Every reflective question in the book, by chapter, each linked to the section where it \
         is asked and answered. Use them to check your understanding, or as prompts for a \
         discussion with a colleague. (This page is generated: after adding a question, run \
         `cargo run -- bless`.)\n",
    );
    for chapter in chapters::in_summary(root) {
        if chapter.name == QUESTIONS {
            continue;
        }
        let questions: Vec<String> = chapter
            .summaries
            .iter()
            // Answers, hints and output folds are not questions to discuss.
            .filter(|s| {
                s.text != "Solution"
                    && s.text != "Hint"
                    && !s.text.starts_with("Predict the output")
            })
            .map(|s| {
                let text =
                    s.text.replace("<code>", "`").replace("</code>", "`");
                let text = text
                    .split_once(". ")
                    .filter(|(n, _)| n.parse::<u32>().is_ok())
                    .map_or(text.as_str(), |(_, t)| t)
                    .to_owned();
                format!(
                    "1. [{text}]({}#{})",
                    chapter.page,
                    heading_id(&s.section)
                )
            })
            .collect();
        if !questions.is_empty() {
            index.push_str(&format!(
                "\n## [{}]({})\n\n{}\n",
                chapter.title,
                chapter.page,
                questions.join("\n")
            ));
        }
    }
    index
}

// ---------------------------------------------------------------------------
// Exercise starters, from their solutions.

pub const SOLUTIONS: &str = "listings/ch06-exercises";
pub const STARTERS: &str = "exercises";

/// `exercises/exercise-N.rs` for every `listings/ch06-exercises/exercise-N.rs`.
fn starters(root: &Path) -> Vec<Generated> {
    house::exercise_files(&root.join(SOLUTIONS))
        .into_iter()
        .map(|solution| Generated {
            path: root.join(STARTERS).join(solution.file_name().unwrap()),
            contents: starter_from(&fs::read_to_string(&solution).unwrap()),
        })
        .collect()
}

/// The starter: every `// ANCHOR: solution` ... `// ANCHOR_END: solution`
/// region removed, and the `/* STARTER` ... `*/` lines around the starter's
/// code removed (the code stays). Other anchors stay, so that the chapter can
/// show part of a starter (`{{#rustdoc_include ../exercises/exercise-N.rs:task}}`).
pub fn starter_from(solution: &str) -> String {
    let mut starter = String::new();
    let mut in_solution = false;
    for line in solution.lines() {
        let code = line.trim();
        match code {
            "// ANCHOR: solution" => in_solution = true,
            "// ANCHOR_END: solution" => in_solution = false,
            "/* STARTER" | "*/" => {}
            _ if in_solution => {}
            _ => {
                starter.push_str(line);
                starter.push('\n');
            }
        }
    }
    starter
}

// ---------------------------------------------------------------------------
// Chapter 8's tables, from data/citations.toml.

pub const REAL_WORLD: &str = "src/ch08-real-world.md";

fn real_world_tables(root: &Path) -> (String, Vec<String>) {
    let patterns = citations::patterns(root);
    let chapter = fs::read_to_string(root.join(REAL_WORLD)).unwrap();
    let mut problems = Vec::new();
    let mut rebuilt = String::new();
    let mut rest = chapter.as_str();
    let mut shown = Vec::new();
    while let Some(start) = rest.find("<!-- generated: ") {
        let header_end = start + rest[start..].find("-->").unwrap() + 3;
        let name = rest[start + 16..header_end - 3].trim().to_owned();
        let Some(length) = rest[header_end..].find("<!-- end generated -->")
        else {
            problems.push(format!("{REAL_WORLD}: `{name}` is never closed"));
            break;
        };
        rebuilt.push_str(&rest[..header_end]);
        match real_world_block(&patterns, &name) {
            Some(body) => rebuilt.push_str(&format!("\n\n{body}\n")),
            None => problems.push(format!(
                "{REAL_WORLD}: unknown generated block `{name}`"
            )),
        }
        if let Some(id) = name.strip_prefix("sites ") {
            shown.push(id.to_owned());
        }
        rest = &rest[header_end + length..];
    }
    rebuilt.push_str(rest);
    for pattern in &patterns {
        let id = pattern.get("id");
        if !shown.iter().any(|s| s == id) {
            problems.push(format!(
                "{REAL_WORLD}: pattern {id} has no `<!-- generated: sites {id} -->` block"
            ));
        }
    }
    (rebuilt, problems)
}

fn real_world_block(
    patterns: &[citations::Pattern],
    name: &str,
) -> Option<String> {
    if let Some(id) = name.strip_prefix("sites ") {
        let pattern = patterns.iter().find(|p| p.get("id") == id)?;
        let cell = |text: &str| {
            text.replace('|', "\\|")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        };
        let mut block =
            format!("**Shape.** {}\n\n", cell(pattern.get("shape")));
        block.push_str("| # | Site | What it does |\n|---|---|---|\n");
        let sites = pattern.sites();
        for (n, site) in sites.iter().enumerate() {
            let repo = site.get("repo");
            block.push_str(&format!(
                "| {} | [{repo}](https://github.com/{repo})<br>[`{}` {}]({}) | {} |\n",
                n + 1,
                site.get("path"),
                site.get("lines"),
                site.permalink(),
                cell(site.get("note")),
            ));
        }
        let mut search = Vec::new();
        for (engine, link) in [
            (citations::Engine::GrepApp, pattern.grep_app_link()),
            (citations::Engine::Sourcegraph, pattern.sourcegraph_link()),
        ] {
            let found: Vec<String> = sites
                .iter()
                .enumerate()
                .filter(|(_, s)| s.found_by(engine).is_some())
                .map(|(n, _)| (n + 1).to_string())
                .collect();
            let regexp = if engine == citations::Engine::GrepApp
                && pattern.grep_app_regexp()
            {
                " (regex)"
            } else {
                ""
            };
            search.push(format!(
                "{}{regexp} [`{}`]({link}) (sites {})",
                engine.name(),
                pattern.get(engine.key()),
                found.join(", ")
            ));
        }
        block.push_str(&format!("\nSearch: {}.\n", search.join("; ")));
        return Some(block);
    }
    if name == "counts" {
        let sites: Vec<citations::Site> = patterns
            .iter()
            .flat_map(citations::Pattern::sites)
            .collect();
        let mut repos: Vec<&str> =
            sites.iter().map(|s| s.get("repo")).collect();
        repos.sort();
        repos.dedup();
        return Some(format!(
            "This chapter cites {} sites in {} repositories, grouped into {} patterns.\n",
            sites.len(),
            repos.len(),
            patterns.len()
        ));
    }
    None
}

// ---------------------------------------------------------------------------
// Listing 8-9's saved answer, made from the book's own listings.

/// The grep.app client, whose `SAMPLE` is generated.
pub const GREP_APP_CLIENT: &str = "listings/ch08-real-world/listing-08-09.rs";
/// The listings the sample answer shows: for each, its first line that calls
/// `notify_waiters()`, and the line before it.
pub const SAMPLE_SOURCES: [&str; 2] = [
    "listings/ch02-examples/listing-02-06.rs",
    "listings/ch03-notify-vs-token/listing-03-10.rs",
];
const SAMPLE_BEGIN: &str = "// generated: sample\n";
const SAMPLE_END: &str = "// end generated\n";

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The sample answer, in the shape of grep.app's (`{"raw": ...}` fields; a
/// snippet that is an HTML table, a `data-line` row per line, `<mark>`
/// around the match).
pub fn grep_app_sample(root: &Path) -> Result<String, String> {
    let mut hits = Vec::new();
    for (n, path) in SAMPLE_SOURCES.iter().enumerate() {
        let text = fs::read_to_string(root.join(path))
            .map_err(|e| format!("{path}: {e}"))?;
        let lines: Vec<&str> = text.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.contains(".notify_waiters();"))
            .filter(|&i| i > 0)
            .ok_or_else(|| {
                format!("{path}: no line calls .notify_waiters()")
            })?;
        let mut rows = String::new();
        for (i, line) in lines.iter().enumerate().take(at + 1).skip(at - 1) {
            let code = html_escape(line)
                .replace("notify_waiters", "<mark>notify_waiters</mark>");
            let number = i + 1;
            rows += &format!(
                "<tr data-line=\"{number}\"><td><div class=\"lineno\">{number}</div></td>\
                 <td><div class=\"highlight\"><pre>{code}</pre></div></td></tr>"
            );
        }
        let raw = |v: String| serde_json::json!({ "raw": v });
        hits.push(serde_json::json!({
            "id": raw((n + 1).to_string()),
            "repo": raw("tokio-notify-in-practice/book".into()),
            "branch": raw("main".into()),
            "path": raw((*path).into()),
            "content": { "snippet": format!("<table class=\"highlight-table\">{rows}</table>") },
        }));
    }
    // One hit a line: the shape of the answer stays readable, its words few.
    let lines: Vec<String> = hits.iter().map(|h| format!("  {h}")).collect();
    let json = format!(
        "{{\"hits\": {{\"total\": {}, \"hits\": [\n{}\n]}}}}",
        hits.len(),
        lines.join(",\n")
    );
    if json.contains("\"#") {
        return Err("the sample cannot be a raw string".into());
    }
    Ok(format!("pub const SAMPLE: &str = r#\"{json}\"#;\n"))
}

fn grep_app_client(root: &Path) -> (String, Vec<String>) {
    let file =
        fs::read_to_string(root.join(GREP_APP_CLIENT)).unwrap_or_default();
    let (Some(begin), Some(end)) =
        (file.find(SAMPLE_BEGIN), file.find(SAMPLE_END))
    else {
        return (
            file,
            vec![format!("{GREP_APP_CLIENT}: no generated sample block")],
        );
    };
    match grep_app_sample(root) {
        Ok(sample) => (
            format!("{}{SAMPLE_BEGIN}{sample}{}", &file[..begin], &file[end..]),
            Vec::new(),
        ),
        Err(why) => (file, vec![why]),
    }
}
