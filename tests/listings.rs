//! Every runnable listing prints exactly the output the book shows.
//!
//! Each program under `listings/` is run, and what it prints on stdout is
//! compared with the `.out` file beside it, which the chapter includes under
//! the listing. A listing that fails, hangs, or prints anything else fails
//! this test, by name.
//!
//! After a deliberate change to a listing, refresh its output with
//! `BLESS=1 cargo test --test listings` and review the diff.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// (source file, compiled program) for each listing; written by build.rs.
const LISTINGS: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/listings.rs"));

/// A listing is a small, deterministic program: this is generous.
const TIME_LIMIT: Duration = Duration::from_secs(30);

#[test]
fn every_listing_prints_the_output_shown_in_the_book() {
    assert!(!LISTINGS.is_empty(), "build.rs found no listings");
    let bless = std::env::var_os("BLESS").is_some();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));

    let problems: Vec<String> = thread::scope(|scope| {
        let runs: Vec<_> = LISTINGS
            .iter()
            .map(|&(source, program)| {
                scope.spawn(move || check(root, source, program, bless))
            })
            .collect();
        runs.into_iter()
            .filter_map(|run| run.join().unwrap().err())
            .collect()
    });

    assert!(
        problems.is_empty(),
        "{} of {} listings do not match the book:\n\n{}",
        problems.len(),
        LISTINGS.len(),
        problems.join("\n\n")
    );
}

fn check(
    root: &Path,
    source: &str,
    program: &str,
    bless: bool,
) -> Result<(), String> {
    let expected_file = root.join(source).with_extension("out");
    let shown = expected_file
        .strip_prefix(root)
        .unwrap()
        .display()
        .to_string();
    let printed = run(program).map_err(|why| format!("{source}: {why}"))?;

    if bless {
        std::fs::write(&expected_file, &printed).unwrap();
        return Ok(());
    }
    let expected = std::fs::read_to_string(&expected_file)
        .map_err(|e| format!("{source}: cannot read {shown}: {e}"))?;
    if printed == expected {
        return Ok(());
    }
    Err(format!(
        "{source} no longer prints what {shown} shows.\n{}",
        first_difference(&expected, &printed)
    ))
}

fn run(program: &str) -> Result<String, String> {
    let mut child = Command::new(program)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    let mut stdout = child.stdout.take().unwrap();
    let reader = thread::spawn(move || {
        let mut text = String::new();
        stdout.read_to_string(&mut text).map(|_| text)
    });

    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            return Err(format!(
                "still running after {TIME_LIMIT:?}: does it hang?"
            ));
        }
        thread::sleep(Duration::from_millis(5));
    };
    let printed = reader.join().unwrap().map_err(|e| e.to_string())?;
    if !status.success() {
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .ok();
        return Err(format!("exited with {status}\n{stderr}"));
    }
    Ok(printed)
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
