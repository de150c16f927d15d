//! `Notified` and tokio's cooperative budget.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::{Notify, mpsc};

fn flag_set_by_another_task() -> Arc<AtomicBool> {
    let ran = Arc::new(AtomicBool::new(false));
    let flag = ran.clone();
    tokio::spawn(async move { flag.store(true, Ordering::Release) });
    ran
}

/// Fact: internal
#[tokio::test(flavor = "current_thread")]
async fn ten_thousand_ready_notified_awaits_never_yield_to_other_tasks() {
    let other_ran = flag_set_by_another_task();
    let bell = Notify::new();
    for _ in 0..10_000 {
        bell.notify_one();
        bell.notified().await;
    }
    assert!(!other_ran.load(Ordering::Acquire));
}

/// Fact: observed
#[tokio::test(flavor = "current_thread")]
async fn ten_thousand_ready_mpsc_receives_do_yield_to_other_tasks() {
    let other_ran = flag_set_by_another_task();
    let (tx, mut rx) = mpsc::unbounded_channel();
    for i in 0..10_000 {
        tx.send(i).unwrap();
        rx.recv().await;
    }
    assert!(other_ran.load(Ordering::Acquire));
}
