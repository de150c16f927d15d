// Listing 1-4: one ring before anyone waits. std's Condvar forgets it;
// thread::park/unpark and tokio's Notify keep it.
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::Notify;

// ANCHOR: shown
/// Condvar: ring with notify_one(), then wait. Was the wait woken?
pub fn condvar_early_ring_wakes_a_later_wait() -> bool {
    let (lock, bell) = (Mutex::new(()), Condvar::new());
    bell.notify_one(); // nobody is waiting yet
    let guard = lock.lock().unwrap();
    let (_guard, result) =
        bell.wait_timeout(guard, Duration::from_millis(20)).unwrap();
    !result.timed_out()
}

/// park/unpark: unpark this thread, then park it. Did park return at once?
pub fn park_early_ring_wakes_a_later_wait() -> bool {
    let start = Instant::now();
    std::thread::current().unpark(); // nobody is parked yet
    std::thread::park_timeout(Duration::from_secs(1));
    start.elapsed() < Duration::from_millis(500)
}

/// Notify: ring with notify_one(), then wait. Was the wait woken?
pub async fn notify_early_ring_wakes_a_later_wait() -> bool {
    let bell = Notify::new();
    bell.notify_one(); // nobody is waiting yet
    let wait = tokio::time::timeout(Duration::from_secs(1), bell.notified());
    wait.await.is_ok()
}
// ANCHOR_END: shown

fn verdict(kept: bool) -> &'static str {
    if kept {
        "kept: the later wait returned at once"
    } else {
        "lost: the later wait timed out"
    }
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // ANCHOR: shown
    // The first two block the thread: fine in a demo with nothing else to
    // run, never inside a task (use spawn_blocking there).
    let condvar = condvar_early_ring_wakes_a_later_wait();
    let park = park_early_ring_wakes_a_later_wait();
    let notify = notify_early_ring_wakes_a_later_wait().await;
    // ANCHOR_END: shown
    println!("Condvar:     {}", verdict(condvar));
    println!("park/unpark: {}", verdict(park));
    println!("Notify:      {}", verdict(notify));
}
