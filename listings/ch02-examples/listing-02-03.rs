// Listing 2-3: a queue with one consumer. The queue is the truth; the bell
// says "go and look".
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::sleep;

// ANCHOR: queue
#[derive(Default)]
pub struct Queue<T> {
    pub items: Mutex<VecDeque<T>>,
    pub bell: Notify,
}

impl<T> Queue<T> {
    pub fn push(&self, item: T) {
        self.items.lock().unwrap().push_back(item);
        self.bell.notify_one();
    }

    pub fn try_pop(&self) -> Option<T> {
        self.items.lock().unwrap().pop_front()
    }

    /// For ONE consumer at a time (see Listing 2-4).
    pub async fn pop(&self) -> T {
        loop {
            if let Some(item) = self.try_pop() {
                return item;
            }
            self.bell.notified().await;
        }
    }
}
// ANCHOR_END: queue

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let queue = Arc::new(Queue::default());
    let consumer = tokio::spawn({
        let queue = Arc::clone(&queue);
        async move {
            for _ in 0..3 {
                let item: &str = queue.pop().await;
                println!("consumer: got {item}");
            }
        }
    });

    for item in ["one", "two", "three"] {
        sleep(Duration::from_millis(10)).await;
        println!("producer: push {item}");
        queue.push(item);
    }
    consumer.await.unwrap();
}
