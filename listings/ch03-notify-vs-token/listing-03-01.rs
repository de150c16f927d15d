// Listing 3-1: broken twin. A bare Notify as a shutdown signal: a task that
// starts waiting after the broadcast never hears it.
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::timeout;

// ANCHOR: shown
/// BROKEN: reaches only the waits that exist right now.
pub fn shut_down(shutdown: &Notify) {
    shutdown.notify_waiters(); // "everybody stop!"
}

pub async fn worker(shutdown: Arc<Notify>) {
    shutdown.notified().await; // then clean up and return
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // ANCHOR: shown
    let shutdown = Arc::new(Notify::new());
    shut_down(&shutdown);

    // A worker that starts a moment later:
    let late = tokio::spawn(worker(Arc::clone(&shutdown)));
    match timeout(Duration::from_secs(10), late).await {
        Ok(_) => println!("late worker: stopped"),
        Err(_) => println!("late worker: still running after 10 s"),
    }
    // ANCHOR_END: shown
}
