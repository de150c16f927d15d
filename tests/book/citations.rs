//! `data/citations.toml`, the real-world sites chapter 8 cites: every entry
//! is a complete permalink with a note of our own, none is cited twice, each
//! pattern has its sites, listing and search recipes, every recipe finds a
//! cited site (as far as the data shows without the files), and the survey
//! is wide. Online, `cargo run -- check-citations` (the weekly workflow
//! .github/workflows/citations.yml, docs/citations.md) reads the cited code
//! and asks grep.app; all of it is dry-run below, on saved answers. Last, the
//! chapter's length.

use std::collections::{BTreeMap, BTreeSet};

use book::citations::{Engine, online, parse, patterns};
use book::recipes::{self, GrepApp, Sourcegraph};

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
            for key in site.found_by_keys() {
                if !["grep_app", "sourcegraph"].contains(&key.as_str()) {
                    problems.push(format!(
                        "{at}: found_by has an unknown engine `{key}`"
                    ));
                }
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
        for key in ["title", "shape", "grep_app", "sourcegraph"] {
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
    assert!(patterns.len() >= 19, "{} patterns", patterns.len());
    assert!(sites.len() >= 80, "{} sites", sites.len());
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
// The search recipes, offline: what the data shows without the cited files.

/// Every recipe runs, every Sourcegraph query is scoped as a whole, and each
/// recipe finds at least one cited site, at a line inside that site's cited
/// lines; a literal grep.app recipe's identifiers are among the `idents` of
/// each site it finds (the weekly check finds those in the cited lines).
#[test]
fn every_recipe_finds_a_cited_site_as_far_as_the_data_shows() {
    let mut problems = house::Problems::new();
    for pattern in patterns(&root()) {
        let id = pattern.get("id");
        if let Err(why) =
            GrepApp::new(pattern.get("grep_app"), pattern.grep_app_regexp())
        {
            problems.push(format!("{id}: grep.app recipe: {why}"));
        }
        match Sourcegraph::parse(pattern.get("sourcegraph")) {
            Ok(query) if !query.is_scoped() => problems.push(format!(
                "{id}: the Sourcegraph query `{}` is not scoped as a whole: put `lang:rust` \
                 (or `repo:`) at its top level and its OR in parentheses",
                pattern.get("sourcegraph")
            )),
            Ok(_) => {}
            Err(why) => problems.push(format!("{id}: Sourcegraph query: {why}")),
        }
        let words = recipes::identifiers(pattern.get("grep_app"));
        for engine in Engine::ALL {
            let mut found = 0;
            for (n, site) in pattern.sites().iter().enumerate() {
                let Some(line) = site.found_by(engine) else {
                    continue;
                };
                found += 1;
                let at = format!("{id} site {}", n + 1);
                match site.line_range() {
                    Some((a, b)) if (a..=b).contains(&line) => {}
                    _ => problems.push(format!(
                        "{at}: found_by.{} = {line} is outside lines {}",
                        engine.key(),
                        site.get("lines")
                    )),
                }
                if engine == Engine::GrepApp && !pattern.grep_app_regexp() {
                    let idents = site.idents();
                    for word in
                        words.iter().filter(|w| !idents.contains(&w.as_str()))
                    {
                        problems.push(format!(
                            "{at}: the grep.app recipe names `{word}`; list it in idents"
                        ));
                    }
                }
            }
            if found == 0 {
                problems.push(format!(
                    "{id}: the {} recipe finds none of the cited sites (found_by)",
                    engine.name()
                ));
            }
        }
    }
    problems.assert_none("data/citations.toml:");
}

#[test]
fn grep_app_recipes_match_within_a_line_ignoring_case() {
    let file = "fn ring() {\n    bell.Notify_One();\n}\nlet x = bell\n    .notify_one();\n";
    let literal = GrepApp::new("bell.notify_one()", false).unwrap();
    assert_eq!(
        literal.lines(file),
        vec![2],
        "one line, any case; not across lines"
    );
    let regex = GrepApp::new(r"notify_one\(\)", true).unwrap();
    assert_eq!(regex.lines(file), vec![2, 5]);
    let not_a_regex = GrepApp::new("a.b", false).unwrap();
    assert_eq!(
        not_a_regex.lines("axb\na.b"),
        vec![2],
        "a literal `.` is a dot"
    );
    assert!(GrepApp::new("(", true).is_err());
}

fn file<'a>(repo: &'a str, path: &'a str, text: &'a str) -> recipes::File<'a> {
    recipes::File { repo, path, text }
}

#[test]
fn sourcegraph_terms_must_all_occur_in_the_file_not_on_one_line() {
    let q = Sourcegraph::parse(r#"lang:rust "notify_one()" /fetch_sub\(1/"#)
        .unwrap();
    let both = "x.notify_one();\nlet n = c.fetch_sub(1, AcqRel);\n";
    assert_eq!(q.lines(&file("o/r", "src/a.rs", both)), Some(vec![1, 2]));
    assert_eq!(q.lines(&file("o/r", "src/a.rs", "x.notify_one();\n")), None);
    assert_eq!(q.lines(&file("o/r", "README.md", both)), None, "lang:rust");
    let q =
        Sourcegraph::parse(r#"lang:rust "NOTIFY_ONE()" -file:test"#).unwrap();
    assert!(
        q.lines(&file("o/r", "src/a.rs", both)).is_some(),
        "case-insensitive"
    );
    assert!(
        q.lines(&file("o/r", "tests/a_test.rs", both)).is_none(),
        "-file:"
    );
    let q =
        Sourcegraph::parse(r#"repo:^github\.com/o/r$ file:^src/ "fetch_sub(""#)
            .unwrap();
    assert!(q.lines(&file("o/r", "src/a.rs", both)).is_some());
    assert!(
        q.lines(&file("o/other", "src/a.rs", both)).is_none(),
        "repo:"
    );
    assert!(
        q.lines(&file("o/r", "lib/src/a.rs", both)).is_none(),
        "file:^src/"
    );
    let q = Sourcegraph::parse(r#"lang:rust "a" NOT "b""#).unwrap();
    assert!(q.lines(&file("o/r", "x.rs", "a\n")).is_some());
    assert!(q.lines(&file("o/r", "x.rs", "a\nb\n")).is_none());
    assert!(Sourcegraph::parse(r#"lang:rust ("a""#).is_err());
    assert!(Sourcegraph::parse(r#"lang:rust "a"#).is_err());
}

/// Sourcegraph's AND binds tighter than OR, and `lang:` is a term like any
/// other: `lang:rust A OR (B AND C)` is `(lang:rust A) OR (B AND C)`, which
/// finds B and C in a file of any language. The scoped form keeps them in
/// Rust files, and the offline check refuses the unscoped one.
#[test]
fn sourcegraph_or_needs_parentheses_to_stay_in_rust_files() {
    let unscoped =
        Sourcegraph::parse(r#"lang:rust "run_until_cancelled(" OR ("biased;" AND "cancelled() =>")"#)
            .unwrap();
    let scoped =
        Sourcegraph::parse(r#"lang:rust ("run_until_cancelled(" OR "biased;" AND "cancelled() =>")"#)
            .unwrap();
    let notes =
        "tokio::select! {\n    biased;\n    _ = token.cancelled() => {}\n}\n";
    assert!(unscoped.lines(&file("o/r", "NOTES.md", notes)).is_some());
    assert!(scoped.lines(&file("o/r", "NOTES.md", notes)).is_none());
    assert_eq!(
        scoped.lines(&file("o/r", "src/a.rs", notes)),
        Some(vec![2, 3])
    );
    assert!(!unscoped.is_scoped());
    assert!(scoped.is_scoped());
}

#[test]
fn literal_recipes_name_their_identifiers() {
    assert_eq!(recipes::identifiers(".notified().await;"), vec!["notified"]);
    assert_eq!(
        recipes::identifiers("Notify = Notify::const_new()"),
        vec!["Notify", "const_new"]
    );
    assert_eq!(recipes::identifiers("fn drop(&mut self)"), vec!["drop"]);
}

// ---------------------------------------------------------------------------
// The online check, dry-run on saved answers (no network).

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
    let mirrors = online::mirrors(std::path::Path::new("/m"));
    let clone = mirrors.clone_command("o/r");
    let args: Vec<_> = clone
        .get_args()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        args,
        [
            "clone",
            "--quiet",
            "--bare",
            "--filter=blob:none",
            "https://github.com/o/r.git",
            "/m/o+r"
        ]
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

/// A source of saved answers: default branches, the commits on them, files.
#[derive(Default)]
struct Saved {
    branches: BTreeMap<&'static str, &'static str>,
    on_branch: BTreeSet<&'static str>,
    files: BTreeMap<(&'static str, &'static str, &'static str), &'static str>,
}

impl online::Source for Saved {
    fn default_branch(&mut self, repo: &str) -> Result<String, String> {
        self.branches
            .get(repo)
            .map(|b| b.to_string())
            .ok_or_else(|| format!("HTTP 404 for {repo}"))
    }
    fn is_on(
        &mut self,
        _: &str,
        _: &str,
        commit: &str,
    ) -> Result<bool, String> {
        Ok(self.on_branch.contains(commit))
    }
    fn file(
        &mut self,
        repo: &str,
        rev: &str,
        path: &str,
    ) -> Result<String, String> {
        self.files
            .iter()
            .find(|((r, c, p), _)| *r == repo && *c == rev && *p == path)
            .map(|(_, text)| text.to_string())
            .ok_or_else(|| format!("{path} is not in {repo} at {rev}"))
    }
}

const C1: &str = "1111111111111111111111111111111111111111";
const C2: &str = "2222222222222222222222222222222222222222";
const DEMO: &str = "fn a() {}\nfn wake() { bell.notify_one(); }\nasync fn wait() { bell.notified().await }\n";

fn saved() -> Saved {
    let mut saved = Saved::default();
    saved.branches.insert("octo/demo", "main");
    saved.on_branch.insert(C1);
    saved.files.insert(("octo/demo", C1, "src/ok.rs"), DEMO);
    saved.files.insert(("octo/demo", C2, "src/ok.rs"), DEMO);
    saved
}

fn demo_patterns(sites: &str) -> Vec<book::citations::Pattern> {
    parse(&format!(
        r#"
[[pattern]]
id = "demo"
grep_app = ".notify_one();"
sourcegraph = 'lang:rust "notify_one()" "notified()"'
{sites}"#
    ))
    .unwrap()
}

#[test]
fn the_online_check_reports_each_kind_of_problem() {
    let patterns = demo_patterns(&format!(
        r#"
[[pattern.site]]
repo = "octo/demo"
path = "src/ok.rs"
lines = "2-2"
commit = "{C1}"
idents = ["notify_one"]
found_by = {{ grep_app = 2, sourcegraph = 2 }}
[[pattern.site]]
repo = "octo/demo"
path = "src/ok.rs"
lines = "1-2"
commit = "{C2}"
idents = ["wake"]
found_by = {{ grep_app = 1 }}
[[pattern.site]]
repo = "octo/demo"
path = "src/ok.rs"
lines = "1-1"
commit = "{C1}"
idents = ["notify_one"]
[[pattern.site]]
repo = "octo/gone"
path = "src/x.rs"
lines = "1-1"
commit = "3333333333333333333333333333333333333333"
idents = ["x"]
"#
    ));
    let report = online::check(&patterns, &mut saved());
    let problems = report.problems;
    let expect = [
        format!("site 2 (https://github.com/octo/demo/blob/{C2}/src/ok.rs#L1-L2): commit {C2} is not on the default branch `main`"),
        "site 2 (https://github.com/octo/demo/blob/2222222222222222222222222222222222222222/src/ok.rs#L1-L2): the grep.app recipe `.notify_one();` matches lines [2] of this site, not line 1".to_owned(),
        "site 2 (https://github.com/octo/demo/blob/2222222222222222222222222222222222222222/src/ok.rs#L1-L2): the Sourcegraph recipe `lang:rust \"notify_one()\" \"notified()\"` finds this site (line 2): record it in found_by".to_owned(),
        "site 3 (https://github.com/octo/demo/blob/1111111111111111111111111111111111111111/src/ok.rs#L1-L1): the cited lines do not contain notify_one".to_owned(),
        "site 4 (https://github.com/octo/gone/blob/3333333333333333333333333333333333333333/src/x.rs#L1-L1): default branch unknown: HTTP 404 for octo/gone".to_owned(),
    ];
    for expected in &expect {
        assert!(
            problems.iter().any(|p| p.ends_with(expected.as_str())),
            "missing: {expected}\nin {problems:#?}"
        );
    }
    assert_eq!(problems.len(), expect.len() + 1, "{problems:#?}"); // and octo/gone's file
    assert_eq!(
        report.notes,
        [
            "demo: grep.app finds 1 of 4 (sites 1); Sourcegraph finds 1 of 4 (sites 1)"
        ]
    );
}

#[test]
fn the_online_check_reports_a_recipe_that_finds_no_site() {
    let patterns = demo_patterns(&format!(
        r#"
[[pattern.site]]
repo = "octo/demo"
path = "src/ok.rs"
lines = "1-1"
commit = "{C1}"
idents = ["fn"]
"#
    ));
    let problems = online::check(&patterns, &mut saved()).problems;
    assert_eq!(
        problems,
        [
            "demo: the grep.app recipe `.notify_one();` finds none of the pattern's sites",
            "demo: the Sourcegraph recipe `lang:rust \"notify_one()\" \"notified()\"` finds none of the pattern's sites",
        ]
    );
}

/// grep.app answers in its shape, SYNTHETIC (written by hand, trimmed to
/// the fields Listing 8-9 reads): one hit per `(repo, path)`.
fn grep_app_answer(total: u64, hits: &[(&str, &str)]) -> String {
    let hits: Vec<String> = hits
        .iter()
        .map(|(repo, path)| {
            format!(
                r#"{{"repo": {{"raw": "{repo}"}}, "branch": {{"raw": "main"}}, "path": {{"raw": "{path}"}},
                "content": {{"snippet": "<table><tr data-line=\"2\"><td><pre>bell.<mark>notify_one</mark>();</pre></td></tr></table>"}}}}"#
            )
        })
        .collect();
    format!(
        r#"{{"hits": {{"total": {total}, "hits": [{}]}}}}"#,
        hits.join(",")
    )
}

fn demo_site() -> Vec<book::citations::Pattern> {
    demo_patterns(&format!(
        r#"
[[pattern.site]]
repo = "octo/demo"
path = "src/ok.rs"
lines = "2-2"
commit = "{C1}"
idents = ["notify_one"]
found_by = {{ grep_app = 2, sourcegraph = 2 }}
"#
    ))
}

/// The live check on one site, with grep.app's answers saved by URL.
fn live(
    answers: &[(&str, String)],
    head: Option<&'static str>,
) -> online::Report {
    let answers: BTreeMap<String, String> = answers
        .iter()
        .map(|(u, a)| (u.to_string(), a.clone()))
        .collect();
    let mut source = saved();
    if let Some(head) = head {
        source
            .files
            .insert(("octo/demo", "main", "src/ok.rs"), head);
    }
    online::live(&demo_site(), &mut source, &mut |url: &str| {
        answers
            .get(url)
            .map(|a| (200, a.clone()))
            .ok_or_else(|| format!("no answer saved for {url}"))
    })
}

const IN_REPO: &str = "https://grep.app/api/search?q=.notify_one%28%29%3B&filter%5Brepo%5D%5B0%5D=octo%2Fdemo";
const IN_FILE: &str = "https://grep.app/api/search?q=.notify_one%28%29%3B&filter%5Brepo%5D%5B0%5D=octo%2Fdemo&filter%5Bpath%5D%5B0%5D=src%2Fok.rs";
const ANYTHING: &str =
    "https://grep.app/api/search?q=use%20&filter%5Brepo%5D%5B0%5D=octo%2Fdemo";

#[test]
fn grep_app_live_finds_a_site_in_the_first_answer_or_by_its_path() {
    let found = live(
        &[(IN_REPO, grep_app_answer(1, &[("octo/demo", "src/ok.rs")]))],
        None,
    );
    assert!(found.problems.is_empty(), "{:#?}", found.problems);
    assert_eq!(
        found.notes,
        [
            "demo: grep.app live finds 1 cited site(s) with the grep.app recipe `.notify_one();`"
        ]
    );
    let paged = live(
        &[
            (
                IN_REPO,
                grep_app_answer(40, &[("octo/demo", "src/other.rs")]),
            ),
            (IN_FILE, grep_app_answer(1, &[("octo/demo", "src/ok.rs")])),
        ],
        None,
    );
    assert!(paged.problems.is_empty(), "{:#?}", paged.problems);
}

#[test]
fn grep_app_live_tells_a_miss_from_code_that_moved_on_and_from_no_index() {
    let empty = grep_app_answer(0, &[]);
    let missed = live(
        &[
            (IN_REPO, empty.clone()),
            (ANYTHING, grep_app_answer(5, &[("octo/demo", "src/a.rs")])),
        ],
        Some(DEMO),
    );
    assert!(
        missed.problems.iter().any(|p| p.contains("does not hold this site, though its file on the default branch still matches")),
        "{:#?}", missed.problems
    );
    assert!(
        missed
            .problems
            .iter()
            .any(|p| p.starts_with("demo: grep.app's live answer")
                && p.contains("holds none of the cited sites"))
    );
    let moved = live(
        &[
            (IN_REPO, empty.clone()),
            (ANYTHING, grep_app_answer(5, &[("octo/demo", "src/a.rs")])),
        ],
        Some("fn a() {}\n"),
    );
    assert!(
        moved.notes.iter().any(|n| n.contains("no longer matches")),
        "{:#?}",
        moved.notes
    );
    let unindexed =
        live(&[(IN_REPO, empty.clone()), (ANYTHING, empty)], Some(DEMO));
    assert!(
        unindexed
            .notes
            .iter()
            .any(|n| n.ends_with("grep.app does not index octo/demo")),
        "{:#?}",
        unindexed.notes
    );
}

#[test]
fn grep_app_live_fails_when_the_repository_filter_is_ignored() {
    let report = live(
        &[(
            IN_REPO,
            grep_app_answer(900, &[("someone/else", "src/ok.rs")]),
        )],
        None,
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("it ignored the repository filter")),
        "{:#?}",
        report.problems
    );
}

#[test]
fn grep_app_probes_report_either_answer() {
    const FILTERED: &str = "https://grep.app/api/search?q=notified_multi_notify_drop_one&filter%5Bpath%5D%5B0%5D=tests%2F";
    const PLAIN: &str =
        "https://grep.app/api/search?q=notified_multi_notify_drop_one";
    const BOTH: &str = "https://grep.app/api/search?q=notify_waiters%28%29&filter%5Blang%5D%5B0%5D=Rust&filter%5Brepo%5D%5B0%5D=tokio-rs%2Ftokio";
    let tokio_test = ("tokio-rs/tokio", "tokio/tests/sync_notify.rs");
    let probe = |answers: Vec<(&str, String)>| {
        let answers: BTreeMap<String, String> = answers
            .into_iter()
            .map(|(u, a)| (u.to_owned(), a))
            .collect();
        online::probes(&mut |url: &str| {
            answers
                .get(url)
                .map(|a| (200, a.clone()))
                .ok_or_else(|| format!("no answer saved for {url}"))
        })
    };
    let anywhere = probe(vec![
        (FILTERED, grep_app_answer(1, &[tokio_test])),
        (PLAIN, grep_app_answer(1, &[tokio_test])),
        (
            BOTH,
            grep_app_answer(
                1,
                &[("tokio-rs/tokio", "tokio/src/sync/notify.rs")],
            ),
        ),
    ]);
    assert!(
        anywhere[0].contains("it matches a part of the path"),
        "{anywhere:?}"
    );
    assert!(anywhere[1].contains("both filters hold"), "{anywhere:?}");
    let prefix = probe(vec![
        (FILTERED, grep_app_answer(0, &[])),
        (PLAIN, grep_app_answer(1, &[tokio_test])),
        (
            BOTH,
            grep_app_answer(
                2,
                &[("tokio-rs/tokio", "a.rs"), ("other/repo", "b.rs")],
            ),
        ),
    ]);
    assert!(
        prefix[0].contains("it matches the start of the path"),
        "{prefix:?}"
    );
    assert!(
        prefix[1].contains("it dropped the repository filter"),
        "{prefix:?}"
    );
}

/// The mirrors source on a real (tiny) bare clone, made here with `git`.
#[test]
fn the_mirrors_source_reads_branches_ancestry_and_files() {
    use online::Source;
    let Ok(git) = std::process::Command::new("git").arg("--version").output()
    else {
        eprintln!("no git on PATH: skipped");
        return;
    };
    assert!(git.status.success());
    let dir = std::env::temp_dir()
        .join(format!("mirrors-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let work = dir.join("work");
    std::fs::create_dir_all(work.join("src")).unwrap();
    let run = |args: &[&str], at: &std::path::Path| {
        let out = std::process::Command::new("git")
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "init.defaultBranch=trunk",
            ])
            .args(args)
            .current_dir(at)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    };
    run(&["init", "-q"], &work);
    std::fs::write(work.join("src/a.rs"), "fn first() {}\n").unwrap();
    run(&["add", "."], &work);
    run(&["commit", "-qm", "one"], &work);
    let first = run(&["rev-parse", "HEAD"], &work);
    run(&["checkout", "-qb", "side"], &work);
    std::fs::write(work.join("src/a.rs"), "fn side() {}\n").unwrap();
    run(&["commit", "-qam", "side"], &work);
    let side = run(&["rev-parse", "HEAD"], &work);
    run(&["checkout", "-q", "trunk"], &work);
    run(
        &[
            "clone",
            "-q",
            "--bare",
            work.to_str().unwrap(),
            dir.join("octo+demo").to_str().unwrap(),
        ],
        &dir,
    );
    let mut mirrors = online::mirrors(&dir);
    assert_eq!(mirrors.default_branch("octo/demo"), Ok("trunk".to_owned()));
    assert_eq!(mirrors.is_on("octo/demo", "trunk", &first), Ok(true));
    assert_eq!(mirrors.is_on("octo/demo", "trunk", &side), Ok(false));
    assert_eq!(
        mirrors.file("octo/demo", &first, "src/a.rs"),
        Ok("fn first() {}\n".to_owned())
    );
    assert!(mirrors.file("octo/demo", &first, "src/b.rs").is_err());
    assert!(mirrors.default_branch("octo/none").is_err());
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------------------
// The chapter's length.

/// The words a reader meets on a rendered page: everything inside `<main>`
/// (prose, tables, code with its hidden lines, outputs), tags stripped and
/// entities read, split on whitespace. A proof mark counts as a word.
pub(crate) fn rendered_words(html: &str) -> usize {
    let main = html
        .split_once("<main>")
        .and_then(|(_, rest)| rest.split_once("</main>"))
        .map_or(html, |(main, _)| main);
    let mut text = String::with_capacity(main.len());
    let mut rest = main;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        text.push(' ');
        let tag = &rest[start..];
        let close = ["script", "style"]
            .iter()
            .find(|name| tag.starts_with(&format!("<{name}")))
            .map(|name| format!("</{name}>"));
        rest = match close {
            Some(close) => {
                tag.find(&close).map_or("", |at| &tag[at + close.len()..])
            }
            None => tag.find('>').map_or("", |end| &tag[end + 1..]),
        };
    }
    text.push_str(rest);
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    text.split_whitespace().count()
}

#[test]
fn rendered_words_counts_what_the_page_shows() {
    let page = "<html><nav>not this</nav><main><h1>Two words</h1>\
                <script>let hidden = 1;</script><p>a &amp; b</p>\
                <pre><code><span class=\"boring\">fn main() {}\n</span>x</code></pre></main></html>";
    // "Two words", "a & b", "fn main() {}", "x"
    assert_eq!(rendered_words(page), 9);
}

/// Chapter 8 stays at most 7,000 words as rendered, code and tables
/// included (it was about 13,000 before issue 25).
#[test]
fn chapter_8_is_at_most_7000_words_as_rendered() {
    let pages = crate::html::pages();
    let (_, html) = pages
        .iter()
        .find(|(path, _)| path.ends_with("ch08-real-world.html"))
        .expect("the rendered chapter 8");
    let words = rendered_words(html);
    assert!(
        words <= 7000,
        "chapter 8 renders {words} words (at most 7,000)"
    );
}
