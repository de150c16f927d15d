//! The house rules for listings: every include resolves; every listing is
//! shown, once, with its caption's command and its output (or its compiler
//! error); Rust code only ever comes from a listing.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::PathBuf;

use book::chapters::normalize;

use crate::{chapters, root};

#[test]
fn every_include_names_an_existing_file_and_anchor() {
    let mut problems = house::Problems::new();
    for chapter in chapters() {
        for include in &chapter.includes {
            let at = format!(
                "{}:{}: {{{{#{} {}}}}}",
                chapter.name, include.line, include.kind, include.spec
            );
            let Ok(text) = fs::read_to_string(&include.file) else {
                problems.push(format!("{at}: no such file"));
                continue;
            };
            if let Some(anchor) = &include.anchor {
                let has = |marker: &str| {
                    text.lines().any(|l| l.trim_end().ends_with(marker))
                };
                if !has(&format!("ANCHOR: {anchor}"))
                    || !has(&format!("ANCHOR_END: {anchor}"))
                {
                    problems.push(format!(
                        "{at}: no anchor `{anchor}` (ANCHOR: / ANCHOR_END: pair) in that file"
                    ));
                }
            }
        }
    }
    problems.assert_none("broken includes:");
}

#[test]
fn every_listing_file_is_shown_by_a_chapter() {
    let shown: BTreeSet<PathBuf> = chapters()
        .iter()
        .flat_map(|c| c.includes.iter().map(|i| normalize(&i.file)))
        .collect();
    let root = root();
    let mut problems = house::Problems::new();
    let candidates = house::files_under(&root.join("listings"))
        .into_iter()
        .chain(house::exercise_files(&root.join("exercises")))
        .filter(|f| {
            matches!(
                f.extension().and_then(|e| e.to_str()),
                Some("rs" | "out" | "stderr")
            )
        });
    for file in candidates {
        if !shown.contains(&normalize(&file)) {
            problems.push(house::relative(&file));
        }
    }
    problems.assert_none(
        "these listing files are not included by any chapter (include them, or delete them):",
    );
}

#[test]
fn rust_blocks_are_listings_shown_once_with_command_and_output() {
    let listings: BTreeMap<PathBuf, house::Listing> = house::listings()
        .into_iter()
        .map(|l| (normalize(&l.path), l))
        .collect();
    let mut problems = house::Problems::new();
    let mut shown_in: BTreeMap<PathBuf, String> = BTreeMap::new();
    for chapter in chapters() {
        for block in chapter.blocks.iter().filter(|b| b.is_rust()) {
            let at = format!("{}:{}", chapter.name, block.line);
            let Some(file) = block.includes.first().map(|i| normalize(&i.file))
            else {
                problems.push(format!(
                    "{at}: Rust code must come from a file under listings/ (use {{{{#rustdoc_include}}}})"
                ));
                continue;
            };
            if let Some(first) = shown_in.insert(file.clone(), at.clone()) {
                problems.push(format!(
                    "{at}: {} is already shown at {first}; a listing is one block \
                     (mark several regions with the same anchor name instead)",
                    house::relative(&file)
                ));
            }
            let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
            if let Some(number) = stem.strip_prefix("exercise-") {
                // An exercise (starter or solution) is checked by its harness.
                let command =
                    format!("cargo test --test exercises exercise_{number}");
                if !chapter.text.contains(&command) {
                    problems.push(format!(
                        "{at}: exercise {number} is shown without `{command}`"
                    ));
                }
                continue;
            }
            let must_fail =
                listings.get(&file).is_some_and(|l| l.must_not_compile);
            let marked = block.has("does_not_compile");
            if block.has("ignore") && !(marked && must_fail) {
                problems.push(format!(
                    "{at}: `ignore` skips the test; only a listing with a .stderr file, \
                     marked `does_not_compile`, may be ignored"
                ));
            }
            if marked != must_fail {
                problems.push(format!(
                    "{at}: a block is marked `rust,ignore,does_not_compile` exactly when it shows a listing with a .stderr file"
                ));
            }
            let Some(listing) = listings.get(&file) else {
                problems.push(format!("{at}: {stem} is not a listing (listings/chNN-name/listing-NN-MM.rs)"));
                continue;
            };
            let expected = normalize(&listing.expected_file());
            if !chapter
                .includes
                .iter()
                .any(|i| normalize(&i.file) == expected)
            {
                let what = if must_fail {
                    "compiler error"
                } else {
                    "output"
                };
                problems.push(format!(
                    "{at}: {stem} is shown without its {what} ({})",
                    house::relative(&expected)
                ));
            }
            let command = format!("cargo run --bin {stem}");
            if !must_fail && !chapter.text.contains(&command) {
                problems.push(format!(
                    "{at}: {stem} is shown without the command that runs it (`{command}`)"
                ));
            }
        }
    }
    problems.assert_none("Rust blocks that break the house rules:");
}
