// Listing 3-15: Broken twin: a worker whose stop is a bare notify_waiters().
// When its work and the stop are ready at the same poll, select! takes the
// work and drops the Notified that the stop had completed: the stop is lost.
// The same worker with a token stops, because a dropped cancelled() loses
// nothing.
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, mpsc};
use tokio_util::sync::CancellationToken;

// ANCHOR: shown
/// Handles jobs until the bell rings; returns how many it handled.
pub async fn worker_with_bell(
    mut jobs: mpsc::Receiver<u32>,
    bell: Arc<Notify>,
) -> u32 {
    let mut handled = 0;
    loop {
        tokio::select! {
            biased; // jobs first, as many loops are written
            Some(_job) = jobs.recv() => handled += 1,
            _ = bell.notified() => return handled,
        }
    }
}

/// The same, stopped by a token.
pub async fn worker_with_token(
    mut jobs: mpsc::Receiver<u32>,
    stop: CancellationToken,
) -> u32 {
    let mut handled = 0;
    loop {
        tokio::select! {
            biased;
            Some(_job) = jobs.recv() => handled += 1,
            _ = stop.cancelled() => return handled,
        }
    }
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // ANCHOR: shown
    let (send, jobs) = mpsc::channel(8);
    let bell = Arc::new(Notify::new());
    let worker = tokio::spawn(worker_with_bell(jobs, bell.clone()));
    tokio::task::yield_now().await; // the worker waits for both
    send.send(1).await.unwrap(); // a job and the stop, ready together
    bell.notify_waiters();
    let stopped = tokio::time::timeout(Duration::from_secs(60), worker).await;
    println!("with a bell:  stopped within a minute? {}", stopped.is_ok());

    let (send, jobs) = mpsc::channel(8);
    let stop = CancellationToken::new();
    let worker = tokio::spawn(worker_with_token(jobs, stop.clone()));
    tokio::task::yield_now().await;
    send.send(1).await.unwrap();
    stop.cancel();
    let handled = worker.await.unwrap();
    println!("with a token: stopped after handling {handled} job");
    // ANCHOR_END: shown
}
