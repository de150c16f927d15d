// Listing 10-10: Barrier. Nobody passes until all three have arrived.
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Barrier;
use tokio::time::{Instant, sleep};

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    // ANCHOR: shown
    let barrier = Arc::new(Barrier::new(3));
    let tasks: Vec<_> = [30, 10, 20]
        .map(|ms| {
            let barrier = Arc::clone(&barrier);
            tokio::spawn(async move {
                sleep(Duration::from_millis(ms)).await; // getting ready
                barrier.wait().await;
                (ms, start.elapsed().as_millis())
            })
        })
        .into();
    for task in tasks {
        let (ready_at, passed_at) = task.await.unwrap();
        println!("ready at {ready_at} ms, passed at {passed_at} ms");
    }
    // ANCHOR_END: shown
}
