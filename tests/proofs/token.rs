//! `CancellationToken` (tokio-util 0.7.20): what it promises.

use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::Poll;

use tokio_test::task::spawn;
use tokio_test::{assert_pending, assert_ready, assert_ready_eq};
use tokio_util::sync::CancellationToken;

use crate::listing_03_10::MiniToken;
use crate::support::poll_with_clone_hook;

#[test]
fn cancel_is_sticky_and_a_wait_that_starts_later_is_ready_at_once() {
    let token = CancellationToken::new();
    token.cancel();
    assert!(token.is_cancelled());
    assert_ready!(spawn(token.cancelled()).poll());
    assert_ready!(spawn(token.clone().cancelled_owned()).poll());
}

#[test]
fn cancel_is_idempotent() {
    let token = CancellationToken::new();
    let mut waiting = spawn(token.cancelled());
    assert_pending!(waiting.poll());
    token.cancel();
    token.cancel(); // no effect, no panic
    assert_ready!(waiting.poll());
    assert!(token.is_cancelled());
}

#[test]
fn a_clone_is_the_same_token() {
    let token = CancellationToken::new();
    let clone = token.clone();
    assert_eq!(token, clone);
    assert_ne!(token, CancellationToken::new());
    clone.cancel();
    assert!(token.is_cancelled());
}

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

#[test]
fn cancelling_a_child_leaves_its_parent_alone() {
    let parent = CancellationToken::new();
    let child = parent.child_token();
    child.cancel();
    assert!(child.is_cancelled());
    assert!(!parent.is_cancelled());
}

#[test]
fn a_child_of_a_cancelled_token_starts_cancelled() {
    let parent = CancellationToken::new();
    parent.cancel();
    assert!(parent.child_token().is_cancelled());
}

#[test]
fn dropping_tokens_never_cancels() {
    let parent = CancellationToken::new();
    let child = parent.child_token();
    let clone = child.clone();
    drop(clone);
    drop(parent); // the parent is gone entirely
    assert!(!child.is_cancelled());
}

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

#[test]
fn cancelled_is_cancel_safe_a_dropped_wait_loses_nothing() {
    let token = CancellationToken::new();
    let mut first = spawn(token.cancelled());
    assert_pending!(first.poll());
    drop(first); // cancelled by select!, say
    token.cancel();
    assert_ready!(spawn(token.cancelled()).poll()); // the flag kept it
}

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

#[test]
fn a_cancel_in_the_middle_of_the_first_poll_of_cancelled_is_seen() {
    // The gap between cancelled()'s flag check and its Notified's
    // registration: tokio-util creates the Notified first, then checks.
    let token = CancellationToken::new();
    let mut waiting = pin!(token.cancelled());
    let polled = poll_with_clone_hook(waiting.as_mut(), || token.cancel());
    assert_eq!(polled, Poll::Ready(()));
}

#[test]
fn the_hand_made_mini_token_behaves_like_the_real_one() {
    // Listing 3-10: same answers in the same situations.
    let mini = MiniToken::default();
    let real = CancellationToken::new();
    let mut mini_wait = spawn(mini.cancelled());
    let mut real_wait = spawn(real.cancelled());
    assert_pending!(mini_wait.poll());
    assert_pending!(real_wait.poll());
    mini.cancel();
    real.cancel();
    assert!(mini_wait.is_woken() && real_wait.is_woken());
    assert_ready!(mini_wait.poll());
    assert_ready!(real_wait.poll());
    mini.cancel(); // idempotent, like the real one
    assert_ready!(spawn(mini.cancelled()).poll());
    assert_ready!(spawn(real.cancelled()).poll());

    let mini = MiniToken::default();
    let mut mid_poll = pin!(mini.cancelled());
    assert_eq!(
        poll_with_clone_hook(mid_poll.as_mut(), || mini.cancel()),
        Poll::Ready(())
    );
}
