//! tonic: `serve_with_shutdown` (tonic 0.14.9).
// ANCHOR: shown
use std::net::SocketAddr;

use tokio_util::sync::CancellationToken;
use tonic::service::Routes;
use tonic::transport::Server;

/// Serves gRPC on `address` until `shutdown` is cancelled, then lets the
/// accepted connections finish.
pub async fn serve(
    address: SocketAddr,
    routes: Routes, // your services, e.g. Routes::new(GreeterServer::new(..))
    shutdown: CancellationToken,
) -> Result<(), tonic::transport::Error> {
    Server::builder()
        .add_routes(routes)
        .serve_with_shutdown(address, shutdown.cancelled_owned())
        .await
}
// ANCHOR_END: shown
