//! Exercise 1: one go-ahead for two workers.
//!
//! `StartSignal` lets `main` tell every worker "go", whether the worker is
//! already waiting or starts waiting later. This version rings
//! `notify_one()` once per worker. Find the case in which a worker never
//! starts, and fix `StartSignal` (its fields may change).
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

    /// Gives the go-ahead to both workers.
    pub fn go(&self) {
        self.bell.notify_one(); // one ring for each of the two workers
        self.bell.notify_one();
    }
}

fn main() {
    println!(
        "Exercise 1: check your work with `cargo test --test exercises exercise_1`"
    );
}
