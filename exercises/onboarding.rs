//! The exercises keep their promise: every solution passes all its checks,
//! and every starter, as a reader gets it, fails them with the message its
//! checks name (`STARTER_FAILS_WITH`): a starter that passes teaches nothing.
//! (That each starter is generated from its solution is checked with the
//! other generated files, in `tests/book/generated.rs`.)

#[path = "../tests/proofs/support.rs"]
#[allow(dead_code)]
mod support;

include!("checks.rs");

macro_rules! both_versions {
    ($($module:ident: $starter:literal, $solution:literal => $checks:ident;)*) => {
        // Inline modules: `#[path = "."]` keeps the paths relative to this folder.
        #[path = "."]
        mod starters {
            $(
                #[path = $starter]
                #[allow(dead_code, unused)]
                pub mod $module;
            )*
        }
        #[path = "."]
        mod solutions {
            $(
                #[path = $solution]
                #[allow(dead_code, unused)]
                pub mod $module;
            )*
        }
        mod starter_checks {
            $($checks!($checks, crate::starters::$module);)*
        }
        mod solution_checks {
            $($checks!($checks, crate::solutions::$module);)*
        }
        /// (name, checks of the starter, checks of the solution, what the
        /// starter must fail with).
        fn exercises() -> Vec<(&'static str, Vec<(&'static str, fn())>, Vec<(&'static str, fn())>, &'static str)> {
            vec![$((
                stringify!($module),
                starter_checks::$checks::checks(),
                solution_checks::$checks::checks(),
                starter_checks::$checks::STARTER_FAILS_WITH,
            )),*]
        }
    };
}
for_each_exercise!(both_versions);

#[test]
fn every_solution_passes_all_its_checks() {
    let mut problems = house::Problems::new();
    for (name, _, solution, _) in exercises() {
        for (check, why) in failures(solution) {
            problems.push(format!("{name}: the solution fails {check}: {why}"));
        }
    }
    problems.assert_none("solutions that do not solve their exercise:");
}

#[test]
fn every_starter_fails_its_checks_in_the_expected_way() {
    let mut problems = house::Problems::new();
    for (name, starter, _, expected) in exercises() {
        let failed = failures(starter);
        if failed.is_empty() {
            problems.push(format!("{name}: the starter passes every check"));
        }
        for (check, why) in failed {
            if !why.contains(expected) {
                problems.push(format!(
                    "{name}: {check} failed with \"{why}\", expected \"{expected}\""
                ));
            }
        }
    }
    problems.assert_none("starters that do not fail as their exercise says:");
}

/// The body of the `fn` whose signature line is `signature`, found after
/// `after` in `source`, one trimmed line each.
fn body_of<'a>(source: &'a str, after: &str, signature: &str) -> Vec<&'a str> {
    let start = source.find(after).unwrap_or_else(|| panic!("no `{after}`"));
    let mut lines = source[start..].lines();
    let head = lines
        .find(|l| l.trim() == signature)
        .unwrap_or_else(|| panic!("no `{signature}` after `{after}`"));
    let end = format!("{}}}", &head[..head.len() - head.trim_start().len()]);
    lines.take_while(|l| *l != end).map(str::trim).collect()
}

/// Exercise 7 runs the reader's test on Listing 2-4's and Listing 2-5's
/// queues: their `pop` must stay word for word the listings' own.
#[test]
fn exercise_7_queues_pop_exactly_as_listings_2_4_and_2_5_do() {
    let exercise = include_str!("../listings/ch06-exercises/exercise-7.rs");
    for (listing, queue) in [
        (
            include_str!("../listings/ch02-examples/listing-02-04.rs"),
            "impl Broken {",
        ),
        (
            include_str!("../listings/ch02-examples/listing-02-05.rs"),
            "impl Fixed {",
        ),
    ] {
        let shown = body_of(
            listing,
            "impl<T> Queue<T> {",
            "pub async fn pop(&self) -> T {",
        );
        let copy = body_of(exercise, queue, "pub async fn pop(&self) -> u32 {");
        assert!(!shown.is_empty());
        assert_eq!(
            copy, shown,
            "exercise 7's {queue} pop differs from its listing's"
        );
    }
}
