//! Every runnable listing prints exactly the output the book shows.
//!
//! Each program under `listings/` is run, and what it prints on stdout is
//! compared with the `.out` file beside it, which the chapter includes under
//! the listing (folded or not). A listing that fails, hangs, or prints
//! anything else fails this test, by name. After a deliberate change to a
//! listing, `cargo run -- bless` rewrites its `.out` file: review the diff.

use std::path::PathBuf;
use std::thread;
use std::time::Duration;

/// A listing is a small, deterministic program: this is generous.
const TIME_LIMIT: Duration = Duration::from_secs(30);

/// Where cargo put the listings' programs: cargo builds every program of a
/// package before it runs the package's integration tests, beside their
/// `deps/` folder.
fn programs_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.parent()
        .and_then(|deps| deps.parent())
        .unwrap()
        .to_path_buf()
}

#[test]
fn every_listing_prints_the_output_shown_in_the_book() {
    let listings: Vec<house::Listing> = house::listings()
        .into_iter()
        .filter(|l| !l.must_not_compile)
        .collect();
    assert!(!listings.is_empty(), "no listings found");
    let dir = programs_dir();

    let problems: Vec<String> = thread::scope(|scope| {
        let runs: Vec<_> = listings
            .iter()
            .map(|listing| scope.spawn(|| check(listing, &dir)))
            .collect();
        runs.into_iter()
            .filter_map(|run| run.join().unwrap().err())
            .collect()
    });
    let mut report = house::Problems::new();
    report.extend(problems);
    let count = report.len();
    report.assert_none(&format!(
        "{count} of {} listings do not match the book:\n",
        listings.len()
    ));
}

fn check(
    listing: &house::Listing,
    dir: &std::path::Path,
) -> Result<(), String> {
    let source = listing.relative();
    let program =
        dir.join(format!("{}{}", listing.name, std::env::consts::EXE_SUFFIX));
    if !program.exists() {
        return Err(format!(
            "{source}: no program `{}` was built; `cargo run -- bless` adds it to listings/Cargo.toml and records its output",
            listing.name
        ));
    }
    let expected_file = listing.expected_file();
    let shown = house::relative(&expected_file);
    let printed = house::run_program(&program, TIME_LIMIT)
        .map_err(|why| format!("{source}: {why}"))?;
    let expected = std::fs::read_to_string(&expected_file).map_err(|e| {
        format!("{source}: cannot read {shown} ({e}); `cargo run -- bless` writes it")
    })?;
    if printed == expected {
        return Ok(());
    }
    Err(format!(
        "{source} no longer prints what {shown} shows.\n{}\n  (after a deliberate change: `cargo run -- bless`)",
        first_difference(&expected, &printed)
    ))
}

fn first_difference(expected: &str, printed: &str) -> String {
    let mut expected_lines = expected.lines();
    let mut printed_lines = printed.lines();
    for line in 1.. {
        match (expected_lines.next(), printed_lines.next()) {
            (None, None) => {
                return "  (they differ only in line endings)".into();
            }
            (e, p) if e == p => continue,
            (e, p) => {
                return format!(
                    "  line {line}\n  book shows: {}\n  it prints:  {}",
                    e.unwrap_or("(nothing)"),
                    p.unwrap_or("(nothing)")
                );
            }
        }
    }
    unreachable!()
}
