// Listing 5-5: broken twin of the drain in Listing 5-4. It waits for every
// connection, however long that takes: one client that never finishes its
// request holds the shutdown forever, until the platform kills the process
// without a word.
use std::time::Duration;

use tokio::time::timeout;
use tokio_util::task::TaskTracker;

// ANCHOR: shown
/// BROKEN: no deadline.
pub async fn drain(tracker: &TaskTracker) {
    tracker.close();
    tracker.wait().await;
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let tracker = TaskTracker::new();
    // A connection whose request never ends.
    tracker.spawn(std::future::pending::<()>());
    let hour = Duration::from_secs(3600);
    match timeout(hour, drain(&tracker)).await {
        Ok(()) => println!("drained"),
        Err(_) => println!("still draining after {hour:?} (paused clock)"),
    }
}
