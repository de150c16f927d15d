//! Chapter 3: Notify versus CancellationToken, twins and fixes.

use std::pin::pin;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::task::Poll;

use tokio::sync::Notify;
use tokio_test::task::spawn;
use tokio_test::{assert_pending, assert_ready, assert_ready_eq};
use tokio_util::sync::CancellationToken;

use crate::examples::{Consumer, both_look_then_produce};
use crate::support::{WakeHook, poll_noop, run_with_deadline};
use crate::{listing_03_01, listing_03_02, listing_03_03, listing_03_04};
use crate::{
    listing_03_08, listing_03_09, listing_03_11, listing_03_15, listing_03_16,
};

/// Fact: documented(notify-waiters-stores-nothing)
#[test]
fn twin_a_bare_notify_as_shutdown_never_reaches_a_task_that_starts_later() {
    let shutdown = Arc::new(Notify::new());
    listing_03_01::shut_down(&shutdown);
    let mut late = spawn(listing_03_01::worker(shutdown.clone()));
    assert_pending!(late.poll());
    assert!(!late.is_woken());
    assert_pending!(late.poll()); // and nothing will ever wake it
}

/// Fact: documented(cancelled-after-cancel-is-ready)
#[test]
fn a_token_reaches_a_task_that_starts_later() {
    let shutdown = CancellationToken::new();
    listing_03_02::shut_down(&shutdown);
    assert_ready!(spawn(listing_03_02::worker(shutdown.clone())).poll());
}

/// Fact: documented(cancelled-after-cancel-is-ready)
#[test]
fn twin_a_token_as_a_recurring_signal_stays_fired_after_the_first_time() {
    let changed = CancellationToken::new();
    let mut reloader = spawn(listing_03_03::reloader(changed.clone()));
    assert_pending!(reloader.poll()); // it waits for the first change
    changed.cancel(); // the first "change"
    // One poll: every later wait returned at once, up to the loop bound.
    assert_ready_eq!(reloader.poll(), 1_000);
}

/// Fact: documented(permit-before-the-wait)
#[test]
fn a_notify_as_a_recurring_signal_waits_again_after_each_ring() {
    let changed = Arc::new(Notify::new());
    let mut reloader = spawn(listing_03_04::reloader(changed.clone()));
    assert_pending!(reloader.poll());
    for _ in 0..2 {
        changed.notify_one(); // one change: one reload...
        assert!(reloader.is_woken());
        assert_pending!(reloader.poll()); // ...and it waits again
    }
    changed.notify_one();
    assert_ready!(reloader.poll()); // the third reload ends the loop
}

fn paused_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap()
}

/// Fact: observed
#[test]
fn twin_cancelling_without_waiting_lets_the_program_end_before_any_cleanup() {
    let runtime = paused_runtime();
    let stop = CancellationToken::new();
    runtime.block_on(listing_03_08::shut_down(stop.clone())); // main's body
    // main has returned: no worker has cleaned up...
    assert_eq!(listing_03_08::CLEANED_UP.load(Ordering::SeqCst), 0);
    // ...although all three were told to: had main waited, they would have.
    assert!(stop.is_cancelled());
    runtime.block_on(async {
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    });
    assert_eq!(listing_03_08::CLEANED_UP.load(Ordering::SeqCst), 3);
}

/// Fact: documented(tracker-waits-closed-and-empty)
#[test]
fn cancel_then_wait_on_a_task_tracker_lets_every_cleanup_finish() {
    let runtime = paused_runtime();
    runtime.block_on(listing_03_09::shut_down(CancellationToken::new()));
    // shut_down has returned: every worker has cleaned up.
    assert_eq!(listing_03_09::CLEANED_UP.load(Ordering::SeqCst), 3);
}

/// Fact: documented(cancelled-after-cancel-is-ready)
#[test]
fn hybrid_next_job_takes_queued_work_before_it_stops() {
    let jobs = listing_03_11::Jobs::default();
    let stop = CancellationToken::new();
    jobs.push(1);
    jobs.push(2);
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

/// Fact: documented(enable-for-several-consumers)
#[test]
fn hybrid_two_idle_workers_each_wake_for_one_of_two_jobs() {
    // Chapter 2's unlucky order (both look before either waits, then two
    // jobs arrive) on the real next_job: it registers before it looks, so
    // each job's ring picks one worker.
    run_with_deadline(20, "Listing 3-11, the unlucky order", || {
        let jobs = Arc::new(listing_03_11::Jobs::default());
        let stop = CancellationToken::new();
        let worker = || -> Consumer<Option<u32>> {
            let (jobs, stop) = (jobs.clone(), stop.clone());
            Box::pin(async move { listing_03_11::next_job(&jobs, &stop).await })
        };
        let producer = jobs.clone();
        let (a_first, b_first, mut a, mut b) =
            both_look_then_produce(worker(), worker(), move || {
                producer.push(1);
                producer.push(2);
            });
        // Each worker got a job, in its first poll or, woken, in the next.
        let a_got = if a_first.is_ready() {
            a_first
        } else {
            poll_noop(a.as_mut())
        };
        let b_got = if b_first.is_ready() {
            b_first
        } else {
            poll_noop(b.as_mut())
        };
        let mut got = [a_got, b_got].map(|p| match p {
            Poll::Ready(job) => job,
            Poll::Pending => None, // asleep, not woken
        });
        got.sort();
        assert_eq!(got, [Some(1), Some(2)], "a worker sleeps next to a job");
    });
}

/// Fact: documented(reset-after-a-stolen-wakeup)
#[test]
fn hybrid_a_worker_woken_for_a_job_someone_else_took_waits_again() {
    run_with_deadline(10, "Listing 3-11, a stale wake-up", || {
        let jobs = listing_03_11::Jobs::default();
        let stop = CancellationToken::new();
        let mut worker = spawn(listing_03_11::next_job(&jobs, &stop));
        assert_pending!(worker.poll());
        jobs.push(1); // picks the worker...
        assert_eq!(jobs.queue.lock().unwrap().pop_front(), Some(1)); // ...taken
        assert_pending!(worker.poll()); // looks, finds nothing, waits again
        jobs.push(2);
        assert_eq!(assert_ready!(worker.poll()), Some(2));
    });
}

/// Fact: documented(notify-one-wakes-or-stores)
#[test]
fn hybrid_push_adds_the_job_before_it_rings() {
    let jobs = Arc::new(listing_03_11::Jobs::default());
    let stop = CancellationToken::new();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let hook = WakeHook::new({
        let (jobs, seen) = (jobs.clone(), seen.clone());
        move || seen.lock().unwrap().push(jobs.queue.lock().unwrap().len())
    });
    let mut idle = pin!(listing_03_11::next_job(&jobs, &stop));
    assert!(hook.poll(idle.as_mut()).is_pending());
    jobs.push(1);
    assert_eq!(*seen.lock().unwrap(), [1], "woken before the job was there");
}

/// Fact: documented(cancel-wakes-every-waiter)
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

/// Fact: observed
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
    jobs.push(1); // picks A
    assert!(a.is_woken() && !b.is_woken());
    drop(a);
    assert!(b.is_woken(), "the ring was passed on");
    assert_eq!(assert_ready!(b.poll()), Some(1));
}

/// Fact: documented(cancelled-after-cancel-is-ready)
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
        jobs.push(7);
        stop.cancel();
        assert_eq!(assert_ready!(worker.poll()), Some(7));
    }
}

// ---------------------------------------------------------------------------
// Listings 3-15 and 3-16: two things ready at once.

/// Fact: documented(select-cancels-the-rest, notify-waiters-stores-nothing)
#[test]
fn twin_a_bare_notify_stop_ready_with_a_job_is_dropped_by_select_and_lost() {
    let (send, jobs) = tokio::sync::mpsc::channel(8);
    let bell = Arc::new(Notify::new());
    let mut worker = spawn(listing_03_15::worker_with_bell(jobs, bell.clone()));
    assert_pending!(worker.poll()); // waits for a job and for the bell
    send.try_send(1).unwrap();
    bell.notify_waiters(); // completes the worker's Notified
    // select! takes the job and drops the completed Notified with the stop
    // in it; the next turn's Notified was made after the ring.
    assert_pending!(worker.poll());
    assert!(!worker.is_woken());
    assert_pending!(worker.poll()); // and nothing will ever stop it
}

/// Fact: documented(cancelled-after-cancel-is-ready)
#[test]
fn with_a_token_a_stop_ready_with_a_job_still_stops_the_worker() {
    let (send, jobs) = tokio::sync::mpsc::channel(8);
    let stop = CancellationToken::new();
    let mut worker =
        spawn(listing_03_15::worker_with_token(jobs, stop.clone()));
    assert_pending!(worker.poll());
    send.try_send(1).unwrap();
    stop.cancel();
    // The job comes first (biased), and the next turn's cancelled() is
    // ready at once: the stop was kept in the token.
    assert_ready_eq!(worker.poll(), 1);
}

/// Fact: documented(run-until-cancelled)
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn a_job_the_stop_does_not_interrupt_is_done_and_leaves_the_queue() {
    let queue = Mutex::new(std::collections::VecDeque::from([10]));
    let stop = CancellationToken::new();
    let outcome = listing_03_16::run_one(&queue, &stop).await;
    assert_eq!(outcome, listing_03_16::Outcome::Done(10));
    assert!(queue.lock().unwrap().is_empty());
}

/// Fact: documented(run-until-cancelled)
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn a_job_the_stop_interrupts_goes_back_to_the_queue() {
    let queue = Mutex::new(std::collections::VecDeque::from([50, 60]));
    let stop = CancellationToken::new();
    let mut run = spawn(listing_03_16::run_one(&queue, &stop));
    assert_pending!(run.poll()); // job 50 taken, its work under way
    stop.cancel();
    assert_ready_eq!(run.poll(), listing_03_16::Outcome::PutBack(50));
    assert_eq!(*queue.lock().unwrap(), [50, 60], "back at the front");
}

/// Fact: documented(run-until-cancelled-fairness)
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn a_job_whose_work_and_stop_are_ready_together_is_never_lost() {
    let queue = Mutex::new(std::collections::VecDeque::from([10]));
    let stop = CancellationToken::new();
    let mut run = spawn(listing_03_16::run_one(&queue, &stop));
    assert_pending!(run.poll());
    tokio::time::advance(std::time::Duration::from_millis(10)).await;
    stop.cancel(); // the work is due and the stop has come: a tie
    let outcome = assert_ready!(run.poll());
    let left = queue.lock().unwrap().clone();
    // Whichever one wins, the job is in exactly one place.
    match outcome {
        listing_03_16::Outcome::Done(10) => assert!(left.is_empty()),
        listing_03_16::Outcome::PutBack(10) => assert_eq!(left, [10]),
        other => panic!("unexpected {other:?}"),
    }
}

/// Fact: documented(run-until-cancelled-fairness)
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn on_a_stopped_token_the_job_goes_back_without_running() {
    let queue = Mutex::new(std::collections::VecDeque::from([10]));
    let stop = CancellationToken::new();
    stop.cancel();
    let started = tokio::time::Instant::now();
    let outcome = listing_03_16::run_one(&queue, &stop).await;
    assert_eq!(outcome, listing_03_16::Outcome::PutBack(10));
    assert_eq!(started.elapsed(), std::time::Duration::ZERO, "never ran");
    assert_eq!(*queue.lock().unwrap(), [10]);
}
