//! Check your exercises (chapter 6 of the book). Edit `exercises/exercise-N.rs`,
//! replacing each `todo!()` (or fixing the bug), then run:
//!
//!     cargo test --test exercises exercise_1
//!
//! `cargo test --test exercises exercise_` checks them all. With no name
//! (as when `cargo test` runs the whole book's suite), this lists the
//! exercises and checks none: a half-done exercise never breaks the suite.

use std::process::ExitCode;

#[path = "../tests/proofs/support.rs"]
#[allow(dead_code)]
mod support;

include!("checks.rs");

macro_rules! reader_exercises {
    ($($module:ident: $starter:literal, $solution:literal => $checks:ident;)*) => {
        $(
            #[path = $starter]
            #[allow(dead_code, unused)]
            mod $module;
            $checks!($checks, crate::$module);
        )*
        /// (name, title, checks) of every exercise.
        fn exercises() -> Vec<(&'static str, &'static str, Vec<(&'static str, fn())>)> {
            vec![$((stringify!($module), $checks::TITLE, $checks::checks())),*]
        }
    };
}
for_each_exercise!(reader_exercises);

/// `exercise_1` names exercise 1 only (not 10); a name that does not end in a
/// digit, such as `exercise_`, names every exercise that contains it.
fn matches(name: &str, wanted: &str) -> bool {
    if wanted.ends_with(|c: char| c.is_ascii_digit()) {
        name == wanted
    } else {
        name.contains(wanted)
    }
}

fn main() -> ExitCode {
    // cargo passes the name to look for; libtest's own flags are ignored.
    let mut args = std::env::args().skip(1);
    let mut wanted = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--test-threads" | "--skip" | "--format" | "--color" | "-Z"
            | "--logfile" => {
                args.next();
            }
            flag if flag.starts_with('-') => {}
            name => wanted.push(name.to_owned()),
        }
    }
    if wanted.is_empty() {
        println!("Name the exercise to check, for example:");
        println!("    cargo test --test exercises exercise_1");
        for (name, title, _) in exercises() {
            println!("  {name}: {title}");
        }
        return ExitCode::SUCCESS;
    }

    // Checks report through panics: keep their messages for the summary.
    std::panic::set_hook(Box::new(|_| {}));
    let mut failed = 0;
    let mut ran = 0;
    for (name, title, checks) in exercises() {
        if !wanted.iter().any(|w| matches(name, w)) {
            continue;
        }
        ran += 1;
        let total = checks.len();
        let failures = failures(checks);
        if failures.is_empty() {
            println!("{name} ({title}): all {total} checks pass. Well done!");
        } else {
            failed += 1;
            println!(
                "{name} ({title}): {} of {total} checks fail:",
                failures.len()
            );
            for (check, why) in failures {
                println!("  {check}: {why}");
            }
        }
    }
    if ran == 0 {
        println!("No exercise is named like {wanted:?}; try exercise_1.");
        return ExitCode::FAILURE;
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
