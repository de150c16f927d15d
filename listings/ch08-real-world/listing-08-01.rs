// Listing 8-1: a purge task sleeps until the next expiry, or until a ring
// says the next expiry may have changed.
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::{Instant, sleep, sleep_until};

// ANCHOR: shown
#[derive(Default)]
pub struct Cache {
    expiries: Mutex<BTreeMap<Instant, &'static str>>,
    earliest_changed: Notify,
}

impl Cache {
    pub fn insert(&self, key: &'static str, ttl: Duration) {
        let at = Instant::now() + ttl;
        let mut expiries = self.expiries.lock().unwrap();
        let first = expiries.keys().next().is_none_or(|&e| at < e);
        expiries.insert(at, key);
        drop(expiries);
        if first {
            self.earliest_changed.notify_one();
        }
    }

    /// Expires one key, at its time; returns it.
    pub async fn purge_next(&self) -> &'static str {
        loop {
            let next = self.expiries.lock().unwrap().keys().next().copied();
            let Some(next) = next else {
                self.earliest_changed.notified().await;
                continue;
            };
            tokio::select! {
                _ = sleep_until(next) => {
                    return self.expiries.lock().unwrap().remove(&next).unwrap();
                }
                _ = self.earliest_changed.notified() => {} // look again
            }
        }
    }
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    let cache = std::sync::Arc::new(Cache::default());
    let purge = tokio::spawn({
        let cache = cache.clone();
        async move {
            for _ in 0..2 {
                let key = cache.purge_next().await;
                println!("{:>4} ms expired {key}", start.elapsed().as_millis());
            }
        }
    });
    cache.insert("session", Duration::from_millis(900));
    sleep(Duration::from_millis(100)).await;
    cache.insert("token", Duration::from_millis(200));
    purge.await.unwrap();
}
