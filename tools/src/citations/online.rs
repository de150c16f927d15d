//! The check of every site against the code it cites, and of every search
//! recipe against the sites it promises to find (`cargo run --
//! check-citations`; weekly, in .github/workflows/citations.yml).
//!
//! For every site: is its commit on the repository's default branch, do the
//! cited lines at that commit still hold the site's `idents`, and does each
//! recipe of its pattern find it exactly where `found_by` says (and not find
//! it where `found_by` is silent)? The code comes from a [`Source`]: GitHub's
//! API and raw files ([`GitHub`]) or local bare clones ([`Mirrors`]).
//! Then, if asked, grep.app itself: does its live answer to each grep.app
//! recipe still hold the sites the recipe finds? ([`live`]), and how do its
//! path filter and its combined filters behave today? ([`probes`]).
//!
//! Everything here but [`curl`] and the `git` commands works on answers
//! already fetched, so `cargo test` dry-runs it on saved answers.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use super::grep_app::{self, Query};
use super::{Engine, Pattern, Site};
use crate::recipes::{self, GrepApp, Sourcegraph};

pub const API: &str = "https://api.github.com";

/// `GET /repos/{owner}/{repo}`: its `default_branch`.
pub fn repo_url(repo: &str) -> String {
    format!("{API}/repos/{repo}")
}

/// `GET /repos/{owner}/{repo}/compare/{base}...{head}` with the default
/// branch as base and the cited commit as head.
pub fn compare_url(repo: &str, default_branch: &str, commit: &str) -> String {
    format!("{API}/repos/{repo}/compare/{default_branch}...{commit}")
}

/// The file as it was at a commit (or as it is on a branch).
pub fn raw_url(repo: &str, rev: &str, path: &str) -> String {
    let path: Vec<String> = path.split('/').map(super::encode).collect();
    format!(
        "https://raw.githubusercontent.com/{repo}/{rev}/{}",
        path.join("/")
    )
}

fn json(answer: &str) -> Result<Value, String> {
    serde_json::from_str(answer).map_err(|e| format!("not JSON ({e})"))
}

/// The `default_branch` of a `GET /repos/{owner}/{repo}` answer.
pub fn default_branch(answer: &str) -> Result<String, String> {
    json(answer)?["default_branch"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| "the answer has no default_branch".to_owned())
}

/// Decides from a compare answer (base = default branch, head = the cited
/// commit) whether the commit is on the default branch. GitHub's `status` is
/// "behind" when the head is an ancestor of the base, and "identical" when
/// they are the same commit: both mean "on the branch". "ahead" and
/// "diverged" mean the commit has history the branch lacks.
pub fn on_default_branch(answer: &str) -> Result<bool, String> {
    match json(answer)?["status"].as_str() {
        Some("behind" | "identical") => Ok(true),
        Some("ahead" | "diverged") => Ok(false),
        Some(other) => Err(format!("unknown compare status `{other}`")),
        None => Err("the compare answer has no status".to_owned()),
    }
}

/// The idents that do not occur in lines `start..=end` (1-based) of the
/// file; an error if the file is shorter than `end`.
pub fn missing_idents<'a>(
    file: &str,
    (start, end): (usize, usize),
    idents: &[&'a str],
) -> Result<Vec<&'a str>, String> {
    let lines: Vec<&str> = file.lines().collect();
    if start == 0 || end > lines.len() {
        return Err(format!(
            "lines {start}-{end} are not in the file ({} lines)",
            lines.len()
        ));
    }
    let cited = lines[start - 1..end].join("\n");
    Ok(idents
        .iter()
        .copied()
        .filter(|ident| !cited.contains(ident))
        .collect())
}

/// What a fetch returns: the HTTP status and the body.
pub type Answer = Result<(u16, String), String>;

/// Where the check reads the cited repositories.
pub trait Source {
    /// The repository's default branch.
    fn default_branch(&mut self, repo: &str) -> Result<String, String>;
    /// Whether `commit` is on `branch` (an ancestor of it, or it).
    fn is_on(
        &mut self,
        repo: &str,
        branch: &str,
        commit: &str,
    ) -> Result<bool, String>;
    /// The file's text at `rev` (a commit or a branch).
    fn file(
        &mut self,
        repo: &str,
        rev: &str,
        path: &str,
    ) -> Result<String, String>;
}

/// GitHub's API (branches, ancestry) and raw files, through `fetch`, each
/// URL once.
pub struct GitHub<F: FnMut(&str) -> Answer> {
    fetch: F,
    cache: BTreeMap<String, Answer>,
}

impl<F: FnMut(&str) -> Answer> GitHub<F> {
    pub fn new(fetch: F) -> Self {
        GitHub {
            fetch,
            cache: BTreeMap::new(),
        }
    }

    fn get(&mut self, url: String) -> Result<String, String> {
        let fetch = &mut self.fetch;
        let answer =
            self.cache.entry(url.clone()).or_insert_with(|| fetch(&url));
        match answer {
            Ok((200, body)) => Ok(body.clone()),
            Ok((status, _)) => Err(format!("HTTP {status} from {url}")),
            Err(why) => Err(format!("{why} ({url})")),
        }
    }
}

impl<F: FnMut(&str) -> Answer> Source for GitHub<F> {
    fn default_branch(&mut self, repo: &str) -> Result<String, String> {
        self.get(repo_url(repo)).and_then(|a| default_branch(&a))
    }
    fn is_on(
        &mut self,
        repo: &str,
        branch: &str,
        commit: &str,
    ) -> Result<bool, String> {
        self.get(compare_url(repo, branch, commit))
            .and_then(|a| on_default_branch(&a))
    }
    fn file(
        &mut self,
        repo: &str,
        rev: &str,
        path: &str,
    ) -> Result<String, String> {
        self.get(raw_url(repo, rev, path))
    }
}

/// Bare clones of the cited repositories under one directory, one per
/// repository: `DIR/owner+name` (or `DIR/owner+name/repo`), read with `git`.
/// The default branch is the clone's `HEAD`.
pub struct Mirrors {
    pub dir: PathBuf,
}

impl Mirrors {
    /// The clone's git directory, if it is there.
    pub fn git_dir(&self, repo: &str) -> Option<PathBuf> {
        let base = self.dir.join(repo.replace('/', "+"));
        [base.join("repo"), base]
            .into_iter()
            .find(|d| d.join("HEAD").is_file())
    }

    /// The command that makes the clone: bare, and without file contents
    /// until `git show` asks for them (`--filter=blob:none`).
    pub fn clone_command(&self, repo: &str) -> Command {
        let mut git = Command::new("git");
        git.args(["clone", "--quiet", "--bare", "--filter=blob:none"])
            .arg(format!("https://github.com/{repo}.git"))
            .arg(self.dir.join(repo.replace('/', "+")));
        git
    }

    fn git(&self, repo: &str, args: &[&str]) -> Result<(i32, String), String> {
        let dir = self.git_dir(repo).ok_or_else(|| {
            format!("no clone of {repo} in {}", self.dir.display())
        })?;
        let out = Command::new("git")
            .arg("--git-dir")
            .arg(&dir)
            .args(args)
            .output()
            .map_err(|e| format!("could not run git: {e}"))?;
        let code = out.status.code().unwrap_or(-1);
        if code > 1 {
            return Err(format!(
                "git {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok((code, String::from_utf8_lossy(&out.stdout).into_owned()))
    }
}

impl Source for Mirrors {
    fn default_branch(&mut self, repo: &str) -> Result<String, String> {
        match self.git(repo, &["symbolic-ref", "--short", "HEAD"])? {
            (0, branch) => Ok(branch.trim().to_owned()),
            _ => Err(format!("the clone of {repo} has no HEAD branch")),
        }
    }
    fn is_on(
        &mut self,
        repo: &str,
        branch: &str,
        commit: &str,
    ) -> Result<bool, String> {
        let (code, _) =
            self.git(repo, &["merge-base", "--is-ancestor", commit, branch])?;
        Ok(code == 0)
    }
    fn file(
        &mut self,
        repo: &str,
        rev: &str,
        path: &str,
    ) -> Result<String, String> {
        match self.git(repo, &["show", &format!("{rev}:{path}")])? {
            (0, text) => Ok(text),
            _ => Err(format!("{path} is not in {repo} at {rev}")),
        }
    }
}

/// What the check found: problems (the check fails on any) and notes (what
/// it saw, for the log).
#[derive(Default, Debug)]
pub struct Report {
    pub problems: Vec<String>,
    pub notes: Vec<String>,
}

/// A pattern's two recipes, ready to run.
struct Recipes {
    grep_app: Result<GrepApp, String>,
    sourcegraph: Result<Sourcegraph, String>,
}

impl Recipes {
    fn of(pattern: &Pattern) -> Recipes {
        Recipes {
            grep_app: GrepApp::new(
                pattern.get("grep_app"),
                pattern.grep_app_regexp(),
            ),
            sourcegraph: Sourcegraph::parse(pattern.get("sourcegraph")),
        }
    }

    /// The lines in `range` where the engine's recipe matches the file.
    fn lines(
        &self,
        engine: Engine,
        site: &Site,
        text: &str,
        (start, end): (usize, usize),
    ) -> Result<Vec<usize>, String> {
        let lines = match engine {
            Engine::GrepApp => self.grep_app.as_ref()?.lines(text),
            Engine::Sourcegraph => self
                .sourcegraph
                .as_ref()?
                .lines(&recipes::File {
                    repo: site.get("repo"),
                    path: site.get("path"),
                    text,
                })
                .unwrap_or_default(),
        };
        Ok(lines
            .into_iter()
            .filter(|n| (start..=end).contains(n))
            .collect())
    }
}

/// Where a site is named in a report: its pattern, its number in the
/// pattern (1-based, as in the chapter's table) and its permalink.
fn at(pattern: &Pattern, n: usize, site: &Site) -> String {
    format!("{} site {n} ({})", pattern.get("id"), site.permalink())
}

/// Checks every site through `source`: the commit, the idents, and what
/// each recipe of its pattern finds there against what `found_by` records.
pub fn check(patterns: &[Pattern], source: &mut dyn Source) -> Report {
    let mut report = Report::default();
    let mut branches: BTreeMap<String, Result<String, String>> =
        BTreeMap::new();
    for pattern in patterns {
        let recipes = Recipes::of(pattern);
        for (engine, recipe) in [
            (Engine::GrepApp, recipes.grep_app.as_ref().err()),
            (Engine::Sourcegraph, recipes.sourcegraph.as_ref().err()),
        ] {
            if let Some(why) = recipe {
                report.problems.push(format!(
                    "{}: the {} recipe `{}` cannot be run: {why}",
                    pattern.get("id"),
                    engine.name(),
                    pattern.get(engine.key())
                ));
            }
        }
        let mut found: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let sites = pattern.sites();
        for (i, site) in sites.iter().enumerate() {
            let n = i + 1;
            let at = at(pattern, n, site);
            let repo = site.get("repo");
            let commit = site.get("commit");
            let branch = branches
                .entry(repo.to_owned())
                .or_insert_with(|| source.default_branch(repo))
                .clone();
            match branch.and_then(|b| source.is_on(repo, &b, commit).map(|on| (b, on))) {
                Ok((_, true)) => {}
                Ok((branch, false)) => report.problems.push(format!(
                    "{at}: commit {commit} is not on the default branch `{branch}`"
                )),
                Err(why) => report
                    .problems
                    .push(format!("{at}: default branch unknown: {why}")),
            }
            let Some(range) = site.line_range() else {
                report
                    .problems
                    .push(format!("{at}: lines must be START-END"));
                continue;
            };
            let text = match source.file(repo, commit, site.get("path")) {
                Ok(text) => text,
                Err(why) => {
                    report.problems.push(format!("{at}: {why}"));
                    continue;
                }
            };
            match missing_idents(&text, range, &site.idents()) {
                Ok(missing) if missing.is_empty() => {}
                Ok(missing) => report.problems.push(format!(
                    "{at}: the cited lines do not contain {}",
                    missing.join(", ")
                )),
                Err(why) => report.problems.push(format!("{at}: {why}")),
            }
            for engine in Engine::ALL {
                let Ok(lines) = recipes.lines(engine, site, &text, range)
                else {
                    continue;
                };
                let recipe = format!(
                    "{} recipe `{}`",
                    engine.name(),
                    pattern.get(engine.key())
                );
                match site.found_by(engine) {
                    Some(line) if lines.contains(&line) => {
                        found.entry(engine.key()).or_default().push(n);
                    }
                    Some(line) if lines.is_empty() => report.problems.push(format!(
                        "{at}: the {recipe} does not find this site (found_by says line {line})"
                    )),
                    Some(line) => report.problems.push(format!(
                        "{at}: the {recipe} matches lines {lines:?} of this site, not line {line}"
                    )),
                    None if !lines.is_empty() => report.problems.push(format!(
                        "{at}: the {recipe} finds this site (line {}): record it in found_by",
                        lines[0]
                    )),
                    None => {}
                }
            }
        }
        let mut summary = Vec::new();
        for engine in Engine::ALL {
            let hits = found.get(engine.key()).cloned().unwrap_or_default();
            if hits.is_empty() {
                report.problems.push(format!(
                    "{}: the {} recipe `{}` finds none of the pattern's sites",
                    pattern.get("id"),
                    engine.name(),
                    pattern.get(engine.key())
                ));
            }
            let list: Vec<String> = hits.iter().map(usize::to_string).collect();
            summary.push(format!(
                "{} finds {} of {} (sites {})",
                engine.name(),
                hits.len(),
                sites.len(),
                if list.is_empty() {
                    "none".to_owned()
                } else {
                    list.join(", ")
                }
            ));
        }
        report.notes.push(format!(
            "{}: {}",
            pattern.get("id"),
            summary.join("; ")
        ));
    }
    report
}

/// One grep.app answer, read by Listing 8-9's own parser.
fn ask(
    fetch: &mut dyn FnMut(&str) -> Answer,
    query: &Query,
) -> Result<(u64, Vec<grep_app::Hit>), String> {
    let url = grep_app::search_url(query);
    match fetch(&url) {
        Ok((200, body)) => {
            grep_app::parse(&body).map_err(|why| format!("{url}: {why}"))
        }
        Ok((status, _)) => Err(format!("HTTP {status} from {url}")),
        Err(why) => Err(format!("{why} ({url})")),
    }
}

/// What grep.app's live answer says about one site a recipe should find.
#[derive(Debug, PartialEq)]
pub enum Live {
    /// The answer holds the site's file.
    Found,
    /// grep.app finds nothing at all in the repository: it does not index it.
    NotIndexed,
    /// The file on the default branch no longer matches the recipe (the
    /// permalink still does): grep.app searches the branch, not the commit.
    MovedOn,
    /// The file on the default branch matches, and grep.app does not find it.
    Missed,
}

/// Asks grep.app for the pattern's recipe in the site's repository (the
/// repository filter alone; then with the site's full path as well, which
/// names the file whether grep.app reads a path filter as a prefix or as a
/// part of the path), and reads the answer.
pub fn live_site(
    pattern: &Pattern,
    site: &Site,
    source: &mut dyn Source,
    fetch: &mut dyn FnMut(&str) -> Answer,
) -> Result<Live, String> {
    let (repo, path) = (site.get("repo"), site.get("path"));
    let text = pattern.get("grep_app");
    let mut query = Query {
        text,
        regexp: pattern.grep_app_regexp(),
        repo: Some(repo),
        ..Query::default()
    };
    let holds = |hits: &[grep_app::Hit]| {
        hits.iter().any(|h| h.repo == repo && h.path == path)
    };
    let (total, hits) = ask(fetch, &query)?;
    if let Some(other) = hits.iter().find(|h| h.repo != repo) {
        return Err(format!(
            "grep.app answered with {} for a search in {repo}: it ignored the repository filter",
            other.repo
        ));
    }
    if holds(&hits) {
        return Ok(Live::Found);
    }
    if total > hits.len() as u64 {
        query.path = Some(path);
        let (_, hits) = ask(fetch, &query)?;
        if holds(&hits) {
            return Ok(Live::Found);
        }
    }
    if total == 0 {
        let anything = Query {
            text: "use ",
            repo: Some(repo),
            ..Query::default()
        };
        if ask(fetch, &anything)?.0 == 0 {
            return Ok(Live::NotIndexed);
        }
    }
    let branch = source.default_branch(repo)?;
    let recipe = GrepApp::new(text, pattern.grep_app_regexp())?;
    Ok(match source.file(repo, &branch, path) {
        Ok(file) if !recipe.lines(&file).is_empty() => Live::Missed,
        _ => Live::MovedOn,
    })
}

/// grep.app, live: for every pattern, each site its grep.app recipe finds
/// (by `found_by`) is looked up in grep.app's answer. A site grep.app misses
/// though its file on the default branch still matches is a problem; so is a
/// pattern none of whose sites grep.app finds.
pub fn live(
    patterns: &[Pattern],
    source: &mut dyn Source,
    fetch: &mut dyn FnMut(&str) -> Answer,
) -> Report {
    let mut report = Report::default();
    for pattern in patterns {
        let recipe = format!("grep.app recipe `{}`", pattern.get("grep_app"));
        let mut found = 0;
        for (i, site) in pattern.sites().iter().enumerate() {
            if site.found_by(Engine::GrepApp).is_none() {
                continue;
            }
            let at = at(pattern, i + 1, site);
            match live_site(pattern, site, source, fetch) {
                Ok(Live::Found) => found += 1,
                Ok(Live::Missed) => report.problems.push(format!(
                    "{at}: grep.app's live answer to the {recipe} does not hold this site, \
                     though its file on the default branch still matches"
                )),
                Ok(Live::NotIndexed) => report.notes.push(format!(
                    "{at}: grep.app does not index {}", site.get("repo")
                )),
                Ok(Live::MovedOn) => report.notes.push(format!(
                    "{at}: the file on the default branch no longer matches the {recipe} \
                     (the permalink still does)"
                )),
                Err(why) => report.problems.push(format!("{at}: {why}")),
            }
        }
        if found == 0 {
            report.problems.push(format!(
                "{}: grep.app's live answer to the {recipe} holds none of the cited sites",
                pattern.get("id")
            ));
        } else {
            report.notes.push(format!(
                "{}: grep.app live finds {found} cited site(s) with the {recipe}",
                pattern.get("id")
            ));
        }
    }
    report
}

/// How grep.app's filters behave, asked live: the chapter's recipes use
/// neither a path filter nor two filters at once, so nothing depends on the
/// answers; they are for the log (and for whoever writes the next recipe).
pub fn probes(fetch: &mut dyn FnMut(&str) -> Answer) -> Vec<String> {
    let mut notes = Vec::new();
    // A path filter: a prefix of the path, or any part of it? tokio's
    // notify tests live in `tokio/tests/`, so `tests/` tells them apart.
    let text = "notified_multi_notify_drop_one";
    let filtered = Query {
        text,
        path: Some("tests/"),
        ..Query::default()
    };
    let plain = Query {
        text,
        ..Query::default()
    };
    let is_target = |h: &grep_app::Hit| {
        h.repo == "tokio-rs/tokio" && h.path.starts_with("tokio/tests/")
    };
    notes.push(match (ask(fetch, &filtered), ask(fetch, &plain)) {
        (Ok((_, f)), _) if f.iter().any(is_target) => {
            "grep.app probe: the path filter `tests/` matches `tokio/tests/...`: \
             it matches a part of the path, not only its start"
                .to_owned()
        }
        (Ok(_), Ok((_, p))) if p.iter().any(is_target) => {
            "grep.app probe: the path filter `tests/` does not match `tokio/tests/...`: \
             it matches the start of the path"
                .to_owned()
        }
        (Err(why), _) | (_, Err(why)) => format!("grep.app probe (path filter): {why}"),
        _ => "grep.app probe (path filter): tokio's tests are not in the answer either way; \
              nothing learned"
            .to_owned(),
    });
    // A repository filter and a language filter together.
    let both = Query {
        text: "notify_waiters()",
        repo: Some("tokio-rs/tokio"),
        lang: Some("Rust"),
        ..Query::default()
    };
    notes.push(match ask(fetch, &both) {
        Ok((_, hits)) if hits.is_empty() => {
            "grep.app probe: repo and lang filters together found nothing in tokio-rs/tokio"
                .to_owned()
        }
        Ok((_, hits)) if hits.iter().all(|h| h.repo == "tokio-rs/tokio") => {
            "grep.app probe: with repo and lang filters together, every hit is in \
             tokio-rs/tokio: both filters hold"
                .to_owned()
        }
        Ok((_, hits)) => format!(
            "grep.app probe: with repo and lang filters together, grep.app answered with {}: \
             it dropped the repository filter",
            hits.iter().find(|h| h.repo != "tokio-rs/tokio").map_or("", |h| h.repo.as_str())
        ),
        Err(why) => format!("grep.app probe (combined filters): {why}"),
    });
    notes
}

/// Fetches `url` with the `curl` command: `(HTTP status, body)`. A token, if
/// given, goes to api.github.com only, through curl's standard input (so it
/// never shows in the process list).
pub fn curl(url: &str, token: Option<&str>) -> Answer {
    let body = std::env::temp_dir()
        .join(format!("check-citations-{}", std::process::id()));
    let mut command = Command::new("curl");
    command
        .args(["-sS", "-L", "--retry", "2", "-o"])
        .arg(&body)
        .args(["-w", "%{http_code}", "--config", "-", url])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command
        .spawn()
        .map_err(|e| format!("could not run curl: {e}"))?;
    let mut config = String::from("header = \"User-Agent: check-citations\"\n");
    if url.starts_with(API) {
        config += "header = \"Accept: application/vnd.github+json\"\n";
        if let Some(token) = token {
            config += &format!("header = \"Authorization: Bearer {token}\"\n");
        }
    }
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(config.as_bytes())
        .map_err(|e| format!("could not talk to curl: {e}"))?;
    let out = child
        .wait_with_output()
        .map_err(|e| format!("curl failed: {e}"))?;
    let text = std::fs::read_to_string(&body).unwrap_or_default();
    let _ = std::fs::remove_file(&body);
    if !out.status.success() {
        return Err(format!(
            "curl failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let status = String::from_utf8_lossy(&out.stdout);
    let status = status
        .trim()
        .parse()
        .map_err(|_| format!("curl printed no HTTP status: `{status}`"))?;
    Ok((status, text))
}

/// The directory of the clones, for `--mirrors DIR`.
pub fn mirrors(dir: &Path) -> Mirrors {
    Mirrors {
        dir: dir.to_owned(),
    }
}
