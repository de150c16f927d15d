//! Chapter 4: the testing tools do what the chapter says, on the listings'
//! own code, and each catches the mistake it is shown catching.
//!
//! The waker-clone hook's own test (`the_clone_hook_runs_between_the_look_and_the_registration`)
//! is the one to watch when tokio is upgraded: it fails if `Notified`'s
//! first poll stops cloning the waker after its look for a permit and
//! before it joins the queue of waiters (tokio 1.54.1, `sync/notify.rs`
//! line 1142).

use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::Poll;
use std::time::Duration;

use tokio::sync::Notify;
use tokio_test::task::spawn;
use tokio_test::{assert_pending, assert_ready_eq};

use crate::support::run_with_deadline;
use crate::{listing_02_04, listing_02_05};
use crate::{listing_04_01, listing_04_02, listing_04_03, listing_04_04};
use crate::{listing_04_05, listing_04_06, listing_04_07};
use listing_04_04::poll_with_clone_hook as hook;

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

/// Fact: documented(tokio-test-is-woken)
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

/// Fact: documented(paused-time-auto-advances)
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
// Listing 4-4: the waker-clone hook.

/// Fact: internal
#[test]
fn the_clone_hook_runs_between_the_look_and_the_registration() {
    run_with_deadline(10, "the clone hook's self-test", || {
        listing_04_04::hook_runs_between_look_and_registration();
    });
}

/// Fact: internal
#[test]
fn without_a_ring_in_the_hook_the_same_first_poll_waits() {
    let notify = Notify::new();
    let mut notified = pin!(notify.notified());
    let ran = AtomicBool::new(false);
    let poll = listing_04_04::poll_with_clone_hook(notified.as_mut(), || {
        ran.store(true, Ordering::SeqCst);
    });
    assert!(ran.load(Ordering::SeqCst));
    assert_eq!(poll, Poll::Pending);
}

/// Fact: internal
#[test]
fn the_clone_hook_catches_listing_2_4s_lost_wake_up() {
    run_with_deadline(10, "two consumers in the gap", || {
        // Listing 2-4 (look, then wait): A and B both look, then two pushes
        // land in A's gap and in B's. B takes the only permit; A sleeps.
        let queue = listing_02_04::Queue::default();
        let (mut a, mut b) = (pin!(queue.pop()), pin!(queue.pop()));
        let mut b_got = None;
        let a_got = hook(a.as_mut(), || {
            b_got = Some(hook(b.as_mut(), || {
                queue.push(1);
                queue.push(2);
            }));
        });
        assert_eq!((a_got, b_got), (Poll::Pending, Some(Poll::Ready(1))));
        let mut a = spawn(a);
        assert_pending!(a.poll()); // item 2 waits in the queue, A sleeps
        assert!(!a.is_woken());
    });
}

/// Fact: internal
#[test]
fn after_enable_the_hook_runs_under_tokios_lock_and_a_ring_there_deadlocks() {
    // Listing 2-5's pop enables first, so its first real poll is a re-poll:
    // tokio clones the waker while it holds the Notify's lock.
    // A quarter of a second is hundreds of times what the poll takes when
    // the ring does not block.
    let result =
        listing_04_05::with_deadline(Duration::from_millis(250), || {
            let queue = listing_02_05::Queue::default();
            let mut pop = pin!(queue.pop());
            let _ = hook(pop.as_mut(), || queue.push(1));
        });
    assert!(result.is_err(), "the ring inside the hook did not block");
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

/// Fact: documented(timeout-cancels-the-future)
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

/// Fact: documented(notify-one-wakes-or-stores)
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

/// Fact: documented(timeout-cancels-the-future)
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
