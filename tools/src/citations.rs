//! `data/citations.toml`: the real-world sites chapter 8 cites, and the
//! online check of them (`cargo run -- check-citations`, see [`online`]).

use std::path::Path;

use toml::{Table, Value};

pub struct Pattern(pub Table);
pub struct Site(pub Table);

fn text<'a>(table: &'a Table, key: &str) -> &'a str {
    table.get(key).and_then(Value::as_str).unwrap_or("")
}

impl Pattern {
    pub fn get(&self, key: &str) -> &str {
        text(&self.0, key)
    }
    pub fn sites(&self) -> Vec<Site> {
        match self.0.get("site") {
            Some(Value::Array(sites)) => sites
                .iter()
                .filter_map(|s| s.as_table().cloned().map(Site))
                .collect(),
            _ => Vec::new(),
        }
    }
    /// The grep.app search page for the pattern's query, with its optional
    /// repository and path filters, in Rust files.
    pub fn grep_app_link(&self) -> String {
        let mut url = format!(
            "https://grep.app/search?q={}",
            encode(self.get("grep_app"))
        );
        for (filter, key) in
            [("repo", "grep_app_repo"), ("path", "grep_app_path")]
        {
            if !self.get(key).is_empty() {
                url += &format!(
                    "&filter%5B{filter}%5D%5B0%5D={}",
                    encode(self.get(key))
                );
            }
        }
        url + "&filter%5Blang%5D%5B0%5D=Rust"
    }
}

impl Site {
    pub fn get(&self, key: &str) -> &str {
        text(&self.0, key)
    }
    /// The identifiers the note names, which occur in the cited lines.
    pub fn idents(&self) -> Vec<&str> {
        match self.0.get("idents") {
            Some(Value::Array(idents)) => {
                idents.iter().filter_map(Value::as_str).collect()
            }
            _ => Vec::new(),
        }
    }
    /// `lines = "START-END"`, 1-based and inclusive.
    pub fn line_range(&self) -> Option<(usize, usize)> {
        let (start, end) = self.get("lines").split_once('-')?;
        let (start, end) = (start.parse().ok()?, end.parse().ok()?);
        (0 < start && start <= end).then_some((start, end))
    }
    /// `https://github.com/OWNER/REPO/blob/COMMIT/PATH#LSTART-LEND`.
    pub fn permalink(&self) -> String {
        let lines = self.get("lines");
        let (start, end) = lines.split_once('-').unwrap_or((lines, lines));
        format!(
            "https://github.com/{}/blob/{}/{}#L{start}-L{end}",
            self.get("repo"),
            self.get("commit"),
            self.get("path")
        )
    }
}

/// Every pattern, in the file's order. Panics if the file is not TOML.
pub fn patterns(root: &Path) -> Vec<Pattern> {
    let data = std::fs::read_to_string(root.join("data/citations.toml"))
        .expect("data/citations.toml");
    parse(&data).expect("data/citations.toml is not valid TOML")
}

/// The patterns of a citations file's text.
pub fn parse(data: &str) -> Result<Vec<Pattern>, String> {
    let table: Table = data.parse().map_err(|e| format!("{e}"))?;
    Ok(match table.get("pattern") {
        Some(Value::Array(patterns)) => patterns
            .iter()
            .filter_map(|p| p.as_table().cloned().map(Pattern))
            .collect(),
        _ => Vec::new(),
    })
}

/// Listing 8-16, the grep.app client: its URL encoding builds the chapter's
/// search links, so the book and the client encode alike.
#[path = "../../listings/ch08-real-world/listing-08-16.rs"]
#[allow(dead_code)]
mod grep_app;
pub use grep_app::encode;

/// The online check: for every site, is its commit on the repository's
/// default branch, and do the cited lines at that commit still contain the
/// site's `idents`? Everything here but [`online::curl`] works on answers
/// already fetched, so `cargo test` checks it without a network.
pub mod online {
    use std::collections::BTreeMap;
    use std::io::Write;
    use std::process::{Command, Stdio};

    use serde_json::Value;

    use super::Pattern;

    pub const API: &str = "https://api.github.com";

    /// `GET /repos/{owner}/{repo}`: its `default_branch`.
    pub fn repo_url(repo: &str) -> String {
        format!("{API}/repos/{repo}")
    }

    /// `GET /repos/{owner}/{repo}/compare/{base}...{head}` with the default
    /// branch as base and the cited commit as head.
    pub fn compare_url(
        repo: &str,
        default_branch: &str,
        commit: &str,
    ) -> String {
        format!("{API}/repos/{repo}/compare/{default_branch}...{commit}")
    }

    /// The file as it was at the commit.
    pub fn raw_url(repo: &str, commit: &str, path: &str) -> String {
        let path: Vec<String> = path.split('/').map(super::encode).collect();
        format!(
            "https://raw.githubusercontent.com/{repo}/{commit}/{}",
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

    /// Decides from a compare answer (base = default branch, head = the
    /// cited commit) whether the commit is on the default branch. GitHub's
    /// `status` is "behind" when the head is an ancestor of the base (the
    /// base has commits the head lacks, and not the other way round), and
    /// "identical" when they are the same commit: both mean "on the branch".
    /// "ahead" and "diverged" mean the commit has history the branch lacks.
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

    /// Checks every site, fetching through `fetch` (each URL once), and
    /// returns one line per problem.
    pub fn check(
        patterns: &[Pattern],
        mut fetch: impl FnMut(&str) -> Answer,
    ) -> Vec<String> {
        let mut cache: BTreeMap<String, Answer> = BTreeMap::new();
        let mut get = |url: String| -> Result<String, String> {
            let answer =
                cache.entry(url.clone()).or_insert_with(|| fetch(&url));
            match answer {
                Ok((200, body)) => Ok(body.clone()),
                Ok((status, _)) => Err(format!("HTTP {status} from {url}")),
                Err(why) => Err(format!("{why} ({url})")),
            }
        };
        let mut problems = Vec::new();
        for pattern in patterns {
            for site in pattern.sites() {
                let repo = site.get("repo");
                let commit = site.get("commit");
                let at = format!("{} {}", pattern.get("id"), site.permalink());
                let branch = match get(repo_url(repo))
                    .and_then(|a| default_branch(&a))
                {
                    Ok(branch) => branch,
                    Err(why) => {
                        problems.push(format!(
                            "{at}: default branch unknown: {why}"
                        ));
                        continue;
                    }
                };
                match get(compare_url(repo, &branch, commit))
                    .and_then(|a| on_default_branch(&a))
                {
                    Ok(true) => {}
                    Ok(false) => problems.push(format!(
                        "{at}: commit {commit} is not on the default branch `{branch}`"
                    )),
                    Err(why) => problems.push(format!("{at}: compare failed: {why}")),
                }
                let Some(range) = site.line_range() else {
                    problems.push(format!("{at}: lines must be START-END"));
                    continue;
                };
                let idents = site.idents();
                match get(raw_url(repo, commit, site.get("path")))
                    .and_then(|file| missing_idents(&file, range, &idents))
                {
                    Ok(missing) if missing.is_empty() => {}
                    Ok(missing) => problems.push(format!(
                        "{at}: the cited lines do not contain {}",
                        missing.join(", ")
                    )),
                    Err(why) => problems.push(format!("{at}: {why}")),
                }
            }
        }
        problems
    }

    /// Fetches `url` with the `curl` command: `(HTTP status, body)`. A
    /// token, if given, goes to api.github.com only, through curl's standard
    /// input (so it never shows in the process list).
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
        let mut config =
            String::from("header = \"User-Agent: check-citations\"\n");
        if url.starts_with(API) {
            config += "header = \"Accept: application/vnd.github+json\"\n";
            if let Some(token) = token {
                config +=
                    &format!("header = \"Authorization: Bearer {token}\"\n");
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
}
