//! The primitives around `Notify` that Part I compares it with or points to:
//! std's `Condvar` and `thread::park`, `Semaphore` as a counting doorbell,
//! `SetOnce`, `OnceCell`, `Barrier`, `JoinSet`, and tokio-util's
//! `TaskTracker`, `AbortOnDropHandle` and `with_cancellation_token`.
//! Where a listing defines a function, the test calls it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::Duration;

use tokio::sync::{Barrier, Notify, OnceCell, Semaphore, SetOnce};
use tokio::task::JoinSet;
use tokio_test::task::spawn;
use tokio_test::{assert_pending, assert_ready, assert_ready_eq};
use tokio_util::future::FutureExt as _;
use tokio_util::sync::CancellationToken;
use tokio_util::task::{AbortOnDropHandle, TaskTracker};

use crate::{listing_01_04, listing_01_05, listing_02_08};
use crate::{listing_03_12, listing_03_13, listing_03_14, listing_10_09};

// ---------------------------------------------------------------------------
// Chapter 1: the bridges (Listings 1-4 and 1-5).

/// Fact: documented(condvar-does-not-buffer)
#[test]
fn a_condvar_forgets_a_notify_one_made_before_anyone_waits() {
    assert!(!listing_01_04::condvar_early_ring_wakes_a_later_wait());
}

/// Fact: documented(unpark-then-park)
#[test]
fn unpark_before_park_leaves_a_token_that_the_next_park_takes() {
    assert!(listing_01_04::park_early_ring_wakes_a_later_wait());
}

/// Fact: documented(permit-before-the-wait)
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn notify_one_before_anyone_waits_is_kept_for_the_next_wait() {
    assert!(listing_01_04::notify_early_ring_wakes_a_later_wait().await);
}

/// Fact: documented(one-permit, a-semaphore-with-no-permits)
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn three_rings_leave_one_notify_permit_but_three_semaphore_permits() {
    let (bell, counter) = (Notify::new(), Semaphore::new(0));
    for _ in 0..3 {
        bell.notify_one();
        counter.add_permits(1);
    }
    assert_eq!(listing_01_05::waits_that_return(&bell).await, 1);
    assert_eq!(listing_01_05::acquires_that_return(&counter).await, 3);
}

// ---------------------------------------------------------------------------
// Chapter 2 (D): SetOnce (Listing 2-8).

/// Fact: documented(set-once-wait)
#[test]
fn set_once_wakes_every_waiter_and_a_late_one_returns_at_once() {
    let config = Arc::new(SetOnce::new());
    let mut a = spawn(listing_02_08::worker("A", config.clone()));
    let mut b = spawn(listing_02_08::worker("B", config.clone()));
    assert_pending!(a.poll());
    assert_pending!(b.poll());
    listing_02_08::publish(&config, "v1").unwrap();
    assert!(a.is_woken() && b.is_woken());
    assert_ready_eq!(a.poll(), "A: started with v1");
    assert_ready_eq!(b.poll(), "B: started with v1");
    let mut late = spawn(listing_02_08::worker("late", config.clone()));
    assert_ready_eq!(late.poll(), "late: started with v1");
}

/// Fact: documented(set-once-set-twice)
#[test]
fn set_once_refuses_a_second_set_and_gives_the_value_back() {
    let config = SetOnce::new();
    assert_eq!(listing_02_08::publish(&config, "v1"), Ok(()));
    assert_eq!(listing_02_08::publish(&config, "v2"), Err("v2".to_owned()));
    assert_eq!(config.get().map(String::as_str), Some("v1"));
}

// ---------------------------------------------------------------------------
// Chapter 3: with_cancellation_token (Listing 3-12).

fn flag() -> Arc<AtomicBool> {
    Arc::new(AtomicBool::new(false))
}

/// Fact: documented(run-until-cancelled)
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn with_cancellation_token_gives_the_output_when_the_work_wins() {
    let stop = CancellationToken::new();
    let got = listing_03_12::fetch_unless_cancelled(1, &stop, flag()).await;
    assert_eq!(got.as_deref(), Some("page 1"));
}

/// Fact: documented(run-until-cancelled)
#[test]
fn with_cancellation_token_gives_none_when_the_token_fires_first() {
    let stop = CancellationToken::new();
    let started = flag();
    let mut fetch = spawn(listing_03_12::fetch_unless_cancelled(
        2,
        &stop,
        started.clone(),
    ));
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap()
        .block_on(async {
            assert_pending!(fetch.poll()); // the fetch is under way
            assert!(started.load(Ordering::Acquire));
            stop.cancel();
            assert!(fetch.is_woken());
            assert_ready_eq!(fetch.poll(), None);
        });
}

/// Fact: documented(with-cancellation-token-fairness)
#[test]
fn with_cancellation_token_on_a_cancelled_token_drops_the_work_when_created() {
    // Checked when the adapter is made, not when it is first polled: the
    // work is dropped on the spot and never starts.
    struct Probe(Arc<AtomicBool>);
    impl Drop for Probe {
        fn drop(&mut self) {
            self.0.store(true, Ordering::Release);
        }
    }
    let stop = CancellationToken::new();
    stop.cancel();
    let (dropped, started) = (flag(), flag());
    let probe = Probe(dropped.clone());
    let work = {
        let started = started.clone();
        async move {
            let _probe = probe;
            started.store(true, Ordering::Release);
        }
    };
    let adapter = work.with_cancellation_token(&stop);
    assert!(dropped.load(Ordering::Acquire), "dropped before any poll");
    assert_ready_eq!(spawn(adapter).poll(), None);
    assert!(!started.load(Ordering::Acquire));
    // And through the listing's own function:
    let started = flag();
    let mut third = spawn(listing_03_12::fetch_unless_cancelled(
        3,
        &stop,
        started.clone(),
    ));
    assert_ready_eq!(third.poll(), None);
    assert!(!started.load(Ordering::Acquire));
}

/// Fact: observed
#[test]
fn with_cancellation_token_made_before_a_cancel_still_polls_the_work_first() {
    // Made before the cancel, first polled after it: the adapter's only
    // look at the token was when it was made, so the ready work wins.
    let stop = CancellationToken::new();
    let made = listing_03_12::cached_unless_cancelled(&stop);
    stop.cancel();
    assert_ready_eq!(spawn(made).poll(), Some("cached page"));
    // run_until_cancelled, in the same order, looks at its first poll:
    let token = CancellationToken::new();
    let run = token.run_until_cancelled(async { "cached page" });
    token.cancel();
    assert_ready_eq!(spawn(run).poll(), None);
}

// ---------------------------------------------------------------------------
// Chapter 3: AbortOnDropHandle (Listing 3-13), JoinSet and TaskTracker
// (Listing 3-14).

async fn beats_after(count: &Arc<AtomicU32>, ms: u64) -> u32 {
    tokio::time::sleep(Duration::from_millis(ms)).await;
    count.load(Ordering::Acquire)
}

/// Fact: documented(join-handle-detaches)
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn dropping_a_join_handle_lets_the_task_run_on() {
    let beats = Arc::new(AtomicU32::new(0));
    let handle = tokio::spawn(listing_03_13::heartbeat(beats.clone()));
    let before = beats_after(&beats, 35).await;
    drop(handle);
    assert!(beats_after(&beats, 100).await > before, "the task stopped");
}

/// Fact: documented(abort-on-drop)
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn dropping_an_abort_on_drop_handle_aborts_the_task() {
    let beats = Arc::new(AtomicU32::new(0));
    let guard = AbortOnDropHandle::new(tokio::spawn(listing_03_13::heartbeat(
        beats.clone(),
    )));
    let task = guard.abort_handle();
    let before = beats_after(&beats, 35).await;
    drop(guard);
    assert_eq!(beats_after(&beats, 100).await, before, "the task beat on");
    assert!(task.is_finished());
}

/// Fact: documented(join-next-returns-the-first-done)
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn a_join_set_hands_back_outputs_in_the_order_the_tasks_finish() {
    let jobs = [("a", 30), ("b", 10), ("c", 20)];
    let done = listing_03_14::outputs_as_they_finish(&jobs).await;
    assert_eq!(done, ["b", "c", "a"]);
}

/// Fact: documented(join-set-drop-aborts, tracker-drop-does-not-abort)
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn dropping_a_join_set_aborts_its_tasks_and_dropping_a_tracker_does_not()
{
    let (in_set, in_tracker) =
        (Arc::new(AtomicU32::new(0)), Arc::new(AtomicU32::new(0)));
    let mut set = JoinSet::new();
    set.spawn(listing_03_13::heartbeat(in_set.clone()));
    let tracker = TaskTracker::new();
    tracker.spawn(listing_03_13::heartbeat(in_tracker.clone()));
    let (set_before, tracker_before) = (
        beats_after(&in_set, 35).await,
        in_tracker.load(Ordering::Acquire),
    );
    drop(set);
    drop(tracker);
    assert_eq!(
        beats_after(&in_set, 100).await,
        set_before,
        "JoinSet's task beat on"
    );
    assert!(
        in_tracker.load(Ordering::Acquire) > tracker_before,
        "the tracker's task stopped"
    );
}

/// Fact: documented(tracker-waits-closed-and-empty)
#[test]
fn a_task_tracker_waits_until_it_is_closed_and_empty() {
    let tracker = TaskTracker::new();
    let mut wait = spawn(tracker.wait());
    assert_pending!(wait.poll()); // empty, but not closed
    tracker.close();
    assert!(wait.is_woken());
    assert_ready!(wait.poll());
}

// ---------------------------------------------------------------------------
// Chapter 10, the primitives side by side: OnceCell (Listing 10-9) and
// Barrier (Listing 10-10).

/// Fact: documented(once-cell-waits-for-the-initialiser)
#[test]
fn once_cell_runs_the_initialiser_once_and_callers_meanwhile_wait_for_it() {
    let cell = OnceCell::new();
    let loads_before = listing_10_09::LOADS.load(Ordering::Relaxed);
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap()
        .block_on(async {
            let mut first = spawn(listing_10_09::settings(&cell));
            let mut second = spawn(listing_10_09::settings(&cell));
            assert_pending!(first.poll()); // loading
            assert_pending!(second.poll()); // waits for the same load
            tokio::time::sleep(Duration::from_millis(50)).await;
            assert_ready_eq!(first.poll(), "settings");
            assert!(second.is_woken());
            assert_ready_eq!(second.poll(), "settings");
        });
    let loads = listing_10_09::LOADS.load(Ordering::Relaxed) - loads_before;
    assert_eq!(loads, 1);
}

/// Fact: documented(barrier-waits-for-all)
#[test]
fn a_barrier_lets_nobody_through_until_all_have_arrived() {
    let barrier = Barrier::new(3);
    let mut first = spawn(barrier.wait());
    let mut second = spawn(barrier.wait());
    assert_pending!(first.poll());
    assert_pending!(second.poll());
    let mut third = spawn(barrier.wait());
    let last = assert_ready!(third.poll());
    assert!(first.is_woken() && second.is_woken());
    let leaders = [
        assert_ready!(first.poll()),
        assert_ready!(second.poll()),
        last,
    ]
    .iter()
    .filter(|r| r.is_leader())
    .count();
    assert_eq!(leaders, 1);
}
