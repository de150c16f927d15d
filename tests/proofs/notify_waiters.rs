//! `notify_waiters`: whom it reaches, and what it leaves behind.

use tokio::sync::Notify;
use tokio_test::task::spawn;
use tokio_test::{assert_pending, assert_ready};

/// Fact: documented(notify-waiters-reaches-created)
#[test]
fn notify_waiters_completes_every_notified_created_before_the_call_even_unpolled()
 {
    let bell = Notify::new();
    let mut polled = spawn(bell.notified());
    assert_pending!(polled.poll());
    let mut never_polled = spawn(bell.notified());
    bell.notify_waiters();
    assert!(polled.is_woken());
    assert_ready!(polled.poll());
    assert_ready!(never_polled.poll());
}

/// Fact: documented(notify-waiters-stores-nothing)
#[test]
fn notify_waiters_stores_no_permit() {
    let bell = Notify::new();
    bell.notify_waiters();
    let mut later = spawn(bell.notified());
    assert_pending!(later.poll());
}

/// Fact: documented(notify-waiters-stores-nothing)
#[test]
fn a_notified_created_after_notify_waiters_does_not_see_it() {
    let bell = Notify::new();
    let mut before = spawn(bell.notified());
    bell.notify_waiters();
    let mut after = spawn(bell.notified());
    assert_ready!(before.poll());
    assert_pending!(after.poll());
}

/// Fact: observed
#[test]
fn notify_waiters_leaves_a_stored_permit_alone() {
    let bell = Notify::new();
    bell.notify_one(); // a permit is stored
    bell.notify_waiters(); // nobody created a Notified: reaches nobody
    assert_ready!(spawn(bell.notified()).poll()); // the permit is still there
}

/// Fact: observed
#[test]
fn a_notified_completed_by_notify_waiters_leaves_the_permit_for_the_next_wait()
{
    // Since tokio 1.51 (#7996): the broadcast completes the future, and the
    // stored permit stays for someone else.
    let bell = Notify::new();
    bell.notify_one(); // a permit is stored
    let mut created_before = spawn(bell.notified());
    bell.notify_waiters();
    assert_ready!(created_before.poll());
    assert_ready!(spawn(bell.notified()).poll()); // the permit is still there
}

/// Fact: documented(notified-is-fused)
#[test]
fn a_future_completed_by_a_broadcast_does_not_take_a_later_permit() {
    // The order reported in tokio issue #7965, changed in 1.51 (#7996).
    let bell = Notify::new();
    let mut first = spawn(bell.notified()); // created, never polled
    bell.notify_waiters(); // completes `first`
    bell.notify_one(); // nobody registered: a permit
    assert_ready!(first.poll());
    assert_ready!(spawn(bell.notified()).poll()); // the permit is still there
}
