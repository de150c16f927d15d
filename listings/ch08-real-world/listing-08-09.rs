// Listing 8-9: search public code with grep.app's API.
//
//   cargo run --bin listing-08-09                       the sample answer
//   cargo run --bin listing-08-09 -- 'notify_waiters()' ask grep.app (curl)
use std::process::{Command, ExitCode};

use serde_json::Value;

/// What to search for: grep.app's options and filters.
#[derive(Default)]
pub struct Query<'a> {
    pub text: &'a str,
    pub regexp: bool,
    pub lang: Option<&'a str>,
    pub repo: Option<&'a str>,
    pub path: Option<&'a str>,
}

// ANCHOR: shown
pub fn search_url(query: &Query) -> String {
    let mut url =
        format!("https://grep.app/api/search?q={}", encode(query.text));
    if query.regexp {
        url += "&regexp=true";
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

pub struct Hit {
    pub repo: String,
    pub path: String,
    pub lines: Vec<(u32, String, bool)>, // (number, code, is a match)
}

/// The total and the hits of one page of grep.app's answer; a field may be
/// a string or `{"raw": string}`.
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
        let field =
            |name: &str| hit[name].as_str().or(hit[name]["raw"].as_str());
        let at = |what: &str| format!("hit {}: {what}", n + 1);
        let snippet = hit["content"]["snippet"]
            .as_str()
            .ok_or_else(|| at("no snippet"));
        read.push(Hit {
            repo: field("repo").ok_or_else(|| at("no repo"))?.to_owned(),
            path: field("path").ok_or_else(|| at("no path"))?.to_owned(),
            lines: snippet_lines(snippet?).map_err(|why| at(&why))?,
        });
    }
    Ok((total, read))
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
    let (status, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    curl_answer(out.status.success(), &status, &stderr, &body)
}

/// What curl's exit, its `%{http_code}` and the body it saved mean.
pub fn curl_answer(
    ok: bool,
    status: &str,
    stderr: &str,
    body: &str,
) -> Result<String, String> {
    match (ok, status.trim()) {
        (false, _) => Err(format!("curl failed: {}", stderr.trim())),
        (true, "200") => Ok(body.to_owned()),
        (true, status) => {
            let start: String = body.chars().take(120).collect();
            Err(format!(
                "grep.app answered HTTP {status}: {:?}",
                start.trim()
            ))
        }
    }
}

/// A snippet is an HTML table, a row per line: `<tr data-line="N">` (or a
/// `lineno` cell) and `<pre>code, <mark>matches</mark> marked</pre>`.
fn snippet_lines(html: &str) -> Result<Vec<(u32, String, bool)>, String> {
    let rows: Vec<&str> = html.split("<tr").skip(1).collect();
    if rows.is_empty() {
        return Err("a snippet without rows".into());
    }
    let between = |text: &'_ str, start: &str, end: &str| -> Option<String> {
        let rest = &text[text.find(start)? + start.len()..];
        Some(rest[..rest.find(end)?].to_owned())
    };
    rows.into_iter()
        .map(|row| {
            let number = between(row, "data-line=\"", "\"")
                .or_else(|| between(row, "class=\"lineno\">", "<"))
                .and_then(|n| n.trim().parse().ok())
                .ok_or("a snippet row without a line number")?;
            let code = between(row, "<pre>", "</pre>")
                .ok_or("a snippet row without code")?;
            let text: String = code
                .split('<')
                .map(|p| p.split_once('>').map_or(p, |(_, t)| t))
                .collect();
            let text = [
                ("&lt;", "<"),
                ("&gt;", ">"),
                ("&quot;", "\""),
                ("&#39;", "'"),
                ("&amp;", "&"),
            ]
            .iter()
            .fold(text, |t, (from, to)| t.replace(from, to));
            Ok((number, text, code.contains("<mark>")))
        })
        .collect()
}

/// Percent-encodes everything but letters, digits and `-_.~`.
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The whole program but the printing: stdout's text, or stderr's message.
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
        None => SAMPLE.to_owned(),
        Some(_) => fetch(&url).map_err(|why| format!("GET {url}: {why}"))?,
    };
    let (total, hits) = parse(&json)
        .map_err(|why| format!("GET {url}: unreadable answer: {why}"))?;
    let mut out = format!("GET {url}\n{total} files match; this page:\n");
    for hit in hits {
        out += &format!("{} {}\n", hit.repo, hit.path);
        for (number, code, matched) in hit.lines {
            let mark = if matched { '>' } else { ' ' };
            out += &format!("  {mark}{number:>5} | {}\n", code.trim_end());
        }
    }
    Ok(out)
}

fn main() -> ExitCode {
    match run(std::env::args().nth(1).as_deref(), |url| fetch("curl", url)) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(why) => {
            eprintln!("listing-08-09: {why}");
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
