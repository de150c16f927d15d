// Listing 2-4: broken twin. Listing 2-3's queue with TWO consumers loses a
// wake-up when both look before either waits. The race needs two threads at
// the wrong instant; main replays it one step at a time, so it happens on
// every run.
use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::timeout;

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

    /// Listing 2-3's `pop`, BROKEN with several consumers: between `try_pop`
    /// and the first poll of `notified()`, this consumer is not registered.
    /// `main` does not call it: it replays its steps by hand.
    pub async fn pop(&self) -> T {
        loop {
            if let Some(item) = self.try_pop() {
                return item;
            }
            self.bell.notified().await;
        }
    }
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let queue = Queue::default();
    // ANCHOR: replay
    // Each line is one step of `pop` or `push`, in the unlucky order.
    println!("A: try_pop() -> {:?}", queue.try_pop());
    println!("B: try_pop() -> {:?}", queue.try_pop());
    queue.push(1);
    println!("producer: push(1): nobody registered, a permit is stored");
    queue.push(2);
    println!("producer: push(2): the permit is already there");

    queue.bell.notified().await;
    println!(
        "A: notified() took the permit; try_pop() -> {:?}",
        queue.try_pop()
    );
    match timeout(Duration::from_secs(10), queue.bell.notified()).await {
        Ok(()) => println!("B: woke up"),
        Err(_) => println!("B: still asleep after 10 s"),
    }
    println!("left in the queue: {:?}", queue.items.lock().unwrap());
    // ANCHOR_END: replay
}
