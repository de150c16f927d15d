// Listing 10-1: Notify. Wake a worker when shared state changes.
use std::sync::{Arc, Mutex};

use tokio::sync::Notify;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: shown
    let dirty = Arc::new((Mutex::new(Vec::new()), Notify::new()));
    let flusher = tokio::spawn({
        let dirty = Arc::clone(&dirty);
        async move {
            loop {
                let pages: Vec<u32> =
                    std::mem::take(&mut *dirty.0.lock().unwrap());
                if !pages.is_empty() {
                    return pages; // flush them
                }
                dirty.1.notified().await;
            }
        }
    });
    dirty.0.lock().unwrap().extend([7, 9]);
    dirty.1.notify_one();
    println!("flushed pages {:?}", flusher.await.unwrap());
    // ANCHOR_END: shown
}
