// Listing 8-3: a reader that waits for a writer's progress. The progress is
// an atomic counter; the bell only says "it moved".
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::sleep;

// ANCHOR: shown
#[derive(Default)]
pub struct Ledger {
    written: AtomicU64,
    writer_progressed: Notify,
}

impl Ledger {
    pub fn record_write(&self) {
        self.written.fetch_add(1, Ordering::Release);
        self.writer_progressed.notify_one(); // one reader: a permit is enough
    }

    /// Waits until more than `read` records have been written.
    pub async fn wait_for_more_than(&self, read: u64) -> u64 {
        loop {
            let written = self.written.load(Ordering::Acquire);
            if written > read {
                return written;
            }
            self.writer_progressed.notified().await;
        }
    }
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let ledger = Arc::new(Ledger::default());
    let reader = tokio::spawn({
        let ledger = ledger.clone();
        async move {
            let mut read = 0;
            while read < 5 {
                let written = ledger.wait_for_more_than(read).await;
                println!("reader: records {}..={written} are ready", read + 1);
                read = written;
                sleep(Duration::from_millis(25)).await; // reading them
            }
        }
    });
    for _ in 0..5 {
        sleep(Duration::from_millis(10)).await;
        ledger.record_write();
    }
    reader.await.unwrap();
}
