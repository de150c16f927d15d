// Listing 2-1: a start signal for one task, with notify_one.
use std::sync::Arc;

use tokio::sync::Notify;

// ANCHOR: shown
/// Waits for the go-ahead, then works.
pub async fn worker(start: Arc<Notify>) -> &'static str {
    start.notified().await;
    "worker: started"
}

/// Gives the go-ahead. Kept as a permit if the worker is not waiting yet.
pub fn go(start: &Notify) {
    start.notify_one();
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: shown
    let start = Arc::new(Notify::new());
    let handle = tokio::spawn(worker(Arc::clone(&start)));

    println!("main: setting up (the worker has not run yet)");
    go(&start);
    println!("main: gave the go-ahead");

    println!("{}", handle.await.unwrap());
    // ANCHOR_END: shown
}
