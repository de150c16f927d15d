//! Exercise 6: a configuration that readers wait on.
//!
//! `Config` holds a value and a version number that goes up with every
//! `set`. Readers call `changed_since(seen)` with the last version they saw,
//! and get the newest (version, value) as soon as there is one newer.
//! Implement `set` and `changed_since` with the mutex and the `Notify`.
//! Every waiting reader must wake on a `set`, and none may miss one.
//!
//! Check your work: cargo test --test exercises exercise_6
use std::sync::Mutex;

use tokio::sync::Notify;

pub struct Config {
    current: Mutex<(u64, String)>,
    changed: Notify,
}

impl Config {
    pub fn new(value: &str) -> Self {
        Config {
            current: Mutex::new((0, value.to_owned())),
            changed: Notify::new(),
        }
    }

    /// Stores a new value under the next version, and wakes every reader.
    pub fn set(&self, value: &str) {
        // ANCHOR: solution
        let mut current = self.current.lock().unwrap();
        *current = (current.0 + 1, value.to_owned());
        drop(current); // the truth first...
        self.changed.notify_waiters(); // ...then wake every reader
        // ANCHOR_END: solution
        /* STARTER
        todo!("store the value under a new version, then wake every reader")
        */
    }

    /// Returns the newest (version, value) once its version is above `seen`.
    pub async fn changed_since(&self, seen: u64) -> (u64, String) {
        // ANCHOR: solution
        loop {
            let notified = self.changed.notified(); // 1. create
            let current = self.current.lock().unwrap().clone();
            if current.0 > seen {
                return current; // 2. check
            }
            notified.await; // 3. await
        }
        // ANCHOR_END: solution
        /* STARTER
        todo!("create, check, await: in that order")
        */
    }
}

fn main() {
    println!(
        "Exercise 6: check your work with `cargo test --test exercises exercise_6`"
    );
}
