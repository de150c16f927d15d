// Listing 7-12: does not compile. enable() needs a pinned future.
use tokio::sync::Notify;

fn main() {
    let bell = Notify::new();
    // ANCHOR: shown
    let mut waiting = bell.notified();
    waiting.enable();
    // ANCHOR_END: shown
}
