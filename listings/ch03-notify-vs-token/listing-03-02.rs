// Listing 3-2: the same with a CancellationToken. Cancellation is sticky:
// a task that asks after the fact is told at once.
use tokio_util::sync::CancellationToken;

// ANCHOR: shown
pub fn shut_down(shutdown: &CancellationToken) {
    shutdown.cancel(); // "everybody stop!", for good
}

pub async fn worker(shutdown: CancellationToken) {
    shutdown.cancelled().await; // then clean up and return
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: shown
    let shutdown = CancellationToken::new();
    shut_down(&shutdown);

    let late = tokio::spawn(worker(shutdown.clone()));
    late.await.unwrap();
    println!("late worker: stopped at once");
    println!("is_cancelled() = {}", shutdown.is_cancelled());
    // ANCHOR_END: shown
}
