// Listing 3-10: the heart of a CancellationToken, by hand: a sticky flag and
// a Notify, waited on in the order create -> check -> await.
use std::sync::Mutex;

use tokio::sync::Notify;

// ANCHOR: shown
#[derive(Default)]
pub struct MiniToken {
    pub is_cancelled: Mutex<bool>,
    pub waker: Notify,
}

impl MiniToken {
    pub fn cancel(&self) {
        let mut cancelled = self.is_cancelled.lock().unwrap();
        if *cancelled {
            return; // idempotent
        }
        *cancelled = true; // the flag first...
        drop(cancelled);
        self.waker.notify_waiters(); // ...then wake everyone waiting
    }

    pub fn is_cancelled(&self) -> bool {
        *self.is_cancelled.lock().unwrap()
    }

    pub async fn cancelled(&self) {
        loop {
            let notified = self.waker.notified(); // create
            if self.is_cancelled() {
                return; // check
            }
            notified.await; // await
        }
    }
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let token = std::sync::Arc::new(MiniToken::default());
    let waiter = tokio::spawn({
        let token = token.clone();
        async move { token.cancelled().await }
    });
    tokio::task::yield_now().await;
    token.cancel();
    token.cancel();
    waiter.await.unwrap();
    token.cancelled().await; // late: returns at once
    println!("cancelled twice, waiter woken, late wait returned at once");
}
