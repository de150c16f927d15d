//! `data/citations.toml`, the real-world sites chapter 8 cites: every entry
//! is a complete permalink with a note of our own, none is cited twice, each
//! pattern has its sites, listing and search recipes, and the survey is wide.
//! Online, `cargo run -- check-citations` (the weekly workflow
//! .github/workflows/citations.yml) asks GitHub whether every commit is on its
//! default branch and whether the cited lines still hold the idents; its
//! offline parts are tested at the end of this file, on saved answers.

use std::collections::{BTreeMap, BTreeSet};

use book::citations::{online, parse, patterns};

use crate::root;

#[test]
fn every_citation_is_a_complete_permalink() {
    let mut problems = house::Problems::new();
    for pattern in patterns(&root()) {
        for site in pattern.sites() {
            let at = format!(
                "{} / {}:{}",
                pattern.get("id"),
                site.get("repo"),
                site.get("path")
            );
            let parts: Vec<&str> = site.get("repo").split('/').collect();
            if parts.len() != 2
                || parts.iter().any(|p| p.is_empty() || p.contains(' '))
            {
                problems.push(format!("{at}: repo must be owner/name"));
            }
            let path = site.get("path");
            if path.is_empty() || path.starts_with('/') {
                problems.push(format!(
                    "{at}: path must be relative to the repository"
                ));
            }
            let lines: Vec<Option<u32>> = site
                .get("lines")
                .split('-')
                .map(|n| n.parse().ok())
                .collect();
            match lines.as_slice() {
                [Some(a), Some(b)] if a <= b && *a > 0 => {}
                _ => problems
                    .push(format!("{at}: lines must be START-END, 1-based")),
            }
            let commit = site.get("commit");
            if commit.len() != 40
                || !commit
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
            {
                problems.push(format!(
                    "{at}: commit must be 40 lowercase hex digits"
                ));
            }
            let note = site.get("note");
            if note.len() < 20 || note.len() > 320 {
                problems.push(format!(
                    "{at}: the note must be one sentence of our own"
                ));
            }
            let idents = site.idents();
            if idents.is_empty()
                || idents
                    .iter()
                    .any(|i| i.trim().is_empty() || i.contains('\n'))
            {
                problems.push(format!(
                    "{at}: idents must list the identifiers the note names \
                     (each found in the cited lines; the weekly check reads them)"
                ));
            }
        }
    }
    problems.assert_none("data/citations.toml:");
}

#[test]
fn no_site_is_cited_twice() {
    let mut seen = BTreeSet::new();
    let mut problems = house::Problems::new();
    for pattern in patterns(&root()) {
        for site in pattern.sites() {
            if !seen.insert(site.permalink()) {
                problems.push(site.permalink());
            }
        }
    }
    problems.assert_none("cited twice:");
}

#[test]
fn every_pattern_has_two_to_five_sites_a_listing_and_queries() {
    let listings: BTreeSet<String> =
        house::listings().into_iter().map(|l| l.name).collect();
    let mut problems = house::Problems::new();
    let mut ids = BTreeSet::new();
    for pattern in patterns(&root()) {
        let id = pattern.get("id");
        if !ids.insert(id.to_owned()) {
            problems.push(format!("{id}: duplicate pattern id"));
        }
        let count = pattern.sites().len();
        if !(2..=5).contains(&count) {
            problems.push(format!("{id}: {count} sites (2 to 5 wanted)"));
        }
        for key in ["title", "pain", "risk", "grep_app", "sourcegraph"] {
            if pattern.get(key).is_empty() {
                problems.push(format!("{id}: no {key}"));
            }
        }
        let listing = pattern.get("listing");
        if !listings.contains(listing) {
            problems
                .push(format!("{id}: its listing {listing} does not exist"));
        }
    }
    problems.assert_none("data/citations.toml:");
}

#[test]
fn the_survey_is_wide_enough() {
    let patterns = patterns(&root());
    let sites: Vec<_> = patterns.iter().flat_map(|p| p.sites()).collect();
    let repos: BTreeSet<&str> = sites.iter().map(|s| s.get("repo")).collect();
    assert!(patterns.len() >= 18, "{} patterns", patterns.len());
    assert!(sites.len() >= 70, "{} sites", sites.len());
    assert!(repos.len() >= 18, "{} repositories", repos.len());
}

/// A pattern's retelling is either shown in chapter 8 (the listing's
/// `cargo run --bin` line) or named there ("Listing N-M").
#[test]
fn every_patterns_listing_is_shown_or_named_in_the_chapter() {
    let chapter =
        std::fs::read_to_string(root().join(book::generated::REAL_WORLD))
            .unwrap();
    let mut problems = house::Problems::new();
    for pattern in patterns(&root()) {
        let listing = pattern.get("listing");
        let number = listing
            .strip_prefix("listing-")
            .and_then(|n| n.split_once('-'))
            .and_then(|(c, m)| {
                Some(format!(
                    "{}-{}",
                    c.parse::<u32>().ok()?,
                    m.parse::<u32>().ok()?
                ))
            });
        let Some(number) = number else {
            problems.push(format!(
                "{}: listing `{listing}` is not listing-NN-MM",
                pattern.get("id")
            ));
            continue;
        };
        let named = chapter.contains(&format!("Listing {number}"))
            || chapter.contains(&format!("Listing\n{number}"));
        if !named && !chapter.contains(&format!("cargo run --bin {listing}")) {
            problems.push(format!(
                "{}: chapter 8 neither shows {listing} (`cargo run --bin {listing}`) \
                 nor names it (\"Listing {number}\")",
                pattern.get("id")
            ));
        }
    }
    problems.assert_none("data/citations.toml:");
}

#[test]
fn no_two_patterns_share_a_grep_app_query() {
    let mut seen = BTreeMap::new();
    let mut problems = house::Problems::new();
    for pattern in patterns(&root()) {
        let link = pattern.grep_app_link();
        if let Some(other) = seen.insert(link, pattern.get("id").to_owned()) {
            problems.push(format!("{} and {other}", pattern.get("id")));
        }
    }
    problems.assert_none("the same grep.app search for two patterns:");
}

// ---------------------------------------------------------------------------
// The online check's offline parts (no network).

/// Answers of GitHub's REST API, in its shape but SYNTHETIC: written by
/// hand, trimmed to the fields the check reads (a real answer has many more).
const REPO: &str = r#"{"full_name": "octo/demo", "default_branch": "main"}"#;
const BEHIND: &str = r#"{"status": "behind", "ahead_by": 0, "behind_by": 12, "total_commits": 0}"#;
const IDENTICAL: &str = r#"{"status": "identical", "ahead_by": 0, "behind_by": 0, "total_commits": 0}"#;
const AHEAD: &str =
    r#"{"status": "ahead", "ahead_by": 3, "behind_by": 0, "total_commits": 3}"#;
const DIVERGED: &str = r#"{"status": "diverged", "ahead_by": 2, "behind_by": 40, "total_commits": 2}"#;

#[test]
fn the_online_check_builds_its_urls() {
    let commit = "75fef53d0a8590c2d1dbb63672aa7b7d1ef51155";
    assert_eq!(
        online::repo_url("tokio-rs/tokio"),
        "https://api.github.com/repos/tokio-rs/tokio"
    );
    assert_eq!(
        online::compare_url("tokio-rs/tokio", "master", commit),
        format!(
            "https://api.github.com/repos/tokio-rs/tokio/compare/master...{commit}"
        )
    );
    assert_eq!(
        online::raw_url("tokio-rs/tokio", commit, "tokio/src/sync/notify.rs"),
        format!(
            "https://raw.githubusercontent.com/tokio-rs/tokio/{commit}/tokio/src/sync/notify.rs"
        )
    );
    assert_eq!(
        online::raw_url("o/r", "c", "a dir/x+y.rs"),
        "https://raw.githubusercontent.com/o/r/c/a%20dir/x%2By.rs"
    );
}

#[test]
fn the_online_check_decides_from_a_compare_answer() {
    // base = the default branch, head = the cited commit.
    assert_eq!(online::on_default_branch(BEHIND), Ok(true));
    assert_eq!(online::on_default_branch(IDENTICAL), Ok(true));
    assert_eq!(online::on_default_branch(AHEAD), Ok(false));
    assert_eq!(online::on_default_branch(DIVERGED), Ok(false));
    assert!(online::on_default_branch(r#"{"message": "Not Found"}"#).is_err());
    assert!(online::on_default_branch("<html>").is_err());
    assert_eq!(online::default_branch(REPO), Ok("main".to_owned()));
    assert!(online::default_branch("{}").is_err());
}

#[test]
fn the_online_check_finds_idents_in_the_cited_lines_only() {
    let file = "fn alpha() {}\nfn wake() { bell.notify_one(); }\nfn b() {}\n";
    assert_eq!(
        online::missing_idents(file, (2, 2), &["wake", "notify_one"]),
        Ok(vec![])
    );
    assert_eq!(
        online::missing_idents(file, (2, 3), &["notify_one", "alpha"]),
        Ok(vec!["alpha"]),
        "an ident outside the range does not count"
    );
    assert!(online::missing_idents(file, (3, 4), &["b"]).is_err());
}

#[test]
fn the_online_check_reports_each_kind_of_problem() {
    let patterns = parse(
        r#"
[[pattern]]
id = "demo"
[[pattern.site]]
repo = "octo/demo"
path = "src/ok.rs"
lines = "2-2"
commit = "1111111111111111111111111111111111111111"
idents = ["notify_one"]
[[pattern.site]]
repo = "octo/demo"
path = "src/ok.rs"
lines = "1-2"
commit = "2222222222222222222222222222222222222222"
idents = ["wake"]
[[pattern.site]]
repo = "octo/demo"
path = "src/ok.rs"
lines = "1-1"
commit = "1111111111111111111111111111111111111111"
idents = ["notify_one"]
[[pattern.site]]
repo = "octo/gone"
path = "src/x.rs"
lines = "1-1"
commit = "3333333333333333333333333333333333333333"
idents = ["x"]
"#,
    )
    .unwrap();
    let c1 = "1111111111111111111111111111111111111111";
    let c2 = "2222222222222222222222222222222222222222";
    let file = "fn a() {}\nfn wake() { bell.notify_one(); }\n".to_owned();
    let answers: BTreeMap<String, (u16, String)> = [
        (online::repo_url("octo/demo"), (200, REPO.to_owned())),
        (online::repo_url("octo/gone"), (404, "{}".to_owned())),
        (
            online::compare_url("octo/demo", "main", c1),
            (200, BEHIND.to_owned()),
        ),
        (
            online::compare_url("octo/demo", "main", c2),
            (200, DIVERGED.to_owned()),
        ),
        (
            online::raw_url("octo/demo", c1, "src/ok.rs"),
            (200, file.clone()),
        ),
        (online::raw_url("octo/demo", c2, "src/ok.rs"), (200, file)),
    ]
    .into_iter()
    .collect();
    let mut asked = Vec::new();
    let problems = online::check(&patterns, |url| {
        asked.push(url.to_owned());
        answers
            .get(url)
            .cloned()
            .ok_or_else(|| format!("no answer saved for {url}"))
    });
    let unique: BTreeSet<&String> = asked.iter().collect();
    assert_eq!(unique.len(), asked.len(), "each URL is fetched once");
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(
        problems[0].contains(&format!(
            "commit {c2} is not on the default branch `main`"
        ))
    );
    assert!(
        problems[1]
            .contains("#L1-L1: the cited lines do not contain notify_one")
    );
    assert!(
        problems[2].contains("octo/gone") && problems[2].contains("HTTP 404")
    );
}
