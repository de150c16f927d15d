// Listing 3-2: the same with a CancellationToken. Cancellation is sticky:
// a task that asks after the fact is told at once.
use tokio_util::sync::CancellationToken;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: shown
    let shutdown = CancellationToken::new();
    shutdown.cancel(); // "everybody stop!"

    let late = tokio::spawn({
        let shutdown = shutdown.clone();
        async move { shutdown.cancelled().await }
    });
    late.await.unwrap();
    println!("late worker: stopped at once");
    println!("is_cancelled() = {}", shutdown.is_cancelled());
    // ANCHOR_END: shown
}
