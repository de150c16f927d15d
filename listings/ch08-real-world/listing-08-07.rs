// Listing 8-7: a value published to many readers, with a version number.
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::sleep;

// ANCHOR: shown
pub struct Published<T> {
    current: Mutex<(u64, T)>, // (version, value)
    changed: Notify,
}

impl<T: Clone> Published<T> {
    pub fn new(value: T) -> Self {
        Published {
            current: Mutex::new((0, value)),
            changed: Notify::new(),
        }
    }

    pub fn publish(&self, value: T) {
        let mut current = self.current.lock().unwrap();
        *current = (current.0 + 1, value);
        drop(current);
        self.changed.notify_waiters(); // every reader waiting now
    }

    /// The newest (version, value), once its version is not `seen`.
    pub async fn changed(&self, seen: u64) -> (u64, T) {
        loop {
            let notified = self.changed.notified(); // 1. register
            {
                let current = self.current.lock().unwrap();
                if current.0 != seen {
                    return current.clone(); // 2. news: the latest
                }
            }
            notified.await; // 3. none yet: wait
        }
    }
}
// ANCHOR_END: shown

async fn reader(name: &str, config: Arc<Published<&str>>, busy: u64) {
    let mut seen = 0;
    while seen < 3 {
        let (version, value) = config.changed(seen).await;
        println!("{name} reads version {version}: {value}");
        seen = version;
        sleep(Duration::from_millis(busy)).await; // reconfigure
    }
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let config = Arc::new(Published::new("v0"));
    let fast = tokio::spawn(reader("fast", config.clone(), 1));
    let slow = tokio::spawn(reader("slow", config.clone(), 50));
    for value in ["v1", "v2", "v3"] {
        sleep(Duration::from_millis(10)).await;
        config.publish(value);
    }
    fast.await.unwrap();
    slow.await.unwrap();
}
