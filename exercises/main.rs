//! Your exercises (chapter 7 of the book). Edit `exercises/exercise-N.rs`,
//! replacing each `todo!()` (or fixing the bug), then check your work:
//!
//!     cargo test --test exercises exercise_1
//!
//! `cargo test --test exercises` checks them all. (The book's own tests do
//! not run this file: your half-done exercises never break them.)

#[path = "../tests/proofs/support.rs"]
#[allow(dead_code)]
mod support;

include!("checks.rs");

#[path = "exercise-1.rs"]
#[allow(dead_code, unused)]
mod exercise_1_code;
#[path = "exercise-2.rs"]
#[allow(dead_code, unused)]
mod exercise_2_code;
#[path = "exercise-3.rs"]
#[allow(dead_code, unused)]
mod exercise_3_code;
#[path = "exercise-4.rs"]
#[allow(dead_code, unused)]
mod exercise_4_code;
#[path = "exercise-5.rs"]
#[allow(dead_code, unused)]
mod exercise_5_code;
#[path = "exercise-6.rs"]
#[allow(dead_code, unused)]
mod exercise_6_code;

exercise_1_checks!(checks_1, crate::exercise_1_code);
exercise_2_checks!(checks_2, crate::exercise_2_code);
exercise_3_checks!(checks_3, crate::exercise_3_code);
exercise_4_checks!(checks_4, crate::exercise_4_code);
exercise_5_checks!(checks_5, crate::exercise_5_code);
exercise_6_checks!(checks_6, crate::exercise_6_code);

#[test]
fn exercise_1() {
    run_checks("exercise 1 (fix a lost wake-up)", checks_1::checks());
}

#[test]
fn exercise_2() {
    run_checks("exercise 2 (a queue with one consumer)", checks_2::checks());
}

#[test]
fn exercise_3() {
    run_checks("exercise 3 (register before you look)", checks_3::checks());
}

#[test]
fn exercise_4() {
    run_checks("exercise 4 (a fair baton)", checks_4::checks());
}

#[test]
fn exercise_5() {
    run_checks("exercise 5 (graceful shutdown)", checks_5::checks());
}

#[test]
fn exercise_6() {
    run_checks(
        "exercise 6 (a configuration readers wait on)",
        checks_6::checks(),
    );
}
