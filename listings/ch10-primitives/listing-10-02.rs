// Listing 10-2: CancellationToken. Stop everything, including what starts
// later.
use tokio_util::sync::CancellationToken;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: shown
    let shutdown = CancellationToken::new();
    let early = tokio::spawn(shutdown.clone().cancelled_owned());
    shutdown.cancel();
    let late = tokio::spawn(shutdown.clone().cancelled_owned());
    early.await.unwrap();
    late.await.unwrap();
    println!("both the early and the late task stopped");
    // ANCHOR_END: shown
}
