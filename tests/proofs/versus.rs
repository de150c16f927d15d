//! Chapter 3: Notify versus CancellationToken, twins and fixes.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use tokio::sync::Notify;
use tokio_test::task::spawn;
use tokio_test::{assert_pending, assert_ready};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::listing_03_11;

#[test]
fn twin_a_bare_notify_as_shutdown_never_reaches_a_task_that_starts_later() {
    let shutdown = Notify::new();
    shutdown.notify_waiters();
    let mut late = spawn(shutdown.notified());
    assert_pending!(late.poll());
    assert!(!late.is_woken());
}

#[test]
fn a_token_reaches_a_task_that_starts_later() {
    let shutdown = CancellationToken::new();
    shutdown.cancel();
    assert_ready!(spawn(shutdown.cancelled()).poll());
}

#[test]
fn twin_a_token_as_a_recurring_signal_stays_fired_after_the_first_time() {
    let changed = CancellationToken::new();
    changed.cancel(); // the first "change"
    for _ in 0..1_000 {
        assert_ready!(spawn(changed.cancelled()).poll()); // every wait: at once
    }
}

#[test]
fn a_notify_as_a_recurring_signal_waits_again_after_each_ring() {
    let changed = Notify::new();
    for _ in 0..3 {
        let mut wait = spawn(changed.notified());
        assert_pending!(wait.poll());
        changed.notify_one();
        assert_ready!(wait.poll());
    }
    assert_pending!(spawn(changed.notified()).poll());
}

async fn worker_with_cleanup(stop: CancellationToken, cleaned: Arc<AtomicU32>) {
    stop.cancelled().await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    cleaned.fetch_add(1, Ordering::Release);
}

fn paused_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap()
}

#[test]
fn twin_cancelling_without_waiting_lets_the_program_end_before_any_cleanup() {
    let cleaned = Arc::new(AtomicU32::new(0));
    paused_runtime().block_on(async {
        let stop = CancellationToken::new();
        for _ in 0..3 {
            tokio::spawn(worker_with_cleanup(stop.clone(), cleaned.clone()));
        }
        stop.cancel();
    }); // main returns: the runtime drops the unfinished tasks
    assert_eq!(cleaned.load(Ordering::Acquire), 0);
}

#[test]
fn cancel_then_wait_on_a_task_tracker_lets_every_cleanup_finish() {
    let cleaned = Arc::new(AtomicU32::new(0));
    paused_runtime().block_on(async {
        let stop = CancellationToken::new();
        let tracker = TaskTracker::new();
        for _ in 0..3 {
            tracker.spawn(worker_with_cleanup(stop.clone(), cleaned.clone()));
        }
        stop.cancel();
        tracker.close();
        tracker.wait().await;
    });
    assert_eq!(cleaned.load(Ordering::Acquire), 3);
}

#[test]
fn hybrid_next_job_takes_queued_work_before_it_stops() {
    let jobs = listing_03_11::Jobs::default();
    let stop = CancellationToken::new();
    jobs.queue.lock().unwrap().extend([1, 2]);
    stop.cancel();
    assert_eq!(
        assert_ready!(spawn(listing_03_11::next_job(&jobs, &stop)).poll()),
        Some(1)
    );
    assert_eq!(
        assert_ready!(spawn(listing_03_11::next_job(&jobs, &stop)).poll()),
        Some(2)
    );
    assert_eq!(
        assert_ready!(spawn(listing_03_11::next_job(&jobs, &stop)).poll()),
        None
    );
}

#[test]
fn hybrid_two_idle_workers_each_wake_for_one_of_two_jobs() {
    let jobs = listing_03_11::Jobs::default();
    let stop = CancellationToken::new();
    let mut a = spawn(listing_03_11::next_job(&jobs, &stop));
    let mut b = spawn(listing_03_11::next_job(&jobs, &stop));
    assert_pending!(a.poll());
    assert_pending!(b.poll());
    for job in [1, 2] {
        jobs.queue.lock().unwrap().push_back(job);
        jobs.bell.notify_one();
    }
    assert!(a.is_woken() && b.is_woken());
    assert_eq!(assert_ready!(a.poll()), Some(1));
    assert_eq!(assert_ready!(b.poll()), Some(2));
}

#[test]
fn hybrid_an_idle_worker_stops_when_cancelled() {
    let jobs = listing_03_11::Jobs::default();
    let stop = CancellationToken::new();
    let mut idle = spawn(listing_03_11::next_job(&jobs, &stop));
    assert_pending!(idle.poll());
    stop.cancel();
    assert!(idle.is_woken());
    assert_eq!(assert_ready!(idle.poll()), None);
}

#[test]
fn hybrid_a_picked_worker_that_is_dropped_passes_the_ring_on() {
    // A and B wait; the ring for job 1 picks A, the oldest; A's next_job
    // future is dropped before it runs (its worker was cancelled). The ring
    // goes to B (rule 10), so job 1 is not stranded.
    let jobs = listing_03_11::Jobs::default();
    let stop = CancellationToken::new();
    let mut a = spawn(listing_03_11::next_job(&jobs, &stop));
    let mut b = spawn(listing_03_11::next_job(&jobs, &stop));
    assert_pending!(a.poll());
    assert_pending!(b.poll());
    jobs.queue.lock().unwrap().push_back(1);
    jobs.bell.notify_one(); // picks A
    assert!(a.is_woken() && !b.is_woken());
    drop(a);
    assert!(b.is_woken(), "the ring was passed on");
    assert_eq!(assert_ready!(b.poll()), Some(1));
}

#[test]
fn hybrid_a_job_that_arrives_with_the_stop_is_still_taken() {
    // A parked worker sees the ring and the cancellation at its next poll;
    // select! picks a ready branch at random, and either way the job is
    // taken. Repeated to cover both orders.
    for _ in 0..200 {
        let jobs = listing_03_11::Jobs::default();
        let stop = CancellationToken::new();
        let mut worker = spawn(listing_03_11::next_job(&jobs, &stop));
        assert_pending!(worker.poll());
        jobs.queue.lock().unwrap().push_back(7);
        jobs.bell.notify_one();
        stop.cancel();
        assert_eq!(assert_ready!(worker.poll()), Some(7));
    }
}
