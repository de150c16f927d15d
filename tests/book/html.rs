//! The rendered book: mdBook has nothing to say, every link and anchor
//! resolves, and no page reaches the network.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::PathBuf;

use book::chapters::normalize;

use crate::rendered;

#[test]
fn mdbook_builds_the_book_without_warnings() {
    let (_, report) = rendered();
    let mut problems = house::Problems::new();
    problems.extend(report.iter().cloned());
    problems.assert_none("mdBook reported problems while building the book:");
}

/// The values of every `name="..."` attribute in an HTML text.
pub(crate) fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .filter_map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            rest.find('"').map(|end| rest[..end].replace("&amp;", "&"))
        })
        .collect()
}

pub(crate) fn pages() -> BTreeMap<PathBuf, String> {
    let (html, _) = rendered();
    house::files_under(html)
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "html"))
        .map(|f| {
            let text = fs::read_to_string(&f).unwrap();
            (normalize(&f), text)
        })
        .collect()
}

#[test]
fn every_link_and_heading_anchor_in_the_html_resolves() {
    let (html, _) = rendered();
    let pages = pages();
    assert!(pages.len() > 2, "the HTML book was not built");
    let ids: BTreeMap<&PathBuf, BTreeSet<String>> = pages
        .iter()
        .map(|(path, text)| {
            (path, attribute_values(text, "id").into_iter().collect())
        })
        .collect();

    let mut problems = BTreeSet::new();
    for (page, text) in &pages {
        // The 404 page is served from the site root; its links are absolute on purpose.
        if page.ends_with("404.html") {
            continue;
        }
        let name = house::relative(page.strip_prefix(normalize(html)).unwrap());
        let links = attribute_values(text, "href")
            .into_iter()
            .chain(attribute_values(text, "src"));
        for link in links {
            if link.contains("://")
                || link.starts_with("mailto:")
                || link.starts_with("javascript:")
            {
                continue;
            }
            let (file, fragment) = link.split_once('#').unwrap_or((&link, ""));
            let target = if file.is_empty() {
                page.clone()
            } else {
                normalize(&page.parent().unwrap().join(file))
            };
            if !target.exists() {
                problems.insert(format!("{name}: link `{link}`: no such file"));
            } else if !fragment.is_empty()
                // A simulator case, not an anchor (checked in simulator.rs).
                && !fragment.starts_with("sim=")
                && !fragment.starts_with("tok=")
                && let Some(known) = ids.get(&target)
                && !known.contains(fragment)
            {
                problems.insert(format!(
                    "{name}: link `{link}`: no heading or anchor `#{fragment}` there"
                ));
            }
        }
    }
    let mut report = house::Problems::new();
    report.extend(problems);
    report.assert_none("broken links in the built book:");
}

#[test]
fn no_page_loads_anything_from_the_network() {
    let (html, _) = rendered();
    let mut problems = house::Problems::new();
    for file in house::files_under(html) {
        let text = match file.extension().and_then(|e| e.to_str()) {
            Some("html" | "css") => fs::read_to_string(&file).unwrap(),
            _ => continue,
        };
        let name = file.strip_prefix(html).unwrap().display();
        let mut loads = attribute_values(&text, "src");
        // A stylesheet, icon or preload is fetched by the browser; an <a href> is not.
        for tag in text.split('<').filter(|t| t.starts_with("link ")) {
            loads.extend(attribute_values(tag, "href"));
        }
        for (at, _) in text.match_indices("url(") {
            loads.push(
                text[at + 4..].chars().take_while(|&c| c != ')').collect(),
            );
        }
        for url in loads {
            let url = url.trim_matches(['"', '\'']);
            if url.starts_with("http:")
                || url.starts_with("https:")
                || url.starts_with("//")
            {
                problems.push(format!("{name} loads {url}"));
            }
        }
    }
    problems.assert_none("the offline book would reach the network:");
}

/// Code as a reader copies it: no typographic dash or quote inside any
/// `<code>` of any page (smart punctuation must not reach code), and every
/// `--bin NAME` a command names is a program of the workspace.
#[test]
fn every_code_span_and_command_is_plain_ascii_punctuation_and_names_real_programs()
 {
    let programs =
        fs::read_to_string(crate::root().join("listings/Cargo.toml")).unwrap()
            + &fs::read_to_string(crate::root().join("exercises/Cargo.toml"))
                .unwrap()
            + &fs::read_to_string(crate::root().join("benches/Cargo.toml"))
                .unwrap();
    let mut problems = house::Problems::new();
    let mut commands = 0;
    for (page, html) in pages() {
        for (at, _) in html.match_indices("<code") {
            let Some(end) = html[at..].find("</code>") else {
                continue;
            };
            let mut text = String::new();
            let mut in_tag = false;
            for c in html[at..at + end].chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    _ if !in_tag => text.push(c),
                    _ => {}
                }
            }
            if let Some(bad) = text.chars().find(|c| "\u{2013}\u{2014}\u{2018}\u{2019}\u{201c}\u{201d}\u{2039}\u{203a}".contains(*c)) {
                problems.push(format!("{}: `{}` holds {bad:?}", page.display(), text.trim()));
            }
            let text = text.replace("&#45;", "-");
            if text.contains("cargo ") {
                commands += 1;
            }
            let words: Vec<&str> = text.split_whitespace().collect();
            for pair in words.windows(2) {
                if pair[0] == "--bin"
                    && !programs.contains(&format!("name = \"{}\"", pair[1]))
                {
                    problems.push(format!(
                        "{}: `--bin {}` is no program of the workspace",
                        page.display(),
                        pair[1]
                    ));
                }
            }
        }
    }
    assert!(
        commands >= 50,
        "only {commands} commands found: does the check still read the pages?"
    );
    problems.assert_none("code that does not copy as it should:");
}
