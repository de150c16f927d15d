//! Chapter 1: the inbox of Listing 1-3 and the waiters of Listing 1-5, run
//! as the book shows them.

use std::pin::pin;
use std::sync::{Arc, Mutex};

use tokio::sync::{Notify, mpsc};
use tokio_test::task::spawn;
use tokio_test::{assert_pending, assert_ready_eq};

use crate::support::WakeHook;
use crate::{listing_01_03, listing_01_06};

/// Fact: documented(notify-one-wakes-or-stores)
#[test]
fn push_changes_the_inbox_before_it_rings_so_a_woken_consumer_finds_the_item() {
    // The consumer waits in take_all(). When push() wakes it, the hook looks
    // at the inbox at that very instant: a consumer on another thread could
    // run then.
    let inbox = Arc::new(listing_01_03::Inbox::default());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let hook = WakeHook::new({
        let (inbox, seen) = (inbox.clone(), seen.clone());
        move || seen.lock().unwrap().push(inbox.items.lock().unwrap().len())
    });
    let mut take_all = pin!(inbox.take_all());
    assert!(hook.poll(take_all.as_mut()).is_pending());
    inbox.push(1);
    assert_eq!(
        *seen.lock().unwrap(),
        [1],
        "woken before the item was there"
    );
}

/// Fact: documented(permit-before-the-wait)
#[test]
fn a_stored_permit_can_be_stale_so_the_state_must_be_checked_again() {
    // Listing 1-3: item 1's ring stores a permit; take_all() finds the item
    // without waiting, and the permit stays, stale: a wait now returns at
    // once, with nothing in the inbox.
    let inbox = listing_01_03::Inbox::default();
    inbox.push(1);
    assert_ready_eq!(spawn(inbox.take_all()).poll(), vec![1]);
    let mut probe = pin!(inbox.bell.notified());
    assert!(probe.as_mut().enable(), "no permit was left");
    assert!(inbox.items.lock().unwrap().is_empty());

    // So take_all() looks again after it wakes: the next one takes the stale
    // permit, finds nothing, and waits, instead of returning an empty look.
    let inbox = listing_01_03::Inbox::default();
    inbox.push(1);
    assert_ready_eq!(spawn(inbox.take_all()).poll(), vec![1]);
    let mut next = spawn(inbox.take_all());
    assert_pending!(next.poll());
    inbox.push(2);
    assert_ready_eq!(next.poll(), vec![2]);
}

/// Runs Listing 1-6's `spawn_waiters` and rings `notify_last()` once:
/// which task wakes?
fn who_wakes_on_notify_last(line_up: bool) -> &'static str {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap();
    runtime.block_on(async {
        let bell = Arc::new(Notify::new());
        let (woke_tx, mut woke) = mpsc::unbounded_channel();
        listing_01_06::spawn_waiters(&bell, &woke_tx, line_up).await;
        bell.notify_last();
        woke.recv().await.unwrap()
    })
}

/// Fact: observed
#[test]
fn with_yield_now_the_tasks_wait_in_order_and_notify_last_wakes_the_newest() {
    assert_eq!(who_wakes_on_notify_last(true), "C");
}

/// Fact: observed
#[test]
fn without_yield_now_notify_last_finds_nobody_and_the_first_to_poll_takes_the_permit()
 {
    assert_eq!(who_wakes_on_notify_last(false), "A");
}
