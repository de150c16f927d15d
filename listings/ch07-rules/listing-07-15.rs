// Listing 7-15: a Notify in a static, with const_new().
use tokio::sync::Notify;

// ANCHOR: shown
static CONFIG_CHANGED: Notify = Notify::const_new();

async fn reload_when_told() -> &'static str {
    CONFIG_CHANGED.notified().await;
    "reloaded"
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let reloader = tokio::spawn(reload_when_told());
    CONFIG_CHANGED.notify_one(); // from anywhere, no Arc to pass around
    println!("{}", reloader.await.unwrap());
}
// ANCHOR_END: shown
