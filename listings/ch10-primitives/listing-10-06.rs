// Listing 10-6: watch. Readers want only the latest value.
use tokio::sync::watch;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: shown
    let (config, mut reader) = watch::channel(1);
    config.send(2).unwrap();
    config.send(3).unwrap(); // 2 is overwritten before anyone read it
    reader.changed().await.unwrap();
    println!("the reader sees version {}", *reader.borrow_and_update());
    // ANCHOR_END: shown
}
