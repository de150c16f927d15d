//! Chapter 8: the stop lost in a busy session (Listing 8-15), and its fix.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, mpsc};
use tokio::time::{sleep, timeout};
use tokio_util::sync::CancellationToken;

use crate::listing_08_15;

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
    let session = listing_08_15::session(bell.clone(), inbox);
    assert!(
        !stop_while_busy(session, commands, || bell.notify_waiters()).await
    );
}

/// Fact: documented(cancelled-after-cancel-is-ready)
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn with_a_token_a_stop_sent_while_the_session_is_busy_is_seen() {
    let token = CancellationToken::new();
    let (commands, inbox) = mpsc::channel(4);
    let session = listing_08_15::session_with_token(token.clone(), inbox);
    assert!(stop_while_busy(session, commands, || token.cancel()).await);
}

// ---------------------------------------------------------------------------
// Listing 8-12: a pool that hands connections on through a Notify, and its
// broken twin, Listing 8-13 (bb8 #167).

use tokio_test::task::spawn;
use tokio_test::{assert_pending, assert_ready, assert_ready_eq};

use crate::{listing_08_12, listing_08_13, listing_08_14};

/// Fact: documented(notify-one-wakes-the-first)
#[test]
fn pool_waiters_are_served_in_arrival_order() {
    let pool = listing_08_12::Pool::new(1);
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

/// Fact: documented(notify-one-wakes-or-stores)
#[test]
fn pool_a_broken_connection_makes_room_and_wakes_a_waiter() {
    let pool = listing_08_12::Pool::new(1);
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
    let pool = listing_08_12::Pool::new(1);
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

/// Fact: documented(notify-one-wakes-the-first)
#[test]
fn pool_a_woken_waiter_that_loses_the_race_queues_again_at_the_back() {
    let pool = listing_08_12::Pool::new(1);
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

/// Fact: documented(notify-one-wakes-or-stores)
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn pool_a_waiter_gets_a_new_connection_after_a_broken_return() {
    let pool = Arc::new(listing_08_12::Pool::new(1));
    let result = broken_return(
        pool,
        |pool| async move { pool.get().await },
        listing_08_12::Pool::put_back,
    )
    .await;
    assert_eq!(result.ok(), Some(2));
}

/// Fact: documented(notify-one-wakes-or-stores)
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn twin_pool_a_waiter_times_out_after_a_broken_return_though_there_is_room()
 {
    let pool = Arc::new(listing_08_13::Pool::new(1));
    let result = broken_return(
        pool.clone(),
        |pool| async move { pool.get().await },
        listing_08_13::Pool::put_back,
    )
    .await;
    assert!(result.is_err(), "the waiter timed out");
    let mut late = spawn(pool.get());
    assert_ready_eq!(late.poll(), 2, "yet the pool had room all along");
}

// ---------------------------------------------------------------------------
// Listing 8-14: a value published to many readers, with a version number.

/// Fact: documented(notify-waiters-stores-nothing)
#[test]
fn version_one_publish_wakes_every_waiting_reader() {
    let config = listing_08_14::Published::new("v0");
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
    let config = listing_08_14::Published::new("v0");
    // The reader has seen version 0 and is busy (not waiting) meanwhile:
    config.publish("v1");
    config.publish("v2");
    let mut reader = spawn(config.changed(0));
    assert_ready_eq!(reader.poll(), (2, "v2"), "no change lost, v1 skipped");
}

/// Fact: documented(notify-waiters-reaches-created)
#[test]
fn version_a_reader_that_has_seen_the_latest_waits() {
    let config = listing_08_14::Published::new("v0");
    config.publish("v1");
    let mut reader = spawn(config.changed(1));
    assert_pending!(reader.poll());
}
