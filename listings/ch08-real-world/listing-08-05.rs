// Listing 8-5: a shutdown notifier and its waiters: an idempotent flag plus a
// broadcast, waited on in the order create -> check -> await.
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::Notify;

// ANCHOR: shown
#[derive(Default)]
struct Shared {
    shutdown: AtomicBool,
    notify: Notify,
}

/// Held by the owner; shuts down at most once, also when dropped.
pub struct Notifier(Arc<Shared>);
/// Cloned into every task that must stop.
#[derive(Clone)]
pub struct Waiter(Arc<Shared>);

pub fn pair() -> (Notifier, Waiter) {
    let shared = Arc::new(Shared::default());
    (Notifier(shared.clone()), Waiter(shared))
}

impl Notifier {
    pub fn shutdown(&self) {
        // Only the first call broadcasts; later calls find `true`.
        if !self.0.shutdown.swap(true, Ordering::AcqRel) {
            self.0.notify.notify_waiters();
        }
    }
}

impl Drop for Notifier {
    fn drop(&mut self) {
        self.shutdown();
    }
}

impl Waiter {
    pub async fn wait_shutdown(&self) {
        while !self.0.shutdown.load(Ordering::Acquire) {
            let notified = self.0.notify.notified(); // create
            if self.0.shutdown.load(Ordering::Acquire) {
                return; // check
            }
            notified.await; // await
        }
    }
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (notifier, waiter) = pair();
    let early = tokio::spawn({
        let waiter = waiter.clone();
        async move { waiter.wait_shutdown().await }
    });
    tokio::task::yield_now().await;
    drop(notifier); // shuts down on drop
    early.await.unwrap();
    waiter.wait_shutdown().await; // a late wait returns at once
    println!("the waiting task and a late waiter both saw the shutdown");
}
