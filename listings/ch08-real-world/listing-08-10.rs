// Listing 8-10: a guard per request. If the request's future is dropped
// (the client went away), the work it spawned is cancelled; if it finishes,
// the guard is disarmed.
use std::time::Duration;

use tokio::time::sleep;
use tokio_util::sync::CancellationToken;

// ANCHOR: shown
pub async fn handle(connection: &CancellationToken, id: u32, work_ms: u64) {
    let request = connection.child_token();
    let guard = request.clone().drop_guard(); // cancel on early exit
    let worker = tokio::spawn(async move {
        tokio::select! {
            _ = request.cancelled() => println!("request {id}: work cancelled"),
            _ = sleep(Duration::from_millis(work_ms)) => {
                println!("request {id}: work finished");
            }
        }
    });
    worker.await.unwrap();
    guard.disarm(); // reached only if this future was not dropped
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let connection = CancellationToken::new();
    handle(&connection, 1, 10).await;

    // The client gives up after 5 ms: the request future is dropped.
    let impatient = handle(&connection, 2, 50);
    let _ = tokio::time::timeout(Duration::from_millis(5), impatient).await;
    sleep(Duration::from_millis(1)).await; // let the worker see it
    println!("connection still open: {}", !connection.is_cancelled());
}
