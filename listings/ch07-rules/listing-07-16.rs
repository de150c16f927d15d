// Listing 7-16: a Notified that is ready does not count against tokio's
// cooperative budget, so a loop of them never yields to other tasks.
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::{Notify, mpsc};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: shown
    let other_ran = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&other_ran);
    tokio::spawn(async move { flag.store(true, Ordering::Release) });

    let bell = Notify::new();
    for _ in 0..10_000 {
        bell.notify_one();
        bell.notified().await; // ready at once, every time
    }
    println!(
        "10,000 ready Notified: other task ran = {}",
        other_ran.load(Ordering::Acquire)
    );

    let (tx, mut rx) = mpsc::unbounded_channel();
    let flag = Arc::clone(&other_ran);
    other_ran.store(false, Ordering::Release);
    tokio::spawn(async move { flag.store(true, Ordering::Release) });
    for i in 0..10_000 {
        tx.send(i).unwrap();
        rx.recv().await; // ready at once, but spends budget
    }
    println!(
        "10,000 ready recv():     other task ran = {}",
        other_ran.load(Ordering::Acquire)
    );
    // ANCHOR_END: shown
}
