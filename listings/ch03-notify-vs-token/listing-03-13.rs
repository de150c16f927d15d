// Listing 3-13: dropping a JoinHandle detaches the task: it runs on.
// Dropping an AbortOnDropHandle (tokio-util 0.7.12) aborts it.
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use tokio::time::sleep;
use tokio_util::task::AbortOnDropHandle;

// ANCHOR: shown
/// A background task that beats every 10 ms, forever.
pub async fn heartbeat(beats: Arc<AtomicU32>) {
    loop {
        sleep(Duration::from_millis(10)).await;
        beats.fetch_add(1, Ordering::Release);
    }
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let (plain, guarded) = (Arc::default(), Arc::default());
    // ANCHOR: shown
    let handle = tokio::spawn(heartbeat(Arc::clone(&plain)));
    let guard =
        AbortOnDropHandle::new(tokio::spawn(heartbeat(Arc::clone(&guarded))));
    sleep(Duration::from_millis(35)).await;
    drop(handle); // detaches: the task runs on
    drop(guard); // aborts the task
    sleep(Duration::from_millis(100)).await;
    // ANCHOR_END: shown
    let beats = |count: &Arc<AtomicU32>| count.load(Ordering::Acquire);
    println!(
        "JoinHandle dropped at 35 ms:        {} beats",
        beats(&plain)
    );
    println!(
        "AbortOnDropHandle dropped at 35 ms: {} beats",
        beats(&guarded)
    );
}
