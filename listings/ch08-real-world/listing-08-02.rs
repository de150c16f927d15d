// Listing 8-2: a purge task that sleeps until the next expiry, or until a
// ring says the next expiry may have changed.
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::{Instant, sleep, sleep_until};

// ANCHOR: shown
pub struct Cache {
    /// expiry time -> key
    expiries: Mutex<BTreeMap<Instant, &'static str>>,
    earliest_changed: Notify,
}

impl Cache {
    pub fn insert(&self, key: &'static str, ttl: Duration) {
        let at = Instant::now() + ttl;
        let mut expiries = self.expiries.lock().unwrap();
        let is_new_earliest = expiries.keys().next().is_none_or(|&e| at < e);
        expiries.insert(at, key);
        drop(expiries);
        if is_new_earliest {
            self.earliest_changed.notify_one(); // recompute the deadline
        }
    }
}

pub async fn purge(cache: Arc<Cache>, start: Instant, purges: usize) {
    let mut expired = 0;
    while expired < purges {
        let next = cache.expiries.lock().unwrap().keys().next().copied();
        let Some(next) = next else {
            cache.earliest_changed.notified().await; // nothing to expire
            continue;
        };
        tokio::select! {
            _ = sleep_until(next) => {
                let key = cache.expiries.lock().unwrap().remove(&next).unwrap();
                let at = (Instant::now() - start).as_millis();
                println!("{at:>4} ms expired {key}");
                expired += 1;
            }
            _ = cache.earliest_changed.notified() => {} // look again
        }
    }
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    let cache = Arc::new(Cache {
        expiries: Mutex::new(BTreeMap::new()),
        earliest_changed: Notify::new(),
    });
    let task = tokio::spawn(purge(cache.clone(), start, 2));
    cache.insert("session", Duration::from_millis(900));
    sleep(Duration::from_millis(100)).await;
    cache.insert("token", Duration::from_millis(200)); // earlier: ring
    task.await.unwrap();
}
