// Listing 7-13: does not compile. A Notified borrows its Notify, so it cannot
// be moved into a spawned task.
use std::sync::Arc;

use tokio::sync::Notify;

#[tokio::main]
async fn main() {
    // ANCHOR: shown
    let bell = Arc::new(Notify::new());
    let waiting = bell.notified(); // created here, so notify_waiters reaches it
    tokio::spawn(async move {
        waiting.await;
    });
    // ANCHOR_END: shown
    bell.notify_waiters();
}
