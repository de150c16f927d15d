//! Exercise 3: a queue for many consumers.
//!
//! Write `pop` so that any number of tasks can call it at once, and no
//! consumer ever sleeps while an item waits in the queue. Look at the queue
//! only through `try_pop()`: the checks use it to make other consumers and
//! producers act at the worst moment.
//!
//! Check your work: cargo test --test exercises exercise_3
// ANCHOR: task
use std::collections::VecDeque;
use std::sync::Mutex;

use tokio::sync::Notify;

#[derive(Default)]
pub struct Queue<T> {
    items: Mutex<VecDeque<T>>,
    bell: Notify,
}

impl<T> Queue<T> {
    pub fn push(&self, item: T) {
        self.items.lock().unwrap().push_back(item);
        self.bell.notify_one();
    }

    /// Takes the oldest item, if there is one.
    pub fn try_pop(&self) -> Option<T> {
        let item = self.items.lock().unwrap().pop_front();
        if item.is_none() {
            empty_look(); // where the checks step in
        }
        item
    }

    /// Takes the oldest item, waiting for one if there is none.
    pub async fn pop(&self) -> T {
        todo!("take an item, or wait for one, with any number of consumers")
    }
}
// ANCHOR_END: task

/// Where the checks step in: `after_empty_look(hook, body)` runs `body`, and
/// runs `hook` right after the first look during it that finds nothing.
pub fn after_empty_look<R>(hook: impl FnOnce(), body: impl FnOnce() -> R) -> R {
    test_support::with_hook(hook, body)
}

fn empty_look() {
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
        "Exercise 3: check your work with `cargo test --test exercises exercise_3`"
    );
}
