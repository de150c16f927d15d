//! Exercise 1: fix a lost wake-up.
//!
//! `StartSignal` lets `main` give one worker the go-ahead. It works when the
//! worker is already waiting, and loses the go-ahead when it is not.
//! Fix `go` so that the go-ahead is never lost.
//!
//! Check your work: cargo test --test exercises exercise_1
use tokio::sync::Notify;

#[derive(Default)]
pub struct StartSignal {
    bell: Notify,
}

impl StartSignal {
    /// Waits for the go-ahead.
    pub async fn wait(&self) {
        self.bell.notified().await;
    }

    /// Gives the go-ahead to the worker, whether it waits already or not.
    pub fn go(&self) {
        // ANCHOR: solution
        self.bell.notify_one(); // a permit if nobody waits yet
        // ANCHOR_END: solution
        /* STARTER
        self.bell.notify_waiters();
        */
    }
}

fn main() {
    println!(
        "Exercise 1: check your work with `cargo test --test exercises exercise_1`"
    );
}
