//! The simulators (`src/sim/`): every case the book shows was run on the
//! real primitive, only the pages that show a simulator load its files, and
//! each stays small. (That their models give the real answers is checked by
//! `browser-tests/simulator.test.mjs`, against the fixtures that
//! `tests/simulator/` records.)

use std::collections::BTreeSet;
use std::fs;

use crate::html::{attribute_values, pages};
use crate::root;

/// The budget for one simulator's code and styles, unminified.
const MAX_BYTES: u64 = 40 * 1024;

struct Kind {
    /// The class of its `<div>`, and the key of its cases (`#key=`, `data-key`).
    class: &'static str,
    key: &'static str,
    fixture: &'static str,
    files: [&'static str; 3],
}

const KINDS: [Kind; 2] = [
    Kind {
        class: "notify-sim",
        key: "sim",
        fixture: "data/simulator-fixture.txt",
        files: ["sim/sim.css", "sim/notify-model.js", "sim/notify-sim.js"],
    },
    Kind {
        class: "token-sim",
        key: "tok",
        fixture: "data/token-fixture.txt",
        files: ["sim/sim.css", "sim/token-model.js", "sim/token-sim.js"],
    },
];

fn embeds(page: &str, kind: &Kind) -> bool {
    page.contains(&format!("class=\"{}\"", kind.class))
}

#[test]
fn every_simulator_case_in_the_book_was_run_on_the_real_thing() {
    let mut problems = house::Problems::new();
    for kind in &KINDS {
        let fixture = fs::read_to_string(root().join(kind.fixture)).unwrap();
        let recorded: BTreeSet<&str> = fixture
            .lines()
            .filter_map(|l| l.strip_prefix("book:"))
            .map(|l| l.split(' ').next().unwrap())
            .collect();
        let link = format!("#{}=", kind.key);
        let mut shown = BTreeSet::new();
        for (path, text) in pages() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let links = attribute_values(&text, "href");
            let embedded =
                attribute_values(&text, &format!("data-{}", kind.key));
            let cases: Vec<String> = links
                .iter()
                .filter_map(|l| l.strip_prefix(&link))
                .chain(embedded.iter().map(|s| &s[..]))
                .map(str::to_owned)
                .collect();
            for l in links.iter().filter(|l| l.contains(&link[1..])) {
                if !l.starts_with(&link) {
                    problems.push(format!(
                        "{name}: `{l}`: a case opens on its own page, as `{link}...`"
                    ));
                }
            }
            if !cases.is_empty() && !embeds(&text, kind) {
                problems.push(format!(
                    "{name}: links to {} cases, but has no such simulator",
                    kind.class
                ));
            }
            for case in cases {
                if !recorded.contains(&case[..]) {
                    problems.push(format!(
                        "{name}: case `{case}` is not in {}: run `cargo run -- bless`",
                        kind.fixture
                    ));
                }
                shown.insert(case);
            }
        }
        for case in recorded {
            if !shown.contains(case) {
                problems.push(format!(
                    "{}: case `{case}` is no longer in the book: run `cargo run -- bless`",
                    kind.fixture
                ));
            }
        }
    }
    problems.assert_none("simulator cases:");
}

#[test]
fn only_the_pages_with_a_simulator_load_its_files() {
    let mut problems = house::Problems::new();
    let mut with = [0, 0];
    for (path, text) in pages() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let loads: BTreeSet<String> = attribute_values(&text, "src")
            .into_iter()
            .chain(attribute_values(&text, "href"))
            .filter(|l| l.starts_with("sim/"))
            .collect();
        let mut needed = BTreeSet::new();
        for (i, kind) in KINDS.iter().enumerate() {
            if embeds(&text, kind) {
                with[i] += 1;
                needed.extend(kind.files.iter().map(|f| f.to_string()));
            }
        }
        if loads != needed {
            problems.push(format!(
                "{name}: loads {loads:?}, but its simulators need {needed:?}"
            ));
        }
    }
    // Chapters 1 and 7 and the print page; chapter 3 and the print page.
    assert!(
        with[0] >= 3 && with[1] >= 2,
        "too few pages show a simulator: {with:?}"
    );
    problems.assert_none("pages and the simulators' files:");
}

#[test]
fn each_simulator_weighs_at_most_40_kb() {
    for kind in &KINDS {
        let bytes: u64 = kind
            .files
            .iter()
            .map(|f| fs::metadata(root().join("src").join(f)).unwrap().len())
            .sum();
        assert!(
            bytes <= MAX_BYTES,
            "the {} simulator weighs {bytes} bytes, more than {MAX_BYTES}",
            kind.class
        );
    }
}
