// Listing 7-9: a pinned Notified reused in a select! loop must be re-armed
// with set() after it fires, or it fires on every turn.
use std::pin::pin;
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::{Instant, sleep};

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let bell = Notify::new();
    bell.notify_one(); // one ring
    // ANCHOR: shown
    let start = Instant::now();
    let mut rung = pin!(bell.notified());
    let mut turns = 0;
    for _ in 0..1_000 {
        tokio::select! {
            _ = rung.as_mut() => {
                turns += 1;
                rung.set(bell.notified()); // re-arm: wait for the NEXT ring
            }
            _ = sleep(Duration::from_secs(1)) => break,
        }
    }
    println!("turns handling a ring: {turns}");
    println!("time spent waiting: {} s", start.elapsed().as_secs());
    // ANCHOR_END: shown
}
