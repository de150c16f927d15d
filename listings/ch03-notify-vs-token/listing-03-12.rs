// Listing 3-12: stop one piece of work when a token fires, with
// FutureExt::with_cancellation_token (tokio-util 0.7.16). The answer is
// Some(output) if the work finished first, None if the token won. The
// adapter looks at the token when it is made, then polls the work first.
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::time::sleep;
use tokio_util::future::FutureExt as _;
use tokio_util::sync::CancellationToken;

// ANCHOR: shown
/// Stands for real work: a download that takes 100 ms.
pub async fn fetch(page: u32, started: Arc<AtomicBool>) -> String {
    started.store(true, Ordering::Release);
    sleep(Duration::from_millis(100)).await;
    format!("page {page}")
}

pub async fn fetch_unless_cancelled(
    page: u32,
    stop: &CancellationToken,
    started: Arc<AtomicBool>,
) -> Option<String> {
    fetch(page, started).with_cancellation_token(stop).await
}

/// Work that is ready at once, wrapped now, awaited later.
pub fn cached_unless_cancelled(
    stop: &CancellationToken,
) -> impl Future<Output = Option<&'static str>> + '_ {
    async { "cached page" }.with_cancellation_token(stop)
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let started = || Arc::new(AtomicBool::new(false));
    // ANCHOR: shown
    let stop = CancellationToken::new();
    let first = fetch_unless_cancelled(1, &stop, started()).await;
    println!("not cancelled:          {first:?}");

    let canceller = stop.clone();
    tokio::spawn(async move {
        sleep(Duration::from_millis(30)).await;
        canceller.cancel(); // fires while page 2 is downloading
    });
    let second = fetch_unless_cancelled(2, &stop, started()).await;
    println!("cancelled during fetch: {second:?}");

    let third_started = started();
    let third = fetch_unless_cancelled(3, &stop, third_started.clone()).await;
    let ran = third_started.load(Ordering::Acquire);
    println!("cancelled before:       {third:?}, fetch started: {ran}");

    let stop = CancellationToken::new();
    let made = cached_unless_cancelled(&stop); // looks at the token: not yet
    stop.cancel();
    println!("made, then cancelled:   {:?}", made.await);
    // ANCHOR_END: shown
}
