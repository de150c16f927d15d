// Listing 2-7: broken twin of Listing 2-6's wait(). It checks the flag
// BEFORE creating the Notified, so a stop() in between reaches nobody. main
// replays the unlucky order one step at a time.
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::timeout;

#[derive(Default)]
pub struct Stop {
    pub stopped: AtomicBool,
    pub bell: Notify,
}

impl Stop {
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::Release);
        self.bell.notify_waiters();
    }

    pub fn is_stopped(&self) -> bool {
        self.stopped.load(Ordering::Acquire)
    }

    // ANCHOR: shown
    /// BROKEN: check, THEN create.
    pub async fn wait(&self) {
        while !self.is_stopped() {
            self.bell.notified().await;
        }
    }
    // ANCHOR_END: shown
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let stop = Stop::default();
    // ANCHOR: shown
    // The two steps of `wait`, with a stop() between them.
    println!("worker: is_stopped() -> {}", stop.is_stopped());
    stop.stop();
    println!("main:   stop(): flag set, notify_waiters() reaches no one");
    let asleep = timeout(Duration::from_secs(10), stop.bell.notified()).await;
    if asleep.is_err() {
        println!("worker: notified().await: still asleep after 10 s");
    }
    println!("the flag says stopped = {}", stop.is_stopped());
    // ANCHOR_END: shown
}
