//! The correct patterns of chapter 2 under real parallelism.
//!
//! Each runs 10,000 rounds on a two-thread runtime, four rounds at a time
//! (four streams of 2,500, so that rounds also interleave with each other,
//! and the threads are never idle for long). A lost wake-up would
//! leave a task asleep forever, so every test is bounded by a deadline (real
//! time) and fails if it runs out. These tests do not prove the absence of
//! races (the deterministic tests in `examples` do the proving); they show the
//! fixed code holding up when threads really interleave.

use std::sync::Arc;
use std::time::Duration;

use crate::{listing_02_01, listing_02_03, listing_02_05, listing_02_06};
use crate::{listing_03_10, listing_03_11};

const ROUNDS: usize = 10_000;
const STREAMS: usize = 4;
const DEADLINE: Duration = Duration::from_secs(60);

fn multi_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_time()
        .build()
        .unwrap()
}

fn within_deadline<F: Future<Output = ()>>(what: &str, rounds: F) {
    multi_thread().block_on(async {
        if tokio::time::timeout(DEADLINE, rounds).await.is_err() {
            panic!("{what}: not done after {DEADLINE:?}: a wake-up was lost");
        }
    });
}

/// Runs `round` `ROUNDS` times, `STREAMS` at a time, under the deadline.
fn rounds<R, F>(what: &str, round: R)
where
    R: Fn() -> F + Send + Sync + 'static,
    F: Future<Output = ()> + Send + 'static,
{
    let round = Arc::new(round);
    within_deadline(what, async move {
        let streams: Vec<_> = (0..STREAMS)
            .map(|_| {
                let round = round.clone();
                tokio::spawn(async move {
                    for _ in 0..ROUNDS / STREAMS {
                        round().await;
                    }
                })
            })
            .collect();
        for stream in streams {
            stream.await.unwrap();
        }
    });
}

/// Supports: examples::start_signal_given_before_the_worker_waits_is_kept
#[test]
fn start_signal_10_000_rounds() {
    rounds("start signal", || async {
        let start = Arc::new(tokio::sync::Notify::new());
        let worker = tokio::spawn(listing_02_01::worker(start.clone()));
        listing_02_01::go(&start);
        worker.await.unwrap();
    });
}

/// Supports: examples::single_consumer_queue_a_push_between_the_look_and_the_registration_is_kept
#[test]
fn single_consumer_queue_10_000_items() {
    within_deadline("single-consumer queue", async {
        let queue = Arc::new(listing_02_03::Queue::default());
        let consumer = tokio::spawn({
            let queue = queue.clone();
            async move {
                for expected in 0..ROUNDS {
                    assert_eq!(queue.pop().await, expected);
                }
            }
        });
        for item in 0..ROUNDS {
            queue.push(item);
            if item % 64 == 0 {
                tokio::task::yield_now().await;
            }
        }
        consumer.await.unwrap();
    });
}

/// Supports: examples::fixed_queue_two_consumers_that_both_look_before_either_waits_each_get_an_item
#[test]
fn multi_consumer_queue_10_000_rounds_of_two_consumers_and_two_producers() {
    rounds("multi-consumer queue", || async {
        let queue = Arc::new(listing_02_05::Queue::default());
        let consumers: Vec<_> = (0..2)
            .map(|_| {
                let queue = queue.clone();
                tokio::spawn(async move { queue.pop().await })
            })
            .collect();
        let producers: Vec<_> = (0..2)
            .map(|item| {
                let queue = queue.clone();
                tokio::spawn(async move { queue.push(item) })
            })
            .collect();
        for producer in producers {
            producer.await.unwrap();
        }
        let mut got = Vec::new();
        for consumer in consumers {
            got.push(consumer.await.unwrap());
        }
        got.sort();
        assert_eq!(got, [0, 1]);
    });
}

/// Supports: examples::fixed_order_create_then_check_then_await_survives_a_stop_in_between
#[test]
fn stopping_four_workers_10_000_rounds() {
    rounds("stop many tasks", || async {
        let stop = Arc::new(listing_02_06::Stop::default());
        let workers: Vec<_> = (0..4)
            .map(|_| {
                tokio::spawn(listing_02_06::worker(
                    stop.clone(),
                    Duration::from_secs(3600),
                ))
            })
            .collect();
        stop.stop();
        for worker in workers {
            assert_eq!(worker.await.unwrap(), 0);
        }
    });
}

/// Supports: mini_token::replay_a_cancel_between_creating_and_checking_is_seen
#[test]
fn mini_token_reaches_four_waiters_10_000_rounds() {
    rounds("hand-made token", || async {
        let token = Arc::new(listing_03_10::MiniToken::default());
        let waiters: Vec<_> = (0..4)
            .map(|_| {
                let token = token.clone();
                tokio::spawn(async move { token.cancelled().await })
            })
            .collect();
        token.cancel();
        for waiter in waiters {
            waiter.await.unwrap();
        }
    });
}

/// Supports: versus::hybrid_two_idle_workers_each_wake_for_one_of_two_jobs
#[test]
fn hybrid_two_workers_two_jobs_10_000_rounds() {
    rounds("hybrid workers", || async {
        let jobs = Arc::new(listing_03_11::Jobs::default());
        let stop = tokio_util::sync::CancellationToken::new();
        let workers: Vec<_> = (0..2)
            .map(|_| {
                let (jobs, stop) = (jobs.clone(), stop.clone());
                tokio::spawn(async move {
                    listing_03_11::next_job(&jobs, &stop).await
                })
            })
            .collect();
        let producers: Vec<_> = (1..=2)
            .map(|job| {
                let jobs = jobs.clone();
                tokio::spawn(async move { jobs.push(job) })
            })
            .collect();
        for producer in producers {
            producer.await.unwrap();
        }
        let mut got = Vec::new();
        for worker in workers {
            got.push(worker.await.unwrap());
        }
        got.sort();
        assert_eq!(got, [Some(1), Some(2)]);
    });
}
