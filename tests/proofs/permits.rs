//! The permit: what `notify_one` and `notify_last` store and whom they wake.

use tokio::sync::Notify;
use tokio_test::task::spawn;
use tokio_test::{assert_pending, assert_ready};

/// Fact: documented(notify-one-wakes-or-stores)
#[test]
fn notify_one_with_nobody_waiting_stores_a_permit_for_the_next_wait() {
    let bell = Notify::new();
    bell.notify_one();
    let mut wait = spawn(bell.notified());
    assert_ready!(wait.poll());
}

/// Fact: documented(one-permit)
#[test]
fn many_notify_one_calls_with_nobody_waiting_store_one_permit() {
    let bell = Notify::new();
    bell.notify_one();
    bell.notify_one();
    bell.notify_one();
    let mut first = spawn(bell.notified());
    let mut second = spawn(bell.notified());
    assert_ready!(first.poll());
    assert_pending!(second.poll());
}

/// Fact: documented(notify-one-wakes-or-stores)
#[test]
fn each_notify_one_wakes_one_registered_waiter_and_an_extra_call_stores_a_permit()
 {
    let bell = Notify::new();
    let mut waiters: Vec<_> = (0..3).map(|_| spawn(bell.notified())).collect();
    for waiter in &mut waiters {
        assert_pending!(waiter.poll()); // registered
    }
    for _ in 0..3 {
        bell.notify_one();
    }
    for waiter in &mut waiters {
        assert!(waiter.is_woken());
        assert_ready!(waiter.poll());
    }
    bell.notify_one(); // nobody left waiting
    assert_ready!(spawn(bell.notified()).poll());
}

/// Fact: documented(notify-one-wakes-or-stores)
#[test]
fn one_waiter_and_three_calls_give_one_wake_up_and_one_stored_permit() {
    let bell = Notify::new();
    let mut waiter = spawn(bell.notified());
    assert_pending!(waiter.poll());
    bell.notify_one();
    bell.notify_one();
    bell.notify_one();
    assert_ready!(waiter.poll());
    let mut next = spawn(bell.notified());
    let mut after = spawn(bell.notified());
    assert_ready!(next.poll()); // the permit the extra calls stored
    assert_pending!(after.poll()); // only one
}

/// Fact: documented(notify-one-wakes-the-first)
#[test]
fn notify_one_wakes_the_oldest_registered_waiter() {
    let bell = Notify::new();
    let mut a = spawn(bell.notified());
    let mut b = spawn(bell.notified());
    let mut c = spawn(bell.notified());
    assert_pending!(a.poll());
    assert_pending!(b.poll());
    assert_pending!(c.poll());
    bell.notify_one();
    assert!(a.is_woken() && !b.is_woken() && !c.is_woken());
    assert_ready!(a.poll());
    assert_pending!(b.poll());
}

/// Fact: documented(unpolled-misses-notify-one)
#[test]
fn a_waiter_registers_when_first_polled_not_when_created() {
    let bell = Notify::new();
    let mut created_first = spawn(bell.notified());
    let mut created_second = spawn(bell.notified());
    assert_pending!(created_second.poll()); // registers first
    assert_pending!(created_first.poll());
    bell.notify_one();
    assert_ready!(created_second.poll());
    assert_pending!(created_first.poll());
}

/// Fact: documented(notify-last-wakes-the-newest)
#[test]
fn notify_last_wakes_the_newest_registered_waiter() {
    let bell = Notify::new();
    let mut a = spawn(bell.notified());
    let mut b = spawn(bell.notified());
    let mut c = spawn(bell.notified());
    assert_pending!(a.poll());
    assert_pending!(b.poll());
    assert_pending!(c.poll());
    bell.notify_last();
    assert!(c.is_woken() && !a.is_woken() && !b.is_woken());
    assert_ready!(c.poll());
    assert_pending!(a.poll());
    assert_pending!(b.poll());
}

/// Fact: documented(enable-registers, enable-is-a-poll-without-waker)
#[test]
fn enable_registers_without_polling_and_calling_it_again_changes_nothing() {
    let bell = Notify::new();
    let mut first = std::pin::pin!(bell.notified());
    let mut second = spawn(bell.notified());
    assert!(!first.as_mut().enable()); // registered, not ready
    assert_pending!(second.poll()); // registered after `first`
    assert!(!first.as_mut().enable()); // again: no change of place
    bell.notify_one();
    assert!(
        first.as_mut().enable(),
        "the oldest registration was picked"
    );
    assert_pending!(second.poll());
}

/// Fact: documented(notified-is-fused)
#[test]
fn a_completed_notified_stays_ready_every_time_it_is_polled() {
    let bell = Notify::new();
    let mut wait = spawn(bell.notified());
    bell.notify_one();
    assert_ready!(wait.poll());
    assert_ready!(wait.poll());
    assert_ready!(wait.poll()); // no new ring needed: it is done for good
}

/// Fact: observed
#[test]
fn polling_a_waiter_again_keeps_its_place_in_the_queue() {
    let bell = Notify::new();
    let mut a = spawn(bell.notified());
    let mut b = spawn(bell.notified());
    assert_pending!(a.poll());
    assert_pending!(b.poll());
    assert_pending!(a.poll()); // polled again: still first
    bell.notify_one();
    assert_ready!(a.poll());
    assert_pending!(b.poll());
}

/// Fact: documented(enable-takes-the-permit)
#[test]
fn enable_takes_a_stored_permit_and_reports_ready() {
    let bell = Notify::new();
    bell.notify_one();
    let mut first = std::pin::pin!(bell.notified());
    assert!(first.as_mut().enable()); // took the permit
    let mut second = std::pin::pin!(bell.notified());
    assert!(!second.as_mut().enable()); // none left
}

/// Fact: documented(unpolled-misses-notify-one)
#[test]
fn a_created_but_unregistered_notified_is_passed_over_by_notify_one() {
    let bell = Notify::new();
    let mut created_first = spawn(bell.notified());
    let mut registered = spawn(bell.notified());
    assert_pending!(registered.poll());
    bell.notify_one();
    assert_ready!(registered.poll());
    assert_pending!(created_first.poll()); // its first poll finds no permit
}

/// Fact: documented(permit-before-the-wait)
#[test]
fn a_created_but_unregistered_notified_takes_the_permit_when_nobody_is_registered()
 {
    let bell = Notify::new();
    let mut created = spawn(bell.notified());
    bell.notify_one(); // nobody registered: a permit
    assert_ready!(created.poll());
}

/// Fact: documented(notify-last-wakes-the-newest)
#[test]
fn notify_last_with_nobody_waiting_stores_a_permit() {
    let bell = Notify::new();
    bell.notify_last();
    assert_ready!(spawn(bell.notified()).poll());
}
