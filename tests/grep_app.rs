//! Listing 8-9, the grep.app client, on saved answers: no network. Every way
//! it can fail is tested twice: through `run` (the message) and by running
//! the program itself with a fake `curl` first on its PATH (the message on
//! stderr, nothing on stdout, and exit status 1).

#[path = "../listings/ch08-real-world/listing-08-09.rs"]
#[allow(dead_code)]
mod grep_app;

use grep_app::SAMPLE;

/// SYNTHETIC (written by hand): the other shape of answer, with plain
/// strings for repo/path and line numbers only in `lineno` cells.
const PLAIN: &str = r#"{
  "hits": {
    "total": 1,
    "hits": [
      {
        "repo": "example/plain",
        "branch": "main",
        "path": "src/lib.rs",
        "content": {
          "snippet": "<table><tr><td><div class=\"lineno\">7</div></td><td><div class=\"highlight\"><pre>    bell.<mark>notify_waiters</mark>();</pre></div></td></tr><tr><td><div class=\"lineno\">8</div></td><td><div class=\"highlight\"><pre>}</pre></div></td></tr></table>"
        }
      }
    ]
  }
}"#;

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
        lang: Some("Rust"),
        repo: Some("tokio-rs/tokio"),
        path: Some("tokio/src/sync/"),
    };
    assert_eq!(
        grep_app::search_url(&every_option),
        "https://grep.app/api/search?q=%5C.notified%5C%28%5C%29&regexp=true\
         &filter%5Blang%5D%5B0%5D=Rust&filter%5Brepo%5D%5B0%5D=tokio-rs%2Ftokio\
         &filter%5Bpath%5D%5B0%5D=tokio%2Fsrc%2Fsync%2F"
    );
}

#[test]
fn the_grep_app_client_reads_raw_objects_and_data_line_rows() {
    let (total, hits) = grep_app::parse(SAMPLE).unwrap();
    assert_eq!(total, 2);
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0].repo, "tokio-notify-in-practice/book");
    assert_eq!(hits[0].path, "listings/ch02-examples/listing-02-06.rs");
    assert_eq!(hits[0].lines.len(), 2);
    assert!(hits[0].lines[1].2, "the second line is the match");
    assert!(!hits[0].lines[0].2, "a context line is not a match");
}

/// The sample shows the book's listings as they are: each hit's lines are
/// those lines of the file it names (`cargo run -- bless` remakes it).
#[test]
fn the_grep_app_sample_shows_the_listings_as_they_are() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let (_, hits) = grep_app::parse(SAMPLE).unwrap();
    for hit in hits {
        let file = std::fs::read_to_string(root.join(&hit.path)).unwrap();
        let lines: Vec<&str> = file.lines().collect();
        for (number, code, _) in &hit.lines {
            assert_eq!(
                lines[*number as usize - 1],
                code.as_str(),
                "{}:{number}: the sample has drifted; run `cargo run -- bless`",
                hit.path
            );
        }
        assert!(
            hit.lines.iter().any(|(_, code, matched)| *matched
                && code.contains("notify_waiters()"))
        );
    }
}

#[test]
fn the_grep_app_client_reads_plain_strings_and_lineno_cells() {
    let (total, hits) = grep_app::parse(PLAIN).unwrap();
    assert_eq!(total, 1);
    assert_eq!(hits[0].repo, "example/plain");
    assert_eq!(hits[0].path, "src/lib.rs");
    assert_eq!(
        hits[0].lines,
        vec![
            (7, "    bell.notify_waiters();".to_owned(), true),
            (8, "}".to_owned(), false)
        ]
    );
    let out = grep_app::run(Some("x"), |_| Ok(PLAIN.to_owned())).unwrap();
    assert!(out.contains("example/plain src/lib.rs\n  >    7 |"));
}

/// Answers the client cannot read, and the words its message must contain.
const UNREADABLE: &[(&str, &str)] = &[
    (
        "<!DOCTYPE html><html><title>Just a moment...</title></html>",
        "unreadable answer: an HTML page, not JSON",
    ),
    ("", "unreadable answer: not JSON"),
    (r#"{"time": 1}"#, "unreadable answer: no hits.total"),
    (
        r#"{"hits": {"total": 3}}"#,
        "unreadable answer: no hits.hits",
    ),
    (
        r#"{"hits": {"total": 1, "hits": [{"repo": 7, "path": "a.rs"}]}}"#,
        "unreadable answer: hit 1: no repo",
    ),
    (
        r#"{"hits": {"total": 1, "hits": [{"repo": "o/r"}]}}"#,
        "unreadable answer: hit 1: no path",
    ),
    (
        r#"{"hits": {"total": 1, "hits": [{"repo": "o/r", "path": "a.rs"}]}}"#,
        "unreadable answer: hit 1: no snippet",
    ),
    (
        r#"{"hits": {"total": 1, "hits": [{"repo": "o/r", "path": "a.rs", "content": {"snippet": "<table></table>"}}]}}"#,
        "unreadable answer: hit 1: a snippet without rows",
    ),
    (
        r#"{"hits": {"total": 1, "hits": [{"repo": "o/r", "path": "a.rs", "content": {"snippet": "<tr><td><pre>x</pre></td></tr>"}}]}}"#,
        "unreadable answer: hit 1: a snippet row without a line number",
    ),
];

#[test]
fn the_grep_app_client_names_what_it_cannot_read() {
    for (answer, message) in UNREADABLE {
        let why = grep_app::run(Some("x"), |_| Ok(answer.to_string()))
            .err()
            .unwrap_or_else(|| panic!("read {answer:?} without complaint"));
        assert!(why.contains(message), "{why:?} lacks {message:?}");
        assert!(why.starts_with("GET https://grep.app/api/search?q=x"));
    }
}

#[test]
fn the_grep_app_client_reports_http_errors_and_curl_failures() {
    let ok = grep_app::curl_answer(true, "200", "", "{}");
    assert_eq!(ok, Ok("{}".to_owned()));
    let limited = grep_app::curl_answer(true, "429", "", "Too Many Requests\n")
        .unwrap_err();
    assert_eq!(
        limited,
        r#"grep.app answered HTTP 429: "Too Many Requests""#
    );
    let forbidden = grep_app::curl_answer(true, "403", "", "").unwrap_err();
    assert_eq!(forbidden, r#"grep.app answered HTTP 403: """#);
    let offline = grep_app::curl_answer(
        false,
        "000",
        "curl: (6) Could not resolve host: grep.app\n",
        "",
    )
    .unwrap_err();
    assert_eq!(
        offline,
        "curl failed: curl: (6) Could not resolve host: grep.app"
    );
    let missing =
        grep_app::fetch("/nonexistent/curl", "https://grep.app/").unwrap_err();
    assert!(
        missing.starts_with("could not run /nonexistent/curl ("),
        "{missing}"
    );
    assert!(missing.ends_with("is it installed?"), "{missing}");
}

/// The program itself, with a fake `curl` that saves `body`, prints
/// `status` as `%{http_code}` and exits with `exit` (unix only: a shell
/// script). `None` for no curl on PATH at all.
#[cfg(unix)]
mod program {
    use std::os::unix::fs::PermissionsExt;
    use std::path::PathBuf;
    use std::process::{Command, Output};

    fn dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir()
            .join(format!("grep-app-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    pub fn run(name: &str, curl: Option<(&str, &str, i32, &str)>) -> Output {
        let dir = dir(name);
        let mut path = dir.clone().into_os_string();
        if let Some((status, body, exit, stderr)) = curl {
            std::fs::write(dir.join("body"), body).unwrap();
            let script = format!(
                "#!/bin/sh\n\
                 while [ $# -gt 0 ]; do\n\
                 if [ \"$1\" = -o ]; then out=\"$2\"; fi; shift\n\
                 done\n\
                 if [ -n \"$out\" ]; then /bin/cp '{body}' \"$out\"; fi\n\
                 printf '%s' '{status}'\n\
                 printf '%s' '{stderr}' >&2\n\
                 exit {exit}\n",
                body = dir.join("body").display(),
            );
            let curl = dir.join("curl");
            std::fs::write(&curl, script).unwrap();
            std::fs::set_permissions(
                &curl,
                std::fs::Permissions::from_mode(0o755),
            )
            .unwrap();
            path.push(":");
            path.push(std::env::var_os("PATH").unwrap_or_default());
        }
        let out = Command::new(env!("CARGO_BIN_EXE_listing-08-09"))
            .arg("notify_waiters()")
            .env("PATH", path)
            .output()
            .unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        out
    }

    /// Exit status 1, nothing on stdout, and `message` on stderr.
    pub fn fails_with(out: &Output, message: &str) {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
        assert!(out.stdout.is_empty(), "printed {:?}", out.stdout);
        assert!(
            stderr.starts_with(
                "listing-08-09: GET https://grep.app/api/search?q="
            ),
            "{stderr}"
        );
        assert!(stderr.contains(message), "{stderr:?} lacks {message:?}");
    }
}

#[cfg(unix)]
#[test]
fn the_program_fails_loudly_without_curl() {
    let out = program::run("no-curl", None);
    program::fails_with(&out, "could not run curl (");
    program::fails_with(&out, "is it installed?");
}

#[cfg(unix)]
#[test]
fn the_program_fails_loudly_when_curl_fails() {
    let out = program::run(
        "offline",
        Some(("000", "", 6, "curl: (6) Could not resolve host: grep.app")),
    );
    program::fails_with(&out, "curl failed: curl: (6) Could not resolve host");
}

#[cfg(unix)]
#[test]
fn the_program_fails_loudly_on_http_errors_and_shows_the_status() {
    for (status, body) in [("429", "Too Many Requests"), ("403", "Forbidden")] {
        let out = program::run(status, Some((status, body, 0, "")));
        program::fails_with(
            &out,
            &format!("grep.app answered HTTP {status}: \"{body}\""),
        );
    }
}

#[cfg(unix)]
#[test]
fn the_program_fails_loudly_on_an_html_page() {
    let page = "<!DOCTYPE html><html><title>Just a moment...</title></html>";
    let out = program::run("html", Some(("200", page, 0, "")));
    program::fails_with(&out, "unreadable answer: an HTML page, not JSON");
}

#[cfg(unix)]
#[test]
fn the_program_fails_loudly_on_an_answer_it_cannot_read() {
    for (n, (answer, message)) in UNREADABLE.iter().enumerate() {
        let out = program::run(
            &format!("unreadable-{n}"),
            Some(("200", answer, 0, "")),
        );
        program::fails_with(&out, message);
    }
}

#[cfg(unix)]
#[test]
fn the_program_reads_either_shape_through_curl() {
    for (name, answer, line) in [
        (
            "raw",
            SAMPLE,
            "tokio-notify-in-practice/book listings/ch02-examples/listing-02-06.rs\n",
        ),
        ("plain", PLAIN, "example/plain src/lib.rs"),
    ] {
        let out = program::run(name, Some(("200", answer, 0, "")));
        assert_eq!(out.status.code(), Some(0));
        assert!(out.stderr.is_empty());
        assert!(String::from_utf8_lossy(&out.stdout).contains(line));
    }
}
