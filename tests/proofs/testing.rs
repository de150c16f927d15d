//! Chapter 4: the testing tools do what the chapter says, on the listings'
//! own code, and each catches the mistake it is shown catching.
//!
//! The waker-clone hook of "How this book proves things" is tested here
//! too. It rests on an internal detail of tokio, so its own test
//! (`the_clone_hook_runs_between_the_look_and_the_registration`) is the one
//! to watch when tokio is upgraded: it fails if `Notified`'s first poll
//! stops cloning the waker after its look for a permit and before it takes
//! the waiters' lock (tokio 1.54.1, `NotifiedProject::poll_notified`).

use std::cell::Cell;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::Poll;
use std::time::Duration;

use tokio::sync::Notify;
use tokio_test::task::spawn;
use tokio_test::{assert_pending, assert_ready_eq};

use crate::support::{poll_with_clone_hook as hook, run_with_deadline};
use crate::{listing_04_01, listing_04_02, listing_04_03, listing_04_04};
use crate::{listing_04_05, listing_04_06, listing_04_07};

fn paused() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap()
}

// ---------------------------------------------------------------------------
// Listing 4-1: tokio-test.

/// Fact: documented(tokio-test-spawn)
#[test]
fn tokio_test_spawn_runs_nothing_until_the_test_polls() {
    let mailbox = listing_04_01::Mailbox::default();
    mailbox.deliver("early");
    let mut collect = spawn(mailbox.collect());
    assert_eq!(
        mailbox.letters.lock().unwrap().len(),
        1,
        "not collected yet"
    );
    assert_ready_eq!(collect.poll(), "early");
    assert!(mailbox.letters.lock().unwrap().is_empty());
}

/// Fact: documented(tokio-test-is-woken, notify-one-wakes-or-stores)
#[test]
fn the_tokio_test_example_passes_and_sees_the_wake_up() {
    listing_04_01::collect_waits_then_wakes_on_delivery();
}

/// Fact: documented(tokio-test-is-woken)
#[test]
fn is_woken_stays_false_when_nothing_rings() {
    // A delivery that skips the bell: is_woken() is how a test notices.
    let mailbox = listing_04_01::Mailbox::default();
    let mut collect = spawn(mailbox.collect());
    assert_pending!(collect.poll());
    mailbox.letters.lock().unwrap().push_back("quiet".into());
    assert!(!collect.is_woken());
    assert_pending!(collect.poll()); // and it would wait forever
}

// ---------------------------------------------------------------------------
// Listing 4-2: a counting waker.

/// Fact: documented(notify-one-wakes-or-stores)
#[test]
fn a_counting_waker_sees_one_wake_per_waiter_and_none_for_the_extra_call() {
    assert_eq!(listing_04_02::wakes_per_notify_one(), [1, 2, 2]);
}

// ---------------------------------------------------------------------------
// Listing 4-3: paused time.

/// Fact: documented(paused-time-auto-advances)
#[test]
fn a_paused_clock_jumps_to_the_timeout_at_once() {
    let real = std::time::Instant::now();
    paused().block_on(async {
        let start = Notify::new();
        let began = tokio::time::Instant::now();
        let limit = Duration::from_secs(30);
        let result = listing_04_03::wait_for_start(&start, limit).await;
        assert!(result.is_err());
        assert_eq!(
            began.elapsed(),
            limit,
            "exactly the limit, on tokio's clock"
        );
    });
    assert!(real.elapsed() < Duration::from_secs(30), "no real waiting");
}

/// Fact: documented(paused-clock-advances-while-waiting-for-io)
#[test]
fn a_paused_clock_jumps_even_while_a_task_waits_for_a_socket() {
    // Real I/O does not hold the paused clock back: with nothing else to
    // run, the timer around a read that gets no data fires at once.
    let real = std::time::Instant::now();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .unwrap()
        .block_on(async {
            use tokio::io::AsyncReadExt;
            let (_client, mut server) = crate::listing_05_02::pair().await;
            let began = tokio::time::Instant::now();
            let limit = Duration::from_secs(30);
            let mut buffer = [0; 16];
            let read = server.read(&mut buffer);
            assert!(tokio::time::timeout(limit, read).await.is_err());
            assert_eq!(began.elapsed(), limit);
        });
    assert!(real.elapsed() < Duration::from_secs(30), "no real waiting");
}

// ---------------------------------------------------------------------------
// Listing 4-4: a seam at the code's own look.

/// Fact: documented(notify-one-wakes-or-stores)
#[test]
fn a_delivery_in_the_gap_after_the_look_is_kept_and_collected() {
    let (first_poll, _, left) =
        listing_04_04::send_in_the_gap(listing_04_04::Mailbox::deliver);
    assert_eq!(first_poll, Poll::Ready("hello".to_owned()));
    assert_eq!(left, 0, "the letter was collected");
}

/// Fact: documented(notify-waiters-stores-nothing)
#[test]
fn twin_a_broadcast_in_the_gap_after_the_look_is_lost() {
    let (first_poll, woken, left) =
        listing_04_04::send_in_the_gap(listing_04_04::Mailbox::announce);
    assert_eq!(first_poll, Poll::Pending, "the collector waits");
    assert!(!woken, "and nothing will wake it");
    assert_eq!(left, 1, "next to the letter");
}

// ---------------------------------------------------------------------------
// The waker-clone hook (Part II, "How this book proves things"): where
// tokio 1.54.1's first poll of a `Notified` clones the waker. Internal: it
// holds while `NotifiedProject::poll_notified` clones the waker after its
// look for a permit and before it takes the waiters' lock.

/// Whether `test` finishes within `limit` (a deadlocked `test` is left
/// blocked on its own thread).
fn finishes_within(
    limit: Duration,
    test: impl FnOnce() + Send + 'static,
) -> bool {
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        test();
        let _ = done.send(());
    });
    finished.recv_timeout(limit).is_ok()
}

/// Fact: internal
#[test]
fn the_clone_hook_runs_between_the_look_and_the_registration() {
    // The hook's own test: it rings inside the hook. The ring finds nobody
    // registered and stores a permit, which the same poll then takes under
    // its lock. No clone: the hook never runs. A clone after the
    // registration: the poll returns Pending. A clone under the lock: the
    // ring deadlocks, and the deadline fails the test.
    run_with_deadline(10, "the clone hook's self-test", || {
        let notify = Notify::new();
        let mut notified = pin!(notify.notified());
        let ran = Cell::new(false);
        let first_poll = hook(notified.as_mut(), || {
            ran.set(true);
            notify.notify_one(); // nobody registered yet: stores a permit
        });
        assert!(ran.get(), "the hook never ran: no clone");
        assert_eq!(first_poll, Poll::Ready(()), "the hook ran too late");
    });
}

/// Fact: internal
#[test]
fn without_a_ring_in_the_hook_the_same_first_poll_waits() {
    let notify = Notify::new();
    let mut notified = pin!(notify.notified());
    let ran = Cell::new(false);
    let poll = hook(notified.as_mut(), || ran.set(true));
    assert!(ran.get());
    assert_eq!(poll, Poll::Pending);
}

/// Fact: internal
#[test]
fn after_enable_the_hook_runs_under_tokios_lock_and_a_ring_there_deadlocks() {
    // After enable(), the next poll is a re-poll: tokio clones the waker
    // while it holds the Notify's lock. A quarter of a second is hundreds
    // of times what the poll takes when the ring does not block.
    let finished = finishes_within(Duration::from_millis(250), || {
        let notify = Notify::new();
        let mut notified = pin!(notify.notified());
        notified.as_mut().enable();
        let _ = hook(notified.as_mut(), || notify.notify_one());
    });
    assert!(!finished, "the ring inside the hook did not block");
}

// ---------------------------------------------------------------------------
// Listing 4-5: deadlines.

/// Fact: documented(recv-timeout)
#[test]
fn the_deadline_turns_a_hang_into_a_failure() {
    let result =
        listing_04_05::with_deadline(Duration::from_millis(100), || {
            tokio_test::block_on(Notify::new().notified());
        });
    assert!(result.unwrap_err().contains("not finished after 100ms"));
}

/// Fact: documented(recv-timeout)
#[test]
fn the_deadline_passes_a_test_that_finishes() {
    let result = listing_04_05::with_deadline(Duration::from_secs(60), || {
        listing_04_05::stress_queue(100)
    });
    assert_eq!(result, Ok(()));
}

// ---------------------------------------------------------------------------
// Listing 4-6: what a waiting task leaves behind.

/// Fact: internal
#[test]
fn a_parked_notified_holds_one_clone_of_the_waker_and_is_woken() {
    let bell = Notify::new();
    let parked = listing_04_06::parked(bell.notified(), || bell.notify_one());
    assert_eq!(parked, (1, true));
}

/// Fact: documented(a-pending-future-keeps-the-waker)
#[test]
fn twin_a_wait_that_keeps_no_waker_is_never_woken() {
    let flag = AtomicBool::new(false);
    let parked = listing_04_06::parked(listing_04_06::FlagWait(&flag), || {
        flag.store(true, Ordering::Release)
    });
    assert_eq!(parked, (0, false));
}

// ---------------------------------------------------------------------------
// Listing 4-7: timeout and re-check.

/// Fact: documented(notify-one-wakes-or-stores, paused-time-auto-advances)
#[test]
fn the_recheck_turns_a_lost_wake_up_into_one_period_of_latency() {
    paused().block_on(async {
        let mailbox = listing_04_07::Mailbox::default();
        let period = Duration::from_secs(1);
        let start = tokio::time::Instant::now();
        let (letter, ()) =
            tokio::join!(listing_04_07::collect(&mailbox, period), async {
                tokio::time::sleep(Duration::from_millis(300)).await;
                mailbox.deliver_quietly("quiet");
            });
        assert_eq!(letter, "quiet");
        assert_eq!(start.elapsed(), period, "found at the first re-check");
    });
}

/// Fact: documented(notify-one-wakes-or-stores, paused-time-auto-advances)
#[test]
fn the_recheck_returns_at_once_on_a_real_wake_up() {
    paused().block_on(async {
        let mailbox = listing_04_07::Mailbox::default();
        let start = tokio::time::Instant::now();
        let (letter, ()) = tokio::join!(
            listing_04_07::collect(&mailbox, Duration::from_secs(1)),
            async {
                tokio::time::sleep(Duration::from_millis(300)).await;
                mailbox.deliver("rung");
            }
        );
        assert_eq!(letter, "rung");
        assert_eq!(start.elapsed(), Duration::from_millis(300));
    });
}

/// Fact: documented(notified-waits-for-notify-one, paused-time-auto-advances)
#[test]
fn the_recheck_keeps_waiting_while_the_state_is_unchanged() {
    // A timeout is not an answer: with nothing there, it waits again.
    paused().block_on(async {
        let mailbox = Arc::new(listing_04_07::Mailbox::default());
        let hour = Duration::from_secs(3600);
        let collect = listing_04_07::collect(&mailbox, Duration::from_secs(1));
        assert!(tokio::time::timeout(hour, collect).await.is_err());
    });
}
