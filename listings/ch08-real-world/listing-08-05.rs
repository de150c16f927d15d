// Listing 8-5: a latch built on a watch channel. It stays fired, so a task
// that starts waiting after the fire returns at once.
use tokio::sync::watch;

// ANCHOR: shown
pub struct Latch(watch::Sender<bool>);

impl Latch {
    pub fn new() -> Latch {
        Latch(watch::Sender::new(false))
    }

    pub fn fire(&self) {
        self.0.send_replace(true); // even with no receiver
    }

    pub async fn wait(&self) {
        let _ = self.0.subscribe().wait_for(|&fired| fired).await;
    }
}
// ANCHOR_END: shown

impl Default for Latch {
    fn default() -> Self {
        Self::new()
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let latch = Latch::new();
    latch.fire(); // before anybody waits
    latch.wait().await;
    println!("a wait that started after fire() returned at once");
}
