// Listing 8-13: search public code with grep.app's API.
//
//   cargo run --bin listing-08-13                       the saved sample answer
//   cargo run --bin listing-08-13 -- 'notify_waiters()' ask grep.app (online;
//                                                      uses the `curl` command)
use std::process::Command;

use serde_json::Value;

// ANCHOR: shown
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

pub struct Hit {
    pub repo: String,
    pub branch: String,
    pub path: String,
    /// (line number, code, is a match)
    pub lines: Vec<(u32, String, bool)>,
}

/// The total count and the hits of one page of grep.app's JSON answer.
pub fn parse(json: &str) -> Result<(u64, Vec<Hit>), String> {
    let answer: Value =
        serde_json::from_str(json).map_err(|e| e.to_string())?;
    let text = |v: &Value| v["raw"].as_str().unwrap_or_default().to_owned();
    let total = answer["hits"]["total"].as_u64().ok_or("no hits.total")?;
    let hits = answer["hits"]["hits"].as_array().ok_or("no hits.hits")?;
    let hits = hits
        .iter()
        .map(|hit| Hit {
            repo: text(&hit["repo"]),
            branch: text(&hit["branch"]),
            path: text(&hit["path"]),
            lines: snippet_lines(
                hit["content"]["snippet"].as_str().unwrap_or(""),
            ),
        })
        .collect();
    Ok((total, hits))
}
// ANCHOR_END: shown

/// grep.app's snippet is an HTML table, a row per line:
/// `<tr data-line="N">...<pre>code with <mark>matches</mark></pre>...`.
fn snippet_lines(html: &str) -> Vec<(u32, String, bool)> {
    html.split("<tr data-line=\"")
        .skip(1)
        .filter_map(|row| {
            let number = row.split('"').next()?.parse().ok()?;
            let code = row.split("<pre>").nth(1)?.split("</pre>").next()?;
            Some((number, unescape(&strip_tags(code)), code.contains("<mark>")))
        })
        .collect()
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

fn main() {
    let search = std::env::args().nth(1);
    let query = Query {
        text: search.as_deref().unwrap_or("notify_waiters()"),
        lang: Some("Rust"),
        ..Query::default()
    };
    let url = search_url(&query);
    println!("GET {url}");
    let json = match &search {
        None => SAMPLE.to_owned(), // offline: the saved sample answer
        Some(_) => {
            let answer = Command::new("curl").args(["-sSf", &url]).output();
            match answer {
                Ok(out) if out.status.success() => {
                    String::from_utf8_lossy(&out.stdout).into_owned()
                }
                _ => {
                    return eprintln!(
                        "could not reach grep.app (is curl installed? online?)"
                    );
                }
            }
        }
    };
    match parse(&json) {
        Ok((total, hits)) => {
            println!("{total} files match; this page:");
            for hit in hits {
                println!("{} ({}) {}", hit.repo, hit.branch, hit.path);
                for (number, code, matched) in hit.lines {
                    let mark = if matched { '>' } else { ' ' };
                    println!("  {mark}{number:>5} | {}", code.trim_end());
                }
            }
        }
        Err(why) => eprintln!("unexpected answer from grep.app: {why}"),
    }
}

/// A saved answer in grep.app's format, for running offline.
// ANCHOR: sample
pub const SAMPLE: &str = r#"{
  "time": 42,
  "partial": false,
  "facets": {
    "count": 2,
    "lang": { "buckets": [{ "val": "Rust", "count": 2 }] },
    "repo": { "buckets": [{ "val": "tokio-notify-in-practice/book", "owner_id": "1", "count": 2 }] }
  },
  "hits": {
    "total": 2,
    "hits": [
      {
        "id": { "raw": "1" },
        "owner_id": { "raw": "1" },
        "repo": { "raw": "tokio-notify-in-practice/book" },
        "branch": { "raw": "main" },
        "path": { "raw": "listings/ch02-examples/listing-02-06.rs" },
        "total_matches": { "raw": "1" },
        "content": {
          "snippet": "<table class=\"highlight-table\"><tr data-line=\"20\"><td><div class=\"lineno\">20</div></td><td><div class=\"highlight\"><pre>        self.stopped.store(true, Ordering::SeqCst); // 1. the truth, for good</pre></div></td></tr><tr data-line=\"21\"><td><div class=\"lineno\">21</div></td><td><div class=\"highlight\"><pre>        self.bell.<mark>notify_waiters</mark>(); // 2. wake everyone waiting now</pre></div></td></tr></table>"
        }
      },
      {
        "id": { "raw": "2" },
        "owner_id": { "raw": "1" },
        "repo": { "raw": "tokio-notify-in-practice/book" },
        "branch": { "raw": "main" },
        "path": { "raw": "listings/ch03-notify-vs-token/listing-03-10.rs" },
        "total_matches": { "raw": "1" },
        "content": {
          "snippet": "<table class=\"highlight-table\"><tr data-line=\"21\"><td><div class=\"lineno\">21</div></td><td><div class=\"highlight\"><pre>        drop(cancelled);</pre></div></td></tr><tr data-line=\"22\"><td><div class=\"lineno\">22</div></td><td><div class=\"highlight\"><pre>        self.waker.<mark>notify_waiters</mark>(); // ...then wake everyone waiting</pre></div></td></tr></table>"
        }
      }
    ]
  }
}"#;
// ANCHOR_END: sample
