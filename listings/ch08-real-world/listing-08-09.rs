// Listing 8-9: search public code with grep.app's API.
//
//   cargo run --bin listing-08-09                       the saved sample answer
//   cargo run --bin listing-08-09 -- 'notify_waiters()' ask grep.app (online;
//                                                      uses the `curl` command)
use std::process::{Command, ExitCode};

use serde_json::Value;

/// What to search for; see grep.app's search options.
#[derive(Default)]
pub struct Query<'a> {
    pub text: &'a str,
    pub regexp: bool,
    pub case: bool,
    pub words: bool,
    pub lang: Option<&'a str>,
    pub repo: Option<&'a str>,
    pub path: Option<&'a str>,
}

// ANCHOR: shown
pub fn search_url(query: &Query) -> String {
    let mut url =
        format!("https://grep.app/api/search?q={}", encode(query.text));
    for (flag, on) in [
        ("regexp", query.regexp),
        ("case", query.case),
        ("words", query.words),
    ] {
        if on {
            url += &format!("&{flag}=true");
        }
    }
    for (filter, value) in [
        ("lang", query.lang),
        ("repo", query.repo),
        ("path", query.path),
    ] {
        if let Some(value) = value {
            url += &format!(
                "&{}={}",
                encode(&format!("filter[{filter}][0]")),
                encode(value)
            );
        }
    }
    url
}
// ANCHOR_END: shown

/// GETs `url` with `curl`: the body, or why there is none.
pub fn fetch(curl: &str, url: &str) -> Result<String, String> {
    let file =
        std::env::temp_dir().join(format!("grep-app-{}", std::process::id()));
    let out = Command::new(curl)
        .args(["-sS", "-o"])
        .arg(&file)
        .args(["-w", "%{http_code}", url])
        .output()
        .map_err(|e| format!("could not run {curl} ({e}); is it installed?"))?;
    let body = std::fs::read_to_string(&file).unwrap_or_default();
    let _ = std::fs::remove_file(&file);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    curl_answer(out.status.success(), &stdout, &stderr, &body)
}

/// What curl's exit, its `%{http_code}` and the body it saved mean.
pub fn curl_answer(
    ok: bool,
    status: &str,
    stderr: &str,
    body: &str,
) -> Result<String, String> {
    if !ok {
        return Err(format!("curl failed: {}", stderr.trim()));
    }
    match status.trim() {
        "200" => Ok(body.to_owned()),
        status => {
            let start: String = body.chars().take(120).collect();
            Err(format!(
                "grep.app answered HTTP {status}: {:?}",
                start.trim()
            ))
        }
    }
}

pub struct Hit {
    pub repo: String,
    pub branch: String,
    pub path: String,
    /// (line number, code, is a match)
    pub lines: Vec<(u32, String, bool)>,
}

// ANCHOR: shown
/// The total count and the hits of one page of grep.app's answer. A field
/// may be a plain string or `{"raw": string}`; either shape is read.
pub fn parse(json: &str) -> Result<(u64, Vec<Hit>), String> {
    if json.trim_start().starts_with('<') {
        return Err(
            "an HTML page, not JSON (a check that you are human?)".into()
        );
    }
    let answer: Value =
        serde_json::from_str(json).map_err(|e| format!("not JSON: {e}"))?;
    let total = answer["hits"]["total"].as_u64().ok_or("no hits.total")?;
    let hits = answer["hits"]["hits"].as_array().ok_or("no hits.hits")?;
    let mut read = Vec::new();
    for (n, hit) in hits.iter().enumerate() {
        let field = |name: &str| {
            let value = &hit[name];
            value.as_str().or(value["raw"].as_str()).map(str::to_owned)
        };
        let at = |what: &str| format!("hit {}: {what}", n + 1);
        let snippet = hit["content"]["snippet"].as_str();
        read.push(Hit {
            repo: field("repo").ok_or_else(|| at("no repo"))?,
            branch: field("branch").unwrap_or_default(),
            path: field("path").ok_or_else(|| at("no path"))?,
            lines: snippet_lines(snippet.ok_or_else(|| at("no snippet"))?)
                .map_err(|why| at(&why))?,
        });
    }
    Ok((total, read))
}
// ANCHOR_END: shown

/// grep.app's snippet is an HTML table, a row per line: `<tr data-line="N">`
/// or a cell `<div class="lineno">N</div>` gives the number, and
/// `<pre>code with <mark>matches</mark></pre>` the line.
fn snippet_lines(html: &str) -> Result<Vec<(u32, String, bool)>, String> {
    let rows: Vec<&str> = html.split("<tr").skip(1).collect();
    if rows.is_empty() {
        return Err("a snippet without rows".into());
    }
    rows.into_iter()
        .map(|row| {
            let number = between(row, "data-line=\"", "\"")
                .or_else(|| between(row, "class=\"lineno\">", "<"))
                .and_then(|n| n.trim().parse().ok())
                .ok_or("a snippet row without a line number")?;
            let code = between(row, "<pre>", "</pre>")
                .ok_or("a snippet row without code")?;
            Ok((number, unescape(&strip_tags(code)), code.contains("<mark>")))
        })
        .collect()
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &text[text.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

fn strip_tags(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Percent-encodes everything but letters, digits and `-_.~`.
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The whole program, but printing: the text for stdout, or the message for
/// stderr. `fetch` is only asked when there is a search.
pub fn run(
    search: Option<&str>,
    fetch: impl FnOnce(&str) -> Result<String, String>,
) -> Result<String, String> {
    let query = Query {
        text: search.unwrap_or("notify_waiters()"),
        lang: Some("Rust"),
        ..Query::default()
    };
    let url = search_url(&query);
    let json = match search {
        None => SAMPLE.to_owned(), // offline: the saved sample answer
        Some(_) => fetch(&url).map_err(|why| format!("GET {url}: {why}"))?,
    };
    let (total, hits) = parse(&json)
        .map_err(|why| format!("GET {url}: unreadable answer: {why}"))?;
    let mut out = format!("GET {url}\n{total} files match; this page:\n");
    for hit in hits {
        out += &format!("{} ({}) {}\n", hit.repo, hit.branch, hit.path);
        for (number, code, matched) in hit.lines {
            let mark = if matched { '>' } else { ' ' };
            out += &format!("  {mark}{number:>5} | {}\n", code.trim_end());
        }
    }
    Ok(out)
}

fn main() -> ExitCode {
    let search = std::env::args().nth(1);
    match run(search.as_deref(), |url| fetch("curl", url)) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(why) => {
            eprintln!("listing-08-16: {why}");
            ExitCode::FAILURE
        }
    }
}

/// SYNTHETIC: an answer in the shape of grep.app's, made by `cargo run --
/// bless` from two of the book's own listings (tools/src/generated.rs), so
/// that it shows their lines as they are. It is what the client reads offline.
// generated: sample
pub const SAMPLE: &str = r#"{"hits": {"total": 2, "hits": [
  {"branch":{"raw":"main"},"content":{"snippet":"<table class=\"highlight-table\"><tr data-line=\"20\"><td><div class=\"lineno\">20</div></td><td><div class=\"highlight\"><pre>        self.stopped.store(true, Ordering::Release); // 1. the truth, for good</pre></div></td></tr><tr data-line=\"21\"><td><div class=\"lineno\">21</div></td><td><div class=\"highlight\"><pre>        self.bell.<mark>notify_waiters</mark>(); // 2. wake everyone waiting now</pre></div></td></tr></table>"},"id":{"raw":"1"},"path":{"raw":"listings/ch02-examples/listing-02-06.rs"},"repo":{"raw":"tokio-notify-in-practice/book"}},
  {"branch":{"raw":"main"},"content":{"snippet":"<table class=\"highlight-table\"><tr data-line=\"21\"><td><div class=\"lineno\">21</div></td><td><div class=\"highlight\"><pre>        drop(cancelled);</pre></div></td></tr><tr data-line=\"22\"><td><div class=\"lineno\">22</div></td><td><div class=\"highlight\"><pre>        self.waker.<mark>notify_waiters</mark>(); // ...then wake everyone waiting</pre></div></td></tr></table>"},"id":{"raw":"2"},"path":{"raw":"listings/ch03-notify-vs-token/listing-03-10.rs"},"repo":{"raw":"tokio-notify-in-practice/book"}}
]}}"#;
// end generated
