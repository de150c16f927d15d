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

/// Two workers, three jobs, a graceful stop (one thread, paused time).
async fn service() {
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
    println!("service stopped");
}
// ANCHOR_END: shown

fn main() {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .unwrap()
        .block_on(service());
    // The same workers on a multi-thread runtime, under load.
    println!("{}", on_four_threads(2_500));
}

/// Four producers push `per_producer` jobs each while four workers take
/// them; then the stop. Says whether every job was done exactly once and
/// every worker stopped, in time.
pub fn on_four_threads(per_producer: u32) -> String {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let (jobs, stop) = (Arc::new(Jobs::default()), CancellationToken::new());
        let done = Arc::new(Mutex::new(Vec::new()));
        let tracker = TaskTracker::new();
        for _ in 0..4 {
            let (jobs, stop, done) = (jobs.clone(), stop.clone(), done.clone());
            tracker.spawn(async move {
                while let Some(job) = next_job(&jobs, &stop).await {
                    done.lock().unwrap().push(job);
                }
            });
        }
        let producers: Vec<_> = (0..4)
            .map(|p| {
                let jobs = jobs.clone();
                tokio::spawn(async move {
                    for i in 0..per_producer {
                        jobs.push(p * per_producer + i);
                        tokio::task::yield_now().await;
                    }
                })
            })
            .collect();
        let all = async {
            for producer in producers {
                producer.await.unwrap();
            }
            stop.cancel();
            tracker.close();
            tracker.wait().await;
        };
        let total = 4 * per_producer;
        if tokio::time::timeout(Duration::from_secs(10), all).await.is_err() {
            return "on four threads: a worker still runs after 10 s".to_owned();
        }
        let mut done = done.lock().unwrap().clone();
        done.sort_unstable();
        if done == (0..total).collect::<Vec<_>>() {
            format!("on four threads: {total} jobs, each done once by 4 workers, then all stopped")
        } else {
            format!("on four threads: {} of {total} jobs done, or some twice", done.len())
        }
    })
}
