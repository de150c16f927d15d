//! Tools for replaying races on one thread.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
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

/// A waker that runs a hook every time it is woken, and counts the wakes.
///
/// `notify_one`, `notify_last` and `notify_waiters` wake a waiter's waker
/// after they have let go of the `Notify`'s lock (tokio 1.54, `notify.rs`),
/// so the hook may look at anything, including the `Notify`. It runs at the
/// first instant a woken task on another thread could: what the hook sees is
/// what that task would see.
pub struct WakeHook {
    hook: Box<dyn Fn() + Send + Sync>,
    wakes: std::sync::atomic::AtomicUsize,
}

impl WakeHook {
    pub fn new(hook: impl Fn() + Send + Sync + 'static) -> Arc<WakeHook> {
        Arc::new(WakeHook {
            hook: Box::new(hook),
            wakes: std::sync::atomic::AtomicUsize::new(0),
        })
    }

    /// How often it has been woken.
    pub fn wakes(&self) -> usize {
        self.wakes.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Polls `future` once with this waker.
    pub fn poll<F: Future + ?Sized>(
        self: &Arc<Self>,
        future: Pin<&mut F>,
    ) -> Poll<F::Output> {
        let waker = Waker::from(self.clone());
        future.poll(&mut Context::from_waker(&waker))
    }
}

impl std::task::Wake for WakeHook {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.wakes.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        (self.hook)();
    }
}

/// Polls `future` once with a waker that does nothing.
pub fn poll_noop<F: Future + ?Sized>(future: Pin<&mut F>) -> Poll<F::Output> {
    future.poll(&mut Context::from_waker(Waker::noop()))
}

/// How long `meanwhile` waits for its step.
pub const PATIENCE: Duration = Duration::from_millis(400);

/// Runs `step` on another thread and waits for it, at most `PATIENCE`.
///
/// Called from a hook inside a poll, it runs `step` "in the gap" where the
/// hook stands. If the step needs a lock that this poll holds (a second
/// `Notify` call while tokio holds the `Notify`'s lock), it cannot run in
/// the gap, and the wait ends after `PATIENCE`: the step then runs as soon
/// as the poll lets go of the lock, which is what a real thread would do.
/// Either way the caller joins the returned handle before it asserts, so a
/// passing test never depends on timing. (A step that is slow for no reason
/// only makes the gap look closed: it can hide a bug, never invent one.)
pub fn meanwhile<T: Send + 'static>(
    step: impl FnOnce() -> T + Send + 'static,
) -> std::thread::JoinHandle<T> {
    let (done_tx, done) = mpsc::channel();
    let handle = std::thread::spawn(move || {
        let result = step();
        let _ = done_tx.send(());
        result
    });
    let _ = done.recv_timeout(PATIENCE);
    handle
}
