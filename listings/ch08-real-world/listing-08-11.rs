// Listing 8-11: cancel, then drain. On cancellation the connection is asked
// to finish gracefully and is then driven to completion, not dropped.
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::time::{Instant, sleep};
use tokio_util::sync::CancellationToken;

/// Stands in for a protocol connection: it serves until asked to wind
/// down, then takes 20 ms to finish the request in flight.
async fn serve(wind_down: Arc<AtomicBool>) -> &'static str {
    while !wind_down.load(Ordering::Acquire) {
        sleep(Duration::from_millis(5)).await;
    }
    sleep(Duration::from_millis(20)).await;
    "closed cleanly"
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    let token = CancellationToken::new();
    tokio::spawn({
        let token = token.clone();
        async move {
            sleep(Duration::from_millis(50)).await;
            token.cancel();
        }
    });
    // ANCHOR: shown
    let wind_down = Arc::new(AtomicBool::new(false));
    let mut connection = pin!(serve(wind_down.clone()));
    let outcome = tokio::select! {
        outcome = connection.as_mut() => outcome,
        _ = token.cancelled() => {
            wind_down.store(true, Ordering::Release); // "please finish"
            connection.await // and keep driving it until it does
        }
    };
    // ANCHOR_END: shown
    println!("{outcome} at {} ms", start.elapsed().as_millis());
}
