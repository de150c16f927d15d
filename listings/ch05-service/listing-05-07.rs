// Listing 5-7: the fix for Listing 5-6. `cancelled_owned()` (since
// tokio-util 0.7.5) owns a clone of the token, so the future is 'static.
use std::future::Future;

use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

/// The bound axum's `with_graceful_shutdown` puts on its signal.
pub fn with_graceful_shutdown<F>(signal: F) -> JoinHandle<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    tokio::spawn(signal)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: shown
    let token = CancellationToken::new();
    let signal = with_graceful_shutdown(token.clone().cancelled_owned());
    token.cancel();
    signal.await.unwrap();
    println!("the spawned shutdown signal completed");
    // ANCHOR_END: shown
}
