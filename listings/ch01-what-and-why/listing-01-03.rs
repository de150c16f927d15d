// Listing 1-3: the same consumer with a Notify. The inbox is the truth; the
// bell only says "go and look", and rings that pile up while the consumer is
// busy collapse into one.
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::sleep;

// ANCHOR: shown
#[derive(Default)]
pub struct Inbox {
    pub items: Mutex<Vec<u32>>,
    pub bell: Notify,
}

impl Inbox {
    pub fn push(&self, item: u32) {
        self.items.lock().unwrap().push(item); // 1. change the state
        self.bell.notify_one(); // 2. ring: "go and look"
    }

    pub async fn take_all(&self) -> Vec<u32> {
        loop {
            let items: Vec<u32> =
                self.items.lock().unwrap().drain(..).collect();
            if !items.is_empty() {
                return items;
            }
            self.bell.notified().await; // nothing there: sleep until a ring
        }
    }
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let inbox = Arc::new(Inbox::default());
    // ANCHOR: shown
    let consumer = tokio::spawn({
        let inbox = Arc::clone(&inbox);
        async move {
            let mut seen = 0;
            while seen < 4 {
                let items = inbox.take_all().await;
                println!("consumer: looked, took {items:?}");
                seen += items.len();
                sleep(Duration::from_millis(100)).await; // busy with them
            }
        }
    });

    for item in 1..=4 {
        inbox.push(item);
        sleep(Duration::from_millis(10)).await;
    }
    // ANCHOR_END: shown
    consumer.await.unwrap();
}
