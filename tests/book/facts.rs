//! Every claim says what kind of fact it is (`tools/src/facts.rs`):
//! documented (the words are in the pinned tokio / tokio-util source),
//! observed in the pinned release, or internal. Part I teaches as rules only
//! what is documented, and labels in its text whatever else it states.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use book::chapters::Chapter;
use book::facts::{self, Fact};

use crate::{chapters, root};

/// The pages of Part I: the introduction and every page SUMMARY.md lists
/// before the "Reference" part.
fn part_one() -> BTreeSet<String> {
    let summary = fs::read_to_string(root().join("src/SUMMARY.md")).unwrap();
    let mut pages = BTreeSet::new();
    for line in summary.lines() {
        if line.trim() == "# Reference" {
            break;
        }
        if let Some(start) = line.find("](") {
            let rest = &line[start + 2..];
            if let Some(end) = rest.find(')') {
                pages.insert(rest[..end].to_owned());
            }
        }
    }
    assert!(pages.len() >= 7, "Part I has only {pages:?}");
    pages
}

fn tests_facts() -> BTreeMap<(String, String), Result<Fact, String>> {
    facts::of_tests(&root())
}

#[test]
fn every_proof_test_says_what_kind_of_fact_it_proves() {
    let quotes = facts::quotes(&root()).expect("data/documented.toml");
    let mut problems = house::Problems::new();
    for ((module, test), fact) in tests_facts() {
        match fact {
            Err(why) => problems
                .push(format!("tests/proofs/{module}.rs: {test}: {why}")),
            Ok(Fact::Documented(ids)) => {
                for id in ids {
                    if !quotes.contains_key(&id) {
                        problems.push(format!(
                            "tests/proofs/{module}.rs: {test}: documented({id}), but {} has no quote `{id}`",
                            facts::QUOTES
                        ));
                    }
                }
            }
            Ok(_) => {}
        }
    }
    problems.assert_none(
        "each proof test needs one doc line `/// Fact: documented(ID)`, `/// Fact: observed` or `/// Fact: internal`:",
    );
}

#[test]
fn every_documented_quote_is_in_the_doc_comments_of_the_pinned_source() {
    let packages = crate::history::packages(crate::history::metadata());
    let quotes = facts::quotes(&root()).expect("data/documented.toml");
    assert!(quotes.len() >= 10, "only {} quotes", quotes.len());
    let mut problems = house::Problems::new();
    let mut docs: BTreeMap<std::path::PathBuf, String> = BTreeMap::new();
    let mut skipped = Vec::new();
    for quote in quotes.values() {
        if quote.krate == "std" {
            match std_docs_has(&quote.file, &quote.text) {
                None => skipped.push(quote.id.clone()),
                Some(true) => {}
                Some(false) => problems.push(format!(
                    "{}: not in the toolchain's std documentation, {}: \"{}\"",
                    quote.id, quote.file, quote.text
                )),
            }
            let expected =
                format!("https://doc.rust-lang.org/{}/std/", rustc_version());
            if !quote.docs.starts_with(&expected) {
                problems.push(format!(
                    "{}: docs link should start {expected}",
                    quote.id
                ));
            }
            continue;
        }
        let Some((version, manifest)) = packages.get(&quote.krate) else {
            problems.push(format!(
                "{}: `{}` is not a crate the book depends on",
                quote.id, quote.krate
            ));
            continue;
        };
        let file = manifest.with_file_name("").join(&quote.file);
        let text = docs.entry(file.clone()).or_insert_with(|| {
            facts::doc_text(&fs::read_to_string(&file).unwrap_or_default())
        });
        if text.is_empty() {
            problems.push(format!(
                "{}: no doc comments in {} {version}'s {}",
                quote.id, quote.krate, quote.file
            ));
        } else if !text.contains(&facts::fold(&quote.text)) {
            problems.push(format!(
                "{}: not in the doc comments of {} {version}'s {}: \"{}\"",
                quote.id, quote.krate, quote.file, quote.text
            ));
        }
        let expected = format!("https://docs.rs/{}/{version}/", quote.krate);
        if !quote.docs.starts_with(&expected) {
            problems.push(format!(
                "{}: docs link should start {expected}",
                quote.id
            ));
        }
    }
    if !skipped.is_empty() {
        eprintln!(
            "note: this toolchain has no rust-docs component, so these std quotes were not checked: {}",
            skipped.join(", ")
        );
    }
    problems.assert_none("data/documented.toml:");
}

/// `1.95.0`, the toolchain running the tests.
fn rustc_version() -> String {
    let out = std::process::Command::new("rustc")
        .arg("--version")
        .output()
        .expect("rustc --version");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .nth(1)
        .unwrap_or("")
        .to_owned()
}

/// Whether the toolchain's std docs page `file` says `quote` (code marks
/// dropped: the page is HTML); `None` without the rust-docs component.
fn std_docs_has(file: &str, quote: &str) -> Option<bool> {
    let out = std::process::Command::new("rustc")
        .args(["--print", "sysroot"])
        .output()
        .ok()?;
    let sysroot = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let page = fs::read_to_string(
        std::path::Path::new(&sysroot)
            .join("share/doc/rust/html")
            .join(file),
    )
    .ok()?;
    let mut text = String::with_capacity(page.len());
    let mut in_tag = false;
    for c in page.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let squeeze = |t: &str| {
        let folded = facts::fold(t);
        [".", ",", ";", ":", ")"]
            .iter()
            .fold(folded, |t, p| t.replace(&format!(" {p}"), p))
    };
    Some(squeeze(&text).contains(&squeeze(&quote.replace('`', ""))))
}

/// `{{#documented ID}}` / `{{#observed}}` / `{{#internal}}` in a text.
fn labels(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for name in book::marks::LABELS {
        let open = format!("{{{{#{name}");
        for (start, _) in text.match_indices(&open) {
            let rest = &text[start + open.len()..];
            if let Some(end) = rest.find("}}") {
                found.push((name.to_owned(), rest[..end].trim().to_owned()));
            }
        }
    }
    found
}

#[test]
fn every_quote_is_used_and_every_documented_label_names_one() {
    let quotes = facts::quotes(&root()).expect("data/documented.toml");
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut problems = house::Problems::new();
    for fact in tests_facts().into_values().flatten() {
        if let Fact::Documented(ids) = fact {
            used.extend(ids);
        }
    }
    for chapter in chapters() {
        for (name, arg) in labels(&chapter.text) {
            if name == "documented" {
                if !quotes.contains_key(&arg) {
                    problems.push(format!(
                        "{}: {{{{#documented {arg}}}}}: no such quote",
                        chapter.name
                    ));
                }
                used.insert(arg);
            } else if !(arg.is_empty()
                || name == "observed" && arg == "tokio-util")
            {
                problems.push(format!(
                    "{}: {{{{#{name} {arg}}}}} takes no argument (`observed` takes only `tokio-util`)",
                    chapter.name
                ));
            }
        }
    }
    for id in quotes.keys() {
        if !used.contains(id) {
            problems.push(format!(
                "{}: quote `{id}` is used by no test and no page",
                facts::QUOTES
            ));
        }
    }
    problems.assert_none("documented quotes:");
}

/// The `## ` sections of chapter 7 that state a numbered rule, with their
/// text: (heading, anchor, text).
fn rule_sections(rules: &Chapter) -> Vec<(String, String, String)> {
    let mut sections = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in rules.text.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            if let Some((h, text)) = current.take() {
                sections.push((
                    h.clone(),
                    book::chapters::heading_id(&h),
                    text,
                ));
            }
            if heading
                .split_once(". ")
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
            {
                current = Some((heading.to_owned(), String::new()));
            }
            continue;
        }
        if let Some((_, text)) = &mut current {
            text.push_str(line);
            text.push('\n');
        }
    }
    if let Some((h, text)) = current {
        sections.push((h.clone(), book::chapters::heading_id(&h), text));
    }
    sections
}

/// anchor of each rule -> its label (`documented`, `observed`, `internal`).
fn rule_labels() -> (BTreeMap<String, String>, house::Problems) {
    let rules = chapters()
        .iter()
        .find(|c| c.page == "ch07-rules.md")
        .expect("src/ch07-rules.md");
    let facts = tests_facts();
    let mut problems = house::Problems::new();
    let mut kinds = BTreeMap::new();
    let sections = rule_sections(rules);
    assert!(
        sections.len() >= 15,
        "only {} rules found in chapter 7",
        sections.len()
    );
    for (heading, anchor, text) in sections {
        let Some(kind_line) = text.lines().find(|l| l.starts_with("**Kind:**"))
        else {
            problems
                .push(format!("chapter 7, \"{heading}\": no `**Kind:**` line"));
            continue;
        };
        // The first label on the line is the rule's kind; more may follow,
        // for parts of it that are of another kind.
        let first = book::marks::LABELS
            .iter()
            .filter_map(|name| {
                kind_line
                    .find(&format!("{{{{#{name}"))
                    .map(|at| (at, *name))
            })
            .min();
        let Some((at, _)) = first else {
            problems.push(format!(
                "chapter 7, \"{heading}\": its **Kind:** line needs one of {{{{#documented ID}}}}, {{{{#observed}}}}, {{{{#internal}}}}"
            ));
            continue;
        };
        let (kind, id) = labels(
            &kind_line[at..kind_line[at..]
                .find("}}")
                .map_or(kind_line.len(), |e| at + e + 2)],
        )[0]
        .clone();
        if kind == "documented" {
            // A documented rule is proven by a test of the same quote.
            let proven = book::marks::find(&text).iter().any(|(_, _, module, test)| {
                matches!(facts.get(&(module.clone(), test.clone())), Some(Ok(Fact::Documented(ids))) if ids.contains(&id))
            });
            if !proven {
                problems.push(format!(
                    "chapter 7, \"{heading}\": documented by `{id}`, but no proof in the section is `Fact: documented({id})`"
                ));
            }
        }
        kinds.insert(anchor, kind);
    }
    (kinds, problems)
}

#[test]
fn every_rule_of_chapter_7_says_what_kind_of_fact_it_is() {
    let (_, problems) = rule_labels();
    problems.assert_none("chapter 7:");
}

#[test]
fn part_one_teaches_as_rules_only_what_tokio_documents() {
    let (kinds, _) = rule_labels();
    let part_one = part_one();
    let mut problems = house::Problems::new();
    for chapter in chapters().iter().filter(|c| part_one.contains(&c.page)) {
        for link in &chapter.links {
            let Some(anchor) = link.url.strip_prefix("ch07-rules.md#") else {
                continue;
            };
            if let Some(kind) = kinds.get(anchor)
                && kind != "documented"
            {
                problems.push(format!(
                    "{}:{}: cites the rule #{anchor}, which is {kind}, not documented",
                    chapter.name, link.line
                ));
            }
        }
    }
    problems.assert_none("Part I cites as rules only documented behaviour:");
}

#[test]
fn part_one_labels_every_claim_that_tokio_does_not_document() {
    let facts = tests_facts();
    let part_one = part_one();
    let mut problems = house::Problems::new();
    let mut labelled = 0;
    for chapter in chapters().iter().filter(|c| part_one.contains(&c.page)) {
        let mut line = 1;
        for paragraph in chapter.text.split("\n\n") {
            let here = line;
            line += paragraph.matches('\n').count() + 2;
            let kinds: BTreeSet<String> =
                labels(paragraph).into_iter().map(|(k, _)| k).collect();
            for (_, _, module, test) in book::marks::find(paragraph) {
                let Some(Ok(fact)) = facts.get(&(module.clone(), test.clone()))
                else {
                    continue;
                };
                let word = fact.word();
                if word == "documented" {
                    continue;
                }
                if kinds.contains(word) {
                    labelled += 1;
                } else {
                    problems.push(format!(
                        "{}:{here}: the claim proven by {module}::{test} is {word}: say so in its paragraph with {{{{#{word}}}}}",
                        chapter.name
                    ));
                }
            }
        }
    }
    problems.assert_none(
        "Part I: a claim tokio does not promise is labelled where it is made:",
    );
    let _ = labelled;
}

/// Part I's prose, as a reader reads it: no code blocks, generated blocks,
/// directives, HTML tags or reference definitions.
fn prose(text: &str) -> String {
    let mut out = String::new();
    let mut in_code = false;
    let mut generated = false;
    for line in text.lines() {
        // A generated block (the day-one table) is data, not prose.
        if line.starts_with("<!-- generated") {
            generated = true;
        }
        if line.starts_with("<!-- end generated") {
            generated = false;
        }
        if generated {
            continue;
        }
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code || (line.starts_with('[') && line.contains("]: ")) {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    let mut clean = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(start) = rest.find(['{', '<']) {
        clean.push_str(&rest[..start]);
        let (close, skip) = if rest[start..].starts_with("{{") {
            ("}}", 2)
        } else if rest[start..].starts_with('<') {
            (">", 1)
        } else {
            ("", 0)
        };
        if close.is_empty() {
            clean.push('{');
            rest = &rest[start + 1..];
            continue;
        }
        match rest[start..].find(close) {
            Some(end) => rest = &rest[start + end + skip..],
            None => {
                rest = &rest[start + 1..];
            }
        }
    }
    clean.push_str(rest);
    clean
}

#[test]
fn part_one_stays_short_numbers_no_rules_and_names_each_version_once() {
    let part_one = part_one();
    let mut problems = house::Problems::new();
    let mut words = 0;
    let mut versions: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for chapter in chapters().iter().filter(|c| part_one.contains(&c.page)) {
        let text = prose(&chapter.text);
        words += text.split_whitespace().count();
        for (n, line) in text.lines().enumerate() {
            let lower = line.to_lowercase();
            for (at, _) in lower.match_indices("rule ") {
                if lower[at + 5..].starts_with(|c: char| c.is_ascii_digit()) {
                    problems.push(format!("{}: \"{}\": name the rule, do not number it (numbers live in chapter 7)", chapter.name, line.trim()));
                }
            }
            let _ = n;
        }
        // A version mention: "tokio 1.47 or newer", "tokio-util 0.7.16 ...".
        let flat = facts::fold(&text);
        for krate in ["tokio ", "tokio-util "] {
            for (at, _) in flat.match_indices(krate) {
                let after = &flat[at + krate.len()..];
                if !after.starts_with(|c: char| c.is_ascii_digit()) {
                    continue;
                }
                let before = &flat[..at];
                // What it is about: the last code span before it.
                let about = before.rsplit('`').nth(1).unwrap_or("").to_owned();
                let version: String = after
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '.')
                    .collect();
                if chapter.page == "introduction.md"
                    && version.matches('.').count() == 2
                {
                    continue; // the table of tested versions
                }
                versions
                    .entry(about)
                    .or_default()
                    .push(format!("{} ({krate}{version})", chapter.name));
            }
        }
    }
    for (about, places) in &versions {
        if places.len() > 1 {
            problems.push(format!("`{about}` has {} version mentions in Part I: {} (keep one \"needs tokio X.Y\"; the API history has the rest)", places.len(), places.join(", ")));
        }
    }
    eprintln!(
        "Part I: {words} words of prose, {} version mentions",
        versions.values().map(Vec::len).sum::<usize>()
    );
    if words > 13_000 {
        problems.push(format!("Part I has {words} words of prose (code excluded); the budget is 13,000"));
    }
    problems.assert_none("Part I:");
}
