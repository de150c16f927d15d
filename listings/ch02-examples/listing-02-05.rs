// Listing 2-5: a queue with several consumers. Each consumer registers with
// enable() BEFORE it looks, so a push can never fall between the look and the
// wait.
use std::collections::VecDeque;
use std::pin::pin;
use std::sync::{Arc, Mutex};

use tokio::sync::Notify;

#[derive(Default)]
pub struct Queue<T> {
    pub items: Mutex<VecDeque<T>>,
    pub bell: Notify,
}

impl<T> Queue<T> {
    pub fn push(&self, item: T) {
        self.items.lock().unwrap().push_back(item);
        self.bell.notify_one();
    }

    pub fn try_pop(&self) -> Option<T> {
        self.items.lock().unwrap().pop_front()
    }

    // ANCHOR: shown
    /// Safe for any number of consumers.
    pub async fn pop(&self) -> T {
        let mut notified = pin!(self.bell.notified());
        loop {
            // 1. Take a place in the queue of waiters: from now on, a
            //    notify_one() picks this future (or the oldest before it).
            notified.as_mut().enable();
            // 2. Only then look.
            if let Some(item) = self.try_pop() {
                return item;
            }
            // 3. Wait. A push since step 1 has already picked the oldest
            //    registered waiter, perhaps us.
            notified.as_mut().await;
            // 4. Someone may have taken the item first: new future, go round.
            notified.set(self.bell.notified());
        }
    }
    // ANCHOR_END: shown
}

fn main() {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(two_consumers());
    // The same `Queue` on a multi-thread runtime, under load.
    println!("{}", on_four_threads(2_500));
}

/// Four producers push `per_producer` items each while four consumers pop;
/// the result says whether every item was taken exactly once, in time.
pub fn on_four_threads(per_producer: u32) -> String {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let queue = Arc::new(Queue::default());
        let consumers: Vec<_> = (0..4)
            .map(|_| {
                let queue = Arc::clone(&queue);
                tokio::spawn(async move {
                    let mut taken = Vec::new();
                    // `None` is the end of the work, one for each consumer.
                    while let Some(item) = queue.pop().await {
                        taken.push(item);
                    }
                    taken
                })
            })
            .collect();
        let producers: Vec<_> = (0..4)
            .map(|p| {
                let queue = Arc::clone(&queue);
                tokio::spawn(async move {
                    for i in 0..per_producer {
                        queue.push(Some(p * per_producer + i));
                        tokio::task::yield_now().await;
                    }
                })
            })
            .collect();
        let all = async {
            for producer in producers {
                producer.await.unwrap();
            }
            for _ in 0..4 {
                queue.push(None);
            }
            let mut taken = Vec::new();
            for consumer in consumers {
                taken.extend(consumer.await.unwrap());
            }
            taken
        };
        let total = 4 * per_producer;
        match tokio::time::timeout(std::time::Duration::from_secs(10), all).await {
            Err(_) => "on four threads: a consumer still waits after 10 s: a wake-up was lost".to_owned(),
            Ok(mut taken) => {
                taken.sort_unstable();
                if taken == (0..total).collect::<Vec<_>>() {
                    format!("on four threads: {total} items from 4 producers, each taken once by 4 consumers")
                } else {
                    format!("on four threads: {} of {total} items taken, or some twice", taken.len())
                }
            }
        }
    })
}

async fn two_consumers() {
    // ANCHOR: shown
    let queue = Arc::new(Queue::default());
    let consumers: Vec<_> = ["A", "B"]
        .into_iter()
        .map(|name| {
            let queue = Arc::clone(&queue);
            tokio::spawn(
                async move { format!("{name} got {}", queue.pop().await) },
            )
        })
        .collect();
    tokio::task::yield_now().await; // both are now waiting

    queue.push(1);
    queue.push(2);
    for consumer in consumers {
        println!("{}", consumer.await.unwrap());
    }
    // ANCHOR_END: shown
}
