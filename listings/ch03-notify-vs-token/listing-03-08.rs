// Listing 3-8: broken twin. Cancelling is asking, not waiting: main returns
// before the workers finish cleaning up, and their cleanup never runs.
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use tokio::time::sleep;
use tokio_util::sync::CancellationToken;

/// Counts the cleanups that ran, for a caller that wants to check.
pub static CLEANED_UP: AtomicU32 = AtomicU32::new(0);

pub async fn worker(id: u32, stop: CancellationToken) {
    stop.cancelled().await;
    sleep(Duration::from_millis(50)).await; // flush buffers, say goodbye
    println!("worker {id}: cleaned up");
    CLEANED_UP.fetch_add(1, Ordering::Relaxed);
}

// ANCHOR: shown
pub async fn shut_down(stop: CancellationToken) {
    for id in 0..3 {
        tokio::spawn(worker(id, stop.clone()));
    }
    stop.cancel();
    println!("main: cancelled, returning"); // BROKEN: nobody waits
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    shut_down(CancellationToken::new()).await;
}
