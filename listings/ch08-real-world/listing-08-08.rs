// Listing 8-8: a latched signal. Built on a watch channel, it is remembered
// forever, so a task that starts waiting after it fired returns at once.
use tokio::sync::watch;

// ANCHOR: shown
pub struct Latch {
    fired: watch::Sender<bool>,
}

impl Latch {
    pub fn new() -> Self {
        Latch {
            fired: watch::Sender::new(false),
        }
    }

    pub fn fire(&self) {
        self.fired.send_replace(true); // works with no receiver alive
    }

    pub async fn wait(&self) {
        let mut seen = self.fired.subscribe();
        // Returns at once if the value is already `true`.
        let _ = seen.wait_for(|&fired| fired).await;
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
