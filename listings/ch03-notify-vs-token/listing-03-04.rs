// Listing 3-4: the recurring signal with a Notify: each change wakes the
// reloader once, and it then waits for the next.
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::sleep;

// ANCHOR: shown
/// Reloads the config each time it changes, three times. No state check is
/// needed: a reload always reads the newest config, so a stale permit
/// costs one spare reload at most.
pub async fn reloader(changed: Arc<Notify>) {
    for reload in 1..=3 {
        changed.notified().await;
        println!("reload {reload}");
    }
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // ANCHOR: shown
    let changed = Arc::new(Notify::new());
    let reloader = tokio::spawn(reloader(Arc::clone(&changed)));

    for _ in 0..3 {
        sleep(Duration::from_millis(10)).await;
        changed.notify_one(); // the config changed
    }
    reloader.await.unwrap();
    // ANCHOR_END: shown
}
