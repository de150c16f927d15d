//! Exercise 2: a countdown for one waiter.
//!
//! `Countdown::new(n)` starts at `n`. Each worker calls `count_down()` once
//! when it finishes; one task calls `wait()`, which returns as soon as the
//! count is zero. Implement `count_down` and `wait` with the atomic and the
//! `Notify`. Only one task ever waits.
//!
//! Check your work: cargo test --test exercises exercise_2
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::Notify;

pub struct Countdown {
    pub left: AtomicUsize,
    pub zero: Notify,
}

impl Countdown {
    pub fn new(count: usize) -> Self {
        Countdown {
            left: AtomicUsize::new(count),
            zero: Notify::new(),
        }
    }

    /// One worker is done.
    pub fn count_down(&self) {
        todo!("count down, and ring once the count reaches zero")
    }

    /// Returns once every worker is done.
    pub async fn wait(&self) {
        todo!("return once the count is zero")
    }
}

fn main() {
    println!(
        "Exercise 2: check your work with `cargo test --test exercises exercise_2`"
    );
}
