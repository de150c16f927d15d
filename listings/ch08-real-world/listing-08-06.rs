// Listing 8-6: wait until idle. The last connection to leave rings; the
// waiter creates its Notified while it holds the lock that guards the count.
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::{Instant, sleep};

// ANCHOR: shown
#[derive(Default)]
pub struct Endpoint {
    open_connections: Mutex<usize>,
    idle: Notify,
}

impl Endpoint {
    pub fn open(&self) {
        *self.open_connections.lock().unwrap() += 1;
    }

    pub fn close(&self) {
        let mut open = self.open_connections.lock().unwrap();
        *open -= 1;
        if *open == 0 {
            self.idle.notify_waiters(); // everyone waiting for idle
        }
    }

    pub async fn wait_idle(&self) {
        loop {
            let notified = {
                let open = self.open_connections.lock().unwrap();
                if *open == 0 {
                    return;
                }
                // Created under the lock: a close() that empties the
                // endpoint must take the lock after this line.
                self.idle.notified()
            };
            notified.await;
        }
    }
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    let endpoint = Arc::new(Endpoint::default());
    for lifetime in [30, 10, 20] {
        endpoint.open();
        let endpoint = endpoint.clone();
        tokio::spawn(async move {
            sleep(Duration::from_millis(lifetime)).await;
            endpoint.close();
        });
    }
    endpoint.wait_idle().await;
    println!("idle after {} ms", start.elapsed().as_millis());
}
