//! The Notify simulator (`src/sim/`): every case the book shows was run on
//! tokio's real Notify, only the pages that show the simulator load it, and
//! it stays small. (That its model gives tokio's answers is checked by
//! `browser-tests/simulator.test.mjs`, against the fixture that
//! `tests/simulator.rs` records.)

use std::collections::BTreeSet;
use std::fs;

use crate::html::{attribute_values, pages};
use crate::root;

const FIXTURE: &str = "data/simulator-fixture.txt";
/// The budget for the simulator's code and styles, unminified.
const MAX_BYTES: u64 = 40 * 1024;

fn embeds(page: &str) -> bool {
    page.contains("class=\"notify-sim\"")
}

#[test]
fn every_simulator_case_in_the_book_was_run_on_tokio() {
    let fixture = fs::read_to_string(root().join(FIXTURE)).unwrap();
    let recorded: BTreeSet<&str> = fixture
        .lines()
        .filter_map(|l| l.strip_prefix("book:"))
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    let mut shown = BTreeSet::new();
    let mut problems = house::Problems::new();
    for (path, text) in pages() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let links = attribute_values(&text, "href");
        let cases = links
            .iter()
            .filter_map(|l| l.strip_prefix("#sim="))
            .chain(attribute_values(&text, "data-sim").iter().map(|s| &s[..]))
            .map(str::to_owned)
            .collect::<Vec<_>>();
        for link in links.iter().filter(|l| l.contains("sim=")) {
            if !link.starts_with("#sim=") {
                problems.push(format!("{name}: `{link}`: a case opens on its own page, as `#sim=...`"));
            }
        }
        if !cases.is_empty() && !embeds(&text) {
            problems.push(format!(
                "{name}: links to simulator cases, but has no simulator"
            ));
        }
        for case in cases {
            if !recorded.contains(&case[..]) {
                problems.push(format!("{name}: case `{case}` is not in {FIXTURE}: run `cargo run -- bless`"));
            }
            shown.insert(case);
        }
    }
    for case in recorded {
        if !shown.contains(case) {
            problems.push(format!("{FIXTURE}: case `{case}` is no longer in the book: run `cargo run -- bless`"));
        }
    }
    problems.assert_none("simulator cases:");
}

#[test]
fn only_the_pages_with_the_simulator_load_its_files() {
    let mut with = 0;
    let mut problems = house::Problems::new();
    for (path, text) in pages() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let loads: Vec<String> = attribute_values(&text, "src")
            .into_iter()
            .chain(attribute_values(&text, "href"))
            .filter(|l| l.starts_with("sim/"))
            .collect();
        if embeds(&text) {
            with += 1;
            for file in [
                "sim/notify-sim.css",
                "sim/notify-model.js",
                "sim/notify-sim.js",
            ] {
                if !loads.iter().any(|l| l == file) {
                    problems.push(format!(
                        "{name}: shows the simulator, but does not load {file}"
                    ));
                }
            }
        } else if !loads.is_empty() {
            problems
                .push(format!("{name}: has no simulator, but loads {loads:?}"));
        }
    }
    // Chapters 1 and 7, and the print page that holds them both.
    assert!(with >= 3, "only {with} pages show the simulator");
    problems.assert_none("pages and the simulator's files:");
}

#[test]
fn the_simulator_weighs_at_most_40_kb() {
    let files = house::files_under(&root().join("src/sim"));
    let bytes: u64 = files.iter().map(|f| fs::metadata(f).unwrap().len()).sum();
    assert!(files.len() >= 3, "src/sim/ lacks the simulator's files");
    assert!(
        bytes <= MAX_BYTES,
        "src/sim/ weighs {bytes} bytes, more than {MAX_BYTES}"
    );
}
