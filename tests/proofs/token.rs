//! `CancellationToken` (tokio-util 0.7.20): what it promises.

use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::Poll;

use tokio_test::task::spawn;
use tokio_test::{assert_pending, assert_ready, assert_ready_eq};
use tokio_util::sync::CancellationToken;

use crate::support::{WakeHook, poll_with_clone_hook};

/// Fact: documented(cancelled-after-cancel-is-ready)
#[test]
fn cancel_is_sticky_and_a_wait_that_starts_later_is_ready_at_once() {
    let token = CancellationToken::new();
    token.cancel();
    assert!(token.is_cancelled());
    assert_ready!(spawn(token.cancelled()).poll());
    assert_ready!(spawn(token.clone().cancelled_owned()).poll());
}

/// Fact: observed
#[test]
fn cancel_is_idempotent() {
    // A second cancel() changes nothing: the token stays cancelled (it does
    // not toggle back), no waiter is woken a second time, and a child made
    // in between stays cancelled too.
    let token = CancellationToken::new();
    let hook = WakeHook::new(|| {});
    let mut waiting = pin!(token.cancelled());
    assert!(hook.poll(waiting.as_mut()).is_pending());
    token.cancel();
    assert_eq!(hook.wakes(), 1);
    let child = token.child_token();
    token.cancel(); // again: no effect, no panic
    assert_eq!(hook.wakes(), 1, "woken again by the second cancel()");
    assert!(token.is_cancelled() && child.is_cancelled());
    assert!(hook.poll(waiting.as_mut()).is_ready());
}

/// Fact: documented(a-clone-is-the-same-token)
#[test]
fn a_clone_is_the_same_token() {
    let token = CancellationToken::new();
    let clone = token.clone();
    assert_eq!(token, clone);
    assert_ne!(token, CancellationToken::new());
    clone.cancel();
    assert!(token.is_cancelled());
}

/// Fact: documented(cancel-wakes-every-waiter)
#[test]
fn cancelling_a_parent_cancels_its_children_and_wakes_their_waiters() {
    let parent = CancellationToken::new();
    let child = parent.child_token();
    let grandchild = child.child_token();
    let mut waiting = spawn(grandchild.cancelled());
    assert_pending!(waiting.poll());
    parent.cancel();
    assert!(child.is_cancelled() && grandchild.is_cancelled());
    assert!(waiting.is_woken(), "woken before cancel() returned");
    assert_ready!(waiting.poll());
}

/// Fact: documented(child-token)
#[test]
fn cancelling_a_child_leaves_its_parent_alone() {
    let parent = CancellationToken::new();
    let child = parent.child_token();
    child.cancel();
    assert!(child.is_cancelled());
    assert!(!parent.is_cancelled());
}

/// Fact: documented(child-of-a-cancelled-token)
#[test]
fn a_child_of_a_cancelled_token_starts_cancelled() {
    let parent = CancellationToken::new();
    parent.cancel();
    assert!(parent.child_token().is_cancelled());
}

/// Fact: observed
#[test]
fn dropping_tokens_never_cancels() {
    let parent = CancellationToken::new();
    let child = parent.child_token();
    let clone = child.clone();
    drop(clone);
    drop(parent); // the parent is gone entirely
    assert!(!child.is_cancelled());
}

/// Fact: documented(drop-guard)
#[test]
fn a_drop_guard_cancels_when_dropped_and_disarm_gives_the_token_back() {
    let token = CancellationToken::new();
    drop(token.clone().drop_guard());
    assert!(token.is_cancelled());

    let other = CancellationToken::new();
    let kept = other.clone().drop_guard().disarm();
    assert!(!other.is_cancelled());
    assert_eq!(kept, other);
}

/// Fact: documented(cancelled-is-cancel-safe)
#[test]
fn cancelled_is_cancel_safe_a_dropped_wait_loses_nothing() {
    // The cancel comes while the wait is in flight: it wakes the waiting
    // future, which is then dropped (by select!, say) before it saw the news.
    let token = CancellationToken::new();
    let mut first = spawn(token.cancelled());
    assert_pending!(first.poll());
    token.cancel();
    assert!(first.is_woken());
    drop(first); // woken, never polled again: the news is not in the future
    assert_ready!(spawn(token.cancelled()).poll()); // the flag kept it
    // The same with a bare Notify loses the broadcast: nothing was kept.
    let bell = tokio::sync::Notify::new();
    let mut waiting = spawn(bell.notified());
    assert_pending!(waiting.poll());
    bell.notify_waiters();
    drop(waiting);
    assert_pending!(spawn(bell.notified()).poll());
}

/// Fact: documented(run-until-cancelled-fairness)
#[test]
fn run_until_cancelled_on_a_cancelled_token_returns_none_without_polling_the_future()
 {
    let token = CancellationToken::new();
    let polled = Arc::new(AtomicBool::new(false));
    let work = {
        let polled = polled.clone();
        async move { polled.store(true, Ordering::Release) }
    };
    let mut run = spawn(token.run_until_cancelled(work));
    token.cancel(); // after creation, before the first poll
    assert_ready_eq!(run.poll(), None);
    assert!(!polled.load(Ordering::Acquire));
}

/// Fact: documented(run-until-cancelled-fairness)
#[test]
fn run_until_cancelled_after_the_first_poll_prefers_the_futures_result() {
    let token = CancellationToken::new();
    let bell = tokio::sync::Notify::new();
    let mut run = spawn(token.run_until_cancelled(bell.notified()));
    assert_pending!(run.poll());
    bell.notify_one();
    token.cancel(); // both ready now
    assert_ready_eq!(run.poll(), Some(()));
}

/// Fact: documented(cancel-wakes-every-waiter)
#[test]
fn a_cancel_in_the_middle_of_the_first_poll_of_cancelled_is_seen() {
    // The gap between cancelled()'s flag check and its Notified's
    // registration: tokio-util creates the Notified first, then checks.
    let token = CancellationToken::new();
    let mut waiting = pin!(token.cancelled());
    let polled = poll_with_clone_hook(waiting.as_mut(), || token.cancel());
    assert_eq!(polled, Poll::Ready(()));
}
