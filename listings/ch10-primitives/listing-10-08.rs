// Listing 10-8: TaskTracker. Wait until every task has finished.
use std::time::Duration;

use tokio::time::sleep;
use tokio_util::task::TaskTracker;

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // ANCHOR: shown
    let tracker = TaskTracker::new();
    for ms in [30, 10, 20] {
        tracker.spawn(async move {
            sleep(Duration::from_millis(ms)).await;
            println!("task of {ms} ms: done");
        });
    }
    tracker.close();
    tracker.wait().await;
    println!("all tasks finished");
    // ANCHOR_END: shown
}
