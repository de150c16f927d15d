// Listing 0-2: does not compile. A spawned task may outlive the function that
// owns the Notify, so it cannot borrow it.
use tokio::sync::Notify;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let doorbell = Notify::new();

    // ANCHOR: borrow
    let worker = tokio::spawn(async {
        doorbell.notified().await;
    });
    // ANCHOR_END: borrow

    doorbell.notify_one();
    worker.await.unwrap();
}
