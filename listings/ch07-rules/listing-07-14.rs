// Listing 7-14: notified_owned() gives a future that owns a share of the
// Notify, so it can go into a spawned task.
use std::sync::Arc;

use tokio::sync::Notify;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: shown
    let bell = Arc::new(Notify::new());
    let mut tasks = Vec::new();
    for id in 0..3 {
        // Created now, before the broadcast: no yield needed.
        let waiting = Arc::clone(&bell).notified_owned();
        tasks.push(tokio::spawn(async move {
            waiting.await;
            id
        }));
    }
    bell.notify_waiters();
    for task in tasks {
        println!("task {} woke", task.await.unwrap());
    }
    // ANCHOR_END: shown
}
