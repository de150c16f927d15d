// Listing 7-5: enable() joins the queue without polling, and takes a stored
// permit if there is one.
use std::pin::pin;

use tokio::sync::Notify;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: shown
    let bell = Notify::new();
    let mut waiter = pin!(bell.notified());
    println!("enable(): ready = {}", waiter.as_mut().enable());
    bell.notify_one(); // picks the registered future, stores nothing
    println!("enable(): ready = {}", waiter.as_mut().enable());

    bell.notify_one(); // nobody registered now: a permit
    let mut next = pin!(bell.notified());
    println!(
        "a new future's enable() takes the permit: {}",
        next.as_mut().enable()
    );
    // ANCHOR_END: shown
}
