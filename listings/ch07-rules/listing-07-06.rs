// Listing 7-6: a future that was only created is not in line for
// notify_one(): a registered waiter gets the ring instead.
use std::pin::pin;

use tokio::sync::Notify;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: shown
    let bell = Notify::new();
    let mut created_first = pin!(bell.notified()); // not registered
    let mut registered = pin!(bell.notified());
    registered.as_mut().enable();

    bell.notify_one();
    println!("registered:    {}", registered.as_mut().enable());
    println!("created first: {}", created_first.as_mut().enable());
    // ANCHOR_END: shown
}
