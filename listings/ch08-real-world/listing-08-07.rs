// Listing 8-7: an accept() whose future holds a Notified created at the call,
// so a close() between the call and the first poll is not missed.
use std::collections::VecDeque;
use std::future::Future;
use std::sync::Mutex;

use tokio::sync::Notify;

// ANCHOR: shown
#[derive(Default)]
pub struct Endpoint {
    state: Mutex<(VecDeque<u32>, bool)>, // (incoming, closed)
    incoming: Notify,
}

impl Endpoint {
    pub fn close(&self) {
        self.state.lock().unwrap().1 = true;
        self.incoming.notify_waiters();
    }

    /// `None` once the endpoint is closed.
    pub fn accept(&self) -> impl Future<Output = Option<u32>> + '_ {
        let mut notified = self.incoming.notified(); // created NOW
        async move {
            loop {
                {
                    let mut state = self.state.lock().unwrap();
                    if let Some(connection) = state.0.pop_front() {
                        return Some(connection);
                    }
                    if state.1 {
                        return None;
                    }
                }
                notified.await;
                notified = self.incoming.notified();
            }
        }
    }
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let endpoint = Endpoint::default();
    let accepting = endpoint.accept(); // not polled yet
    endpoint.close();
    println!("accept() after close: {:?}", accepting.await);
}
