//! Exercise 3: register before you look.
//!
//! `pop` below is correct for many consumers only if `register_then_look`
//! keeps its promise. Implement it.
//!
//! Check your work: cargo test --test exercises exercise_3
use std::collections::VecDeque;
use std::pin::{Pin, pin};
use std::sync::Mutex;

use tokio::sync::Notify;
use tokio::sync::futures::Notified;

/// Looks for something with `look`, in such a way that, if `look` finds
/// nothing, awaiting `waiter` afterwards cannot miss a `notify_one()` that
/// happened at or after the look.
pub fn register_then_look<T>(
    waiter: Pin<&mut Notified<'_>>,
    look: impl FnOnce() -> Option<T>,
) -> Option<T> {
    // ANCHOR: solution
    waiter.enable(); // join the queue of waiters first...
    look() // ...then look: a ring from now on picks a registered waiter
    // ANCHOR_END: solution
    /* STARTER
    todo!("make `waiter` eligible for notify_one(), then look")
    */
}

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
    pub fn push(&self, item: T) {
        self.items.lock().unwrap().push_back(item);
        self.bell.notify_one();
    }

    /// Safe for any number of consumers, given `register_then_look`.
    pub async fn pop(&self) -> T {
        let mut waiter = pin!(self.bell.notified());
        loop {
            let look = || self.items.lock().unwrap().pop_front();
            if let Some(item) = register_then_look(waiter.as_mut(), look) {
                return item;
            }
            waiter.as_mut().await;
            waiter.set(self.bell.notified());
        }
    }
}

fn main() {
    println!(
        "Exercise 3: check your work with `cargo test --test exercises exercise_3`"
    );
}
