//! Who stands behind the book: every page of the HTML book ends with what
//! it was verified against and a link that reports an error on that very
//! page, to the repository book.toml names; the licence files exist; and
//! the introduction's day-one track fits a working day.

use std::fs;

use crate::root;

/// book.toml's `git-repository-url`: the one place the repository is set.
fn repository() -> String {
    let config: toml::Table = fs::read_to_string(root().join("book.toml"))
        .unwrap()
        .parse()
        .unwrap();
    config["output"]["html"]["git-repository-url"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The footer of an HTML page: its text, and its report link.
fn footer(html: &str) -> Vec<(String, String)> {
    let open = format!("<footer class=\"{}", book::provenance::FOOTER_CLASS);
    html.match_indices(&open)
        .filter_map(|(at, _)| {
            let rest = &html[at..];
            let end = rest.find("</footer>")?;
            let footer = &rest[..end];
            let link = crate::html::attribute_values(footer, "href")
                .into_iter()
                .next()?;
            Some((footer.to_owned(), link))
        })
        .collect()
}

#[test]
fn every_page_ends_with_what_it_was_verified_against_and_a_report_link() {
    let (html, _) = crate::rendered();
    let repository = repository();
    let lock = book::provenance::Provenance::new(&root());
    let mut problems = house::Problems::new();
    let chapters = book::chapters::in_summary(&root());
    assert!(chapters.len() > 20, "only {} chapters read", chapters.len());
    for chapter in chapters {
        let page = html.join(chapter.page.replace(".md", ".html"));
        let Ok(text) = fs::read_to_string(&page) else {
            problems.push(format!(
                "{}: no page {}",
                chapter.name,
                page.display()
            ));
            continue;
        };
        let footers = footer(&text);
        let [(footer, link)] = &footers[..] else {
            problems.push(format!(
                "{}: {} footers, not one",
                chapter.name,
                footers.len()
            ));
            continue;
        };
        let verified = format!(
            "Verified against tokio {} and tokio-util {}, built on ",
            lock.tokio, lock.tokio_util
        );
        if !footer.contains(&verified) {
            problems.push(format!(
                "{}: the footer lacks `{verified}`",
                chapter.name
            ));
        }
        let title = format!(
            "title={}",
            book::citations::encode(&format!("Error in {}", chapter.name))
        );
        if !link.starts_with(&format!("{repository}/issues/new?"))
            || !link.contains(&title)
        {
            problems.push(format!(
                "{}: the report link `{link}` is not a new issue on {repository} with `{title}`",
                chapter.name
            ));
        }
    }
    problems.assert_none("pages without their provenance footer:");
}

#[test]
fn the_versions_line_comes_from_cargo_lock_and_the_date_of_the_build() {
    let lock: toml::Table = fs::read_to_string(root().join("Cargo.lock"))
        .unwrap()
        .parse()
        .unwrap();
    let version = |name: &str| {
        lock["package"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"].as_str() == Some(name))
            .and_then(|p| p["version"].as_str())
            .unwrap()
            .to_owned()
    };
    let provenance = book::provenance::Provenance::new(&root());
    assert_eq!(provenance.tokio, version("tokio"));
    assert_eq!(provenance.tokio_util, version("tokio-util"));
    let intro = fs::read_to_string(root().join("src/introduction.md")).unwrap();
    assert!(
        intro.contains(book::provenance::DIRECTIVE),
        "the introduction must carry the generated line ({})",
        book::provenance::DIRECTIVE
    );
    assert!(
        !intro.contains(&format!("tokio {} and tokio-util", provenance.tokio)),
        "the introduction types the versions line instead of generating it"
    );
    let expanded = provenance.expand(book::provenance::DIRECTIVE);
    assert_eq!(
        expanded,
        format!(
            "tokio {} and tokio-util {}, built on {}",
            provenance.tokio, provenance.tokio_util, provenance.date
        )
    );
    let today = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    if std::env::var_os("SOURCE_DATE_EPOCH").is_none() {
        let date = book::provenance::date(today);
        // (A build that starts before midnight UTC and ends after it
        // gives yesterday's date.)
        let yesterday = book::provenance::date(today - 86_400);
        assert!(
            [date, yesterday].contains(&provenance.date),
            "built on {}, not today",
            provenance.date
        );
    }
}

#[test]
fn the_licences_the_introduction_names_are_in_the_repository() {
    let manifest = fs::read_to_string(root().join("Cargo.toml")).unwrap();
    assert!(manifest.contains("license = \"MIT OR Apache-2.0\""));
    let intro = fs::read_to_string(root().join("src/introduction.md")).unwrap();
    assert!(intro.contains("MIT OR Apache-2.0"));
    let mit = fs::read_to_string(root().join("LICENSE-MIT")).unwrap();
    assert!(
        mit.starts_with("MIT License")
            && mit.contains("Permission is hereby granted")
    );
    let apache = fs::read_to_string(root().join("LICENSE-APACHE")).unwrap();
    assert!(
        apache.contains("Apache License")
            && apache.contains("Version 2.0, January 2004")
    );
    for file in ["LICENSE-MIT", "LICENSE-APACHE"] {
        assert!(
            book::bundle::BUNDLED.contains(&file),
            "the offline bundle must carry {file}"
        );
    }
}

#[test]
fn the_day_one_track_fits_six_and_a_half_hours_and_holds_exercises_9_and_10() {
    let plan = book::day_one::plan(&root()).unwrap();
    let (low, high) = plan.total();
    assert!(
        high <= book::day_one::LIMIT,
        "the day-one track takes {low}-{high} minutes, more than {}: trim it, \
         or move a step to day two (tools/src/day_one.rs)",
        book::day_one::LIMIT
    );
    for number in ["9", "10"] {
        assert!(
            plan.steps
                .iter()
                .any(|s| s.what.starts_with(&format!("[Exercise {number}]"))),
            "exercise {number} must be in the day"
        );
    }
    for chapter in ["ch01", "ch02", "ch03", "ch04", "ch05"] {
        assert!(
            plan.steps.iter().any(|s| s.what.contains(chapter)),
            "{chapter} must be in the day"
        );
    }
}
