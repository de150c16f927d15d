// Listing 7-2: polling a waiter again keeps its place in the queue.
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Waker};

use tokio::sync::Notify;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: shown
    let bell = Notify::new();
    let mut cx = Context::from_waker(Waker::noop());
    let mut a = pin!(bell.notified());
    let mut b = pin!(bell.notified());

    let _ = a.as_mut().poll(&mut cx); // A registers first
    let _ = b.as_mut().poll(&mut cx); // then B
    let _ = a.as_mut().poll(&mut cx); // A is polled again...

    bell.notify_one(); // ...and is still first in line
    println!("A ready: {}", a.as_mut().poll(&mut cx).is_ready());
    println!("B ready: {}", b.as_mut().poll(&mut cx).is_ready());
    // ANCHOR_END: shown
}
