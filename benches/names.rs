//! The benchmarks' names, shared by `signals.rs` (which runs them) and
//! `costs.rs` (which reads their results).

pub const PRIMITIVES: [&str; 6] = [
    "Notify",
    "mpsc(1)",
    "oneshot",
    "watch",
    "Semaphore",
    "CancellationToken",
];
pub const FAN_OUT: [&str; 4] =
    ["notify_waiters", "broadcast", "watch", "CancellationToken"];
pub const FAN_OUT_SIZES: [usize; 5] = [1, 10, 100, 1_000, 10_000];
pub const NOBODY: [&str; 3] =
    ["Notify::notify_one", "AtomicBool::store", "mpsc::try_send"];
