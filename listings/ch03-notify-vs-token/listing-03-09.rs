// Listing 3-9: cancel, then wait: a TaskTracker knows when every task it
// spawned has finished.
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use tokio::time::sleep;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

/// Counts the cleanups that ran, for a caller that wants to check.
pub static CLEANED_UP: AtomicU32 = AtomicU32::new(0);

pub async fn worker(id: u32, stop: CancellationToken) {
    stop.cancelled().await;
    sleep(Duration::from_millis(50 * u64::from(id + 1))).await; // cleanup
    println!("worker {id}: cleaned up");
    CLEANED_UP.fetch_add(1, Ordering::Relaxed);
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    shut_down(CancellationToken::new()).await;
}

// ANCHOR: shown
pub async fn shut_down(stop: CancellationToken) {
    let tracker = TaskTracker::new();
    for id in 0..3 {
        tracker.spawn(worker(id, stop.clone()));
    }
    stop.cancel(); // 1. ask every task to stop
    tracker.close(); // 2. no more tasks will be added
    tracker.wait().await; // 3. wait until they all have
    println!("main: all workers finished, returning");
}
// ANCHOR_END: shown
