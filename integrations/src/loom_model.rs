//! Chapter 4, "What loom can check": a flag-plus-bell protocol, written
//! with loom's types and checked under every interleaving of its threads.
//!
//! loom cannot look inside tokio's `Notify`, so the model's bell is loom's
//! own `Notify` (loom 0.7.3). Like tokio's, it keeps one permit when nobody
//! waits (`src/rt/notify.rs`: a `notified` flag that `wait` clears), and its
//! `wait` may also return spuriously once, which the loop absorbs.
//!
//! `cargo test -p integrations` runs the two tests; the root's `cargo test`
//! does not build loom. The `Arc` is std's: when a model fails, loom's `Arc`
//! panics a second time while the failure unwinds, which aborts the test
//! process instead of failing the one test.

// ANCHOR: shown
use std::sync::Arc; // std's: loom's would abort the should_panic test

use loom::sync::Notify;
use loom::sync::atomic::{AtomicBool, Ordering};
use loom::thread;

/// The state is a flag; the bell only says "go and look".
#[derive(Default)]
pub struct Ready {
    flag: AtomicBool,
    bell: Notify, // keeps one permit when nobody waits, as tokio's does
}

impl Ready {
    /// State first, ring second.
    pub fn set(&self) {
        self.flag.store(true, Ordering::Release);
        self.bell.notify();
    }

    /// BROKEN: ring first, state second.
    pub fn set_ring_first(&self) {
        self.bell.notify();
        self.flag.store(true, Ordering::Release);
    }

    /// Look; until the flag is set, wait for the bell and look again.
    pub fn wait(&self) {
        while !self.flag.load(Ordering::Acquire) {
            self.bell.wait();
        }
    }
}

/// One waiter and one setter, under every interleaving loom can make.
/// A waiter that can sleep forever fails the model with "deadlock".
pub fn check(set: fn(&Ready)) {
    loom::model(move || {
        let ready = Arc::new(Ready::default());
        let setter = thread::spawn({
            let ready = Arc::clone(&ready);
            move || set(&ready)
        });
        ready.wait();
        setter.join().unwrap();
    });
}

#[test]
fn state_first_ring_second_passes_every_interleaving() {
    check(Ready::set);
}

#[test]
#[should_panic(expected = "deadlock")]
fn ring_first_state_second_loses_the_wake_up() {
    check(Ready::set_ring_first);
}
// ANCHOR_END: shown
