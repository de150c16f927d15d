// Listing 3-7: run_until_cancelled() checks the token when first polled;
// after that, if both are ready at once, the future's result wins.
use std::sync::Arc;

use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: shown
    let token = CancellationToken::new();
    let created_before = token.run_until_cancelled(async { "done" });
    token.cancel();
    println!(
        "cancelled before the first poll: {:?}",
        created_before.await
    );

    let (token, bell) = (CancellationToken::new(), Arc::new(Notify::new()));
    let task = tokio::spawn({
        let (token, bell) = (token.clone(), Arc::clone(&bell));
        async move {
            let work = async {
                bell.notified().await;
                "rang"
            };
            token.run_until_cancelled(work).await
        }
    });
    tokio::task::yield_now().await; // first poll: not cancelled, it waits
    bell.notify_one(); // the work is ready...
    token.cancel(); // ...and so is the cancellation
    println!("both ready at the next poll:    {:?}", task.await.unwrap());
    // ANCHOR_END: shown
}
