// Listing 3-7: run_until_cancelled() checks the token when first polled;
// after that, if both are ready at once, the future's result wins.
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Waker};

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

    let token = CancellationToken::new();
    let bell = Notify::new();
    let mut cx = Context::from_waker(Waker::noop());
    let mut both = pin!(token.run_until_cancelled(bell.notified()));
    let _ = both.as_mut().poll(&mut cx); // first poll: not cancelled, waits
    bell.notify_one(); // the work is ready...
    token.cancel(); // ...and so is the cancellation
    println!(
        "both ready at the next poll:    {:?}",
        both.as_mut().poll(&mut cx)
    );
    // ANCHOR_END: shown
}
