//! Tools for replaying races on one thread.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

/// Polls `future` once with a waker that runs `hook` the first time it is
/// cloned, then does nothing.
///
/// Why this is useful: on its first poll, a `Notified` that is neither
/// enabled nor holding a permit clones the task's waker *before* it takes the
/// lock and joins the queue of waiters (tokio 1.54, `notify.rs`, "Clone the
/// waker before locking"). The hook therefore runs at the exact instant a
/// second thread could: after the task looked at the state, before it is
/// registered. That turns a once-a-month race into a step-by-step replay of
/// the real code.
///
/// `hook` must not touch a `Notify` whose lock may be held at that moment;
/// `run_with_deadline` turns a resulting deadlock into a test failure.
pub fn poll_with_clone_hook<F: Future + ?Sized>(
    future: Pin<&mut F>,
    hook: impl FnOnce(),
) -> Poll<F::Output> {
    let hook: Cell<Option<Box<dyn FnOnce() + '_>>> =
        Cell::new(Some(Box::new(hook)));
    let data =
        &hook as *const Cell<Option<Box<dyn FnOnce() + '_>>> as *const ();
    // SAFETY: the waker and its clones never outlive this call's use of the
    // hook: clones carry a null pointer and do nothing, and only the original
    // (dropped before `hook`) reads `data`.
    let waker = unsafe { Waker::from_raw(RawWaker::new(data, &HOOK_VTABLE)) };
    let mut context = Context::from_waker(&waker);
    future.poll(&mut context)
}

static HOOK_VTABLE: RawWakerVTable =
    RawWakerVTable::new(clone_runs_hook, noop, noop, noop);
static NOOP_VTABLE: RawWakerVTable =
    RawWakerVTable::new(clone_noop, noop, noop, noop);

unsafe fn clone_runs_hook(data: *const ()) -> RawWaker {
    // SAFETY: `data` points at the hook cell in `poll_with_clone_hook`'s frame,
    // alive while the original waker is in use.
    let hook = unsafe { &*(data as *const Cell<Option<Box<dyn FnOnce()>>>) };
    if let Some(hook) = hook.take() {
        hook();
    }
    RawWaker::new(std::ptr::null(), &NOOP_VTABLE)
}

unsafe fn clone_noop(_: *const ()) -> RawWaker {
    RawWaker::new(std::ptr::null(), &NOOP_VTABLE)
}

unsafe fn noop(_: *const ()) {}

/// Runs `test` on its own thread and fails if it has not finished after
/// `seconds`: a replay that deadlocks or hangs fails instead of stalling the
/// suite. Passing never depends on timing, only failing late does.
pub fn run_with_deadline(
    seconds: u64,
    what: &str,
    test: impl FnOnce() + Send + 'static,
) {
    let (done_tx, done) = mpsc::channel();
    let runner = std::thread::spawn(move || {
        test();
        let _ = done_tx.send(());
    });
    match done.recv_timeout(Duration::from_secs(seconds)) {
        Ok(()) => runner.join().unwrap(),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            // The test panicked: report its own message.
            std::panic::resume_unwind(runner.join().unwrap_err())
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!(
                "{what}: did not finish within {seconds} s (deadlock or lost wake-up)"
            )
        }
    }
}
