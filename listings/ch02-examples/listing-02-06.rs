// Listing 2-6: stopping many tasks. A sticky flag says "stop"; the bell wakes
// whoever is waiting, and the order create -> check -> await means no task
// can miss it.
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::{Instant, sleep};

// ANCHOR: shown
#[derive(Default)]
pub struct Stop {
    pub stopped: AtomicBool,
    pub bell: Notify,
}

impl Stop {
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::Release); // 1. the truth, for good
        self.bell.notify_waiters(); // 2. wake everyone waiting now
    }

    pub fn is_stopped(&self) -> bool {
        self.stopped.load(Ordering::Acquire)
    }

    pub async fn wait(&self) {
        loop {
            // Create first: from this line on, notify_waiters() reaches it.
            let notified = self.bell.notified();
            // Then check: a stop() before the line above set the flag.
            if self.is_stopped() {
                return;
            }
            notified.await;
        }
    }
}
// ANCHOR_END: shown

// ANCHOR: shown
/// Works every `period` until told to stop; returns how often it worked.
pub async fn worker(stop: Arc<Stop>, period: Duration) -> u32 {
    let mut ticks = 0;
    loop {
        tokio::select! {
            _ = stop.wait() => return ticks,
            _ = sleep(period) => ticks += 1, // stands for real work
        }
    }
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // ANCHOR: shown
    let stop = Arc::new(Stop::default());
    let periods = [100, 130, 170].map(Duration::from_millis);
    let workers =
        periods.map(|period| tokio::spawn(worker(stop.clone(), period)));

    let start = Instant::now();
    sleep(Duration::from_millis(320)).await;
    stop.stop();
    println!("main: stop() at {} ms", start.elapsed().as_millis());

    for (i, worker) in workers.into_iter().enumerate() {
        let ticks = worker.await.unwrap();
        println!("worker {i}: {ticks} tick(s) of work, then stopped");
    }
    // A task that starts after stop() sees the flag at once:
    worker(stop.clone(), Duration::from_millis(100)).await;
    println!("a late worker: stopped at once");
    // ANCHOR_END: shown
}
