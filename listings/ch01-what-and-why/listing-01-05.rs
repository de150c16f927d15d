// Listing 1-5: three rings with nobody waiting. A Notify keeps one permit;
// a Semaphore used as a doorbell counts all three.
use std::time::Duration;

use tokio::sync::{Notify, Semaphore};
use tokio::time::timeout;

// ANCHOR: shown
/// How many waits return at once before one would have to sleep.
pub async fn waits_that_return(bell: &Notify) -> u32 {
    let mut returned = 0;
    while timeout(Duration::from_secs(1), bell.notified())
        .await
        .is_ok()
    {
        returned += 1;
    }
    returned
}

/// The same for a Semaphore: each ring is a permit, each wait takes one.
pub async fn acquires_that_return(counter: &Semaphore) -> u32 {
    let mut returned = 0;
    while let Ok(Ok(permit)) =
        timeout(Duration::from_secs(1), counter.acquire()).await
    {
        permit.forget(); // used up, not given back
        returned += 1;
    }
    returned
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // ANCHOR: shown
    let bell = Notify::new();
    let counter = Semaphore::new(0);
    for _ in 0..3 {
        bell.notify_one(); // a permit, unless one is stored already
        counter.add_permits(1); // one more permit, every time
    }
    let notify = waits_that_return(&bell).await;
    let semaphore = acquires_that_return(&counter).await;
    println!("Notify:    3 rings, {notify} wait(s) returned at once");
    println!("Semaphore: 3 rings, {semaphore} wait(s) returned at once");
    // ANCHOR_END: shown
}
