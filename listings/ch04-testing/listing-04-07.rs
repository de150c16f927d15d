// Listing 4-7: a safety net around a wait. If no wake-up comes within a
// period, log it and look at the state again: a lost wake-up becomes a delay
// and a log line, not a task asleep forever.
use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::{Instant, sleep, timeout};

#[derive(Default)]
pub struct Mailbox {
    pub letters: Mutex<VecDeque<String>>,
    pub bell: Notify,
}

impl Mailbox {
    pub fn deliver(&self, letter: &str) {
        self.letters.lock().unwrap().push_back(letter.to_owned());
        self.bell.notify_one();
    }

    /// A bug: a second way in that forgets to ring.
    pub fn deliver_quietly(&self, letter: &str) {
        self.letters.lock().unwrap().push_back(letter.to_owned());
    }
}

// ANCHOR: shown
/// Collects a letter; every `period` without a wake-up, logs and re-checks.
pub async fn collect(mailbox: &Mailbox, period: Duration) -> String {
    loop {
        if let Some(letter) = mailbox.letters.lock().unwrap().pop_front() {
            return letter;
        }
        if timeout(period, mailbox.bell.notified()).await.is_err() {
            println!("warn: no wake-up for {period:?}; checking again");
        }
    }
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // ANCHOR: shown
    let mailbox = Mailbox::default();
    let period = Duration::from_secs(1);

    let start = Instant::now();
    let (letter, ()) = tokio::join!(collect(&mailbox, period), async {
        sleep(Duration::from_millis(300)).await;
        mailbox.deliver("rung");
    });
    println!("got {letter:?} after {:?}", start.elapsed());

    let start = Instant::now();
    let (letter, ()) = tokio::join!(collect(&mailbox, period), async {
        sleep(Duration::from_millis(300)).await;
        mailbox.deliver_quietly("quiet");
    });
    println!("got {letter:?} after {:?}", start.elapsed());
    // ANCHOR_END: shown
}
