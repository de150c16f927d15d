//! Chapter 3: the hand-made token of Listing 3-10 gives the real token's
//! answers.

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::Poll;

use tokio_test::task::spawn;
use tokio_test::{assert_pending, assert_ready};
use tokio_util::sync::CancellationToken;

use crate::listing_03_10::MiniToken;
use crate::support::{WakeHook, poll_with_clone_hook};

/// What the checks below need from a token.
trait Token: Send + Sync + 'static {
    fn cancel(&self);
    fn is_cancelled(&self) -> bool;
    fn wait(&self) -> Pin<Box<dyn Future<Output = ()> + Send + '_>>;
}

impl Token for CancellationToken {
    fn cancel(&self) {
        CancellationToken::cancel(self)
    }
    fn is_cancelled(&self) -> bool {
        CancellationToken::is_cancelled(self)
    }
    fn wait(&self) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        Box::pin(self.cancelled())
    }
}

impl Token for MiniToken {
    fn cancel(&self) {
        MiniToken::cancel(self)
    }
    fn is_cancelled(&self) -> bool {
        MiniToken::is_cancelled(self)
    }
    fn wait(&self) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        Box::pin(self.cancelled())
    }
}

/// The answers of a token in the situations chapter 3 names.
fn answers<T: Token>(new: impl Fn() -> T) {
    // A waiter is woken by cancel(), and at the instant it is woken the
    // flag already says cancelled (the flag first, then the wake-up).
    let token = Arc::new(new());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let hook = WakeHook::new({
        let (token, seen) = (token.clone(), seen.clone());
        move || seen.lock().unwrap().push(token.is_cancelled())
    });
    let mut first = token.wait();
    let mut second = token.wait();
    assert!(hook.poll(first.as_mut()).is_pending());
    assert!(hook.poll(second.as_mut()).is_pending());
    token.cancel();
    // Both waiters are woken, and each saw the flag set.
    assert_eq!(
        *seen.lock().unwrap(),
        [true, true],
        "a waiter was not woken, or woken too early"
    );
    // Cancelling again changes nothing and wakes nobody again.
    token.cancel();
    assert_eq!(hook.wakes(), 2);
    assert!(token.is_cancelled());
    assert!(hook.poll(first.as_mut()).is_ready());
    assert!(hook.poll(second.as_mut()).is_ready());
    // Sticky: a wait that starts later is ready at once.
    assert_ready!(spawn(token.wait()).poll());
    // A cancel in the middle of a wait's first poll (after its look, before
    // it joins the waiters) is seen.
    let token = new();
    let mut mid_poll = token.wait();
    assert_eq!(
        poll_with_clone_hook(mid_poll.as_mut(), || token.cancel()),
        Poll::Ready(())
    );
}

/// Fact: documented(notify-waiters-reaches-created)
#[test]
fn the_hand_made_mini_token_behaves_like_the_real_one() {
    answers(CancellationToken::new);
    answers(MiniToken::default);
}

/// Fact: documented(notify-waiters-reaches-created)
#[test]
fn replay_a_cancel_between_creating_and_checking_is_seen() {
    // A replay: the steps of MiniToken::cancelled(), on Listing 3-10's own
    // token, with cancel() between them. The gap lies between two plain
    // calls, where no test can pause the real cancelled().
    let token = MiniToken::default();
    let notified = token.waker.notified(); // create
    token.cancel(); // in the gap
    assert!(token.is_cancelled(), "check: the flag is seen");
    assert_ready!(spawn(notified).poll()); // and the broadcast reached it
    // The other order loses it: check, cancel, then create.
    let token = MiniToken::default();
    assert!(!token.is_cancelled()); // check
    token.cancel(); // in the gap
    assert_pending!(spawn(token.waker.notified()).poll()); // create, await
}
