//! Listing 8-13, the grep.app client, on saved answers: no network.

#[path = "../listings/ch08-real-world/listing-08-13.rs"]
#[allow(dead_code)]
mod grep_app;

use grep_app::SAMPLE;

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
