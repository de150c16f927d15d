// Listing 1-2: a channel that carries nothing. One message per change means
// one wake-up per change, even when one look would have seen them all.
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::mpsc;
use tokio::time::sleep;

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let inbox = Arc::new(Mutex::new(Vec::new()));
    // ANCHOR: channel
    let (changed_tx, mut changed_rx) = mpsc::unbounded_channel::<()>();

    let consumer = tokio::spawn({
        let inbox = Arc::clone(&inbox);
        async move {
            while changed_rx.recv().await.is_some() {
                let items: Vec<u32> = inbox.lock().unwrap().drain(..).collect();
                println!("consumer: looked, took {items:?}");
                sleep(Duration::from_millis(100)).await; // busy with them
            }
        }
    });

    for item in 1..=4 {
        inbox.lock().unwrap().push(item);
        changed_tx.send(()).unwrap();
        sleep(Duration::from_millis(10)).await;
    }
    // ANCHOR_END: channel
    drop(changed_tx);
    consumer.await.unwrap();
}
