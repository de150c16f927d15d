// Listing 5-6: does not compile. A framework that spawns the shutdown
// future (axum does) needs it to be 'static; `cancelled()` borrows the
// token.
use std::future::Future;

use tokio_util::sync::CancellationToken;

/// The bound axum's `with_graceful_shutdown` puts on its signal.
fn with_graceful_shutdown<F>(signal: F)
where
    F: Future<Output = ()> + Send + 'static,
{
    tokio::spawn(signal);
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: shown
    let token = CancellationToken::new();
    with_graceful_shutdown(token.cancelled());
    token.cancel();
    // ANCHOR_END: shown
}
