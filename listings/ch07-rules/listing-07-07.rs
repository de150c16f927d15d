// Listing 7-7: a waiter picked by notify_one() and dropped before it saw the
// ring passes the ring on.
use std::pin::pin;

use tokio::sync::Notify;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: shown
    let bell = Notify::new();
    let mut a = Box::pin(bell.notified());
    let mut b = pin!(bell.notified());
    a.as_mut().enable();
    b.as_mut().enable();

    bell.notify_one(); // picks A, the oldest
    drop(a); // A is dropped before it saw the ring
    println!("B got the ring A dropped: {}", b.as_mut().enable());

    let mut c = Box::pin(bell.notified());
    c.as_mut().enable();
    bell.notify_one(); // picks C
    drop(c); // nobody else waits: the ring becomes a permit
    let mut d = pin!(bell.notified());
    println!("a later wait takes it:    {}", d.as_mut().enable());
    // ANCHOR_END: shown
}
