//! Chapter 7's exercises: each solution passes its checks, each starter fails
//! them in the expected way, and each starter is generated from its solution.
//!
//! A solution is `listings/ch07-onboarding/exercise-N.rs`. Its starter,
//! `exercises/exercise-N.rs`, is the same file with every
//! `// ANCHOR: solution` ... `// ANCHOR_END: solution` region removed, the
//! `/* STARTER` ... `*/` lines around the starter's code removed (the code
//! stays), and the other anchor lines dropped. After changing a solution,
//! run `BLESS=1 cargo test --test onboarding` to regenerate the starters.
#![allow(clippy::all)]

use std::fs;
use std::path::Path;

#[path = "proofs/support.rs"]
#[allow(dead_code)]
mod support;

include!("../exercises/checks.rs");

#[path = "../listings/ch07-onboarding/exercise-1.rs"]
#[allow(dead_code, unused)]
mod solution_1;
#[path = "../exercises/exercise-1.rs"]
#[allow(dead_code, unused)]
mod starter_1;
exercise_1_checks!(solution_1_checks, crate::solution_1);
exercise_1_checks!(starter_1_checks, crate::starter_1);

#[path = "../listings/ch07-onboarding/exercise-2.rs"]
#[allow(dead_code, unused)]
mod solution_2;
#[path = "../exercises/exercise-2.rs"]
#[allow(dead_code, unused)]
mod starter_2;
exercise_2_checks!(solution_2_checks, crate::solution_2);
exercise_2_checks!(starter_2_checks, crate::starter_2);

#[path = "../listings/ch07-onboarding/exercise-3.rs"]
#[allow(dead_code, unused)]
mod solution_3;
#[path = "../exercises/exercise-3.rs"]
#[allow(dead_code, unused)]
mod starter_3;
exercise_3_checks!(solution_3_checks, crate::solution_3);
exercise_3_checks!(starter_3_checks, crate::starter_3);

#[path = "../listings/ch07-onboarding/exercise-4.rs"]
#[allow(dead_code, unused)]
mod solution_4;
#[path = "../exercises/exercise-4.rs"]
#[allow(dead_code, unused)]
mod starter_4;
exercise_4_checks!(solution_4_checks, crate::solution_4);
exercise_4_checks!(starter_4_checks, crate::starter_4);

#[path = "../listings/ch07-onboarding/exercise-5.rs"]
#[allow(dead_code, unused)]
mod solution_5;
#[path = "../exercises/exercise-5.rs"]
#[allow(dead_code, unused)]
mod starter_5;
exercise_5_checks!(solution_5_checks, crate::solution_5);
exercise_5_checks!(starter_5_checks, crate::starter_5);

#[path = "../listings/ch07-onboarding/exercise-6.rs"]
#[allow(dead_code, unused)]
mod solution_6;
#[path = "../exercises/exercise-6.rs"]
#[allow(dead_code, unused)]
mod starter_6;
exercise_6_checks!(solution_6_checks, crate::solution_6);
exercise_6_checks!(starter_6_checks, crate::starter_6);

/// (exercise, checks of the solution, checks of the starter, what the
/// starter's failures must say).
fn exercises() -> Vec<(
    u32,
    Vec<(&'static str, fn())>,
    Vec<(&'static str, fn())>,
    &'static str,
)> {
    vec![
        (
            1,
            solution_1_checks::checks(),
            starter_1_checks::checks(),
            "the go-ahead was lost",
        ),
        (
            2,
            solution_2_checks::checks(),
            starter_2_checks::checks(),
            "not yet implemented",
        ),
        (
            3,
            solution_3_checks::checks(),
            starter_3_checks::checks(),
            "not yet implemented",
        ),
        (
            4,
            solution_4_checks::checks(),
            starter_4_checks::checks(),
            "not yet implemented",
        ),
        (
            5,
            solution_5_checks::checks(),
            starter_5_checks::checks(),
            "not yet implemented",
        ),
        (
            6,
            solution_6_checks::checks(),
            starter_6_checks::checks(),
            "not yet implemented",
        ),
    ]
}

#[test]
fn every_solution_passes_its_checks() {
    for (number, solution, _, _) in exercises() {
        run_checks(&format!("the solution of exercise {number}"), solution);
    }
}

#[test]
fn every_starter_fails_its_checks_in_the_expected_way() {
    let mut problems = Vec::new();
    for (number, _, starter, expected) in exercises() {
        let failed = failures(starter);
        if failed.is_empty() {
            problems.push(format!(
                "exercise {number}: the starter passes every check"
            ));
        }
        for (check, why) in failed {
            if !why.contains(expected) {
                problems.push(format!(
                    "exercise {number}: {check} failed with \"{why}\", expected \"{expected}\""
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_starter_is_generated_from_its_solution() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stale = Vec::new();
    for number in 1..=6 {
        let solution = fs::read_to_string(
            root.join(format!("listings/ch07-onboarding/exercise-{number}.rs")),
        )
        .unwrap();
        let path = root.join(format!("exercises/exercise-{number}.rs"));
        let starter = starter_from(&solution);
        if std::env::var_os("BLESS").is_some() {
            fs::write(&path, &starter).unwrap();
        }
        if fs::read_to_string(&path).unwrap_or_default() != starter {
            stale.push(path.strip_prefix(root).unwrap().display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "starters out of date with their solutions (run `BLESS=1 cargo test --test onboarding`): {}",
        stale.join(", ")
    );
}

/// The starter: the solution regions removed, the starter regions uncommented.
fn starter_from(solution: &str) -> String {
    let mut starter = String::new();
    let mut in_solution = false;
    for line in solution.lines() {
        let code = line.trim();
        match code {
            "// ANCHOR: solution" => in_solution = true,
            "// ANCHOR_END: solution" => in_solution = false,
            "/* STARTER" | "*/" => {}
            _ if in_solution || code.starts_with("// ANCHOR") => {}
            _ => {
                starter.push_str(line);
                starter.push('\n');
            }
        }
    }
    starter
}
