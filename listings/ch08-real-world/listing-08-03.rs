// Listing 8-3: a static readiness flag. Code with no handle to pass marks the
// process ready once; tasks that wait before or after that all see it.
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::Notify;
use tokio::sync::futures::Notified;

// ANCHOR: shown
pub struct Readiness {
    ready: AtomicBool,
    bell: Notify,
}

pub static SERVER_READY: Readiness = Readiness::new();

impl Readiness {
    pub const fn new() -> Readiness {
        Readiness {
            ready: AtomicBool::new(false),
            bell: Notify::const_new(),
        }
    }

    pub fn mark(&self) {
        self.ready.store(true, Ordering::Release);
        self.bell.notify_waiters();
    }

    /// `None` if ready; else a wait that a later `mark` completes.
    pub fn until_ready(&self) -> Option<Notified<'_>> {
        let bell = self.bell.notified(); // 1. in line
        (!self.ready.load(Ordering::Acquire)).then_some(bell) // 2. look
    }

    pub async fn wait(&self) {
        if let Some(bell) = self.until_ready() {
            bell.await; // 3. wait
        }
    }
}
// ANCHOR_END: shown

impl Default for Readiness {
    fn default() -> Self {
        Self::new()
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let early = tokio::spawn(SERVER_READY.wait());
    tokio::task::yield_now().await; // the early task waits
    SERVER_READY.mark();
    early.await.unwrap();
    SERVER_READY.wait().await;
    println!("a wait from before the mark and one from after both returned");
}
