// Listing 3-14: JoinSet and TaskTracker both wait for a group of tasks.
// A JoinSet hands back each task's output, in the order they finish, and
// aborts what is left when dropped; a TaskTracker keeps no outputs and
// aborts nothing.
use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::sleep;
use tokio_util::task::TaskTracker;

// ANCHOR: shown
/// A task that takes `ms` milliseconds and returns its name.
pub async fn job(name: &'static str, ms: u64) -> &'static str {
    sleep(Duration::from_millis(ms)).await;
    name
}

/// Runs the jobs in a JoinSet; returns their outputs as they finish.
pub async fn outputs_as_they_finish(
    jobs: &[(&'static str, u64)],
) -> Vec<&'static str> {
    let mut set = JoinSet::new();
    for &(name, ms) in jobs {
        set.spawn(job(name, ms));
    }
    let mut done = Vec::new();
    while let Some(output) = set.join_next().await {
        done.push(output.unwrap());
    }
    done
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // ANCHOR: shown
    let jobs = [("a", 30), ("b", 10), ("c", 20)];
    println!("JoinSet:     {:?}", outputs_as_they_finish(&jobs).await);

    let tracker = TaskTracker::new();
    for (name, ms) in jobs {
        tracker.spawn(job(name, ms)); // the output is dropped
    }
    tracker.close(); // without close(), wait() would never return
    tracker.wait().await;
    println!("TaskTracker: all {} finished", jobs.len());
    // ANCHOR_END: shown
}
