// Listing 4-2: hand-polling with a waker of your own. A counting waker
// tells you how many wake-ups were sent, not just whether one was.
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Wake, Waker};

use tokio::sync::Notify;

// ANCHOR: shown
/// A waker that counts its wake-ups.
#[derive(Default)]
pub struct Counter(pub AtomicUsize);

impl Wake for Counter {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// Two waiters, three `notify_one` calls: the wake-up count after each.
pub fn wakes_per_notify_one() -> Vec<usize> {
    let counter = Arc::new(Counter::default());
    let waker = Waker::from(Arc::clone(&counter));
    let mut cx = Context::from_waker(&waker);

    let notify = Notify::new();
    let mut first = pin!(notify.notified());
    let mut second = pin!(notify.notified());
    assert!(first.as_mut().poll(&mut cx).is_pending());
    assert!(second.as_mut().poll(&mut cx).is_pending());

    let mut counts = Vec::new();
    for _ in 0..3 {
        notify.notify_one();
        counts.push(counter.0.load(Ordering::SeqCst));
    }
    // The third call woke nobody: it left a permit for the next waiter.
    let mut third = pin!(notify.notified());
    let noop = &mut Context::from_waker(Waker::noop());
    assert!(third.as_mut().poll(noop).is_ready());
    counts
}
// ANCHOR_END: shown

fn main() {
    for (call, wakes) in wakes_per_notify_one().into_iter().enumerate() {
        println!("after notify_one call {}: {wakes} wake-up(s)", call + 1);
    }
}
