// Listing 4-3: paused time. A wait with a 30-second limit, tested in no
// time: with nothing else to do, the paused clock jumps to the next timer.
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::{Instant, error::Elapsed, timeout};

// ANCHOR: shown
/// Waits for the start signal, but at most `limit`.
pub async fn wait_for_start(
    start: &Notify,
    limit: Duration,
) -> Result<(), Elapsed> {
    timeout(limit, start.notified()).await
}

// In a test: #[tokio::test(start_paused = true)]
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Notify::new();
    let began = Instant::now(); // tokio's clock, which is paused

    let result = wait_for_start(&start, Duration::from_secs(30)).await;
    println!("nobody rang: {result:?} after {:?}", began.elapsed());

    start.notify_one();
    let result = wait_for_start(&start, Duration::from_secs(30)).await;
    println!(
        "a permit was waiting: {result:?} after {:?}",
        began.elapsed()
    );
}
// ANCHOR_END: shown
