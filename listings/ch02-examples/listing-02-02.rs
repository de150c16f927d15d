// Listing 2-2: broken twin of Listing 2-1. notify_waiters() reaches only the
// waits that exist when it is called, and keeps nothing for later ones.
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::timeout;

pub async fn worker(start: Arc<Notify>) -> &'static str {
    start.notified().await;
    "worker: started"
}

// ANCHOR: go
/// BROKEN: if the worker is not waiting yet, this go-ahead is lost.
pub fn go(start: &Notify) {
    start.notify_waiters();
}
// ANCHOR_END: go

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Arc::new(Notify::new());
    let handle = tokio::spawn(worker(Arc::clone(&start)));

    println!("main: setting up (the worker has not run yet)");
    go(&start);
    println!("main: gave the go-ahead");

    // Time is paused, so this "10 s" passes instantly.
    match timeout(Duration::from_secs(10), handle).await {
        Ok(done) => println!("{}", done.unwrap()),
        Err(_) => println!("main: the worker is still waiting after 10 s"),
    }
}
