// Listing 7-1: with waiters registered, rings do not collapse.
use std::pin::pin;

use tokio::sync::Notify;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: shown
    let bell = Notify::new();
    let mut only = pin!(bell.notified());
    only.as_mut().enable(); // registered: the one waiter

    bell.notify_one(); // wakes it
    bell.notify_one(); // nobody left registered: stores a permit
    bell.notify_one(); // the permit is already there

    println!("the waiter is woken: {}", only.as_mut().enable());
    let mut next = pin!(bell.notified());
    println!("the next wait returns at once: {}", next.as_mut().enable());
    let mut after = pin!(bell.notified());
    println!("and the one after that: {}", after.as_mut().enable());
    // ANCHOR_END: shown
}
