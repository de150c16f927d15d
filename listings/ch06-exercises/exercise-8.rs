//! Exercise 8: review with the checklist.
//!
//! A colleague wrote `Reloader` for one reader task that waits for new
//! configurations until it is stopped. Review it with the book's code-review
//! checklist, as you would a pull request, and fix every finding. Keep the
//! methods' signatures; you may add fields.
//!
//! Check your work: cargo test --test exercises exercise_8
use std::sync::Mutex;
// ANCHOR: solution
use std::sync::atomic::{AtomicBool, Ordering};
// ANCHOR_END: solution

use tokio::sync::Notify;

pub struct Reloader {
    pub current: Mutex<(u64, String)>,
    changed: Notify,
    // ANCHOR: solution
    stopped: AtomicBool,
    // ANCHOR_END: solution
}

impl Reloader {
    pub fn new(value: &str) -> Self {
        Reloader {
            current: Mutex::new((0, value.to_owned())),
            changed: Notify::new(),
            // ANCHOR: solution
            stopped: AtomicBool::new(false),
            // ANCHOR_END: solution
        }
    }

    /// Publishes a new configuration under the next version.
    pub fn publish(&self, value: &str) {
        // ANCHOR: solution
        let mut current = self.current.lock().unwrap();
        *current = (current.0 + 1, value.to_owned());
        drop(current); // the state first...
        self.changed.notify_one(); // ...then the ring
        // ANCHOR_END: solution
        /* STARTER
        self.changed.notify_one();
        let mut current = self.current.lock().unwrap();
        *current = (current.0 + 1, value.to_owned());
        */
    }

    /// Stops the reader: from now on, `next` returns `None`.
    pub fn stop(&self) {
        // ANCHOR: solution
        self.stopped.store(true, Ordering::Release); // sticky state...
        self.changed.notify_waiters(); // ...and a bell for the sleeper
        // ANCHOR_END: solution
        /* STARTER
        self.changed.notify_waiters();
        */
    }

    /// Waits for a configuration newer than `seen`; `None` once stopped.
    pub async fn next(&self, seen: u64) -> Option<(u64, String)> {
        // ANCHOR: solution
        loop {
            let notified = self.changed.notified(); // create,
            if self.stopped.load(Ordering::Acquire) {
                return None; // check,
            }
            let now = self.current.lock().unwrap().clone();
            if now.0 > seen {
                return Some(now);
            }
            notified.await; // await, and look again
        }
        // ANCHOR_END: solution
        /* STARTER
        let now = self.current.lock().unwrap().clone();
        if now.0 > seen {
            return Some(now);
        }
        self.changed.notified().await;
        let now = self.current.lock().unwrap().clone();
        if now.0 > seen {
            Some(now)
        } else {
            None // woken, and nothing new: we must have been stopped
        }
        */
    }
}

fn main() {
    println!(
        "Exercise 8: check your work with `cargo test --test exercises exercise_8`"
    );
}
