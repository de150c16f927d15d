// Listing 4-1: a test that steps through a wait with tokio-test. The future
// runs only when the test polls it, so each step happens in the order the
// test says, on every run.
use std::collections::VecDeque;
use std::sync::Mutex;

use tokio::sync::Notify;

/// One consumer collects letters; `deliver` stores, then rings.
#[derive(Default)]
pub struct Mailbox {
    pub letters: Mutex<VecDeque<String>>,
    bell: Notify,
}

impl Mailbox {
    pub fn deliver(&self, letter: &str) {
        self.letters.lock().unwrap().push_back(letter.to_owned());
        self.bell.notify_one();
    }

    pub async fn collect(&self) -> String {
        loop {
            if let Some(letter) = self.letters.lock().unwrap().pop_front() {
                return letter;
            }
            self.bell.notified().await;
        }
    }
}

// ANCHOR: test
use tokio_test::task;
use tokio_test::{assert_pending, assert_ready_eq};

// In your crate: #[test] fn collect_waits_then_wakes_on_delivery() { ... }
pub fn collect_waits_then_wakes_on_delivery() {
    let mailbox = Mailbox::default();
    let mut collect = task::spawn(mailbox.collect()); // not polled yet

    assert_pending!(collect.poll()); // empty: it waits
    assert!(!collect.is_woken());

    mailbox.deliver("hello");
    assert!(collect.is_woken(), "deliver must wake the collector");
    assert_ready_eq!(collect.poll(), "hello");
}
// ANCHOR_END: test

fn main() {
    collect_waits_then_wakes_on_delivery();
    println!("test collect_waits_then_wakes_on_delivery ... ok");
}
