//! `data/citations.toml`, the real-world sites chapter 8 cites: every entry
//! is a complete permalink with a note of our own, none is cited twice, each
//! pattern has its sites, listing and search recipes, and the survey is wide.
//! (Online, a scheduled workflow checks that the commits and lines are real.)

use std::collections::BTreeSet;

use book::citations::patterns;

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
    assert!(patterns.len() >= 8, "{} patterns", patterns.len());
    assert!(sites.len() >= 24, "{} sites", sites.len());
    assert!(repos.len() >= 12, "{} repositories", repos.len());
}
