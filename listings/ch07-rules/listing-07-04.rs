// Listing 7-4: notify_waiters() leaves a stored permit where it is.
use std::pin::pin;

use tokio::sync::Notify;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: shown
    let bell = Notify::new();
    bell.notify_one(); // nobody waiting: a permit is stored
    let mut created_before = pin!(bell.notified());

    bell.notify_waiters(); // completes `created_before`...
    println!("created before: {}", created_before.as_mut().enable());

    let mut next = pin!(bell.notified()); // ...and the permit is still there
    println!("next wait takes the permit: {}", next.as_mut().enable());
    // ANCHOR_END: shown
}
