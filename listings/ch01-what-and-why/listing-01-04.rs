// Listing 1-4: a Notify holds at most one permit.
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::timeout;

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // ANCHOR: permit
    let bell = Notify::new();

    // Nobody is waiting: the first call stores a permit, the next two find
    // it already there.
    bell.notify_one();
    bell.notify_one();
    bell.notify_one();

    // The first wait takes the permit and returns at once.
    bell.notified().await;
    println!("first wait: returned at once, it took the stored permit");

    // The second finds no permit: three rings were kept as one.
    let second = timeout(Duration::from_secs(1), bell.notified()).await;
    println!(
        "second wait: {}",
        match second {
            Ok(()) => "returned",
            Err(_) => "still waiting after 1 s",
        }
    );
    // ANCHOR_END: permit
}
