//! axum: `with_graceful_shutdown` (axum 0.8.9).
// ANCHOR: shown
use std::time::Duration;

use axum::Router;
use axum::routing::get;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

/// Serves until `shutdown` is cancelled, then drains for at most `deadline`.
/// Returns whether the drain was clean.
pub async fn serve(
    listener: TcpListener,
    shutdown: CancellationToken,
    deadline: Duration,
) -> std::io::Result<bool> {
    let app = Router::new().route("/", get(|| async { "hello\n" }));
    // axum spawns the signal, so it must be 'static + Send: the owned form.
    let server = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown.clone().cancelled_owned());
    let mut server = tokio::spawn(async move { server.await });

    tokio::select! {
        done = &mut server => return done.expect("server task").map(|()| true),
        // Shutdown has begun: axum stops accepting as soon as its own
        // (spawned) copy of the signal runs.
        () = shutdown.cancelled() => {}
    }
    // axum waits for every connection, without a limit: add one.
    match tokio::time::timeout(deadline, &mut server).await {
        Ok(done) => done.expect("server task").map(|()| true),
        Err(_) => Ok(false), // stragglers remain; exiting the process cuts them
    }
}
// ANCHOR_END: shown
