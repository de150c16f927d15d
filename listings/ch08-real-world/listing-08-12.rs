// Listing 8-12: a pool that hands connections to waiters through a Notify.
// One ring per returned connection, or per broken one that made room; a
// woken waiter looks again, because someone else may have been faster.
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::sleep;

// ANCHOR: shown
pub struct Pool {
    state: Mutex<State>,
    freed: Notify, // "a connection, or room for one, may be free"
}

struct State {
    idle: VecDeque<u32>,
    open: usize, // connections that exist, idle or lent out
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

    /// An idle connection, or a new one if there is room; else wait.
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
        let mut state = self.state.lock().unwrap();
        if broken {
            state.open -= 1; // closed: room for a new one
        } else {
            state.idle.push_back(conn);
        }
        drop(state);
        self.freed.notify_one(); // either way, the next waiter may go
    }
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let pool = Arc::new(Pool::new(1));
    let conn = pool.get().await;
    println!("a got connection {conn}");
    let mut waiters = Vec::new();
    for name in ["b", "c"] {
        let pool = pool.clone();
        waiters.push(tokio::spawn(async move {
            let conn = pool.get().await;
            println!("{name} got connection {conn}");
            sleep(Duration::from_millis(10)).await; // use it
            conn
        }));
        sleep(Duration::from_millis(1)).await; // b queues before c
    }
    println!("a returns connection {conn}");
    pool.put_back(conn, false);
    let conn = waiters.remove(0).await.unwrap();
    println!("b returns connection {conn}, broken");
    pool.put_back(conn, true);
    waiters.remove(0).await.unwrap();
}
