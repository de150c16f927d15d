//! Exercise 9: a safety net around a wait.
//!
//! `wait_for` waits until `check` finds what the caller is waiting for, and
//! returns it. It looks first, then after every wake-up of `bell`. Because a
//! producer somewhere may forget to ring (a lost wake-up), it also looks
//! again after every `period` without a wake-up, and counts those re-checks
//! in `rechecks` (a real service would log each one).
//!
//! Check your work: cargo test --test exercises exercise_9
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use tokio::sync::Notify;

pub async fn wait_for<T>(
    bell: &Notify,
    period: Duration,
    rechecks: &AtomicU32,
    mut check: impl FnMut() -> Option<T>,
) -> T {
    // ANCHOR: solution
    loop {
        if let Some(found) = check() {
            return found;
        }
        let rang = tokio::time::timeout(period, bell.notified()).await;
        if rang.is_err() {
            rechecks.fetch_add(1, Ordering::SeqCst); // and log it
        }
    }
    // ANCHOR_END: solution
    /* STARTER
    todo!("look; wait for the bell, but at most `period`; look again")
    */
}

fn main() {
    println!("Exercise 9: check your work with");
    println!("    cargo test --test exercises exercise_9");
}
