// Listing 8-13: broken twin. The same pool, but a broken connection is
// closed without a ring: there is room for a new one, and nobody is told.
// (bb8 had this bug, #167; the fix, #194, rings in that branch too.)
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::timeout;

pub struct Pool {
    state: Mutex<State>,
    freed: Notify,
}

struct State {
    idle: VecDeque<u32>,
    open: usize,
    max: usize,
    last_id: u32,
}

impl Pool {
    pub fn new(max: usize) -> Pool {
        let state = State {
            idle: VecDeque::new(),
            open: 0,
            max,
            last_id: 0,
        };
        Pool {
            state: Mutex::new(state),
            freed: Notify::new(),
        }
    }

    pub async fn get(&self) -> u32 {
        loop {
            let notified = self.freed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            {
                let mut state = self.state.lock().unwrap();
                if let Some(conn) = state.idle.pop_front() {
                    return conn;
                }
                if state.open < state.max {
                    state.open += 1;
                    state.last_id += 1;
                    return state.last_id;
                }
            }
            notified.await;
        }
    }

    // ANCHOR: shown
    pub fn put_back(&self, conn: u32, broken: bool) {
        let mut state = self.state.lock().unwrap();
        if broken {
            state.open -= 1; // BROKEN: room for a new one, and no ring
            return;
        }
        state.idle.push_back(conn);
        drop(state);
        self.freed.notify_one();
    }
    // ANCHOR_END: shown
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let pool = Arc::new(Pool::new(1));
    let conn = pool.get().await;
    let waiter = tokio::spawn({
        let pool = pool.clone();
        async move { timeout(Duration::from_secs(30), pool.get()).await }
    });
    tokio::task::yield_now().await; // the waiter queues
    pool.put_back(conn, true);
    match waiter.await.unwrap() {
        Ok(conn) => println!("the waiter got connection {conn}"),
        Err(_) => {
            println!("the waiter timed out after 30 s; the pool had room")
        }
    }
}
