//! What the types allow: sharing, borrowing, statics.
//! These tests prove their claims by compiling; the runtime checks confirm
//! the futures work where the types say they can go.

use std::sync::Arc;

use tokio::sync::Notify;
use tokio::sync::futures::{Notified, OwnedNotified};

fn send_and_sync<T: Send + Sync>() {}
fn static_send<T: Send + 'static>(_: &T) {}

/// Fact: observed
#[test]
fn notify_and_its_futures_are_send_and_sync() {
    send_and_sync::<Notify>();
    send_and_sync::<Notified<'_>>();
    send_and_sync::<OwnedNotified>();
}

/// Fact: documented(notified-owned)
#[tokio::test(flavor = "current_thread")]
async fn notified_owned_is_static_and_can_be_spawned() {
    let bell = Arc::new(Notify::new());
    let waiting = bell.clone().notified_owned();
    static_send(&waiting);
    let task = tokio::spawn(waiting); // created before the broadcast
    bell.notify_waiters();
    task.await.unwrap();
}

static SHARED: Notify = Notify::const_new();

/// Fact: documented(const-new)
#[tokio::test(flavor = "current_thread")]
async fn const_new_makes_a_notify_that_lives_in_a_static() {
    let waiter = tokio::spawn(SHARED.notified()); // 'static borrow: spawnable
    SHARED.notify_one();
    waiter.await.unwrap();
}
