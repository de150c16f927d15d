// Listing 7-9: a pinned Notified reused in a select! loop must be re-armed
// with set() after it fires, or it fires on every turn.
use std::pin::pin;
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::{Instant, sleep};

// ANCHOR: shown
/// Handles rings on `bell` until a second passes without one (or 1,000
/// turns); returns how many turns handled a ring.
pub async fn handle_rings(bell: &Notify) -> u32 {
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
    turns
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let bell = Notify::new();
    bell.notify_one(); // one ring
    // ANCHOR: shown
    let start = Instant::now();
    let turns = handle_rings(&bell).await;
    println!("turns handling a ring: {turns}");
    println!("time spent waiting: {} s", start.elapsed().as_secs());
    // ANCHOR_END: shown
}
