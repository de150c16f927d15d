// Listing 4-4: a seam at your own look. The collector looks at the state
// through one method, and a test can run code right after a look that found
// nothing: in the gap before the collector waits. A delivery there is kept;
// an announcement by broadcast is lost, and the collector sleeps by the
// letter.
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::task::Poll;

use tokio::sync::Notify;
use tokio_test::task;

// ANCHOR: seam
type Hook = Box<dyn FnOnce() + Send>;

#[derive(Default)]
pub struct Mailbox {
    letters: Mutex<VecDeque<String>>,
    bell: Notify,
    /// The seam. In your crate: `#[cfg(test)]`, on the field and its use.
    pub after_empty_look: Mutex<Option<Hook>>,
}

impl Mailbox {
    pub fn deliver(&self, letter: &str) {
        self.letters.lock().unwrap().push_back(letter.to_owned());
        self.bell.notify_one(); // nobody waiting: keeps a permit
    }

    /// BROKEN: a broadcast keeps nothing for a collector that is not
    /// waiting yet.
    pub fn announce(&self, letter: &str) {
        self.letters.lock().unwrap().push_back(letter.to_owned());
        self.bell.notify_waiters();
    }

    /// The one place the collector looks.
    fn look(&self) -> Option<String> {
        let letter = self.letters.lock().unwrap().pop_front();
        if letter.is_none() {
            let hook = self.after_empty_look.lock().unwrap().take();
            if let Some(hook) = hook {
                hook(); // the test acts here, in the gap
            }
        }
        letter
    }

    pub async fn collect(&self) -> String {
        loop {
            if let Some(letter) = self.look() {
                return letter;
            }
            self.bell.notified().await;
        }
    }
}
// ANCHOR_END: seam

// ANCHOR: seam
/// Sends a letter in the gap after the collector's first look; returns what
/// the collector's first poll gave, whether anything woke it, and the letters
/// left in the box.
pub fn send_in_the_gap(
    send: fn(&Mailbox, &str),
) -> (Poll<String>, bool, usize) {
    let mailbox = Arc::new(Mailbox::default());
    let postman = Arc::clone(&mailbox);
    *mailbox.after_empty_look.lock().unwrap() =
        Some(Box::new(move || send(&postman, "hello")));

    let mut collect = task::spawn(mailbox.collect());
    let first_poll = collect.poll();
    let left = mailbox.letters.lock().unwrap().len();
    (first_poll, collect.is_woken(), left)
}

fn main() {
    let (poll, woken, left) = send_in_the_gap(Mailbox::deliver);
    println!("deliver:  {poll:?}, woken = {woken}, letters left = {left}");
    let (poll, woken, left) = send_in_the_gap(Mailbox::announce);
    println!("announce: {poll:?}, woken = {woken}, letters left = {left}");
}
// ANCHOR_END: seam
