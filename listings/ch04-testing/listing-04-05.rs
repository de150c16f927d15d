// Listing 4-5: a stress test with a deadline. Many rounds on real threads
// look for a bad interleaving; the deadline turns a lost wake-up, which
// would hang the test forever, into a failure with a message.
use std::collections::VecDeque;
use std::pin::pin;
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Notify;

/// Listing 2-5's queue: register with `enable()`, then look.
#[derive(Default)]
pub struct Queue {
    items: Mutex<VecDeque<u32>>,
    bell: Notify,
}

impl Queue {
    pub fn push(&self, item: u32) {
        self.items.lock().unwrap().push_back(item);
        self.bell.notify_one();
    }

    pub async fn pop(&self) -> u32 {
        let mut notified = pin!(self.bell.notified());
        loop {
            notified.as_mut().enable();
            if let Some(item) = self.items.lock().unwrap().pop_front() {
                return item;
            }
            notified.as_mut().await;
            notified.set(self.bell.notified());
        }
    }
}

// ANCHOR: shown
/// Runs `test` on a thread of its own and gives up after `limit`.
pub fn with_deadline(
    limit: Duration,
    test: impl FnOnce() + Send + 'static,
) -> Result<(), String> {
    let (done, finished) = channel();
    std::thread::spawn(move || {
        test();
        let _ = done.send(());
    });
    match finished.recv_timeout(limit) {
        Ok(()) => Ok(()),
        Err(RecvTimeoutError::Timeout) => Err(format!(
            "not finished after {limit:?}: a hang (lost wake-up?)"
        )),
        Err(RecvTimeoutError::Disconnected) => Err("it panicked".into()),
    }
}

/// Two consumers and two producers, `rounds` times, on two threads.
pub fn stress_queue(rounds: usize) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .unwrap();
    runtime.block_on(async {
        for _ in 0..rounds {
            let queue = Arc::new(Queue::default());
            let pop =
                |q: Arc<Queue>| tokio::spawn(async move { q.pop().await });
            let push =
                |q: Arc<Queue>, i| tokio::spawn(async move { q.push(i) });
            let a = pop(queue.clone());
            let b = pop(queue.clone());
            push(queue.clone(), 1);
            push(queue.clone(), 2);
            assert_eq!(a.await.unwrap() + b.await.unwrap(), 3);
        }
    });
}

fn main() {
    let stress = with_deadline(Duration::from_secs(60), || stress_queue(1_000));
    println!("1,000 rounds: {stress:?}");

    let hang = with_deadline(Duration::from_millis(100), || {
        let bell = Notify::new();
        tokio_test::block_on(bell.notified()); // nobody will ring
    });
    println!("a wait nobody ends: {hang:?}");
}
// ANCHOR_END: shown
