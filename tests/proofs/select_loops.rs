//! `Notified` inside `tokio::select!` loops: Listings 7-9, 7-10 and 7-11,
//! run as the book shows them.

use std::pin::pin;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::Notify;

use crate::{listing_07_09, listing_07_10, listing_07_11};

/// Fact: documented(notified-is-fused)
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn a_completed_pinned_notified_fires_on_every_turn_of_a_select_loop() {
    let bell = Notify::new();
    bell.notify_one(); // one ring
    assert_eq!(listing_07_10::handle_rings(&bell).await, 1_000);
}

/// Fact: documented(notified-is-fused)
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn set_rearms_a_pinned_notified_so_one_ring_is_handled_once() {
    let bell = Notify::new();
    bell.notify_one(); // one ring
    assert_eq!(listing_07_09::handle_rings(&bell).await, 1);
}

/// Fact: observed
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn notify_one_while_select_runs_a_handler_becomes_a_permit() {
    let seen = listing_07_11::rings_during_handler(Notify::notify_one).await;
    assert_eq!(seen, "saw the ring");
}

/// Fact: observed
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn notify_waiters_while_select_runs_a_handler_is_lost() {
    let seen =
        listing_07_11::rings_during_handler(Notify::notify_waiters).await;
    assert_eq!(seen, "missed it");
}

static PROBE_PICKED: AtomicBool = AtomicBool::new(false);

/// Rings from inside the handler, and finds out whether any waiter is still
/// registered on the bell: a probe joins the line, and `notify_one()` picks
/// the oldest registered waiter. If the probe is picked, nobody was before it.
fn ring_and_probe(bell: &Notify) {
    let mut probe = pin!(bell.notified());
    assert!(!probe.as_mut().enable());
    bell.notify_one();
    PROBE_PICKED.store(probe.as_mut().enable(), Ordering::SeqCst);
}

/// Fact: observed
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn select_drops_every_branch_future_before_it_runs_the_handler() {
    listing_07_11::rings_during_handler(ring_and_probe).await;
    assert!(
        PROBE_PICKED.load(Ordering::SeqCst),
        "the loop's notified() was still registered while the handler ran"
    );
}
