//! Exercise 6: a configuration that readers wait on.
//!
//! `Config` holds a value and a version number that goes up with every
//! `set`. Readers call `changed_since(seen)` with the last version they saw,
//! and get the newest (version, value) as soon as there is one newer.
//! Implement `set` and `changed_since` with the mutex and the `Notify`.
//! Every waiting reader must wake on a `set`, and none may miss one. Read
//! the state only through `current()`: the checks use it to call `set` at
//! the worst moment.
//!
//! Check your work: cargo test --test exercises exercise_6
// ANCHOR: task
use std::sync::Mutex;

use tokio::sync::Notify;

pub struct Config {
    state: Mutex<(u64, String)>,
    changed: Notify,
}

impl Config {
    pub fn new(value: &str) -> Self {
        Config {
            state: Mutex::new((0, value.to_owned())),
            changed: Notify::new(),
        }
    }

    /// The current (version, value).
    pub fn current(&self) -> (u64, String) {
        let now = self.state.lock().unwrap().clone();
        after_read(); // where the checks step in
        now
    }

    /// Stores a new value under the next version, and wakes every reader.
    pub fn set(&self, value: &str) {
        // ANCHOR: solution
        let mut state = self.state.lock().unwrap();
        *state = (state.0 + 1, value.to_owned());
        drop(state); // the truth first...
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
            let now = self.current(); // 2. check
            if now.0 > seen {
                return now;
            }
            notified.await; // 3. await
        }
        // ANCHOR_END: solution
        /* STARTER
        todo!("wait for a version above `seen`, without missing a set()")
        */
    }
}
// ANCHOR_END: task

/// Where the checks step in: `with_hook_after_read(hook, body)` runs `body`,
/// and runs `hook` right after the first `current()` during it.
pub fn with_hook_after_read<R>(
    hook: impl FnOnce(),
    body: impl FnOnce() -> R,
) -> R {
    test_support::with_hook(hook, body)
}

fn after_read() {
    test_support::run_hook();
}

// ---------------------------------------------------------------------------
// Test support: do not edit, do not copy. The checks use it to act at the
// worst moment. It keeps a borrowing closure for the length of one call,
// which takes `unsafe`; the code you write never needs it.
mod test_support {
    use std::cell::RefCell;

    thread_local! {
        static HOOKS: RefCell<Vec<Box<dyn FnOnce()>>> = const { RefCell::new(Vec::new()) };
    }

    pub fn with_hook<R>(hook: impl FnOnce(), body: impl FnOnce() -> R) -> R {
        struct Remove(usize);
        impl Drop for Remove {
            fn drop(&mut self) {
                HOOKS.with_borrow_mut(|hooks| hooks.truncate(self.0));
            }
        }
        let hook: Box<dyn FnOnce() + '_> = Box::new(hook);
        // SAFETY: only the lifetime changes, and `Remove` takes the hook out
        // before this function returns, so it never runs after what it
        // borrows.
        let hook = unsafe {
            std::mem::transmute::<Box<dyn FnOnce() + '_>, Box<dyn FnOnce()>>(
                hook,
            )
        };
        let _remove = Remove(HOOKS.with_borrow(Vec::len));
        HOOKS.with_borrow_mut(|hooks| hooks.push(hook));
        body()
    }

    pub fn run_hook() {
        if let Some(hook) = HOOKS.with_borrow_mut(Vec::pop) {
            hook();
        }
    }
}

fn main() {
    println!(
        "Exercise 6: check your work with `cargo test --test exercises exercise_6`"
    );
}
