//! Chapter 8: its retellings of real-world patterns, and their broken twins.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, mpsc};
use tokio::time::{sleep, timeout};
use tokio_util::sync::CancellationToken;

use crate::listing_08_08;

/// Sends one command, then the stop while the session handles it; returns
/// whether the session ended within 10 s (of paused time).
async fn stop_while_busy<F: Future<Output = ()> + Send + 'static>(
    session: F,
    commands: mpsc::Sender<&'static str>,
    stop: impl FnOnce(),
) -> bool {
    let task = tokio::spawn(session);
    commands.send("status").await.unwrap();
    sleep(Duration::from_millis(5)).await; // the session is handling it
    stop();
    timeout(Duration::from_secs(10), task).await.is_ok()
}

/// Fact: documented(notify-waiters-stores-nothing)
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn twin_a_stop_sent_while_the_session_is_busy_is_lost() {
    let bell = Arc::new(Notify::new());
    let (commands, inbox) = mpsc::channel(4);
    let session = listing_08_08::session(bell.clone(), inbox);
    assert!(
        !stop_while_busy(session, commands, || bell.notify_waiters()).await
    );
}

/// Fact: documented(cancelled-after-cancel-is-ready)
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn with_a_token_a_stop_sent_while_the_session_is_busy_is_seen() {
    let token = CancellationToken::new();
    let (commands, inbox) = mpsc::channel(4);
    let session = listing_08_08::session_with_token(token.clone(), inbox);
    assert!(stop_while_busy(session, commands, || token.cancel()).await);
}

// ---------------------------------------------------------------------------
// Listing 8-6: a pool that hands connections on through a Notify, and its
// broken twin, `put_back_twin` (bb8 #167).

use tokio_test::task::spawn;
use tokio_test::{assert_pending, assert_ready, assert_ready_eq};

use crate::{listing_08_06, listing_08_07};

/// Fact: documented(notify-one-wakes-the-first)
#[test]
fn pool_waiters_are_served_in_arrival_order() {
    let pool = listing_08_06::Pool::new(1);
    let conn = assert_ready!(spawn(pool.get()).poll());
    assert_eq!(conn, 1);
    let mut first = spawn(pool.get());
    let mut second = spawn(pool.get());
    assert_pending!(first.poll());
    assert_pending!(second.poll());
    pool.put_back(conn, false);
    assert!(first.is_woken(), "the first in line is woken");
    assert!(!second.is_woken(), "the second is not");
    assert_ready_eq!(first.poll(), 1);
    assert_pending!(second.poll());
}

/// Fact: documented(notify-one-wakes-the-first)
#[test]
fn pool_a_broken_connection_makes_room_and_wakes_a_waiter() {
    let pool = listing_08_06::Pool::new(1);
    let conn = assert_ready!(spawn(pool.get()).poll());
    assert_eq!(conn, 1);
    let mut waiter = spawn(pool.get());
    assert_pending!(waiter.poll());
    pool.put_back(conn, true);
    assert!(waiter.is_woken());
    assert_ready_eq!(waiter.poll(), 2, "a new connection, in the room made");
}

/// Fact: observed
#[test]
fn pool_a_waiter_that_gives_up_passes_its_turn_on() {
    let pool = listing_08_06::Pool::new(1);
    let conn = assert_ready!(spawn(pool.get()).poll());
    assert_eq!(conn, 1);
    let mut first = spawn(pool.get());
    let mut second = spawn(pool.get());
    assert_pending!(first.poll());
    assert_pending!(second.poll());
    pool.put_back(conn, false);
    assert!(first.is_woken() && !second.is_woken());
    drop(first); // it timed out, or its caller went away, before it looked
    assert!(second.is_woken(), "the ring moved on to the next in line");
    assert_ready_eq!(second.poll(), 1);
}

/// Fact: documented(enable-registers)
#[test]
fn pool_a_woken_waiter_that_loses_the_race_queues_again_at_the_back() {
    let pool = listing_08_06::Pool::new(1);
    let conn = assert_ready!(spawn(pool.get()).poll());
    assert_eq!(conn, 1);
    let mut first = spawn(pool.get());
    let mut second = spawn(pool.get());
    assert_pending!(first.poll());
    assert_pending!(second.poll());
    pool.put_back(conn, false);
    assert!(first.is_woken());
    // A newcomer asks before the woken waiter runs, and takes the connection.
    let conn = assert_ready!(spawn(pool.get()).poll());
    assert_eq!(conn, 1);
    assert_pending!(first.poll()); // nothing left: in line again...
    pool.put_back(conn, false);
    assert!(second.is_woken(), "...behind the second, who goes next");
    assert!(!first.is_woken());
    assert_ready_eq!(second.poll(), 1);
}

/// Gets the pool's only connection, queues a waiter with a 30 s timeout,
/// returns the connection as broken; the waiter's result.
async fn broken_return<P: Send + Sync + 'static, F>(
    pool: Arc<P>,
    get: impl Fn(Arc<P>) -> F,
    put_back: impl Fn(&P, u32, bool),
) -> Result<u32, tokio::time::error::Elapsed>
where
    F: Future<Output = u32> + Send + 'static,
{
    let conn = get(pool.clone()).await;
    let waiter =
        tokio::spawn(timeout(Duration::from_secs(30), get(pool.clone())));
    tokio::task::yield_now().await; // the waiter is in line
    put_back(&pool, conn, true);
    waiter.await.unwrap()
}

/// Fact: documented(notify-one-wakes-the-first)
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn pool_a_waiter_gets_a_new_connection_after_a_broken_return() {
    let pool = Arc::new(listing_08_06::Pool::new(1));
    let result = broken_return(
        pool,
        |pool| async move { pool.get().await },
        listing_08_06::Pool::put_back,
    )
    .await;
    assert_eq!(result.ok(), Some(2));
}

/// Fact: documented(notify-one-wakes-the-first)
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn twin_pool_a_waiter_times_out_after_a_broken_return_though_there_is_room()
 {
    let pool = Arc::new(listing_08_06::Pool::new(1));
    let result = broken_return(
        pool.clone(),
        |pool| async move { pool.get().await },
        listing_08_06::Pool::put_back_twin,
    )
    .await;
    assert!(result.is_err(), "the waiter timed out");
    let mut late = spawn(pool.get());
    assert_ready_eq!(late.poll(), 2, "yet the pool had room all along");
}

// ---------------------------------------------------------------------------
// Listing 8-7: a value published to many readers, with a version number.

/// Fact: documented(notify-waiters-notifies-every-waiting-task)
#[test]
fn version_one_publish_wakes_every_waiting_reader() {
    let config = listing_08_07::Published::new("v0");
    let mut a = spawn(config.changed(0));
    let mut b = spawn(config.changed(0));
    assert_pending!(a.poll());
    assert_pending!(b.poll());
    config.publish("v1");
    assert!(a.is_woken() && b.is_woken());
    assert_ready_eq!(a.poll(), (1, "v1"));
    assert_ready_eq!(b.poll(), (1, "v1"));
}

/// Fact: documented(notify-waiters-reaches-created)
#[test]
fn version_a_reader_busy_during_two_publishes_sees_only_the_latest() {
    let config = listing_08_07::Published::new("v0");
    // The reader has seen version 0 and is busy (not waiting) meanwhile:
    config.publish("v1");
    config.publish("v2");
    let mut reader = spawn(config.changed(0));
    assert_ready_eq!(reader.poll(), (2, "v2"), "no change lost, v1 skipped");
}

/// Fact: documented(notify-waiters-stores-nothing)
#[test]
fn version_a_reader_that_has_seen_the_latest_waits() {
    let config = listing_08_07::Published::new("v0");
    config.publish("v1");
    let mut reader = spawn(config.changed(1));
    assert_pending!(reader.poll());
}

// ---------------------------------------------------------------------------
// Listing 8-1: a purge task that sleeps until the next expiry, or until told.

use crate::{
    listing_08_01, listing_08_02, listing_08_03, listing_08_04, listing_08_05,
};

/// Fact: documented(notify-one-wakes-or-stores)
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn timed_an_earlier_expiry_wakes_the_sleeping_purge_task() {
    let cache = listing_08_01::Cache::default();
    cache.insert("session", Duration::from_millis(900));
    let mut purge = spawn(cache.purge_next());
    assert_pending!(purge.poll()); // asleep until 900 ms
    cache.insert("token", Duration::from_millis(200));
    assert!(
        purge.is_woken(),
        "the insert's ring wakes the sleeping task"
    );
    assert_pending!(purge.poll()); // it looks again: asleep until 200 ms
    sleep(Duration::from_millis(200)).await;
    assert!(purge.is_woken());
    assert_ready_eq!(purge.poll(), "token");
}

// ---------------------------------------------------------------------------
// Listing 8-2: a stale redraw request taken with enable(). Its `Notify` is a
// static, so these tests take turns.

static REDRAW_TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Fact: documented(one-permit, enable-takes-the-permit)
#[test]
fn enable_takes_the_one_permit_that_two_requests_left() {
    let _turn = REDRAW_TURN.lock().unwrap_or_else(|e| e.into_inner());
    while listing_08_02::take_redraw_request() {} // start with none
    listing_08_02::request_redraw();
    listing_08_02::request_redraw();
    assert!(listing_08_02::take_redraw_request(), "start_frame takes it");
    assert!(!listing_08_02::take_redraw_request(), "and none is left");
}

/// Fact: documented(notify-one-wakes-or-stores, enable-takes-the-permit)
#[test]
fn enable_a_request_made_during_the_frame_is_left_for_the_next() {
    let _turn = REDRAW_TURN.lock().unwrap_or_else(|e| e.into_inner());
    while listing_08_02::take_redraw_request() {}
    listing_08_02::request_redraw(); // while the frame is drawn
    assert!(listing_08_02::take_redraw_request());
}

// ---------------------------------------------------------------------------
// Listing 8-3: a static readiness flag (each test its own `Readiness`, made
// by the same `const fn` as the static).

/// Fact: documented(notify-waiters-notifies-every-waiting-task)
#[test]
fn readiness_one_mark_wakes_every_waiter_in_line() {
    let ready = listing_08_03::Readiness::new();
    let mut first = spawn(ready.wait());
    let mut second = spawn(ready.wait());
    assert_pending!(first.poll());
    assert_pending!(second.poll());
    ready.mark();
    assert!(first.is_woken() && second.is_woken());
    assert_ready!(first.poll());
    assert_ready!(second.poll());
}

/// Fact: documented(notify-waiters-stores-nothing)
#[test]
fn readiness_a_wait_after_the_mark_returns_at_once() {
    let ready = listing_08_03::Readiness::new();
    ready.mark();
    assert!(ready.until_ready().is_none());
    assert_ready!(spawn(ready.wait()).poll());
}

// ---------------------------------------------------------------------------
// Listing 8-4: a guard that rings on drop, and its twin.

/// Fact: documented(notify-waiters-notifies-every-waiting-task)
#[test]
fn ring_on_drop_a_waiter_in_line_is_woken_when_the_work_fails() {
    let done = listing_08_04::Done::default();
    let mut waiter = spawn(done.wait());
    assert_pending!(waiter.poll());
    assert!(listing_08_04::work(&done, Err("failed half-way")).is_err());
    assert!(waiter.is_woken());
    assert_ready!(waiter.poll());
}

/// Fact: documented(notify-waiters-notifies-every-waiting-task)
#[test]
fn ring_on_drop_a_panic_rings_too() {
    let done = listing_08_04::Done::default();
    let mut waiter = spawn(done.wait());
    assert_pending!(waiter.poll());
    let panicked =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _ring = listing_08_04::RingOnDrop(&done);
            panic!("the work panics");
        }));
    assert!(panicked.is_err());
    assert!(waiter.is_woken());
    assert_ready!(waiter.poll());
}

/// Fact: documented(notify-waiters-stores-nothing)
#[test]
fn ring_on_drop_a_wait_after_the_drop_returns_at_once() {
    let done = listing_08_04::Done::default();
    assert!(listing_08_04::work(&done, Ok(())).is_ok());
    assert_ready!(spawn(done.wait()).poll());
}

/// Fact: documented(notify-waiters-stores-nothing)
#[test]
fn twin_a_bare_ring_on_drop_reaches_no_wait_that_comes_later() {
    let bell = Notify::new();
    drop(listing_08_04::BareRingOnDrop(&bell));
    assert_pending!(spawn(bell.notified()).poll());
}

// ---------------------------------------------------------------------------
// Listing 8-5: a latch on a watch channel.

/// Fact: documented(watch-send-replace-with-no-receivers, watch-wait-for-checks-the-current-value)
#[test]
fn latch_a_wait_after_the_fire_returns_at_once() {
    let latch = listing_08_05::Latch::new();
    latch.fire(); // nobody subscribed yet
    assert_ready!(spawn(latch.wait()).poll());
}

/// Fact: documented(watch-wait-for-checks-the-current-value)
#[test]
fn latch_a_waiter_in_line_is_woken_by_the_fire() {
    let latch = listing_08_05::Latch::new();
    let mut waiter = spawn(latch.wait());
    assert_pending!(waiter.poll());
    latch.fire();
    assert!(waiter.is_woken());
    assert_ready!(waiter.poll());
}
