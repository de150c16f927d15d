// Listing 3-3: broken twin. A CancellationToken as a recurring "config
// changed" signal: it fires once, and then it is fired forever.
use std::time::Duration;

use tokio::time::{Instant, sleep};
use tokio_util::sync::CancellationToken;

// ANCHOR: shown
/// Reloads the config each time it changes; counts the reloads.
pub async fn reloader(changed: CancellationToken) -> u32 {
    let mut reloads = 0;
    while reloads < 1_000 {
        changed.cancelled().await; // BROKEN: stays fired
        reloads += 1;
    }
    reloads
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // ANCHOR: shown
    let start = Instant::now();
    let changed = CancellationToken::new();
    let reloader = tokio::spawn(reloader(changed.clone()));

    sleep(Duration::from_millis(10)).await;
    changed.cancel(); // the config changed, once
    let reloads = reloader.await.unwrap();
    println!("one change, {reloads} reloads (stopped by the loop bound)");
    println!("time spent: {} ms", start.elapsed().as_millis());
    // ANCHOR_END: shown
}
