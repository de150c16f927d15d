//! Exercise 2: a queue with one consumer.
//!
//! Implement `push` and `pop`. `pop` returns the oldest item, waiting for
//! one if the queue is empty. Only one task calls `pop` at a time.
//!
//! Check your work: cargo test --test exercises exercise_2
use std::collections::VecDeque;
use std::sync::Mutex;

use tokio::sync::Notify;

pub struct Queue<T> {
    pub items: Mutex<VecDeque<T>>,
    pub bell: Notify,
}

impl<T> Default for Queue<T> {
    fn default() -> Self {
        Queue {
            items: Mutex::new(VecDeque::new()),
            bell: Notify::new(),
        }
    }
}

impl<T> Queue<T> {
    /// Adds an item at the back and wakes the consumer.
    pub fn push(&self, item: T) {
        // ANCHOR: solution
        self.items.lock().unwrap().push_back(item); // the truth first
        self.bell.notify_one(); // then the ring
        // ANCHOR_END: solution
        /* STARTER
        todo!("store the item, then wake the consumer")
        */
    }

    /// Takes the oldest item, waiting for one if there is none.
    pub async fn pop(&self) -> T {
        // ANCHOR: solution
        loop {
            if let Some(item) = self.items.lock().unwrap().pop_front() {
                return item;
            }
            self.bell.notified().await; // a ring, or a permit left by one
        }
        // ANCHOR_END: solution
        /* STARTER
        todo!("look, and wait only if there is nothing")
        */
    }
}

fn main() {
    println!(
        "Exercise 2: check your work with `cargo test --test exercises exercise_2`"
    );
}
