// Listing 10-7: Semaphore. At most two at a time.
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;
use tokio::time::{Instant, sleep};

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    // ANCHOR: shown
    let slots = Arc::new(Semaphore::new(2));
    let mut tasks = Vec::new();
    for id in 0..4 {
        let slots = Arc::clone(&slots);
        tasks.push(tokio::spawn(async move {
            let _slot = slots.acquire().await.unwrap();
            sleep(Duration::from_millis(100)).await; // the limited work
            (id, start.elapsed().as_millis())
        }));
    }
    for task in tasks {
        let (id, at) = task.await.unwrap();
        println!("task {id} done at {at} ms");
    }
    // ANCHOR_END: shown
}
