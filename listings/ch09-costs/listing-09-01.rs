// Listing 9-1: how big each signal is, in bytes (on a 64-bit target).
use std::mem::size_of;

use tokio::sync::futures::{Notified, OwnedNotified};
use tokio::sync::{Notify, Semaphore, broadcast, mpsc, oneshot, watch};
use tokio_util::sync::{
    CancellationToken, WaitForCancellationFuture,
    WaitForCancellationFutureOwned,
};

fn main() {
    // ANCHOR: shown
    let sizes = [
        ("Notify", size_of::<Notify>()),
        ("Notified<'_>", size_of::<Notified<'_>>()),
        ("OwnedNotified", size_of::<OwnedNotified>()),
        ("CancellationToken", size_of::<CancellationToken>()),
        (
            "WaitForCancellationFuture<'_>",
            size_of::<WaitForCancellationFuture<'_>>(),
        ),
        (
            "WaitForCancellationFutureOwned",
            size_of::<WaitForCancellationFutureOwned>(),
        ),
        ("Semaphore", size_of::<Semaphore>()),
        ("mpsc::Sender<()>", size_of::<mpsc::Sender<()>>()),
        ("oneshot::Sender<()>", size_of::<oneshot::Sender<()>>()),
        ("watch::Sender<()>", size_of::<watch::Sender<()>>()),
        ("broadcast::Sender<()>", size_of::<broadcast::Sender<()>>()),
    ];
    for (name, bytes) in sizes {
        println!("{name:<32} {bytes:>4} bytes");
    }
    // ANCHOR_END: shown
}
