// Listing 3-1: broken twin. A bare Notify as a shutdown signal: a task that
// starts waiting after the broadcast never hears it.
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::timeout;

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // ANCHOR: shown
    let shutdown = Arc::new(Notify::new());
    shutdown.notify_waiters(); // "everybody stop!"

    // A worker that starts a moment later:
    let late = tokio::spawn({
        let shutdown = Arc::clone(&shutdown);
        async move { shutdown.notified().await }
    });
    match timeout(Duration::from_secs(10), late).await {
        Ok(_) => println!("late worker: stopped"),
        Err(_) => println!("late worker: still running after 10 s"),
    }
    // ANCHOR_END: shown
}
