// Listing 2-5: a queue with several consumers. Each consumer registers with
// enable() BEFORE it looks, so a push can never fall between the look and the
// wait.
use std::collections::VecDeque;
use std::pin::pin;
use std::sync::{Arc, Mutex};

use tokio::sync::Notify;

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

    // ANCHOR: shown
    /// Safe for any number of consumers.
    pub async fn pop(&self) -> T {
        let mut notified = pin!(self.bell.notified());
        loop {
            // 1. Take a place in the queue of waiters: from now on, a
            //    notify_one() picks this future (or the oldest before it).
            notified.as_mut().enable();
            // 2. Only then look.
            if let Some(item) = self.try_pop() {
                return item;
            }
            // 3. Wait. A push since step 1 has already picked the oldest
            //    registered waiter, perhaps us.
            notified.as_mut().await;
            // 4. Someone may have taken the item first: new future, go round.
            notified.set(self.bell.notified());
        }
    }
    // ANCHOR_END: shown
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: shown
    let queue = Arc::new(Queue::default());
    let consumers: Vec<_> = ["A", "B"]
        .into_iter()
        .map(|name| {
            let queue = Arc::clone(&queue);
            tokio::spawn(
                async move { format!("{name} got {}", queue.pop().await) },
            )
        })
        .collect();
    tokio::task::yield_now().await; // both are now waiting

    queue.push(1);
    queue.push(2);
    for consumer in consumers {
        println!("{}", consumer.await.unwrap());
    }
    // ANCHOR_END: shown
}
