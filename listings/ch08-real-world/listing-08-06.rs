// Listing 8-6: a pool that hands connections on through a Notify, and its
// broken twin (bb8 #167).
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::timeout;

// ANCHOR: shown
pub struct Pool {
    state: Mutex<State>,
    freed: Notify, // "a connection, or room for one, may be free"
}

#[derive(Default)]
struct State {
    idle: VecDeque<u32>,
    open: usize, // connections that exist, idle or lent out
    max: usize,
    last_id: u32,
}

impl Pool {
    pub async fn get(&self) -> u32 {
        loop {
            let notified = self.freed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable(); // in line before we look
            {
                let mut state = self.state.lock().unwrap();
                if let Some(conn) = state.idle.pop_front() {
                    return conn;
                }
                if state.open < state.max {
                    state.open += 1;
                    state.last_id += 1;
                    return state.last_id; // "connect"
                }
            }
            notified.await; // then look again
        }
    }

    pub fn put_back(&self, conn: u32, broken: bool) {
        self.give_back(conn, broken);
        self.freed.notify_one(); // either way, the next waiter may go
    }

    /// BROKEN twin: a broken connection makes room, and nobody is told.
    pub fn put_back_twin(&self, conn: u32, broken: bool) {
        self.give_back(conn, broken);
        if !broken {
            self.freed.notify_one();
        }
    }

    fn give_back(&self, conn: u32, broken: bool) {
        let mut state = self.state.lock().unwrap();
        if broken {
            state.open -= 1; // closed: room for a new one
        } else {
            state.idle.push_back(conn);
        }
    }
}
// ANCHOR_END: shown

impl Pool {
    pub fn new(max: usize) -> Pool {
        let state = State {
            max,
            ..State::default()
        };
        Pool {
            state: Mutex::new(state),
            freed: Notify::new(),
        }
    }
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    for twin in [false, true] {
        let pool = Arc::new(Pool::new(1));
        let conn = pool.get().await;
        let waiting = pool.clone();
        let waiter = tokio::spawn(async move {
            timeout(Duration::from_secs(30), waiting.get()).await.ok()
        });
        tokio::task::yield_now().await; // the waiter is in line
        let name = if twin { "put_back_twin" } else { "put_back" };
        match twin {
            false => pool.put_back(conn, true),
            true => pool.put_back_twin(conn, true),
        }
        match waiter.await.unwrap() {
            Some(conn) => println!("{name}: the waiter got connection {conn}"),
            None => println!("{name}: the waiter timed out; the pool had room"),
        }
    }
}
