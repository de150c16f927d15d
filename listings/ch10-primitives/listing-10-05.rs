// Listing 10-5: broadcast. Every subscriber sees every event.
use tokio::sync::broadcast;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: shown
    let (events, _) = broadcast::channel(16);
    let mut audit = events.subscribe();
    let mut metrics = events.subscribe();
    events.send("login").unwrap();
    events.send("logout").unwrap();
    for _ in 0..2 {
        let a = audit.recv().await.unwrap();
        let m = metrics.recv().await.unwrap();
        println!("audit saw {a}, metrics saw {m}");
    }
    // ANCHOR_END: shown
}
