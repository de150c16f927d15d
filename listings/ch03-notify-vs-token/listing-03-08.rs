// Listing 3-8: broken twin. Cancelling is asking, not waiting: main returns
// before the workers finish cleaning up, and their cleanup never runs.
use std::time::Duration;

use tokio::time::sleep;
use tokio_util::sync::CancellationToken;

async fn worker(id: u32, stop: CancellationToken) {
    stop.cancelled().await;
    sleep(Duration::from_millis(50)).await; // flush buffers, say goodbye
    println!("worker {id}: cleaned up");
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // ANCHOR: shown
    let stop = CancellationToken::new();
    for id in 0..3 {
        tokio::spawn(worker(id, stop.clone()));
    }
    stop.cancel();
    println!("main: cancelled, returning"); // BROKEN: nobody waits
    // ANCHOR_END: shown
}
