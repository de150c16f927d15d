// Listing 7-8: dropping a waiting future loses its place in the queue.
use std::pin::pin;

use tokio::sync::Notify;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: shown
    let bell = Notify::new();
    let mut a = Box::pin(bell.notified());
    a.as_mut().enable(); // A is first in line
    let mut b = pin!(bell.notified());
    b.as_mut().enable(); // B second

    // A is cancelled (say, by select!) and starts waiting again:
    a = Box::pin(bell.notified());
    a.as_mut().enable(); // now behind B

    bell.notify_one();
    println!("A woken: {}", a.as_mut().enable());
    println!("B woken: {}", b.as_mut().enable());
    // ANCHOR_END: shown
}
