//! Chapter 4's citations and its grep.app client.
//!
//! `data/citations.toml` holds every real-world site the chapter cites. These
//! tests check each entry, and regenerate the chapter's tables from the file
//! (`BLESS=1 cargo test --test realworld` rewrites them; otherwise a table
//! that differs from the data fails). Nothing here uses the network: the
//! GitHub workflow checks online that every permalink resolves.
#![allow(clippy::all)]

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use toml::{Table, Value};

#[path = "../listings/ch04-real-world/listing-04-13.rs"]
#[allow(dead_code)]
mod grep_app;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const CHAPTER: &str = "src/ch04-real-world.md";

fn patterns() -> Vec<Table> {
    let data = fs::read_to_string(Path::new(ROOT).join("data/citations.toml"))
        .unwrap();
    let table: Table =
        data.parse().expect("data/citations.toml is not valid TOML");
    let Some(Value::Array(patterns)) = table.get("pattern") else {
        panic!("no [[pattern]]")
    };
    patterns
        .iter()
        .map(|p| p.as_table().unwrap().clone())
        .collect()
}

fn text<'a>(table: &'a Table, key: &str) -> &'a str {
    table.get(key).and_then(Value::as_str).unwrap_or("")
}

fn sites(pattern: &Table) -> Vec<Table> {
    match pattern.get("site") {
        Some(Value::Array(sites)) => sites
            .iter()
            .map(|s| s.as_table().unwrap().clone())
            .collect(),
        _ => Vec::new(),
    }
}

fn permalink(site: &Table) -> String {
    let (start, end) = text(site, "lines")
        .split_once('-')
        .unwrap_or((text(site, "lines"), text(site, "lines")));
    format!(
        "https://github.com/{}/blob/{}/{}#L{start}-L{end}",
        text(site, "repo"),
        text(site, "commit"),
        text(site, "path")
    )
}

#[test]
fn every_citation_is_a_complete_permalink() {
    let mut problems = Vec::new();
    for pattern in patterns() {
        for site in sites(&pattern) {
            let at = format!(
                "{} / {}:{}",
                text(&pattern, "id"),
                text(&site, "repo"),
                text(&site, "path")
            );
            let repo = text(&site, "repo");
            let parts: Vec<&str> = repo.split('/').collect();
            if parts.len() != 2
                || parts.iter().any(|p| p.is_empty() || p.contains(' '))
            {
                problems.push(format!("{at}: repo must be owner/name"));
            }
            if text(&site, "path").is_empty()
                || text(&site, "path").starts_with('/')
            {
                problems.push(format!(
                    "{at}: path must be relative to the repository"
                ));
            }
            let lines: Vec<Option<u32>> = text(&site, "lines")
                .split('-')
                .map(|n| n.parse().ok())
                .collect();
            match lines.as_slice() {
                [Some(a), Some(b)] if a <= b && *a > 0 => {}
                _ => problems
                    .push(format!("{at}: lines must be START-END, 1-based")),
            }
            let commit = text(&site, "commit");
            if commit.len() != 40
                || !commit
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
            {
                problems.push(format!(
                    "{at}: commit must be 40 lowercase hex digits"
                ));
            }
            let note = text(&site, "note");
            if note.len() < 20 || note.len() > 320 {
                problems.push(format!(
                    "{at}: the note must be one sentence of our own"
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "data/citations.toml:\n{}",
        problems.join("\n")
    );
}

#[test]
fn no_site_is_cited_twice() {
    let mut seen = BTreeSet::new();
    let mut twice = Vec::new();
    for pattern in patterns() {
        for site in sites(&pattern) {
            if !seen.insert(permalink(&site)) {
                twice.push(permalink(&site));
            }
        }
    }
    assert!(twice.is_empty(), "cited twice:\n{}", twice.join("\n"));
}

#[test]
fn every_pattern_has_two_to_five_sites_a_listing_and_queries() {
    let root = Path::new(ROOT);
    let mut problems = Vec::new();
    let mut ids = BTreeSet::new();
    for pattern in patterns() {
        let id = text(&pattern, "id");
        if !ids.insert(id.to_owned()) {
            problems.push(format!("{id}: duplicate pattern id"));
        }
        let count = sites(&pattern).len();
        if !(2..=5).contains(&count) {
            problems.push(format!("{id}: {count} sites (2 to 5 wanted)"));
        }
        for key in ["title", "pain", "risk", "grep_app", "sourcegraph"] {
            if text(&pattern, key).is_empty() {
                problems.push(format!("{id}: no {key}"));
            }
        }
        let listing = text(&pattern, "listing");
        let chapter = listing
            .strip_prefix("listing-")
            .and_then(|n| n.get(..2))
            .unwrap_or("??");
        let found = fs::read_dir(root.join("listings"))
            .unwrap()
            .flatten()
            .filter(|dir| {
                dir.file_name()
                    .to_string_lossy()
                    .starts_with(&format!("ch{chapter}"))
            })
            .any(|dir| dir.path().join(format!("{listing}.rs")).exists());
        if !found {
            problems
                .push(format!("{id}: its listing {listing} does not exist"));
        }
    }
    assert!(
        problems.is_empty(),
        "data/citations.toml:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_survey_is_wide_enough() {
    let patterns = patterns();
    let sites: Vec<Table> = patterns.iter().flat_map(sites).collect();
    let repos: BTreeSet<&str> = sites.iter().map(|s| text(s, "repo")).collect();
    assert!(patterns.len() >= 8, "{} patterns", patterns.len());
    assert!(sites.len() >= 24, "{} sites", sites.len());
    assert!(repos.len() >= 12, "{} repositories", repos.len());
}

/// The generated parts of the chapter, between `<!-- generated: NAME -->`
/// and `<!-- end generated -->`.
fn generated(name: &str) -> Option<String> {
    let patterns = patterns();
    if let Some(id) = name.strip_prefix("sites ") {
        let pattern = patterns.iter().find(|p| text(p, "id") == id)?;
        let mut table = String::from("| Site | What it does |\n|---|---|\n");
        for site in sites(pattern) {
            let repo = text(&site, "repo");
            table.push_str(&format!(
                "| [**{repo}**](https://github.com/{repo})<br>[`{}`<br>lines {}]({}) at `{}` | {} |\n",
                text(&site, "path"),
                text(&site, "lines"),
                permalink(&site),
                &text(&site, "commit")[..7],
                text(&site, "note")
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
        for pattern in &patterns {
            let grep = text(pattern, "grep_app");
            let sourcegraph = text(pattern, "sourcegraph");
            table.push_str(&format!(
                "| {} | [`{}`](https://grep.app/search?q={}&filter%5Blang%5D%5B0%5D=Rust) | [`{}`](https://sourcegraph.com/search?q={}) |\n",
                text(pattern, "title"),
                grep.replace('|', "\\|"),
                grep_app::encode(grep),
                sourcegraph.replace('|', "\\|"),
                grep_app::encode(sourcegraph),
            ));
        }
        return Some(table);
    }
    if name == "counts" {
        let sites: Vec<Table> = patterns.iter().flat_map(sites).collect();
        let repos: BTreeSet<&str> =
            sites.iter().map(|s| text(s, "repo")).collect();
        return Some(format!(
            "This chapter cites {} sites in {} repositories, grouped into {} patterns.\n",
            sites.len(),
            repos.len(),
            patterns.len()
        ));
    }
    None
}

#[test]
fn the_chapter_shows_every_pattern_from_the_data_as_generated() {
    let path = Path::new(ROOT).join(CHAPTER);
    let chapter = fs::read_to_string(&path).unwrap();
    let mut rebuilt = String::new();
    let mut rest = chapter.as_str();
    let mut shown = BTreeSet::new();
    let mut problems = Vec::new();
    while let Some(start) = rest.find("<!-- generated: ") {
        let header_end = start + rest[start..].find("-->").unwrap() + 3;
        let name = rest[start + 16..header_end - 3].trim().to_owned();
        let end = header_end
            + rest[header_end..]
                .find("<!-- end generated -->")
                .expect("unclosed generated block");
        rebuilt.push_str(&rest[..header_end]);
        match generated(&name) {
            Some(body) => rebuilt.push_str(&format!("\n\n{body}\n")),
            None => problems.push(format!("unknown generated block `{name}`")),
        }
        if let Some(id) = name.strip_prefix("sites ") {
            shown.insert(id.to_owned());
        }
        rest = &rest[end..];
    }
    rebuilt.push_str(rest);
    for pattern in patterns() {
        let id = text(&pattern, "id");
        if !shown.contains(id) {
            problems.push(format!(
                "pattern {id} has no `<!-- generated: sites {id} -->` block"
            ));
        }
        let command = format!("cargo run --bin {}", text(&pattern, "listing"));
        if !chapter.contains(&command)
            && !chapter.contains(&format!(
                "Listing {}",
                listing_number(text(&pattern, "listing"))
            ))
        {
            problems.push(format!(
                "pattern {id}: its listing is neither shown nor referred to"
            ));
        }
    }
    if std::env::var_os("BLESS").is_some() {
        fs::write(&path, &rebuilt).unwrap();
    }
    assert!(problems.is_empty(), "{CHAPTER}:\n{}", problems.join("\n"));
    let chapter = fs::read_to_string(&path).unwrap();
    assert!(
        rebuilt == chapter,
        "{CHAPTER}'s tables are out of date with data/citations.toml; run `BLESS=1 cargo test --test realworld`"
    );
}

/// `listing-04-02` -> `4-2`.
fn listing_number(listing: &str) -> String {
    let digits: Vec<u32> = listing
        .trim_start_matches("listing-")
        .split('-')
        .filter_map(|n| n.parse().ok())
        .collect();
    digits
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join("-")
}

// ---------------------------------------------------------------------------
// Listing 4-13, the grep.app client, on a saved answer.

const SAMPLE: &str =
    include_str!("../listings/ch04-real-world/grep-app-sample.json");

#[test]
fn the_grep_app_client_builds_query_urls() {
    let plain = grep_app::Query {
        text: "notify_waiters()",
        ..Default::default()
    };
    assert_eq!(
        grep_app::search_url(&plain),
        "https://grep.app/api/search?q=notify_waiters%28%29"
    );
    let every_option = grep_app::Query {
        text: r"\.notified\(\)",
        regexp: true,
        case: true,
        words: true,
        lang: Some("Rust"),
        repo: Some("tokio-rs/tokio"),
        path: Some("tokio/src/sync/"),
    };
    assert_eq!(
        grep_app::search_url(&every_option),
        "https://grep.app/api/search?q=%5C.notified%5C%28%5C%29&regexp=true&case=true&words=true\
         &filter%5Blang%5D%5B0%5D=Rust&filter%5Brepo%5D%5B0%5D=tokio-rs%2Ftokio\
         &filter%5Bpath%5D%5B0%5D=tokio%2Fsrc%2Fsync%2F"
    );
}

#[test]
fn the_grep_app_client_reads_hits_from_a_saved_answer() {
    let (total, hits) = grep_app::parse(SAMPLE).unwrap();
    assert_eq!(total, 2);
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0].repo, "tokio-notify-in-practice/book");
    assert_eq!(hits[0].branch, "main");
    assert_eq!(hits[0].path, "listings/ch02-examples/listing-02-06.rs");
    assert_eq!(hits[0].lines.len(), 2);
    let (number, code, matched) = &hits[0].lines[1];
    assert_eq!((*number, *matched), (21, true));
    assert_eq!(
        code.trim(),
        "self.bell.notify_waiters(); // 2. wake everyone waiting now"
    );
    assert!(!hits[0].lines[0].2, "a context line is not a match");
}

#[test]
fn the_grep_app_client_rejects_what_is_not_an_answer() {
    assert!(grep_app::parse("<html>Checking your browser...</html>").is_err());
    assert!(grep_app::parse(r#"{"time": 1}"#).is_err());
}
