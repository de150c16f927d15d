// Listing 3-16: work raced against a stop, written so that both outcomes are
// right: a job the stop interrupts goes back to the queue, so no job is lost
// whichever wins, and it does not matter which one tokio lets win a tie.
use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::sleep;
use tokio_util::sync::CancellationToken;

// ANCHOR: shown
#[derive(Debug, PartialEq)]
pub enum Outcome {
    Done(u32),
    PutBack(u32),
    Idle,
}

/// Takes one job and runs it unless the stop comes first.
pub async fn run_one(
    queue: &Mutex<VecDeque<u32>>,
    stop: &CancellationToken,
) -> Outcome {
    let Some(job) = queue.lock().unwrap().pop_front() else {
        return Outcome::Idle;
    };
    match stop.run_until_cancelled(work(job)).await {
        Some(result) => Outcome::Done(result),
        None => {
            queue.lock().unwrap().push_front(job); // not lost: for the next run
            Outcome::PutBack(job)
        }
    }
}
// ANCHOR_END: shown

/// The job itself: `job` milliseconds of work.
pub async fn work(job: u32) -> u32 {
    sleep(Duration::from_millis(job.into())).await;
    job
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // ANCHOR: shown
    let queue = Mutex::new(VecDeque::from([10, 50]));
    let stop = CancellationToken::new();
    println!("{:?}", run_one(&queue, &stop).await);
    let canceller = stop.clone();
    tokio::spawn(async move {
        sleep(Duration::from_millis(20)).await;
        canceller.cancel();
    });
    println!("{:?}", run_one(&queue, &stop).await);
    println!("left in the queue: {:?}", queue.lock().unwrap());
    // ANCHOR_END: shown
}
