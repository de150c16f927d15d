//! Every file that is generated from other files, in one place.
//!
//! `cargo run -- bless` writes them; the book's tests (`tests/book/`) only
//! compare, and fail with the command to run when one is out of date.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::chapters::{self, Chapter, heading_id};
use crate::citations;

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
    let (ledger, uncited) = claims_ledger(root);
    problems.extend(uncited);
    files.push(Generated {
        path: root.join(LEDGER),
        contents: ledger,
    });
    files.push(Generated {
        path: root.join(QUESTIONS),
        contents: question_index(root),
    });
    files.extend(starters(root));
    let (chapter, chapter_problems) = real_world_tables(root);
    problems.extend(chapter_problems);
    files.push(Generated {
        path: root.join(REAL_WORLD),
        contents: chapter,
    });
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
// The claims ledger: every proof test and the places that cite it.

pub const LEDGER: &str = "src/appendix-claims-ledger.md";
/// Proof modules whose tests are not claims: stress runs and helpers.
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

/// `module::test` for a proof reference definition, if it is one.
pub fn proof_of(
    root: &Path,
    definition: &chapters::Definition,
) -> Option<(String, String)> {
    let prefix = format!("{}/blob/main/tests/proofs/", repository(root));
    definition.url.strip_prefix(&prefix)?;
    let title = definition.title.strip_prefix("proof: ")?;
    let (module, test) = title.split_once("::")?;
    Some((module.to_owned(), test.to_owned()))
}

/// The proof modules: `tests/proofs/*.rs` minus helpers and stress runs.
pub fn proof_modules(root: &Path) -> Vec<(String, PathBuf)> {
    house::files_under(&root.join("tests/proofs"))
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "rs"))
        .map(|f| (f.file_stem().unwrap().to_string_lossy().into_owned(), f))
        .filter(|(module, _)| !NOT_CLAIMS.contains(&module.as_str()))
        .collect()
}

fn claims_ledger(root: &Path) -> (String, Vec<String>) {
    let repository = repository(root);
    let mut cited: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for chapter in chapters::in_summary(root) {
        let proofs: BTreeMap<&String, (String, String)> = chapter
            .definitions
            .iter()
            .filter_map(|(label, d)| Some((label, proof_of(root, d)?)))
            .collect();
        for link in &chapter.links {
            let Some(key) = link.label.as_ref().and_then(|l| proofs.get(l))
            else {
                continue;
            };
            let place = place(&chapter, &link.section);
            let places = cited.entry(key.clone()).or_default();
            if !places.contains(&place) {
                places.push(place);
            }
        }
    }

    let mut ledger = String::from(
        "# Claims ledger\n\n\
         Every claim this book makes about how `Notify` behaves is proved by a test, and every \
         test below is cited by at least one claim. Each row names a test and the sections that \
         rely on it; the test's module is a file under `tests/proofs/`.\n\n\
         This page is generated from the book's proof links: after adding or moving a claim, \
         run `cargo run -- bless` and commit the result. `cargo test` fails when it \
         is out of date, when a cited test is renamed or removed, or when a proof test is cited \
         nowhere.\n",
    );
    let mut uncited = Vec::new();
    for (module, file) in proof_modules(root) {
        let source = fs::read_to_string(&file).unwrap();
        ledger.push_str(&format!(
            "\n## `{module}`\n\n[`tests/proofs/{module}.rs`]({repository}/blob/main/tests/proofs/{module}.rs)\n\n| Test | Cited in |\n|---|---|\n"
        ));
        for test in crate::rust::tests_in(&source, &house::relative(&file)) {
            match cited.get(&(module.clone(), test.name.clone())) {
                Some(places) => ledger.push_str(&format!(
                    "| `{}` | {} |\n",
                    test.name,
                    places.join("<br>")
                )),
                None => uncited.push(format!(
                    "tests/proofs/{module}.rs: {} is cited by no claim in the book (cite it, or move it out of tests/proofs/)",
                    test.name
                )),
            }
        }
    }
    (ledger, uncited)
}

/// `[Chapter title: Section](page#section)`.
fn place(chapter: &Chapter, section: &str) -> String {
    if section.is_empty() {
        format!("[{}]({})", chapter.title, chapter.page)
    } else {
        format!(
            "[{}: {section}]({}#{})",
            chapter.title,
            chapter.page,
            heading_id(section)
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
            .filter(|s| s.text != "Solution")
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
    house::files_under(&root.join(SOLUTIONS))
        .into_iter()
        .filter(|f| {
            f.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("exercise-")
        })
        .map(|solution| Generated {
            path: root.join(STARTERS).join(solution.file_name().unwrap()),
            contents: starter_from(&fs::read_to_string(&solution).unwrap()),
        })
        .collect()
}

/// The starter: every `// ANCHOR: solution` ... `// ANCHOR_END: solution`
/// region removed, the `/* STARTER` ... `*/` lines around the starter's code
/// removed (the code stays), and the other anchor lines dropped.
pub fn starter_from(solution: &str) -> String {
    let mut starter = String::new();
    let mut in_solution = false;
    for line in solution.lines() {
        let code = line.trim();
        match code {
            "// ANCHOR: solution" => in_solution = true,
            "// ANCHOR_END: solution" => in_solution = false,
            "/* STARTER" | "*/" => {}
            _ if in_solution || code.starts_with("// ANCHOR") => {}
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

#[path = "../../listings/ch08-real-world/listing-08-13.rs"]
#[allow(dead_code)]
mod grep_app;

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
        let mut table = String::from("| Site | What it does |\n|---|---|\n");
        for site in pattern.sites() {
            let repo = site.get("repo");
            table.push_str(&format!(
                "| [**{repo}**](https://github.com/{repo})<br>[`{}`<br>lines {}]({}) at `{}` | {} |\n",
                site.get("path"),
                site.get("lines"),
                site.permalink(),
                &site.get("commit")[..7.min(site.get("commit").len())],
                site.get("note")
                    .replace('|', "\\|")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;"),
            ));
        }
        return Some(table);
    }
    if name == "search recipes" {
        let mut table = String::from(
            "| Pattern | grep.app | Sourcegraph |\n|---|---|---|\n",
        );
        for pattern in patterns {
            let grep = pattern.get("grep_app");
            let sourcegraph = pattern.get("sourcegraph");
            table.push_str(&format!(
                "| {} | [`{}`](https://grep.app/search?q={}&filter%5Blang%5D%5B0%5D=Rust) | [`{}`](https://sourcegraph.com/search?q={}) |\n",
                pattern.get("title"),
                grep.replace('|', "\\|"),
                grep_app::encode(grep),
                sourcegraph.replace('|', "\\|"),
                grep_app::encode(sourcegraph),
            ));
        }
        return Some(table);
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
