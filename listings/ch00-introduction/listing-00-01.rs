// Listing 0-1: a task waits at a doorbell that carries no data.
use std::sync::Arc;

use tokio::sync::Notify;

// ANCHOR: doorbell
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let doorbell = Arc::new(Notify::new());

    let worker = tokio::spawn({
        let doorbell = Arc::clone(&doorbell);
        async move {
            println!("worker: waiting at the door");
            doorbell.notified().await;
            println!("worker: the bell rang, going to look");
        }
    });

    tokio::task::yield_now().await; // hand the thread to the worker once
    println!("main: ringing the bell");
    doorbell.notify_one();

    worker.await.unwrap();
    println!("main: done");
}
// ANCHOR_END: doorbell
