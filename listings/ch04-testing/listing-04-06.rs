// Listing 4-6: what a waiting task leaves behind. A task parked on
// `notified()` has handed one clone of its waker to the `Notify`; a broken
// hand-written wait keeps none, and nothing can ever wake it.
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};

use tokio::sync::Notify;
use tokio_test::task;

// ANCHOR: shown
/// BROKEN: returns `Pending` without keeping `cx.waker()` anywhere.
pub struct FlagWait<'a>(pub &'a AtomicBool);

impl Future for FlagWait<'_> {
    type Output = ();
    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        if self.0.load(Ordering::Acquire) {
            Poll::Ready(())
        } else {
            Poll::Pending // and who will wake us?
        }
    }
}
// ANCHOR_END: shown

// ANCHOR: shown
/// Wakers held by others while parked, and whether the event woke it.
pub fn parked<F: Future>(wait: F, event: impl FnOnce()) -> (usize, bool) {
    let mut task = task::spawn(wait);
    assert!(task.poll().is_pending());
    let held = task.waker_ref_count() - 1; // minus the mock task's own
    event();
    (held, task.is_woken())
}

fn main() {
    let bell = Notify::new();
    let (held, woken) = parked(bell.notified(), || bell.notify_one());
    println!("notified(): wakers held = {held}, woken = {woken}");

    let flag = AtomicBool::new(false);
    let (held, woken) = parked(FlagWait(&flag), || {
        flag.store(true, Ordering::Release);
    });
    println!("FlagWait:   wakers held = {held}, woken = {woken}");
}
// ANCHOR_END: shown
