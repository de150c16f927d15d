//! Chapter 9's benchmarks: what a wake-up costs with Notify and the
//! alternatives. Run them, and regenerate the chapter's table and chart,
//! with `cargo run -p notify-benches --release --bin costs`.

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

mod names;
use names::{FAN_OUT, FAN_OUT_SIZES, NOBODY, PRIMITIVES};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use tokio::runtime::{Builder, Runtime};
use tokio::sync::{Notify, Semaphore, broadcast, mpsc, oneshot, watch};
use tokio_util::sync::CancellationToken;

fn runtime(multi_thread: bool) -> Runtime {
    if multi_thread {
        Builder::new_multi_thread()
            .worker_threads(2)
            .build()
            .unwrap()
    } else {
        Builder::new_current_thread().build().unwrap()
    }
}

/// One round trip: main wakes the other task, which wakes main back.
/// Returns the time `rounds` round trips took.
fn ping_pong(rt: &Runtime, primitive: &str, rounds: u64) -> Duration {
    rt.block_on(async move {
        match primitive {
            "Notify" => {
                let (ping, pong) =
                    (Arc::new(Notify::new()), Arc::new(Notify::new()));
                let (p, q) = (ping.clone(), pong.clone());
                let other = tokio::spawn(async move {
                    for _ in 0..rounds {
                        p.notified().await;
                        q.notify_one();
                    }
                });
                let start = Instant::now();
                for _ in 0..rounds {
                    ping.notify_one();
                    pong.notified().await;
                }
                let took = start.elapsed();
                other.await.unwrap();
                took
            }
            "mpsc(1)" => {
                let (ping_tx, mut ping_rx) = mpsc::channel::<()>(1);
                let (pong_tx, mut pong_rx) = mpsc::channel::<()>(1);
                let other = tokio::spawn(async move {
                    while ping_rx.recv().await.is_some() {
                        pong_tx.send(()).await.unwrap();
                    }
                });
                let start = Instant::now();
                for _ in 0..rounds {
                    ping_tx.send(()).await.unwrap();
                    pong_rx.recv().await.unwrap();
                }
                let took = start.elapsed();
                drop(ping_tx);
                other.await.unwrap();
                took
            }
            "oneshot" => {
                // A fresh pair of channels per round trip, made before the
                // clock starts: a oneshot cannot be reused.
                let mut mine = Vec::new();
                let mut theirs = Vec::new();
                for _ in 0..rounds {
                    let (ping_tx, ping_rx) = oneshot::channel::<()>();
                    let (pong_tx, pong_rx) = oneshot::channel::<()>();
                    mine.push((ping_tx, pong_rx));
                    theirs.push((ping_rx, pong_tx));
                }
                let other = tokio::spawn(async move {
                    for (ping_rx, pong_tx) in theirs {
                        ping_rx.await.unwrap();
                        pong_tx.send(()).unwrap();
                    }
                });
                let start = Instant::now();
                for (ping_tx, pong_rx) in mine {
                    ping_tx.send(()).unwrap();
                    pong_rx.await.unwrap();
                }
                let took = start.elapsed();
                other.await.unwrap();
                took
            }
            "watch" => {
                let (ping_tx, mut ping_rx) = watch::channel(0u64);
                let (pong_tx, mut pong_rx) = watch::channel(0u64);
                let other = tokio::spawn(async move {
                    for round in 1..=rounds {
                        ping_rx.changed().await.unwrap();
                        pong_tx.send(round).unwrap();
                    }
                });
                let start = Instant::now();
                for round in 1..=rounds {
                    ping_tx.send(round).unwrap();
                    pong_rx.changed().await.unwrap();
                }
                let took = start.elapsed();
                other.await.unwrap();
                took
            }
            "Semaphore" => {
                let (ping, pong) =
                    (Arc::new(Semaphore::new(0)), Arc::new(Semaphore::new(0)));
                let (p, q) = (ping.clone(), pong.clone());
                let other = tokio::spawn(async move {
                    for _ in 0..rounds {
                        p.acquire().await.unwrap().forget();
                        q.add_permits(1);
                    }
                });
                let start = Instant::now();
                for _ in 0..rounds {
                    ping.add_permits(1);
                    pong.acquire().await.unwrap().forget();
                }
                let took = start.elapsed();
                other.await.unwrap();
                took
            }
            "CancellationToken" => {
                // One-shot, like oneshot: a fresh pair of tokens per round
                // trip, made before the clock starts.
                let tokens: Vec<_> = (0..rounds)
                    .map(|_| {
                        (CancellationToken::new(), CancellationToken::new())
                    })
                    .collect();
                let theirs = tokens.clone();
                let other = tokio::spawn(async move {
                    for (ping, pong) in theirs {
                        ping.cancelled().await;
                        pong.cancel();
                    }
                });
                let start = Instant::now();
                for (ping, pong) in &tokens {
                    ping.cancel();
                    pong.cancelled().await;
                }
                let took = start.elapsed();
                other.await.unwrap();
                took
            }
            other => unreachable!("{other}"),
        }
    })
}

fn wake_up_latency(c: &mut Criterion) {
    for (name, multi) in [
        ("ping-pong current-thread", false),
        ("ping-pong multi-thread", true),
    ] {
        let rt = runtime(multi);
        let mut group = c.benchmark_group(name);
        for primitive in PRIMITIVES {
            group.bench_function(primitive, |b| {
                b.iter_custom(|rounds| ping_pong(&rt, primitive, rounds))
            });
        }
        group.finish();
    }
}

/// Wakes `n` waiting tasks once; returns the time from the signal until the
/// last of them has run.
fn fan_out_once(rt: &Runtime, primitive: &str, n: usize) -> Duration {
    rt.block_on(async move {
        let woken = Arc::new(AtomicUsize::new(0));
        let all_woken = Arc::new(Notify::new());
        let arrive = {
            let (woken, all_woken) = (woken.clone(), all_woken.clone());
            move || {
                if woken.fetch_add(1, Ordering::Relaxed) + 1 == n {
                    all_woken.notify_one();
                }
            }
        };
        let notify = Arc::new(Notify::new());
        let (broadcast_tx, _) = broadcast::channel::<()>(1);
        let (watch_tx, watch_rx) = watch::channel(());
        let token = CancellationToken::new();
        for _ in 0..n {
            let arrive = arrive.clone();
            match primitive {
                "notify_waiters" => {
                    let notified = notify.clone().notified_owned();
                    tokio::spawn(async move {
                        notified.await;
                        arrive();
                    });
                }
                "broadcast" => {
                    let mut rx = broadcast_tx.subscribe();
                    tokio::spawn(async move {
                        rx.recv().await.unwrap();
                        arrive();
                    });
                }
                "watch" => {
                    let mut rx = watch_rx.clone();
                    tokio::spawn(async move {
                        rx.changed().await.unwrap();
                        arrive();
                    });
                }
                "CancellationToken" => {
                    let cancelled = token.clone().cancelled_owned();
                    tokio::spawn(async move {
                        cancelled.await;
                        arrive();
                    });
                }
                other => unreachable!("{other}"),
            }
        }
        tokio::task::yield_now().await; // every task is now waiting
        let done = all_woken.notified();
        let start = Instant::now();
        match primitive {
            "notify_waiters" => notify.notify_waiters(),
            "broadcast" => drop(broadcast_tx.send(())),
            "watch" => watch_tx.send(()).unwrap(),
            "CancellationToken" => token.cancel(),
            _ => unreachable!(),
        }
        done.await;
        start.elapsed()
    })
}

fn fan_out(c: &mut Criterion) {
    let rt = runtime(false);
    let mut group = c.benchmark_group("fan-out current-thread");
    group.sample_size(20);
    for primitive in FAN_OUT {
        for n in FAN_OUT_SIZES {
            group.bench_with_input(
                BenchmarkId::new(primitive, n),
                &n,
                |b, &n| {
                    b.iter_custom(|iters| {
                        (0..iters)
                            .map(|_| fan_out_once(&rt, primitive, n))
                            .sum()
                    })
                },
            );
        }
    }
    group.finish();
}

fn nobody_waiting(c: &mut Criterion) {
    let mut group = c.benchmark_group("signal with nobody waiting");
    let notify = Notify::new();
    group.bench_function(NOBODY[0], |b| {
        b.iter(|| black_box(&notify).notify_one())
    });
    let flag = AtomicBool::new(false);
    group.bench_function(NOBODY[1], |b| {
        b.iter(|| black_box(&flag).store(true, Ordering::Release))
    });
    let (tx, _rx) = mpsc::channel::<()>(1);
    tx.try_send(()).unwrap(); // full: like a stored permit
    group.bench_function(NOBODY[2], |b| {
        b.iter(|| black_box(black_box(&tx).try_send(()).is_err()))
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = config();
    targets = wake_up_latency, fan_out, nobody_waiting
}
criterion_main!(benches);
