// Listing 3-11: the hybrid. Workers wait for work with a Notify and for
// shutdown with a CancellationToken, in one select!; a TaskTracker lets main
// wait for a graceful stop.
use std::collections::VecDeque;
use std::pin::pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::sleep;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

#[derive(Default)]
pub struct Jobs {
    pub queue: Mutex<VecDeque<u32>>,
    pub bell: Notify,
}

impl Jobs {
    pub fn push(&self, job: u32) {
        self.queue.lock().unwrap().push_back(job);
        self.bell.notify_one();
    }
}

// ANCHOR: shown
/// The next job; `None` once stopped and the queue is empty.
/// Listing 2-5's `pop`, with a second way out.
pub async fn next_job(jobs: &Jobs, stop: &CancellationToken) -> Option<u32> {
    let mut notified = pin!(jobs.bell.notified());
    loop {
        notified.as_mut().enable(); // register, then look
        if let Some(job) = jobs.queue.lock().unwrap().pop_front() {
            return Some(job);
        }
        tokio::select! {
            // Stop, for good; but a job that arrived with the stop is
            // still taken (select! may see both ready at once).
            _ = stop.cancelled() => return jobs.queue.lock().unwrap().pop_front(),
            _ = notified.as_mut() => notified.set(jobs.bell.notified()),
        }
    }
}

pub async fn worker(name: &str, jobs: Arc<Jobs>, stop: CancellationToken) {
    while let Some(job) = next_job(&jobs, &stop).await {
        sleep(Duration::from_millis(30)).await; // the job itself
        println!("{name}: finished job {job}");
    }
    println!("{name}: stopped");
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let (jobs, stop) = (Arc::new(Jobs::default()), CancellationToken::new());
    let tracker = TaskTracker::new();
    for name in ["worker A", "worker B"] {
        tracker.spawn(worker(name, jobs.clone(), stop.clone()));
    }
    for job in 1..=3 {
        jobs.push(job);
        sleep(Duration::from_millis(10)).await;
    }
    stop.cancel(); // queued jobs are still done, then the workers stop
    tracker.close();
    tracker.wait().await;
    println!("main: service stopped");
}
// ANCHOR_END: shown
