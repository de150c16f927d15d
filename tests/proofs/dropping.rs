//! Dropping a `Notified`: what happens to its ring and to its place in line.

use tokio::sync::Notify;
use tokio_test::task::spawn;
use tokio_test::{assert_pending, assert_ready};

/// Fact: observed
#[test]
fn a_picked_waiter_dropped_before_seeing_the_ring_passes_it_to_the_next_waiter()
{
    // Already so in tokio 1.4's source; 1.5.0 (#3652) fixed a drop that
    // could erase a permit stored after a broadcast.
    let bell = Notify::new();
    let mut a = spawn(bell.notified());
    let mut b = spawn(bell.notified());
    assert_pending!(a.poll());
    assert_pending!(b.poll());
    bell.notify_one(); // picks A
    assert!(a.is_woken() && !b.is_woken());
    drop(a);
    assert!(b.is_woken());
    assert_ready!(b.poll());
}

/// Fact: observed
#[test]
fn a_picked_waiter_dropped_with_nobody_else_waiting_leaves_a_permit() {
    let bell = Notify::new();
    let mut a = spawn(bell.notified());
    assert_pending!(a.poll());
    bell.notify_one();
    drop(a);
    assert_ready!(spawn(bell.notified()).poll());
}

/// Fact: observed
#[test]
fn dropping_a_never_polled_notified_leaves_a_stored_permit_alone() {
    let bell = Notify::new();
    bell.notify_one();
    drop(bell.notified());
    assert_ready!(spawn(bell.notified()).poll());
}

/// Fact: observed
#[test]
fn a_broadcast_is_not_passed_on_when_its_future_is_dropped() {
    let bell = Notify::new();
    let mut a = spawn(bell.notified());
    assert_pending!(a.poll());
    bell.notify_waiters();
    drop(a); // completed by the broadcast, dropped unseen
    let mut later = spawn(bell.notified());
    assert_pending!(later.poll()); // nothing was forwarded
}

/// Fact: documented(notified-loses-its-place)
#[test]
fn dropping_a_waiting_future_loses_its_place_in_line() {
    let bell = Notify::new();
    let mut a = spawn(bell.notified());
    let mut b = spawn(bell.notified());
    assert_pending!(a.poll());
    assert_pending!(b.poll());
    drop(a); // cancelled, e.g. by select!
    let mut a_again = spawn(bell.notified());
    assert_pending!(a_again.poll()); // joins behind B
    bell.notify_one();
    assert_ready!(b.poll());
    assert_pending!(a_again.poll());
}
