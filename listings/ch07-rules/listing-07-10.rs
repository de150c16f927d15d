// Listing 7-10: broken twin of Listing 7-9. Without set(), the completed
// future is ready on every turn: the loop spins.
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
            _ = rung.as_mut() => turns += 1, // BROKEN: never re-armed
            _ = sleep(Duration::from_secs(1)) => break,
        }
    }
    println!("turns handling a ring: {turns}");
    println!("time spent waiting: {} s", start.elapsed().as_secs());
    // ANCHOR_END: shown
}
