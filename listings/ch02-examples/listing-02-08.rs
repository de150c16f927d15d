// Listing 2-8: a one-time event with SetOnce (tokio 1.47). The value is set
// once; every task that waits for it, early or late, gets it.
use std::sync::Arc;

use tokio::sync::SetOnce;

// ANCHOR: shown
/// Waits until the configuration is loaded, then starts.
pub async fn worker(name: &str, config: Arc<SetOnce<String>>) -> String {
    let config = config.wait().await; // at once, if it is set already
    format!("{name}: started with {config}")
}

/// Publishes the configuration. Only the first call wins; a later one gets
/// its value back.
pub fn publish(config: &SetOnce<String>, value: &str) -> Result<(), String> {
    config.set(value.to_owned()).map_err(|refused| refused.0)
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: shown
    let config = Arc::new(SetOnce::new());
    let early: Vec<_> = ["A", "B"]
        .map(|name| tokio::spawn(worker(name, Arc::clone(&config))))
        .into();
    tokio::task::yield_now().await; // A and B are waiting now

    println!("first publish:  {:?}", publish(&config, "config v1"));
    println!("second publish: {:?}", publish(&config, "config v2"));
    for task in early {
        println!("{}", task.await.unwrap());
    }
    println!("{}", worker("late", config).await);
    // ANCHOR_END: shown
}
