// Listing 7-3: notify_waiters() reaches the futures created before it,
// polled or not, and stores nothing for later ones.
use std::pin::pin;

use tokio::sync::Notify;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: shown
    let bell = Notify::new();
    let mut registered = pin!(bell.notified());
    registered.as_mut().enable();
    let mut only_created = pin!(bell.notified()); // never polled

    bell.notify_waiters();
    let mut created_after = pin!(bell.notified());

    println!("registered before:   {}", registered.as_mut().enable());
    println!("only created before: {}", only_created.as_mut().enable());
    println!("created after:       {}", created_after.as_mut().enable());
    // ANCHOR_END: shown
}
