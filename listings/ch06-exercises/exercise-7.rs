//! Exercise 7: write the test that catches Listing 2-4's bug.
//!
//! `Broken` is Listing 2-4's queue and `Fixed` is Listing 2-5's. Write
//! `two_consumers_never_lose_a_wake_up`, a test that works on either: it
//! must fail (panic) on `Broken` and pass on `Fixed`. The check runs it on
//! both.
//!
//! Check your work: cargo test --test exercises exercise_7
// ANCHOR: task
use std::collections::VecDeque;
use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};

use tokio::sync::Notify;

/// Your test: two consumers share a `Q`; whatever the order of events, no
/// consumer may sleep while an item waits for it.
pub fn two_consumers_never_lose_a_wake_up<Q: SharedQueue>() {
    // ANCHOR: solution
    let queue = Q::default();
    let mut a = pin!(queue.pop());
    let mut b = pin!(queue.pop());
    let mut b_first = Poll::Pending;
    // A looks and finds nothing. Right then, B looks and finds nothing, and
    // right then two items arrive: neither consumer waits yet.
    let a_first = after_empty_look(
        || {
            let rings = || {
                queue.push(1);
                queue.push(2);
            };
            b_first = after_empty_look(rings, || poll_once(b.as_mut()));
        },
        || poll_once(a.as_mut()),
    );
    // Each has its item now, or gets it when it runs again.
    let a_got = a_first.is_ready() || poll_once(a.as_mut()).is_ready();
    let b_got = b_first.is_ready() || poll_once(b.as_mut()).is_ready();
    assert!(a_got && b_got, "a wake-up was lost: a consumer sleeps by an item");
    // ANCHOR_END: solution
    /* STARTER
    todo!("order two consumers and two pushes so that a wake-up is lost")
    */
}

/// What your test can do with a queue.
pub trait SharedQueue: Default {
    fn push(&self, item: u32);
    fn pop(&self) -> impl Future<Output = u32> + '_;
}

/// Polls `future` once, with a waker that does nothing.
pub fn poll_once<F: Future + ?Sized>(future: Pin<&mut F>) -> Poll<F::Output> {
    future.poll(&mut Context::from_waker(Waker::noop()))
}

/// Runs `body`; the first look at a queue during it that finds nothing runs
/// `hook` right then: after the look, before the consumer waits. A hook may
/// call `after_empty_look` again.
pub fn after_empty_look<R>(hook: impl FnOnce(), body: impl FnOnce() -> R) -> R {
    test_support::with_hook(hook, body)
}
// ANCHOR_END: task

fn empty_look() {
    test_support::run_hook();
}

/// Listing 2-4's queue: one consumer at a time.
#[derive(Default)]
pub struct Broken {
    items: Mutex<VecDeque<u32>>,
    bell: Notify,
}

/// Listing 2-5's queue: any number of consumers.
#[derive(Default)]
pub struct Fixed {
    items: Mutex<VecDeque<u32>>,
    bell: Notify,
}

macro_rules! hooked_queue {
    ($queue:ident) => {
        impl $queue {
            pub fn push(&self, item: u32) {
                self.items.lock().unwrap().push_back(item);
                self.bell.notify_one();
            }

            pub fn try_pop(&self) -> Option<u32> {
                let item = self.items.lock().unwrap().pop_front();
                if item.is_none() {
                    empty_look();
                }
                item
            }
        }

        impl SharedQueue for $queue {
            fn push(&self, item: u32) {
                $queue::push(self, item)
            }
            fn pop(&self) -> impl Future<Output = u32> + '_ {
                $queue::pop(self)
            }
        }
    };
}
hooked_queue!(Broken);
hooked_queue!(Fixed);

impl Broken {
    pub async fn pop(&self) -> u32 {
        loop {
            if let Some(item) = self.try_pop() {
                return item;
            }
            self.bell.notified().await;
        }
    }
}

impl Fixed {
    pub async fn pop(&self) -> u32 {
        let mut notified = pin!(self.bell.notified());
        loop {
            // 1. Take a place in the queue of waiters: from now on, a
            //    notify_one() picks this future (or the oldest before it).
            notified.as_mut().enable();
            // 2. Only then look.
            if let Some(item) = self.try_pop() {
                return item;
            }
            // 3. Wait. A push since step 1 has already picked the oldest
            //    registered waiter, perhaps us.
            notified.as_mut().await;
            // 4. Someone may have taken the item first: new future, go round.
            notified.set(self.bell.notified());
        }
    }
}

// ---------------------------------------------------------------------------
// Test support: do not edit, do not copy. The checks use it to act at the
// worst moment. It keeps a borrowing closure for the length of one call,
// which takes `unsafe`; the code you write never needs it.
mod test_support {
    use std::cell::RefCell;

    thread_local! {
        static HOOKS: RefCell<Vec<Box<dyn FnOnce()>>> = const { RefCell::new(Vec::new()) };
    }

    pub fn with_hook<R>(hook: impl FnOnce(), body: impl FnOnce() -> R) -> R {
        struct Remove(usize);
        impl Drop for Remove {
            fn drop(&mut self) {
                HOOKS.with_borrow_mut(|hooks| hooks.truncate(self.0));
            }
        }
        let hook: Box<dyn FnOnce() + '_> = Box::new(hook);
        // SAFETY: only the lifetime changes, and `Remove` takes the hook out
        // before this function returns, so it never runs after what it
        // borrows.
        let hook = unsafe {
            std::mem::transmute::<Box<dyn FnOnce() + '_>, Box<dyn FnOnce()>>(
                hook,
            )
        };
        let _remove = Remove(HOOKS.with_borrow(Vec::len));
        HOOKS.with_borrow_mut(|hooks| hooks.push(hook));
        body()
    }

    pub fn run_hook() {
        if let Some(hook) = HOOKS.with_borrow_mut(Vec::pop) {
            hook();
        }
    }
}

fn main() {
    println!(
        "Exercise 7: check your work with `cargo test --test exercises exercise_7`"
    );
}
