//! Chapter 4, "Ask the runtime: task dumps": what a dump holds, on the
//! pinned tokio.
//!
//! `Handle::dump().await` returns a `Dump`; it prints nothing itself. Since
//! tokio 1.54.0 ("taskdump: skip non-idle tasks during taskdumps", #8568) a
//! task that is running while the dump is taken is left out: on a
//! current-thread runtime, the task that asks for the dump. (On the
//! multi-thread runtime the dump is taken on a thread of its own while the
//! asking task waits; these tests do not check that case.) A task parked on
//! `notified()` is idle, so it is in the dump. tokio does not document
//! either: this is observed in the pinned release.
//!
//! A dump needs `--cfg tokio_unstable` and tokio's `taskdump` feature (and
//! Linux on aarch64, x86, x86_64 or s390x), so this crate holds code only
//! with both, built in a target folder of its own (`bash .ci/run taskdump`):
//!
//! ```text
//! RUSTFLAGS="--cfg tokio_unstable" cargo test -p taskdump \
//!     --features taskdump --target-dir target/taskdump
//! ```
//!
//! On a current-thread runtime, spawned tasks run in the order they were
//! spawned, so the parked task is parked before the dumping task runs:
//! nothing here depends on timing.

#![cfg(all(
    tokio_unstable,
    feature = "taskdump",
    target_os = "linux",
    any(
        target_arch = "aarch64",
        target_arch = "x86",
        target_arch = "x86_64",
        target_arch = "s390x"
    )
))]

use std::sync::Arc;

use tokio::runtime::Handle;
use tokio::sync::Notify;
use tokio::task::Id;

/// Parks one task on `notified()`, then has a second task dump the runtime.
/// Returns the parked task's id, the dumping task's id, each dumped task's
/// id and printed trace, and whether the parked task still wakes on a ring
/// after the dump.
pub async fn dump_beside_a_parked_task() -> (Id, Id, Vec<(Id, String)>, bool) {
    let bell = Arc::new(Notify::new());
    let parked = tokio::spawn({
        let bell = Arc::clone(&bell);
        async move { bell.notified().await }
    });
    let dumper = tokio::spawn(async {
        let dump = Handle::current().dump().await;
        let tasks = dump
            .tasks()
            .iter()
            .map(|task| (task.id(), task.trace().to_string()))
            .collect::<Vec<_>>();
        (tokio::task::id(), tasks)
    });
    let (dumper_id, tasks) = dumper.await.unwrap();
    let parked_id = parked.id();
    bell.notify_one();
    let still_wakes = parked.await.is_ok();
    (parked_id, dumper_id, tasks, still_wakes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn current_thread() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
    }

    /// Fact: observed
    #[test]
    fn a_dump_holds_the_task_parked_on_notified_with_its_trace() {
        let (parked, _, tasks, still_wakes) =
            current_thread().block_on(dump_beside_a_parked_task());
        let ids: Vec<Id> = tasks.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, [parked], "the parked task, and only it");
        let trace = &tasks[0].1;
        assert!(
            trace.contains("tokio::sync::notify::Notified"),
            "the trace reaches Notified's poll:\n{trace}"
        );
        assert!(still_wakes, "the dump's re-poll kept it registered");
    }

    /// Fact: observed
    #[test]
    fn a_dump_leaves_out_the_task_that_is_running_it() {
        let (_, dumper, tasks, _) =
            current_thread().block_on(dump_beside_a_parked_task());
        assert!(
            tasks.iter().all(|(id, _)| *id != dumper),
            "the running task was dumped: {tasks:?}"
        );
    }
}
