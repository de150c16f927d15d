//! Exercise 5: graceful shutdown.
//!
//! `Service` runs workers that, when told to stop, need 10 ms to clean up.
//! Implement `spawn_worker` and `shutdown` with a `CancellationToken` and a
//! `TaskTracker`, so that `shutdown` returns only after every worker has
//! finished cleaning up.
//!
//! Check your work: cargo test --test exercises exercise_5
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

#[derive(Default)]
pub struct Service {
    stop: CancellationToken,
    tracker: TaskTracker,
    /// How many workers have finished cleaning up.
    pub cleaned_up: Arc<AtomicU32>,
}

impl Service {
    /// Starts a worker: it waits until told to stop, then cleans up
    /// (`tokio::time::sleep` for 10 ms) and adds one to `cleaned_up`.
    pub fn spawn_worker(&self) {
        // ANCHOR: solution
        let stop = self.stop.clone();
        let cleaned_up = Arc::clone(&self.cleaned_up);
        self.tracker.spawn(async move {
            stop.cancelled().await;
            tokio::time::sleep(Duration::from_millis(10)).await;
            cleaned_up.fetch_add(1, Ordering::Release);
        });
        // ANCHOR_END: solution
        /* STARTER
        todo!("spawn a tracked task that waits for the stop, then cleans up")
        */
    }

    /// Tells every worker to stop and returns when all have cleaned up.
    pub async fn shutdown(&self) {
        // ANCHOR: solution
        self.stop.cancel(); // ask
        self.tracker.close(); // no more workers
        self.tracker.wait().await; // and wait
        // ANCHOR_END: solution
        /* STARTER
        todo!("ask every worker to stop, then wait for all of them")
        */
    }
}

fn main() {
    println!(
        "Exercise 5: check your work with `cargo test --test exercises exercise_5`"
    );
}
